package valuation

import "math"

// VDB returns the depreciation of an asset between start and end, measured in periods from the
// start of its life, by the declining-balance method at factor times the straight-line rate,
// switching to straight line on the remaining book value in the first period where that is
// larger (unless noSwitch), with Excel's VDB semantics (Microsoft support, "VDB function").
//
// It follows the OpenOffice.org algorithm (sc/source/core/tools/interpr2.cxx, ScVDB and
// ScInterVDB), which reproduces Excel on integer and fractional periods: the depreciation up to
// start is charged first and the rest of the life is depreciated from the reduced cost over
// life − start periods, a fractional last period taking its fraction of that period's charge.
// With noSwitch it is the sum of DDB over periods ⌊start⌋+1 … ⌈end⌉, the first and last
// scaled by the fractions of them inside [start, end].
//
// Engines diverge in two places, and VDB sides with Excel in both. With a fractional start
// Excel is not additive (VDB(100,10,13,0,0.5,1) + VDB(100,10,13,0.5,1,1) falls short of
// VDB(100,10,13,0,1,1) by 0.1479); current LibreOffice and some .NET ports are additive.
// excelize never switches to straight line in the last period (its VDB(10000,1000,5,3.5,5,2)
// is 709.6; Excel's algorithm gives 728).
//
// Errors wrap ErrInvalidInput: cost < 0, salvage < 0, life ≤ 0, factor ≤ 0, start < 0,
// end < start, end > life, end = 0, start = end = life with the switch on (the two cases
// ExcelFinancialFunctions, validated against Excel 2010, rejects), more than 100,000
// periods, or any argument NaN or ±Inf.
func VDB(cost, salvage, life, start, end, factor float64, noSwitch bool) (float64, error) {
	for _, a := range [...]struct {
		name string
		v    float64
	}{{"cost", cost}, {"salvage", salvage}, {"life", life}, {"start", start}, {"end", end}, {"factor", factor}} {
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
	case life > maxSpreadsheetPeriods:
		return 0, spreadsheetArgError("life", life, "be at most 100000")
	case factor <= 0:
		return 0, spreadsheetArgError("factor", factor, "be positive")
	case start < 0:
		return 0, spreadsheetArgError("start", start, "not be negative")
	case end < start || end > life || end == 0:
		return 0, spreadsheetArgError("end", end, "be in [start, life] and positive")
	case !noSwitch && start == life && end == life:
		return 0, spreadsheetArgError("start", start, "be less than life when switching to straight line")
	}
	var v float64
	if noSwitch {
		first, last := math.Floor(start)+1, math.Ceil(end)
		for i := first; i <= last; i++ {
			term := ddbPeriod(cost, salvage, life, i, factor)
			switch i {
			case first:
				term *= min(end, first) - start
			case last:
				term *= end + 1 - last
			}
			v += term
		}
	} else {
		reduced := cost - interVDB(cost, salvage, life, life, start, factor)
		v = interVDB(reduced, salvage, life, life-start, end-start, factor)
	}
	return spreadsheetResult("VDB", v)
}

// interVDB is OpenOffice's ScInterVDB: the depreciation of periods 1 … ⌈period⌉ (the last
// scaled by its fraction) of an asset with remainingLife periods left, by declining balance
// until straight line over the remaining life is larger. The declining-balance book value is
// carried from period to period (cost·(1 − r)^i by repeated multiplication) instead of
// ddbPeriod's two powers per period; the two agree to about 1e-15 relative.
func interVDB(cost, salvage, life, remainingLife, period, factor float64) float64 {
	keep := 1 - min(factor/life, 1) // the share of book value a period keeps
	before := cost                  // declining-balance book value before period i
	var v, sl float64
	left := cost - salvage
	switched := false
	last := math.Ceil(period)
	for i := 1.0; i <= last; i++ {
		term := sl
		if !switched {
			after := before * keep
			ddb := before - after
			if after < salvage {
				ddb = before - salvage
			}
			ddb = max(ddb, 0)
			before = after
			sl = left / (remainingLife - (i - 1))
			if sl > ddb {
				term = sl
				switched = true
			} else {
				term = ddb
				left -= ddb
			}
		}
		if i == last {
			term *= period + 1 - last
		}
		v += term
	}
	return v
}
