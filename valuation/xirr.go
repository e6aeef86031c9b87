package valuation

import (
	"math"
	"time"

	"github.com/dataassay/assay/internal/civil"
)

// XIRR returns the internal rate of return of values paid on dates, the annual rate r at
// which XNPV(r, values, dates) = 0, with Excel's XIRR semantics (Microsoft support, "XIRR
// function"): ACT/365 fixed, dates truncated to days, the first date the origin, later dates
// allowed to precede it (see XNPV). guess is where the search starts; Excel's default is 0.1
// (excelize defaults to 0, which finds other roots on some flows).
//
// The search is Newton's method from guess, then, where it fails, a bracket around the guess
// and OpenOffice's rescan grid −0.99, −0.98, … 10 refined by Brent's method, so XIRR returns a
// rate wherever one exists in (−1, 10] (and often beyond), and never returns the guess or NaN
// on failure, the two faults most often reported against XIRR ports. Results are accurate to
// about 1e-13 relative; Excel stops at 1e-8 ("0.000001 percent") and its result moves by about
// 1e-8 with the guess.
//
// XIRR does not allocate for up to 64 flows.
//
// Errors: ErrNoSignChange unless values hold a positive and a negative number; ErrNoConvergence
// if no rate is found; ErrInvalidInput for len(values) ≠ len(dates), an empty slice, or an
// argument NaN or ±Inf.
func XIRR(values []float64, dates []time.Time, guess float64) (float64, error) {
	if err := cashFlowsError(values); err != nil {
		return 0, err
	}
	if len(dates) != len(values) {
		return 0, datesLengthError(len(values), len(dates))
	}
	if err := nonFiniteArg("guess", guess); err != nil {
		return 0, err
	}
	if !hasSignChange(values) {
		return 0, signChangeError("XIRR")
	}
	var buf [64]float64
	years := buf[:0]
	if len(dates) > len(buf) {
		years = make([]float64, 0, len(dates))
	}
	d0 := civil.Day(dates[0])
	for _, d := range dates {
		years = append(years, float64(civil.Day(d)-d0)/365)
	}
	flows := datedFlows{values: values, years: years}
	return solveRate("XIRR", flows.at, guess)
}

// datedFlows is XNPV as a function of the rate: Σ vᵢ (1+r)^(−tᵢ), with its derivative
// Σ −tᵢ vᵢ (1+r)^(−tᵢ−1). One logarithm per evaluation and one exponential per flow.
type datedFlows struct {
	values, years []float64
}

func (c datedFlows) at(r float64) (v, dv float64) {
	lr := math.Log1p(r)
	for i, cf := range c.values {
		t := c.years[i]
		e := cf * math.Exp(-t*lr)
		v += e
		dv -= t * e
	}
	return v, dv / (1 + r)
}
