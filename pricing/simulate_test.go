package pricing

import (
	"context"
	"errors"
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestSimulateRevenue_HugeDrawsStopByContext is the regression test of issue 12: Draws
// math.MaxInt used to allocate per-block slices (makeslice panic) and the workers never
// looked at ctx. Now nothing grows with Draws and the deadline stops the run promptly.
func TestSimulateRevenue_HugeDrawsStopByContext(t *testing.T) {
	const deadline = 50 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := SimulateRevenue(ctx, distuv.Uniform{Min: 0, Max: 1}, 2, 0.5, SimulationOptions{Draws: math.MaxInt, Workers: 2})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want context.DeadlineExceeded", err)
	}
	if elapsed > deadline+500*time.Millisecond { // generous: the target is 50 ms, the machine may be shared
		t.Errorf("stopped after %v, deadline %v", elapsed, deadline)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("allocated %d bytes", grew)
	}
}

// TestSimulateRevenue_VarianceWithoutCancellation: with values uniform on [10⁹, 10⁹ + 1], two
// bidders and no binding reserve, the revenue is the lower of two uniforms, 10⁹ + Beta(1, 2),
// whose variance is αβ/((α+β)²(α+β+1)) = 2/(9·4) = 1/18 whatever the offset. E[x²] − E[x]²
// near 10¹⁸ keeps no digit of it.
func TestSimulateRevenue_VarianceWithoutCancellation(t *testing.T) {
	const draws = 40_000
	est, err := SimulateRevenue(context.Background(), distuv.Uniform{Min: 1e9, Max: 1e9 + 1}, 2, 0, SimulationOptions{Seed: 5, Draws: draws})
	if err != nil {
		t.Fatal(err)
	}
	sd := est.StdErr * math.Sqrt(draws)
	if want := math.Sqrt(1.0 / 18); math.Abs(sd-want) > 0.03*want {
		t.Errorf("sample sd %v, want √(1/18) = %v ± 3 %%", sd, want)
	}
	// Mean 10⁹ + 1/3 (Beta(1, 2)); within 5 standard errors.
	if math.Abs(est.Mean-(1e9+1.0/3)) > 5*est.StdErr {
		t.Errorf("mean %v, want 10⁹ + 1/3 ± %v", est.Mean, 5*est.StdErr)
	}
}

// TestSimulateRevenue_WorkersZeroMeansOne: the module-wide meaning of Workers; any number of
// workers gives the identical estimate, and more than 1024 are refused.
func TestSimulateRevenue_WorkersZeroMeansOne(t *testing.T) {
	d := distuv.Uniform{Min: 0, Max: 1}
	var first RevenueEstimate
	for i, w := range []int{0, 1, 3} {
		got, err := SimulateRevenue(context.Background(), d, 3, 0.2, SimulationOptions{Seed: 9, Draws: 20_001, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = got
		} else if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("workers %d (-0 +%d):\n%s", w, w, diff)
		}
	}
	for _, w := range []int{-1, 1025, 1_000_000} {
		if _, err := SimulateRevenue(context.Background(), d, 3, 0.2, SimulationOptions{Workers: w}); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("workers %d: err %v, want ErrInvalidInput", w, err)
		}
	}
}

// BenchmarkSimulateRevenue_100k: the default 100,000 auctions of two U[0,1] bidders, on one
// goroutine.
func BenchmarkSimulateRevenue_100k(b *testing.B) {
	d := distuv.Uniform{Min: 0, Max: 1}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SimulateRevenue(context.Background(), d, 2, 0.5, SimulationOptions{Seed: 1, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
