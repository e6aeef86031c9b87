package distribution

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The abuse suite of issue 21: one test per hostile input of the distribution rows. Each
// runs under a context deadline and measures what the call allocated with
// runtime.ReadMemStats. The bounds asserted are generous — the machine may be shared and
// slow — and the measured figures are logged; the targets (≤ 100 ms with an error or a
// result, or stopped within 50 ms of the deadline; ≤ 64 MiB) are what BENCHMARKS.md records.
const (
	abuseMemCeiling = 64 << 20
	abuseSlack      = 500 * time.Millisecond // generous: asserted, not the target
)

// abuseRun runs f under a context with the given timeout and returns the error, how long it
// ran and what it allocated.
func abuseRun(t *testing.T, timeout time.Duration, f func(ctx context.Context) error) (time.Duration, error) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	start := time.Now()
	err := f(ctx)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%v, %.1f MiB allocated: %v", elapsed.Round(time.Millisecond), float64(alloc)/(1<<20), err)
	if alloc > abuseMemCeiling {
		t.Errorf("allocated %d bytes, ceiling %d", alloc, abuseMemCeiling)
	}
	return elapsed, err
}

// adversarialVoting is the shape of the 8 KB game of issue 21: many distinct weights and the
// largest quota the old (n+1)·q ≤ 2^26 bound allowed — 1,000 players, weights 1..1000, q =
// 67,000 — which took more than 30 s and 1 GB.
func adversarialVoting(t *testing.T, q int) *WeightedVoting {
	w := make([]int, 1000)
	for i := range w {
		w[i] = i + 1
	}
	doc, _ := json.Marshal(weightedVotingJSON{Quota: q, Weights: w})
	var g WeightedVoting
	if err := json.Unmarshal(doc, &g); err != nil {
		t.Fatal(err)
	}
	if len(doc) > 8<<10 {
		t.Fatalf("document of %d bytes, want the 8 KB of the report", len(doc))
	}
	return &g
}

func TestAbuse_WeightedVotingDefaultBoundRefusesAtOnce(t *testing.T) {
	g := adversarialVoting(t, 67_000)
	for name, f := range map[string]func() ([]float64, error){"ShapleyShubik": g.ShapleyShubik, "Banzhaf": g.Banzhaf} {
		t.Run(name, func(t *testing.T) {
			elapsed, err := abuseRun(t, time.Second, func(context.Context) error { _, err := f(); return err })
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err %v, want a *LimitError", err)
			}
			if elapsed > 100*time.Millisecond+abuseSlack {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

func TestAbuse_WeightedVotingContextStops(t *testing.T) {
	// Smaller quota, so that the tables fit the default VotingBytes; the work (≈ 10¹⁰ word
	// operations) is allowed, and only the deadline stops it.
	g := adversarialVoting(t, 8_000)
	const deadline = 50 * time.Millisecond
	elapsed, err := abuseRun(t, deadline, func(ctx context.Context) error {
		_, err := g.ShapleyShubikContext(ctx, Limits{VotingWork: math.MaxInt})
		return err
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want context.DeadlineExceeded", err)
	}
	if elapsed > deadline+abuseSlack {
		t.Errorf("stopped %v after the deadline", elapsed-deadline)
	}
}

// TestAbuse_SampleShapleyMaxPermutations: MaxPermutations math.MaxInt used to overflow the
// block count and return "stopped: %!w(<nil>)". Now the run goes on until its context ends
// and returns the estimate of the draws so far with the context's error.
func TestAbuse_SampleShapleyMaxPermutations(t *testing.T) {
	g, _ := NewGloveGame(2, 3)
	for _, anti := range []bool{false, true} {
		t.Run(fmt.Sprint("antithetic=", anti), func(t *testing.T) {
			var est Estimate
			_, err := abuseRun(t, 30*time.Millisecond, func(ctx context.Context) error {
				var err error
				est, err = SampleShapley(ctx, g, SampleOptions{MaxPermutations: math.MaxInt, Antithetic: anti, Workers: 2})
				return err
			})
			if !errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "%!") {
				t.Fatalf("err %v, want a wrapped context.DeadlineExceeded", err)
			}
			// The draws finished before the deadline (none, on a stalled machine): a whole
			// number of blocks of 32 draws.
			draws := est.Permutations
			if anti {
				draws /= 2
			}
			if len(est.Values) != 5 || draws < 0 || draws%blockDraws != 0 {
				t.Errorf("estimate %+v, want the blocks finished before the deadline", est)
			}
		})
	}
	// The largest Start with the largest budget: indices stay representable.
	est, err := SampleShapley(context.Background(), g, SampleOptions{Start: math.MaxInt - 100, MaxPermutations: math.MaxInt})
	if err != nil || est.Permutations != 100 {
		t.Errorf("Start MaxInt−100: %d permutations, %v; want 100", est.Permutations, err)
	}
}

func TestAbuse_SampleWorkersCapped(t *testing.T) {
	g, _ := NewGloveGame(2, 3)
	for name, f := range map[string]func(context.Context, Game, SampleOptions) (Estimate, error){"SampleShapley": SampleShapley, "SampleBanzhaf": SampleBanzhaf} {
		t.Run(name, func(t *testing.T) {
			_, err := abuseRun(t, time.Second, func(ctx context.Context) error {
				_, err := f(ctx, g, SampleOptions{Workers: 1_000_000})
				return err
			})
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != "Workers" {
				t.Fatalf("err %v, want an *InputError on Workers", err)
			}
			// The most workers allowed, on a budget that gives them blocks: bounded memory.
			_, err = abuseRun(t, 5*time.Second, func(ctx context.Context) error {
				_, err := f(ctx, g, SampleOptions{Workers: MaxWorkers, MaxPermutations: 100_000})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAbuse_SampleShapleyLargeMarketGame: default options on a 5,000-player market game
// (29 KB of JSON) took about a minute; one permutation was 5,000 evaluations of a 5,000-term
// sum. The market game is now incremental (O(goods) per added player), so the 1,000 default
// permutations take about 0.1 s and the estimate is efficient: the values sum to v(N) = 2,500
// matched pairs. A deadline still stops the walk promptly (ctx every 256 evaluations).
func TestAbuse_SampleShapleyLargeMarketGame(t *testing.T) {
	var doc bytes.Buffer
	doc.WriteString(`{"endowments":[`)
	for i := range 5000 {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, "[%d,%d]", i%2, (i+1)%2)
	}
	doc.WriteString(`],"recipe":[1,1]}`)
	var g MarketGame
	if err := json.Unmarshal(doc.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	var est Estimate
	_, err := abuseRun(t, 20*time.Second, func(ctx context.Context) error {
		var err error
		est, err = SampleShapley(ctx, &g, SampleOptions{})
		return err
	})
	if err != nil {
		t.Fatalf("default options: %v, want a result", err)
	}
	var sum float64
	for _, v := range est.Values {
		sum += v
	}
	if math.Abs(sum-2500) > 1e-6 {
		t.Errorf("values sum to %v, want v(N) = 2500 (efficiency)", sum)
	}
	const deadline = 10 * time.Millisecond
	elapsed, err := abuseRun(t, deadline, func(ctx context.Context) error {
		_, err := SampleShapley(ctx, &g, SampleOptions{MaxPermutations: 1_000_000})
		return err
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want context.DeadlineExceeded", err)
	}
	if elapsed > deadline+abuseSlack {
		t.Errorf("stopped %v after the deadline", elapsed-deadline)
	}
}

// TestAbuse_TableGameHugeArray: a 30 MB array of numbers used to be decoded (376 MB) before
// its length was checked, and the error spoke of players. It is now refused by counting.
func TestAbuse_TableGameHugeArray(t *testing.T) {
	doc := []byte(`{"values":[` + strings.Repeat("0,", 15<<20) + `0]}`) // 30 MiB, 2^24 + 1 values
	elapsed, err := abuseRun(t, time.Second, func(context.Context) error {
		var g TableGame
		return g.UnmarshalJSON(doc)
	})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "at most 2^20") {
		t.Fatalf("err %v, want an *InputError naming the 2^20 values allowed", err)
	}
	if elapsed > 100*time.Millisecond+abuseSlack {
		t.Errorf("took %v", elapsed)
	}
}

// TestAbuse_ShapleyCostIsBounded: 25 players from a 90-byte document cost 1.2–1.7 s and
// 268 MB by default. The default Limits now refuse them at once; the bound is the caller's
// to raise.
func TestAbuse_ShapleyCostIsBounded(t *testing.T) {
	var g AdditiveGame
	if err := json.Unmarshal([]byte(`{"worths":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]}`), &g); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(context.Context, Game) ([]float64, error){"Shapley": Shapley, "Banzhaf": Banzhaf} {
		elapsed, err := abuseRun(t, time.Second, func(ctx context.Context) error { _, err := f(ctx, &g); return err })
		var se *SizeError
		if !errors.As(err, &se) || se.Max != DefaultExactPlayers || se.Players != 25 {
			t.Errorf("%s: err %v, want a *SizeError of 25 players over %d", name, err, DefaultExactPlayers)
		}
		if elapsed > 100*time.Millisecond+abuseSlack {
			t.Errorf("%s took %v", name, elapsed)
		}
	}
	// A caller who chooses the cost gets the value: 21 players of an additive game are
	// worth their own worths (Shapley 1953, additivity).
	small := make([]float64, 21)
	for i := range small {
		small[i] = float64(i + 1)
	}
	add, _ := NewAdditiveGame(small)
	got, err := Limits{ExactPlayers: 21}.Shapley(context.Background(), add)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range got {
		if math.Abs(x-small[i]) > 1e-9 {
			t.Fatalf("φ[%d] = %v, want %v", i, x, small[i])
		}
	}
}
