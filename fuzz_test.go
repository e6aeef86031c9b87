package assay

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// FuzzNewMoney: no input panics; an accepted amount re-encodes (text form) to the same value;
// a rejected one returns an error wrapping one of the package's sentinels.
func FuzzNewMoney(f *testing.F) {
	for _, s := range [][2]string{
		{"12.34", "CNY"}, {"-0.5", "HKD"}, {"1e1000", "MOP"}, {"1e-1000", "JPY"}, {"", "CNY"},
		{"1e1001", "CNY"}, {"0x1p3", "USD"}, {"9223372036854775808", "KRW"}, {"+.5e+3", "EUR"},
		{"1_000", "GBP"}, {"١٢", "SGD"}, {"12.34", "cny"}, {"-0.00", "CNY"}, {"123456789012345678", "CNY"},
		{"1234567890123456789", "CNY"}, {"0.000000000000000001e-982", "KWD"}, {"1.e5", "CNY"}, {"1e00003", "JPY"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", "CNY"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, amount, currency string) {
		m, err := NewMoney(amount, currency)
		if err != nil {
			if !errors.Is(err, ErrInvalidAmount) && !errors.Is(err, ErrInvalidCurrency) {
				t.Fatalf("NewMoney(%q, %q): error %v wraps no sentinel", amount, currency, err)
			}
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("NewMoney(%q, %q): error %q is not valid UTF-8", amount, currency, err)
			}
			return
		}
		// The compact parser reads the coefficient and exponent decimal's parser reads.
		if d, err := decimal.NewFromString(amount); err != nil || !sameDecimal(d, m.Amount()) {
			t.Fatalf("NewMoney(%q) = %s (exp %d); decimal.NewFromString: %s (exp %d), %v", amount, m.Amount(), m.Amount().Exponent(), d, d.Exponent(), err)
		}
		text, err := m.MarshalText()
		if err != nil {
			t.Fatalf("NewMoney(%q, %q) = %v, but MarshalText: %v", amount, currency, m, err)
		}
		var back Money
		if err := back.UnmarshalText(text); err != nil {
			t.Fatalf("text %q of %v does not decode: %v", text, m, err)
		}
		if !back.Equal(m) {
			t.Fatalf("round trip %v -> %q -> %v", m, text, back)
		}
		if r := m.Round(HalfEven); !r.IsRounded() {
			t.Fatalf("%v rounded is %v, not a whole number of minor units", m, r)
		}
	})
}
