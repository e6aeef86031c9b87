package valuation

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/shopspring/decimal"
)

// Bounds on the inputs of the appraisal approaches. They keep untrusted input from making a
// computation allocate or loop without bound, and keep float models exact to the cent.
const (
	// maxModelAmount bounds |amount| of money that enters a float64 model (income approach,
	// Monte Carlo): below 1e14 major units float64 keeps better than 1e-2 of a minor unit.
	maxModelAmount = 1e14
	// maxListLen bounds every list in an approach input: cost items, forecast years,
	// comparables, quality measures, indications, Monte Carlo variables.
	maxListLen = 1000
	// maxInputBytes bounds the JSON text of one approach input.
	maxInputBytes = 1 << 20
	// weightTolerance is how far from 1 caller-supplied weights may sum.
	weightTolerance = 1e-9
)

// inputError returns an *InputError for field with value v; reason completes "must …".
func inputError(field string, v any, reason string) error {
	var s string
	switch v := v.(type) {
	case float64:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		s = strconv.Quote(errs.Clip(v, 64))
	default:
		s = fmt.Sprint(v)
	}
	return &InputError{Field: field, Value: s, Reason: reason}
}

// indexed returns the path of element i of a list field: "items[3]".
func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// inRange reports whether v is finite and lo ≤ v ≤ hi: finiteIn's test, for loops over list
// elements that build the element's field path only when the test fails.
func inRange(v, lo, hi float64) bool { return isFinite(v) && v >= lo && v <= hi }

// above reports whether v is finite and v > lo: finiteAbove's test, as inRange is finiteIn's.
func above(v, lo float64) bool { return isFinite(v) && v > lo }

// finiteIn checks that v is finite and lo ≤ v ≤ hi.
func finiteIn(field string, v, lo, hi float64) error {
	if !isFinite(v) {
		return inputError(field, v, "be finite")
	}
	if v < lo || v > hi {
		return inputError(field, v, fmt.Sprintf("be in [%g, %g]", lo, hi))
	}
	return nil
}

// finiteAbove checks that v is finite and v > lo.
func finiteAbove(field string, v, lo float64) error {
	if !isFinite(v) {
		return inputError(field, v, "be finite")
	}
	if v <= lo {
		return inputError(field, v, fmt.Sprintf("be greater than %g", lo))
	}
	return nil
}

// checkedWeights validates weights that must be finite and non-negative with a positive,
// finite sum; unless normalize is set they must also sum to 1 within 1e-9. elem names weight i
// in errors ("measures[2].weight"). It returns the weights divided by their sum.
func checkedWeights(w []float64, normalize bool, elem func(i int) string) ([]float64, error) {
	var total float64
	for i, x := range w {
		if !isFinite(x) {
			return nil, inputError(elem(i), x, "be finite")
		}
		if x < 0 {
			return nil, inputError(elem(i), x, "not be negative")
		}
		total += x
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil, inputError("weights (sum)", total, "be positive and finite")
	}
	if !normalize && math.Abs(total-1) > weightTolerance {
		return nil, inputError("weights (sum)", total, "equal 1 within 1e-9, or set normalize")
	}
	out := make([]float64, len(w))
	for i, x := range w {
		out[i] = x / total
	}
	return out, nil
}

// currencyOf tracks the single currency of the money fields of one input.
type currencyOf struct{ c assay.Currency }

// take records m's currency and reports whether it agrees with the ones seen; a zero
// amount without currency is zero of any currency, as in assay.Money arithmetic.
func (cc *currencyOf) take(m assay.Money) bool {
	mc := m.Currency()
	switch {
	case mc.IsZero():
		return m.IsZero()
	case cc.c.IsZero():
		cc.c = mc
	case cc.c != mc:
		return false
	}
	return true
}

// add is take with the error, naming field, for an amount that disagrees.
func (cc *currencyOf) add(field string, m assay.Money) error {
	if cc.take(m) {
		return nil
	}
	if m.Currency().IsZero() {
		return inputError(field, m.Amount().String(), "have a currency")
	}
	return fmt.Errorf("valuation: %s: %w", field, &assay.MismatchError{Op: "value", A: cc.c, B: m.Currency()})
}

// get returns the currency seen, or an error naming field when no amount had one.
func (cc *currencyOf) get(field string) (assay.Currency, error) {
	if cc.c.IsZero() {
		return assay.Currency{}, inputError(field, "", "carry a currency in at least one amount")
	}
	return cc.c, nil
}

// modelFloat converts money entering a float64 model. It reports false for amounts too
// large for float64 to keep the minor unit (|amount| ≥ 1e14).
func modelFloat(m assay.Money) (float64, bool) {
	v := m.Amount().InexactFloat64()
	return v, math.Abs(v) < maxModelAmount
}

// modelFloatError is the error for an amount modelFloat refused.
func modelFloatError(field string, m assay.Money) error {
	return inputError(field, m.Amount().String(), "be below 1e14 in absolute value")
}

// MoneyFromModel is the one crossing from a float64 model (the income approach, a Monte
// Carlo statistic) into money: v is read as the shortest decimal that round-trips to the
// same float64 (decimal.NewFromFloat) and rounded once to c's minor unit by mode. NaN, ±Inf
// and |v| ≥ 1e14 return an *InputError.
func MoneyFromModel(v float64, c assay.Currency, mode assay.RoundingMode) (assay.Money, error) {
	if !(math.Abs(v) < maxModelAmount) {
		return assay.Money{}, inputError("model value", v, "be finite and below 1e14 in absolute value")
	}
	if units, ok := roundShortest(v, int32(c.Digits()), mode); ok {
		return assay.MoneyFromMinor(units, c), nil // no allocation
	}
	return assay.MoneyOf(decimal.NewFromFloat(v), c).Round(mode), nil
}

// roundShortest is MoneyFromModel's rounding done on the digits of v's shortest decimal
// (strconv's, the one decimal.NewFromFloat reads), without big-number arithmetic. It reports
// false when the result needs more than 18 digits. The result is coef × 10^−places.
func roundShortest(v float64, places int32, mode assay.RoundingMode) (coef int64, ok bool) {
	var buf [64]byte
	s := strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	whole, frac := s, []byte(nil)
	if i := bytes.IndexByte(s, '.'); i >= 0 {
		whole, frac = s[:i], s[i+1:]
	}
	if len(whole)+int(places) > 18 {
		return 0, false
	}
	for _, c := range whole {
		coef = coef*10 + int64(c-'0')
	}
	for k := range int(places) {
		var d int64
		if k < len(frac) {
			d = int64(frac[k] - '0')
		}
		coef = coef*10 + d
	}
	// The shortest decimal has no trailing zeros, so any digits beyond places are non-zero:
	// the discarded part is below, at or above half a unit by its first digit and length.
	if rest := frac[min(int(places), len(frac)):]; len(rest) > 0 {
		half := 1
		switch {
		case rest[0] < '5':
			half = -1
		case rest[0] == '5' && len(rest) == 1:
			half = 0
		}
		if rounding.Away(rounding.Mode(mode), neg, coef%2 == 1, half) {
			coef++
		}
	}
	if neg {
		coef = -coef
	}
	return coef, true
}

// decimalOf is the exact decimal of a float64 coefficient: the shortest decimal that
// round-trips, so 0.1 is 0.1 and 100.0/95 is 1.0526315789473684.
func decimalOf(f float64) decimal.Decimal { return decimal.NewFromFloat(f) }

// shortestDecimal returns the shortest decimal that round-trips to the finite v as
// mant × 10^exp, the coefficient and exponent decimalOf(v) carries, without allocating: at
// most 17 significant digits, so mant fits in int64.
func shortestDecimal(v float64) (mant, exp int64) {
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], v, 'e', -1, 64) // d.ddde±xx, as decimal.NewFromFloat reads it
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	e := bytes.IndexByte(b, 'e')
	var nd int64
	for _, c := range b[:e] {
		if c != '.' {
			mant, nd = mant*10+int64(c-'0'), nd+1
		}
	}
	for _, c := range b[e+2:] { // b[e+1] is the sign of the exponent
		exp = exp*10 + int64(c-'0')
	}
	if b[e+1] == '-' {
		exp = -exp
	}
	if neg {
		mant = -mant
	}
	return mant, exp - nd + 1
}

// shortestProduct returns the exact product of the shortest decimals of factors, as
// decimal.NewFromInt(1).Mul(decimalOf(f₁)).Mul(decimalOf(f₂))… would, coefficient and
// exponent alike. While the coefficient fits in int64 that is one allocation instead of four
// per factor.
func shortestProduct(factors []float64) decimal.Decimal {
	coef, exp := int64(1), int64(0)
	for _, f := range factors {
		if !isFinite(f) {
			return shortestProductDecimal(factors)
		}
		m, e := shortestDecimal(f)
		hi, lo := bits.Mul64(uint64(absInt64(coef)), uint64(absInt64(m)))
		if hi != 0 || lo > math.MaxInt64 {
			return shortestProductDecimal(factors)
		}
		p := int64(lo)
		if (coef < 0) != (m < 0) {
			p = -p
		}
		coef, exp = p, exp+e
	}
	return decimal.New(coef, int32(exp))
}

// shortestProductDecimal is shortestProduct in decimal arithmetic, for coefficients beyond
// int64.
func shortestProductDecimal(factors []float64) decimal.Decimal {
	p := decimal.NewFromInt(1)
	for _, f := range factors {
		p = p.Mul(decimalOf(f))
	}
	return p
}

func absInt64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// quoRound returns n/d rounded to places decimal places by mode, exactly: the quotient is
// truncated by QuoRem and the remainder decides the last digit, so no intermediate rounding
// can turn a value just above a tie into a tie. d must not be zero.
func quoRound(n, d decimal.Decimal, places int32, mode assay.RoundingMode) decimal.Decimal {
	if q, ok := quoRoundSmall(n, d, places, mode); ok {
		return decimal.New(q, -places)
	}
	q, r := n.QuoRem(d, places)
	if r.IsZero() {
		return q
	}
	// q is n/d truncated toward zero; |r| / (|d|·10^-places) is the discarded fraction of the
	// last place. Stand in for it with a quarter, a half or three quarters of that place,
	// which every rounding mode treats as it would the true fraction.
	unit := d.Abs().Shift(-places)
	var frac decimal.Decimal
	switch r.Abs().Add(r.Abs()).Cmp(unit) {
	case -1:
		frac = decimal.New(25, -places-2)
	case 0:
		frac = decimal.New(5, -places-1)
	default:
		frac = decimal.New(75, -places-2)
	}
	if n.Sign()*d.Sign() < 0 {
		frac = frac.Neg()
	}
	return assay.RoundDecimal(q.Add(frac), places, mode)
}

// quoRoundSmall is quoRound in machine integers, for coefficients of at most 18 digits:
// n/d × 10^places = nc·10^k / dc with k = en − ed + places, one 128-bit product and one
// division (internal/rounding). ok is false when a scaled operand or the result does not fit.
func quoRoundSmall(n, d decimal.Decimal, places int32, mode assay.RoundingMode) (int64, bool) {
	if n.NumDigits() > 18 || d.NumDigits() > 18 {
		return 0, false
	}
	nc, dc := n.CoefficientInt64(), d.CoefficientInt64()
	k := int64(n.Exponent()) - int64(d.Exponent()) + int64(places)
	p, ok := rounding.Pow10(absInt64(k))
	if !ok || p > math.MaxInt64 {
		return 0, false
	}
	if k >= 0 {
		return rounding.MulDivInt64(nc, int64(p), dc, rounding.Mode(mode))
	}
	hi, den := bits.Mul64(uint64(absInt64(dc)), p) // |dc| < 10^18: no sign trouble
	if hi != 0 || den > math.MaxInt64 {
		return 0, false
	}
	if dc < 0 {
		return rounding.MulDivInt64(nc, -1, int64(den), rounding.Mode(mode))
	}
	return rounding.MulDivInt64(nc, 1, int64(den), rounding.Mode(mode))
}

// decodeStrict decodes one bounded JSON value into v with internal/jsonin, refusing unknown
// fields and trailing data, so that a misspelt field of an input is an error rather than a
// silent default. what names the document ("cost input") in the error.
func decodeStrict(data []byte, v any, what string) error {
	err := jsonin.Decode(data, v, maxInputBytes)
	var je *jsonin.Error
	if !errors.As(err, &je) {
		return err // nil, or a nested value's own typed error, which names its field
	}
	field := what
	if je.Path != "" {
		field += " field " + je.Path
	}
	return &InputError{Field: field, Reason: "be well-formed JSON of the documented shape (" + je.Reason + ")"}
}
