package billing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var (
	cny = assay.MustCurrency("CNY")
	hkd = assay.MustCurrency("HKD")
)

func cnym(s string) assay.Money    { return assay.MustMoney(s, "CNY") }
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var jan = Period{Start: day(2025, 1, 1), End: day(2025, 2, 1)}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func rec(id, cust string, t time.Time, q int64, dims ...string) Record {
	r := Record{ID: id, Customer: cust, Metric: "calls", Time: t, Quantity: q}
	if len(dims) > 0 {
		r.Dimensions = map[string]string{}
		for i := 0; i+1 < len(dims); i += 2 {
			r.Dimensions[dims[i]] = dims[i+1]
		}
	}
	return r
}

func TestMeter_Aggregate(t *testing.T) {
	records := []Record{
		rec("a", "c1", day(2025, 1, 2), 10, "region", "CN-GD", "user", "u1"),
		rec("b", "c1", day(2025, 1, 3), 5, "region", "HK", "user", "u2"),
		rec("c", "c1", day(2025, 1, 4), 7, "region", "CN-GD", "user", "u1"),
		rec("d", "c1", day(2025, 1, 4), 3, "region", "CN-GD", "user", "u3"),
		rec("a", "c1", day(2025, 1, 2), 10, "region", "CN-GD", "user", "u1"), // identical duplicate: once
		rec("e", "c2", day(2025, 1, 5), 99, "region", "HK"),                  // another customer
		rec("f", "c1", day(2025, 2, 1), 99, "region", "HK"),                  // next period
	}
	gd := map[string]string{"region": "CN-GD"}
	hk := map[string]string{"region": "HK"}
	for _, c := range []struct {
		agg  Aggregation
		want []Group
	}{
		// By hand: CN-GD records a, c, d = 10 + 7 + 3; HK record b = 5.
		{Sum, []Group{{gd, 20, 3}, {hk, 5, 1}}},
		{Count, []Group{{gd, 3, 3}, {hk, 1, 1}}},
		{Max, []Group{{gd, 10, 3}, {hk, 5, 1}}},
		{UniqueCount, []Group{{gd, 2, 3}, {hk, 1, 1}}}, // u1, u3 in CN-GD
		{Latest, []Group{{gd, 7, 3}, {hk, 5, 1}}},      // c and d tie at 01-04: the greater ID, d… is 3
	} {
		m := Meter{Metric: "calls", Aggregation: c.agg, UniqueBy: "user", GroupBy: []string{"region"}}
		if c.agg == Latest {
			c.want[0].Quantity = 3 // d > c at the same time
		}
		got, err := m.Aggregate(records, "c1", jan)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%v (-want +got):\n%s", c.agg, d)
		}
		// Order does not matter.
		shuffled := append([]Record(nil), records...)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, _ := m.Aggregate(shuffled, "c1", jan)
		if d := cmp.Diff(got, again); d != "" {
			t.Errorf("%v depends on record order (-first +shuffled):\n%s", c.agg, d)
		}
	}
}

func TestMeter_AggregateRejectsBadRecords(t *testing.T) {
	m := Meter{Metric: "calls"}
	for _, c := range []struct {
		name    string
		records []Record
		field   string
	}{
		{"negative usage", []Record{rec("r1", "c", day(2025, 1, 2), -1)}, "quantity"},
		{"no id", []Record{rec("", "c", day(2025, 1, 2), 1)}, "id"},
		{"no time", []Record{rec("r1", "c", time.Time{}, 1)}, "time"},
		{"conflicting duplicate", []Record{rec("r1", "c", day(2025, 1, 2), 1), rec("r1", "c", day(2025, 1, 2), 2)}, "id"},
	} {
		_, err := m.Aggregate(c.records, "c", jan)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, assay.ErrInvalidInput) {
			t.Errorf("%s: %v, want *InputError on %s", c.name, err, c.field)
		}
	}
}

// regionalOffer prices API calls per region: graduated tiers in Guangdong, a flat rate
// elsewhere, plus a monthly platform fee; VAT 6 %.
func regionalOffer() Offer {
	gd := must(pricing.NewGraduated([]pricing.Tier{
		{UpTo: 1000, UnitPrice: cnym("0")},
		{UpTo: 0, UnitPrice: cnym("0.05")},
	}, assay.HalfEven))
	other := must(pricing.NewGraduated([]pricing.Tier{{UnitPrice: cnym("0.08")}}, assay.HalfEven))
	return Offer{ID: "public-cn", Product: "traffic-flows", Valid: Period{Start: day(2024, 1, 1)}, Currency: cny,
		Charges: []Charge{
			{Name: "api calls", Meter: Meter{Metric: "calls", GroupBy: []string{"region"}}, Plan: other,
				Dimension: "region", ByValue: map[string]pricing.Plan{"CN-GD": gd}},
			{Name: "platform fee", Plan: must(pricing.NewFixed(cnym("500"), "platform fee"))},
		},
		TaxRate: dec("0.06")}
}

// TestBuildInvoice_WorkedExample: by hand. CN-GD 3,500 calls: first 1,000 free, 2,500 × 0.05 =
// 125.00; HK 1,000 calls × 0.08 = 80.00; platform fee 500.00. Subtotal 705.00. A 10 % coupon
// on API calls: 12.50 and 8.00. Nets 112.50, 72.00, 500.00; VAT 6 % per line: 6.75, 4.32,
// 30.00 = 41.07. Total 684.50 + 41.07 = 725.57; a promotional credit of 100 pays 100.00, so
// 625.57 is due.
func TestBuildInvoice_WorkedExample(t *testing.T) {
	o := regionalOffer()
	records := []Record{
		rec("1", "c", day(2025, 1, 3), 2000, "region", "CN-GD"), rec("2", "c", day(2025, 1, 9), 1500, "region", "CN-GD"),
		rec("3", "c", day(2025, 1, 9), 1000, "region", "HK"),
	}
	w := must(NewWallet(cny, assay.Money{}))
	w = must(w.Grant(Credit{ID: "welcome", Kind: Promotional, Amount: cnym("100"), Granted: day(2024, 12, 20)}))
	inv, w2, err := BuildInvoice(context.Background(), InvoiceInput{ID: "INV-1", Customer: "c", Offer: o, Period: jan, Records: records,
		Coupons: []Redemption{{Coupon: Coupon{ID: "LAUNCH10", Percent: dec("0.10"), Charges: []string{"api calls"}}}}, Wallet: w})
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{Kind: UsageLine, Charge: "api calls", Description: "api calls (region=CN-GD)", Quantity: 3500, Amount: cnym("125"), Discount: cnym("12.50"), Net: cnym("112.50"), Tax: cnym("6.75")},
		{Kind: UsageLine, Charge: "api calls", Description: "api calls (region=HK)", Quantity: 1000, Amount: cnym("80"), Discount: cnym("8"), Net: cnym("72"), Tax: cnym("4.32")},
		{Kind: FlatLine, Charge: "platform fee", Description: "platform fee", Amount: cnym("500"), Discount: cnym("0"), Net: cnym("500"), Tax: cnym("30")},
	}
	if d := cmp.Diff(want, inv.Lines); d != "" {
		t.Errorf("lines (-want +got):\n%s", d)
	}
	totals := []assay.Money{inv.Subtotal, inv.Discount, inv.Tax, inv.Total, inv.CreditsApplied, inv.AmountDue}
	if d := cmp.Diff([]assay.Money{cnym("705"), cnym("20.50"), cnym("41.07"), cnym("725.57"), cnym("100"), cnym("625.57")}, totals); d != "" {
		t.Errorf("subtotal, discount, tax, total, credits, due (-want +got):\n%s", d)
	}
	if !w2.Balance().IsZero() || !w.Balance().Equal(cnym("100")) {
		t.Errorf("wallet after %v (want 0), before %v (want 100, unchanged)", w2.Balance(), w.Balance())
	}
}

func TestBuildInvoice_TrialAndCommitment(t *testing.T) {
	o := regionalOffer()
	o.Trial = Trial{Days: 14, Units: 500}
	o.Commitment = cnym("1000")
	// Subscribed 2025-01-10: usage before 01-24 is free; 500 trial units come off the first
	// usage line; the flat fee is billed for the 8 days of January's 31 after the trial. By
	// hand: HK 2,000 calls after the trial, 1,500 billable × 0.08 = 120.00; platform fee
	// 500 × 8/31 = 129.032… → 129.03; spent 249.03, below the 1,000.00 commitment by 750.97.
	records := []Record{rec("1", "c", day(2025, 1, 12), 5000, "region", "HK"), rec("2", "c", day(2025, 1, 25), 2000, "region", "HK")}
	inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "INV-T", Customer: "c", Offer: o, Period: jan, Records: records, SubscriptionStart: day(2025, 1, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var amounts []string
	for _, l := range inv.Lines {
		amounts = append(amounts, l.Kind.String()+" "+l.Amount.String())
	}
	if d := cmp.Diff([]string{"usage 120.00 CNY", "flat 129.03 CNY", "true-up 750.97 CNY"}, amounts); d != "" {
		t.Errorf("lines (-want +got):\n%s", d)
	}
	if !inv.Total.Equal(cnym("1060")) { // 1,000.00 + 6 % VAT
		t.Errorf("total %v, want 1060.00 CNY", inv.Total)
	}
}

func TestCoupon_WrongPlanAndDuration(t *testing.T) {
	o := regionalOffer()
	_, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan,
		Coupons: []Redemption{{Coupon: Coupon{ID: "PRO50", Percent: dec("0.5"), Charges: []string{"pro seats"}}}}})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Record != `coupon "PRO50"` || ie.Field != "charges" {
		t.Fatalf("coupon on another plan: %v, want *InputError naming the coupon", err)
	}
	// A 50-off coupon for two periods, used twice already, no longer applies.
	r := Redemption{Coupon: Coupon{ID: "FIFTY", Amount: cnym("50"), Periods: 2}, Used: 2}
	inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan, Coupons: []Redemption{r}})
	if err != nil || !inv.Discount.IsZero() || len(inv.Coupons) != 0 {
		t.Fatalf("spent coupon: discount %v coupons %v err %v, want none", inv.Discount, inv.Coupons, err)
	}
}

func TestCatalog(t *testing.T) {
	pub := regionalOffer()
	priv := regionalOffer()
	priv.ID, priv.Buyers, priv.Regions, priv.Currency = "private-hk", []string{"hk-insurer"}, []string{"HK"}, hkd
	priv.Charges = []Charge{{Name: "licence", Plan: must(pricing.NewFixed(assay.MustMoney("20000", "HKD"), "licence"))}}
	c, err := NewCatalog(pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Select("traffic-flows", "hk-insurer", "HK", day(2025, 3, 1))
	if err != nil || got.ID != "private-hk" {
		t.Errorf("Select for the named buyer = %q, %v; want the private offer", got.ID, err)
	}
	got, err = c.Select("traffic-flows", "someone", "HK", day(2025, 3, 1))
	if err != nil || got.ID != "public-cn" {
		t.Errorf("Select for another buyer = %q, %v; want the public offer", got.ID, err)
	}
	if _, err := c.Select("traffic-flows", "someone", "HK", day(2023, 3, 1)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("before the offers: %v, want ErrInvalidInput", err)
	}
	dup := regionalOffer()
	dup.ID = "public-cn-2"
	if _, err := NewCatalog(pub, dup); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("overlapping public offers: %v, want ErrInvalidInput", err)
	}
	later := dup
	later.Valid = Period{Start: day(2030, 1, 1)}
	pub.Valid.End = day(2030, 1, 1)
	if _, err := NewCatalog(pub, later); err != nil {
		t.Errorf("consecutive offers: %v", err)
	}
}

func TestInstalments(t *testing.T) {
	// By hand: 100,000.00 HKD in 3 → 33,333.34 + 33,333.33 + 33,333.33.
	got, err := Instalments(assay.MustMoney("100000", "HKD"), 3, day(2025, 1, 15), 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []Instalment{{day(2025, 1, 15), assay.MustMoney("33333.34", "HKD")}, {day(2025, 5, 15), assay.MustMoney("33333.33", "HKD")}, {day(2025, 9, 15), assay.MustMoney("33333.33", "HKD")}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// Stripe's billing cycle example (docs.stripe.com/billing/subscriptions/billing-cycle): an
	// anchor of January 31 bills February 28 (29 in a leap year), March 31, April 30.
	var due []string
	for _, p := range must(Instalments(cnym("4"), 4, day(2024, 1, 31), 1)) {
		due = append(due, p.Due.Format(time.DateOnly))
	}
	if d := cmp.Diff([]string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"}, due); d != "" {
		t.Errorf("due dates from January 31 (-want +got):\n%s", d)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		total := assay.MoneyFromMinor(1+rng.Int64N(1e12), cny)
		n := 1 + rng.IntN(60)
		parts, err := Instalments(total, n, day(2025, 1, 1), 1)
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := assay.Sum(func() []assay.Money {
			var ms []assay.Money
			for _, p := range parts {
				ms = append(ms, p.Amount)
			}
			return ms
		}()...)
		if !sum.Equal(total) {
			t.Fatalf("%d instalments of %v sum to %v", n, total, sum)
		}
	}
}

func TestWallet_DrawOrderExpiryOverdraft(t *testing.T) {
	w := must(NewWallet(cny, cnym("50")))
	w = must(w.Grant(Credit{ID: "paid-early", Kind: Paid, Amount: cnym("100"), Granted: day(2025, 1, 1), Expires: day(2025, 3, 1)}))
	w = must(w.Grant(Credit{ID: "promo-late", Kind: Promotional, Amount: cnym("30"), Granted: day(2025, 1, 2), Expires: day(2025, 6, 1)}))
	w = must(w.Grant(Credit{ID: "promo-soon", Kind: Promotional, Amount: cnym("20"), Granted: day(2025, 1, 3), Expires: day(2025, 2, 1)}))
	// 60 drawn: promotional first, earliest expiry first: promo-soon 20, promo-late 30, then paid 10.
	w, used, err := w.Apply(day(2025, 1, 20), cnym("60"), "INV-1")
	if err != nil || !used.Equal(cnym("60")) {
		t.Fatalf("Apply: %v %v", used, err)
	}
	// At 03-01 the paid credit's 90 left lapses; a debit of 40 then runs into the overdraft.
	w, err = w.Debit(day(2025, 3, 5), cnym("40"), "USE-1")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Kind    string
		Credit  string
		Amount  string
		Balance string
	}
	var got []row
	for _, e := range w.Entries() {
		got = append(got, row{e.Kind.String(), e.Credit, e.Amount.String(), e.Balance.String()})
	}
	want := []row{
		{"grant", "paid-early", "100.00 CNY", "100.00 CNY"},
		{"grant", "promo-late", "30.00 CNY", "130.00 CNY"},
		{"grant", "promo-soon", "20.00 CNY", "150.00 CNY"},
		{"debit", "promo-soon", "-20.00 CNY", "130.00 CNY"},
		{"debit", "promo-late", "-30.00 CNY", "100.00 CNY"},
		{"debit", "paid-early", "-10.00 CNY", "90.00 CNY"},
		{"expiry", "paid-early", "-90.00 CNY", "0.00 CNY"},
		{"overdraft", "", "-40.00 CNY", "-40.00 CNY"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ledger (-want +got):\n%s", d)
	}
	// 20 more would pass the 50 overdraft: refused, wallet unchanged.
	if _, err := w.Debit(day(2025, 3, 6), cnym("20"), "USE-2"); !errors.Is(err, ErrInsufficientCredit) {
		t.Errorf("beyond the overdraft: %v, want ErrInsufficientCredit", err)
	}
	// A grant repays the overdraft first.
	w = must(w.Grant(Credit{ID: "top-up", Amount: cnym("100"), Granted: day(2025, 3, 7)}))
	if !w.Balance().Equal(cnym("60")) {
		t.Errorf("balance after top-up %v, want 60.00", w.Balance())
	}
	if _, err := w.Debit(day(2025, 3, 1), cnym("1"), "LATE"); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("debit before the last operation: %v, want ErrOutOfOrder", err)
	}
	// Without an overdraft the balance never goes negative.
	w0 := must(NewWallet(cny, assay.Money{}))
	if _, err := w0.Debit(day(2025, 1, 1), cnym("0.01"), "X"); !errors.Is(err, ErrInsufficientCredit) {
		t.Errorf("empty wallet without overdraft: %v, want ErrInsufficientCredit", err)
	}
}

func TestCreditNote(t *testing.T) {
	o := regionalOffer()
	records := []Record{rec("1", "c", day(2025, 1, 3), 3500, "region", "CN-GD")}
	inv := must2(BuildInvoice(context.Background(), InvoiceInput{ID: "INV-1", Customer: "c", Offer: o, Period: jan, Records: records}))
	// Lines: usage 125.00 (tax 7.50), platform fee 500.00 (tax 30.00). By hand: refund 33.33 of
	// the usage line reverses 7.50 × 33.33/125 = 1.9998 → 2.00; the rest, 91.67, reverses
	// exactly the 5.50 left, so the line's tax is reversed in full.
	n1, err := inv.CreditNote("CN-1", day(2025, 2, 3), "outage", []Refund{{Line: 0, Amount: cnym("33.33")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n2, err := inv.CreditNote("CN-2", day(2025, 2, 4), "cancelled", []Refund{{Line: 0, Amount: cnym("91.67")}, {Line: 1, Amount: cnym("500")}}, []CreditNote{n1})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]assay.Money{cnym("35.33"), cnym("627.17")}, []assay.Money{n1.Total, n2.Total}); d != "" {
		t.Errorf("credit note totals (-want +got):\n%s", d)
	}
	s := must(Summarize(cny, []Invoice{inv}, []CreditNote{n1, n2}))
	if !s.Owed.IsZero() {
		t.Errorf("a fully refunded invoice leaves %v owed, want 0", s.Owed)
	}
	for _, c := range []struct {
		name    string
		refunds []Refund
		prior   []CreditNote
		at      time.Time
		want    error
	}{
		{"above the line", []Refund{{Line: 1, Amount: cnym("500.01")}}, nil, day(2025, 2, 3), ErrInvalidInput},
		{"above what is left", []Refund{{Line: 0, Amount: cnym("91.68")}}, []CreditNote{n1}, day(2025, 2, 3), ErrInvalidInput},
		{"unknown line", []Refund{{Line: 7, Amount: cnym("1")}}, nil, day(2025, 2, 3), ErrInvalidInput},
		{"before the period ends", []Refund{{Line: 0, Amount: cnym("1")}}, nil, day(2025, 1, 20), ErrOutOfOrder},
		{"other currency", []Refund{{Line: 0, Amount: assay.MustMoney("1", "HKD")}}, nil, day(2025, 2, 3), assay.ErrCurrencyMismatch},
	} {
		if _, err := inv.CreditNote("CN-X", c.at, "", c.refunds, c.prior); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

func must2[T, U any](v T, _ U, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestProrate(t *testing.T) {
	usd := func(s string) assay.Money { return assay.MustMoney(s, "USD") }
	april := Period{Start: day(2025, 4, 1), End: day(2025, 5, 1)}
	for _, c := range []struct {
		name   string
		change Change
		want   []string
	}{
		// Stripe, "Prorations": 10 USD → 20 USD halfway through the period: −5 USD for the unused
		// time on the old price, 10 USD for the remaining time on the new one.
		{"Stripe's example, by second", Change{At: day(2025, 4, 16), From: usd("10"), To: usd("20"), Unit: BySecond}, []string{"-5.00 USD", "10.00 USD"}},
		// By day, by hand: 30-day April, change on the 21st: 10 unused days of 30.
		// 300 × 10/30 = 100; 600 × 10/30 = 200.
		{"by day", Change{At: day(2025, 4, 21), From: usd("300"), To: usd("600")}, []string{"-100.00 USD", "200.00 USD"}},
		// Downgrade, 7 days unused: 99.99 × 7/30 = 23.331 → 23.33; 49.99 × 7/30 = 11.6643 → 11.66.
		{"downgrade", Change{At: day(2025, 4, 24), From: usd("99.99"), To: usd("49.99")}, []string{"-23.33 USD", "11.66 USD"}},
		{"at period end", Change{At: day(2025, 4, 10), From: usd("10"), To: usd("20"), Effect: AtPeriodEnd}, nil},
	} {
		adj, err := Prorate(april, c.change)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, a := range adj {
			got = append(got, a.Amount.String())
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, d)
		}
	}
	if _, err := Prorate(april, Change{At: day(2025, 5, 2), From: usd("1"), To: usd("2")}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("change outside the period: %v", err)
	}
}

// TestHistories_Reconcile is the property of the issue: over random histories of usage,
// coupons, credit grants, plan changes and refunds, invoiced − credited − credits used equals
// what the buyer owes, computed independently from the invoices' amounts due and the credit
// notes; every invoice's lines add up to its totals; the credits an invoice used are exactly
// the wallet's debits for it; no credit note exceeds its invoice; and storing the wallet and
// the invoices as JSON between runs changes nothing.
func TestHistories_Reconcile(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2026))
	for trial := range 200 {
		// Some histories have a minimum commitment, a trial in days and units from a random
		// subscription day in January, or both.
		o := regionalOffer()
		var subscribed time.Time
		if rng.IntN(2) == 0 {
			o.Commitment = assay.MoneyFromMinor(rng.Int64N(200_000), cny)
		}
		if rng.IntN(2) == 0 {
			o.Trial = Trial{Days: rng.IntN(45), Units: rng.Int64N(3000)}
			subscribed = day(2025, 1, 1+rng.IntN(28))
		}
		w := must(NewWallet(cny, assay.Money{}))
		var invoices []Invoice
		var notes []CreditNote
		var owedOracle int64
		redemptions := []Redemption{{Coupon: Coupon{ID: "P", Percent: decimal.New(int64(1+rng.IntN(50)), -2), Periods: 1 + rng.IntN(3)}}}
		start := day(2025, 1, 1)
		for m := range 6 {
			p := Period{Start: start.AddDate(0, m, 0), End: start.AddDate(0, m+1, 0)}
			if rng.IntN(2) == 0 {
				w = must(w.Grant(Credit{ID: fmt.Sprint("g", m), Kind: CreditKind(rng.IntN(2)), Amount: assay.MoneyFromMinor(1+rng.Int64N(100_000), cny),
					Granted: p.Start, Expires: p.Start.AddDate(0, 1+rng.IntN(3), 0)}))
			}
			var records []Record
			for k := range rng.IntN(20) {
				records = append(records, rec(fmt.Sprint(m, "-", k), "c", p.Start.Add(time.Duration(rng.Int64N(int64(p.End.Sub(p.Start))))), rng.Int64N(5000),
					"region", []string{"CN-GD", "HK", "MO"}[rng.IntN(3)]))
			}
			var adj []Adjustment
			if rng.IntN(3) == 0 {
				adj = must(Prorate(p, Change{At: p.Start.AddDate(0, 0, rng.IntN(28)), From: cnym("500"), To: assay.MoneyFromMinor(rng.Int64N(200_000), cny)}))
			}
			inv, w2, err := BuildInvoice(context.Background(), InvoiceInput{ID: fmt.Sprint("INV-", m), Customer: "c", Offer: o, Period: p,
				Records: records, Coupons: redemptions, Wallet: w, Adjustments: adj, SubscriptionStart: subscribed, InvoicedUntil: p.Start})
			if err != nil {
				t.Fatalf("trial %d month %d: %v", trial, m, err)
			}
			for i := range redemptions {
				if len(inv.Coupons) > 0 {
					redemptions[i].Used++
				}
			}
			checkInvoice(t, inv)
			// The wallet's debits for this invoice are its credits applied.
			var debits int64
			for _, e := range w2.Entries()[len(w.Entries()):] {
				if e.Kind == Debit && e.Ref == inv.ID {
					u, _ := e.Amount.MinorUnits()
					debits -= u
				}
			}
			if c, _ := inv.CreditsApplied.MinorUnits(); c != debits {
				t.Fatalf("trial %d: invoice used %v, wallet debited %d", trial, inv.CreditsApplied, debits)
			}
			// A backend stores the wallet and the invoice between runs: reading them back
			// changes nothing that follows.
			w = must(ParseWallet(must(json.Marshal(w2))))
			inv = must(ParseInvoice(must(json.Marshal(inv))))
			invoices = append(invoices, inv)
			due, _ := inv.AmountDue.MinorUnits()
			owedOracle += due
			if rng.IntN(3) == 0 && len(inv.Lines) > 0 {
				line := rng.IntN(len(inv.Lines))
				if n, _ := inv.Lines[line].Net.MinorUnits(); n > 0 {
					note, err := inv.CreditNote("CN-"+inv.ID, p.End, "", []Refund{{Line: line, Amount: assay.MoneyFromMinor(1+rng.Int64N(n), cny)}}, nil)
					if errors.Is(err, ErrInvalidInput) {
						continue // more than the invoice's total: refused, as the rule says
					}
					if err != nil {
						t.Fatalf("trial %d: %v", trial, err)
					}
					if c, _ := note.Total.Cmp(inv.Total); c > 0 {
						t.Fatalf("trial %d: credit note %v exceeds invoice %v", trial, note.Total, inv.Total)
					}
					notes = append(notes, note)
					tot, _ := note.Total.MinorUnits()
					owedOracle -= tot
				}
			}
		}
		s := must(Summarize(cny, invoices, notes))
		if o, _ := s.Owed.MinorUnits(); o != owedOracle {
			t.Fatalf("trial %d: statement owes %v, oracle %d", trial, s.Owed, owedOracle)
		}
	}
}

func checkInvoice(t *testing.T, inv Invoice) {
	t.Helper()
	var sub, dis, tax, net []assay.Money
	for _, l := range inv.Lines {
		sub, dis, tax, net = append(sub, l.Amount), append(dis, l.Discount), append(tax, l.Tax), append(net, l.Net)
		if d, _ := l.Amount.Sub(l.Discount); !d.Equal(l.Net) {
			t.Fatalf("%s: line %+v: amount − discount ≠ net", inv.ID, l)
		}
	}
	sum := func(ms []assay.Money) assay.Money {
		s, _ := assay.Sum(append(ms, assay.MoneyFromMinor(0, inv.Currency))...)
		return s
	}
	nt, _ := sum(net).Add(sum(tax))
	due, _ := inv.Total.Sub(inv.CreditsApplied)
	for _, c := range []struct {
		name      string
		want, got assay.Money
	}{
		{"subtotal", inv.Subtotal, sum(sub)}, {"discount", inv.Discount, sum(dis)}, {"tax", inv.Tax, sum(tax)},
		{"total", inv.Total, nt}, {"amount due", inv.AmountDue, due},
	} {
		if !c.want.Equal(c.got) {
			t.Fatalf("%s: %s %v, Σ lines %v", inv.ID, c.name, c.want, c.got)
		}
	}
}

func BenchmarkBuildInvoice_100kRecords(b *testing.B) {
	o := regionalOffer()
	rng := rand.New(rand.NewPCG(1, 1))
	records := make([]Record, 100_000)
	regions := []string{"CN-GD", "HK", "MO", "CN-SH"}
	for i := range records {
		records[i] = Record{ID: fmt.Sprint("r", i), Customer: "c", Metric: "calls", Time: jan.Start.Add(time.Duration(rng.Int64N(int64(31 * 24 * time.Hour)))),
			Quantity: rng.Int64N(100), Dimensions: map[string]string{"region": regions[rng.IntN(len(regions))]}}
	}
	in := InvoiceInput{ID: "INV", Customer: "c", Offer: o, Period: jan, Records: records}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := BuildInvoice(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
