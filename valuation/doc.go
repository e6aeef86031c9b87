// Package valuation values data assets and the infrastructure that holds them.
//
// It holds spreadsheet-exact time value of money and depreciation (SLN, SYD, DB, DDB, VDB,
// NPV, XNPV, IRR, MIRR, XIRR with Excel 2010 semantics, in float64), depreciation and
// amortisation schedules in exact money over the 3–10 year lives of data infrastructure,
// data-quality scoring (GB/T 36344-2018), the cost, income and market approaches of the China
// Appraisal Society's data-asset guidance (2023) and IVS 210, reconciliation of approaches, and
// Monte Carlo uncertainty.
//
// # Spreadsheet functions
//
// SLN, SYD, DB, DDB, VDB, NPV, XNPV, IRR, MIRR and XIRR take and return float64 with Excel
// 2010's semantics, so that integrators reproduce their accountants' workbooks: DB rounds its
// rate to three decimals, DDB stops at salvage, VDB switches to straight line by the
// OpenOffice/Excel algorithm, NPV discounts its first value one period, XNPV and XIRR count
// ACT/365 days between calendar dates. Where spreadsheet engines disagree, each function's
// comment says which side it takes. IRR and XIRR start with Newton's method from the guess, as
// Excel does, and fall back to bracketing and Brent's method, so they find a rate wherever one
// exists and otherwise return an error wrapping ErrNoSignChange or ErrNoConvergence — never
// NaN or the guess. Invalid arguments return an *InputError naming the argument.
//
//	rate, err := valuation.XIRR(values, dates, 0.1) // 0.1 is Excel's default guess
//
// The annuity functions PMT, IPMT, PPMT, PV, FV, NPER and RATE, for licence instalments and
// leases, solve the spreadsheets' time-value equation with Excel 2010's semantics; due = true
// is the spreadsheets' type 1 (payments at the start of each period). Where Excel shows #NUM!
// or #DIV/0! they return an *InputError naming the argument; RATE searches as IRR does.
//
// # Depreciation and amortisation schedules
//
// A Plan describes an asset in exact money — cost, salvage, a life in whole years, the date it
// entered service, a Method (straight line, declining balance with switch, sum-of-years'-digits,
// units of production, or exponential decay with a half-life for the timeliness of data), a
// Frequency (fiscal years or months), a Proration for the first period (whole months, from the
// next month, or by days), the month fiscal years start (April in Hong Kong) and Impairments.
// NewSchedule checks the life against a Policy (3–10 years unless widened; PRCTaxPolicy gives
// the PRC tax minimums) and returns a Schedule of periods with opening and closing book value,
// charge, impairment and accumulated depreciation as assay.Money. The charges are exact
// integer shares of the depreciable amount rounded to the minor unit; the rounding residue goes
// into the last period, so they add up exactly to cost − salvage − impairments.
//
//	s, err := valuation.NewSchedule(plan, valuation.Policy{})
//	bv := s.BookValueAt(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
//
// Plans and schedules have stable JSON forms (ParsePlan reads a plan, bounding its size).
//
// # Appraisal approaches
//
// The approaches compute a value the way an appraiser writes it in a report, every factor
// visible: the results of ScoreQuality, Cost, Income, Market and Reconcile carry a Trail of
// steps (name, inputs, factor, running value, source of the formula) with a JSON form and a
// plain-text rendering.
//
//   - ScoreQuality scores GB/T 36344-2018's six dimensions from measured ratios (A/B) or given
//     scores, with caller-supplied weights, and maps the score to an adjustment coefficient.
//   - Cost sums itemised replacement costs in the CAS 2023 groups and applies a return on cost,
//     a value-adjustment coefficient δ, obsolescence and a remaining-life ratio, in exact
//     decimals.
//   - Income discounts the data-attributable income (direct, split, relief from royalty, excess
//     earnings, incremental) over a finite life, with a mid-year option, a built-up discount
//     rate, Gordon growth and the IVS 210 tax amortisation benefit (TABFactor).
//   - Market corrects comparable transactions by quality, supply–demand, date, capacity and
//     other factors, refuses factors outside a sanity band (ErrFactorOutOfBand) and too few
//     comparables (ErrTooFewComparables), and reports their dispersion.
//   - Reconcile weighs the approaches into a point value and a range, rounded to a unit.
//   - MonteCarlo runs any Model (IncomeInput.Model and CostInput.Model bind the approaches to
//     named drivers) over gonum distuv distributions, seeded and independent of the number of
//     workers, and returns percentiles and a tornado table.
//   - IVI, BVI, PVI, CVI, MVI and EVI are Laney's infonomics models.
//
// # Money
//
// Cost, market and reconciliation work in exact decimals; the income approach and Monte Carlo
// run in float64 and cross into money once, through MoneyFromModel. Every result is rounded
// once to the currency's minor unit (or the reconciliation's unit) by an explicit RoundingMode.
// Inputs and results are plain values, safe to read from several goroutines; the functions
// keep no state and are safe for concurrent use.
package valuation
