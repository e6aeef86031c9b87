// Package jobs holds the library's main jobs as the assay command runs them — value,
// schedule, quote, arbitrage, verify, odrl, split, shapley, inequality, redistribute — each
// as a documented JSON (or CSV) input type, a decoder that names the offending field, a
// function from input to output, the output's JSON form, its tables and, for some, a chart.
// The example programs call the same functions, so a story and the command never disagree.
//
// Every Decode function reads untrusted input: sizes are capped, unknown fields and
// trailing data are rejected, and errors wrap assay.ErrInvalidInput (or the library's own
// typed errors) with one line naming the field, the value and what is allowed.
//
// The functions keep no state and are safe for concurrent use; inputs and outputs are plain
// values that they do not modify once returned. A chart function writes its file only once
// the image is complete.
package jobs

import (
	"errors"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
)

// ErrInvalidInput matches every input error of this package, and assay.ErrInvalidInput.
var ErrInvalidInput = errs.Sentinel("input", assay.ErrInvalidInput)

// MaxInputBytes caps every input document: 4 MiB, room for tens of thousands of incomes.
const MaxInputBytes = 4 << 20

// InputError reports a field of an input document that is missing or out of range.
type InputError struct {
	Field  string // the field's path, e.g. "weights[2]"
	Value  string // the value given, clipped
	Reason string // what is allowed
}

func (e *InputError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("input: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("input: %s = %s: %s", e.Field, errs.Clip(e.Value, 64), e.Reason)
}

func (e *InputError) Unwrap() error { return ErrInvalidInput }

func inputErr(field, value, reason string) error {
	return &InputError{Field: field, Value: value, Reason: reason}
}

// decode is jsonin.Decode with this package's cap, its errors wrapped as input errors.
func decode(data []byte, v any) error {
	if err := jsonin.Decode(data, v, MaxInputBytes); err != nil {
		if je, ok := err.(*jsonin.Error); ok {
			field := je.Path
			if field == "" {
				field = "document"
			}
			return &InputError{Field: field, Reason: je.Reason}
		}
		var ne *jsonin.NestedError
		if errors.As(err, &ne) {
			return fmt.Errorf("input: %s: %w", ne.Path, ne.Err)
		}
		return fmt.Errorf("input: %w", err)
	}
	return nil
}
