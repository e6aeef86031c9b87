package valuation

// SLN returns the straight-line depreciation of an asset for one period, (cost − salvage)/life,
// with Excel's SLN semantics (Microsoft support, "SLN function"). A fractional life is
// accepted, as in Excel.
//
// Errors wrap ErrInvalidInput: life ≤ 0, salvage < 0 (Excel itself computes a value for a
// negative salvage; this package treats it as an input error), or any argument NaN or ±Inf.
// A negative cost is accepted, as Excel accepts it.
func SLN(cost, salvage, life float64) (float64, error) {
	for _, a := range [...]struct {
		name string
		v    float64
	}{{"cost", cost}, {"salvage", salvage}, {"life", life}} {
		if err := nonFiniteArg(a.name, a.v); err != nil {
			return 0, err
		}
	}
	if life <= 0 {
		return 0, spreadsheetArgError("life", life, "be positive")
	}
	if salvage < 0 {
		return 0, spreadsheetArgError("salvage", salvage, "not be negative")
	}
	return spreadsheetResult("SLN", (cost-salvage)/life)
}

// SYD returns the sum-of-years'-digits depreciation of an asset for period per:
//
//	SYD = (cost − salvage) · (life − per + 1) · 2 / (life · (life + 1))
//
// as Excel's SYD computes it (Microsoft support, "SYD function"). Excel does not truncate a
// fractional per, and neither does SYD; Apple Numbers ignores the fractional part (a
// divergence between engines; this package sides with Excel).
//
// Errors wrap ErrInvalidInput: life ≤ 0, per ≤ 0 or per > life (#NUM! in Excel), salvage < 0,
// or any argument NaN or ±Inf.
func SYD(cost, salvage, life, per float64) (float64, error) {
	for _, a := range [...]struct {
		name string
		v    float64
	}{{"cost", cost}, {"salvage", salvage}, {"life", life}, {"per", per}} {
		if err := nonFiniteArg(a.name, a.v); err != nil {
			return 0, err
		}
	}
	switch {
	case life <= 0:
		return 0, spreadsheetArgError("life", life, "be positive")
	case salvage < 0:
		return 0, spreadsheetArgError("salvage", salvage, "not be negative")
	case per <= 0 || per > life:
		return 0, spreadsheetArgError("per", per, "be in (0, life]")
	}
	return spreadsheetResult("SYD", (cost-salvage)*(life-per+1)*2/(life*(life+1)))
}
