package assay

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay/internal/rounding"
	"github.com/dataassay/assay/internal/rounding/ratround"
	"github.com/shopspring/decimal"
)

// The differential oracle of Money's compact representation (issue 13): every operation is
// done three ways — by Money, by shopspring/decimal on Amount(), and in math/big.Rat — and
// must agree: numerically with big.Rat, and with decimal to the coefficient and exponent, so
// that String, JSON and text forms cannot depend on how the amount is held.

var oracleCurrencies = []Currency{MustCurrency("CNY"), MustCurrency("JPY"), MustCurrency("KWD"), MustCurrency("CLF")}

// edgeCoefs are coefficients at the compact form's edges.
var edgeCoefs = []int64{0, 1, -1, 5, -5, 15, -25, math.MaxInt64, -math.MaxInt64, math.MinInt64,
	math.MaxInt64 - 1, math.MinInt64 + 1, 1e18, -1e18, 999_999_999_999_999_999, 922_337_203_685_477_580,
	-922_337_203_685_477_580, 4_611_686_018_427_387_904, 3_037_000_499, -3_037_000_500}

// oracleValue draws an amount: mostly compact coefficients of every size (edges, ties,
// powers of ten) at exponents around the minor unit, sometimes coefficients beyond int64.
func oracleValue(r *rand.Rand) decimal.Decimal {
	exp := int32(r.IntN(24)) - 19
	if r.IntN(8) == 0 {
		exp = int32(r.IntN(80)) - 40
	}
	var coef int64
	switch r.IntN(10) {
	case 0, 1:
		coef = edgeCoefs[r.IntN(len(edgeCoefs))]
	case 2:
		coef = int64(pow10(r.IntN(19))) * (5 - int64(r.IntN(11))) // powers of ten, ties
	case 3:
		coef = r.Int64() >> r.IntN(63)
		if r.IntN(2) == 0 {
			coef = -coef
		}
	case 4: // beyond int64: a 19–30 digit coefficient
		b, _ := new(big.Int).SetString(fmt.Sprintf("%d%018d", 9+r.Int64N(1e12), r.Int64N(1e18)), 10)
		if r.IntN(2) == 0 {
			b.Neg(b)
		}
		return decimal.NewFromBigInt(b, exp)
	default:
		coef = r.Int64N(2e6) - 1e6
		if r.IntN(3) == 0 {
			coef = coef*10 + 5 // a tie below the last digit
		}
	}
	return decimal.New(coef, exp)
}

// pow10 is 10^k for 0 ≤ k ≤ 19.
func pow10(k int) uint64 {
	p, _ := rounding.Pow10(int64(k))
	return p
}

func ratOf(d decimal.Decimal) *big.Rat { return d.Rat() }

// sameDecimal reports whether a and b have the same coefficient and exponent.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

// oracleString is String computed on the decimal, as it was before the compact form: the
// amount with max(digits, significant scale) places, then the code.
func oracleString(d decimal.Decimal, c Currency) string {
	digits := int32(c.Digits())
	places := digits
	if exp := d.Exponent(); -exp > digits {
		coef := d.Coefficient()
		ten, r := big.NewInt(10), new(big.Int)
		for -exp > digits && coef.Sign() != 0 {
			q, rem := new(big.Int).QuoRem(coef, ten, r)
			if rem.Sign() != 0 {
				break
			}
			coef, exp = q, exp+1
		}
		places = max(-exp, digits)
	}
	return d.StringFixed(places) + " " + c.Code()
}

// shopspringRound is decimal's own rounding for the modes it has (HalfDown it lacks).
func shopspringRound(d decimal.Decimal, places int32, mode RoundingMode) (decimal.Decimal, bool) {
	switch mode {
	case HalfEven:
		return d.RoundBank(places), true
	case HalfUp:
		return d.Round(places), true
	case Down:
		return d.RoundDown(places), true
	case Up:
		return d.RoundUp(places), true
	case Floor:
		return d.RoundFloor(places), true
	case Ceiling:
		return d.RoundCeil(places), true
	}
	return decimal.Decimal{}, false
}

// checkOps runs every Money operation on a and b (and n, mode) against decimal and big.Rat.
func checkOps(t *testing.T, a, b decimal.Decimal, c Currency, n int64, mode RoundingMode) {
	t.Helper()
	ma, mb := MoneyOf(a, c), MoneyOf(b, c)
	ra, rb := ratOf(a), ratOf(b)
	fail := func(op string, got, want any) {
		t.Helper()
		t.Fatalf("%s with a = %s, b = %s (%s), n = %d, mode %v: got %v, want %v", op, a, b, c.Code(), n, mode, got, want)
	}
	same := func(op string, got Money, want decimal.Decimal, rat *big.Rat) {
		t.Helper()
		if g := got.Amount(); !sameDecimal(g, want) || g.Rat().Cmp(rat) != 0 || got.Currency() != c {
			fail(op, fmt.Sprintf("%s (coef %s exp %d)", g, g.Coefficient(), g.Exponent()),
				fmt.Sprintf("%s (coef %s exp %d, exactly %s)", want, want.Coefficient(), want.Exponent(), rat.RatString()))
		}
	}
	same("MoneyOf", ma, a, ra)

	sum, err := ma.Add(mb)
	if err != nil {
		t.Fatal(err)
	}
	same("Add", sum, a.Add(b), new(big.Rat).Add(ra, rb))
	diff, _ := ma.Sub(mb)
	same("Sub", diff, a.Sub(b), new(big.Rat).Sub(ra, rb))
	same("Neg", ma.Neg(), a.Neg(), new(big.Rat).Neg(ra))
	same("Abs", ma.Abs(), a.Abs(), new(big.Rat).Abs(ra))
	same("Mul", ma.Mul(n), a.Mul(decimal.NewFromInt(n)), new(big.Rat).Mul(ra, new(big.Rat).SetInt64(n)))
	same("MulDecimal", ma.MulDecimal(b), a.Mul(b), new(big.Rat).Mul(ra, rb))
	total, _ := Sum(ma, mb, ma.Neg(), mb)
	same("Sum", total, decimal.Decimal{}.Add(a).Add(b).Add(a.Neg()).Add(b), new(big.Rat).Add(rb, rb))

	if got, _ := ma.Cmp(mb); got != ra.Cmp(rb) || got != a.Cmp(b) {
		fail("Cmp", got, ra.Cmp(rb))
	}
	if got := ma.Equal(mb); got != (ra.Cmp(rb) == 0) {
		fail("Equal", got, ra.Cmp(rb) == 0)
	}
	if got := ma.Sign(); got != ra.Sign() || ma.IsZero() != (ra.Sign() == 0) {
		fail("Sign", got, ra.Sign())
	}

	places := int32(c.Digits())
	wantRound := ratround.RoundPlaces(ra, places, rounding.Mode(mode))
	rounded := ma.Round(mode)
	if rounded.Amount().Rat().Cmp(wantRound) != 0 {
		fail("Round", rounded, wantRound.RatString())
	}
	if d, ok := shopspringRound(a, places, mode); ok && d.Cmp(rounded.Amount()) != 0 {
		fail("Round (shopspring)", rounded, d)
	}
	// RoundDecimal's documented form: an amount already within places is returned as it is,
	// any other has exponent −places.
	if got, want := rounded.Amount().Exponent(), -places; a.Exponent() < -places && got != want || a.Exponent() >= -places && !sameDecimal(rounded.Amount(), a) {
		fail("Round exponent", got, want)
	}
	if got := RoundDecimal(a, places, mode); !sameDecimal(got, rounded.Amount()) {
		fail("RoundDecimal", got, rounded)
	}

	scaled := new(big.Rat).Mul(ra, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	if got := ma.IsRounded(); got != scaled.IsInt() {
		fail("IsRounded", got, scaled.IsInt())
	}
	units, err := ma.MinorUnits()
	switch {
	case !scaled.IsInt():
		if err == nil {
			fail("MinorUnits", units, "ErrInexact")
		}
	case !scaled.Num().IsInt64():
		if err == nil {
			fail("MinorUnits", units, "ErrOverflow")
		}
	case err != nil || units != scaled.Num().Int64():
		fail("MinorUnits", fmt.Sprint(units, err), scaled.Num())
	}

	if got, want := ma.String(), oracleString(a, c); got != want {
		fail("String", got, want)
	}
	if a.Exponent() >= -maxExponent && a.Exponent() <= maxExponent {
		data, err := json.Marshal(ma)
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"amount":"` + oracleString(a, c)[:len(oracleString(a, c))-4] + `","currency":"` + c.Code() + `"}`; string(data) != want && len(want) < maxAmountLen {
			fail("MarshalJSON", string(data), want)
		}
		var back Money
		if err := json.Unmarshal(data, &back); err != nil || !back.Equal(ma) {
			fail("JSON round trip", fmt.Sprint(back, err), ma)
		}
		text, _ := ma.MarshalText()
		if err := back.UnmarshalText(text); err != nil || !back.Equal(ma) {
			fail("text round trip", fmt.Sprint(back, err), ma)
		}
	}
}

// TestMoney_DifferentialOracle compares 10⁶ random operations (edges at ±(2⁶³−1), exponent
// changes, every rounding mode, ties, coefficients beyond int64) with decimal and big.Rat. Under
// -short or the race detector it runs 10⁵.
func TestMoney_DifferentialOracle(t *testing.T) {
	rounds := 1_000_000 / 14 // each round checks 14 operations (and the codecs)
	if testing.Short() || raceEnabled {
		rounds /= 10
	}
	r := rand.New(rand.NewPCG(13, 2026))
	for range rounds {
		a, b := oracleValue(r), oracleValue(r)
		switch r.IntN(6) {
		case 0: // the same value at a smaller exponent, often with a coefficient beyond int64
			k := int64(r.IntN(25))
			b = decimal.NewFromBigInt(new(big.Int).Mul(a.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil)), a.Exponent()-int32(k))
		case 1:
			b = a.Shift(int32(r.IntN(5)) - 2) // a nearby value at another exponent
		}
		n := edgeCoefs[r.IntN(len(edgeCoefs))]
		if r.IntN(2) == 0 {
			n = r.Int64N(2001) - 1000
		}
		checkOps(t, a, b, oracleCurrencies[r.IntN(len(oracleCurrencies))], n, RoundingMode(r.IntN(7)))
	}
}

// TestMoney_SumCrossesInt64Edge: a sum just beyond int64 minor units promotes to
// decimal.Decimal and stays exact, and comes back to the compact form when it fits again.
func TestMoney_SumCrossesInt64Edge(t *testing.T) {
	cny := MustCurrency("CNY")
	top := MoneyFromMinor(math.MaxInt64, cny) // 92,233,720,368,547,758.07 CNY
	cent := MoneyFromMinor(1, cny)
	over, err := top.Add(cent)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := over.String(), "92233720368547758.08 CNY"; got != want { // 2⁶³ fen, by hand
		t.Fatalf("MaxInt64 fen + 1 fen = %s, want %s", got, want)
	}
	if over.big == nil {
		t.Fatal("2⁶³ fen is held compactly; it cannot be")
	}
	if _, err := over.MinorUnits(); err == nil {
		t.Fatal("MinorUnits of 2⁶³ fen succeeded")
	}
	twice, _ := Sum(top, top, cent, cent)
	if got, want := twice.String(), "184467440737095516.16 CNY"; got != want { // 2⁶⁴ fen
		t.Fatalf("Sum = %s, want %s", got, want)
	}
	back, _ := over.Sub(cent)
	if !back.Equal(top) || back.big != nil {
		t.Fatalf("2⁶³ − 1 fen = %v (big %v), want %v held compactly", back, back.big != nil, top)
	}
	if got := MoneyFromMinor(math.MinInt64, cny).Neg(); got.String() != "92233720368547758.08 CNY" {
		t.Fatalf("−(−2⁶³ fen) = %v", got)
	}
	prod := top.Mul(-2)
	if got, want := prod.String(), "-184467440737095516.14 CNY"; got != want {
		t.Fatalf("(2⁶³ − 1) fen × −2 = %s, want %s", got, want)
	}
}

// FuzzMoneyOps is the differential oracle as a fuzz target: two amounts given by coefficient
// and exponent, a multiplier and a mode.
func FuzzMoneyOps(f *testing.F) {
	f.Add(int64(123456), int8(-2), int64(7), int8(-2), int64(3), uint8(0), uint8(0))
	f.Add(int64(math.MaxInt64), int8(-2), int64(1), int8(-2), int64(2), uint8(1), uint8(0))
	f.Add(int64(math.MinInt64), int8(0), int64(-1), int8(5), int64(-1), uint8(2), uint8(1))
	f.Add(int64(25), int8(-3), int64(25), int8(-1), int64(math.MaxInt64), uint8(5), uint8(2))
	f.Add(int64(-15), int8(-1), int64(0), int8(-30), int64(0), uint8(6), uint8(3))
	f.Fuzz(func(t *testing.T, ca int64, ea int8, cb int64, eb int8, n int64, mode, cur uint8) {
		a, b := decimal.New(ca, int32(ea)), decimal.New(cb, int32(eb))
		checkOps(t, a, b, oracleCurrencies[int(cur)%len(oracleCurrencies)], n, RoundingMode(mode%7))
	})
}

// TestMoney_HostileExponents: amounts built in code may carry any int32 exponent; rounding,
// IsRounded, MinorUnits and the encoders must answer without dividing by 10^(2·10⁹) or
// building gigabyte strings, as the decimal arithmetic they used to call would.
func TestMoney_HostileExponents(t *testing.T) {
	cny := MustCurrency("CNY")
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10) // beyond int64
	for _, d := range []decimal.Decimal{
		decimal.New(7, -2_000_000_000), decimal.New(-7, -2_000_000_000),
		decimal.NewFromBigInt(huge, -2_000_000_000), decimal.NewFromBigInt(new(big.Int).Neg(huge), -2_000_000_000),
		decimal.NewFromBigInt(huge, 2_000_000_000),
	} {
		m := MoneyOf(d, cny)
		if m.IsRounded() != (d.Exponent() > 0) {
			t.Errorf("IsRounded(%se%d) = %v", d.Coefficient(), d.Exponent(), m.IsRounded())
		}
		if _, err := m.MinorUnits(); err == nil {
			t.Errorf("MinorUnits(%se%d) succeeded", d.Coefficient(), d.Exponent())
		}
		if d.Exponent() < 0 {
			// 0 < |d| < 0.001 fen, by hand: to the nearest it is 0; away from zero ±0.01; Floor
			// −0.01 if negative, Ceiling +0.01 if positive, else 0.
			sign := int64(d.Sign())
			for mode, want := range map[RoundingMode]int64{HalfEven: 0, HalfUp: 0, Down: 0, Up: sign, Floor: min(sign, 0), Ceiling: max(sign, 0)} {
				got := m.Round(mode).Amount()
				if !sameDecimal(got, decimal.New(want, -2)) {
					t.Errorf("Round(%se%d, %v) = %s, want %d fen", d.Coefficient(), d.Exponent(), mode, got, want)
				}
			}
		}
		// The shortest exact form is coefficient e exponent.
		want := `{"amount":"` + d.Coefficient().String() + "e" + fmt.Sprint(d.Exponent()) + `","currency":"CNY"}`
		if got, err := m.MarshalJSON(); err != nil || string(got) != want {
			t.Errorf("MarshalJSON(%se%d) = %s, %v; want %s", d.Coefficient(), d.Exponent(), got, err, want)
		}
	}
	// An exponent far out but with trailing zeros to match still has a short form.
	tenTo300 := new(big.Int).Exp(big.NewInt(10), big.NewInt(300), nil)
	if got, err := MoneyOf(decimal.NewFromBigInt(tenTo300, -300), cny).MarshalJSON(); err != nil || string(got) != `{"amount":"1.00","currency":"CNY"}` {
		t.Errorf("MarshalJSON(10^300 × 10^−300) = %s, %v", got, err)
	}
}
