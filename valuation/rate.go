package valuation

import (
	"fmt"
	"math"

	"github.com/dataassay/assay/internal/rootfind"
)

// Search limits shared by IRR and XIRR.
const (
	newtonMaxIter = 100   // Excel's XIRR gives up after 100 tries
	rateLowest    = -1    // rates are greater than −100 %
	rateHighest   = 1e10  // the bracketing fallback looks no higher than 10¹⁰ (10¹² %)
	rateGridStep  = 0.01  // the rescan grid of OpenOffice's XIRR: −0.99, −0.98, …
	rateGridTop   = 10.0  // … up to 1,000 %
	rateTol       = 1e-13 // relative step at which Newton stops
	brentTol      = 1e-15 // absolute tolerance handed to Brent
	rateDomainGap = 1e-12 // distance from −1 at which the search stops
)

// rateEquation is a cash-flow model's net present value at rate r and its derivative in r.
// (A func rather than an interface or a type parameter: escape analysis then keeps the flows
// on the caller's stack, and XIRR does not allocate.)
type rateEquation func(r float64) (v, dv float64)

// solveRate finds a rate r > −1 at which pv is zero: Newton's method from guess first, so that
// with several roots the one a spreadsheet finds from the same guess is returned; then, if
// Newton fails, a bracket around the guess widened geometrically (rootfind.Bracket), then
// OpenOffice's rescan grid −0.99, −0.98, … 10, each followed by Brent's method. fn names the
// function in errors, which wrap ErrNoConvergence.
func solveRate(fn string, pv rateEquation, guess float64) (float64, error) {
	if r, ok := newtonRate(pv, guess); ok {
		return r, nil
	}
	f := func(r float64) float64 { v, _ := pv(r); return v }
	lo, hi := rateLowest+rateDomainGap, rateHighest
	g := min(max(guess, lo+rateGridStep), rateGridTop)
	if a, b, ok := rootfind.Bracket(f, g-rateGridStep, g+rateGridStep, lo, hi, 0, 0); ok {
		if r, err := rootfind.Brent(f, a, b, brentTol, 0); err == nil {
			return r, nil
		}
	}
	// Rescan: the first sign change on the grid, in increasing order of rate.
	var last error
	prev, fprev := lo, f(lo)
	for x := rateLowest + rateGridStep; x <= rateGridTop+rateGridStep/2; x += rateGridStep {
		fx := f(x)
		if isFiniteRate(fprev) && isFiniteRate(fx) && (fprev > 0) != (fx > 0) || fx == 0 {
			r, err := rootfind.Brent(f, prev, x, brentTol, 0)
			if err == nil {
				return r, nil
			}
			last = err // NPV overflowed inside the bracket: keep scanning
		}
		prev, fprev = x, fx
	}
	if last != nil {
		return 0, fmt.Errorf("%w: %s (%w)", ErrNoConvergence, fn, last)
	}
	return 0, fmt.Errorf("%w: %s: no rate in (-1, 10] found from guess %s", ErrNoConvergence, fn, formatSpreadsheetArg(guess))
}

// newtonRate runs Newton's method from guess and reports whether it converged to a finite rate
// above −1.
func newtonRate(pv rateEquation, guess float64) (float64, bool) {
	r := guess
	if r <= rateLowest {
		return 0, false
	}
	for range newtonMaxIter {
		v, dv := pv(r)
		if v == 0 {
			return r, true
		}
		if dv == 0 || !isFiniteRate(v) || !isFiniteRate(dv) {
			return 0, false
		}
		step := v / dv
		next := r - step
		if !isFiniteRate(next) || next <= rateLowest {
			return 0, false
		}
		if math.Abs(step) <= rateTol*max(1, math.Abs(next)) {
			return next, true
		}
		r = next
	}
	return 0, false
}

func isFiniteRate(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// hasSignChange reports whether values hold both a positive and a negative number.
func hasSignChange(values []float64) bool {
	var pos, neg bool
	for _, v := range values {
		pos = pos || v > 0
		neg = neg || v < 0
	}
	return pos && neg
}

func signChangeError(fn string) error {
	return fmt.Errorf("%w: %s needs at least one positive and one negative value", ErrNoSignChange, fn)
}
