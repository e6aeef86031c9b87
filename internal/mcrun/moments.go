package mcrun

import "math"

// Moments holds the running count, mean and sum of squared deviations (M2) of k streams of
// samples, updated by Welford's method (Welford, "Note on a method for calculating corrected
// sums of squares and products", Technometrics 1962) and combined by the pairwise formula of
// Chan, Golub & LeVeque ("Algorithms for computing the sample variance: analysis and
// recommendations", The American Statistician 1983), so that blocks computed apart merge into
// the statistics of their union without the cancellation of E[x²] − E[x]².
//
// The zero value holds no streams; use NewMoments. A Moments is not safe for concurrent use.
type Moments struct {
	Count []int
	Mean  []float64
	M2    []float64
}

// NewMoments returns empty moments of k streams.
func NewMoments(k int) *Moments {
	return &Moments{Count: make([]int, k), Mean: make([]float64, k), M2: make([]float64, k)}
}

// Reset empties every stream, keeping the storage.
func (m *Moments) Reset() {
	clear(m.Count)
	clear(m.Mean)
	clear(m.M2)
}

// Add adds sample x to stream k (Welford 1962).
func (m *Moments) Add(k int, x float64) {
	m.Count[k]++
	d := x - m.Mean[k]
	m.Mean[k] += d / float64(m.Count[k])
	m.M2[k] += d * (x - m.Mean[k])
}

// Merge adds the samples of o, stream by stream (Chan, Golub & LeVeque 1983, eq. 2.1):
// with n = na + nb and δ = mean_b − mean_a, mean = mean_a + δ·nb/n and
// M2 = M2_a + M2_b + δ²·na·nb/n. o must have as many streams as m.
func (m *Moments) Merge(o *Moments) {
	for k, nb := range o.Count {
		if nb == 0 {
			continue
		}
		na := m.Count[k]
		if na == 0 {
			m.Count[k], m.Mean[k], m.M2[k] = nb, o.Mean[k], o.M2[k]
			continue
		}
		n := float64(na) + float64(nb)
		d := o.Mean[k] - m.Mean[k]
		m.Mean[k] += d * (float64(nb) / n)
		m.M2[k] += o.M2[k] + d*d*(float64(na)/n)*float64(nb)
		m.Count[k] = na + nb
	}
}

// Variance returns the unbiased sample variance M2/(count−1) of stream k, or NaN with fewer
// than two samples.
func (m *Moments) Variance(k int) float64 {
	c := m.Count[k]
	if c < 2 {
		return math.NaN()
	}
	return m.M2[k] / float64(c-1)
}

// StdErr returns the standard error of the mean of stream k, √(s²/count) with the unbiased
// s², or +Inf with fewer than two samples.
func (m *Moments) StdErr(k int) float64 {
	c := m.Count[k]
	if c < 2 {
		return math.Inf(1)
	}
	return math.Sqrt(m.M2[k] / float64(c-1) / float64(c))
}
