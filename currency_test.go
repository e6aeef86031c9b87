package assay

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCurrency(t *testing.T) {
	// Minor-unit digits from ISO 4217 list one (the "Minor unit" column).
	tests := []struct {
		code   string
		digits int
	}{
		{"CNY", 2}, {"HKD", 2}, {"MOP", 2}, {"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"SGD", 2},
		{"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"BHD", 3}, {"CLF", 4}, {"TWD", 2}, {"VND", 0},
	}
	for _, tt := range tests {
		c, err := ParseCurrency(tt.code)
		if err != nil {
			t.Fatalf("ParseCurrency(%q): %v", tt.code, err)
		}
		if diff := cmp.Diff([2]any{tt.code, tt.digits}, [2]any{c.Code(), c.Digits()}); diff != "" {
			t.Errorf("ParseCurrency(%q) code, digits (-want +got):\n%s", tt.code, diff)
		}
	}
}

func TestParseCurrencyRejects(t *testing.T) {
	tests := []struct {
		code      string
		malformed bool
	}{
		{"", true}, {"cny", true}, {"CN", true}, {"CNYY", true}, {"C1Y", true}, {" CNY", true},
		{"XXX", false}, // "no currency" code: has no minor unit, not accepted
		{"XAU", false}, // gold: no minor unit
		{"RMB", false}, // colloquial, not ISO 4217
		{"ABC", false},
	}
	for _, tt := range tests {
		_, err := ParseCurrency(tt.code)
		var ce *CurrencyError
		if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidCurrency) {
			t.Errorf("ParseCurrency(%q) error = %v, want *CurrencyError wrapping ErrInvalidCurrency", tt.code, err)
			continue
		}
		if ce.Malformed != tt.malformed {
			t.Errorf("ParseCurrency(%q): Malformed = %v, want %v", tt.code, ce.Malformed, tt.malformed)
		}
	}
}

func TestCurrencyTableSorted(t *testing.T) {
	// ParseCurrency binary-searches the table; every entry must be found by its own code.
	for i, ci := range currencyTable {
		if i > 0 && currencyTable[i-1].code >= ci.code {
			t.Fatalf("table not strictly sorted at %d: %s after %s", i, ci.code, currencyTable[i-1].code)
		}
		c, err := ParseCurrency(ci.code)
		if err != nil || c.Code() != ci.code {
			t.Fatalf("ParseCurrency(%q) = %v, %v", ci.code, c, err)
		}
	}
}

func TestCurrencyZeroValueAndText(t *testing.T) {
	var zero Currency
	if zero.Code() != "" || zero.Digits() != 0 || !zero.IsZero() || zero.String() != "(no currency)" {
		t.Errorf("zero Currency = %q, %d, %v, %q", zero.Code(), zero.Digits(), zero.IsZero(), zero.String())
	}
	var c Currency
	if err := c.UnmarshalText([]byte("HKD")); err != nil {
		t.Fatal(err)
	}
	text, _ := c.MarshalText()
	if diff := cmp.Diff("HKD", string(text)); diff != "" {
		t.Errorf("text round trip (-want +got):\n%s", diff)
	}
	if err := c.UnmarshalText([]byte("hkd")); !errors.Is(err, ErrInvalidCurrency) {
		t.Errorf("UnmarshalText(hkd) = %v, want ErrInvalidCurrency", err)
	}
}
