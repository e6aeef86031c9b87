package distribution

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// coverageGame is v(S) = the number of districts covered by the holders in S: a cheap,
// monotone, saturating game.
type coverageGame struct{ covers []uint64 }

func (g coverageGame) Players() int { return len(g.covers) }
func (g coverageGame) Value(c []int) float64 {
	var u uint64
	for _, p := range c {
		u |= g.covers[p]
	}
	return float64(bits.OnesCount64(u))
}
func (g coverageGame) ValueMask(m uint64) float64 {
	var u uint64
	for ; m != 0; m &= m - 1 {
		u |= g.covers[bits.TrailingZeros64(m)]
	}
	return float64(bits.OnesCount64(u))
}

// withinStdErrs reports every player whose estimate is more than k standard errors (plus
// float slack) from the exact value.
func withinStdErrs(t *testing.T, exact []float64, est Estimate, k float64) {
	t.Helper()
	if len(est.StdErr) != len(exact) {
		t.Fatalf("StdErr has %d entries, want %d", len(est.StdErr), len(exact))
	}
	for i, x := range exact {
		if d := math.Abs(est.Values[i] - x); d > k*est.StdErr[i]+1e-9 {
			t.Errorf("player %d: estimate %.6g is %.2f standard errors (%.3g) from exact %.6g", i, est.Values[i], d/est.StdErr[i], est.StdErr[i], x)
		}
	}
}

func TestSampleShapley_WithinFourStdErrOfExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 9))
	for trial := range 4 {
		n := 5 + trial
		g := randomTable(t, rng, n)
		exact, err := Shapley(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		for _, opt := range []SampleOptions{
			{Seed: uint64(trial), MaxPermutations: 2000},
			{Seed: uint64(trial), MaxPermutations: 2000, Antithetic: true, Workers: 2},
		} {
			for _, game := range []Game{g, sliceGame{g}} {
				t.Run(fmt.Sprintf("n=%d/antithetic=%v/%T", n, opt.Antithetic, game), func(t *testing.T) {
					est, err := SampleShapley(context.Background(), game, opt)
					if err != nil {
						t.Fatal(err)
					}
					if est.Permutations != 2000 || est.Evaluations != 2000*n {
						t.Errorf("Permutations, Evaluations = %d, %d; want 2000, %d", est.Permutations, est.Evaluations, 2000*n)
					}
					withinStdErrs(t, exact, est, 4)
				})
			}
		}
	}
}

func TestSampleShapley_SameSeedAnyWorkers(t *testing.T) {
	g := randomTable(t, rand.New(rand.NewPCG(7, 9)), 9)
	for _, base := range []SampleOptions{
		{Seed: 42, MaxPermutations: 1000},
		{Seed: 42, MaxPermutations: 1001, Antithetic: true},
		{Seed: 42, TargetStdErr: 2},
	} {
		var want Estimate
		for _, workers := range []int{1, 2, 4, 7} {
			opt := base
			opt.Workers = workers
			got, err := SampleShapley(context.Background(), g, opt)
			if err != nil {
				t.Fatal(err)
			}
			if workers == 1 {
				want = got
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%+v: Workers=%d differs from Workers=1 (-want +got):\n%s", base, workers, diff)
			}
		}
	}
}

func TestSampleShapley_DifferentSeedsDiffer(t *testing.T) {
	g := randomTable(t, rand.New(rand.NewPCG(7, 9)), 6)
	a, _ := SampleShapley(context.Background(), g, SampleOptions{Seed: 1, MaxPermutations: 64})
	b, _ := SampleShapley(context.Background(), g, SampleOptions{Seed: 2, MaxPermutations: 64})
	if cmp.Equal(a.Values, b.Values) {
		t.Errorf("seeds 1 and 2 gave identical values %v", a.Values)
	}
}

func TestSampleShapley_TargetStdErrStopsEarly(t *testing.T) {
	g := randomTable(t, rand.New(rand.NewPCG(8, 9)), 7)
	est, err := SampleShapley(context.Background(), g, SampleOptions{Seed: 3, TargetStdErr: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	if est.Permutations == 0 || est.Permutations >= DefaultMaxPermutationsWithTarget || est.Permutations%blockDraws != 0 {
		t.Errorf("Permutations = %d, want a multiple of %d well below the cap", est.Permutations, blockDraws)
	}
	for i, se := range est.StdErr {
		if se > 1.5 {
			t.Errorf("StdErr[%d] = %v > target 1.5", i, se)
		}
	}
	// One block fewer would not have met the target: the run stopped at the first chance.
	prev, _ := SampleShapley(context.Background(), g, SampleOptions{Seed: 3, MaxPermutations: est.Permutations - blockDraws})
	if worst := maxFloat(prev.StdErr); worst <= 1.5 {
		t.Errorf("%d permutations already reach StdErr %v ≤ 1.5", prev.Permutations, worst)
	}
}

func maxFloat(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

func TestEstimate_MergeOfShardsEqualsWholeRun(t *testing.T) {
	g := randomTable(t, rand.New(rand.NewPCG(10, 9)), 8)
	ctx := context.Background()
	for _, anti := range []bool{false, true} {
		// Shards [0, 252) and [252, 600): 252 is even, a pair boundary for antithetic runs.
		whole, _ := SampleShapley(ctx, g, SampleOptions{Seed: 5, MaxPermutations: 600, Antithetic: anti})
		a, _ := SampleShapley(ctx, g, SampleOptions{Seed: 5, MaxPermutations: 252, Antithetic: anti, Workers: 3})
		b, _ := SampleShapley(ctx, g, SampleOptions{Seed: 5, MaxPermutations: 348, Start: 252, Antithetic: anti})
		got, err := b.Merge(a)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(whole, got, exactTol); diff != "" {
			t.Errorf("antithetic=%v: merge of shards vs whole run (-want +got):\n%s", anti, diff)
		}
		if _, err := a.Merge(a); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("merging overlapping ranges: error = %v, want ErrInvalidInput", err)
		}
	}
}

func TestEstimate_MergeOfBanzhafShards(t *testing.T) {
	g := randomTable(t, rand.New(rand.NewPCG(25, 9)), 7)
	ctx := context.Background()
	whole, _ := SampleBanzhaf(ctx, g, SampleOptions{Seed: 8, MaxPermutations: 900})
	a, _ := SampleBanzhaf(ctx, g, SampleOptions{Seed: 8, MaxPermutations: 400, Workers: 2})
	b, _ := SampleBanzhaf(ctx, g, SampleOptions{Seed: 8, MaxPermutations: 500, Start: 400})
	got, err := a.Merge(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole, got, exactTol); diff != "" {
		t.Errorf("merge of Banzhaf shards vs whole run (-want +got):\n%s", diff)
	}
	shapley, _ := SampleShapley(ctx, g, SampleOptions{Seed: 8, MaxPermutations: 100, Start: 5000})
	if _, err := a.Merge(shapley); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("merging msr with permutation estimates: error = %v, want ErrInvalidInput", err)
	}
}

func TestEstimate_MergeRejectsMalformedEstimates(t *testing.T) {
	good, _ := SampleBanzhaf(context.Background(), randomTable(t, rand.New(rand.NewPCG(26, 9)), 3), SampleOptions{MaxPermutations: 64})
	short := good.clone()
	short.Sides.OutM2 = short.Sides.OutM2[:1]
	noErr := Estimate{Values: []float64{1, 2}, StdErr: []float64{1}, Permutations: 10, Method: "permutation"}
	for _, bad := range []Estimate{short, noErr, {Values: []float64{1}, Permutations: -3, Method: "permutation"}, {Permutations: 5, Method: "permutation"}} {
		other := bad.clone()
		other.Start = 1 << 20
		if _, err := bad.Merge(other); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Merge(%+v): error = %v, want ErrInvalidInput", bad, err)
		}
	}
}

// cancellingGame cancels its context at the k-th evaluation.
type cancellingGame struct {
	Game
	calls  *atomic.Int64
	k      int64
	cancel context.CancelFunc
}

func (g cancellingGame) Value(c []int) float64 {
	if g.calls.Add(1) == g.k {
		g.cancel()
	}
	return g.Game.Value(c)
}

func TestSampleShapley_CancelReturnsPrefixEstimate(t *testing.T) {
	table := randomTable(t, rand.New(rand.NewPCG(11, 9)), 6)
	// With one worker the cancellation, at the 1,800th evaluation (about 300 permutations of
	// 6 players), comes after several blocks of 32 permutations have finished. With two, the
	// scheduler decides how many finished in index order, possibly none: only the prefix
	// property is certain.
	for _, workers := range []int{1, 2} {
		ctx, cancel := context.WithCancel(context.Background())
		g := cancellingGame{Game: sliceGame{table}, calls: new(atomic.Int64), k: 6 * 300, cancel: cancel}
		est, err := SampleShapley(ctx, g, SampleOptions{Seed: 9, MaxPermutations: 100_000, Workers: workers})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("workers %d: error = %v, want context.Canceled", workers, err)
		}
		if est.Permutations >= 100_000 || workers == 1 && est.Permutations == 0 {
			t.Fatalf("workers %d: Permutations = %d, want the blocks finished before the cancellation", workers, est.Permutations)
		}
		if est.Permutations == 0 {
			continue
		}
		// The partial estimate is exactly the estimate of a run of that many permutations.
		want, err := SampleShapley(context.Background(), table, SampleOptions{Seed: 9, MaxPermutations: est.Permutations})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, est); diff != "" {
			t.Errorf("workers %d: partial estimate vs run of %d permutations (-want +got):\n%s", workers, est.Permutations, diff)
		}
	}
}

func TestSampleShapley_TruncationSkipsOnlyZeroContributions(t *testing.T) {
	// Holders cover districts; once all 12 are covered every further contribution is 0, so
	// truncation at a tiny tolerance changes no value and saves evaluations.
	g := coverageGame{covers: []uint64{0x00f, 0x0f0, 0xf00, 0x0ff, 0xff0, 0x003, 0x30c, 0xc30}}
	plain, err := SampleShapley(context.Background(), g, SampleOptions{Seed: 1, MaxPermutations: 500})
	if err != nil {
		t.Fatal(err)
	}
	trunc, err := SampleShapley(context.Background(), g, SampleOptions{Seed: 1, MaxPermutations: 500, Truncation: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(plain.Values, trunc.Values); diff != "" {
		t.Errorf("truncated values differ (-plain +truncated):\n%s", diff)
	}
	if trunc.Evaluations >= plain.Evaluations {
		t.Errorf("truncation used %d evaluations, plain %d", trunc.Evaluations, plain.Evaluations)
	}
}

func TestSampleShapley_RejectsBadOptions(t *testing.T) {
	g, _ := NewGloveGame(1, 2)
	for _, opt := range []SampleOptions{
		{MaxPermutations: -1}, {TargetStdErr: math.NaN()}, {TargetStdErr: -1}, {Workers: -2},
		{Truncation: 1}, {Truncation: -0.1}, {Start: -1}, {Start: 3, Antithetic: true},
	} {
		if _, err := SampleShapley(context.Background(), g, opt); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("SampleShapley(%+v): error = %v, want ErrInvalidInput", opt, err)
		}
	}
	if _, err := SampleShapley(context.Background(), nil, SampleOptions{}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("nil game: error = %v, want ErrInvalidInput", err)
	}
	nan := funcGame{n: 3, f: func(m uint64) float64 { return math.Log(float64(m) - 2) }}
	if _, err := SampleShapley(context.Background(), nan, SampleOptions{}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("game with NaN worths: error = %v, want ErrInvalidInput", err)
	}
}

func TestSampleBanzhaf_WithinFourStdErrOfExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 9))
	for n := 4; n <= 8; n += 2 {
		g := randomTable(t, rng, n)
		exact, err := Banzhaf(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		est, err := SampleBanzhaf(context.Background(), sliceGame{g}, SampleOptions{Seed: 4, MaxPermutations: 4000})
		if err != nil {
			t.Fatal(err)
		}
		if est.Evaluations != 4000 || est.Method != "msr" {
			t.Errorf("n=%d: Evaluations %d, Method %q; want 4000, msr", n, est.Evaluations, est.Method)
		}
		withinStdErrs(t, exact, est, 4)
		again, _ := SampleBanzhaf(context.Background(), g, SampleOptions{Seed: 4, MaxPermutations: 4000, Workers: 3})
		if diff := cmp.Diff(est, again); diff != "" {
			t.Errorf("n=%d: Workers=3 differs (-want +got):\n%s", n, diff)
		}
	}
}

func benchmarkSample(b *testing.B, g Game, workers int) {
	ctx := context.Background()
	b.ReportAllocs()
	evals := 0
	for b.Loop() {
		est, err := SampleShapley(ctx, g, SampleOptions{Seed: 1, MaxPermutations: 2000, Workers: workers})
		if err != nil {
			b.Fatal(err)
		}
		evals += est.Evaluations
	}
	b.ReportMetric(float64(evals)/b.Elapsed().Seconds(), "evals/s")
}

func BenchmarkSampleShapley_Glove50(b *testing.B) {
	g, _ := NewGloveGame(25, 25)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) { benchmarkSample(b, g, w) })
	}
}

func BenchmarkSampleShapley_Glove50ViaValue(b *testing.B) {
	g, _ := NewGloveGame(25, 25)
	benchmarkSample(b, sliceGame{g}, 1)
}

func ExampleSampleShapley() {
	// Glove game: one left glove, two right gloves. Exact Shapley: (2/3, 1/6, 1/6).
	g, _ := NewGloveGame(1, 2)
	exact := []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}
	est, _ := SampleShapley(context.Background(), g, SampleOptions{Seed: 1, MaxPermutations: 20000, Workers: 2})
	for i, v := range est.Values {
		fmt.Printf("player %d: %.2f, within 4 standard errors of exact: %v\n", i, v, math.Abs(v-exact[i]) <= 4*est.StdErr[i])
	}
	fmt.Println(est.Permutations, "permutations")
	// Output:
	// player 0: 0.67, within 4 standard errors of exact: true
	// player 1: 0.17, within 4 standard errors of exact: true
	// player 2: 0.17, within 4 standard errors of exact: true
	// 20000 permutations
}

func ExampleEstimate_Merge() {
	// Two machines sample disjoint permutation ranges of the same seed; merged, they equal
	// one run over both ranges.
	g, _ := NewGloveGame(2, 3)
	ctx := context.Background()
	a, _ := SampleShapley(ctx, g, SampleOptions{Seed: 7, MaxPermutations: 3000})
	b, _ := SampleShapley(ctx, g, SampleOptions{Seed: 7, MaxPermutations: 5000, Start: 3000})
	merged, _ := a.Merge(b)
	whole, _ := SampleShapley(ctx, g, SampleOptions{Seed: 7, MaxPermutations: 8000})
	same := true
	for i := range whole.Values {
		same = same && math.Abs(merged.Values[i]-whole.Values[i]) < 1e-12 && math.Abs(merged.StdErr[i]-whole.StdErr[i]) < 1e-12
	}
	fmt.Println(merged.Permutations, "permutations; equal to the single run:", same)
	// Output: 8000 permutations; equal to the single run: true
}

func ExampleSampleBanzhaf() {
	// Raw Banzhaf of the glove game with one left and two right gloves: exactly (3/4, 1/4, 1/4).
	g, _ := NewGloveGame(1, 2)
	exact := []float64{0.75, 0.25, 0.25}
	est, _ := SampleBanzhaf(context.Background(), g, SampleOptions{Seed: 3, MaxPermutations: 40000})
	for i, v := range est.Values {
		fmt.Printf("player %d: %.2f, within 4 standard errors: %v\n", i, v, math.Abs(v-exact[i]) <= 4*est.StdErr[i])
	}
	// Output:
	// player 0: 0.75, within 4 standard errors: true
	// player 1: 0.25, within 4 standard errors: true
	// player 2: 0.25, within 4 standard errors: true
}

func FuzzEstimateMerge(f *testing.F) {
	f.Add([]byte(`{"values":[1,2],"stdErr":[0.1,0.2],"permutations":10,"start":0,"method":"permutation"}`),
		[]byte(`{"values":[1.5,2.5],"stdErr":[0.1,0.2],"permutations":10,"start":10,"method":"permutation"}`))
	f.Add([]byte(`{"values":[1],"permutations":4,"method":"msr","sides":{"inCount":[2],"outCount":[2],"inMean":[1],"outMean":[0],"inM2":[0],"outM2":[0]}}`),
		[]byte(`{"values":[1],"permutations":4,"start":4,"method":"msr","sides":{"inCount":[2],"outCount":[2],"inMean":[1],"outMean":[0],"inM2":[0],"outM2":[0]}}`))
	f.Add([]byte(`{"values":[],"permutations":3}`), []byte(`{"values":[1],"stdErr":[],"permutations":1,"antithetic":true}`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		var ea, eb Estimate
		if json.Unmarshal(a, &ea) != nil || json.Unmarshal(b, &eb) != nil {
			return
		}
		m, err := ea.Merge(eb)
		if err != nil {
			return
		}
		if len(m.Values) != max(len(ea.Values), len(eb.Values)) && ea.Permutations > 0 && eb.Permutations > 0 {
			t.Fatalf("merged %d and %d values into %d", len(ea.Values), len(eb.Values), len(m.Values))
		}
	})
}
