// Package lpsolve solves small linear programs in standard form,
//
//	minimise c·x  subject to  A x = b,  x ≥ 0,
//
// with few rows (tens) and possibly many columns (tens of thousands): the dual programs of
// the nucleolus, n+1 rows and a column per coalition. It exists because gonum's
// optimize/convex/lp.Simplex can cycle forever on the highly degenerate programs of such
// games and takes no context; a hang on untrusted input is a denial of service.
//
// The method is the two-phase revised simplex method (Dantzig 1951; Chvátal, Linear
// Programming, 1983, ch. 7–8) with three safeguards:
//
//   - the basis is refactorised from scratch (LU with partial pivoting) at every pivot, so
//     rounding errors never accumulate across pivots — affordable because the basis is at
//     most m×m with m small;
//   - pricing follows Dantzig's largest-coefficient rule until a run of degenerate pivots,
//     then Bland's smallest-index rule for the rest of the phase, which cannot cycle
//     (R. G. Bland, "New finite pivoting rules for the simplex method", Mathematics of
//     Operations Research 2(2), 1977); before the switch every non-degenerate pivot strictly
//     lowers the objective and degenerate runs are bounded, so no basis repeats;
//   - a hard iteration limit (ErrIterationLimit) and a context check between pivots, so a
//     solve always ends, even if rounding defeats Bland's guarantee.
//
// Phase 1 minimises the sum of one artificial variable per row, then drives the artificial
// variables out of the basis, dropping rows that prove redundant, so equality constraints
// need no special form. Tolerances are relative to the data: 1e-9 by default, scaled by the
// largest |b| for feasibility and, in phase 2, by the largest |c| for optimality.
//
// An exact alternative — the same method in math/big.Rat — would remove tolerances
// altogether, but prices each of 2^14 columns with rational arithmetic whose operands grow
// with every pivot: thousands of times slower for the nucleolus of 14 players. The float
// method with per-pivot refactorisation, at tolerance 1e-11, reproduces the nucleolus of
// bankruptcy games to about 1e-11 of the estate.
package lpsolve

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Errors returned by Minimize. Callers map them to their own package's sentinels.
var (
	// ErrInvalidInput reports a problem whose slices do not fit together or hold NaN or ±Inf.
	ErrInvalidInput = errors.New("lpsolve: invalid problem")
	// ErrInfeasible reports that no x ≥ 0 satisfies A x = b (within the tolerance).
	ErrInfeasible = errors.New("lpsolve: infeasible")
	// ErrUnbounded reports that c·x has no lower bound on the feasible set.
	ErrUnbounded = errors.New("lpsolve: unbounded")
	// ErrIterationLimit reports that the iteration limit was reached before an optimum.
	ErrIterationLimit = errors.New("lpsolve: iteration limit reached")
	// ErrNumerical reports a basis that became numerically singular.
	ErrNumerical = errors.New("lpsolve: numerically singular basis")
)

// Problem is a linear program in standard form: minimise Cost·x subject to A x = RHS, x ≥ 0.
// A has len(RHS) rows and len(Cost) columns, stored column by column: the entry in row i of
// column j is A[j*len(RHS)+i]. Column-major storage suits the method, which prices one column
// at a time. Minimize only reads a Problem, so one may be solved from several goroutines.
type Problem struct {
	Cost []float64 // c, one per column
	A    []float64 // the constraint matrix, column-major, len(RHS)·len(Cost) entries
	RHS  []float64 // b, one per row
}

// Options tunes Minimize. The zero value is valid and gives the defaults. Options, like
// Solution, is plain data.
type Options struct {
	// MaxIterations bounds the pivots of both phases together; 0 means
	// 1000 + 100·rows + 2·columns, far above the 2–3 pivots per row a simplex method
	// usually needs, while bounding a pathological solve to seconds.
	MaxIterations int
	// Tolerance is the relative tolerance of the feasibility, optimality and pivot tests;
	// 0 means 1e-9.
	Tolerance float64
}

// Solution is an optimal solution of a Problem.
type Solution struct {
	X          []float64 // an optimal basic solution, one value per column, every value ≥ 0
	Value      float64   // Cost·X, the optimal value
	Iterations int       // pivots made, both phases together
}

// Minimize solves p by the two-phase revised simplex method described in the package
// comment. It returns ErrInfeasible, ErrUnbounded, ErrIterationLimit or ErrNumerical
// (wrapped), or the context's error if ctx ends first (checked between pivots). It does not
// modify p and is safe for concurrent use.
func Minimize(ctx context.Context, p Problem, o Options) (Solution, error) {
	m, n := len(p.RHS), len(p.Cost)
	if len(p.A) != m*n {
		return Solution{}, fmt.Errorf("%w: A has %d entries, want %d rows × %d columns", ErrInvalidInput, len(p.A), m, n)
	}
	for _, s := range [][]float64{p.Cost, p.A, p.RHS} {
		for _, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Solution{}, fmt.Errorf("%w: %v in the data", ErrInvalidInput, v)
			}
		}
	}
	s := newSolver(p, o)
	x, err := s.run(ctx)
	if err != nil {
		return Solution{}, err
	}
	var val float64
	for j, xj := range x {
		val += p.Cost[j] * xj
	}
	return Solution{X: x, Value: val, Iterations: s.iter}, nil
}

// degenerateRun is the number of consecutive degenerate pivots after which pricing switches
// from Dantzig's rule to Bland's for good.
const degenerateRun = 20

// solver holds the state of one solve. Columns n … n+m−1 are the artificial variables, the
// one of row i being sign(b_i)·e_i so that the all-artificial basis is feasible.
type solver struct {
	p          Problem
	m, n       int
	sign       []float64 // sign of b_i (+1 for 0)
	rows       []int     // rows still in the problem (phase 1 may drop redundant ones)
	basis      []int     // basis[r] is the column basic in position r, one per active row
	isBasic    []bool    // by column, artificial ones included
	maxIter    int
	iter       int
	tol        float64
	feasTol    float64
	optTol     float64
	bland      bool // Bland's rule is in force
	degenRun   int  // consecutive degenerate pivots so far
	blandAfter int  // degenerateRun, or less in tests

	lu     luFactor
	xB     []float64 // basic values
	pi     []float64 // simplex multipliers, one per active row
	piFull []float64 // the same, one per row, zero on dropped rows
	d      []float64 // the entering column in the basis, B⁻¹a_j
	col    []float64 // scratch: a column restricted to the active rows
	cost   []float64 // the current phase's costs, by column
}

func newSolver(p Problem, o Options) *solver {
	m, n := len(p.RHS), len(p.Cost)
	tol := o.Tolerance
	if tol <= 0 {
		tol = 1e-9
	}
	maxIter := o.MaxIterations
	if maxIter <= 0 {
		maxIter = 1000 + 100*m + 2*n
	}
	bScale := 1.0
	for _, v := range p.RHS {
		bScale = max(bScale, math.Abs(v))
	}
	s := &solver{
		p: p, m: m, n: n,
		sign:       make([]float64, m),
		rows:       make([]int, m),
		basis:      make([]int, m),
		isBasic:    make([]bool, n+m),
		maxIter:    maxIter,
		blandAfter: degenerateRun,
		tol:        tol,
		feasTol:    tol * bScale,
		lu:         newLU(m),
		xB:         make([]float64, m),
		pi:         make([]float64, m),
		piFull:     make([]float64, m),
		d:          make([]float64, m),
		col:        make([]float64, m),
		cost:       make([]float64, n+m),
	}
	for i := range m {
		s.sign[i] = 1
		if p.RHS[i] < 0 {
			s.sign[i] = -1
		}
		s.rows[i] = i
		s.basis[i] = n + i
		s.isBasic[n+i] = true
	}
	return s
}

func (s *solver) run(ctx context.Context) ([]float64, error) {
	// Phase 1: minimise the sum of the artificial variables; costs are 0 and 1, so the
	// optimality tolerance is the bare relative one.
	s.optTol = s.tol
	for j := range s.n {
		s.cost[j] = 0
	}
	for j := s.n; j < s.n+s.m; j++ {
		s.cost[j] = 1
	}
	if err := s.simplex(ctx); err != nil {
		if errors.Is(err, ErrUnbounded) { // impossible: the phase-1 objective is ≥ 0
			err = fmt.Errorf("%w: phase 1 reported unbounded", ErrNumerical)
		}
		return nil, err
	}
	var infeas float64
	for r, j := range s.basis {
		if j >= s.n {
			infeas += max(s.xB[r], 0)
		}
	}
	if infeas > s.feasTol {
		return nil, fmt.Errorf("%w: the artificial variables sum to %g at best", ErrInfeasible, infeas)
	}
	if err := s.driveOutArtificials(); err != nil {
		return nil, err
	}
	// Phase 2: the real costs, with the optimality tolerance scaled to them; artificial
	// columns never re-enter.
	copy(s.cost, s.p.Cost)
	cScale := 1.0
	for _, v := range s.p.Cost {
		cScale = max(cScale, math.Abs(v))
	}
	s.optTol = s.tol * cScale
	s.bland, s.degenRun = false, 0
	if err := s.simplex(ctx); err != nil {
		return nil, err
	}
	x := make([]float64, s.n)
	for r, j := range s.basis {
		x[j] = max(s.xB[r], 0) // clip rounding residues below zero
	}
	return x, nil
}

// entry returns A's entry in row i of column j, artificial columns included.
func (s *solver) entry(i, j int) float64 {
	if j >= s.n {
		if j-s.n == i {
			return s.sign[i]
		}
		return 0
	}
	return s.p.A[j*s.m+i]
}

// column loads column j restricted to the active rows into s.col.
func (s *solver) column(j int) []float64 {
	c := s.col[:len(s.rows)]
	if j >= s.n {
		for r, i := range s.rows {
			c[r] = s.entry(i, j)
		}
		return c
	}
	a := s.p.A[j*s.m : (j+1)*s.m]
	for r, i := range s.rows {
		c[r] = a[i]
	}
	return c
}

// factor factorises the current basis and computes the basic values and the multipliers.
func (s *solver) factor() error {
	k := len(s.rows)
	s.lu.reset(k)
	for c, j := range s.basis {
		s.lu.setColumn(c, s.column(j))
	}
	if !s.lu.factorize() {
		return fmt.Errorf("%w after %d pivots", ErrNumerical, s.iter)
	}
	xB := s.xB[:k]
	for r, i := range s.rows {
		xB[r] = s.p.RHS[i]
	}
	s.lu.solve(xB)
	pi := s.pi[:k]
	for r, j := range s.basis {
		pi[r] = s.cost[j]
	}
	s.lu.solveTrans(pi)
	clear(s.piFull)
	for r, i := range s.rows {
		s.piFull[i] = pi[r]
	}
	return nil
}

// reducedCost returns c_j − π·a_j for a structural column j. Pricing is the hot loop, so it
// reads the column in place against piFull, the multipliers spread over all m rows with
// zeros on dropped ones.
func (s *solver) reducedCost(j int) float64 {
	a := s.p.A[j*s.m : (j+1)*s.m]
	d := s.cost[j]
	for i, v := range a {
		d -= s.piFull[i] * v
	}
	return d
}

// simplex pivots from the current feasible basis to an optimal one for s.cost. Only the
// structural columns may enter; artificial ones may only leave. Each phase starts with
// Dantzig's rule (s.bland false).
func (s *solver) simplex(ctx context.Context) error {
	for {
		if err := s.factor(); err != nil {
			return err
		}
		enter := -1
		best := -s.optTol
		for j := range s.n {
			if s.isBasic[j] {
				continue
			}
			dj := s.reducedCost(j)
			if dj < best {
				enter, best = j, dj
				if s.bland { // the smallest improving index
					break
				}
			}
		}
		if enter < 0 {
			return nil
		}
		if s.iter >= s.maxIter {
			return fmt.Errorf("%w (%d pivots)", ErrIterationLimit, s.iter)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("lpsolve: %w", err)
		}
		k := len(s.rows)
		d := s.d[:k]
		copy(d, s.column(enter))
		s.lu.solve(d)
		leave := -1
		theta := math.Inf(1)
		for r := range k {
			if d[r] <= s.tol {
				continue
			}
			t := max(s.xB[r], 0) / d[r]
			switch {
			case leave < 0 || t < theta-s.tol*max(1, theta):
				leave, theta = r, t
			case t <= theta+s.tol*max(1, theta):
				// A tie: Bland takes the smallest basic index, otherwise the largest pivot
				// element is the numerically safer choice.
				if s.bland && s.basis[r] < s.basis[leave] || !s.bland && d[r] > d[leave] {
					leave, theta = r, min(theta, t)
				}
			}
		}
		if leave < 0 {
			return ErrUnbounded
		}
		if theta*d[leave] <= s.feasTol {
			s.degenRun++
			if s.degenRun >= s.blandAfter {
				s.bland = true
			}
		} else {
			s.degenRun = 0
		}
		s.isBasic[s.basis[leave]] = false
		s.basis[leave] = enter
		s.isBasic[enter] = true
		s.iter++
	}
}

// driveOutArtificials replaces every artificial variable left in the basis (at value zero
// after a feasible phase 1) by a structural column, or drops its row when no structural
// column has a non-zero entry in it: that row is a combination of the others.
func (s *solver) driveOutArtificials() error {
	for r := 0; r < len(s.basis); {
		if s.basis[r] < s.n {
			r++
			continue
		}
		if err := s.factor(); err != nil {
			return err
		}
		// Row r of B⁻¹A is u·A with u = row r of B⁻¹, the solution of Bᵀu = e_r.
		k := len(s.rows)
		u := s.pi[:k]
		clear(u)
		u[r] = 1
		s.lu.solveTrans(u)
		enter, best := -1, s.tol
		for j := range s.n {
			if s.isBasic[j] {
				continue
			}
			var alpha float64
			for q, v := range s.column(j) {
				alpha += u[q] * v
			}
			if math.Abs(alpha) > best {
				enter, best = j, math.Abs(alpha)
			}
		}
		s.isBasic[s.basis[r]] = false
		if enter < 0 {
			s.rows = append(s.rows[:r], s.rows[r+1:]...)
			s.basis = append(s.basis[:r], s.basis[r+1:]...)
			continue
		}
		s.basis[r] = enter
		s.isBasic[enter] = true
		s.iter++
		r++
	}
	return nil
}
