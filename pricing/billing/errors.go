package billing

import (
	"errors"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error of this package wraps one of them, an assay sentinel or a
// pricing error.
var (
	// ErrInvalidInput reports a record, offer, coupon, credit or refund outside its domain. It
	// matches assay.ErrInvalidInput under errors.Is too.
	ErrInvalidInput = errs.Sentinel("billing: invalid input", assay.ErrInvalidInput)
	// ErrInsufficientCredit reports a wallet that cannot cover a debit and allows no (or too
	// little) overdraft.
	ErrInsufficientCredit = errors.New("billing: insufficient credit")
	// ErrOutOfOrder reports an operation dated before one already recorded.
	ErrOutOfOrder = errors.New("billing: out of order")
)

// InputError reports an invalid record or field: which record (a record, offer, coupon,
// credit or invoice ID, when there is one), which field, the value as text and why. It wraps
// ErrInvalidInput, or ErrOutOfOrder for a date before one already recorded.
type InputError struct {
	Record string // e.g. `record "evt-17"`, `offer "private-hk"`; "" when not about one record
	Field  string // e.g. "quantity"
	Value  string // the offending value as text (clipped)
	Reason string // completes "must …"
	Err    error  // ErrInvalidInput or ErrOutOfOrder; nil means ErrInvalidInput
}

func (e *InputError) Error() string {
	where := e.Field
	if e.Record != "" {
		where = e.Record + ": " + e.Field
	}
	if e.Value == "" {
		return fmt.Sprintf("billing: %s must %s", where, e.Reason)
	}
	return fmt.Sprintf("billing: %s must %s, got %s", where, e.Reason, e.Value)
}

// Unwrap returns ErrInvalidInput or ErrOutOfOrder.
func (e *InputError) Unwrap() error {
	if e.Err == nil {
		return ErrInvalidInput
	}
	return e.Err
}

func inputErr(record, field, value, reason string) error {
	return &InputError{Record: record, Field: field, Value: errs.Clip(value, 64), Reason: reason}
}

func orderErr(record, field, value, reason string) error {
	return &InputError{Record: record, Field: field, Value: errs.Clip(value, 64), Reason: reason, Err: ErrOutOfOrder}
}

// CreditError reports a debit that the wallet cannot cover. It wraps ErrInsufficientCredit.
type CreditError struct {
	Debit     assay.Money // what was asked
	Available assay.Money // balance plus the overdraft left
}

func (e *CreditError) Error() string {
	return fmt.Sprintf("billing: debit of %v exceeds the available credit of %v", e.Debit, e.Available)
}

// Unwrap returns ErrInsufficientCredit.
func (e *CreditError) Unwrap() error { return ErrInsufficientCredit }

func quoted(kind, id string) string { return kind + " " + fmt.Sprintf("%q", errs.Clip(id, 64)) }
