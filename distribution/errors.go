package distribution

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error this package returns wraps one of them (or a context error, or
// an assay error such as assay.ErrCurrencyMismatch).
var (
	// ErrInvalidInput reports an argument outside its domain: a negative weight, NaN,
	// slices of different lengths, an empty game.
	ErrInvalidInput = errors.New("distribution: invalid input")
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
