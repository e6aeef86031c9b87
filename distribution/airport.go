package distribution

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// AirportGame is the airport cost game of Littlechild & Owen ("A simple expression for the
// Shapley value in a special case", Management Science 1973): player i needs a runway — a
// pipeline, a storage tier, a cleaning pass — of cost cᵢ, a longer one serves shorter needs
// too, and a coalition pays for the longest it needs, v(S) = max_{i∈S} cᵢ (v(∅) = 0). It is
// a cost game: the values below are cost shares.
//
// An AirportGame is immutable and safe for concurrent use.
type AirportGame struct {
	costs []float64
}

// NewAirportGame returns the airport game with costs cᵢ ≥ 0 (finite; copied).
func NewAirportGame(costs []float64) (*AirportGame, error) {
	if len(costs) == 0 {
		return nil, &InputError{Field: "len(costs)", Value: "0", Reason: "be at least 1"}
	}
	for i, c := range costs {
		if !(c >= 0) || math.IsInf(c, 0) {
			return nil, &InputError{Field: fmt.Sprintf("costs[%d]", i), Value: fmtWorth(c), Reason: "be finite and not negative"}
		}
	}
	return &AirportGame{costs: slices.Clone(costs)}, nil
}

// Players returns len(costs).
func (g *AirportGame) Players() int { return len(g.costs) }

// Value returns the largest cost in the coalition, 0 for the empty one.
func (g *AirportGame) Value(coalition []int) float64 {
	var v float64
	for _, p := range coalition {
		v = max(v, g.costs[p])
	}
	return v
}

// ValueMask returns Value of the coalition of the set bits of mask below Players().
func (g *AirportGame) ValueMask(mask uint64) float64 {
	var v float64
	for m := mask; m != 0; m &= m - 1 {
		if i := bits.TrailingZeros64(m); i < len(g.costs) {
			v = max(v, g.costs[i])
		}
	}
	return v
}

// Shapley returns the exact Shapley cost shares by the Littlechild–Owen closed form: with the
// costs sorted, c₍₁₎ ≤ … ≤ c₍ₙ₎ and c₍₀₎ = 0,
//
//	φ₍ᵢ₎ = Σ_{k=1..i} (c₍ₖ₎ − c₍ₖ₋₁₎) / (n − k + 1),
//
// each increment of runway split equally among the players who need it. O(n log n); the
// shares sum to max cᵢ.
func (g *AirportGame) Shapley() []float64 {
	n := len(g.costs)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(g.costs[a], g.costs[b]) })
	phi := make([]float64, n)
	var share, prev float64
	for k, i := range order {
		share += (g.costs[i] - prev) / float64(n-k)
		prev = g.costs[i]
		phi[i] = share
	}
	return phi
}
