package assay

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Money is an exact decimal amount in one currency.
//
// Money is an immutable value: store and pass it by value; every method returns a new Money
// and none changes its receiver. Do not compare Money with ==, which compares the internal
// representation (1.5 and 1.50 differ); use Equal, which go-cmp also uses.
//
// The zero Money is zero with no currency. In Add, Sub, Cmp and Sum a zero amount with no
// currency takes the currency of the other operand, so a zero Money is a ready accumulator.
//
// Amounts are not rounded implicitly: Add, Sub and Mul are exact, and Round rounds to the
// currency's minor unit by an explicit RoundingMode.
type Money struct {
	amount   decimal.Decimal
	currency Currency
}

// Bounds on amounts accepted from text: at most maxAmountLen bytes, and a decimal exponent
// within ±maxExponent, so that untrusted input cannot make later arithmetic or formatting
// allocate without bound.
const (
	maxAmountLen = 256
	maxExponent  = 1000
)

// NewMoney parses amount as a decimal number ("12.34", "-0.5", "1e3") and currency as an ISO
// 4217 code. Amounts longer than 256 bytes, with an exponent beyond ±1000, or that are not a
// plain decimal number (no NaN, no Inf, no spaces, no thousands separators) are rejected with a
// *FieldError wrapping ErrInvalidAmount; an invalid currency with a *CurrencyError.
func NewMoney(amount, currency string) (Money, error) {
	c, err := ParseCurrency(currency)
	if err != nil {
		return Money{}, err
	}
	d, err := parseAmount(amount)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: d, currency: c}, nil
}

// MustMoney is like NewMoney but panics if amount or currency is invalid. It is meant for
// tests, examples and values built from literals; never call it on untrusted input.
func MustMoney(amount, currency string) Money {
	m, err := NewMoney(amount, currency)
	if err != nil {
		panic(err)
	}
	return m
}

// MoneyOf returns amount in currency c, unrounded.
func MoneyOf(amount decimal.Decimal, c Currency) Money {
	return Money{amount: amount, currency: c}
}

// MoneyFromMinor returns units minor units of c: MoneyFromMinor(1234, CNY) is 12.34 CNY,
// MoneyFromMinor(1234, JPY) is 1234 JPY.
func MoneyFromMinor(units int64, c Currency) Money {
	if units == 0 {
		return Money{currency: c} // the zero decimal needs no allocation
	}
	return Money{amount: decimal.New(units, -int32(c.Digits())), currency: c}
}

// parseAmount accepts [+-]digits[.digits][(e|E)[+-]digits] with at least one digit in the
// mantissa, and bounds its length and exponent.
func parseAmount(s string) (decimal.Decimal, error) {
	bad := func(why string) (decimal.Decimal, error) {
		return decimal.Decimal{}, &FieldError{Field: "amount", Value: clip(s, 64), Err: fmtErr(ErrInvalidAmount, why)}
	}
	if s == "" {
		return bad("empty")
	}
	if len(s) > maxAmountLen {
		return bad("longer than 256 bytes")
	}
	i := 0
	if s[i] == '+' || s[i] == '-' {
		i++
	}
	mantissa := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		mantissa++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isDigit(s[i]); i++ {
			mantissa++
		}
	}
	if mantissa == 0 {
		return bad("not a decimal number")
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		if i == start {
			return bad("not a decimal number")
		}
	}
	if i != len(s) {
		return bad("not a decimal number")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return bad("not a decimal number")
	}
	if exp := d.Exponent(); exp > maxExponent || exp < -maxExponent {
		return bad("exponent beyond ±1000")
	}
	return d, nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// Amount returns the exact amount.
func (m Money) Amount() decimal.Decimal { return m.amount }

// Currency returns the currency; the zero Money has the zero Currency.
func (m Money) Currency() Currency { return m.currency }

// align returns the common currency of m and n for operation op, treating a zero amount with
// no currency as having the other's currency.
func (m Money) align(op string, n Money) (Currency, error) {
	switch {
	case m.currency == n.currency:
		return m.currency, nil
	case m.currency.IsZero() && m.amount.IsZero():
		return n.currency, nil
	case n.currency.IsZero() && n.amount.IsZero():
		return m.currency, nil
	}
	return Currency{}, &MismatchError{Op: op, A: m.currency, B: n.currency}
}

// Add returns m + n, exactly. Different currencies return a *MismatchError, which satisfies
// errors.Is(err, ErrCurrencyMismatch).
func (m Money) Add(n Money) (Money, error) {
	c, err := m.align("add", n)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: m.amount.Add(n.amount), currency: c}, nil
}

// Sub returns m − n, exactly. Different currencies return a *MismatchError, which satisfies
// errors.Is(err, ErrCurrencyMismatch).
func (m Money) Sub(n Money) (Money, error) {
	c, err := m.align("sub", n)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: m.amount.Sub(n.amount), currency: c}, nil
}

// Cmp compares m and n: −1 if m < n, 0 if they are numerically equal, +1 if m > n.
// Different currencies return a *MismatchError.
func (m Money) Cmp(n Money) (int, error) {
	if _, err := m.align("compare", n); err != nil {
		return 0, err
	}
	return m.amount.Cmp(n.amount), nil
}

// Equal reports whether m and n have the same currency and numerically equal amounts
// (1.5 CNY equals 1.50 CNY). go-cmp uses this method.
func (m Money) Equal(n Money) bool {
	return m.currency == n.currency && m.amount.Equal(n.amount)
}

// Sum returns the exact sum of ms; the sum of nothing is the zero Money. Mixed currencies
// return a *MismatchError naming the first pair that differs.
func Sum(ms ...Money) (Money, error) {
	var total Money
	for _, m := range ms {
		var err error
		if total, err = total.Add(m); err != nil {
			return Money{}, err
		}
	}
	return total, nil
}

// Neg returns −m.
func (m Money) Neg() Money { return Money{amount: m.amount.Neg(), currency: m.currency} }

// Abs returns |m|.
func (m Money) Abs() Money { return Money{amount: m.amount.Abs(), currency: m.currency} }

// Sign returns −1, 0 or +1 as m is negative, zero or positive.
func (m Money) Sign() int { return m.amount.Sign() }

// IsZero reports whether the amount is zero, in any currency. (With encoding/json's omitzero
// option, a Money field whose amount is zero is omitted.)
func (m Money) IsZero() bool { return m.amount.IsZero() }

// IsNegative reports whether m < 0.
func (m Money) IsNegative() bool { return m.amount.Sign() < 0 }

// IsPositive reports whether m > 0.
func (m Money) IsPositive() bool { return m.amount.Sign() > 0 }

// Mul returns m × n, exactly.
func (m Money) Mul(n int64) Money {
	return Money{amount: m.amount.Mul(decimal.NewFromInt(n)), currency: m.currency}
}

// MulDecimal returns m × f, exactly (unrounded: call Round to return to the minor unit).
func (m Money) MulDecimal(f decimal.Decimal) Money {
	return Money{amount: m.amount.Mul(f), currency: m.currency}
}

// Round returns m rounded to its currency's minor unit by mode: 2 places for CNY, 0 for JPY.
func (m Money) Round(mode RoundingMode) Money {
	return Money{amount: RoundDecimal(m.amount, int32(m.currency.Digits()), mode), currency: m.currency}
}

// IsRounded reports whether m is a whole number of its currency's minor units.
func (m Money) IsRounded() bool {
	return m.amount.Exponent() >= -int32(m.currency.Digits()) ||
		m.amount.Equal(m.amount.Truncate(int32(m.currency.Digits())))
}

// MinorUnits returns m as a whole number of minor units: 12.34 CNY is 1234. An amount that is
// not a whole number of minor units returns an error wrapping ErrInexact (call Round first);
// one outside the int64 range an error wrapping ErrOverflow.
func (m Money) MinorUnits() (int64, error) {
	digits := int32(m.currency.Digits())
	if !m.IsRounded() {
		return 0, &FieldError{Field: "amount", Value: clip(m.amount.String(), 64),
			Err: fmtErr(ErrInexact, "not a whole number of minor units of "+codeOrNone(m.currency))}
	}
	// m.amount × 10^digits is an integer: coefficient × 10^(exponent+digits).
	e := m.amount.Exponent() + digits
	coef := m.amount.Coefficient()
	if e > 0 {
		if e > 19 {
			if coef.Sign() == 0 {
				return 0, nil
			}
			return 0, overflowErr(m)
		}
		coef.Mul(coef, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	} else if e < 0 {
		coef.Quo(coef, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
	}
	if !coef.IsInt64() {
		return 0, overflowErr(m)
	}
	return coef.Int64(), nil
}

func overflowErr(m Money) error {
	return &FieldError{Field: "amount", Value: clip(m.amount.String(), 64),
		Err: fmtErr(ErrOverflow, "minor units do not fit in int64")}
}

// String returns the amount and the currency code, "12.34 CNY". The amount shows at least the
// currency's minor-unit digits and never hides a digit it has: 1.5 CNY prints "1.50 CNY",
// 1.005 CNY prints "1.005 CNY". The zero Money prints "0".
func (m Money) String() string {
	s := m.amount.StringFixed(m.places())
	if m.currency.IsZero() {
		return s
	}
	return s + " " + m.currency.Code()
}

// places is the number of decimal places that shows m without rounding or padding beyond
// what it holds: the larger of the currency's digits and the amount's significant scale.
func (m Money) places() int32 {
	digits := int32(m.currency.Digits())
	exp := m.amount.Exponent()
	if -exp <= digits {
		return digits
	}
	// Drop trailing zeros of the coefficient: they carry no information.
	coef, ten, rem := m.amount.Coefficient(), big.NewInt(10), new(big.Int)
	for -exp > digits && coef.Sign() != 0 {
		q, r := new(big.Int).QuoRem(coef, ten, rem)
		if r.Sign() != 0 {
			break
		}
		coef = q
		exp++
	}
	return max(-exp, digits)
}
