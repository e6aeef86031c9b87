package distribution

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/dataassay/assay/internal/mcrun"
)

// Defaults and bounds of SampleOptions.
const (
	// MaxWorkers bounds SampleOptions.Workers: each worker holds its own buffers of the
	// players' size, so the bound is one on memory too.
	MaxWorkers = mcrun.MaxWorkers
	// DefaultMaxPermutations is the budget when neither MaxPermutations nor TargetStdErr is set.
	DefaultMaxPermutations = 1000
	// DefaultMaxPermutationsWithTarget caps a run that stops on TargetStdErr.
	DefaultMaxPermutationsWithTarget = 1_000_000
)

// SampleOptions configures SampleShapley and SampleBanzhaf. The zero value is valid: 1000
// permutations on one goroutine, seed 0, no truncation, no antithetic pairs. It is a plain
// value, safe to copy and share.
type SampleOptions struct {
	// Seed selects the random stream. The same Seed and options give the identical Estimate
	// whatever Workers is: draw d always uses the stream hashed from (Seed, Start+d), and
	// draws are combined in index order.
	Seed uint64 `json:"seed"`
	// MaxPermutations bounds the permutations sampled (for SampleBanzhaf: the coalitions).
	// Zero means DefaultMaxPermutations, or DefaultMaxPermutationsWithTarget when
	// TargetStdErr is set. With Antithetic an odd bound is rounded up (down at math.MaxInt);
	// Start+MaxPermutations is cut to math.MaxInt. Memory does not grow with it: bound the
	// time with TargetStdErr or ctx.
	MaxPermutations int `json:"maxPermutations"`
	// TargetStdErr stops sampling once the largest standard error over the players is at
	// most this, checked every 32 draws. Zero disables it. pyDVL calls this
	// AbsoluteStandardError.
	TargetStdErr float64 `json:"targetStdErr"`
	// Workers is the number of goroutines; zero means one, so that a game that is not safe
	// for concurrent use (one that caches, say) is never called concurrently by default.
	// With more than one worker Value (or ValueMask) is called concurrently; every game of
	// this package allows it, and runtime.GOMAXPROCS(0) uses every core. At most
	// MaxWorkers; a run never uses more goroutines than it has blocks of 32 draws.
	Workers int `json:"workers"`

	// Antithetic pairs every permutation with its reverse (Mitchell, Cooper, Frank & Holmes,
	// "Sampling permutations for Shapley value estimation", JMLR 2022; pyDVL's
	// AntitheticPermutationSampler) and counts the mean of the pair as one draw, which
	// lowers the variance for games whose marginal contributions trend with coalition size.
	// Ignored by SampleBanzhaf.
	Antithetic bool `json:"antithetic"`
	// Truncation, in [0, 1), ends a permutation early once the worth of the prefix is within
	// Truncation·|v(N)| of v(N), counting the remaining marginal contributions as zero: the
	// truncated Monte Carlo of Ghorbani & Zou ("Data Shapley", ICML 2019; pyDVL's
	// RelativeTruncation with rtol). It saves evaluations of costly games at the price of a
	// bias bounded by Truncation·|v(N)| per permutation. Zero disables it. Ignored by
	// SampleBanzhaf.
	Truncation float64 `json:"truncation"`
	// Start is the index of the first permutation (even with Antithetic): runs over disjoint
	// index ranges of the same Seed are independent shards that Estimate.Merge combines.
	Start int `json:"start"`
}

// Estimate is a sampled value vector with its standard errors, in the unit of v. It is a plain
// value: safe to copy, compare with go-cmp and share once returned.
type Estimate struct {
	Values []float64 `json:"values"`
	// StdErr is the standard error of each value: the sample standard deviation of the
	// independent draws divided by √draws. It is nil with fewer than two draws.
	StdErr []float64 `json:"stdErr"`
	// Permutations is the number of permutations sampled (for SampleBanzhaf, coalitions).
	Permutations int `json:"permutations"`

	// Start is the index of the first permutation, as in SampleOptions.
	Start int `json:"start"`
	// Antithetic reports that draws were antithetic pairs (Permutations/2 draws).
	Antithetic bool `json:"antithetic,omitempty"`
	// Evaluations counts the calls of the characteristic function made by the draws (the
	// calls for v(∅), and for v(N) when truncating, are not counted).
	Evaluations int `json:"evaluations"`
	// Method names the estimator: "permutation" (SampleShapley), "msr" (SampleBanzhaf) or
	// "owen" (SampleOwen).
	Method string `json:"method"`
	// Sides holds the per-side statistics of an "msr" estimate (nil for "permutation").
	Sides *MSRSides `json:"sides,omitempty"`
	// M2 holds, for a "permutation" estimate, each player's sum of squared deviations of its
	// draws from their mean (Welford's M2), which StdErr only rounds: with it, Merge of
	// shards cut at multiples of 32 draws, folded in index order, reproduces the single
	// run bit for bit (issue 18). Nil in estimates from before it; Merge then rebuilds M2
	// from StdErr.
	M2 []float64 `json:"m2,omitempty"`
}

// SampleShapley estimates the Shapley value of g by permutation sampling (Castro, Gómez &
// Tejada, "Polynomial calculation of the Shapley value based on sampling", Computers & OR
// 2009): for a uniformly random order of arrival, each player's marginal contribution to the
// players before it is an unbiased sample of its Shapley value, and one permutation samples
// every player with n evaluations of v. Means and variances run by Welford's method; sampling
// stops at opt.TargetStdErr (the largest over the players) or opt.MaxPermutations.
//
// Games that implement IncrementalGame grow each permutation's coalition one player at a time
// in O(1) per player; other games with at most 64 players that implement MaskGame are
// evaluated by bitmask; the rest through Value with a sorted coalition kept up to date by
// insertion.
//
// Its cost is up to MaxPermutations·n evaluations of v, each as dear as the game makes it: by
// default a 5,000-player MarketGame takes 5·10⁶ incremental steps, about 0.1 s, where a game
// evaluated through Value would re-sum 5,000 terms each time (about a minute). Bound it with a
// deadline: ctx is checked before every permutation and every 256 evaluations within one. If ctx ends the run, SampleShapley
// returns the estimate over the draws finished so far (a prefix of the draw sequence, itself
// a valid estimate) together with the wrapped ctx error.
func SampleShapley(ctx context.Context, g Game, opt SampleOptions) (Estimate, error) {
	return samplePermutations(ctx, g, opt, "permutation", shufflePerm)
}

// samplePermutations is SampleShapley over the orders of arrival that shuffle draws: all of
// them (shufflePerm), or those of a coalition structure (SampleOwen, issue 18). method names
// the estimate.
func samplePermutations(ctx context.Context, g Game, opt SampleOptions, method string, shuffle func(*rand.PCG, []int)) (Estimate, error) {
	n, total, workers, err := checkSample(g, &opt)
	if err != nil {
		return Estimate{}, err
	}
	v0 := g.Value(nil)
	if !isFiniteWorth(v0) {
		return Estimate{}, &ValueError{Value: v0}
	}
	vN := math.NaN()
	if opt.Truncation > 0 {
		vN = g.Value(allPlayers(n))
		if !isFiniteWorth(vN) {
			return Estimate{}, &ValueError{Coalition: maskOfAll(n), Value: vN}
		}
	}
	draws, first := total, opt.Start
	if opt.Antithetic {
		draws, first = total/2, opt.Start/2
	}
	newDraw := func() drawFunc {
		w := &permutationWalker{ctx: ctx, g: g, v0: v0, vN: vN, tol: opt.Truncation,
			perm: make([]int, n), coal: make([]int, 0, n), x: make([]float64, n)}
		if mg, ok := g.(MaskGame); ok && n <= 64 {
			w.mg = mg
		}
		w.inc = incrementalState(g) // issue 18: the O(1)-per-player path, see incremental.go
		var y []float64
		if opt.Antithetic {
			y = make([]float64, n)
		}
		return func(d int, st *sampleBlock) error {
			mcrun.Seed(&w.src, opt.Seed, uint64(first+d))
			shuffle(&w.src, w.perm)
			if err := w.walk(w.x, st); err != nil {
				return err
			}
			if y != nil {
				slices.Reverse(w.perm)
				if err := w.walk(y, st); err != nil {
					return err
				}
				for i := range w.x {
					w.x[i] = (w.x[i] + y[i]) / 2
				}
			}
			for i, x := range w.x {
				st.Add(i, x)
			}
			return nil
		}
	}
	converged := func(m *sampleBlock) bool {
		return opt.TargetStdErr > 0 && maxStdErr(m, n, false) <= opt.TargetStdErr
	}
	acc, done, err := runDraws(ctx, workers, draws, n, newDraw, converged)
	est := Estimate{Values: acc.Mean, Permutations: done, Start: opt.Start, Evaluations: acc.evals, Method: method, M2: acc.M2}
	if opt.Antithetic {
		est.Permutations, est.Antithetic = 2*done, true
	}
	if done >= 2 {
		est.StdErr = make([]float64, n)
		for i := range est.StdErr {
			est.StdErr[i] = acc.StdErr(i)
		}
	}
	return est, err
}

// permutationWalker evaluates the marginal contributions along one order of arrival. Each
// goroutine owns one.
type permutationWalker struct {
	ctx    context.Context // checked every walkCtxEvery evaluations: one walk of a large game is long
	g      Game
	mg     MaskGame       // non-nil for the bitmask fast path
	inc    CoalitionState // non-nil for an IncrementalGame (issue 18)
	v0, vN float64
	tol    float64
	src    rand.PCG
	perm   []int
	coal   []int
	x      []float64
}

// walkCtxEvery is how many evaluations a walk makes between context checks, so that a
// deadline stops even one permutation of a game of thousands of players promptly.
const walkCtxEvery = 256

// walk sets x[p] to the marginal contribution of each player p of w.perm to the players
// before it, and counts the evaluations in st.
func (w *permutationWalker) walk(x []float64, st *sampleBlock) error {
	prev := w.v0
	var mask uint64
	w.coal = w.coal[:0]
	if w.inc != nil {
		w.inc.Reset()
	}
	for k, p := range w.perm {
		var cur float64
		if p < 64 {
			mask |= 1 << uint(p) // the coalition for a ValueError, and the fast path's argument
		}
		if w.inc != nil {
			cur = w.inc.Add(p)
		} else if w.mg != nil {
			cur = w.mg.ValueMask(mask)
		} else {
			i, _ := slices.BinarySearch(w.coal, p)
			w.coal = slices.Insert(w.coal, i, p)
			cur = w.g.Value(w.coal)
		}
		st.evals++
		if !isFiniteWorth(cur) {
			return &ValueError{Coalition: mask, Value: cur}
		}
		if k&(walkCtxEvery-1) == walkCtxEvery-1 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		x[p] = cur - prev
		prev = cur
		if w.tol > 0 && math.Abs(w.vN-cur) <= w.tol*math.Abs(w.vN) {
			for _, q := range w.perm[k+1:] {
				x[q] = 0
			}
			break
		}
	}
	return nil
}

// maxStdErr returns the largest standard error over n players: of stream i, or, when
// twoSided, of the difference of streams i and n+i.
func maxStdErr(m *sampleBlock, n int, twoSided bool) float64 {
	worst := 0.0
	for i := range n {
		se := m.StdErr(i)
		if twoSided {
			se = math.Hypot(se, m.StdErr(n+i))
		}
		worst = max(worst, se)
	}
	return worst
}

// checkSample validates a game and options for sampling and resolves the defaults. It
// returns n, the permutation budget and the number of workers.
func checkSample(g Game, opt *SampleOptions) (n, total, workers int, err error) {
	if g == nil {
		return 0, 0, 0, &InputError{Field: "game", Value: "nil", Reason: "not be nil"}
	}
	if n = g.Players(); n < 1 {
		return 0, 0, 0, &InputError{Field: "game.Players()", Value: strconv.Itoa(n), Reason: "be at least 1"}
	}
	switch {
	case opt.MaxPermutations < 0:
		return 0, 0, 0, &InputError{Field: "MaxPermutations", Value: strconv.Itoa(opt.MaxPermutations), Reason: "not be negative"}
	case !(opt.TargetStdErr >= 0) || math.IsInf(opt.TargetStdErr, 0):
		return 0, 0, 0, &InputError{Field: "TargetStdErr", Value: fmtWorth(opt.TargetStdErr), Reason: "be finite and not negative"}
	case opt.Workers < 0 || opt.Workers > MaxWorkers:
		return 0, 0, 0, &InputError{Field: "Workers", Value: strconv.Itoa(opt.Workers), Reason: fmt.Sprintf("be in [0, %d]", MaxWorkers)}
	case !(opt.Truncation >= 0 && opt.Truncation < 1):
		return 0, 0, 0, &InputError{Field: "Truncation", Value: fmtWorth(opt.Truncation), Reason: "be in [0, 1)"}
	case opt.Start < 0 || (opt.Antithetic && opt.Start%2 != 0):
		return 0, 0, 0, &InputError{Field: "Start", Value: strconv.Itoa(opt.Start), Reason: "be non-negative, and even with Antithetic"}
	}
	total = opt.MaxPermutations
	if total == 0 {
		total = DefaultMaxPermutations
		if opt.TargetStdErr > 0 {
			total = DefaultMaxPermutationsWithTarget
		}
	}
	// Draw indices Start+d must stay representable: the budget is cut to math.MaxInt − Start,
	// and an odd antithetic budget is rounded up only where that does not overflow.
	total = min(total, math.MaxInt-opt.Start)
	if opt.Antithetic && total%2 != 0 {
		if total < math.MaxInt-opt.Start {
			total++
		} else {
			total--
		}
	}
	workers = max(1, opt.Workers)
	return n, total, workers, nil
}

// Merge combines two estimates of the same game from disjoint permutation (or coalition)
// index ranges of the same seed and options — shards run with different SampleOptions.Start —
// into the estimate over both, by the pairwise mean and variance formula of Chan, Golub &
// LeVeque (1983). The result equals a single run over the union up to float64 rounding
// (about 1e-15 relative). Estimates of different methods, sizes or sampling schemes, or over
// overlapping ranges, are refused with ErrInvalidInput.
func (e Estimate) Merge(o Estimate) (Estimate, error) {
	if err := e.checkShape(); err != nil {
		return Estimate{}, err
	}
	if err := o.checkShape(); err != nil {
		return Estimate{}, err
	}
	if o.Permutations == 0 {
		return e.clone(), nil
	}
	if e.Permutations == 0 {
		return o.clone(), nil
	}
	if len(e.Values) != len(o.Values) || e.Antithetic != o.Antithetic || e.Method != o.Method || (e.Method == "msr") != (e.Sides != nil && o.Sides != nil) {
		return Estimate{}, &InputError{Field: "estimates", Value: fmt.Sprintf("%s of %d and %s of %d players", e.Method, len(e.Values), o.Method, len(o.Values)),
			Reason: "have the same players, method and sampling scheme"}
	}
	if e.Start < o.Start+o.Permutations && o.Start < e.Start+e.Permutations {
		return Estimate{}, &InputError{Field: "estimates", Value: fmt.Sprintf("[%d, %d) and [%d, %d)", e.Start, e.Start+e.Permutations, o.Start, o.Start+o.Permutations), Reason: "cover disjoint index ranges"}
	}
	var out Estimate
	if e.Method == "msr" {
		a := e.Sides.moments()
		a.merge(o.Sides.moments())
		out = msrEstimate(a, len(e.Values))
	} else {
		a := e.moments()
		a.Merge(o.moments())
		out = Estimate{Values: a.Mean, Antithetic: e.Antithetic, Method: e.Method, M2: a.M2}
		if a.Count[0] >= 2 {
			out.StdErr = make([]float64, len(a.Mean))
			for i := range out.StdErr {
				out.StdErr[i] = a.StdErr(i)
			}
		}
	}
	out.Permutations, out.Start, out.Evaluations = e.Permutations+o.Permutations, min(e.Start, o.Start), e.Evaluations+o.Evaluations
	return out, nil
}

// checkShape validates an estimate that may have been decoded from JSON, so that Merge never
// indexes out of range.
func (e Estimate) checkShape() error {
	n := len(e.Values)
	bad := e.Permutations < 0 || e.Start < 0 || (e.Permutations > 0 && n == 0) || (e.StdErr != nil && len(e.StdErr) != n) || (e.M2 != nil && len(e.M2) != n)
	if s := e.Sides; s != nil {
		for _, l := range []int{len(s.InCount), len(s.OutCount), len(s.InMean), len(s.OutMean), len(s.InM2), len(s.OutM2)} {
			bad = bad || l != n
		}
	}
	if bad {
		return &InputError{Field: "estimate", Value: fmt.Sprintf("%d values", n), Reason: "have one standard error and side statistic per value and non-negative counts"}
	}
	return nil
}

// moments rebuilds the running moments of a permutation estimate: M2 = StdErr²·c·(c−1).
func (e Estimate) moments() *mcrun.Moments {
	c := e.Permutations
	if e.Antithetic {
		c /= 2
	}
	m := mcrun.NewMoments(len(e.Values))
	copy(m.Mean, e.Values)
	for i := range m.Count {
		m.Count[i] = c
		if e.M2 != nil {
			m.M2[i] = e.M2[i]
		} else if e.StdErr != nil {
			m.M2[i] = e.StdErr[i] * e.StdErr[i] * float64(c) * float64(c-1)
		}
	}
	return m
}

func (e Estimate) clone() Estimate {
	e.Values = slices.Clone(e.Values)
	e.StdErr = slices.Clone(e.StdErr)
	e.M2 = slices.Clone(e.M2)
	if s := e.Sides; s != nil {
		e.Sides = &MSRSides{InCount: slices.Clone(s.InCount), OutCount: slices.Clone(s.OutCount),
			InMean: slices.Clone(s.InMean), OutMean: slices.Clone(s.OutMean), InM2: slices.Clone(s.InM2), OutM2: slices.Clone(s.OutM2)}
	}
	return e
}

func isFiniteWorth(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func allPlayers(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func maskOfAll(n int) uint64 {
	if n >= 64 {
		return ^uint64(0)
	}
	return 1<<uint(n) - 1
}
