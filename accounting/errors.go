package accounting

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every input error of this package matches ErrInvalidInput, which also
// matches assay.ErrInvalidInput; the two rules the standards forbid outright have their own
// sentinels, which match ErrInvalidInput too.
var (
	// ErrInvalidInput reports a field outside its domain: a negative cost, dates out of
	// order, an unknown route, a missing useful life.
	ErrInvalidInput = errs.Sentinel("accounting: invalid input", assay.ErrInvalidInput)
	// ErrImpairmentReversal reports an attempt to reverse an impairment loss of an
	// intangible asset, which CAS 8 art. 17 forbids (资产减值损失一经确认，在以后会计期间不得转回).
	ErrImpairmentReversal = errs.Sentinel("accounting: impairment losses of intangible assets may not be reversed (CAS 8 art. 17)", ErrInvalidInput)
	// ErrWriteDownAboveCost reports an inventory write-down that would take the allowance
	// above the item's cost (CAS 1 art. 15 writes inventory down to net realisable value, and
	// a carrying amount cannot fall below zero), or a reversal larger than the allowance
	// (CAS 1 art. 19 reverses only within the allowance made).
	ErrWriteDownAboveCost = errs.Sentinel("accounting: inventory write-down outside 0..cost", ErrInvalidInput)
)

// InputError reports an invalid field of a Book: its path (e.g. "resources[1].events[0].date"),
// its value as text, and what is allowed. It matches ErrInvalidInput, and Err when set.
type InputError struct {
	Field  string // path of the field
	Value  string // the offending value, clipped
	Reason string // what the field must be, e.g. "be on or after 2024-06-30"
	Err    error  // a more specific sentinel, or nil
}

func (e *InputError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("accounting: %s must %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("accounting: %s must %s, got %s", e.Field, e.Reason, e.Value)
}

// Unwrap returns ErrInvalidInput and Err, when set.
func (e *InputError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalidInput, e.Err}
	}
	return []error{ErrInvalidInput}
}

// maxText bounds every free-text field, in bytes.
const maxText = 2000

func inputError(field string, value any, reason string) *InputError {
	return &InputError{Field: field, Value: errs.Clip(fmt.Sprint(value), 80), Reason: reason}
}
