package valuation

import (
	"fmt"
	"math"
	"strconv"
)

// maxSpreadsheetPeriods bounds the number of periods DB and VDB iterate over. No
// depreciation table is longer (a 100-year life in days is 36,525 periods); the bound keeps an
// untrusted argument such as life = 1e300 from running for ever.
const maxSpreadsheetPeriods = 100_000

// formatSpreadsheetArg renders a float argument for an error message, shortest round-trip form.
func formatSpreadsheetArg(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// spreadsheetArgError returns an *InputError for argument name with value v.
func spreadsheetArgError(name string, v float64, reason string) error {
	return &InputError{Field: name, Value: formatSpreadsheetArg(v), Reason: reason}
}

// nonFiniteArg reports an argument that is NaN or ±Inf, or nil.
func nonFiniteArg(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return spreadsheetArgError(name, v, "be a finite number")
	}
	return nil
}

// spreadsheetResult turns a result that overflowed float64 (possible only for arguments near the
// float64 limits) into an error instead of returning ±Inf or NaN with a nil error.
func spreadsheetResult(fn string, v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%w: %s: result is not a finite float64 for these arguments", ErrInvalidInput, fn)
	}
	return v, nil
}
