package distribution

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/dataassay/assay/internal/mcrun"
)

// Defaults of PlayerSampleOptions.
const (
	DefaultMinSamples = 32
	DefaultMaxSamples = 10_000
)

// PlayerSampleOptions configures the per-player samplers SampleShapleyPerPlayer and
// SampleShapleyStratified, which sample each player's marginal contributions on its own, so
// that each player can take as many samples as its own precision needs. The zero value is
// valid: seed 0, DefaultMaxSamples per player, no early stop.
type PlayerSampleOptions struct {
	// Seed selects the random stream; the same options give the same estimate.
	Seed uint64 `json:"seed"`
	// TargetStdErr stops sampling a player once its own standard error is at most this
	// (pyDVL's per-index stopping, aai-institute/pyDVL issue #303, PR #437). Zero disables
	// it: every player takes MaxSamples.
	TargetStdErr float64 `json:"targetStdErr"`
	// MinSamples is the burn-in: no player stops before it has this many samples (pyDVL
	// PR #305: a player whose first samples agree by chance must not be declared
	// converged). Zero means DefaultMinSamples.
	MinSamples int `json:"minSamples"`
	// MaxSamples bounds the samples of each player. Zero means DefaultMaxSamples, or
	// 4·n for SampleShapleyStratified when that is more.
	MaxSamples int `json:"maxSamples"`
}

// PlayerEstimate is an estimate from a per-player sampler. A plain value.
type PlayerEstimate struct {
	Values []float64 `json:"values"`
	// StdErr is each value's standard error (+Inf, written null, is never returned: a
	// player has at least two samples).
	StdErr []float64 `json:"stdErr"`
	// Samples is the number of marginal contributions sampled for each player; with
	// TargetStdErr the players that converge early take fewer.
	Samples []int `json:"samples"`
	// Evaluations counts the calls of the characteristic function (two per sample).
	Evaluations int `json:"evaluations"`
	// Method is "per-player" or "stratified".
	Method string `json:"method"`
}

func (o *PlayerSampleOptions) check(g Game) (int, error) {
	if g == nil {
		return 0, &InputError{Field: "game", Value: "nil", Reason: "not be nil"}
	}
	n := g.Players()
	switch {
	case n < 1:
		return 0, &InputError{Field: "game.Players()", Value: strconv.Itoa(n), Reason: "be at least 1"}
	case !(o.TargetStdErr >= 0) || math.IsInf(o.TargetStdErr, 0):
		return 0, &InputError{Field: "TargetStdErr", Value: fmtWorth(o.TargetStdErr), Reason: "be finite and not negative"}
	case o.MinSamples < 0:
		return 0, &InputError{Field: "MinSamples", Value: strconv.Itoa(o.MinSamples), Reason: "not be negative"}
	case o.MaxSamples < 0 || o.MaxSamples > math.MaxInt32:
		return 0, &InputError{Field: "MaxSamples", Value: strconv.Itoa(o.MaxSamples), Reason: "be in [0, 2^31)"}
	}
	if o.MinSamples == 0 {
		o.MinSamples = DefaultMinSamples
	}
	o.MinSamples = max(o.MinSamples, 2)
	if o.MaxSamples == 0 {
		o.MaxSamples = DefaultMaxSamples
	}
	return n, nil
}

// marginalSampler draws v(S ∪ {i}) − v(S) for a uniformly random S ⊆ N∖{i} of a given size,
// through the fastest path the game offers.
type marginalSampler struct {
	g     Game
	n     int
	inc   CoalitionState
	mg    MaskGame
	src   rand.PCG
	pool  []int // the players; restored after every draw
	swaps []int
	coal  []int
	evals int
}

func newMarginalSampler(g Game, n int) *marginalSampler {
	m := &marginalSampler{g: g, n: n, inc: incrementalState(g), pool: allPlayers(n), coal: make([]int, 0, n)}
	if mg, ok := g.(MaskGame); ok && n <= 64 {
		m.mg = mg
	}
	return m
}

// seed positions the random stream on sample (a, b) of the run seeded with seed.
func (m *marginalSampler) seed(seed, a, b uint64) { mcrun.Seed(&m.src, seed^mcrun.SplitMix64(a), b) }

// draw returns the marginal contribution of i to a uniformly random coalition of size k
// (0 ≤ k < n) of the other players: a partial Fisher–Yates shuffle over the first n−1
// positions of the pool after moving i to the last, undone afterwards, so O(k).
func (m *marginalSampler) draw(i, k int) (float64, error) {
	last := m.n - 1
	pi := i // the pool is the identity between draws
	m.pool[pi], m.pool[last] = m.pool[last], m.pool[pi]
	m.swaps = m.swaps[:0]
	for j := range k {
		r := j + int(uniformBelow(&m.src, uint64(last-j)))
		m.pool[j], m.pool[r] = m.pool[r], m.pool[j]
		m.swaps = append(m.swaps, r)
	}
	s := m.pool[:k]
	var without, with float64
	var mask uint64
	switch {
	case m.inc != nil:
		without = worthOf(m.inc, s)
		with = m.inc.Add(i)
	case m.mg != nil:
		for _, p := range s {
			mask |= 1 << uint(p)
		}
		without, with = m.mg.ValueMask(mask), m.mg.ValueMask(mask|1<<uint(i))
	default:
		m.coal = append(m.coal[:0], s...)
		slices.Sort(m.coal)
		without = m.g.Value(m.coal)
		at, _ := slices.BinarySearch(m.coal, i)
		m.coal = slices.Insert(m.coal, at, i)
		with = m.g.Value(m.coal)
	}
	for j := k - 1; j >= 0; j-- { // undo, so the pool is the identity again
		r := m.swaps[j]
		m.pool[j], m.pool[r] = m.pool[r], m.pool[j]
	}
	m.pool[pi], m.pool[last] = m.pool[last], m.pool[pi]
	m.evals += 2
	if !isFiniteWorth(without) {
		return 0, &ValueError{Coalition: mask, Value: without}
	}
	if !isFiniteWorth(with) {
		return 0, &ValueError{Coalition: mask | 1<<uint(i%64), Value: with}
	}
	return with - without, nil
}

// perPlayerCheckEvery is the number of rounds between stopping tests and context checks.
const perPlayerCheckEvery = 8

// SampleShapleyPerPlayer estimates the Shapley value of g by sampling each player's marginal
// contributions separately (Castro, Gómez & Tejada, "Polynomial calculation of the Shapley
// value based on sampling", Computers & OR 36(5) 2009, §3, where each player has its own
// sample size): a sample of player i is v(S ∪ {i}) − v(S) for S drawn from the Shapley
// distribution — a size k uniform on 0..n−1, then a uniform subset of that size of the other
// players. With opt.TargetStdErr each player stops as soon as its own standard error is
// at most the target (checked every 8 rounds after the MinSamples burn-in), so a skewed game
// — a few players with volatile contributions and many with steady ones — spends its
// evaluations where they are needed. A sample costs two evaluations; the same options give
// the same estimate. A cancelled ctx returns the estimate so far with the wrapped error.
func SampleShapleyPerPlayer(ctx context.Context, g Game, opt PlayerSampleOptions) (PlayerEstimate, error) {
	n, err := opt.check(g)
	if err != nil {
		return PlayerEstimate{}, err
	}
	ms := newMarginalSampler(g, n)
	mom := mcrun.NewMoments(n)
	active := allPlayers(n)
	var runErr error
	for r := 0; r < opt.MaxSamples && len(active) > 0; r++ {
		if r%perPlayerCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				runErr = ctxError(err)
				break
			}
		}
		for _, i := range active {
			ms.seed(opt.Seed, uint64(i), uint64(r))
			x, err := ms.draw(i, int(uniformBelow(&ms.src, uint64(n))))
			if err != nil {
				return PlayerEstimate{}, err
			}
			mom.Add(i, x)
		}
		if opt.TargetStdErr > 0 && r+1 >= opt.MinSamples && (r+1)%perPlayerCheckEvery == 0 {
			active = slices.DeleteFunc(active, func(i int) bool { return mom.StdErr(i) <= opt.TargetStdErr })
		}
	}
	est := PlayerEstimate{Values: mom.Mean, StdErr: make([]float64, n), Samples: mom.Count, Evaluations: ms.evals, Method: "per-player"}
	for i := range n {
		est.StdErr[i] = mom.StdErr(i)
	}
	return est, runErr
}

// SampleShapleyStratified estimates the Shapley value of g by stratified sampling over the
// size of the coalition a player joins (Castro, Gómez, Molina & Tejada, "Improving polynomial
// estimation of the Shapley value by stratified random sampling with optimum allocation",
// Computers & OR 82, 2017; Maleki et al., "Bounding the estimation error of sampling-based
// Shapley value approximation", arXiv:1306.4265, 2013): φᵢ = (1/n)·Σ_k E[v(S∪{i}) − v(S) |
// |S| = k], each stratum's mean estimated apart, so the variance between strata — large
// when worth depends mostly on size, as in voting and coverage games — drops out.
//
// Each player's MaxSamples are spent in two stages: first an equal share of at least two
// samples per stratum, then, unless the player's standard error is already at most
// TargetStdErr, the rest in proportion to each stratum's sample standard deviation (Neyman's
// optimum allocation, Castro et al. 2017 §3). StdErr is √(Σ_k s²_k/m_k)/n. MaxSamples must
// allow two samples per stratum (2n); MinSamples is not used.
func SampleShapleyStratified(ctx context.Context, g Game, opt PlayerSampleOptions) (PlayerEstimate, error) {
	budget := opt.MaxSamples
	n, err := opt.check(g)
	if err != nil {
		return PlayerEstimate{}, err
	}
	if budget == 0 {
		opt.MaxSamples = max(opt.MaxSamples, 4*n)
	}
	if opt.MaxSamples < 2*n {
		return PlayerEstimate{}, &InputError{Field: "MaxSamples", Value: strconv.Itoa(opt.MaxSamples), Reason: "allow two samples per stratum, at least 2n = " + strconv.Itoa(2*n)}
	}
	ms := newMarginalSampler(g, n)
	est := PlayerEstimate{Values: make([]float64, n), StdErr: make([]float64, n), Samples: make([]int, n), Method: "stratified"}
	first := max(2, opt.MaxSamples/(2*n))
	strata := mcrun.NewMoments(n) // stream k: stratum k of the current player
	extra := make([]int, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return est, ctxError(err)
		}
		strata.Reset()
		sample := func(k, count int) error {
			for range count {
				ms.seed(opt.Seed, uint64(i)<<32|uint64(k), uint64(strata.Count[k]))
				x, err := ms.draw(i, k)
				if err != nil {
					return err
				}
				strata.Add(k, x)
			}
			return nil
		}
		for k := range n {
			if err := sample(k, first); err != nil {
				return PlayerEstimate{}, err
			}
		}
		if rest := opt.MaxSamples - first*n; rest > 0 && !(opt.TargetStdErr > 0 && stratifiedStdErr(strata, n) <= opt.TargetStdErr) {
			var total float64
			for k := range n {
				total += math.Sqrt(strata.M2[k] / float64(strata.Count[k]-1))
			}
			for k := range n {
				extra[k] = 0
				if total > 0 {
					extra[k] = int(float64(rest) * math.Sqrt(strata.M2[k]/float64(strata.Count[k]-1)) / total)
				}
				if err := sample(k, extra[k]); err != nil {
					return PlayerEstimate{}, err
				}
			}
		}
		var mean float64
		for k := range n {
			mean += strata.Mean[k]
			est.Samples[i] += strata.Count[k]
		}
		est.Values[i] = mean / float64(n)
		est.StdErr[i] = stratifiedStdErr(strata, n)
	}
	est.Evaluations = ms.evals
	return est, nil
}

// stratifiedStdErr is √(Σ_k s²_k/m_k)/n over the n strata of m.
func stratifiedStdErr(m *mcrun.Moments, n int) float64 {
	var v float64
	for k := range n {
		c := float64(m.Count[k])
		v += m.M2[k] / (c - 1) / c
	}
	return math.Sqrt(v) / float64(n)
}
