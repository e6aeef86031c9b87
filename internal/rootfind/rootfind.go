// Package rootfind finds roots of real functions of one variable. gonum exports no 1-D root
// finder, and IRR, XIRR and Myerson's optimal reserve all need a bracketing method that
// cannot diverge, so it lives here for the whole module.
package rootfind

import (
	"errors"
	"math"
)

// Errors returned by this package. Callers map them to their own package's sentinels.
var (
	// ErrNoSignChange reports a bracket whose end values do not have opposite signs.
	ErrNoSignChange = errors.New("rootfind: f(a) and f(b) do not have opposite signs")
	// ErrNoConvergence reports that the iteration limit was reached before the tolerance.
	ErrNoConvergence = errors.New("rootfind: no convergence")
	// ErrNaN reports a function that returned NaN or ±Inf inside the bracket.
	ErrNaN = errors.New("rootfind: function value is not finite")
)

// Brent returns a root of f in the bracket [a, b], whose end values must have opposite signs
// (or one of them be zero). It combines bisection, the secant method and inverse quadratic
// interpolation, so it converges superlinearly on smooth functions and never worse than
// bisection: R. P. Brent, Algorithms for Minimization without Derivatives (1973), ch. 4,
// the "zeroin" algorithm, as given in Press et al., Numerical Recipes, 3rd ed., §9.3.
//
// The result x satisfies |x − x*| ≤ 2ε|x| + tol/2 for a root x* of f, where ε is the float64
// machine epsilon; tol ≤ 0 asks for full precision. At most maxIter evaluations of f are
// made after the two at the ends (maxIter ≤ 0 means 200).
func Brent(f func(float64) float64, a, b, tol float64, maxIter int) (float64, error) {
	if maxIter <= 0 {
		maxIter = 200
	}
	const eps = 0x1p-52
	fa, fb := f(a), f(b)
	switch {
	case !finite(fa) || !finite(fb):
		return math.NaN(), ErrNaN
	case fa == 0:
		return a, nil
	case fb == 0:
		return b, nil
	case (fa > 0) == (fb > 0):
		return math.NaN(), ErrNoSignChange
	}
	c, fc := b, fb
	var d, e float64
	for range maxIter {
		if (fb > 0) == (fc > 0) {
			// Keep the root between b and c.
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			// b is the best estimate so far.
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol1 := 2*eps*math.Abs(b) + 0.5*tol
		xm := 0.5 * (c - b)
		if math.Abs(xm) <= tol1 || fb == 0 {
			return b, nil
		}
		if math.Abs(e) >= tol1 && math.Abs(fa) > math.Abs(fb) {
			// Try interpolation: secant if only two distinct points, else inverse quadratic.
			s := fb / fa
			var p, q float64
			if a == c {
				p = 2 * xm * s
				q = 1 - s
			} else {
				q = fa / fc
				r := fb / fc
				p = s * (2*xm*q*(q-r) - (b-a)*(r-1))
				q = (q - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if 2*p < math.Min(3*xm*q-math.Abs(tol1*q), math.Abs(e*q)) {
				e = d // accept the interpolation
				d = p / q
			} else {
				d = xm // interpolation failed: bisect
				e = d
			}
		} else {
			d = xm // bounds shrink too slowly: bisect
			e = d
		}
		a, fa = b, fb
		if math.Abs(d) > tol1 {
			b += d
		} else {
			b += math.Copysign(tol1, xm)
		}
		fb = f(b)
		if !finite(fb) {
			return math.NaN(), ErrNaN
		}
	}
	return b, ErrNoConvergence
}

// Bracket searches for an interval on which f changes sign, starting from [a, b] (a < b)
// and widening it geometrically by factor (≤ 1 means 1.6) toward whichever end has the
// smaller |f|, at most maxIter times (≤ 0 means 60). Points outside [lo, hi] are never
// evaluated; the interval is clamped there. It reports ok = false if no sign change was found.
// Source: Press et al., Numerical Recipes, 3rd ed., §9.1 (zbrac), with domain limits added.
func Bracket(f func(float64) float64, a, b, lo, hi, factor float64, maxIter int) (x1, x2 float64, ok bool) {
	if factor <= 1 {
		factor = 1.6
	}
	if maxIter <= 0 {
		maxIter = 60
	}
	a, b = math.Max(a, lo), math.Min(b, hi)
	if !(a < b) {
		return a, b, false
	}
	fa, fb := f(a), f(b)
	for range maxIter {
		if finite(fa) && finite(fb) && (fa > 0) != (fb > 0) || fa == 0 || fb == 0 {
			return a, b, true
		}
		switch {
		case a <= lo && b >= hi:
			return a, b, false
		case b >= hi || (a > lo && finite(fa) && finite(fb) && math.Abs(fa) < math.Abs(fb)):
			a = math.Max(a+factor*(a-b), lo)
			fa = f(a)
		default:
			b = math.Min(b+factor*(b-a), hi)
			fb = f(b)
		}
	}
	return a, b, false
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
