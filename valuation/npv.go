package valuation

import (
	"fmt"
	"math"
	"time"

	"github.com/dataassay/assay/internal/civil"
)

// NPV returns the net present value of values received at the ends of periods 1, 2, …, n at
// rate per period, with Excel's NPV semantics (Microsoft support, "NPV function"):
//
//	NPV = Σᵢ values[i] / (1 + rate)^(i+1)
//
// The first value is discounted one full period: an outlay at time 0 belongs outside the sum
// (NPV(r, v[1:]) + v[0]). Negative rates are accepted, including rates below −1, as in Excel.
//
// Errors wrap ErrInvalidInput: no values, rate = −1 (a division by zero), a result that
// overflows float64, or any argument NaN or ±Inf.
func NPV(rate float64, values []float64) (float64, error) {
	if err := nonFiniteArg("rate", rate); err != nil {
		return 0, err
	}
	if err := cashFlowsError(values); err != nil {
		return 0, err
	}
	if rate == -1 {
		return 0, spreadsheetArgError("rate", rate, "not be -1")
	}
	// Horner's rule from the last value: fewer operations and less rounding than powers.
	d := 1 + rate
	var s float64
	for i := len(values) - 1; i >= 0; i-- {
		s = (s + values[i]) / d
	}
	return spreadsheetResult("NPV", s)
}

// XNPV returns the net present value of values paid on dates at the annual rate, with Excel's
// XNPV semantics (Microsoft support, "XNPV function"; ECMA-376 Part 1, §18.17.7.361):
//
//	XNPV = Σᵢ values[i] / (1 + rate)^((dᵢ − d₀)/365)
//
// Days are counted on the ACT/365 fixed basis between calendar dates: each date is truncated to
// its day in its own location (time of day and daylight saving play no part, unlike ports that
// divide hours by 24), and the first date is the origin. Later dates may precede the first;
// their exponent is negative. Office accepts such dates (as Microsoft's [MS-OI29500] implementer notes say);
// LibreOffice and excelize reject them, and older Microsoft help says #NUM!.
//
// Rates in (−1, 0] are accepted, as in Excel and LibreOffice; excelize rejects rates ≤ 0.
//
// Errors wrap ErrInvalidInput: no values, len(values) ≠ len(dates), rate ≤ −1 (a fractional
// power of a non-positive number), a result that overflows float64, or NaN or ±Inf.
func XNPV(rate float64, values []float64, dates []time.Time) (float64, error) {
	if err := nonFiniteArg("rate", rate); err != nil {
		return 0, err
	}
	if err := cashFlowsError(values); err != nil {
		return 0, err
	}
	if len(dates) != len(values) {
		return 0, datesLengthError(len(values), len(dates))
	}
	if rate <= -1 {
		return 0, spreadsheetArgError("rate", rate, "be greater than -1")
	}
	d0 := civil.Day(dates[0])
	lr := math.Log1p(rate)
	var s float64
	for i, v := range values {
		t := float64(civil.Day(dates[i])-d0) / 365
		s += v * math.Exp(-t*lr)
	}
	return spreadsheetResult("XNPV", s)
}

// cashFlowsError reports a cash-flow slice that is empty or holds NaN or ±Inf, or nil.
func cashFlowsError(values []float64) error {
	if len(values) == 0 {
		return &InputError{Field: "values", Value: "[]", Reason: "not be empty"}
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return spreadsheetArgError(fmt.Sprintf("values[%d]", i), v, "be a finite number")
		}
	}
	return nil
}

func datesLengthError(nv, nd int) error {
	return &InputError{Field: "dates", Value: fmt.Sprintf("%d dates", nd), Reason: fmt.Sprintf("have one date per value (%d values)", nv)}
}
