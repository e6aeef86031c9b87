package assay

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestNewMoney(t *testing.T) {
	tests := []struct {
		amount, currency string
		want             string // String() of the result
	}{
		{"12.34", "CNY", "12.34 CNY"},
		{"12.3", "CNY", "12.30 CNY"},
		{"1.005", "CNY", "1.005 CNY"},  // never hides a digit
		{"1.50000", "HKD", "1.50 HKD"}, // trailing zeros beyond the minor unit carry nothing
		{"-0.5", "MOP", "-0.50 MOP"},
		{"+7", "USD", "7.00 USD"},
		{"1e3", "JPY", "1000 JPY"},
		{"1.5E-2", "EUR", "0.015 EUR"},
		{"1234", "KRW", "1234 KRW"},
		{"0.001", "KWD", "0.001 KWD"},
		{".5", "GBP", "0.50 GBP"},
		{"5.", "SGD", "5.00 SGD"},
		{"0", "CNY", "0.00 CNY"},
		{"123456789012345678901234567890.12", "CNY", "123456789012345678901234567890.12 CNY"},
	}
	for _, tt := range tests {
		m, err := NewMoney(tt.amount, tt.currency)
		if err != nil {
			t.Errorf("NewMoney(%q, %q): %v", tt.amount, tt.currency, err)
			continue
		}
		if diff := cmp.Diff(tt.want, m.String()); diff != "" {
			t.Errorf("NewMoney(%q, %q) (-want +got):\n%s", tt.amount, tt.currency, diff)
		}
	}
}

func TestNewMoneyRejects(t *testing.T) {
	tests := []struct {
		amount, currency string
		want             error
	}{
		{"", "CNY", ErrInvalidAmount},
		{"abc", "CNY", ErrInvalidAmount},
		{"1,000.00", "CNY", ErrInvalidAmount},
		{" 12", "CNY", ErrInvalidAmount},
		{"12 ", "CNY", ErrInvalidAmount},
		{"NaN", "CNY", ErrInvalidAmount},
		{"Inf", "CNY", ErrInvalidAmount},
		{"0x10", "CNY", ErrInvalidAmount},
		{"1e", "CNY", ErrInvalidAmount},
		{"-", "CNY", ErrInvalidAmount},
		{".", "CNY", ErrInvalidAmount},
		{"1.2.3", "CNY", ErrInvalidAmount},
		{"1e1001", "CNY", ErrInvalidAmount},
		{"1e-1001", "CNY", ErrInvalidAmount},
		{strings.Repeat("9", 257), "CNY", ErrInvalidAmount},
		{"12.34", "cny", ErrInvalidCurrency},
		{"12.34", "RMB", ErrInvalidCurrency},
		{"12.34", "", ErrInvalidCurrency},
	}
	for _, tt := range tests {
		_, err := NewMoney(tt.amount, tt.currency)
		if !errors.Is(err, tt.want) {
			t.Errorf("NewMoney(%.20q, %q) error = %v, want %v", tt.amount, tt.currency, err, tt.want)
		}
	}
	// The error names the field and the value.
	_, err := NewMoney("12,5", "CNY")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "amount" || fe.Value != "12,5" {
		t.Errorf("NewMoney(12,5) error = %#v, want a *FieldError for amount \"12,5\"", err)
	}
	if got, want := err.Error(), `assay: amount "12,5": not a decimal number`; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestMustMoneyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustMoney(bad) did not panic")
		}
	}()
	MustMoney("x", "CNY")
}

func TestArithmetic(t *testing.T) {
	a, b := MustMoney("10.05", "CNY"), MustMoney("0.955", "CNY")
	tests := []struct {
		name string
		got  Money
		want Money
	}{
		{"add", must(a.Add(b)), MustMoney("11.005", "CNY")},
		{"sub", must(a.Sub(b)), MustMoney("9.095", "CNY")},
		{"neg", a.Neg(), MustMoney("-10.05", "CNY")},
		{"abs", MustMoney("-3", "CNY").Abs(), MustMoney("3", "CNY")},
		{"mul", a.Mul(3), MustMoney("30.15", "CNY")},
		{"mul negative", a.Mul(-2), MustMoney("-20.1", "CNY")},
		{"mul decimal", a.MulDecimal(decimal.RequireFromString("0.06")), MustMoney("0.603", "CNY")},
		{"round half-even", MustMoney("0.125", "CNY").Round(HalfEven), MustMoney("0.12", "CNY")},
		{"round half-up", MustMoney("0.125", "CNY").Round(HalfUp), MustMoney("0.13", "CNY")},
		{"round JPY", MustMoney("1234.5", "JPY").Round(HalfEven), MustMoney("1234", "JPY")},
		{"round KWD", MustMoney("1.2345", "KWD").Round(Down), MustMoney("1.234", "KWD")},
		{"from minor CNY", MoneyFromMinor(1234, MustCurrency("CNY")), MustMoney("12.34", "CNY")},
		{"from minor JPY", MoneyFromMinor(-1234, MustCurrency("JPY")), MustMoney("-1234", "JPY")},
		{"sum", must(Sum(a, b, MustMoney("-1", "CNY"))), MustMoney("10.005", "CNY")},
		{"sum of nothing", must(Sum()), Money{}},
		{"zero value is an identity", must(Money{}.Add(a)), a},
		{"zero value subtrahend", must(a.Sub(Money{})), a},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func must(m Money, err error) Money {
	if err != nil {
		panic(err)
	}
	return m
}

func TestPredicates(t *testing.T) {
	neg, zero, pos := MustMoney("-0.01", "CNY"), MustMoney("0.00", "CNY"), MustMoney("0.01", "CNY")
	got := [][3]bool{
		{neg.IsNegative(), zero.IsNegative(), pos.IsNegative()},
		{neg.IsZero(), zero.IsZero(), pos.IsZero()},
		{neg.IsPositive(), zero.IsPositive(), pos.IsPositive()},
	}
	want := [][3]bool{{true, false, false}, {false, true, false}, {false, false, true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("predicates (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([3]int{-1, 0, 1}, [3]int{neg.Sign(), zero.Sign(), pos.Sign()}); diff != "" {
		t.Errorf("Sign (-want +got):\n%s", diff)
	}
}

func TestEqualAndCmp(t *testing.T) {
	if !MustMoney("1.5", "CNY").Equal(MustMoney("1.50", "CNY")) {
		t.Error("1.5 CNY != 1.50 CNY")
	}
	if MustMoney("1.5", "CNY").Equal(MustMoney("1.5", "HKD")) {
		t.Error("1.5 CNY == 1.5 HKD")
	}
	c, err := MustMoney("2", "CNY").Cmp(MustMoney("10", "CNY"))
	if err != nil || c != -1 {
		t.Errorf("Cmp(2, 10) = %d, %v; want -1", c, err)
	}
	if _, err := MustMoney("2", "CNY").Cmp(MustMoney("2", "HKD")); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Cmp across currencies: %v", err)
	}
}

func TestCurrencyMismatch(t *testing.T) {
	cny, hkd := MustMoney("1", "CNY"), MustMoney("1", "HKD")
	ops := map[string]func() error{
		"add": func() error { _, err := cny.Add(hkd); return err },
		"sub": func() error { _, err := cny.Sub(hkd); return err },
		"sum": func() error { _, err := Sum(cny, cny, hkd); return err },
		// A non-zero amount without a currency is not a wildcard.
		"no currency": func() error { _, err := cny.Add(MoneyOf(decimal.NewFromInt(1), Currency{})); return err },
	}
	for name, op := range ops {
		err := op()
		var me *MismatchError
		if !errors.Is(err, ErrCurrencyMismatch) || !errors.As(err, &me) {
			t.Errorf("%s: error = %v, want *MismatchError wrapping ErrCurrencyMismatch", name, err)
		}
	}
	_, err := cny.Add(hkd)
	var me *MismatchError
	errors.As(err, &me)
	if diff := cmp.Diff([2]string{"CNY", "HKD"}, [2]string{me.A.Code(), me.B.Code()}); diff != "" {
		t.Errorf("MismatchError currencies (-want +got):\n%s", diff)
	}
}

func TestMinorUnits(t *testing.T) {
	tests := []struct {
		m    Money
		want int64
		err  error
	}{
		{MustMoney("12.34", "CNY"), 1234, nil},
		{MustMoney("-12.3", "CNY"), -1230, nil},
		{MustMoney("12.340000", "CNY"), 1234, nil},
		{MustMoney("1e3", "CNY"), 100000, nil},
		{MustMoney("1234", "JPY"), 1234, nil},
		{MustMoney("1.234", "KWD"), 1234, nil},
		{MustMoney("0", "CNY"), 0, nil},
		{MustMoney("0e900", "CNY"), 0, nil},
		{MustMoney("92233720368547758.07", "CNY"), math.MaxInt64, nil},
		{MustMoney("-92233720368547758.08", "CNY"), math.MinInt64, nil},
		{MustMoney("92233720368547758.08", "CNY"), 0, ErrOverflow},
		{MustMoney("1e30", "CNY"), 0, ErrOverflow},
		{MustMoney("12.345", "CNY"), 0, ErrInexact},
		{MustMoney("0.5", "JPY"), 0, ErrInexact},
	}
	for _, tt := range tests {
		got, err := tt.m.MinorUnits()
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("%v.MinorUnits() error = %v, want %v", tt.m, err, tt.err)
			continue
		}
		if got != tt.want {
			t.Errorf("%v.MinorUnits() = %d, want %d", tt.m, got, tt.want)
		}
	}
}

// Property: for any amounts a and b, (a + b) − b == a, and minor units round-trip through
// MoneyFromMinor.
func TestAddSubRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	currencies := []string{"CNY", "HKD", "MOP", "JPY", "KWD"}
	for range 10000 {
		c := MustCurrency(currencies[r.IntN(len(currencies))])
		a := MoneyFromMinor(r.Int64()>>r.IntN(63)*sign(r), c)
		b := MoneyOf(decimal.New(r.Int64N(1<<40)*sign(r), -int32(r.IntN(8))), c)
		sum, err := a.Add(b)
		if err != nil {
			t.Fatal(err)
		}
		back, err := sum.Sub(b)
		if err != nil {
			t.Fatal(err)
		}
		if !back.Equal(a) {
			t.Fatalf("(%v + %v) - %v = %v", a, b, b, back)
		}
		units, err := a.MinorUnits()
		if err != nil {
			t.Fatal(err)
		}
		if !MoneyFromMinor(units, c).Equal(a) {
			t.Fatalf("MoneyFromMinor(%v.MinorUnits()) = %v", a, MoneyFromMinor(units, c))
		}
	}
}

func sign(r *rand.Rand) int64 {
	if r.IntN(2) == 0 {
		return -1
	}
	return 1
}

func TestMoneyZeroValue(t *testing.T) {
	var m Money
	if !m.IsZero() || m.Sign() != 0 || m.String() != "0" || !m.Currency().IsZero() || !m.Amount().IsZero() {
		t.Errorf("zero Money: IsZero %v, Sign %d, String %q", m.IsZero(), m.Sign(), m.String())
	}
	if _, err := m.MinorUnits(); err != nil {
		t.Errorf("zero Money.MinorUnits: %v", err)
	}
}

func TestStringUsesMinorDigits(t *testing.T) {
	for _, tt := range []struct{ in, cur, want string }{
		{"5", "JPY", "5 JPY"}, {"5", "KWD", "5.000 KWD"}, {"-0.1", "CLF", "-0.1000 CLF"},
		{"1.23456789", "USD", "1.23456789 USD"}, {"100.1000", "USD", "100.10 USD"},
	} {
		if got := MustMoney(tt.in, tt.cur).String(); got != tt.want {
			t.Errorf("String(%s %s) = %q, want %q", tt.in, tt.cur, got, tt.want)
		}
	}
	if got := MoneyOf(decimal.New(5, 0), Currency{}).String(); got != strconv.Itoa(5) {
		t.Errorf("no-currency String = %q", got)
	}
}
