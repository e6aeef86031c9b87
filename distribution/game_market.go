package distribution

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
)

// MarketGame is a Leontief production game: player i brings an endowment eᵢ of each of G
// goods (data sets, licences, compute), one unit of the product needs r_g of good g, and a
// coalition is worth the number of units it can make from its pooled endowments,
//
//	v(S) = min over g with r_g > 0 of Σ_{i∈S} e_ig / r_g.
//
// Market games (Shapley & Shubik, "On market games", J. Econ. Theory 1969) are totally
// balanced: their core is never empty. The glove game is the special case of two goods with
// unit recipe and unit endowments (see NewGloveGame).
//
// A MarketGame is immutable and safe for concurrent use.
type MarketGame struct {
	endow  [][]float64 // endow[i][g], copied
	recipe []float64
	left   uint64 // for glove games built by NewGloveGame: bitmask of left-glove holders
	right  uint64
	glove  bool
}

// NewMarketGame returns the Leontief market game with endowments[i][g] ≥ 0 (player i, good
// g) and recipe[g] ≥ 0, at least one recipe entry positive. Inputs are copied.
func NewMarketGame(endowments [][]float64, recipe []float64) (*MarketGame, error) {
	if len(endowments) == 0 {
		return nil, &InputError{Field: "len(endowments)", Value: "0", Reason: "be at least 1"}
	}
	positive := false
	for g, r := range recipe {
		if !(r >= 0) || math.IsInf(r, 0) {
			return nil, &InputError{Field: fmt.Sprintf("recipe[%d]", g), Value: fmtWorth(r), Reason: "be finite and not negative"}
		}
		positive = positive || r > 0
	}
	if !positive {
		return nil, &InputError{Field: "recipe", Value: fmt.Sprint(recipe), Reason: "have a positive entry"}
	}
	endow := make([][]float64, len(endowments))
	for i, e := range endowments {
		if len(e) != len(recipe) {
			return nil, &InputError{Field: fmt.Sprintf("len(endowments[%d])", i), Value: strconv.Itoa(len(e)), Reason: fmt.Sprintf("equal len(recipe) = %d", len(recipe))}
		}
		for g, x := range e {
			if !(x >= 0) || math.IsInf(x, 0) {
				return nil, &InputError{Field: fmt.Sprintf("endowments[%d][%d]", i, g), Value: fmtWorth(x), Reason: "be finite and not negative"}
			}
		}
		endow[i] = append([]float64(nil), e...)
	}
	return &MarketGame{endow: endow, recipe: append([]float64(nil), recipe...)}, nil
}

// NewGloveGame returns the glove game: players 0..left-1 each hold one left glove, players
// left..left+right-1 one right glove, and a coalition is worth its number of matched pairs,
// v(S) = min(|S ∩ L|, |S ∩ R|) (the textbook example of an assignment market; with one left
// and two right gloves its Shapley value is (2/3, 1/6, 1/6) and its core the single point
// (1, 0, 0)).
func NewGloveGame(left, right int) (*MarketGame, error) {
	if left < 0 || right < 0 || left+right < 1 || left+right > 1<<20 {
		return nil, &InputError{Field: "left, right", Value: fmt.Sprintf("%d, %d", left, right), Reason: "be non-negative with 1 ≤ left+right ≤ 2^20"}
	}
	endow := make([][]float64, left+right)
	for i := range endow {
		if i < left {
			endow[i] = []float64{1, 0}
		} else {
			endow[i] = []float64{0, 1}
		}
	}
	g := &MarketGame{endow: endow, recipe: []float64{1, 1}}
	if left+right <= 64 {
		g.glove = true
		g.left = 1<<uint(left) - 1
		g.right = (1<<uint(left+right) - 1) &^ g.left
	}
	return g, nil
}

// Players returns the number of endowment rows.
func (g *MarketGame) Players() int { return len(g.endow) }

// Value returns the number of product units the coalition can make. Each good's pooled
// endowment is summed correctly rounded (exactSum), so the worth does not depend on the order
// of the members and equals the incremental form of NewState bit for bit.
func (g *MarketGame) Value(coalition []int) float64 {
	v := math.Inf(1)
	for k, r := range g.recipe {
		if r == 0 {
			continue
		}
		var buf [8]float64
		s := exactSum{partials: buf[:0]}
		for _, p := range coalition {
			s.add(g.endow[p][k])
		}
		v = min(v, s.value()/r)
	}
	return v
}

// ValueMask returns Value of the coalition of the set bits of mask below Players().
func (g *MarketGame) ValueMask(mask uint64) float64 {
	if g.glove {
		return float64(min(bits.OnesCount64(mask&g.left), bits.OnesCount64(mask&g.right)))
	}
	v := math.Inf(1)
	for k, r := range g.recipe {
		if r == 0 {
			continue
		}
		var buf [8]float64
		s := exactSum{partials: buf[:0]}
		for m := mask; m != 0; m &= m - 1 {
			if i := bits.TrailingZeros64(m); i < len(g.endow) {
				s.add(g.endow[i][k])
			}
		}
		v = min(v, s.value()/r)
	}
	return v
}

// NewState returns the incremental form of the market game (issue 18's CoalitionState): the
// pooled endowment of each good, kept exact, so adding a player costs O(goods) instead of
// re-summing the coalition — a permutation of n players costs O(n·goods), not O(n²·goods).
func (g *MarketGame) NewState() CoalitionState {
	return &marketState{g: g, sums: make([]exactSum, len(g.recipe))}
}

type marketState struct {
	g    *MarketGame
	sums []exactSum // per good
}

func (s *marketState) Reset() float64 {
	for k := range s.sums {
		s.sums[k].partials = s.sums[k].partials[:0]
	}
	return s.worth()
}

func (s *marketState) Add(p int) float64 {
	for k, x := range s.g.endow[p] {
		if s.g.recipe[k] != 0 {
			s.sums[k].add(x)
		}
	}
	return s.worth()
}

func (s *marketState) worth() float64 {
	v := math.Inf(1)
	for k, r := range s.g.recipe {
		if r != 0 {
			v = min(v, s.sums[k].value()/r)
		}
	}
	return v
}
