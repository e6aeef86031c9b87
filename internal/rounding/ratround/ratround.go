// Package ratround is the test oracle for rounding: a rational rounded to an integer by a
// rounding mode, computed from the definitions in math/big.Rat arithmetic with nothing shared
// with the machine-integer code it checks. Only tests import it.
package ratround

import (
	"math/big"

	"github.com/dataassay/assay/internal/rounding"
)

// Round returns x rounded to an integer by mode (IEEE 754-2019 §4.3; java.math.RoundingMode):
// the floor and the ceiling are the two neighbours, and mode picks one by the sign of x and
// its distance to each. An undefined mode rounds as HalfEven.
func Round(x *big.Rat, mode rounding.Mode) *big.Int {
	fl := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean division: the floor, as Denom > 0
	if x.IsInt() {
		return fl
	}
	ce := new(big.Int).Add(fl, big.NewInt(1))
	frac := new(big.Rat).Sub(x, new(big.Rat).SetInt(fl)) // in (0, 1)
	c := frac.Cmp(big.NewRat(1, 2))                      // distance from the floor vs ½
	towardZero, awayZero := fl, ce
	if x.Sign() < 0 {
		towardZero, awayZero = ce, fl
		c = -c // the distance from the neighbour nearer zero is 1 − frac
	}
	switch mode {
	case rounding.Down:
		return towardZero
	case rounding.Up:
		return awayZero
	case rounding.Floor:
		return fl
	case rounding.Ceiling:
		return ce
	case rounding.HalfUp:
		if c >= 0 {
			return awayZero
		}
		return towardZero
	case rounding.HalfDown:
		if c > 0 {
			return awayZero
		}
		return towardZero
	}
	if c > 0 || c == 0 && towardZero.Bit(0) == 1 {
		return awayZero
	}
	return towardZero
}

// RoundPlaces returns x rounded to places decimal places by mode, as a rational.
func RoundPlaces(x *big.Rat, places int32, mode rounding.Mode) *big.Rat {
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs32(places))), nil))
	if places < 0 {
		scale.Inv(scale)
	}
	q := Round(new(big.Rat).Mul(x, scale), mode)
	return new(big.Rat).Quo(new(big.Rat).SetInt(q), scale)
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}
