package assaybeam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	//lint:ignore SA1019 the tests run every pipeline on the deprecated direct runner too, to show the results do not depend on the runner
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/direct"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// runners are the Beam runners every pipeline test runs on: prism (Beam's portable local
// runner) and the older in-process direct runner.
var runners = []string{"prism", "direct"}

func runOn(t *testing.T, runner string, p *beam.Pipeline) {
	t.Helper()
	if _, err := beam.Run(context.Background(), runner, p); err != nil {
		t.Fatalf("%s: %v", runner, err)
	}
}

func coverageSpec(t testing.TB, n int, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 18))
	covers := make([][]int, n)
	for i := range covers {
		for range 1 + rng.IntN(5) {
			covers[i] = append(covers[i], rng.IntN(2*n))
		}
	}
	b, err := json.Marshal(map[string]any{"kind": "coverage", "game": map[string]any{"covers": covers}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// singleProcess is the reference: one call of the library's sampler.
func singleProcess(t *testing.T, cfg SampleConfig) string {
	t.Helper()
	g, err := ParseGame("game", cfg.Game)
	if err != nil {
		t.Fatal(err)
	}
	var est distribution.Estimate
	if cfg.Sampler == distribution.MSRBanzhaf {
		est, err = distribution.SampleBanzhaf(context.Background(), g, cfg.Options)
	} else {
		est, err = distribution.SampleShapley(context.Background(), g, cfg.Options)
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(est)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSampleSharded_EqualsSingleProcessBitForBit compares the JSON of the pipeline's estimate
// with the JSON of the single-process one: Go writes the shortest text that round-trips a
// float64, so equal text is equal bits.
func TestSampleSharded_EqualsSingleProcessBitForBit(t *testing.T) {
	knn, err := json.Marshal(map[string]any{"kind": "knn", "game": map[string]any{
		"train": [][]float64{{0, 0}, {1, 0}, {0, 1}, {2, 2}, {-1, 1}, {3, -1}}, "trainLabels": []int{0, 1, 0, 1, 1, 0},
		"test": [][]float64{{0.5, 0.5}, {2, 0}}, "testLabels": []int{0, 1}, "k": 2}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		cfg  SampleConfig
	}{
		{"coverage/auto shards", SampleConfig{Game: coverageSpec(t, 50, 1), Options: distribution.SampleOptions{Seed: 7, MaxPermutations: 300}, ShardSize: 64}},
		{"coverage/explicit shards out of order", SampleConfig{Game: coverageSpec(t, 50, 1), Options: distribution.SampleOptions{Seed: 7, MaxPermutations: 300},
			Shards: []Shard{{7, 256, 44}, {7, 0, 32}, {7, 96, 160}, {7, 32, 64}}}},
		{"knn/antithetic", SampleConfig{Game: knn, Options: distribution.SampleOptions{Seed: 8, MaxPermutations: 200, Antithetic: true}, ShardSize: 64}},
		{"coverage/banzhaf", SampleConfig{Game: coverageSpec(t, 20, 2), Sampler: distribution.MSRBanzhaf, Options: distribution.SampleOptions{Seed: 9, MaxPermutations: 500}, ShardSize: 100}},
	}
	for _, tc := range cases {
		want := singleProcess(t, tc.cfg)
		for _, runner := range runners {
			t.Run(tc.name+"/"+runner, func(t *testing.T) {
				p, s := beam.NewPipelineWithRoot()
				got, err := SampleSharded(s, tc.cfg)
				if err != nil {
					t.Fatal(err)
				}
				passert.Equals(s, got, want)
				runOn(t, runner, p)
			})
		}
	}
}

// TestSampleSharded_MergeShardsWithinRounding checks the cheaper mode: one estimate per shard,
// equal to the single-process one up to float64 rounding.
func TestSampleSharded_MergeShardsWithinRounding(t *testing.T) {
	cfg := SampleConfig{Game: coverageSpec(t, 40, 4), Options: distribution.SampleOptions{Seed: 3, MaxPermutations: 500}, ShardSize: 96, MergeShards: true}
	var want distribution.Estimate
	if err := json.Unmarshal([]byte(singleProcess(t, cfg)), &want); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	got, err := SampleSharded(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	beam.ParDo0(s, &closeToFn{Want: want}, got)
	runOn(t, "prism", p)
}

// closeToFn fails the pipeline unless the estimate equals Want up to 1e-12 relative.
type closeToFn struct{ Want distribution.Estimate }

func (f *closeToFn) ProcessElement(line string) error {
	var got distribution.Estimate
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		return err
	}
	if d := cmp.Diff(f.Want, got, cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
		return fmt.Errorf("merged shards differ from the single process beyond rounding (-want +got):\n%s", d)
	}
	return nil
}

func init() { register.DoFn1x1[string, error](&closeToFn{}) }

func TestSampleSharded_RejectsBadShardsAndGames(t *testing.T) {
	good := coverageSpec(t, 5, 3)
	opt := distribution.SampleOptions{Seed: 1, MaxPermutations: 128}
	cases := []struct {
		name  string
		cfg   SampleConfig
		index int // the shard the error must name; -1 for a game error
	}{
		{"overlap", SampleConfig{Game: good, Options: opt, Shards: []Shard{{1, 0, 64}, {1, 32, 96}}}, 1},
		{"gap", SampleConfig{Game: good, Options: opt, Shards: []Shard{{1, 0, 32}, {1, 64, 64}}}, 1},
		{"short", SampleConfig{Game: good, Options: opt, Shards: []Shard{{1, 0, 64}}}, 0},
		{"other seed", SampleConfig{Game: good, Options: opt, Shards: []Shard{{1, 0, 64}, {2, 64, 64}}}, 1},
		{"misaligned", SampleConfig{Game: good, Options: opt, Shards: []Shard{{1, 0, 40}, {1, 40, 88}}}, 1},
		{"game not JSON", SampleConfig{Game: []byte(`{"kind":"coverage","game":`), GameSource: "city.json", Options: opt}, -1},
		{"unknown kind", SampleConfig{Game: []byte(`{"kind":"poker","game":{}}`), GameSource: "city.json", Options: opt}, -1},
		{"invalid game", SampleConfig{Game: []byte(`{"kind":"airport","game":{"costs":[-1]}}`), GameSource: "city.json", Options: opt}, -1},
	}
	for _, tc := range cases {
		_, s := beam.NewPipelineWithRoot()
		_, err := SampleSharded(s, tc.cfg)
		if !errors.Is(err, ErrInvalidInput) || !errors.Is(err, assay.ErrInvalidInput) {
			t.Errorf("%s: got %v, want ErrInvalidInput", tc.name, err)
			continue
		}
		var se *ShardError
		var ge *GameError
		switch {
		case tc.index >= 0 && (!errors.As(err, &se) || se.Index != tc.index):
			t.Errorf("%s: got %v, want a *ShardError naming shard %d", tc.name, err, tc.index)
		case tc.index < 0 && (!errors.As(err, &ge) || ge.Source != "city.json"):
			t.Errorf("%s: got %v, want a *GameError naming city.json", tc.name, err)
		}
	}
}

func ExampleParseGame() {
	g, err := ParseGame("inline", []byte(`{"kind":"coverage","game":{"covers":[[1,2],[2,3]]}}`))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(g.Players(), g.Value([]int{0, 1}))
	// Output: 2 3
}
