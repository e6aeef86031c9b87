package valuation

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func depCNY(s string) assay.Money { return assay.MustMoney(s, "CNY") }

// rows extracts label, charge and closing of each period, the columns the hand calculations
// below check.
type depRow struct {
	Label           string
	Charge, Closing assay.Money
}

func depRows(s *Schedule) []depRow {
	out := make([]depRow, len(s.Periods))
	for i, p := range s.Periods {
		out[i] = depRow{p.Label, p.Charge, p.Closing}
	}
	return out
}

// Straight line, monthly, prorated by days: 11,400,000 over 60 months is 190,000 a month. In
// service on 15 March 2024, the asset serves 17 of March's 31 days: 190,000 × 17/31 =
// 104,193.548… → 104,193.55. The life ends on 15 March 2029, so March 2029 carries the other
// 14/31 (85,806.45) — exactly the residue 11,400,000 − 104,193.55 − 59 × 190,000.
func TestSchedule_MonthlyStraightLinePartialFirstMonth(t *testing.T) {
	s, err := NewSchedule(Plan{
		Cost: depCNY("12000000"), Salvage: depCNY("600000"), LifeYears: 5,
		InService: depDay(2024, 3, 15), Frequency: Monthly, Proration: ProrateDays,
	}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Periods) != 61 {
		t.Fatalf("%d periods, want 61 (two partial months)", len(s.Periods))
	}
	got := depRows(s)
	want := []depRow{
		{"2024-03", depCNY("104193.55"), depCNY("11895806.45")},
		{"2024-04", depCNY("190000"), depCNY("11705806.45")},
	}
	if diff := cmp.Diff(want, got[:2]); diff != "" {
		t.Errorf("first months (-want +got)\n%s", diff)
	}
	wantLast := []depRow{
		{"2029-02", depCNY("190000"), depCNY("685806.45")},
		{"2029-03", depCNY("85806.45"), depCNY("600000")},
	}
	if diff := cmp.Diff(wantLast, got[59:]); diff != "" {
		t.Errorf("last months (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(depDay(2029, 3, 15), s.End); diff != "" {
		t.Errorf("end of life (-want +got)\n%s", diff)
	}
}

// Hong Kong's fiscal year starts on 1 April. Straight line 1,000,000 over 3 years from
// 1 January 2024, whole months: 27,777.78 a month (1,000,000/36 = 27,777.77…). FY 2023/24
// holds January–March 2024 (3 months: 83,333.33), the next two 12 months each (333,333.33),
// and FY 2026/27 April–December 2026 (9 months), which takes the residue:
// 1,000,000 − 83,333.33 − 2 × 333,333.33 = 250,000.01.
func TestSchedule_HongKongFiscalYear(t *testing.T) {
	s, err := NewSchedule(Plan{
		Cost: assay.MustMoney("1000000", "HKD"), LifeYears: 3, InService: depDay(2024, 1, 1), FiscalYearStart: time.April,
	}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	hkd := func(s string) assay.Money { return assay.MustMoney(s, "HKD") }
	want := []depRow{
		{"2023/24", hkd("83333.33"), hkd("916666.67")},
		{"2024/25", hkd("333333.33"), hkd("583333.34")},
		{"2025/26", hkd("333333.33"), hkd("250000.01")},
		{"2026/27", hkd("250000.01"), hkd("0")},
	}
	if diff := cmp.Diff(want, depRows(s)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	p := s.Periods[1]
	if !p.Start.Equal(depDay(2024, 4, 1)) || !p.End.Equal(depDay(2025, 3, 31)) || p.FiscalYear != 2024 {
		t.Errorf("FY 2024/25 runs %v to %v (fiscal year %d), want 2024-04-01 to 2025-03-31", p.Start, p.End, p.FiscalYear)
	}
}

// An impairment spreads the remaining book value over the remaining life. Straight line,
// 1,000,000 over 5 calendar years from 1 January 2024: 200,000 in 2024 and 2025. Written
// down by 200,000 on 1 January 2026, the book value 400,000 is spread over 3 years:
// 133,333.33, 133,333.33 and the residue 133,333.34.
func TestSchedule_Impairment(t *testing.T) {
	s, err := NewSchedule(Plan{
		Cost: depCNY("1000000"), LifeYears: 5, InService: depDay(2024, 1, 1),
		Impairments: []Impairment{{Date: depDay(2026, 1, 1), Amount: depCNY("200000"), Reason: "source withdrawn"}},
	}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	want := []depRow{
		{"2024", depCNY("200000"), depCNY("800000")},
		{"2025", depCNY("200000"), depCNY("600000")},
		{"2026", depCNY("133333.33"), depCNY("266666.67")},
		{"2027", depCNY("133333.33"), depCNY("133333.34")},
		{"2028", depCNY("133333.34"), depCNY("0")},
	}
	if diff := cmp.Diff(want, depRows(s)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(depCNY("200000"), s.Periods[2].Impairment); diff != "" {
		t.Errorf("impairment column (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(depCNY("800000"), s.Total()); diff != "" {
		t.Errorf("total charges = cost − impairments (-want +got)\n%s", diff)
	}
}

// Mid-year impairment: 1,200,000 straight line over 4 years from 1 January 2024 is 25,000 a
// month. Impaired by 300,000 on 1 July 2025: by then 18 months are charged (450,000), the
// book value 750,000 falls to 450,000, spread over the 30 months left: 15,000 a month. 2025
// is 6 × 25,000 + 6 × 15,000 = 240,000.
func TestSchedule_MidYearImpairment(t *testing.T) {
	s, err := NewSchedule(Plan{
		Cost: depCNY("1200000"), LifeYears: 4, InService: depDay(2024, 1, 1),
		Impairments: []Impairment{{Date: depDay(2025, 7, 1), Amount: depCNY("300000")}},
	}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	want := []depRow{
		{"2024", depCNY("300000"), depCNY("900000")},
		{"2025", depCNY("240000"), depCNY("360000")},
		{"2026", depCNY("180000"), depCNY("180000")},
		{"2027", depCNY("180000"), depCNY("0")},
	}
	if diff := cmp.Diff(want, depRows(s)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	for _, c := range []struct {
		date time.Time
		want assay.Money
	}{
		{depDay(2023, 12, 31), depCNY("1200000")},
		{depDay(2024, 1, 31), depCNY("1175000")},
		{depDay(2025, 6, 30), depCNY("750000")},
		{depDay(2025, 7, 1), depCNY("449516.13")}, // one day of July at 15,000/31 = 483.87
		{depDay(2025, 12, 31), depCNY("360000")},
		{depDay(2040, 1, 1), depCNY("0")},
	} {
		if diff := cmp.Diff(c.want, s.BookValueAt(c.date)); diff != "" {
			t.Errorf("BookValueAt(%s) (-want +got)\n%s", c.date.Format(time.DateOnly), diff)
		}
	}
}

// Whole-month conventions: ProrateMonths counts the month of service in full (CAS 6 practice
// for intangibles), ProrateNextMonth starts the month after (CAS 4 and tax practice for fixed
// assets). 360,000 over 3 years is 10,000 a month; in service 20 November 2024, the calendar
// year 2024 carries 2 months or 1 month.
func TestSchedule_MonthConventions(t *testing.T) {
	for _, c := range []struct {
		pr        Proration
		start     time.Time
		first     assay.Money
		periods   int
		lastLabel string
	}{
		{ProrateMonths, depDay(2024, 11, 1), depCNY("20000"), 4, "2027"},
		{ProrateNextMonth, depDay(2024, 12, 1), depCNY("10000"), 4, "2027"},
		{ProrateDays, depDay(2024, 11, 20), depCNY("13666.67"), 4, "2027"}, // 11/30 of a month + December
	} {
		s, err := NewSchedule(Plan{Cost: depCNY("360000"), LifeYears: 3, InService: depDay(2024, 11, 20), Proration: c.pr}, Policy{})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Start.Equal(c.start) || len(s.Periods) != c.periods || s.Periods[len(s.Periods)-1].Label != c.lastLabel {
			t.Errorf("%v: start %v, %d periods ending %s; want %v, %d, %s", c.pr, s.Start, len(s.Periods), s.Periods[len(s.Periods)-1].Label, c.start, c.periods, c.lastLabel)
		}
		if diff := cmp.Diff(c.first, s.Periods[0].Charge); diff != "" {
			t.Errorf("%v: first charge (-want +got)\n%s", c.pr, diff)
		}
	}
}

// On a calendar aligned with the asset years, each year's charge is the spreadsheet function's
// amount rounded to the cent: DecliningBalance against VDB, SumOfYearsDigits against SYD,
// Decay against DecayShare. (The float functions are the oracle here; they are checked
// against Excel above.)
func TestSchedule_MethodsMatchSpreadsheetFunctions(t *testing.T) {
	const cost, salvage, life = 12_000_000.0, 600_000.0, 5
	oracle := map[Method]func(k float64) float64{
		DecliningBalance: func(k float64) float64 { v, _ := VDB(cost, salvage, life, k-1, k, 2, false); return v },
		SumOfYearsDigits: func(k float64) float64 { v, _ := SYD(cost, salvage, life, k); return v },
		Decay: func(k float64) float64 {
			return (cost - salvage) * (DecayShare(k, life, 2) - DecayShare(k-1, life, 2))
		},
		StraightLine: func(float64) float64 { v, _ := SLN(cost, salvage, life); return v },
	}
	for m, want := range oracle {
		s, err := NewSchedule(Plan{Cost: depCNY("12000000"), Salvage: depCNY("600000"), LifeYears: life,
			InService: depDay(2024, 1, 1), Method: m, HalfLifeYears: 2}, Policy{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range s.Periods[:life-1] {
			w := decimal.NewFromFloat(want(float64(i + 1))).RoundBank(2)
			if !p.Charge.Amount().Equal(w) {
				t.Errorf("%v year %d: charge %v, want %v", m, i+1, p.Charge, w)
			}
		}
	}
}

// Units of production by hand: 1,000,000 over usage 100, 200, 300, 400 is 100,000,
// 200,000, 300,000, 400,000.
func TestSchedule_UnitsOfProduction(t *testing.T) {
	s, err := NewSchedule(Plan{Cost: depCNY("1000000"), LifeYears: 4, InService: depDay(2024, 1, 1),
		Method: UnitsOfProduction, Usage: []int64{100, 200, 300, 400}}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	want := []depRow{
		{"2024", depCNY("100000"), depCNY("900000")},
		{"2025", depCNY("200000"), depCNY("700000")},
		{"2026", depCNY("300000"), depCNY("400000")},
		{"2027", depCNY("400000"), depCNY("0")},
	}
	if diff := cmp.Diff(want, depRows(s)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// Without the switch, declining balance leaves an amount that the last year takes: 2,400 at
// 2/3 over 3 years: 1,600, 533.33, then 266.67 (DDB would give 177.78).
func TestSchedule_DecliningBalanceNoSwitch(t *testing.T) {
	s, err := NewSchedule(Plan{Cost: depCNY("2400"), LifeYears: 3, InService: depDay(2024, 1, 1),
		Method: DecliningBalance, NoSwitch: true}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	want := []depRow{
		{"2024", depCNY("1600"), depCNY("800")},
		{"2025", depCNY("533.33"), depCNY("266.67")},
		{"2026", depCNY("266.67"), depCNY("0")},
	}
	if diff := cmp.Diff(want, depRows(s)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// Remaining life at the end of a day, by hand: 36 months from 1 January 2024; after 14 of
// February 2024's 29 days, 34 months and 15/29 of a month are left.
func TestSchedule_RemainingMonths(t *testing.T) {
	s, err := NewSchedule(Plan{Cost: depCNY("360000"), LifeYears: 3, InService: depDay(2024, 1, 1)}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		date time.Time
		want float64
	}{
		{depDay(2023, 6, 1), 36}, {depDay(2024, 1, 31), 35}, {depDay(2024, 2, 14), 34 + 15.0/29}, {depDay(2025, 12, 31), 12}, {depDay(2030, 1, 1), 0},
	} {
		if diff := cmp.Diff(c.want, s.RemainingMonths(c.date), depAmountTol); diff != "" {
			t.Errorf("RemainingMonths(%s) (-want +got)\n%s", c.date.Format(time.DateOnly), diff)
		}
	}
}

func TestSchedule_Policy(t *testing.T) {
	plan := func(years int) Plan {
		return Plan{Cost: depCNY("1000"), LifeYears: years, InService: depDay(2024, 1, 1)}
	}
	for _, c := range []struct {
		years int
		pol   Policy
		ok    bool
	}{
		{3, Policy{}, true}, {10, Policy{}, true}, {2, Policy{}, false}, {11, Policy{}, false},
		{2, PRCTaxPolicy(PurchasedSoftware), true},
		{9, PRCTaxPolicy(Intangible), false}, {10, PRCTaxPolicy(Intangible), true},
		{3, PRCTaxPolicy(ElectronicEquipment), true}, {20, Policy{MaxYears: 20}, true},
	} {
		_, err := NewSchedule(plan(c.years), c.pol)
		if (err == nil) != c.ok {
			t.Errorf("life %d under %+v: err = %v, want ok = %v", c.years, c.pol, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("life %d: %v does not wrap ErrInvalidInput", c.years, err)
		}
	}
}

func TestSchedule_InvalidPlans(t *testing.T) {
	base := Plan{Cost: depCNY("1000"), Salvage: depCNY("100"), LifeYears: 5, InService: depDay(2024, 1, 1)}
	tests := []struct {
		name  string
		edit  func(*Plan)
		field string
	}{
		{"no cost", func(p *Plan) { p.Cost = assay.Money{} }, "cost"},
		{"negative cost", func(p *Plan) { p.Cost = depCNY("-1") }, "cost"},
		{"fractional cent", func(p *Plan) { p.Cost = depCNY("1000.005") }, "cost"},
		{"salvage above cost", func(p *Plan) { p.Salvage = depCNY("1001") }, "salvage"},
		{"salvage currency", func(p *Plan) { p.Salvage = assay.MustMoney("1", "HKD") }, "salvage"},
		{"no date", func(p *Plan) { p.InService = time.Time{} }, "inService"},
		{"life 0", func(p *Plan) { p.LifeYears = 0 }, "lifeYears"},
		{"fiscal month 13", func(p *Plan) { p.FiscalYearStart = 13 }, "fiscalYearStart"},
		{"decay without half-life", func(p *Plan) { p.Method = Decay }, "halfLifeYears"},
		{"usage length", func(p *Plan) { p.Method = UnitsOfProduction; p.Usage = []int64{1} }, "usage"},
		{"usage negative", func(p *Plan) { p.Method = UnitsOfProduction; p.Usage = []int64{1, 1, -1, 1, 1} }, "usage[2]"},
		{"impairment currency", func(p *Plan) {
			p.Impairments = []Impairment{{Date: depDay(2025, 1, 1), Amount: assay.MustMoney("1", "USD")}}
		}, "impairments[0].amount"},
		{"impairment after life", func(p *Plan) { p.Impairments = []Impairment{{Date: depDay(2029, 1, 1), Amount: depCNY("1")}} }, "impairments[0].date"},
		{"impairment below salvage", func(p *Plan) { p.Impairments = []Impairment{{Date: depDay(2028, 1, 1), Amount: depCNY("181")}} }, "impairments"},
		{"impairment without date", func(p *Plan) { p.Impairments = []Impairment{{Amount: depCNY("1")}} }, "impairments[0].date"},
		{"impairment of a fraction of a fen", func(p *Plan) { p.Impairments = []Impairment{{Date: depDay(2025, 1, 1), Amount: depCNY("0.001")}} }, "impairments[0].amount"},
		{"negative impairment", func(p *Plan) { p.Impairments = []Impairment{{Date: depDay(2025, 1, 1), Amount: depCNY("-5")}} }, "impairments[0].amount"},
		{"long name", func(p *Plan) { p.Name = strings.Repeat("数", 100) }, "name"},
		{"negative salvage", func(p *Plan) { p.Salvage = depCNY("-1") }, "salvage"},
		{"negative factor", func(p *Plan) { p.Method = DecliningBalance; p.Factor = -2 }, "factor"},
		{"undefined method", func(p *Plan) { p.Method = 9 }, "method"},
		{"undefined frequency", func(p *Plan) { p.Frequency = 2 }, "frequency"},
		{"undefined proration", func(p *Plan) { p.Proration = 3 }, "proration"},
		{"undefined rounding", func(p *Plan) { p.Rounding = 7 }, "rounding"},
		{"year 10000", func(p *Plan) { p.InService = depDay(10000, 1, 1) }, "inService"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			tt.edit(&p)
			_, err := NewSchedule(p, Policy{})
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidInput) || ie.Field != tt.field {
				t.Errorf("err = %v, want an *InputError naming %q", err, tt.field)
			}
		})
	}
}

// randomDepPlan draws a plan from every option the schedule offers.
func randomDepPlan(rng *rand.Rand) Plan {
	codes := []string{"CNY", "HKD", "MOP", "JPY"}
	cost := 1 + rng.Int64N(1e12)
	c := assay.MustCurrency(codes[rng.IntN(len(codes))])
	life := 3 + rng.IntN(8)
	p := Plan{
		Cost:            assay.MoneyFromMinor(cost, c),
		Salvage:         assay.MoneyFromMinor(rng.Int64N(cost/2+1), c),
		LifeYears:       life,
		InService:       depDay(2000+rng.IntN(30), time.Month(1+rng.IntN(12)), 1+rng.IntN(31)),
		Frequency:       Frequency(rng.IntN(2)),
		Method:          Method(rng.IntN(5)),
		Proration:       Proration(rng.IntN(3)),
		FiscalYearStart: time.Month(rng.IntN(13)),
		Factor:          float64(rng.IntN(4)),
		NoSwitch:        rng.IntN(4) == 0,
		HalfLifeYears:   0.25 + rng.Float64()*5,
		Rounding:        assay.RoundingMode(rng.IntN(7)),
	}
	p.Usage = make([]int64, life)
	for i := range p.Usage {
		p.Usage[i] = rng.Int64N(1e6)
	}
	p.Usage[0]++
	for range rng.IntN(3) {
		// Small enough never to exceed the book value above salvage.
		amt := rng.Int64N(max((cost-p.Salvage.Amount().IntPart())/10, 1)) + 1
		amt = min(amt, max(cost/100, 1))
		p.Impairments = append(p.Impairments, Impairment{
			Date:   p.InService.AddDate(0, rng.IntN(12*life), 0),
			Amount: assay.MoneyFromMinor(amt, c),
		})
	}
	return p
}

// Conservation and consistency on random plans: charges and impairments add up to cost −
// salvage to the minor unit; each depRow is Opening − Charge − Impairment = Closing; rows are
// contiguous; no charge is negative; the last closing is the salvage.
func TestSchedule_ConservesEveryMinorUnit(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 11))
	skipped := 0
	defer func() {
		if skipped > 40 {
			t.Errorf("%d of 400 random plans skipped", skipped)
		}
	}()
	for trial := range 400 {
		p := randomDepPlan(rng)
		s, err := NewSchedule(p, Policy{})
		if errors.Is(err, ErrInvalidInput) && strings.Contains(err.Error(), "impairments") {
			skipped++ // an impairment drawn larger than the book value left on its date
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v\nplan %+v", trial, err, p)
		}
		var charges, impairments assay.Money
		for i, per := range s.Periods {
			charges, _ = charges.Add(per.Charge)
			impairments, _ = impairments.Add(per.Impairment)
			if per.Charge.IsNegative() || !per.Charge.IsRounded() {
				t.Fatalf("trial %d period %d: charge %v", trial, i, per.Charge)
			}
			closing, _ := per.Opening.Sub(per.Charge)
			closing, _ = closing.Sub(per.Impairment)
			if !closing.Equal(per.Closing) || !per.Accumulated.Equal(charges) {
				t.Fatalf("trial %d period %d: %+v does not add up", trial, i, per)
			}
			if i > 0 && (!per.Opening.Equal(s.Periods[i-1].Closing) || !per.Start.Equal(s.Periods[i-1].End.AddDate(0, 0, 1))) {
				t.Fatalf("trial %d period %d does not follow the one before", trial, i)
			}
			if !s.BookValueAt(per.End).Equal(per.Closing) {
				t.Fatalf("trial %d period %d: BookValueAt(end) = %v, closing %v", trial, i, s.BookValueAt(per.End), per.Closing)
			}
		}
		total, _ := charges.Add(impairments)
		want, _ := p.Cost.Sub(p.Salvage)
		if !total.Equal(want) {
			t.Fatalf("trial %d: charges %v + impairments %v ≠ cost − salvage %v", trial, charges, impairments, want)
		}
		if last := s.Periods[len(s.Periods)-1].Closing; !last.Equal(p.Salvage) && !(p.Salvage.IsZero() && last.IsZero()) {
			t.Fatalf("trial %d: last closing %v, salvage %v", trial, last, p.Salvage)
		}
	}
}

func TestPlan_JSONRoundTrip(t *testing.T) {
	p := Plan{
		Name: "City big-data platform", Cost: depCNY("12000000"), Salvage: depCNY("600000"), LifeYears: 5,
		InService: depDay(2024, 3, 15), Frequency: Monthly, Method: DecliningBalance, Proration: ProrateDays,
		FiscalYearStart: time.April, Factor: 1.5, Rounding: assay.HalfUp,
		Impairments: []Impairment{{Date: depDay(2026, 6, 30), Amount: depCNY("1000000"), Reason: "API withdrawn"}},
	}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParsePlan(data)
	if err != nil {
		t.Fatalf("ParsePlan(%s): %v", data, err)
	}
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("round trip (-want +got)\n%s", diff)
	}
	const wire = `{"name":"City big-data platform","cost":{"amount":"12000000.00","currency":"CNY"},"salvage":{"amount":"600000.00","currency":"CNY"},"lifeYears":5,"inService":"2024-03-15","frequency":"monthly","method":"declining-balance","proration":"days","fiscalYearStart":4,"factor":1.5,"impairments":[{"date":"2026-06-30","amount":{"amount":"1000000.00","currency":"CNY"},"reason":"API withdrawn"}],"rounding":"half-up"}`
	if diff := cmp.Diff(wire, string(data)); diff != "" {
		t.Errorf("wire form (-want +got)\n%s", diff)
	}
}

func TestParsePlan_Rejects(t *testing.T) {
	for _, in := range []string{
		`{"cost":{"amount":"1","currency":"CNY"},"lifeYears":5,"inService":"2024-01-01","colour":"red"}`,
		`{"cost":{"amount":"1","currency":"CNY"},"lifeYears":5,"inService":"15/03/2024"}`,
		`{"cost":{"amount":"1","currency":"CNY"},"lifeYears":5,"inService":"2024-01-01","method":"magic"}`,
		`{"cost":{"amount":"1e999999","currency":"CNY"},"lifeYears":5,"inService":"2024-01-01"}`,
		`[1,2,3]`,
		`{"cost":{"amount":"1","currency":"CNY"},"lifeYears":5,"inService":"2024-01-01"} {}`,
		`{"cost":{"amount":"1","currency":"CNY"},"lifeYears":5,"inService":"2024-01-01","usage":[` + strings.Repeat("1,", 200) + `1]}`,
	} {
		if _, err := ParsePlan([]byte(in)); err == nil {
			t.Errorf("ParsePlan(%.80s) succeeded, want an error", in)
		}
	}
}

// The schedule's JSON, written out by hand for 3,000 straight line over 3 calendar years.
func TestSchedule_JSON(t *testing.T) {
	s, err := NewSchedule(Plan{Cost: depCNY("3000"), LifeYears: 3, InService: depDay(2024, 1, 1)}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	m := func(a string) string { return `{"amount":"` + a + `","currency":"CNY"}` }
	period := func(i int, y, opening, acc, closing string) string {
		return `{"index":` + string(rune('0'+i)) + `,"label":"` + y + `","fiscalYear":` + y + `,"start":"` + y + `-01-01","end":"` + y +
			`-12-31","opening":` + m(opening) + `,"charge":` + m("1000.00") + `,"impairment":` + m("0.00") +
			`,"accumulated":` + m(acc) + `,"closing":` + m(closing) + `}`
	}
	want := `{"plan":{"cost":` + m("3000.00") + `,"lifeYears":3,"inService":"2024-01-01","frequency":"annual","method":"straight-line","proration":"months","rounding":"half-even"},` +
		`"start":"2024-01-01","end":"2027-01-01","total":` + m("3000.00") + `,"periods":[` +
		period(1, "2024", "3000.00", "1000.00", "2000.00") + `,` +
		period(2, "2025", "2000.00", "2000.00", "1000.00") + `,` +
		period(3, "2026", "1000.00", "3000.00", "0.00") + `]}`
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestSchedule_FirstBelow(t *testing.T) {
	s, err := NewSchedule(Plan{Cost: depCNY("3000"), LifeYears: 3, InService: depDay(2024, 1, 1)}, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := s.FirstBelow(depCNY("1500")); !ok || p.Label != "2025" {
		t.Errorf("FirstBelow(1500) = %s, %v; want 2025 (closing 1,000)", p.Label, ok)
	}
	if p, ok := s.FirstBelow(depCNY("0")); ok {
		t.Errorf("FirstBelow(0) = %s; book value never falls below zero", p.Label)
	}
}

// DecayShare by hand: a 2-year half-life over 4 years has consumed (1 − 1/2)/(1 − 1/4) = 2/3 of
// the depreciable amount after 2 years.
func TestDecayShare(t *testing.T) {
	for _, c := range []struct{ t, life, h, want float64 }{
		{2, 4, 2, 2.0 / 3}, {0, 4, 2, 0}, {-1, 4, 2, 0}, {4, 4, 2, 1}, {9, 4, 2, 1}, {1, 1, 1e6, 1},
		{0.5, 1, 1e9, 0.5}, // a very long half-life is straight line
	} {
		if diff := cmp.Diff(c.want, DecayShare(c.t, c.life, c.h), depAmountTol); diff != "" {
			t.Errorf("DecayShare(%v, %v, %v) (-want +got)\n%s", c.t, c.life, c.h, diff)
		}
	}
	if v := DecayShare(1, 0, 2); !math.IsNaN(v) {
		t.Errorf("DecayShare with life 0 = %v, want NaN", v)
	}
}

func TestEnums_Text(t *testing.T) {
	type textEnum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	for _, c := range []struct {
		v    textEnum
		text string
	}{
		{StraightLine, "straight-line"}, {DecliningBalance, "declining-balance"}, {SumOfYearsDigits, "sum-of-years-digits"},
		{UnitsOfProduction, "units-of-production"}, {Decay, "decay"}, {Annual, "annual"}, {Monthly, "monthly"},
		{ProrateMonths, "months"}, {ProrateNextMonth, "next-month"}, {ProrateDays, "days"},
	} {
		got, err := c.v.MarshalText()
		if err != nil || string(got) != c.text || c.v.String() != c.text {
			t.Errorf("%#v: MarshalText = %q, %v; String = %q; want %q", c.v, got, err, c.v.String(), c.text)
		}
	}
	var m Method
	if err := m.UnmarshalText([]byte("decay")); err != nil || m != Decay {
		t.Errorf("UnmarshalText(decay) = %v, %v", m, err)
	}
	if err := m.UnmarshalText([]byte("linear")); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("UnmarshalText(linear): %v, want ErrInvalidInput", err)
	}
	if _, err := Method(42).MarshalText(); !errors.Is(err, ErrInvalidInput) || Method(42).String() != "Method(42)" {
		t.Errorf("Method(42): %v, %q", err, Method(42).String())
	}
}

// Schedules compare with go-cmp through their Equal methods: the same plan built twice is
// equal; a plan one fen dearer is not, and cmp.Diff shows where.
func TestSchedule_Equal(t *testing.T) {
	p := Plan{Cost: depCNY("3000"), LifeYears: 3, InService: depDay(2024, 1, 1), Method: SumOfYearsDigits}
	a, _ := NewSchedule(p, Policy{})
	b, _ := NewSchedule(p, Policy{})
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same plan (-a +b)\n%s", diff)
	}
	p.Cost = depCNY("3000.01")
	c, _ := NewSchedule(p, Policy{})
	if cmp.Equal(a, c) {
		t.Error("schedules of different costs compare equal")
	}
	if diff := cmp.Diff(a.Periods, c.Periods); diff == "" {
		t.Error("cmp.Diff of different periods is empty")
	}
}
