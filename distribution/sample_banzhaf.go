package distribution

import (
	"context"
	"math"
	"math/rand/v2"
)

// SampleBanzhaf estimates the raw Banzhaf value of g by maximum sample reuse (Wang & Jia,
// "Data Banzhaf", AISTATS 2023, Algorithm 1): each draw is a uniformly random coalition S
// (every player in with probability ½), evaluated once, and that one worth updates every
// player — the mean of v(S) over draws with i ∈ S minus the mean over draws with i ∉ S
// estimates βᵢ. StdErr is √(s²_in/n_in + s²_out/n_out).
//
// opt is read as for SampleShapley, with MaxPermutations counting coalitions; Antithetic
// and Truncation are ignored. The estimate has Method "msr" and Permutations the number of
// coalitions; it cannot be merged (it would need per-side counts). Same seed, same estimate,
// whatever the number of workers; a cancelled ctx returns the estimate so far with the error.
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
		in := make([]bool, n)
		coal := make([]int, 0, n)
		return func(d int, st *runningMoments) error {
			drawSource(&src, opt.Seed, uint64(opt.Start+d))
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
			if mg != nil {
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
					st.addOne(i, v)
				} else {
					st.addOne(n+i, v)
				}
			}
			return nil
		}
	}
	converged := func(m *runningMoments, _ int) bool {
		return opt.TargetStdErr > 0 && maxStdErr(m, n, true) <= opt.TargetStdErr
	}
	acc, done, err := runDraws(ctx, workers, total, 2*n, newDraw, converged)
	est := Estimate{Values: make([]float64, n), Permutations: done, Start: opt.Start, Evaluations: acc.evals, Method: "msr"}
	twoSided := true
	for i := range n {
		est.Values[i] = acc.mean[i] - acc.mean[n+i]
		twoSided = twoSided && acc.count[i] >= 2 && acc.count[n+i] >= 2
	}
	if twoSided {
		est.StdErr = make([]float64, n)
		for i := range n {
			est.StdErr[i] = math.Hypot(acc.stdErr(i), acc.stdErr(n+i))
		}
	}
	return est, err
}
