package distribution

import (
	"fmt"
	"math"
	"math/bits"
)

// AdditiveGame is the inessential game v(S) = Σ_{i∈S} aᵢ. Its Shapley value, raw Banzhaf
// value and every normalised semivalue equal a (pyDVL uses it as an analytic check), which
// makes it a reference for tests and a baseline "pay by volume" scheme.
//
// An AdditiveGame is immutable and safe for concurrent use.
type AdditiveGame struct {
	a []float64
}

// NewAdditiveGame returns the additive game with the stand-alone worths a (copied; finite,
// at least one player, Σ|aᵢ| finite so that no coalition's worth overflows).
func NewAdditiveGame(a []float64) (*AdditiveGame, error) {
	if len(a) == 0 {
		return nil, &InputError{Field: "len(a)", Value: "0", Reason: "be at least 1"}
	}
	var abs float64
	for i, x := range a {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, &InputError{Field: fmt.Sprintf("a[%d]", i), Value: fmtWorth(x), Reason: "be finite"}
		}
		abs += math.Abs(x)
	}
	if math.IsInf(abs, 0) {
		return nil, &InputError{Field: "Σ|a|", Value: "+Inf", Reason: "be finite"}
	}
	return &AdditiveGame{a: append([]float64(nil), a...)}, nil
}

// Players returns len(a).
func (g *AdditiveGame) Players() int { return len(g.a) }

// Value returns Σ_{i∈S} aᵢ, correctly rounded (exactSum), so that it does not depend on the
// order of the members and equals the incremental form of NewState bit for bit.
func (g *AdditiveGame) Value(coalition []int) float64 {
	var buf [8]float64
	s := exactSum{partials: buf[:0]}
	for _, p := range coalition {
		s.add(g.a[p])
	}
	return s.value()
}

// ValueMask returns Σ aᵢ over the set bits of mask below Players(), as Value.
func (g *AdditiveGame) ValueMask(mask uint64) float64 {
	var buf [8]float64
	s := exactSum{partials: buf[:0]}
	for m := mask; m != 0; m &= m - 1 {
		if i := bits.TrailingZeros64(m); i < len(g.a) {
			s.add(g.a[i])
		}
	}
	return s.value()
}
