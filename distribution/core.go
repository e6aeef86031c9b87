package distribution

import "context"

// LeastCore returns the least-core value ε and a point of the least core of g (Maschler,
// Peleg & Shapley 1979): ε is the smallest number such that some efficient x (x(N) = v(N))
// satisfies x(S) ≥ v(S) − ε for every coalition ∅ ≠ S ≠ N, the linear program
//
//	min ε  s.t.  x(S) + ε ≥ v(S) for ∅ ≠ S ≠ N,  x(N) = v(N).
//
// The core is non-empty exactly when ε ≤ 0. The least core is a set (a segment in the
// Talmud's contested-estate example of Aumann & Maschler 1985); the point returned is its lexicographic
// centre, the prenucleolus (see Prenucleolus), which is unique — so the result does not
// depend on the LP solver's pivoting — and equals the nucleolus whenever the core is
// non-empty. pyDVL returns a different point, the egalitarian one (least Euclidean norm).
// For a one-player game x = (v(N)) and ε is reported as 0. Worths are taken relative to v(∅);
// limits and accuracy are those of Nucleolus.
func LeastCore(ctx context.Context, g Game) (x []float64, epsilon float64, err error) {
	return nucleolus(ctx, "LeastCore", g, false)
}
