package lpsolve

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var tol = cmpopts.EquateApprox(1e-12, 1e-9)

// colMajor turns rows of A into the column-major slice Problem wants.
func colMajor(rows [][]float64) []float64 {
	if len(rows) == 0 {
		return nil
	}
	m, n := len(rows), len(rows[0])
	a := make([]float64, m*n)
	for i, r := range rows {
		for j, v := range r {
			a[j*m+i] = v
		}
	}
	return a
}

func TestMinimize_Known(t *testing.T) {
	tests := []struct {
		name  string
		c     []float64
		a     [][]float64
		b     []float64
		x     []float64
		value float64
	}{{
		// Chvátal, Linear Programming (1983), ch. 2: max 5x1+4x2+3x3 s.t. 2x1+3x2+x3 ≤ 5,
		// 4x1+x2+2x3 ≤ 11, 3x1+4x2+2x3 ≤ 8; optimum 13 at (2, 0, 1), slacks (0, 1, 0).
		name:  "Chvátal ch. 2",
		c:     []float64{-5, -4, -3, 0, 0, 0},
		a:     [][]float64{{2, 3, 1, 1, 0, 0}, {4, 1, 2, 0, 1, 0}, {3, 4, 2, 0, 0, 1}},
		b:     []float64{5, 11, 8},
		x:     []float64{2, 0, 1, 0, 1, 0},
		value: -13,
	}, {
		// The same with costs 10^12 times larger: the phase-1 optimality test must not borrow
		// the scale of the phase-2 costs (it once did, and stopped phase 1 early).
		name:  "Chvátal ch. 2, costs × 1e12",
		c:     []float64{-5e12, -4e12, -3e12, 0, 0, 0},
		a:     [][]float64{{2, 3, 1, 1, 0, 0}, {4, 1, 2, 0, 1, 0}, {3, 4, 2, 0, 0, 1}},
		b:     []float64{5, 11, 8},
		x:     []float64{2, 0, 1, 0, 1, 0},
		value: -13e12,
	}, {
		// Beale (1955), the classic example on which Dantzig's rule cycles from the slack basis
		// (Chvátal p. 31): optimum −5/4 at x4 = x6 = 1, x1 = 3/4 (check: 3/4 + 1/4 − 1 = 0,
		// 1/2 − 1/2 = 0, x6 = 1; −3/4 − 1/2 = −5/4).
		name: "Beale's cycling example",
		c:    []float64{0, 0, 0, -0.75, 20, -0.5, 6},
		a: [][]float64{
			{1, 0, 0, 0.25, -8, -1, 9},
			{0, 1, 0, 0.5, -12, -0.5, 3},
			{0, 0, 1, 0, 0, 1, 0},
		},
		b:     []float64{0, 0, 1},
		x:     []float64{0.75, 0, 0, 1, 0, 1, 0},
		value: -1.25,
	}, {
		// A negative right-hand side: x1 − x2 = −1 forces x2 = 1 + x1; min x1 + x2 = 1 at x1 = 0.
		name:  "negative b",
		c:     []float64{1, 1},
		a:     [][]float64{{1, -1}},
		b:     []float64{-1},
		x:     []float64{0, 1},
		value: 1,
	}, {
		// The second row is twice the first: phase 1 must drop it. min x1 + 2x2 on x1 + x2 = 1
		// is 1 at (1, 0).
		name:  "redundant row",
		c:     []float64{1, 2},
		a:     [][]float64{{1, 1}, {2, 2}},
		b:     []float64{1, 2},
		x:     []float64{1, 0},
		value: 1,
	}, {
		// All zero right-hand side: the origin is the only feasible point of x1 + x2 = 0.
		name:  "zero b",
		c:     []float64{-1, -1},
		a:     [][]float64{{1, 1}},
		b:     []float64{0},
		x:     []float64{0, 0},
		value: 0,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Problem{Cost: tt.c, A: colMajor(tt.a), RHS: tt.b}
			got, err := Minimize(context.Background(), p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.x, got.X, tol); diff != "" {
				t.Errorf("x (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.value, got.Value, tol); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMinimize_Errors(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	chvatal := Problem{
		Cost: []float64{-5, -4, -3, 0, 0, 0},
		A:    colMajor([][]float64{{2, 3, 1, 1, 0, 0}, {4, 1, 2, 0, 1, 0}, {3, 4, 2, 0, 0, 1}}),
		RHS:  []float64{5, 11, 8},
	}
	tests := []struct {
		name string
		ctx  context.Context
		p    Problem
		o    Options
		want error
	}{
		// x1 + x2 = −1 has no solution with x ≥ 0.
		{"infeasible", nil, Problem{Cost: []float64{1, 1}, A: []float64{1, 1}, RHS: []float64{-1}}, Options{}, ErrInfeasible},
		// x1 = x2 lets x1 grow without bound, and min −x1 follows it.
		{"unbounded", nil, Problem{Cost: []float64{-1, 0}, A: []float64{1, -1}, RHS: []float64{0}}, Options{}, ErrUnbounded},
		{"iteration limit", nil, chvatal, Options{MaxIterations: 1}, ErrIterationLimit},
		{"cancelled", cancelled, chvatal, Options{}, context.Canceled},
		{"short A", nil, Problem{Cost: []float64{1, 1}, A: []float64{1}, RHS: []float64{1}}, Options{}, ErrInvalidInput},
		{"NaN cost", nil, Problem{Cost: []float64{math.NaN()}, A: []float64{1}, RHS: []float64{1}}, Options{}, ErrInvalidInput},
		{"Inf b", nil, Problem{Cost: []float64{1}, A: []float64{1}, RHS: []float64{math.Inf(1)}}, Options{}, ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			_, err := Minimize(ctx, tt.p, tt.o)
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

// bruteForce is the oracle: the minimum of c·x over the basic feasible solutions, found by
// trying every set of m columns (Chvátal ch. 3: an LP with a bounded, non-empty feasible set
// attains its optimum at a basic feasible solution). A has full row rank m here. ok is false
// when no basic solution is feasible.
func bruteForce(c []float64, a [][]float64, b []float64) (best float64, ok bool) {
	m, n := len(a), len(c)
	best = math.Inf(1)
	cols := make([]int, m)
	var rec func(start, k int)
	rec = func(start, k int) {
		if k == m {
			x, solved := gauss(a, b, cols)
			if !solved {
				return
			}
			val := 0.0
			for r, j := range cols {
				if x[r] < -1e-9 {
					return
				}
				val += c[j] * x[r]
			}
			ok = true
			best = min(best, val)
			return
		}
		for j := start; j < n; j++ {
			cols[k] = j
			rec(j+1, k+1)
		}
	}
	rec(0, 0)
	return best, ok
}

// gauss solves the square system formed by the given columns of a, by Gauss–Jordan
// elimination with partial pivoting; solved is false if it is singular.
func gauss(a [][]float64, b []float64, cols []int) (x []float64, solved bool) {
	m := len(a)
	t := make([][]float64, m)
	for i := range m {
		t[i] = make([]float64, m+1)
		for k, j := range cols {
			t[i][k] = a[i][j]
		}
		t[i][m] = b[i]
	}
	for k := range m {
		p := k
		for i := k + 1; i < m; i++ {
			if math.Abs(t[i][k]) > math.Abs(t[p][k]) {
				p = i
			}
		}
		if math.Abs(t[p][k]) < 1e-9 {
			return nil, false
		}
		t[p], t[k] = t[k], t[p]
		for i := range m {
			if i == k {
				continue
			}
			f := t[i][k] / t[k][k]
			for q := k; q <= m; q++ {
				t[i][q] -= f * t[k][q]
			}
		}
	}
	x = make([]float64, m)
	for i := range m {
		x[i] = t[i][m] / t[i][i]
	}
	return x, true
}

// TestMinimize_BruteForce compares Minimize with vertex enumeration on random small programs
// with small integer data — many zeros and ties, so many degenerate vertices. The last row
// Σx + s = U bounds the feasible set, so every program is infeasible or has an optimum.
func TestMinimize_BruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	solved, infeasible := 0, 0
	for trial := range 400 {
		m := 1 + r.IntN(3) // constraint rows besides the bound
		n := m + 1 + r.IntN(4)
		a := make([][]float64, m+1)
		for i := range m {
			a[i] = make([]float64, n+1)
			for j := range n {
				a[i][j] = float64(r.IntN(5) - 2)
			}
		}
		a[m] = make([]float64, n+1)
		for j := range n + 1 {
			a[m][j] = 1
		}
		b := make([]float64, m+1)
		for i := range m {
			b[i] = float64(r.IntN(5) - 2)
		}
		b[m] = float64(1 + r.IntN(4))
		c := make([]float64, n+1)
		for j := range n {
			c[j] = float64(r.IntN(7) - 3)
		}
		want, ok := bruteForce(c, a, b)
		got, err := Minimize(context.Background(), Problem{Cost: c, A: colMajor(a), RHS: b}, Options{})
		if !ok {
			// No basic solution at all: either infeasible, or A lacks full row rank and the
			// enumeration found no square non-singular basis; then check feasibility directly.
			if err == nil {
				checkFeasible(t, trial, a, b, got.X)
				continue
			}
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("trial %d: error %v, want ErrInfeasible", trial, err)
			}
			infeasible++
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: A=%v b=%v c=%v: %v (brute force optimum %v)", trial, a, b, c, err, want)
		}
		checkFeasible(t, trial, a, b, got.X)
		if diff := cmp.Diff(want, got.Value, tol); diff != "" {
			t.Fatalf("trial %d: A=%v b=%v c=%v: optimum (-want +got):\n%s", trial, a, b, c, diff)
		}
		solved++
	}
	if solved < 100 || infeasible < 20 {
		t.Errorf("only %d solved and %d infeasible programs: the generator misses cases", solved, infeasible)
	}
}

func checkFeasible(t *testing.T, trial int, a [][]float64, b, x []float64) {
	t.Helper()
	for i, row := range a {
		var s float64
		for j, v := range row {
			s += v * x[j]
		}
		if math.Abs(s-b[i]) > 1e-9 {
			t.Fatalf("trial %d: row %d: A x = %v, want %v", trial, i, s, b[i])
		}
	}
	for j, v := range x {
		if v < 0 {
			t.Fatalf("trial %d: x[%d] = %v < 0", trial, j, v)
		}
	}
}

// TestMinimize_CancelledPromptly cancels a large, highly degenerate program mid-solve.
func TestMinimize_CancelledPromptly(t *testing.T) {
	p := nucleolusDual(14, rand.New(rand.NewPCG(3, 4)))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Minimize(ctx, p, Options{})
	if err == nil {
		t.Skip("solved before the deadline")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("returned %v after the deadline", d)
	}
}

// nucleolusDual is the first dual program of the prenucleolus of a random n-player game:
// n+1 rows, a column per coalition ∅ ≠ S ≠ N plus the two halves of v(N)'s free multiplier;
// b = (0, …, 0, 1) makes nearly every pivot degenerate.
func nucleolusDual(n int, r *rand.Rand) Problem {
	rows := n + 1
	all := 1<<n - 1
	var c, a []float64
	col := make([]float64, rows)
	for s := 1; s < all; s++ {
		for i := range n {
			col[i] = float64(s >> i & 1)
		}
		col[n] = 1
		a = append(a, col...)
		c = append(c, -float64(r.IntN(100)))
	}
	for _, sign := range []float64{1, -1} {
		for i := range n {
			col[i] = sign
		}
		col[n] = 0
		a = append(a, col...)
		c = append(c, -sign*100)
	}
	b := make([]float64, rows)
	b[n] = 1
	return Problem{Cost: c, A: a, RHS: b}
}

func FuzzMinimize(f *testing.F) {
	f.Add([]byte{2, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	f.Add([]byte{1, 2, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{3, 7, 255, 1, 128, 3, 4, 5, 6, 200, 100, 50, 25, 12, 6, 3, 1, 0, 9, 8})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		m, n := 1+int(data[0])%4, 1+int(data[1])%8
		data = data[2:]
		next := func() float64 {
			if len(data) == 0 {
				return 0
			}
			v := float64(int8(data[0])) / 8
			data = data[1:]
			return v
		}
		p := Problem{Cost: make([]float64, n), A: make([]float64, m*n), RHS: make([]float64, m)}
		for i := range p.A {
			p.A[i] = next()
		}
		for i := range p.RHS {
			p.RHS[i] = next()
		}
		for i := range p.Cost {
			p.Cost[i] = next()
		}
		sol, err := Minimize(context.Background(), p, Options{})
		if err != nil {
			if !errors.Is(err, ErrInfeasible) && !errors.Is(err, ErrUnbounded) {
				t.Fatalf("unexpected error on a well-scaled program: %v", err)
			}
			return
		}
		for i := range m {
			var s float64
			for j := range n {
				s += p.A[j*m+i] * sol.X[j]
			}
			if math.Abs(s-p.RHS[i]) > 1e-7 {
				t.Fatalf("row %d: A x = %v, want %v", i, s, p.RHS[i])
			}
		}
	})
}

func BenchmarkMinimize_NucleolusDual14(b *testing.B) {
	p := nucleolusDual(14, rand.New(rand.NewPCG(3, 4)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Minimize(context.Background(), p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSimplex_BealeFromSlackBasis runs phase 2 of Beale's example from the slack basis
// {x1, x2, x3}, where Dantzig's rule with ties broken by the smallest index cycles through six
// degenerate bases (Chvátal p. 31). The solver must reach the optimum −5/4 with Dantzig's
// rule (whose ties go to the largest pivot element), with Bland's, which cannot cycle, and
// when it switches from the first to the second after one degenerate pivot.
func TestSimplex_BealeFromSlackBasis(t *testing.T) {
	p := Problem{
		Cost: []float64{0, 0, 0, -0.75, 20, -0.5, 6},
		A: colMajor([][]float64{
			{1, 0, 0, 0.25, -8, -1, 9},
			{0, 1, 0, 0.5, -12, -0.5, 3},
			{0, 0, 1, 0, 0, 1, 0},
		}),
		RHS: []float64{0, 0, 1},
	}
	for _, tt := range []struct {
		name       string
		bland      bool
		blandAfter int
	}{{"Dantzig", false, degenerateRun}, {"Bland", true, degenerateRun}, {"switch", false, 1}} {
		s := newSolver(p, Options{})
		s.blandAfter = tt.blandAfter
		for r := range s.basis {
			s.isBasic[s.basis[r]] = false
			s.basis[r] = r
			s.isBasic[r] = true
		}
		copy(s.cost, p.Cost)
		s.bland = tt.bland
		if err := s.simplex(context.Background()); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.blandAfter == 1 && !s.bland {
			t.Errorf("%s: still on Dantzig's rule after a degenerate pivot", tt.name)
		}
		if err := s.factor(); err != nil {
			t.Fatal(err)
		}
		var value float64
		for r, j := range s.basis {
			value += p.Cost[j] * s.xB[r]
		}
		if diff := cmp.Diff(-1.25, value, tol); diff != "" {
			t.Errorf("%s: value (-want +got):\n%s", tt.name, diff)
		}
	}
}
