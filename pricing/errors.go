package pricing

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error this package returns wraps one of them, an assay sentinel
// (assay.ErrCurrencyMismatch, assay.ErrOverflow) or a context error.
var (
	// ErrInvalidInput reports an argument or field outside its domain: overlapping or unsorted
	// tiers, a negative price, a fee over 100 %, a cap below its floor, an empty menu.
	// It matches assay.ErrInvalidInput under errors.Is too.
	ErrInvalidInput = errs.Sentinel("pricing: invalid input", assay.ErrInvalidInput)
	// ErrQuotaExceeded reports a request for more units than a prepaid balance or quota holds.
	ErrQuotaExceeded = errors.New("pricing: request exceeds the remaining balance")
	// ErrNoRate reports a quote in a currency for which the caller's rate table has no rate.
	ErrNoRate = errors.New("pricing: no exchange rate")
	// ErrNoDeal reports a bargaining problem without a feasible agreement: the buyer values the
	// good below the seller's reservation price.
	ErrNoDeal = errors.New("pricing: no deal")
	// ErrNoConvergence reports a root finder that did not converge (an optimal reserve).
	ErrNoConvergence = errors.New("pricing: no convergence")
)

// InputError reports an invalid argument or field: its name (which names the offending
// element, e.g. "tiers[2].upTo" or "items[\"table\"].price"), its value as text, and why.
// It wraps ErrInvalidInput.
type InputError struct {
	Field  string // the argument or field
	Value  string // the offending value as text (truncated to 64 bytes)
	Reason string // why it is invalid, e.g. "be positive"
}

func (e *InputError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("pricing: %s must %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("pricing: %s must %s, got %s", e.Field, e.Reason, e.Value)
}

// Unwrap returns ErrInvalidInput.
func (e *InputError) Unwrap() error { return ErrInvalidInput }

// QuotaError reports a request beyond a prepaid balance or a quota. It wraps ErrQuotaExceeded.
type QuotaError struct {
	Requested int64 // units requested
	Available int64 // units left
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("pricing: request for %d units exceeds the remaining balance of %d", e.Requested, e.Available)
}

// Unwrap returns ErrQuotaExceeded.
func (e *QuotaError) Unwrap() error { return ErrQuotaExceeded }

// RateError reports a conversion for which the rate table holds no rate. It wraps ErrNoRate.
type RateError struct {
	From, To assay.Currency
}

func (e *RateError) Error() string {
	return fmt.Sprintf("pricing: no exchange rate from %s to %s in the rate table", e.From, e.To)
}

// Unwrap returns ErrNoRate.
func (e *RateError) Unwrap() error { return ErrNoRate }

func inputErr(field, value, reason string) error {
	return &InputError{Field: field, Value: errs.Clip(value, 64), Reason: reason}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// overflowErr reports an amount whose minor units do not fit in int64.
func overflowErr(what string) error {
	return fmt.Errorf("pricing: %s: %w: amount beyond ±9.2e18 minor units", what, assay.ErrOverflow)
}
