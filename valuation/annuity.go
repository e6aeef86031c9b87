package valuation

import (
	"math"
)

// The annuity functions PMT, IPMT, PPMT, PV, FV, NPER and RATE solve the time-value-of-money
// equation the spreadsheets share (OASIS OpenDocument 1.2 Part 2, OpenFormula, §6.12 "Financial
// functions", PV and FV; Microsoft support, "PV function"):
//
//	pv·(1+rate)^nper + pmt·(1 + rate·type)·((1+rate)^nper − 1)/rate + fv = 0   (rate ≠ 0)
//	pv + pmt·nper + fv = 0                                                      (rate = 0)
//
// with type = 1 when payments fall at the start of each period (due = true, an annuity due)
// and 0 at the end (an ordinary annuity). Signs follow cash: money paid out is negative, money
// received positive, so a loan's pv and its payments have opposite signs. Excel 2010 and
// LibreOffice compute the same formulas; where Excel shows #NUM! or #DIV/0! these functions
// return an *InputError naming the argument (or ErrNoConvergence from RATE), never NaN or ±Inf.

// annuityType is the spreadsheets' type argument: 1 for payments at the start of each period.
func annuityType(due bool) float64 {
	if due {
		return 1
	}
	return 0
}

// growth returns (1+rate)^nper and ((1+rate)^nper − 1)/rate, the latter by expm1 and log1p so
// that it stays accurate for rates near zero (where it tends to nper). For rate ≤ −1 it falls
// back to math.Pow, which is defined for whole nper only; callers check the results.
func growth(rate, nper float64) (g, annuity float64) {
	if rate == 0 {
		return 1, nper
	}
	if rate > -1 {
		l := nper * math.Log1p(rate)
		return math.Exp(l), math.Expm1(l) / rate
	}
	g = math.Pow(1+rate, nper)
	return g, (g - 1) / rate
}

// checkFinite returns an *InputError for the first argument that is NaN or ±Inf.
func checkFinite(names []string, values ...float64) error {
	for i, v := range values {
		if err := nonFiniteArg(names[i], v); err != nil {
			return err
		}
	}
	return nil
}

// annuityResult turns a result that is not a finite number (the spreadsheets' #NUM! or
// #DIV/0!) into an *InputError on field, the argument that made it so.
func annuityResult(fn, field string, arg, v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, spreadsheetArgError(field, arg, "give "+fn+" a finite result (the spreadsheets' #NUM!)")
	}
	return v, nil
}

// FV returns the future value after nper periods of an investment or loan with present value
// pv and a constant payment pmt each period at interest rate per period, with Excel's FV
// semantics (Microsoft support, "FV function"; OpenFormula §6.12.20):
//
//	FV = −(pv·(1+rate)^nper + pmt·(1 + rate·type)·((1+rate)^nper − 1)/rate),  or −(pv + pmt·nper) at rate 0.
//
// due = true is the spreadsheets' type 1 (payments at the start of each period). Errors: an
// *InputError (ErrInvalidInput) for an argument NaN or ±Inf, or arguments whose result is not
// a finite number (e.g. a rate ≤ −1 with fractional nper).
func FV(rate, nper, pmt, pv float64, due bool) (float64, error) {
	if err := checkFinite([]string{"rate", "nper", "pmt", "pv"}, rate, nper, pmt, pv); err != nil {
		return 0, err
	}
	g, a := growth(rate, nper)
	return annuityResult("FV", "rate", rate, -(pv*g + pmt*(1+rate*annuityType(due))*a))
}

// PV returns the present value of nper constant payments pmt at interest rate per period
// plus a final amount fv, with Excel's PV semantics (Microsoft support, "PV function";
// OpenFormula §6.12.41):
//
//	PV = −(fv + pmt·(1 + rate·type)·((1+rate)^nper − 1)/rate) / (1+rate)^nper,  or −(fv + pmt·nper) at rate 0.
//
// Errors: an *InputError for an argument NaN or ±Inf, or for rate = −1 (Excel's #DIV/0!) and
// other arguments whose result is not finite.
func PV(rate, nper, pmt, fv float64, due bool) (float64, error) {
	if err := checkFinite([]string{"rate", "nper", "pmt", "fv"}, rate, nper, pmt, fv); err != nil {
		return 0, err
	}
	g, a := growth(rate, nper)
	if g == 0 {
		return 0, spreadsheetArgError("rate", rate, "not make (1+rate)^nper zero (the spreadsheets' #DIV/0!)")
	}
	return annuityResult("PV", "rate", rate, -(fv+pmt*(1+rate*annuityType(due))*a)/g)
}

// PMT returns the constant payment per period that pays off pv (and leaves fv) over nper
// periods at interest rate per period, with Excel's PMT semantics (Microsoft support, "PMT
// function"; OpenFormula §6.12.36):
//
//	PMT = −(fv + pv·(1+rate)^nper)·rate / ((1 + rate·type)·((1+rate)^nper − 1)),  or −(pv + fv)/nper at rate 0.
//
// Errors: an *InputError for nper = 0 (Excel's #NUM!), an argument NaN or ±Inf, or arguments
// whose result is not finite (rate = −1 with due).
func PMT(rate, nper, pv, fv float64, due bool) (float64, error) {
	if err := checkFinite([]string{"rate", "nper", "pv", "fv"}, rate, nper, pv, fv); err != nil {
		return 0, err
	}
	if nper == 0 {
		return 0, spreadsheetArgError("nper", nper, "not be zero")
	}
	return annuityResult("PMT", "rate", rate, pmt(rate, nper, pv, fv, due))
}

// pmt is PMT without the argument checks.
func pmt(rate, nper, pv, fv float64, due bool) float64 {
	g, a := growth(rate, nper)
	return -(fv + pv*g) / ((1 + rate*annuityType(due)) * a)
}

// IPMT returns the interest part of the payment in period per (1 ≤ per ≤ nper) of an annuity
// with Excel's IPMT semantics (Microsoft support, "IPMT function"), computed as LibreOffice's
// ScGetIpmt does: the interest on the balance at the start of the period,
//
//	IPMT = rate · FV(rate, per−1, PMT, pv, 0)                 (payments at the end)
//	IPMT = rate · (FV(rate, per−2, PMT, pv, 1) − PMT)         (payments at the start, per > 1)
//
// and, in the first period, −pv·rate for payments at the end and 0 for payments at the start
// (the first payment is made before any interest accrues). PPMT is PMT − IPMT.
//
// Errors: an *InputError for per outside [1, nper] or nper = 0 (Excel's #NUM!), an argument
// NaN or ±Inf, or a result that is not finite.
func IPMT(rate, per, nper, pv, fv float64, due bool) (float64, error) {
	p, err := paymentPeriod(rate, per, nper, pv, fv)
	if err != nil {
		return 0, err
	}
	return annuityResult("IPMT", "rate", rate, ipmt(rate, p, nper, pv, fv, due))
}

// PPMT returns the principal part of the payment in period per (1 ≤ per ≤ nper) of an
// annuity, PMT − IPMT, with Excel's PPMT semantics (Microsoft support, "PPMT function").
// Errors as IPMT.
func PPMT(rate, per, nper, pv, fv float64, due bool) (float64, error) {
	p, err := paymentPeriod(rate, per, nper, pv, fv)
	if err != nil {
		return 0, err
	}
	return annuityResult("PPMT", "rate", rate, pmt(rate, nper, pv, fv, due)-ipmt(rate, p, nper, pv, fv, due))
}

// paymentPeriod checks the arguments of IPMT and PPMT and returns per.
func paymentPeriod(rate, per, nper, pv, fv float64) (float64, error) {
	if err := checkFinite([]string{"rate", "per", "nper", "pv", "fv"}, rate, per, nper, pv, fv); err != nil {
		return 0, err
	}
	if nper == 0 {
		return 0, spreadsheetArgError("nper", nper, "not be zero")
	}
	if per < 1 || per > nper {
		return 0, spreadsheetArgError("per", per, "be between 1 and nper ("+formatSpreadsheetArg(nper)+")")
	}
	return per, nil
}

func ipmt(rate, per, nper, pv, fv float64, due bool) float64 {
	p := pmt(rate, nper, pv, fv, due)
	var balance float64 // the balance on which the period's interest accrues, negated
	switch {
	case per == 1 && due:
		return 0
	case per == 1:
		balance = -pv
	case due:
		g, a := growth(rate, per-2)
		balance = -(pv*g + p*(1+rate)*a) - p
	default:
		g, a := growth(rate, per-1)
		balance = -(pv*g + p*a)
	}
	return balance * rate
}

// NPER returns the number of periods in which constant payments pmt at interest rate per
// period turn pv into fv, with Excel's NPER semantics (Microsoft support, "NPER function";
// OpenFormula §6.12.29):
//
//	NPER = ln((pmt·(1 + rate·type) − fv·rate) / (pmt·(1 + rate·type) + pv·rate)) / ln(1 + rate),
//	or −(pv + fv)/pmt at rate 0.
//
// The result may be fractional or negative, as the spreadsheets' is. Errors: an *InputError
// naming pmt when rate and pmt are both zero, naming rate when rate ≤ −1, and naming fv when
// the logarithm's argument is not positive (no number of periods reaches fv, Excel's #NUM!);
// also for an argument NaN or ±Inf.
func NPER(rate, pmt, pv, fv float64, due bool) (float64, error) {
	if err := checkFinite([]string{"rate", "pmt", "pv", "fv"}, rate, pmt, pv, fv); err != nil {
		return 0, err
	}
	if rate == 0 {
		if pmt == 0 {
			return 0, spreadsheetArgError("pmt", pmt, "not be zero when rate is zero")
		}
		return annuityResult("NPER", "pmt", pmt, -(pv+fv)/pmt)
	}
	if rate <= -1 {
		return 0, spreadsheetArgError("rate", rate, "be greater than -1")
	}
	k := pmt * (1 + rate*annuityType(due))
	num, den := k-fv*rate, k+pv*rate
	if den == 0 || num/den <= 0 {
		return 0, spreadsheetArgError("fv", fv, "be reachable from pv with these payments and rate")
	}
	return annuityResult("NPER", "fv", fv, math.Log(num/den)/math.Log1p(rate))
}

// RATE returns the interest rate per period at which nper constant payments pmt turn pv into
// fv, with Excel's RATE semantics (Microsoft support, "RATE function"; OpenFormula §6.12.40):
// the root r > −1 of
//
//	pv·(1+r)^nper + pmt·(1 + r·type)·((1+r)^nper − 1)/r + fv = 0.
//
// guess is where the search starts (Excel's default is 0.1). The search is Newton's method from
// guess, as Excel's is, so that of several roots the one Excel finds from the same guess is
// returned; where Newton fails (Excel's #NUM! after 20 tries) RATE brackets a root around the
// guess, then scans −0.99, −0.98, … 10, and refines with Brent's method (internal/rootfind), as
// IRR does. The result is accurate to about 1e-13 relative; Excel stops at 1e-7.
//
// Errors: an *InputError for nper ≤ 0 or an argument NaN or ±Inf; ErrNoConvergence when no
// rate in (−1, 10] solves the equation (e.g. payments that can never repay the loan).
func RATE(nper, pmt, pv, fv float64, due bool, guess float64) (float64, error) {
	if err := checkFinite([]string{"nper", "pmt", "pv", "fv", "guess"}, nper, pmt, pv, fv, guess); err != nil {
		return 0, err
	}
	if nper <= 0 {
		return 0, spreadsheetArgError("nper", nper, "be positive")
	}
	t := annuityType(due)
	eq := func(r float64) (v, dv float64) {
		g, a := growth(r, nper)
		// d/dr (1+r)^n = n(1+r)^(n−1); d/dr ((1+r)^n − 1)/r = (n(1+r)^(n−1)·r − ((1+r)^n − 1))/r²,
		// which cancels badly near r = 0, where its series n(n−1)/2 + n(n−1)(n−2)/3·r is used.
		dg := nper * g / (1 + r)
		var da float64
		if math.Abs(r) < 1e-5 {
			da = nper*(nper-1)/2 + nper*(nper-1)*(nper-2)/3*r
		} else {
			da = (dg*r - (g - 1)) / (r * r)
		}
		v = pv*g + pmt*(1+r*t)*a + fv
		dv = pv*dg + pmt*t*a + pmt*(1+r*t)*da
		return v, dv
	}
	return solveRate("RATE", eq, guess)
}
