package assay

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error this package returns wraps one of them, so callers can test
// with errors.Is without parsing messages. ErrInvalidCurrency and ErrInvalidAmount are kinds
// of invalid input: they match ErrInvalidInput too, as every package's input errors do, so a
// service can map all bad input of the module with one errors.Is(err, assay.ErrInvalidInput).
var (
	// ErrCurrencyMismatch reports arithmetic or a comparison between two currencies.
	ErrCurrencyMismatch = errors.New("assay: currency mismatch")
	// ErrInvalidCurrency reports a currency code that is malformed or not in ISO 4217.
	ErrInvalidCurrency = errs.Sentinel("assay: invalid currency", ErrInvalidInput)
	// ErrInvalidAmount reports an amount that is not a finite decimal number within bounds.
	ErrInvalidAmount = errs.Sentinel("assay: invalid amount", ErrInvalidInput)
	// ErrOverflow reports a result that does not fit the requested representation.
	ErrOverflow = errors.New("assay: overflow")
	// ErrInexact reports an amount that is not a whole number of minor units.
	ErrInexact = errors.New("assay: inexact amount")
	// ErrInvalidInput reports any other invalid field of an input value.
	ErrInvalidInput = errors.New("assay: invalid input")
)

// CurrencyError reports a currency code that ParseCurrency rejected.
type CurrencyError struct {
	Code      string // the code as given (truncated to 16 bytes)
	Malformed bool   // true if the code is not three upper-case ASCII letters
}

func (e *CurrencyError) Error() string {
	if e.Malformed {
		return fmt.Sprintf("assay: currency code %q is malformed: want three upper-case letters (ISO 4217)", e.Code)
	}
	return fmt.Sprintf("assay: currency code %q is not an ISO 4217 currency", e.Code)
}

// Unwrap returns ErrInvalidCurrency.
func (e *CurrencyError) Unwrap() error { return ErrInvalidCurrency }

// MismatchError reports an operation on two amounts of different currencies.
// It satisfies errors.Is(err, ErrCurrencyMismatch).
type MismatchError struct {
	Op   string   // the operation, e.g. "add"
	A, B Currency // the two currencies, in operand order
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("assay: %s: currency mismatch: %s and %s", e.Op, codeOrNone(e.A), codeOrNone(e.B))
}

// Unwrap returns ErrCurrencyMismatch.
func (e *MismatchError) Unwrap() error { return ErrCurrencyMismatch }

func codeOrNone(c Currency) string {
	if c.IsZero() {
		return "(no currency)"
	}
	return c.Code()
}

// FieldError reports an invalid field of an input: which field, the offending value as text
// (truncated to 64 bytes), and the reason, which wraps one of the sentinel errors.
type FieldError struct {
	Field string
	Value string
	Err   error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("assay: %s %q: %s", e.Field, e.Value, strings.TrimPrefix(e.Err.Error(), "assay: "))
}

// Unwrap returns the reason.
func (e *FieldError) Unwrap() error { return e.Err }

// clip shortens untrusted text before it is copied into an error message, never cutting a
// UTF-8 sequence (internal/errs).
func clip(s string, n int) string { return errs.Clip(s, n) }

// reason is a sentinel error with a more precise message: it prints the message and unwraps
// to the sentinel.
type reason struct {
	sentinel error
	msg      string
}

func (r *reason) Error() string { return r.msg }
func (r *reason) Unwrap() error { return r.sentinel }

func fmtErr(sentinel error, msg string) error { return &reason{sentinel: sentinel, msg: msg} }
