package valuation

import (
	"errors"
	"math"
	"testing"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

func nanValue() float64 { return math.NaN() }

// assertInputError checks that err is an *InputError naming field.
func assertInputError(t *testing.T, err error, field string) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *InputError for %s", err, field)
	}
	if ie.Field != field {
		t.Errorf("InputError.Field = %q, want %q (%v)", ie.Field, field, err)
	}
	if !errors.Is(err, ErrInvalidInput) {
		t.Errorf("err does not wrap ErrInvalidInput")
	}
}

func cny(s string) assay.Money { return assay.MustMoney(s, "CNY") }

// minorUnit returns one minor unit of the result's currency, as a decimal.
func minorUnit(r MarketResult) decimal.Decimal {
	return decimal.New(1, -int32(r.Value.Currency().Digits()))
}
