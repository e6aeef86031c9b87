package assay

import (
	"math"
	"math/big"
	"strconv"

	"github.com/dataassay/assay/internal/rounding"
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
//
// # Representation
//
// An amount is a coefficient and a decimal exponent, coef × 10^exp, exactly as the
// decimal.Decimal that Amount returns: every method gives the coefficient and exponent that the
// same operation in shopspring/decimal gives (Add aligns to the smaller exponent, Mul adds
// exponents), so String, JSON and text forms do not depend on how a value is held. While the
// coefficient fits in an int64 — every real price, fee and balance — it is held in the Money
// itself and the arithmetic is machine arithmetic, with no allocation; an operation whose
// result would not fit (detected exactly with math/bits, never wrapped) computes it with
// decimal.Decimal instead, and a result that fits again returns to the compact form. A Money
// is safe for concurrent use: nothing in it is ever modified.
type Money struct {
	coef     int64            // the amount is coef × 10^exp while big is nil
	big      *decimal.Decimal // the amount when its coefficient does not fit in int64; never modified
	exp      int32
	currency Currency
}

// fromDecimal returns d in currency c, compact when d's coefficient fits in int64.
func fromDecimal(d decimal.Decimal, c Currency) Money {
	if n := d.NumDigits(); n <= 18 || n == 19 && d.Coefficient().IsInt64() {
		return Money{coef: d.CoefficientInt64(), exp: d.Exponent(), currency: c}
	}
	big := new(decimal.Decimal) // not &d, which would move every d to the heap
	*big = d
	return Money{big: big, currency: c}
}

// dec returns the amount as a decimal.Decimal.
func (m Money) dec() decimal.Decimal {
	switch {
	case m.big != nil:
		return *m.big
	case m.coef == 0 && m.exp == 0:
		return decimal.Decimal{} // zero without allocating
	}
	return decimal.New(m.coef, m.exp)
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
	return parseMoney(amount, c)
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
func MoneyOf(amount decimal.Decimal, c Currency) Money { return fromDecimal(amount, c) }

// MoneyFromMinor returns units minor units of c, units × 10^−digits:
// MoneyFromMinor(1234, CNY) is 12.34 CNY, MoneyFromMinor(1234, JPY) is 1234 JPY. It does not
// allocate.
func MoneyFromMinor(units int64, c Currency) Money {
	return Money{coef: units, exp: -int32(c.Digits()), currency: c}
}

// Amount returns the exact amount. For an amount held compactly (see Money) this builds a
// decimal.Decimal, which allocates; arithmetic on Money itself does not.
func (m Money) Amount() decimal.Decimal { return m.dec() }

// Currency returns the currency; the zero Money has the zero Currency.
func (m Money) Currency() Currency { return m.currency }

// align returns the common currency of m and n for operation op, treating a zero amount with
// no currency as having the other's currency.
func (m Money) align(op string, n Money) (Currency, error) {
	switch {
	case m.currency == n.currency:
		return m.currency, nil
	case m.currency.IsZero() && m.IsZero():
		return n.currency, nil
	case n.currency.IsZero() && n.IsZero():
		return m.currency, nil
	}
	return Currency{}, &MismatchError{Op: op, A: m.currency, B: n.currency}
}

// Add returns m + n, exactly. Different currencies return a *MismatchError, which satisfies
// errors.Is(err, ErrCurrencyMismatch).
func (m Money) Add(n Money) (Money, error) {
	// The common case, small enough to inline: same currency and exponent, no overflow.
	if m.currency == n.currency && m.exp == n.exp && m.big == nil && n.big == nil {
		if s := m.coef + n.coef; (m.coef^s)&(n.coef^s) >= 0 {
			return Money{coef: s, exp: m.exp, currency: m.currency}, nil
		}
	}
	return m.add(n)
}

func (m Money) add(n Money) (Money, error) {
	c, err := m.align("add", n)
	if err != nil {
		return Money{}, err
	}
	if m.big == nil && n.big == nil {
		if coef, exp, ok := addSmall(m.coef, m.exp, n.coef, n.exp); ok {
			return Money{coef: coef, exp: exp, currency: c}, nil
		}
	}
	return fromDecimal(m.dec().Add(n.dec()), c), nil
}

// Sub returns m − n, exactly. Different currencies return a *MismatchError, which satisfies
// errors.Is(err, ErrCurrencyMismatch).
func (m Money) Sub(n Money) (Money, error) {
	if m.currency == n.currency && m.exp == n.exp && m.big == nil && n.big == nil {
		if d := m.coef - n.coef; (m.coef^n.coef)&(m.coef^d) >= 0 { // overflow iff the signs differ and d's differs from m's
			return Money{coef: d, exp: m.exp, currency: m.currency}, nil
		}
	}
	return m.sub(n)
}

func (m Money) sub(n Money) (Money, error) {
	c, err := m.align("sub", n)
	if err != nil {
		return Money{}, err
	}
	if m.big == nil && n.big == nil && n.coef != math.MinInt64 {
		if coef, exp, ok := addSmall(m.coef, m.exp, -n.coef, n.exp); ok {
			return Money{coef: coef, exp: exp, currency: c}, nil
		}
	}
	return fromDecimal(m.dec().Sub(n.dec()), c), nil
}

// Cmp compares m and n: −1 if m < n, 0 if they are numerically equal, +1 if m > n.
// Different currencies return a *MismatchError.
func (m Money) Cmp(n Money) (int, error) {
	if _, err := m.align("compare", n); err != nil {
		return 0, err
	}
	return m.cmp(n), nil
}

// cmp compares the amounts of m and n, ignoring currencies.
func (m Money) cmp(n Money) int {
	if m.big == nil && n.big == nil {
		return cmpSmall(m.coef, m.exp, n.coef, n.exp)
	}
	return m.dec().Cmp(n.dec())
}

// Equal reports whether m and n have the same currency and numerically equal amounts
// (1.5 CNY equals 1.50 CNY). go-cmp uses this method.
func (m Money) Equal(n Money) bool {
	return m.currency == n.currency && m.cmp(n) == 0
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
func (m Money) Neg() Money {
	if m.big == nil && m.coef != math.MinInt64 {
		return Money{coef: -m.coef, exp: m.exp, currency: m.currency}
	}
	return fromDecimal(m.dec().Neg(), m.currency)
}

// Abs returns |m|.
func (m Money) Abs() Money {
	if m.Sign() >= 0 {
		return m
	}
	return m.Neg()
}

// Sign returns −1, 0 or +1 as m is negative, zero or positive.
func (m Money) Sign() int {
	switch {
	case m.big != nil:
		return m.big.Sign()
	case m.coef < 0:
		return -1
	case m.coef > 0:
		return 1
	}
	return 0
}

// IsZero reports whether the amount is zero, in any currency. (With encoding/json's omitzero
// option, a Money field whose amount is zero is omitted.)
func (m Money) IsZero() bool { return m.Sign() == 0 }

// IsNegative reports whether m < 0.
func (m Money) IsNegative() bool { return m.Sign() < 0 }

// IsPositive reports whether m > 0.
func (m Money) IsPositive() bool { return m.Sign() > 0 }

// Mul returns m × n, exactly.
func (m Money) Mul(n int64) Money {
	if m.big == nil {
		if coef, ok := mulSmall(m.coef, n); ok {
			return Money{coef: coef, exp: m.exp, currency: m.currency}
		}
	}
	return fromDecimal(m.dec().Mul(decimal.NewFromInt(n)), m.currency)
}

// MulDecimal returns m × f, exactly (unrounded: call Round to return to the minor unit).
func (m Money) MulDecimal(f decimal.Decimal) Money {
	if m.big == nil && f.NumDigits() <= 18 {
		exp := int64(m.exp) + int64(f.Exponent())
		if coef, ok := mulSmall(m.coef, f.CoefficientInt64()); ok && exp == int64(int32(exp)) {
			return Money{coef: coef, exp: int32(exp), currency: m.currency}
		}
	}
	return fromDecimal(m.dec().Mul(f), m.currency)
}

// Round returns m rounded to its currency's minor unit by mode: 2 places for CNY, 0 for JPY.
// An amount already within the minor unit is returned as it is (1.5 CNY stays 1.5).
func (m Money) Round(mode RoundingMode) Money {
	places := int32(m.currency.Digits())
	if m.big != nil {
		return fromDecimal(RoundDecimal(*m.big, places, mode), m.currency)
	}
	if m.exp >= -places {
		return m
	}
	return Money{coef: roundSmall(m.coef, int64(-m.exp)-int64(places), mode), exp: -places, currency: m.currency}
}

// IsRounded reports whether m is a whole number of its currency's minor units.
func (m Money) IsRounded() bool {
	digits := int32(m.currency.Digits())
	if m.big != nil {
		// A whole number of minor units has at least drop trailing zeros, so drop ≥ the
		// number of digits cannot be one (and Truncate would divide by 10^drop).
		drop := -int64(m.big.Exponent()) - int64(digits)
		return drop <= 0 || drop < int64(m.big.NumDigits()) && m.big.Equal(m.big.Truncate(digits))
	}
	if m.exp >= -digits || m.coef == 0 {
		return true
	}
	drop := int64(-m.exp) - int64(digits)
	p, ok := rounding.Pow10(drop)
	return ok && abs64(m.coef)%p == 0
}

// MinorUnits returns m as a whole number of minor units: 12.34 CNY is 1234. An amount that is
// not a whole number of minor units returns an error wrapping ErrInexact (call Round first);
// one outside the int64 range an error wrapping ErrOverflow.
func (m Money) MinorUnits() (int64, error) {
	if !m.IsRounded() {
		return 0, &FieldError{Field: "amount", Value: m.errorText(),
			Err: fmtErr(ErrInexact, "not a whole number of minor units of "+codeOrNone(m.currency))}
	}
	if m.big != nil {
		return m.bigMinorUnits()
	}
	// The amount × 10^digits is an integer: coef × 10^e.
	e := int64(m.exp) + int64(m.currency.Digits())
	switch {
	case m.coef == 0:
		return 0, nil
	case e < 0:
		p, _ := rounding.Pow10(-e)    // −e ≤ 18: a non-zero multiple of 10^−e fits in int64
		return m.coef / int64(p), nil // exact
	case e == 0:
		return m.coef, nil
	}
	if u, ok := scaleSmall(m.coef, e); ok {
		return u, nil
	}
	return 0, overflowErr(m)
}

// bigMinorUnits is MinorUnits for an amount whose coefficient does not fit in int64.
func (m Money) bigMinorUnits() (int64, error) {
	e := m.big.Exponent() + int32(m.currency.Digits())
	coef := m.big.Coefficient()
	if e > 0 {
		if e > 19 {
			return 0, overflowErr(m) // a coefficient beyond int64 is not zero
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
	return &FieldError{Field: "amount", Value: m.errorText(),
		Err: fmtErr(ErrOverflow, "minor units do not fit in int64")}
}

// errorText is m for an error message: String's form clipped to 64 bytes, or coefficient and
// exponent ("7e-2000000000 CNY") when the exponent is so far out that String's form would be
// enormous.
func (m Money) errorText() string {
	d := m.dec()
	if exp := d.Exponent(); exp >= -maxAmountLen && exp <= maxAmountLen {
		return clip(m.String(), 64)
	}
	return clip(d.Coefficient().String(), 40) + "e" + strconv.Itoa(int(d.Exponent())) + " " + codeOrNone(m.currency)
}

// String returns the amount and the currency code, "12.34 CNY". The amount shows at least the
// currency's minor-unit digits and never hides a digit it has: 1.5 CNY prints "1.50 CNY",
// 1.005 CNY prints "1.005 CNY". The zero Money prints "0".
func (m Money) String() string {
	var buf [48]byte
	b, ok := m.appendFixed(buf[:0])
	if !ok {
		b = append(b, m.dec().StringFixed(m.places())...)
	}
	if !m.currency.IsZero() {
		b = append(append(b, ' '), m.currency.Code()...)
	}
	return string(b)
}

// places is the number of decimal places that shows m without rounding or padding beyond
// what it holds: the larger of the currency's digits and the amount's significant scale.
func (m Money) places() int32 {
	digits := int32(m.currency.Digits())
	if m.big == nil {
		exp, coef := m.exp, m.coef
		// Drop trailing zeros of the coefficient: they carry no information.
		for -exp > digits && coef != 0 && coef%10 == 0 {
			coef /= 10
			exp++
		}
		return max(-exp, digits)
	}
	exp := m.big.Exponent()
	if -exp <= digits {
		return digits
	}
	coef, ten, rem := m.big.Coefficient(), big.NewInt(10), new(big.Int)
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

// parseMoney parses an amount of currency c, without allocating for an amount that fits the
// compact form.
func parseMoney(s string, c Currency) (Money, error) {
	if coef, exp, ok := parseSmall(s); ok {
		return Money{coef: coef, exp: exp, currency: c}, nil
	}
	d, err := parseAmount(s)
	if err != nil {
		return Money{}, err
	}
	return fromDecimal(d, c), nil
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
