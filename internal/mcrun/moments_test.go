package mcrun

import (
	"math"
	"testing"
)

// TestMoments_MergeEqualsTwoPass checks Welford plus Chan merging against the two-pass mean
// and variance (Σ(x−x̄)²/(n−1)) of the same data, split at every point, on data with a large
// offset where E[x²] − E[x]² loses every digit.
func TestMoments_MergeEqualsTwoPass(t *testing.T) {
	x := make([]float64, 101)
	for i := range x {
		x[i] = 1e9 + float64(i%7) - 3 // offset 1e9: squares near 1e18 exhaust float64
	}
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	wantVar := ss / float64(len(x)-1)
	for cut := range len(x) + 1 {
		a, b := NewMoments(1), NewMoments(1)
		for _, v := range x[:cut] {
			a.Add(0, v)
		}
		for _, v := range x[cut:] {
			b.Add(0, v)
		}
		a.Merge(b)
		if a.Count[0] != len(x) || math.Abs(a.Mean[0]-mean) > 1e-6 || math.Abs(a.Variance(0)-wantVar) > 1e-7*wantVar {
			t.Fatalf("cut %d: count %d mean %v var %v, want %v, %v", cut, a.Count[0], a.Mean[0], a.Variance(0), mean, wantVar)
		}
	}
	// The formula Welford replaces: E[x²] − E[x]² is off by far more than the variance here.
	var sq float64
	for _, v := range x {
		sq += v * v
	}
	if naive := (sq/float64(len(x)) - mean*mean) * float64(len(x)) / float64(len(x)-1); math.Abs(naive-wantVar) < 1 {
		t.Logf("cancellation did not show on this machine: %v vs %v", naive, wantVar)
	}
	one := NewMoments(1)
	one.Add(0, 3)
	if !math.IsNaN(one.Variance(0)) || !math.IsInf(one.StdErr(0), 1) {
		t.Errorf("one sample: variance %v, stderr %v", one.Variance(0), one.StdErr(0))
	}
}
