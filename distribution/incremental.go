package distribution

import "math"

// IncrementalGame is an optional interface for games whose worth can be updated one player at
// a time. Through Value a sampled permutation of n players costs n calls that each rebuild a
// coalition of up to n members — O(n²) per permutation for a game over slices; a
// CoalitionState adds the next player of the order and returns the new worth in O(1) (or
// O(log k)), so a permutation costs O(n). SampleShapley, SampleBanzhaf, SampleOwen,
// SampleShapleyPerPlayer and SampleShapleyStratified use it whenever a game implements it;
// their estimates are then identical, bit for bit, to those computed through Value.
//
// The incremental forms of AdditiveGame, AirportGame, WeightedVoting, CoverageGame, KNNGame
// and MarketGame are in this package. Permutation sampling evaluates the growing prefixes of
// one order of arrival (Castro, Gómez & Tejada 2009); when the worth is a sum, a maximum, a
// union, the K nearest members or the pooled endowments so far, the next prefix's worth
// follows from the last one in O(1) (O(goods) for a market game).
type IncrementalGame interface {
	Game
	// NewState returns a state holding the empty coalition, owned by one goroutine; the
	// samplers make one per worker.
	NewState() CoalitionState
}

// CoalitionState is a coalition that grows one player at a time. It is not safe for
// concurrent use.
type CoalitionState interface {
	// Reset empties the coalition and returns v(∅).
	Reset() float64
	// Add puts player p — in 0..Players()-1 and not yet in the coalition — into it and returns
	// the worth of the grown coalition, which must equal, bit for bit, Value of the same
	// coalition as a sorted slice.
	Add(p int) float64
}

// incrementalState returns a fresh state of g when g is incremental, else nil: the samplers'
// one test for the fast path.
func incrementalState(g Game) CoalitionState {
	if ig, ok := g.(IncrementalGame); ok {
		return ig.NewState()
	}
	return nil
}

// worthOf returns v(coalition) through s: it resets s and adds the members in order.
func worthOf(s CoalitionState, coalition []int) float64 {
	v := s.Reset()
	for _, p := range coalition {
		v = s.Add(p)
	}
	return v
}

// exactSum accumulates float64 values exactly as Shewchuk's non-overlapping partials
// ("Adaptive precision floating-point arithmetic and fast robust geometric predicates",
// Discrete Comput. Geom. 18, 1997, Grow-Expansion) and reads them back correctly rounded by
// the final step of Python's math.fsum (R. Hettinger's msum recipe, which rounds half-way
// cases to even across the partials). The rounded sum is unique, so it does not depend on
// the order of the additions: the property that lets AdditiveGame's Value (members in sorted
// order) and its CoalitionState (members in arrival order) agree bit for bit. The partials
// stay few (at most ~40 for float64's exponent range, usually one or two), so an addition is
// O(1). Sums must stay finite.
type exactSum struct {
	partials []float64 // increasing magnitude, non-overlapping
}

func (s *exactSum) add(x float64) {
	i := 0
	for _, y := range s.partials {
		if math.Abs(x) < math.Abs(y) {
			x, y = y, x
		}
		hi := x + y
		lo := y - (hi - x)
		if lo != 0 {
			s.partials[i] = lo
			i++
		}
		x = hi
	}
	s.partials = append(s.partials[:i], x)
}

// value returns the correctly rounded sum (+0 for an empty or zero sum).
func (s *exactSum) value() float64 {
	p := s.partials
	n := len(p)
	if n == 0 {
		return 0
	}
	n--
	hi, lo := p[n], 0.0
	for n > 0 {
		x, y := hi, p[n-1]
		n--
		hi = x + y
		lo = y - (hi - x)
		if lo != 0 {
			break
		}
	}
	// A half-way case rounded the wrong way by hi = x + y: the partials below lo push it.
	if n > 0 && (lo < 0 && p[n-1] < 0 || lo > 0 && p[n-1] > 0) {
		y := lo * 2
		x := hi + y
		if y == x-hi {
			hi = x
		}
	}
	return hi + 0 // +0, never −0, so that both paths give the same zero
}

// NewState returns the incremental form of the additive game: the running sum, kept exact.
func (g *AdditiveGame) NewState() CoalitionState { return &additiveState{g: g} }

type additiveState struct {
	g   *AdditiveGame
	sum exactSum
}

func (s *additiveState) Reset() float64 {
	s.sum.partials = s.sum.partials[:0]
	return 0
}

func (s *additiveState) Add(p int) float64 {
	s.sum.add(s.g.a[p])
	return s.sum.value()
}

// NewState returns the incremental form of the airport game: the running maximum cost.
func (g *AirportGame) NewState() CoalitionState { return &airportState{g: g} }

type airportState struct {
	g *AirportGame
	v float64
}

func (s *airportState) Reset() float64 { s.v = 0; return 0 }

func (s *airportState) Add(p int) float64 {
	s.v = max(s.v, s.g.costs[p])
	return s.v
}

// NewState returns the incremental form of the weighted voting game: the running weight.
func (w *WeightedVoting) NewState() CoalitionState { return &votingState{w: w} }

type votingState struct {
	w *WeightedVoting
	s int
}

func (s *votingState) Reset() float64 { s.s = 0; return 0 }

func (s *votingState) Add(p int) float64 {
	s.s += s.w.weights[p]
	return indicator(s.s >= s.w.quota)
}
