package distribution

import "context"

// Shapley returns the exact Shapley value of g (Shapley 1953):
//
//	φᵢ = Σ_{S ⊆ N∖{i}} |S|!·(n−|S|−1)!/n! · [v(S ∪ {i}) − v(S)],
//
// in the unit of v. It is efficient — Σφ = v(N) − v(∅) — symmetric, gives dummies zero and is
// linear in v. It enumerates all 2^n coalitions by bitmask (a *TableGame is read in place;
// a MaskGame through ValueMask; any other Game through Value once per coalition), so it
// accepts at most MaxExactPlayers players and returns a *SizeError (ErrTooLarge) beyond, where
// SampleShapley applies. A cancelled ctx stops it within milliseconds.
func Shapley(ctx context.Context, g Game) ([]float64, error) {
	n, err := checkGamePlayers("Shapley", g, MaxExactPlayers)
	if err != nil {
		return nil, err
	}
	acc, err := marginalsBySize(ctx, g, n)
	if err != nil {
		return nil, err
	}
	return weighSizes(acc, n, ShapleyWeights(n)), nil
}
