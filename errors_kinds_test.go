package assay

import (
	"errors"
	"testing"
)

// TestErrors_BadInputMatchesErrInvalidInput: an unknown currency and a malformed amount are
// invalid input, like every package's input errors, and keep their own sentinels.
func TestErrors_BadInputMatchesErrInvalidInput(t *testing.T) {
	_, err := NewMoney("12.34", "QQQ")
	if !errors.Is(err, ErrInvalidCurrency) || !errors.Is(err, ErrInvalidInput) {
		t.Errorf("unknown currency: %v, want ErrInvalidCurrency and ErrInvalidInput", err)
	}
	_, err = NewMoney("twelve", "CNY")
	if !errors.Is(err, ErrInvalidAmount) || !errors.Is(err, ErrInvalidInput) {
		t.Errorf("malformed amount: %v, want ErrInvalidAmount and ErrInvalidInput", err)
	}
	if errors.Is(ErrInvalidInput, ErrInvalidAmount) || errors.Is(ErrCurrencyMismatch, ErrInvalidInput) {
		t.Error("the sentinels match in the wrong direction")
	}
}
