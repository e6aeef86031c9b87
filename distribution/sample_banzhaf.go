package distribution

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/dataassay/assay/internal/mcrun"
)

// SampleBanzhaf estimates the raw Banzhaf value of g by maximum sample reuse (Wang & Jia,
// "Data Banzhaf", AISTATS 2023, Algorithm 1): each draw is a uniformly random coalition S
// (every player in with probability ½), evaluated once, and that one worth updates every
// player — the mean of v(S) over draws with i ∈ S minus the mean over draws with i ∉ S
// estimates βᵢ. StdErr is √(s²_in/n_in + s²_out/n_out).
//
// opt is read as for SampleShapley, with MaxPermutations counting coalitions; Antithetic
// and Truncation are ignored. The estimate has Method "msr", Permutations the number of
// coalitions and Sides the per-side statistics, so that Estimate.Merge combines shards run
// over disjoint Start ranges. Same seed, same estimate, whatever the number of workers; a
// cancelled ctx returns the estimate so far with the error.
func SampleBanzhaf(ctx context.Context, g Game, opt SampleOptions) (Estimate, error) {
	opt.Antithetic, opt.Truncation = false, 0
	n, total, workers, err := checkSample(g, &opt)
	if err != nil {
		return Estimate{}, err
	}
	newDraw := func() drawFunc {
		var src rand.PCG
		mg, _ := g.(MaskGame)
		if n > 64 {
			mg = nil
		}
		inc := incrementalState(g) // issue 18: see incremental.go
		in := make([]bool, n)
		coal := make([]int, 0, n)
		return func(d int, st *sampleBlock) error {
			mcrun.Seed(&src, opt.Seed, uint64(opt.Start+d))
			var word, mask uint64
			coal = coal[:0]
			for i := range n {
				if i%64 == 0 {
					word = src.Uint64()
				}
				in[i] = word&1 == 1
				word >>= 1
				if in[i] {
					coal = append(coal, i)
					if i < 64 {
						mask |= 1 << uint(i)
					}
				}
			}
			var v float64
			if inc != nil {
				v = worthOf(inc, coal)
			} else if mg != nil {
				v = mg.ValueMask(mask)
			} else {
				v = g.Value(coal)
			}
			st.evals++
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return &ValueError{Coalition: mask, Value: v}
			}
			for i, isIn := range in {
				if isIn {
					st.Add(i, v)
				} else {
					st.Add(n+i, v)
				}
			}
			return nil
		}
	}
	converged := func(m *sampleBlock) bool {
		return opt.TargetStdErr > 0 && maxStdErr(m, n, true) <= opt.TargetStdErr
	}
	acc, done, err := runDraws(ctx, workers, total, 2*n, newDraw, converged)
	est := msrEstimate(acc, n)
	est.Permutations, est.Start = done, opt.Start
	return est, err
}

// MSRSides holds the per-side statistics of a SampleBanzhaf estimate, which Estimate.Merge
// needs: for each player i, how many sampled coalitions contained it (In) or not (Out), the
// mean worth of each side, and each side's sum of squared deviations from its mean
// (Welford's M2). Values[i] = InMean[i] − OutMean[i].
type MSRSides struct {
	InCount  []int     `json:"inCount"`
	OutCount []int     `json:"outCount"`
	InMean   []float64 `json:"inMean"`
	OutMean  []float64 `json:"outMean"`
	InM2     []float64 `json:"inM2"`
	OutM2    []float64 `json:"outM2"`
}

// msrEstimate builds the estimate of the 2n streams of acc: stream i holds the worths of the
// coalitions containing player i, stream n+i those of the coalitions without it.
func msrEstimate(acc *sampleBlock, n int) Estimate {
	est := Estimate{Values: make([]float64, n), Evaluations: acc.evals, Method: "msr", Sides: &MSRSides{
		InCount: acc.Count[:n:n], OutCount: acc.Count[n:], InMean: acc.Mean[:n:n], OutMean: acc.Mean[n:],
		InM2: acc.M2[:n:n], OutM2: acc.M2[n:],
	}}
	twoSided := true
	for i := range n {
		est.Values[i] = acc.Mean[i] - acc.Mean[n+i]
		twoSided = twoSided && acc.Count[i] >= 2 && acc.Count[n+i] >= 2
	}
	if twoSided {
		est.StdErr = make([]float64, n)
		for i := range n {
			est.StdErr[i] = math.Hypot(acc.StdErr(i), acc.StdErr(n+i))
		}
	}
	return est
}

// moments returns the 2n streams of the sides (copied) as one sample block.
func (s *MSRSides) moments() *sampleBlock {
	return &sampleBlock{Moments: &mcrun.Moments{
		Count: append(slices.Clone(s.InCount), s.OutCount...),
		Mean:  append(slices.Clone(s.InMean), s.OutMean...),
		M2:    append(slices.Clone(s.InM2), s.OutM2...),
	}}
}
