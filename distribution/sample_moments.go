package distribution

import "math"

// runningMoments holds running means and sums of squared deviations of k streams of samples,
// updated by Welford's method and combined by the pairwise formula of Chan, Golub & LeVeque
// ("Algorithms for computing the sample variance", 1983), so that blocks computed apart
// merge into the statistics of their union.
type runningMoments struct {
	evals int // characteristic-function evaluations behind the samples
	count []int
	mean  []float64
	m2    []float64
}

func newRunningMoments(k int) *runningMoments {
	return &runningMoments{count: make([]int, k), mean: make([]float64, k), m2: make([]float64, k)}
}

func (m *runningMoments) reset() {
	m.evals = 0
	clear(m.count)
	clear(m.mean)
	clear(m.m2)
}

// addOne adds sample x to stream k (Welford 1962).
func (m *runningMoments) addOne(k int, x float64) {
	m.count[k]++
	d := x - m.mean[k]
	m.mean[k] += d / float64(m.count[k])
	m.m2[k] += d * (x - m.mean[k])
}

// merge adds the samples of o, stream by stream (Chan et al. 1983).
func (m *runningMoments) merge(o *runningMoments) {
	m.evals += o.evals
	for k, nb := range o.count {
		if nb == 0 {
			continue
		}
		na := m.count[k]
		if na == 0 {
			m.count[k], m.mean[k], m.m2[k] = nb, o.mean[k], o.m2[k]
			continue
		}
		n := float64(na + nb)
		d := o.mean[k] - m.mean[k]
		m.mean[k] += d * float64(nb) / n
		m.m2[k] += o.m2[k] + d*d*float64(na)*float64(nb)/n
		m.count[k] = na + nb
	}
}

// stdErr returns the standard error of the mean of stream k, sqrt(s²/count) with the
// unbiased s², or +Inf with fewer than two samples.
func (m *runningMoments) stdErr(k int) float64 {
	c := m.count[k]
	if c < 2 {
		return math.Inf(1)
	}
	return math.Sqrt(m.m2[k] / float64(c-1) / float64(c))
}
