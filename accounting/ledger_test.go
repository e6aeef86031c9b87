package accounting

import (
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func cny(s string) assay.Money { return assay.MustMoney(s, "CNY") }

func sampleBook(t testing.TB) Book {
	t.Helper()
	data, err := os.ReadFile("../examples/balance-sheet/company.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBook(data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sampleLedger(t testing.TB) *Ledger {
	t.Helper()
	l, err := NewLedger(sampleBook(t))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// rowText returns a roll-forward row as [purchased, developed, other, total] in plain decimals.
func rowText(t *testing.T, rf RollForward, line Line) [4]string {
	t.Helper()
	r, ok := rf.Row(line)
	if !ok {
		t.Fatalf("%s %d has no row %s", rf.Class, rf.Year, line)
	}
	f := func(m assay.Money) string { return m.Amount().StringFixed(2) }
	return [4]string{f(r.Purchased), f(r.Developed), f(r.Other), f(r.Total)}
}

// TestLedger_SampleCompany checks the shipped sample against hand calculations.
//
// traffic-flow (purchased, own use): capitalised 1,200,000 price + 72,000 VAT + 45,000
// desensitisation + 80,000 cleansing + 60,000 labelling + 20,000 rights + 15,000 quality +
// 8,000 registration = 1,500,000; expensed 30,000 collection + 12,000 training = 42,000.
// Ready in March 2024, 5 years straight line, the month of availability counting in full:
// 2024 = 1,500,000/5 × 10/12 = 250,000; 2025 and 2026 = 300,000. At 2026-12-31 the carrying
// amount is 650,000; recoverable = max(500,000 fair value less costs, 260,000/1.1 +
// 230,000/1.1² + 40,000/1.1³ = 456,498.87) = 500,000, so the loss is 150,000. The remaining
// 26 months (Jan 2027 – Feb 2029) amortise 500,000: 500,000 × 12/26 = 230,769.23 in 2027 and
// again in 2028, leaving 38,461.54.
//
// mobility-index (developed, licensed): capitalised 70,000 + 420,000 + 50,000 + 160,000 + 8,000
// + 12,000 = 720,000 incurred from 2024-05-01 to ready; expensed 180,000 research + 90,000 April
// salaries + 25,000 launch = 295,000. 4 years from September 2024: 60,000 in 2024, 180,000 a
// year, 120,000 in 2028. Tested 2027-12-31: carrying 120,000 < 300,000, not impaired.
//
// poi-2024 (processed, for sale): cost 150,000 + 60,000 + 40,000 = 250,000; storage 5,000
// expensed. NRV 2024 = 230,000 − 10,000 = 220,000 → write-down 30,000; NRV 2025 = 250,000 →
// reversal 30,000; sold 2026-03-15 for 280,000: gain 30,000.
//
// carbon-index (in development at the end of 2028): 200,000 + 40,000 = 240,000 capitalised
// from 2028-03-01 waits in development expenditure; 60,000 of research in 2027 is expensed.
func TestLedger_SampleCompany(t *testing.T) {
	l := sampleLedger(t)
	type key struct {
		year  int
		class Class
		line  Line
	}
	want := map[key][4]string{
		{2024, Intangible, CostPurchase}:               {"1500000.00", "0.00", "0.00", "1500000.00"},
		{2024, Intangible, CostDevelopment}:            {"0.00", "720000.00", "0.00", "720000.00"},
		{2024, Intangible, AmortCharge}:                {"250000.00", "60000.00", "0.00", "310000.00"},
		{2024, Intangible, CarryingClosing}:            {"1250000.00", "660000.00", "0.00", "1910000.00"},
		{2026, Intangible, AmortCharge}:                {"300000.00", "180000.00", "0.00", "480000.00"},
		{2026, Intangible, ProvCharge}:                 {"150000.00", "0.00", "0.00", "150000.00"},
		{2026, Intangible, CarryingClosing}:            {"500000.00", "300000.00", "0.00", "800000.00"},
		{2027, Intangible, AmortCharge}:                {"230769.23", "180000.00", "0.00", "410769.23"},
		{2027, Intangible, ProvClosing}:                {"150000.00", "0.00", "0.00", "150000.00"},
		{2028, Intangible, AmortClosing}:               {"1311538.46", "720000.00", "0.00", "2031538.46"},
		{2028, Intangible, CarryingClosing}:            {"38461.54", "0.00", "0.00", "38461.54"},
		{2024, Inventory, CostProcessing}:              {"0.00", "250000.00", "0.00", "250000.00"},
		{2024, Inventory, ProvCharge}:                  {"0.00", "30000.00", "0.00", "30000.00"},
		{2024, Inventory, CarryingClosing}:             {"0.00", "220000.00", "0.00", "220000.00"},
		{2025, Inventory, ProvReversal}:                {"0.00", "30000.00", "0.00", "30000.00"},
		{2026, Inventory, CostDisposal}:                {"0.00", "250000.00", "0.00", "250000.00"},
		{2026, Inventory, CostClosing}:                 {"0.00", "0.00", "0.00", "0.00"},
		{2024, DevelopmentExpenditure, DevTransferred}: {"0.00", "720000.00", "0.00", "720000.00"},
		{2028, DevelopmentExpenditure, DevClosing}:     {"0.00", "240000.00", "0.00", "240000.00"},
	}
	got := map[key][4]string{}
	for k := range want {
		y := l.Years[k.year-2024]
		rf := map[Class]RollForward{Intangible: y.Intangible, Inventory: y.Inventory, DevelopmentExpenditure: y.Development}[k.class]
		got[k] = rowText(t, rf, k.line)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roll-forwards (-want +got)\n%s", diff)
	}

	measured := map[string][2]string{}
	for _, r := range l.Resources {
		measured[r.ID] = [2]string{r.Measurement.Capitalised.Amount().StringFixed(2), r.Measurement.Expensed.Amount().StringFixed(2)}
	}
	wantMeasured := map[string][2]string{"traffic-flow": {"1500000.00", "42000.00"}, "mobility-index": {"720000.00", "295000.00"},
		"poi-2024": {"250000.00", "5000.00"}, "open-gov": {"0.00", "40000.00"}, "carbon-index": {"240000.00", "60000.00"}}
	if diff := cmp.Diff(wantMeasured, measured); diff != "" {
		t.Errorf("capitalised and expensed (-want +got)\n%s", diff)
	}

	// Profit or loss of 2024: traffic −42,000 − 250,000; mobility −295,000 − 60,000; poi −5,000
	// − 30,000; open-gov −40,000.
	pl := map[string]string{}
	for _, ry := range l.Years[0].Resources {
		pl[ry.Resource] = ry.ProfitOrLoss.Amount().StringFixed(2)
	}
	if diff := cmp.Diff(map[string]string{"traffic-flow": "-292000.00", "mobility-index": "-355000.00", "poi-2024": "-35000.00", "open-gov": "-40000.00"}, pl); diff != "" {
		t.Errorf("2024 profit or loss (-want +got)\n%s", diff)
	}
	// The 2026 test carries the income approach's working; its value is the hand-computed
	// present value 456,498.87.
	for _, e := range l.Entries {
		if e.Kind == EntryImpairment && e.Resource == "traffic-flow" {
			if n := len(e.Trail); n == 0 || e.Trail[n-1].Value.Amount().StringFixed(2) != "456498.87" {
				t.Errorf("impairment entry's trail %v does not end at 456498.87", e.Trail)
			}
		}
	}
	checkLedger(t, l)
}

func purchasedIntangible(id string) Resource {
	return Resource{ID: id, Route: Purchased, Use: OwnUse,
		Criteria: Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: true},
		Ready:    NewDate(2024, 1, 31), Life: Life{Years: 4},
		Costs: []CostLine{{Kind: PurchasePrice, Date: NewDate(2024, 1, 10), Amount: cny("480000.00")}}}
}

func inventoryItem(id string) Resource {
	return Resource{ID: id, Route: Purchased, Use: Sale, Criteria: Criteria{Controlled: true, ProbableBenefits: true, ReliableCost: true},
		Ready: NewDate(2024, 2, 1), Costs: []CostLine{{Kind: PurchasePrice, Date: NewDate(2024, 1, 20), Amount: cny("100000.00")}}}
}

func book(rs ...Resource) Book {
	return Book{Currency: assay.MustMoney("0", "CNY").Currency(), Resources: rs}
}

// TestLedger_IndefiniteLife: no amortisation (CAS 6 art. 19), an impairment test every year
// (CAS 8 art. 4), losses never reversed even when the recoverable amount recovers (art. 17).
func TestLedger_IndefiniteLife(t *testing.T) {
	r := purchasedIntangible("registry")
	r.Life = Life{Indefinite: true, Basis: "statutory register, renewed every year at no cost"}
	tests := []Event{}
	for y, v := range map[int]string{2024: "500000.00", 2025: "400000.00", 2026: "450000.00", 2027: "300000.00", 2028: "600000.00"} {
		tests = append(tests, Event{Kind: ImpairmentTest, Date: yearEnd(y), ValueInUse: ptr(cny(v))})
	}
	slices.SortFunc(tests, func(a, b Event) int { return a.Date.t.Compare(b.Date.t) })
	r.Events = tests
	l, err := NewLedger(book(r))
	if err != nil {
		t.Fatal(err)
	}
	// Carrying: 480,000 (2024: 500,000 ≥ 480,000) → 400,000 (loss 80,000) → 400,000 (450,000, no
	// reversal) → 300,000 (loss 100,000) → 300,000.
	var got []string
	for _, y := range l.Years {
		got = append(got, rowText(t, y.Intangible, CarryingClosing)[3]+"/"+rowText(t, y.Intangible, AmortCharge)[3])
	}
	want := []string{"480000.00/0.00", "400000.00/0.00", "400000.00/0.00", "300000.00/0.00", "300000.00/0.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	checkLedger(t, l)

	r.Events = r.Events[:3] // no test in 2027 or 2028
	_, err = NewLedger(book(r))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "resources[0].events" {
		t.Errorf("missing annual test: got %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestLedger_TransferAndDerecognition: a change of use moves the carrying amount between the
// tables as an other decrease and an other increase; derecognition writes the rest off.
//
// 480,000 over 4 years from January 2024: 10,000 a month. Transferred to inventory on
// 2025-06-30, June not amortised (the month an intangible leaves is not charged): 17 months,
// carrying 310,000 (cost 480,000, amortisation 170,000). Transferred back on 2026-03-31 at
// 310,000 and amortised over 4 more years from April 2026: 310,000/48 = 6,458.33 a month,
// 9/12 × 77,500 = 58,125.00 in 2026. Derecognised 2027-06-30, amortised January–May:
// 5/12 × 77,500 = 32,291.67; written off 310,000 − 58,125.00 − 32,291.67 = 219,583.33.
func TestLedger_TransferAndDerecognition(t *testing.T) {
	r := purchasedIntangible("dual")
	r.Events = []Event{
		{Kind: Transfer, Date: NewDate(2025, 6, 30), To: Inventory},
		{Kind: Transfer, Date: NewDate(2026, 3, 31), To: Intangible},
		{Kind: Derecognition, Date: NewDate(2027, 6, 30)},
	}
	l, err := NewLedger(book(r))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{
		"2025 intangible cost other decrease":  rowText(t, l.Years[1].Intangible, CostOtherDecrease)[0],
		"2025 intangible amort other decrease": rowText(t, l.Years[1].Intangible, AmortOtherDecrease)[0],
		"2025 inventory other increase":        rowText(t, l.Years[1].Inventory, CostOtherIncrease)[0],
		"2026 intangible other increase":       rowText(t, l.Years[2].Intangible, CostOtherIncrease)[0],
		"2026 intangible amortisation":         rowText(t, l.Years[2].Intangible, AmortCharge)[0],
		"2027 amortisation":                    rowText(t, l.Years[3].Intangible, AmortCharge)[0],
		"2027 derecognised cost":               rowText(t, l.Years[3].Intangible, CostDerecognition)[0],
		"2027 closing":                         rowText(t, l.Years[3].Intangible, CarryingClosing)[0],
	}
	want := map[string]string{
		"2025 intangible cost other decrease": "480000.00", "2025 intangible amort other decrease": "170000.00",
		"2025 inventory other increase": "310000.00", "2026 intangible other increase": "310000.00",
		"2026 intangible amortisation": "58125.00", "2027 amortisation": "32291.67",
		"2027 derecognised cost": "310000.00", "2027 closing": "0.00",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	var lost string
	for _, e := range l.Entries {
		if e.Kind == EntryDerecognition {
			lost = e.ProfitOrLoss.Amount().StringFixed(2)
		}
	}
	if lost != "-219583.33" {
		t.Errorf("derecognition loss = %s, want -219583.33", lost)
	}
	checkLedger(t, l)
}

// TestLedger_DevelopmentExpenditure: capitalised development costs wait in 开发支出 until the
// resource is ready (CAS 6 art. 13; 财会〔2023〕11号 三(一)). By hand: 100,000 capitalised in
// November 2024 and 50,000 in February 2025, ready 2025-03-31: development expenditure closes
// 2024 at 100,000; in 2025 it gains 50,000 and transfers 150,000 to intangible assets.
func TestLedger_DevelopmentExpenditure(t *testing.T) {
	r := purchasedIntangible("dev")
	r.Route = Developed
	r.Criteria.Development = DevelopmentCriteria{true, true, true, true, true}
	r.DevelopmentFrom, r.Ready = NewDate(2024, 10, 1), NewDate(2025, 3, 31)
	r.Costs = []CostLine{
		{Kind: Research, Date: NewDate(2024, 6, 1), Amount: cny("30000.00")},
		{Kind: DevelopmentSalary, Date: NewDate(2024, 11, 30), Amount: cny("100000.00")},
		{Kind: Labelling, Date: NewDate(2025, 2, 28), Amount: cny("50000.00")},
	}
	l, err := NewLedger(book(r))
	if err != nil {
		t.Fatal(err)
	}
	got := [][4]string{
		rowText(t, l.Years[0].Development, DevExpenditure), rowText(t, l.Years[0].Development, DevClosing),
		rowText(t, l.Years[1].Development, DevOpening), rowText(t, l.Years[1].Development, DevExpenditure),
		rowText(t, l.Years[1].Development, DevTransferred), rowText(t, l.Years[1].Development, DevClosing),
		rowText(t, l.Years[1].Intangible, CostDevelopment),
	}
	dev := func(s string) [4]string { return [4]string{"0.00", s, "0.00", s} }
	want := [][4]string{dev("100000.00"), dev("100000.00"), dev("100000.00"), dev("50000.00"), dev("150000.00"), dev("0.00"), dev("150000.00")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	checkLedger(t, l)
}

// TestLedger_LifeReview: a revised life applies prospectively from the next month (CAS 6 arts.
// 21–22). By hand: 480,000 over 4 years from January 2024 is 120,000 a year; reviewed at
// 2025-12-31 with 240,000 left and 1 year remaining, 2026 carries the whole 240,000. An
// indefinite life (no amortisation, tested in 2024) found finite at 2025-06-30 with 2 years
// left: 480,000 over July 2025 – June 2027, 120,000 in 2025, 240,000 in 2026, 120,000 in 2027.
func TestLedger_LifeReview(t *testing.T) {
	shorter := purchasedIntangible("shorter")
	shorter.Events = []Event{{Kind: LifeReview, Date: NewDate(2025, 12, 31), Life: &Life{Years: 1}}}
	finite := purchasedIntangible("finite")
	finite.Life = Life{Indefinite: true}
	finite.Events = []Event{
		{Kind: ImpairmentTest, Date: NewDate(2024, 12, 31), FairValueLessCosts: ptr(cny("600000.00"))},
		{Kind: LifeReview, Date: NewDate(2025, 6, 30), Life: &Life{Years: 2}},
	}
	b := book(shorter, finite)
	b.Policy.MinYears = 1
	l, err := NewLedger(b)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, y := range l.Years {
		got = append(got, rowText(t, y.Intangible, AmortCharge)[3])
	}
	// shorter: 120,000, 120,000, 240,000; finite: 0, 120,000, 240,000, 120,000.
	want := []string{"120000.00", "240000.00", "480000.00", "120000.00", "0.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("amortisation by year (-want +got)\n%s", diff)
	}
	checkLedger(t, l)

	midMonth := purchasedIntangible("m")
	midMonth.Events = []Event{{Kind: LifeReview, Date: NewDate(2025, 6, 15), Life: &Life{Years: 1}}}
	if _, err := NewLedger(book(midMonth)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("a review in mid-month: got %v", err)
	}
}

// TestLedger_Errors: bad input gets a typed error naming the field.
func TestLedger_Errors(t *testing.T) {
	withEvents := func(r Resource, evs ...Event) Resource { r.Events = evs; return r }
	intangible := purchasedIntangible("a")
	item := inventoryItem("b")
	negative := purchasedIntangible("a")
	negative.Costs = []CostLine{{Kind: PurchasePrice, Date: NewDate(2024, 1, 10), Amount: cny("-1.00")}}
	dev := purchasedIntangible("a")
	dev.Route = Developed
	dev.Criteria.Development = DevelopmentCriteria{true, true, true, true, true}
	devLate := dev
	devLate.DevelopmentFrom = NewDate(2024, 3, 1)
	noLife := purchasedIntangible("a")
	noLife.Life = Life{}
	longLife := purchasedIntangible("a")
	longLife.Life = Life{Years: 30}
	agreed := purchasedIntangible("a")
	agreed.Costs = []CostLine{{Kind: AgreedValue, Date: NewDate(2024, 1, 10), Amount: cny("1.00")}}
	expensedRes := purchasedIntangible("a")
	expensedRes.Criteria.Controlled = false
	tests := []struct {
		name  string
		b     Book
		field string
		is    error
	}{
		{"negative cost", book(negative), "resources[0].costs[0].amount", ErrInvalidInput},
		{"dates out of order", book(withEvents(intangible,
			Event{Kind: ImpairmentTest, Date: NewDate(2025, 12, 31), ValueInUse: ptr(cny("1.00"))},
			Event{Kind: ImpairmentTest, Date: NewDate(2025, 6, 30), ValueInUse: ptr(cny("1.00"))})), "resources[0].events[1].date", ErrInvalidInput},
		{"event before ready", book(withEvents(intangible, Event{Kind: Derecognition, Date: NewDate(2023, 12, 31)})), "resources[0].events[0].date", ErrInvalidInput},
		{"impairment reversal of an intangible", book(withEvents(intangible, Event{Kind: Reversal, Date: NewDate(2025, 1, 1), Amount: cny("10.00")})), "resources[0].events[0].kind", ErrImpairmentReversal},
		{"write-down above cost", book(withEvents(item, Event{Kind: WriteDown, Date: NewDate(2024, 6, 30), Amount: cny("100000.01")})), "resources[0].events[0].amount", ErrWriteDownAboveCost},
		{"reversal above allowance", book(withEvents(item,
			Event{Kind: WriteDown, Date: NewDate(2024, 6, 30), Amount: cny("10.00")},
			Event{Kind: Reversal, Date: NewDate(2024, 7, 30), Amount: cny("10.01")})), "resources[0].events[1].amount", ErrWriteDownAboveCost},
		{"negative net realisable value", book(withEvents(item, Event{Kind: NRVTest, Date: NewDate(2024, 6, 30), SellingPrice: cny("10.00"), SellingCosts: cny("20.00")})), "resources[0].events[0].sellingPrice", ErrWriteDownAboveCost},
		{"NRV test without a selling price", book(withEvents(item, Event{Kind: NRVTest, Date: NewDate(2024, 6, 30), SellingCosts: cny("20.00")})), "resources[0].events[0].sellingPrice", ErrInvalidInput},
		{"event after disposal", book(withEvents(item, Event{Kind: Disposal, Date: NewDate(2024, 6, 30), Proceeds: cny("1.00")},
			Event{Kind: NRVTest, Date: NewDate(2024, 7, 30), SellingPrice: cny("1.00")})), "resources[0].events[1].date", ErrInvalidInput},
		{"impairment test on inventory", book(withEvents(item, Event{Kind: ImpairmentTest, Date: NewDate(2024, 6, 30), ValueInUse: ptr(cny("1.00"))})), "resources[0].events[0].kind", ErrInvalidInput},
		{"impairment test without a measure", book(withEvents(intangible, Event{Kind: ImpairmentTest, Date: NewDate(2024, 6, 30)})), "resources[0].events[0]", ErrInvalidInput},
		{"developed without developmentFrom", book(dev), "resources[0].developmentFrom", ErrInvalidInput},
		{"developmentFrom after ready", book(devLate), "resources[0].developmentFrom", ErrInvalidInput},
		{"no useful life", book(noLife), "resources[0].life", ErrInvalidInput},
		{"life outside the policy", book(longLife), "resources[0].life.years", ErrInvalidInput},
		{"agreed value on a purchase", book(agreed), "resources[0].costs[0].kind", ErrInvalidInput},
		{"events on an expensed resource", book(withEvents(expensedRes, Event{Kind: Derecognition, Date: NewDate(2024, 6, 30)})), "resources[0].events", ErrInvalidInput},
		{"duplicate id", book(intangible, intangible), "resources[1].id", ErrInvalidInput},
		{"other currency", book(func() Resource {
			r := purchasedIntangible("a")
			r.Costs[0].Amount = assay.MustMoney("1.00", "HKD")
			return r
		}()), "resources[0].costs[0].amount", ErrInvalidInput},
		{"unknown route", book(func() Resource { r := purchasedIntangible("a"); r.Route = "stolen"; return r }()), "resources[0].route", ErrInvalidInput},
		{"transfer to the same class", book(withEvents(item, Event{Kind: Transfer, Date: NewDate(2024, 6, 30), To: Inventory})), "resources[0].events[0].to", ErrInvalidInput},
		{"no currency", Book{}, "currency", ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewLedger(tt.b)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *InputError", err)
			}
			if ie.Field != tt.field || !errors.Is(err, tt.is) || !errors.Is(err, assay.ErrInvalidInput) {
				t.Errorf("got field %q (%v), want field %q matching %v", ie.Field, err, tt.field, tt.is)
			}
		})
	}
}
