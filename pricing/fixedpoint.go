package pricing

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/shopspring/decimal"
)

// Quotes are computed in int64 minor units with 128-bit intermediate products (math/bits), so
// that a quote costs a few hundred nanoseconds and no big-number allocations; amounts become
// assay.Money only when a quote is assembled. Every step is exact or rounds once, by a stated
// RoundingMode; a result beyond int64 minor units (±92 quadrillion CNY) is reported as
// assay.ErrOverflow, never wrapped around.

// maxScale is the number of decimal places below the minor unit that a unit price may carry
// (0.000000001 fen), and nano the matching denominator. Fee rates are fractions in nanos too.
const (
	maxScale = 9
	nano     = 1_000_000_000
)

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// mulDiv returns a×b/d rounded by mode, for a, b ≥ 0 and d > 0; ok is false if the result does
// not fit in int64.
func mulDiv(a, b, d int64, mode assay.RoundingMode) (int64, bool) {
	return rounding.MulDivInt64(a, b, d, rounding.Mode(mode))
}

// add returns a + b, ok false on int64 overflow.
func add(a, b int64) (int64, bool) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, false
	}
	return s, true
}

// exact is a non-negative amount of whole minor units plus a fraction frac/nano of one.
type exact struct{ units, frac int64 }

// rounded returns e rounded to whole minor units by mode.
func (e exact) rounded(mode assay.RoundingMode) (int64, bool) {
	q, ok := rounding.QuoUint(uint64(e.units), uint64(e.frac), nano, false, rounding.Mode(mode))
	return int64(q), ok && q <= math.MaxInt64
}

// less reports whether e < units whole minor units.
func (e exact) less(units int64) bool { return e.units < units }

// greater reports whether e > units whole minor units.
func (e exact) greater(units int64) bool {
	return e.units > units || (e.units == units && e.frac > 0)
}

// fraction returns base × rate/nano exactly, for base ≥ 0 and 0 ≤ rate ≤ nano.
func fraction(base, rate int64) exact {
	hi, lo := bits.Mul64(uint64(base), uint64(rate))
	q, r := bits.Div64(hi, lo, nano) // hi < nano because rate ≤ nano
	return exact{int64(q), int64(r)}
}

// scaled is a decimal number coef/10^scale held in int64, used for unit prices in minor units
// (1.00 EUR per 1,000 calls is 100 minor units per 1,000) and fee rates.
type scaled struct {
	coef  int64
	scale int // 0…maxScale
}

// toScaled returns d × 10^shift as coef/10^scale with the fewest places, or ok false if that
// needs more than maxScale places or a coefficient beyond int64.
func toScaled(d decimal.Decimal, shift int) (scaled, bool) {
	coef := new(big.Int).Set(d.Coefficient())
	exp := int(d.Exponent()) + shift
	if exp > 40 || exp < -1000 {
		return scaled{}, coef.Sign() == 0
	}
	ten, m := big.NewInt(10), new(big.Int)
	for exp < 0 && coef.Sign() != 0 {
		q, r := new(big.Int).QuoRem(coef, ten, m)
		if r.Sign() != 0 {
			break
		}
		coef, exp = q, exp+1
	}
	if coef.Sign() == 0 {
		return scaled{}, true
	}
	if exp > 0 {
		coef.Mul(coef, new(big.Int).Exp(ten, big.NewInt(int64(exp)), nil))
		exp = 0
	}
	if -exp > maxScale || !coef.IsInt64() {
		return scaled{}, false
	}
	return scaled{coef: coef.Int64(), scale: -exp}, true
}

// minorUnits returns m in whole minor units of its currency, ok false if m is not a whole number
// of minor units or does not fit in int64.
func minorUnits(m assay.Money) (int64, bool) {
	u, err := m.MinorUnits()
	return u, err == nil
}

// money returns units minor units of c as Money, without allocating.
func money(units int64, c assay.Currency) assay.Money { return assay.MoneyFromMinor(units, c) }
