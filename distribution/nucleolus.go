package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"

	"github.com/dataassay/assay/internal/lpsolve"
)

// MaxLPPlayers is the largest game LeastCore, Nucleolus and Prenucleolus accept: their
// linear programs have a column per coalition, 2^n of them.
const MaxLPPlayers = 14

// Nucleolus returns the nucleolus of g (Schmeidler 1969): the imputation — efficient,
// x(N) = v(N), and individually rational, xᵢ ≥ v({i}) — that lexicographically minimises the
// excesses v(S) − x(S) sorted from the largest down. It is unique, lies in the core whenever
// the core is non-empty, and for a bankruptcy game equals the Talmud rule (Aumann & Maschler
// 1985).
//
// It is computed by the sequential linear programs of Kopelowitz (1967) and Maschler,
// Peleg & Shapley (1979), solved in their dual form — n+1 rows, a column per coalition —
// whose optimal dual weights name the coalitions whose excess is settled at each stage;
// coalitions whose worth the settled ones already determine drop out, so at most n stages
// run. Worths are taken relative to v(∅). Games with more than MaxLPPlayers players return a
// *SizeError; an empty imputation set (Σ v({i}) > v(N)) returns ErrInfeasible (Prenucleolus
// has no such condition).
//
// The duals are highly degenerate (their right-hand side is a unit vector), and a general
// simplex code can cycle on them forever: gonum's lp.Simplex did, on bankruptcy games, and
// also reported bounded programs as unbounded. They are therefore solved by internal/lpsolve,
// a revised simplex method that refactorises its (n+1)×(n+1) basis at every pivot, falls
// back to Bland's rule (1977) after a run of degenerate pivots, stops at an iteration limit
// and checks ctx between pivots: every call ends, with the result, the context's error, or —
// if rounding defeats the method, which the tests have not seen — ErrNumerical. The programs
// run on the game divided by its largest |v(S) − v(∅)|, so results are exact up to the
// solver's tolerance, 1e-11 relative to the largest worth, at any scale from 10⁻³⁰⁰ to 10³⁰⁰
// (the tests allow 1e-10, on bankruptcy games whose claims span 0.01 to 10^13); worths whose
// differences or payoffs overflow float64 are an *InputError. Exact rational arithmetic
// (math/big.Rat) would remove the tolerance, at a cost thousands of times higher for 14
// players.
//
// The prenucleolus is computed first: when it is individually rational it is the nucleolus
// (it minimises the sorted excesses over all efficient allocations, a superset of the
// imputations), which is always so when the core is non-empty. Only otherwise do the linear
// programs run again with the individual-rationality rows.
func Nucleolus(ctx context.Context, g Game) ([]float64, error) {
	x, _, err := nucleolus(ctx, "Nucleolus", g, false)
	if err != nil {
		return nil, err
	}
	if individuallyRational(g, x) {
		return x, nil
	}
	x, _, err = nucleolus(ctx, "Nucleolus", g, true)
	return x, err
}

// individuallyRational reports whether xᵢ ≥ v({i}) − v(∅) for every player, within the
// tolerance of the linear programs: 1e-9 relative to the largest singleton worth or payoff,
// never an absolute amount, so that games in small units are judged at their own scale.
func individuallyRational(g Game, x []float64) bool {
	empty := g.Value(nil)
	var one [1]int
	vi := make([]float64, len(x))
	scale := 0.0
	for i := range x {
		one[0] = i
		vi[i] = g.Value(one[:]) - empty
		scale = max(scale, math.Abs(vi[i]), math.Abs(x[i]))
	}
	for i := range x {
		if x[i] < vi[i]-1e-9*scale {
			return false
		}
	}
	return true
}

// Prenucleolus returns the prenucleolus of g (Sobolev 1975): the efficient allocation that
// lexicographically minimises the sorted excesses, without individual rationality. It
// coincides with the nucleolus whenever the core is non-empty, always exists, and is the
// point LeastCore returns. Method, limits and accuracy are those of Nucleolus.
func Prenucleolus(ctx context.Context, g Game) ([]float64, error) {
	x, _, err := nucleolus(ctx, "Prenucleolus", g, false)
	return x, err
}

// nucleolus runs the sequential LPs and returns the (pre)nucleolus and the value ε₁ of the
// first stage, the least-core value.
func nucleolus(ctx context.Context, method string, g Game, imputation bool) ([]float64, float64, error) {
	n, err := checkGamePlayers(method, g, MaxLPPlayers)
	if err != nil {
		return nil, 0, err
	}
	table, err := coalitionTable(ctx, g, n)
	if err != nil {
		return nil, 0, err
	}
	all := uint64(1)<<uint(n) - 1
	// The programs run on the game divided by its scale, the largest |v(S) − v(∅)|, so that
	// every tolerance below is relative to the game's size: a game in units of 10⁻¹³ keeps its
	// payoffs, one in units of 10³⁰⁰ does not overflow. Results are scaled back.
	scale := 0.0
	for s, x := range table {
		d := x - table[0]
		if math.IsInf(d, 0) {
			return nil, 0, &InputError{Field: fmt.Sprintf("v(%#x) − v(∅)", s), Value: fmtWorth(x) + " − " + fmtWorth(table[0]),
				Reason: "be finite (worths this far apart overflow float64)"}
		}
		scale = max(scale, math.Abs(d))
	}
	if scale == 0 { // every coalition worth v(∅): nothing to share, no excess
		return make([]float64, n), 0, nil
	}
	v := func(s uint64) float64 { return (table[s] - table[0]) / scale }
	if n == 1 {
		return []float64{table[1] - table[0]}, 0, nil
	}
	var singletons float64 // Σ v({i})
	if imputation {
		// The condition involves only the singletons and v(N), so its tolerance follows their
		// size, not that of the largest worth: a game with v(N) = 0, singletons worth cents
		// and some coalition worth 10^10 has no imputation.
		var mag float64
		for i := range n {
			singletons += v(1 << uint(i))
			mag += math.Abs(v(1 << uint(i)))
		}
		if singletons > v(all)+1e-12*(mag+math.Abs(v(all))) {
			return nil, 0, emptyImputations(method, singletons*scale, v(all)*scale)
		}
	}

	st := &nucleolusState{n: n}
	st.settle(all, v(all))
	free := make([]uint64, 0, all-1)
	for s := uint64(1); s < all; s++ {
		free = append(free, s)
	}
	eps1 := math.NaN()
	for stages := 0; st.rank() < n; stages++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, ctxError(err)
		}
		var ir []uint64 // individual rationality: x_i ≥ v({i}), unless already settled
		if imputation {
			for i := range n {
				if s := uint64(1) << uint(i); !st.inSpan(s) {
					ir = append(ir, s)
				}
			}
		}
		e, y, z, err := st.stage(ctx, free, ir, v)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, 0, ctxError(ctxErr)
			}
			if imputation && errors.Is(err, lpsolve.ErrUnbounded) {
				// The dual is unbounded only if the primal is infeasible, which with the
				// settled rows consistent by construction means no imputation: Σ v({i})
				// exceeds v(N) by less than the test above could see.
				return nil, 0, emptyImputations(method, singletons*scale, v(all)*scale)
			}
			return nil, 0, fmt.Errorf("%w: %s: linear program %d: %w", ErrNumerical, method, stages+1, err)
		}
		if math.IsNaN(eps1) {
			eps1 = e
		}
		progress := false
		for k, s := range free {
			if y[k] > 1e-9 && !st.inSpan(s) {
				st.settle(s, v(s)-e)
				progress = true
			}
		}
		for k, s := range ir {
			if z[k] > 1e-9 && !st.inSpan(s) {
				st.settle(s, v(s))
				progress = true
			}
		}
		if !progress {
			return nil, 0, fmt.Errorf("%w: %s: the linear programs stalled (numerically degenerate game)", ErrNumerical, method)
		}
		kept := free[:0]
		for _, s := range free {
			if !st.inSpan(s) {
				kept = append(kept, s)
			}
		}
		free = kept
	}
	x, err := st.solve()
	if err != nil {
		return nil, 0, fmt.Errorf("distribution: %s: %w", method, err)
	}
	// Residues of the linear programs below the tolerance (1e-12 of the game's scale) are
	// noise, not payoffs: report them as 0 (and never −0).
	snap := func(v float64) float64 {
		if math.Abs(v) <= 1e-12 {
			return 0
		}
		return v * scale
	}
	for i := range x {
		if x[i] = snap(x[i]); math.IsInf(x[i], 0) {
			return nil, 0, &InputError{Field: "game worths", Value: fmt.Sprintf("scale %s", fmtWorth(scale)),
				Reason: fmt.Sprintf("be small enough that payoffs stay finite (payoff %d overflows float64)", i)}
		}
	}
	eps := snap(eps1)
	if math.IsInf(eps, 0) {
		return nil, 0, &InputError{Field: "game worths", Value: fmt.Sprintf("scale %s", fmtWorth(scale)), Reason: "be small enough that the least-core value stays finite"}
	}
	return x, eps, nil
}

// emptyImputations is the ErrInfeasible of a game whose singletons are worth more than v(N).
func emptyImputations(method string, sum, vN float64) error {
	return fmt.Errorf("%w: %s: the imputation set is empty (Σ v({i}) = %s > v(N) = %s); use Prenucleolus",
		ErrInfeasible, method, fmtWorth(sum), fmtWorth(vN))
}

// nucleolusState holds the coalitions whose excess is settled: linearly independent
// indicator vectors with their fixed worths x(S) = c, and an orthonormal basis of their span
// (Gram–Schmidt) to test whether a coalition's x(S) is already determined.
type nucleolusState struct {
	n       int
	settled []uint64
	worth   []float64
	basis   [][]float64
}

func (st *nucleolusState) rank() int { return len(st.settled) }

// residual returns the component of S's indicator vector orthogonal to the settled span.
func (st *nucleolusState) residual(s uint64) []float64 {
	r := make([]float64, st.n)
	for i := range r {
		r[i] = float64(s >> uint(i) & 1)
	}
	for _, b := range st.basis {
		var d float64
		for i := range r {
			d += r[i] * b[i]
		}
		for i := range r {
			r[i] -= d * b[i]
		}
	}
	return r
}

func (st *nucleolusState) inSpan(s uint64) bool {
	var norm float64
	for _, x := range st.residual(s) {
		norm += x * x
	}
	return norm < 1e-18
}

func (st *nucleolusState) settle(s uint64, c float64) {
	r := st.residual(s)
	var norm float64
	for _, x := range r {
		norm += x * x
	}
	norm = math.Sqrt(norm)
	for i := range r {
		r[i] /= norm
	}
	st.basis = append(st.basis, r)
	st.settled = append(st.settled, s)
	st.worth = append(st.worth, c)
}

// stage solves one LP of the sequence,
//
//	min e  s.t.  x(S) + e ≥ v(S) (S free),  x(T) = c_T (T settled),  x_i ≥ v({i}) (ir),
//
// through its dual,
//
//	max Σ y_S v(S) + Σ u_T c_T + Σ z_i v({i})
//	s.t. Σ_{S∋i} y_S + Σ_{T∋i} u_T + z_i = 0 (each i),  Σ y_S = 1,  y, z ≥ 0,
//
// (u free, split as u⁺ − u⁻) and returns the optimal e and the dual weights y (per free
// coalition) and z (per ir row). A coalition with y_S > 0 is tight in every optimal solution
// (complementary slackness). The primal is bounded below — on the affine set x(T) = c_T
// every direction lowers some free coalition's x(S) — and feasible (e large) unless the ir
// rows admit no imputation, so the dual has an optimum; the caller reads an unbounded dual
// with ir rows as an empty imputation set and any other failure as ErrNumerical.
func (st *nucleolusState) stage(ctx context.Context, free, ir []uint64, v func(uint64) float64) (float64, []float64, []float64, error) {
	n := st.n
	rows := n + 1
	cols := len(free) + 2*len(st.settled) + len(ir)
	a := make([]float64, rows*cols)
	c := make([]float64, cols)
	col := 0
	put := func(s uint64, sign, last, cost float64) {
		for m := s; m != 0; m &= m - 1 {
			a[col*rows+bits.TrailingZeros64(m)] = sign
		}
		a[col*rows+n] = last
		c[col] = cost
		col++
	}
	for _, s := range free {
		put(s, 1, 1, -v(s))
	}
	for k, s := range st.settled {
		put(s, 1, 0, -st.worth[k])
		put(s, -1, 0, st.worth[k])
	}
	for _, s := range ir {
		put(s, 1, 0, -v(s))
	}
	b := make([]float64, rows)
	b[n] = 1
	// The constraint matrix is 0/±1 and b a unit vector, so rounding stays near 1e-15 of the
	// largest worth: a tolerance of 1e-11 (not lpsolve's general 1e-9) is safe and makes
	// results 100 times more accurate on games mixing worths of very different sizes.
	sol, err := lpsolve.Minimize(ctx, lpsolve.Problem{Cost: c, A: a, RHS: b}, lpsolve.Options{Tolerance: 1e-11})
	if err != nil {
		return 0, nil, nil, err
	}
	w := sol.X
	return -sol.Value, w[:len(free)], w[len(free)+2*len(st.settled):], nil
}

// solve returns the unique x with x(T) = c_T for the n settled coalitions.
func (st *nucleolusState) solve() ([]float64, error) {
	n := st.n
	a := mat.NewDense(n, n, nil)
	for r, s := range st.settled {
		for m := s; m != 0; m &= m - 1 {
			a.Set(r, bits.TrailingZeros64(m), 1)
		}
	}
	var x mat.VecDense
	if err := x.SolveVec(a, mat.NewVecDense(n, append([]float64(nil), st.worth...))); err != nil {
		return nil, err
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = x.AtVec(i)
	}
	return out, nil
}
