package valuation_test

import (
	"fmt"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

// Double-declining balance with the switch to straight line, for the Microsoft example: a
// 2,400 machine with 300 salvage over 10 years, depreciated in months 6 to 18 of its life.
func ExampleVDB() {
	months, err := valuation.VDB(2400, 300, 10*12, 6, 18, 2, false)
	if err != nil {
		panic(err)
	}
	firstYear, _ := valuation.VDB(2400, 300, 10, 0, 1, 2, false)
	wholeLife, _ := valuation.VDB(2400, 300, 10, 0, 10, 2, false)
	fmt.Printf("months 6-18: %.2f\nfirst year: %.2f\nwhole life: %.2f\n", months, firstYear, wholeLife)
	// Output:
	// months 6-18: 396.31
	// first year: 480.00
	// whole life: 2100.00
}

// The internal rate of return of irregular cash flows, Microsoft's XIRR example.
func ExampleXIRR() {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	values := []float64{-10000, 2750, 4250, 3250, 2750}
	dates := []time.Time{date(2008, 1, 1), date(2008, 3, 1), date(2008, 10, 30), date(2009, 2, 15), date(2009, 4, 1)}
	rate, err := valuation.XIRR(values, dates, 0.1)
	if err != nil {
		panic(err)
	}
	npv, _ := valuation.XNPV(rate, values, dates)
	fmt.Printf("XIRR = %.9f, XNPV at that rate = %.6f\n", rate, npv)
	// Output:
	// XIRR = 0.373362534, XNPV at that rate = 0.000000
}

// A city big-data platform in service on 15 March 2024, amortised straight line over five
// years, monthly, the first month prorated by days (17 of March's 31): the last month takes
// the other 14 days and the rounding residue, and the charges add up to cost − salvage. On
// 30 June 2026, 104,193.55 + 27 × 190,000 has been charged.
func ExampleNewSchedule() {
	s, err := valuation.NewSchedule(valuation.Plan{
		Name:      "City big-data platform",
		Cost:      assay.MustMoney("12000000", "CNY"),
		Salvage:   assay.MustMoney("600000", "CNY"),
		LifeYears: 5,
		InService: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC),
		Frequency: valuation.Monthly,
		Proration: valuation.ProrateDays,
	}, valuation.Policy{})
	if err != nil {
		panic(err)
	}
	for _, i := range []int{0, 1, 2, len(s.Periods) - 2, len(s.Periods) - 1} {
		p := s.Periods[i]
		fmt.Printf("%s  %14s  %14s\n", p.Label, p.Charge, p.Closing)
	}
	fmt.Println(len(s.Periods), "months, total", s.Total())
	fmt.Println("book value on 30 June 2026:", s.BookValueAt(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)))
	// Output:
	// 2024-03   104193.55 CNY  11895806.45 CNY
	// 2024-04   190000.00 CNY  11705806.45 CNY
	// 2024-05   190000.00 CNY  11515806.45 CNY
	// 2029-02   190000.00 CNY   685806.45 CNY
	// 2029-03    85806.45 CNY   600000.00 CNY
	// 61 months, total 11400000.00 CNY
	// book value on 30 June 2026: 6765806.45 CNY
}

// A plan read from JSON: a Hong Kong data set on fiscal years starting 1 April, written down
// by HKD 100,000 when a licence was narrowed; the rest is spread over the remaining life.
func ExampleParsePlan() {
	plan, err := valuation.ParsePlan([]byte(`{
		"name": "Port logistics data set",
		"cost": {"amount": "900000", "currency": "HKD"},
		"lifeYears": 3,
		"inService": "2024-04-01",
		"fiscalYearStart": 4,
		"impairments": [{"date": "2025-04-01", "amount": {"amount": "100000", "currency": "HKD"}, "reason": "licence narrowed"}]
	}`))
	if err != nil {
		panic(err)
	}
	s, err := valuation.NewSchedule(plan, valuation.Policy{})
	if err != nil {
		panic(err)
	}
	for _, p := range s.Periods {
		fmt.Printf("%s  charge %s  impairment %s  closing %s\n", p.Label, p.Charge, p.Impairment, p.Closing)
	}
	// Output:
	// 2024/25  charge 300000.00 HKD  impairment 0.00 HKD  closing 600000.00 HKD
	// 2025/26  charge 250000.00 HKD  impairment 100000.00 HKD  closing 250000.00 HKD
	// 2026/27  charge 250000.00 HKD  impairment 0.00 HKD  closing 0.00 HKD
}
