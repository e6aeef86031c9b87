package distribution

import "context"

// Shapley returns the exact Shapley value of g (Shapley 1953):
//
//	φᵢ = Σ_{S ⊆ N∖{i}} |S|!·(n−|S|−1)!/n! · [v(S ∪ {i}) − v(S)],
//
// in the unit of v. It is efficient — Σφ = v(N) − v(∅) — symmetric, gives dummies zero and is
// linear in v. It enumerates all 2^n coalitions by bitmask (a *TableGame is read in place;
// a MaskGame through ValueMask; any other Game through Value once per coalition), so its
// cost doubles with every player. Shapley accepts the default Limits, DefaultExactPlayers (20)
// players, and returns a *SizeError (ErrTooLarge) beyond, where SampleShapley applies; up to
// MaxExactPlayers, choose the bound with Limits.Shapley. A cancelled ctx stops it within
// milliseconds.
func Shapley(ctx context.Context, g Game) ([]float64, error) {
	return Limits{}.Shapley(ctx, g)
}
