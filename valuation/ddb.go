package valuation

import "math"

// DDB returns the declining-balance depreciation of an asset for period at factor times the
// straight-line rate (factor 2 is double-declining balance, Excel's default), with Excel's DDB
// semantics (Microsoft support, "DDB function"):
//
//	DDB = min((cost − earlier depreciation) · factor/life, cost − salvage − earlier depreciation)
//
// so that book value never falls below salvage; the result is never negative. It is computed
// in the closed form LibreOffice uses (rate r = min(factor/life, 1), book value
// cost·(1 − r)^(period−1) before the period), which agrees with the iterative form to 1e-12.
//
// A fractional period is rounded up to the next whole period: a period in (0, 1) is period 1,
// which is Excel's observed behaviour, and a period in (k − 1, k) is period k. Engines diverge
// here: LibreOffice and excelize reject periods below 1 and LibreOffice interpolates fractional
// periods through a fractional exponent, while Apple Numbers truncates; no Excel result for a
// fractional period above 1 is published, so DDB extends Excel's (0, 1) rule. VDB is the
// function for fractional periods.
//
// Errors wrap ErrInvalidInput: cost < 0, salvage < 0, life ≤ 0, factor ≤ 0, period ≤ 0 or
// period > life, or any argument NaN or ±Inf.
func DDB(cost, salvage, life, period, factor float64) (float64, error) {
	for _, a := range [...]struct {
		name string
		v    float64
	}{{"cost", cost}, {"salvage", salvage}, {"life", life}, {"period", period}, {"factor", factor}} {
		if err := nonFiniteArg(a.name, a.v); err != nil {
			return 0, err
		}
	}
	switch {
	case cost < 0:
		return 0, spreadsheetArgError("cost", cost, "not be negative")
	case salvage < 0:
		return 0, spreadsheetArgError("salvage", salvage, "not be negative")
	case life <= 0:
		return 0, spreadsheetArgError("life", life, "be positive")
	case factor <= 0:
		return 0, spreadsheetArgError("factor", factor, "be positive")
	case period <= 0 || period > life:
		return 0, spreadsheetArgError("period", period, "be in (0, life]")
	}
	return spreadsheetResult("DDB", ddbPeriod(cost, salvage, life, math.Ceil(period), factor))
}

// ddbPeriod is the declining-balance charge for whole period p ≥ 1 in LibreOffice's closed form
// (sc/source/core/tools/interpr2.cxx, ScGetDDB): the book value before and after the period
// is cost·(1 − r)^(p−1) and cost·(1 − r)^p, the charge stops at salvage and is never negative.
func ddbPeriod(cost, salvage, life, p, factor float64) float64 {
	r := factor / life
	var before float64
	if r >= 1 {
		r = 1
		if p == 1 {
			before = cost
		}
	} else {
		before = cost * math.Pow(1-r, p-1)
	}
	after := cost * math.Pow(1-r, p)
	d := before - after
	if after < salvage {
		d = before - salvage
	}
	return max(d, 0)
}
