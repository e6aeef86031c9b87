package valuation

import "math"

// DecayShare returns the share of the depreciable amount that the Decay method has charged by
// age years into a life of life years, for value that decays with half-life halfLife:
//
//	share(t) = (1 − 2^(−t/h)) / (1 − 2^(−L/h)),  0 ≤ t ≤ L
//
// Value decays exponentially, V(t) = V₀·e^(−λt) with λ = ln 2/h (the half-life model of data
// timeliness: Heinrich, Kaiser and Klier, ACM JDIQ 1(1), 2009; Peking University NSD, 2023);
// the exponential is truncated at the end of the life and rescaled so that book value reaches
// salvage exactly then. It returns 0 for t ≤ 0, 1 for t ≥ life, and NaN unless life and
// halfLife are positive.
func DecayShare(t, life, halfLife float64) float64 {
	if !(life > 0 && halfLife > 0) {
		return math.NaN()
	}
	switch {
	case t <= 0:
		return 0
	case t >= life:
		return 1
	}
	// −expm1(−x ln 2) = 1 − 2^(−x) without cancellation for small x.
	return math.Expm1(-t/halfLife*math.Ln2) / math.Expm1(-life/halfLife*math.Ln2)
}

// decayWeights returns the Decay method's weight for each month of a life of lifeYears: the
// share of the depreciable amount DecayShare assigns to that month.
func decayWeights(lifeYears int, halfLife float64) []float64 {
	n := 12 * lifeYears
	w := make([]float64, n)
	prev := 0.0
	for m := range n {
		next := DecayShare(float64(m+1)/12, float64(lifeYears), halfLife)
		w[m] = next - prev
		prev = next
	}
	return w
}
