package lpsolve

import "math"

// luFactor is an LU factorisation with partial pivoting, P·B = L·U, of a small dense square
// matrix, in place and reused from pivot to pivot so that a solve allocates nothing after
// its start. (gonum's mat.LU would serve, but allocates per factorisation and reports a
// near-singular basis only as a condition-number warning; the basis here is at most a few
// dozen rows, so forty lines of Golub & Van Loan, Matrix Computations, Algorithm 3.4.1, keep
// the loop tight and the singularity test explicit.)
type luFactor struct {
	k    int
	a    []float64 // row-major k×k: L below the diagonal (unit diagonal implied), U on and above
	perm []int     // row r of P·B is row perm[r] of B
	w    []float64 // scratch for solveTrans
}

func newLU(maxK int) luFactor {
	return luFactor{a: make([]float64, maxK*maxK), perm: make([]int, maxK), w: make([]float64, maxK)}
}

func (f *luFactor) reset(k int) { f.k = k }

// setColumn sets column c of the matrix to be factorised.
func (f *luFactor) setColumn(c int, v []float64) {
	for r, x := range v {
		f.a[r*f.k+c] = x
	}
}

// factorize factorises the matrix in place and reports false if it is numerically singular:
// a pivot below 1e-11 times the largest entry.
func (f *luFactor) factorize() bool {
	k, a := f.k, f.a[:f.k*f.k]
	var norm float64
	for _, x := range a {
		norm = max(norm, math.Abs(x))
	}
	if norm == 0 {
		return k == 0
	}
	for r := range k {
		f.perm[r] = r
	}
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r*k+c]) > math.Abs(a[p*k+c]) {
				p = r
			}
		}
		if math.Abs(a[p*k+c]) <= 1e-11*norm {
			return false
		}
		if p != c {
			for q := range k {
				a[p*k+q], a[c*k+q] = a[c*k+q], a[p*k+q]
			}
			f.perm[p], f.perm[c] = f.perm[c], f.perm[p]
		}
		piv := a[c*k+c]
		for r := c + 1; r < k; r++ {
			l := a[r*k+c] / piv
			a[r*k+c] = l
			if l == 0 {
				continue
			}
			for q := c + 1; q < k; q++ {
				a[r*k+q] -= l * a[c*k+q]
			}
		}
	}
	return true
}

// solve overwrites b with the solution x of B x = b.
func (f *luFactor) solve(b []float64) {
	k, a, w := f.k, f.a, f.w[:f.k]
	for r := range k {
		w[r] = b[f.perm[r]]
	}
	for r := range k { // L y = P b
		for q := range r {
			w[r] -= a[r*k+q] * w[q]
		}
	}
	for r := k - 1; r >= 0; r-- { // U x = y
		for q := r + 1; q < k; q++ {
			w[r] -= a[r*k+q] * w[q]
		}
		w[r] /= a[r*k+r]
	}
	copy(b, w)
}

// solveTrans overwrites c with the solution y of Bᵀ y = c. With B = Pᵀ L U, Bᵀ = Uᵀ Lᵀ P:
// solve Uᵀ w = c, then Lᵀ z = w, and y = Pᵀ z.
func (f *luFactor) solveTrans(c []float64) {
	k, a, w := f.k, f.a, f.w[:f.k]
	copy(w, c[:k])
	for r := range k {
		for q := range r {
			w[r] -= a[q*k+r] * w[q]
		}
		w[r] /= a[r*k+r]
	}
	for r := k - 1; r >= 0; r-- {
		for q := r + 1; q < k; q++ {
			w[r] -= a[q*k+r] * w[q]
		}
	}
	for r := range k {
		c[f.perm[r]] = w[r]
	}
}
