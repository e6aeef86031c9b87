package distribution

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSampleBlocks_FoldEqualsSingleRunBitForBit cuts runs into shards of several layouts,
// folds their blocks in index order with Merge, and compares with one call over the whole
// range: cmp.Diff on float64 is exact equality.
func TestSampleBlocks_FoldEqualsSingleRunBitForBit(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 5))
	games := incrementalGames(t, rng, 40)
	table := randomTable(t, rng, 6)
	for _, tc := range []struct {
		name    string
		g       Game
		s       Sampler
		opt     SampleOptions
		layouts [][]int // shard sizes, in draws order
	}{
		{"table/shapley", table, PermutationShapley, SampleOptions{Seed: 1, MaxPermutations: 200}, [][]int{{200}, {32, 168}, {64, 64, 72}}},
		{"coverage/shapley", games["coverage"], PermutationShapley, SampleOptions{Seed: 2, MaxPermutations: 130, Workers: 4}, [][]int{{130}, {96, 34}}},
		{"knn/antithetic", games["knn"], PermutationShapley, SampleOptions{Seed: 3, MaxPermutations: 150, Antithetic: true}, [][]int{{150}, {64, 86}, {128, 22}}},
		{"additive/truncated", games["additive"], PermutationShapley, SampleOptions{Seed: 4, MaxPermutations: 100, Truncation: 0.1}, [][]int{{32, 32, 32, 4}}},
		{"voting/banzhaf", games["voting"], MSRBanzhaf, SampleOptions{Seed: 5, MaxPermutations: 300, Workers: 2}, [][]int{{300}, {160, 140}}},
	} {
		var want Estimate
		var err error
		if tc.s == MSRBanzhaf {
			want, err = SampleBanzhaf(ctx, tc.g, tc.opt)
		} else {
			want, err = SampleShapley(ctx, tc.g, tc.opt)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, layout := range tc.layouts {
			t.Run(fmt.Sprintf("%s/%v", tc.name, layout), func(t *testing.T) {
				var acc Estimate
				start := 0
				for _, size := range layout {
					o := tc.opt
					o.Start, o.MaxPermutations = start, size
					err := SampleBlocks(ctx, tc.g, o, tc.s, func(b Estimate) error {
						var err error
						acc, err = acc.Merge(b)
						return err
					})
					if err != nil {
						t.Fatal(err)
					}
					start += size
				}
				if d := cmp.Diff(want, acc); d != "" {
					t.Errorf("folded shards differ from the single run (-want +got):\n%s", d)
				}
			})
		}
	}
}

func TestSampleBlocks_RejectsMisalignedShards(t *testing.T) {
	g, _ := NewAdditiveGame([]float64{1, 2})
	emit := func(Estimate) error { return nil }
	for _, opt := range []SampleOptions{
		{MaxPermutations: 10, Start: 5},
		{MaxPermutations: 10, Start: 32, Antithetic: true},
		{MaxPermutations: 0},
		{MaxPermutations: 10, TargetStdErr: 0.1},
	} {
		if err := SampleBlocks(context.Background(), g, opt, PermutationShapley, emit); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%+v: got %v, want ErrInvalidInput", opt, err)
		}
	}
}
