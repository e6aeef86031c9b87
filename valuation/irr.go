package valuation

import "math"

// IRR returns the internal rate of return of values received at the ends of equal periods, the
// rate r at which Σᵢ values[i]/(1 + r)^i = 0 (the first value is at time 0), with Excel's IRR
// semantics (Microsoft support, "IRR function"). guess is where the search starts; Excel's
// default is 0.1.
//
// The search is Newton's method from guess, as Excel's is, so that when the flows change sign
// more than once and several rates solve the equation, IRR returns the one Newton reaches from
// the guess — the one Excel returns in the usual case. Where Newton fails (Excel's #NUM!), IRR does not give up: it brackets a root around
// the guess, then scans the rates −0.99, −0.98, … 10 as OpenOffice's XIRR does, and refines
// with Brent's method. The result is accurate to about 1e-13 relative; Excel stops at 1e-7
// ("0.00001 percent"), so results agree to that tolerance. (excelize searches by bracket
// expansion and bisection instead, and its results depend on the guess by about 1e-9.)
//
// Errors: ErrNoSignChange unless values hold at least one positive and one negative number;
// ErrNoConvergence if no rate in (−1, 10] is found; ErrInvalidInput for an empty slice or an
// argument NaN or ±Inf.
func IRR(values []float64, guess float64) (float64, error) {
	if err := cashFlowsError(values); err != nil {
		return 0, err
	}
	if err := nonFiniteArg("guess", guess); err != nil {
		return 0, err
	}
	if !hasSignChange(values) {
		return 0, signChangeError("IRR")
	}
	return solveRate("IRR", periodicFlows(values).at, guess)
}

// periodicFlows is the NPV Σ vᵢ xⁱ with x = 1/(1+r), evaluated by Horner's rule with its
// derivative: d/dr = P′(x) · (−x²).
type periodicFlows []float64

func (c periodicFlows) at(r float64) (v, dv float64) {
	x := 1 / (1 + r)
	var p, dp float64
	for i := len(c) - 1; i >= 0; i-- {
		dp = dp*x + p
		p = p*x + c[i]
	}
	return p, -dp * x * x
}

// MIRR returns the modified internal rate of return of values received at the ends of equal
// periods, with Excel's MIRR semantics (Microsoft support, "MIRR function"): negative flows are
// discounted to time 0 at financeRate, positive flows compounded to the end at reinvestRate,
// and
//
//	MIRR = (FV(positives, reinvestRate) / −PV(negatives, financeRate))^(1/(n−1)) − 1
//
// with n = len(values); zeros count in n. This is Microsoft's formula
// (−NPV(rr, positives)·(1+rr)ⁿ / (NPV(fr, negatives)·(1+fr)))^(1/(n−1)) − 1 rearranged.
//
// Rates below −1 are accepted, as Excel accepts them (its results for rates of −1.5 and −2
// are among the Excel 2010 results this package is tested against); a rate of exactly −1
// divides by zero in Microsoft's formula and is an error.
//
// Errors: ErrNoSignChange unless values hold a positive and a negative number (Excel's
// #DIV/0!); ErrInvalidInput for financeRate or reinvestRate = −1, an empty slice, a result
// that is not a real number (a negative ratio under a fractional root, Excel's #NUM!) or
// overflows, or an argument NaN or ±Inf.
func MIRR(values []float64, financeRate, reinvestRate float64) (float64, error) {
	if err := cashFlowsError(values); err != nil {
		return 0, err
	}
	for _, a := range [...]struct {
		name string
		v    float64
	}{{"financeRate", financeRate}, {"reinvestRate", reinvestRate}} {
		if err := nonFiniteArg(a.name, a.v); err != nil {
			return 0, err
		}
		if a.v == -1 {
			return 0, spreadsheetArgError(a.name, a.v, "not be -1")
		}
	}
	if !hasSignChange(values) {
		return 0, signChangeError("MIRR")
	}
	n := len(values)
	var fv, pv float64
	for i, v := range values {
		if v > 0 {
			fv += v * math.Pow(1+reinvestRate, float64(n-1-i))
		} else {
			pv += v / math.Pow(1+financeRate, float64(i))
		}
	}
	return spreadsheetResult("MIRR", math.Pow(fv/-pv, 1/float64(n-1))-1)
}
