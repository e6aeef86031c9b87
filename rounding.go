package assay

import (
	"fmt"

	"github.com/dataassay/assay/internal/rounding"
	"github.com/shopspring/decimal"
)

// RoundingMode says how an amount is rounded to a number of decimal places, usually a
// currency's minor unit. The zero value is HalfEven (banker's rounding), the IEEE 754 default
// and the one that does not bias sums. The names follow java.math.RoundingMode and
// math/big.RoundingMode.
//
// Rounded to two places:
//
//	mode       2.345   -2.345   2.355   -2.355   2.341   -2.341
//	HalfEven   2.34    -2.34    2.36    -2.36    2.34    -2.34
//	HalfUp     2.35    -2.35    2.36    -2.36    2.34    -2.34
//	HalfDown   2.34    -2.34    2.35    -2.35    2.34    -2.34
//	Down       2.34    -2.34    2.35    -2.35    2.34    -2.34
//	Up         2.35    -2.35    2.36    -2.36    2.35    -2.35
//	Floor      2.34    -2.35    2.35    -2.36    2.34    -2.35
//	Ceiling    2.35    -2.34    2.36    -2.35    2.35    -2.34
//
// HalfUp is "round half away from zero" (what most people learn at school, and what
// Excel's ROUND does); HalfDown rounds halves toward zero.
type RoundingMode uint8

// The rounding modes.
const (
	HalfEven RoundingMode = iota // to nearest; ties to the even neighbour
	HalfUp                       // to nearest; ties away from zero
	HalfDown                     // to nearest; ties toward zero
	Down                         // toward zero (truncate)
	Up                           // away from zero
	Floor                        // toward negative infinity
	Ceiling                      // toward positive infinity
)

var roundingNames = [...]string{
	HalfEven: "half-even",
	HalfUp:   "half-up",
	HalfDown: "half-down",
	Down:     "down",
	Up:       "up",
	Floor:    "floor",
	Ceiling:  "ceiling",
}

// String returns the mode's name in the form its JSON uses: "half-even", "half-up",
// "half-down", "down", "up", "floor", "ceiling".
func (m RoundingMode) String() string {
	if int(m) < len(roundingNames) {
		return roundingNames[m]
	}
	return fmt.Sprintf("RoundingMode(%d)", uint8(m))
}

// Valid reports whether m is one of the defined modes.
func (m RoundingMode) Valid() bool { return int(m) < len(roundingNames) }

// MarshalText encodes the mode by its name. An undefined mode is an error.
func (m RoundingMode) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, &FieldError{Field: "rounding mode", Value: m.String(), Err: ErrInvalidInput}
	}
	return []byte(roundingNames[m]), nil
}

// UnmarshalText decodes a mode by its name; the empty text is HalfEven, the zero value.
func (m *RoundingMode) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = HalfEven
		return nil
	}
	for i, name := range roundingNames {
		if string(text) == name {
			*m = RoundingMode(i)
			return nil
		}
	}
	return &FieldError{Field: "rounding mode", Value: clip(string(text), 64), Err: ErrInvalidInput}
}

// RoundDecimal rounds d to places decimal places (negative places round to tens, hundreds …)
// by mode. It is exact: the result is the neighbour of d at that precision that mode selects.
// An undefined mode rounds as HalfEven. A coefficient that fits in int64 is rounded in machine
// integers (internal/rounding); a larger one with shopspring's big.Int arithmetic.
func RoundDecimal(d decimal.Decimal, places int32, mode RoundingMode) decimal.Decimal {
	if d.Exponent() >= -places {
		return d // nothing below the last place
	}
	drop, nd := int64(-d.Exponent())-int64(places), d.NumDigits()
	switch {
	case nd <= 18:
		return decimal.New(roundSmall(d.CoefficientInt64(), drop, mode), -places)
	case drop > int64(nd):
		// |d| < 10^(nd − drop) ≤ a tenth of the last place: never a tie, and no big-number
		// division by 10^drop, however small the exponent.
		if rounding.Away(rounding.Mode(mode), d.Sign() < 0, false, -1) {
			return decimal.New(int64(d.Sign()), -places)
		}
		return decimal.New(0, -places)
	}
	return roundBig(d, places, mode)
}

// roundBig rounds with shopspring's big.Int arithmetic, for coefficients of 19 digits or more.
func roundBig(d decimal.Decimal, places int32, mode RoundingMode) decimal.Decimal {
	switch mode {
	case HalfUp:
		return d.Round(places)
	case HalfDown:
		t := d.Truncate(places)
		half := decimal.New(5, -places-1) // half a unit of the last place
		if d.Sub(t).Abs().Cmp(half) <= 0 {
			return t
		}
		return d.RoundUp(places)
	case Down:
		return d.RoundDown(places)
	case Up:
		return d.RoundUp(places)
	case Floor:
		return d.RoundFloor(places)
	case Ceiling:
		return d.RoundCeil(places)
	default:
		return d.RoundBank(places)
	}
}
