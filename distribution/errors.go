package distribution

import (
	"errors"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error this package returns wraps one of them (or a context error, or
// an assay error such as assay.ErrCurrencyMismatch).
var (
	// ErrInvalidInput reports an argument outside its domain: a negative weight, NaN,
	// slices of different lengths, an empty game, JSON that does not decode. It also matches
	// assay.ErrInvalidInput under errors.Is.
	ErrInvalidInput = errs.Sentinel("distribution: invalid input", assay.ErrInvalidInput)
	// ErrTooLarge reports a problem too large for the exact method requested (use sampling).
	ErrTooLarge = errors.New("distribution: too large for the exact method")
	// ErrInfeasible reports constraints that no allocation satisfies (floors above the total,
	// caps below it).
	ErrInfeasible = errors.New("distribution: infeasible")
	// ErrUndefined reports a measure that is not defined for the data given (Atkinson with
	// ε ≥ 1 on an income of zero, a share of negative incomes).
	ErrUndefined = errors.New("distribution: undefined")
	// ErrNumerical reports a computation defeated by floating-point rounding: a linear
	// program of LeastCore or Nucleolus that did not reach an optimum within its iteration
	// limit or whose basis became singular. It should not occur on games with finite worths;
	// please report the game.
	ErrNumerical = errors.New("distribution: numerical failure")
)

// InputError reports an invalid argument or field: its name, its value as text, and why.
// It wraps ErrInvalidInput.
type InputError struct {
	Field  string // the argument or field, e.g. "weights[3]"
	Value  string // the offending value as text
	Reason string // why it is invalid, e.g. "must not be negative"
}

func (e *InputError) Error() string {
	return fmt.Sprintf("distribution: %s must %s, got %s", e.Field, e.Reason, e.Value)
}

// Unwrap returns ErrInvalidInput.
func (e *InputError) Unwrap() error { return ErrInvalidInput }

// DecodeError reports JSON input that does not decode: too large, malformed, of the wrong
// shape, with an unknown field or with data after the value, or a value that a nested decoder
// refused. It wraps ErrInvalidInput, and Err when set.
type DecodeError struct {
	What   string // what was being decoded, e.g. "waterfall"
	Path   string // the offending field's path, e.g. "tiers[2].rate"; "" for the whole document or when unknown
	Reason string // what is wrong, e.g. `unknown field "rte"`
	Err    error  // the error of a nested decoder (a Money, a decimal), or nil
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("distribution: %s JSON: %s", e.What, e.Reason)
	}
	return fmt.Sprintf("distribution: %s JSON: %s: %s", e.What, e.Path, e.Reason)
}

// Unwrap returns ErrInvalidInput and, when set, Err.
func (e *DecodeError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidInput}
	}
	return []error{ErrInvalidInput, e.Err}
}
