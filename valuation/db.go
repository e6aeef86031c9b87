package valuation

import "math"

// DB returns the fixed-declining-balance depreciation of an asset for period, with Excel's DB
// semantics (Microsoft support, "DB function"):
//
//	rate = 1 − (salvage/cost)^(1/life), rounded to three decimal places
//	period 1:            cost · rate · month/12
//	periods 2 … life:    (cost − depreciation of earlier periods) · rate
//	period life + 1:     (cost − depreciation of earlier periods) · rate · (12 − month)/12
//
// month is the number of months in the first year (Excel's default is 12). Because the rate is
// rounded, the charges over the life do not in general add up to cost − salvage exactly; that is
// Excel's documented behaviour and DB reproduces it. With salvage = 0 the rate is 1 and the
// whole cost falls in the first period.
//
// Period is truncated to an integer, as Excel does (its results for periods 1.7 and 11.3 are
// those for 1 and 11), and month too, as LibreOffice does; a period in (0, 1) is period 1
// (Excel's behaviour; LibreOffice returns 0 and excelize #N/A there). The rate is rounded half
// away from zero, as Excel's ROUND and LibreOffice do (.NET ports that use banker's rounding
// differ only on exact ties). Period life + 1 with month = 12 returns 0, as LibreOffice does.
// A salvage above cost is accepted, as ExcelFinancialFunctions (validated against Excel 2010)
// accepts it; the rate and the charges are then negative. LibreOffice rejects it.
//
// Errors wrap ErrInvalidInput: cost ≤ 0, salvage < 0, life ≤ 0, period ≤ 0 or beyond
// life + 1, month outside 1…12, more than 100,000 periods, or any argument NaN or ±Inf.
func DB(cost, salvage, life, period, month float64) (float64, error) {
	for _, a := range [...]struct {
		name string
		v    float64
	}{{"cost", cost}, {"salvage", salvage}, {"life", life}, {"period", period}, {"month", month}} {
		if err := nonFiniteArg(a.name, a.v); err != nil {
			return 0, err
		}
	}
	m := math.Trunc(month)
	p := max(math.Trunc(period), 1)
	switch {
	case cost <= 0:
		return 0, spreadsheetArgError("cost", cost, "be positive")
	case salvage < 0:
		return 0, spreadsheetArgError("salvage", salvage, "not be negative")
	case life <= 0:
		return 0, spreadsheetArgError("life", life, "be positive")
	case m < 1 || m > 12:
		return 0, spreadsheetArgError("month", month, "be between 1 and 12")
	case period <= 0 || p > life+1:
		return 0, spreadsheetArgError("period", period, "be in (0, life + 1]")
	case p > maxSpreadsheetPeriods:
		return 0, spreadsheetArgError("period", period, "be at most 100000")
	}
	rate := math.Round((1-math.Pow(salvage/cost, 1/life))*1000) / 1000
	total := cost * rate * m / 12
	if p == 1 {
		return spreadsheetResult("DB", total)
	}
	var d float64
	for i := 2.0; i <= min(p, math.Floor(life)); i++ {
		d = (cost - total) * rate
		total += d
	}
	if p > life {
		d = (cost - total) * rate * (12 - m) / 12
	}
	return spreadsheetResult("DB", d)
}
