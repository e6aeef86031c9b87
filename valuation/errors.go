package valuation

import (
	"errors"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error this package returns wraps one of them (or a context error).
var (
	// ErrInvalidInput reports an argument outside its domain: a non-positive life, a period
	// out of range, NaN or ±Inf, slices of different lengths, a weight below zero.
	// It matches assay.ErrInvalidInput under errors.Is too.
	ErrInvalidInput = errs.Sentinel("valuation: invalid input", assay.ErrInvalidInput)
	// ErrNoConvergence reports an iterative method (IRR, XIRR) that did not reach a root.
	ErrNoConvergence = errors.New("valuation: no convergence")
	// ErrNoSignChange reports cash flows without both a positive and a negative value, for
	// which no internal rate of return exists.
	ErrNoSignChange = errors.New("valuation: cash flows do not change sign")
)

// InputError reports an invalid argument or field: its name, its value as text, and why.
// It wraps ErrInvalidInput.
type InputError struct {
	Field  string // the argument or field, e.g. "life" or "comparables[2].quality"
	Value  string // the offending value as text
	Reason string // why it is invalid, e.g. "must be positive"
}

func (e *InputError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("valuation: %s must %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("valuation: %s must %s, got %s", e.Field, e.Reason, e.Value)
}

// Unwrap returns ErrInvalidInput.
func (e *InputError) Unwrap() error { return ErrInvalidInput }
