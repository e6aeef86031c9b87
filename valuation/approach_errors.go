package valuation

import (
	"errors"
	"fmt"
)

// Sentinel errors of the appraisal approaches (cost, income, market), reconciliation and the
// Monte Carlo run. Each is wrapped by a typed error that names the offending field or value.
var (
	// ErrTooFewComparables reports a market approach with fewer usable comparable
	// transactions than the configured minimum. It is wrapped by *ComparablesError.
	ErrTooFewComparables = errors.New("valuation: too few comparables")
	// ErrFactorOutOfBand reports a market correction factor outside the configured sanity
	// band (0.5–2.0 by default): an appraiser must justify such an adjustment and widen the
	// band explicitly. It is wrapped by *FactorError.
	ErrFactorOutOfBand = errors.New("valuation: correction factor outside sanity band")
	// ErrTrialFailed reports a Monte Carlo trial whose model returned an error. It is wrapped
	// by *TrialError.
	ErrTrialFailed = errors.New("valuation: Monte Carlo trial failed")
)

// ComparablesError reports that fewer than Min comparables remain once excluded ones are set
// aside. It wraps ErrTooFewComparables.
type ComparablesError struct {
	Remaining int // comparables that remain
	Min       int // the configured minimum
}

func (e *ComparablesError) Error() string {
	return fmt.Sprintf("valuation: market approach needs at least %d comparables, %d remain", e.Min, e.Remaining)
}

// Unwrap returns ErrTooFewComparables.
func (e *ComparablesError) Unwrap() error { return ErrTooFewComparables }

// FactorError reports a correction factor of one comparable outside the sanity band
// [Low, High]. It wraps ErrFactorOutOfBand.
type FactorError struct {
	Field     string  // e.g. "comparables[2].quality"
	Value     float64 // the factor
	Low, High float64 // the band
}

func (e *FactorError) Error() string {
	return fmt.Sprintf("valuation: %s factor %g is outside the sanity band [%g, %g]", e.Field, e.Value, e.Low, e.High)
}

// Unwrap returns ErrFactorOutOfBand.
func (e *FactorError) Unwrap() error { return ErrFactorOutOfBand }

// TrialError reports the first Monte Carlo trial (lowest index) whose model failed, with the
// draw that made it fail. It wraps ErrTrialFailed and the model's error, so errors.Is works
// for both.
type TrialError struct {
	Trial int       // zero-based trial index
	Draw  []float64 // the variables' values in that trial, in the order of the variables
	Err   error     // the model's error
}

func (e *TrialError) Error() string {
	return fmt.Sprintf("valuation: Monte Carlo trial %d failed at %v: %v", e.Trial, e.Draw, e.Err)
}

// Unwrap returns ErrTrialFailed and the model's error.
func (e *TrialError) Unwrap() []error { return []error{ErrTrialFailed, e.Err} }
