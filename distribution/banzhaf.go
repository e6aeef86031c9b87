package distribution

import "context"

// Banzhaf returns the exact raw (probabilistic) Banzhaf value of g (Banzhaf 1965; Dubey &
// Shapley 1979), pyDVL's convention:
//
//	βᵢ = 1/2^(n−1) · Σ_{S ⊆ N∖{i}} [v(S ∪ {i}) − v(S)],
//
// the mean marginal contribution of i over all coalitions of the others, in the unit of v.
// It is not efficient; NormalizeValues gives the normalised Banzhaf index. Limits (the
// default ones; see Limits.Banzhaf) and cancellation are those of Shapley.
func Banzhaf(ctx context.Context, g Game) ([]float64, error) {
	return Limits{}.Banzhaf(ctx, g)
}
