// Package rounding is the one place where the module divides integers with a rounding mode:
// the rounding decision itself (Away), the rounding of a quotient and remainder (QuoUint,
// QuoPow10) and the exact product-then-quotient a·b/d with a 128-bit intermediate (MulDiv,
// MulDivInt64), all in machine integers with no allocation. Money's fast path, pricing's
// fixed-point quotes, valuation's schedules and approaches and distribution's Allocate call it;
// it is differentially fuzzed against math/big.Rat (package ratround).
//
// The modes are math/big's and java.math.RoundingMode's (IEEE 754-2019 §4.3 names the
// half-even and directed ones): Mode's numbering is assay.RoundingMode's, so a caller converts
// with rounding.Mode(m). Every function is a pure function of its arguments.
package rounding

import "math/bits"

// Mode says which neighbour a value between two representable ones rounds to. The numbering
// is assay.RoundingMode's (a test in package assay checks it); an undefined mode rounds as
// HalfEven, as assay.RoundDecimal documents.
type Mode uint8

// The modes.
const (
	HalfEven Mode = iota // to nearest; ties to the even neighbour
	HalfUp               // to nearest; ties away from zero
	HalfDown             // to nearest; ties toward zero
	Down                 // toward zero
	Up                   // away from zero
	Floor                // toward −∞
	Ceiling              // toward +∞
)

// Away reports whether a value strictly between two neighbours rounds away from zero, to the
// neighbour of larger magnitude. neg is the value's sign, odd whether the neighbour nearer zero
// is odd, and half compares the discarded fraction with one half: −1 below, 0 equal, +1 above.
func Away(mode Mode, neg, odd bool, half int) bool {
	switch mode {
	case Down:
		return false
	case Up:
		return true
	case Floor:
		return neg
	case Ceiling:
		return !neg
	case HalfUp:
		return half >= 0
	case HalfDown:
		return half > 0
	default: // HalfEven
		return half > 0 || half == 0 && odd
	}
}

// half compares r/d with ½ for 0 < r < d, without overflow.
func half(r, d uint64) int {
	switch other := d - r; {
	case r < other:
		return -1
	case r > other:
		return 1
	}
	return 0
}

// QuoUint rounds the magnitude q + r/d (0 ≤ r < d) of a value of sign neg to an integer by
// mode. ok is false when the result, q + 1, does not fit in a uint64.
func QuoUint(q, r, d uint64, neg bool, mode Mode) (uint64, bool) {
	if r == 0 || !Away(mode, neg, q&1 == 1, half(r, d)) {
		return q, true
	}
	if q == ^uint64(0) {
		return 0, false
	}
	return q + 1, true
}

// MulDiv returns the magnitude a·b/d rounded by mode, for a value of sign neg and d > 0: the
// product is formed exactly in 128 bits (math/bits) and divided once. ok is false when the
// rounded quotient does not fit in a uint64.
func MulDiv(a, b, d uint64, neg bool, mode Mode) (uint64, bool) {
	hi, lo := bits.Mul64(a, b)
	if hi >= d {
		return 0, false // the quotient needs more than 64 bits (and bits.Div64 would panic)
	}
	q, r := bits.Div64(hi, lo, d)
	return QuoUint(q, r, d, neg, mode)
}

// MulDivInt64 returns a·b/d rounded by mode, for any signs and d ≠ 0, with the 128-bit
// product of MulDiv; ok is false when d is zero or the result does not fit in an int64.
func MulDivInt64(a, b, d int64, mode Mode) (int64, bool) {
	if d == 0 {
		return 0, false
	}
	neg := (a < 0) != (b < 0) != (d < 0)
	q, ok := MulDiv(abs(a), abs(b), abs(d), neg && a != 0 && b != 0, mode)
	switch {
	case !ok:
		return 0, false
	case neg && q <= 1<<63:
		return -int64(q), true // −2^63 wraps to itself, MinInt64
	case !neg && q <= 1<<63-1:
		return int64(q), true
	}
	return 0, false
}

// abs returns |x| as a uint64, 2^63 for MinInt64.
func abs(x int64) uint64 {
	if x < 0 {
		return -uint64(x)
	}
	return uint64(x)
}

// pow10 holds 10^k for 0 ≤ k ≤ 19, every power of ten that fits in a uint64.
var pow10 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// Pow10 returns 10^k, ok false when k < 0 or 10^k does not fit in a uint64 (k > 19).
func Pow10(k int64) (uint64, bool) {
	if k < 0 || k >= int64(len(pow10)) {
		return 0, false
	}
	return pow10[k], true
}

// QuoPow10 returns n/10^k rounded to an integer by mode, for k ≥ 0: n with its last k decimal
// digits rounded off. The usual k (1 to 4, as in rounding a price in ten-thousandths to
// cents) divide by a constant, which the compiler turns into a multiplication.
func QuoPow10(n int64, k int64, mode Mode) int64 {
	neg, mag := n < 0, abs(n)
	var q, r, d uint64
	switch k {
	case 0:
		return n
	case 1:
		q, r, d = mag/10, mag%10, 10
	case 2:
		q, r, d = mag/100, mag%100, 100
	case 3:
		q, r, d = mag/1000, mag%1000, 1000
	case 4:
		q, r, d = mag/10000, mag%10000, 10000
	default:
		if k < 0 || k >= int64(len(pow10)) {
			// |n| ≤ 2^63 < 10^19 ≤ 10^k / 10: a non-zero fraction below half of the unit.
			q, r, d = 0, mag, 0
			if mag != 0 && Away(mode, neg, false, -1) {
				q = 1
			}
			break
		}
		d = pow10[k]
		q, r = mag/d, mag%d
	}
	if d != 0 {
		q, _ = QuoUint(q, r, d, neg, mode) // q < 2^63: no overflow
	}
	if neg {
		return -int64(q)
	}
	return int64(q)
}
