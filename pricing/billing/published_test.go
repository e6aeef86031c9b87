package billing

import (
	"context"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
	"github.com/google/go-cmp/cmp"
)

// The worked examples that billing engines publish, each with its page. Where this package's
// rule differs from an engine's, the test says so and checks this package's documented rule.

func usdm(s string) assay.Money { return assay.MustMoney(s, "USD") }

var usd = assay.MustCurrency("USD")

// flatOffer is an offer of flat charges (name, price pairs) in cur, with tax rate tax.
func flatOffer(cur assay.Currency, tax string, charges ...string) Offer {
	o := Offer{ID: "o", Product: "p", Valid: Period{Start: day(2020, 1, 1)}, Currency: cur, TaxRate: dec(tax)}
	for i := 0; i+1 < len(charges); i += 2 {
		o.Charges = append(o.Charges, Charge{Name: charges[i], Plan: must(pricing.NewFixed(assay.MustMoney(charges[i+1], cur.Code()), charges[i]))})
	}
	return o
}

// perUnit is a charge of unitPrice per unit of metric "calls".
func perUnit(name, unitPrice string, cur assay.Currency) Charge {
	return Charge{Name: name, Meter: Meter{Metric: "calls"},
		Plan: must(pricing.NewGraduated([]pricing.Tier{{UnitPrice: assay.MustMoney(unitPrice, cur.Code())}}, assay.HalfEven))}
}

// Lago's calculation examples of its aggregation types, each on the same two events of
// 2022-03-16 and 2022-03-17 (the property aggregated is Quantity here):
//
//	count:        getlago.com/docs/guide/billable-metrics/aggregation-types/count        → 2
//	count unique: …/aggregation-types/count-unique (both request_id "id_1")              → 1
//	max:          …/aggregation-types/max (total_requests 20 then 10)                     → 20
//	latest:       …/aggregation-types/latest (total_requests 20 then 10)                  → 10
//
// and sum, by hand on the same events: 20 + 10 = 30.
func TestPublished_LagoAggregations(t *testing.T) {
	march := Period{Start: day(2022, 3, 1), End: day(2022, 4, 1)}
	events := []Record{
		rec("transaction_1", "1", day(2022, 3, 16), 20, "request_id", "id_1"),
		rec("transaction_2", "1", day(2022, 3, 17), 10, "request_id", "id_1"),
	}
	for _, c := range []struct {
		agg  Aggregation
		want int64
	}{{Count, 2}, {UniqueCount, 1}, {Max, 20}, {Latest, 10}, {Sum, 30}} {
		got, err := Meter{Metric: "calls", Aggregation: c.agg, UniqueBy: "request_id"}.Aggregate(events, "1", march)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]Group{{Quantity: c.want, Records: 2}}, got); d != "" {
			t.Errorf("%v (-want +got):\n%s", c.agg, d)
		}
	}
}

// Lago, "Upgrades and downgrades" (getlago.com/docs/guide/subscriptions/upgrades-downgrades):
// Plan A at €100 a month from January 1st, upgraded to Plan B at €200 on January 15th, calendar
// billing: Plan A is billed for 14 days, 14/31 × €100 = €45.16. By day here: 17 of January's 31
// days are unused, so the credit is −100 × 17/31 = −54.838… → −54.84 and Plan A keeps
// 100 − 54.84 = 45.16, Lago's figure; Plan B is charged 200 × 17/31 = 109.677… → 109.68.
// (Lago bills the two plans on two invoices; here they are adjustments of one period's.)
func TestPublished_LagoUpgradeByDay(t *testing.T) {
	eur := func(s string) assay.Money { return assay.MustMoney(s, "EUR") }
	adj, err := Prorate(Period{Start: day(2025, 1, 1), End: day(2025, 2, 1)}, Change{At: day(2025, 1, 15), From: eur("100"), To: eur("200"), Unit: ByDay})
	if err != nil {
		t.Fatal(err)
	}
	got := []assay.Money{adj[0].Amount, adj[1].Amount, must(eur("100").Add(adj[0].Amount))}
	if d := cmp.Diff([]assay.Money{eur("-54.84"), eur("109.68"), eur("45.16")}, got, cmp.Comparer(assay.Money.Equal)); d != "" {
		t.Errorf("credit, charge, Plan A kept (-want +got):\n%s", d)
	}
}

// Lago, "Plan model", trial period (doc.getlago.com/docs/guide/plans/plan-model): a $50
// monthly plan with a 5-day trial, subscribed on April 1st, is billed $50 × 25/30 = $41.67.
func TestPublished_LagoTrialProratesTheFee(t *testing.T) {
	o := flatOffer(usd, "0", "plan", "50")
	o.Trial = Trial{Days: 5}
	inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: o,
		Period: Period{Start: day(2025, 4, 1), End: day(2025, 5, 1)}, SubscriptionStart: day(2025, 4, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Lines) != 1 || !inv.Lines[0].Amount.Equal(usdm("41.67")) {
		t.Errorf("lines %+v, want one line of 41.67 USD", inv.Lines)
	}
}

// Lago's changelog "New calculation method for invoices" (getlago.com/changelog): subscriptions
// $50, usage $20, coupons $10, prepaid credits $30, tax 10 %. Lago then deducted coupons after
// tax (77 − 10 − 30 = $37 due); its later "Coupons applied before tax" moved coupons before tax,
// which is this package's rule, while credits stay after tax. By hand: 70 − 10 = 60 net, tax
// 6.00, total 66.00, credits 30.00, due 36.00.
func TestPublished_LagoCouponBeforeTaxCreditsAfter(t *testing.T) {
	o := flatOffer(usd, "0.10", "subscription", "50")
	o.Charges = append(o.Charges, perUnit("usage", "1", usd))
	w := must(NewWallet(usd, assay.Money{}))
	w = must(w.Grant(Credit{ID: "prepaid", Amount: usdm("30"), Granted: day(2025, 1, 1)}))
	inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan, Wallet: w,
		Records: []Record{rec("e1", "c", day(2025, 1, 5), 20)},
		Coupons: []Redemption{{Coupon: Coupon{ID: "TEN", Amount: usdm("10")}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := []assay.Money{inv.Subtotal, inv.Discount, inv.Tax, inv.Total, inv.CreditsApplied, inv.AmountDue}
	if d := cmp.Diff([]assay.Money{usdm("70"), usdm("10"), usdm("6"), usdm("66"), usdm("30"), usdm("36")}, got, cmp.Comparer(assay.Money.Equal)); d != "" {
		t.Errorf("subtotal, discount, tax, total, credits, due (-want +got):\n%s", d)
	}
}

// Stripe API, "Create a coupon" (docs.stripe.com/api/coupons/create): with amount_off 200, an
// invoice with a subtotal of 100 has a final total of 0 and one with a subtotal of 300 has a
// final total of 100. An amount never discounts below zero, and what is left of it lapses with
// the period.
func TestPublished_StripeAmountOff(t *testing.T) {
	for _, c := range []struct{ subtotal, total string }{{"100", "0"}, {"300", "100"}} {
		inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: flatOffer(usd, "0", "fee", c.subtotal), Period: jan,
			Coupons: []Redemption{{Coupon: Coupon{ID: "OFF200", Amount: usdm("200")}}}})
		if err != nil {
			t.Fatal(err)
		}
		if !inv.Total.Equal(usdm(c.total)) {
			t.Errorf("subtotal %s: total %v, want %s USD", c.subtotal, inv.Total, c.total)
		}
	}
}

// Stripe API, "The Coupon object" (docs.stripe.com/api/coupons/object): percent_off 25.5,
// duration "repeating", duration_in_months 3. On a 100 USD monthly fee it takes 25.50 off each
// of the first three periods (by hand: 100 × 0.255) and nothing from the fourth.
func TestPublished_StripeRepeatingCoupon(t *testing.T) {
	c := Coupon{ID: "jMT0WJUD", Percent: dec("0.255"), Periods: 3}
	var got []string
	for used := range 4 {
		inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: flatOffer(usd, "0", "fee", "100"), Period: jan,
			Coupons: []Redemption{{Coupon: c, Used: used}}})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, inv.Discount.String())
	}
	if d := cmp.Diff([]string{"25.50 USD", "25.50 USD", "25.50 USD", "0.00 USD"}, got); d != "" {
		t.Errorf("discounts by period (-want +got):\n%s", d)
	}
}

// Stripe Tax, "Refunds and credit notes" (docs.stripe.com/tax/invoicing/refunds), exclusive
// tax at 25 %: lines of $60 (tax $15) and $40 (tax $10); refunding $15 and $10 of their totals
// refunds $3 and $2 of tax — the tax is reversed in proportion to the net refunded, $12 and $8.
func TestPublished_StripeTaxRefund(t *testing.T) {
	inv := must2(BuildInvoice(context.Background(), InvoiceInput{ID: "in_1", Customer: "c", Offer: flatOffer(usd, "0.25", "item 1", "60", "item 2", "40"), Period: jan}))
	note, err := inv.CreditNote("cn_1", jan.End, "", []Refund{{Line: 0, Amount: usdm("12")}, {Line: 1, Amount: usdm("8")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []CreditLine{{Line: 0, Net: usdm("12"), Tax: usdm("3")}, {Line: 1, Net: usdm("8"), Tax: usdm("2")}}
	if d := cmp.Diff(want, note.Lines, cmp.Comparer(assay.Money.Equal)); d != "" {
		t.Errorf("credit lines (-want +got):\n%s", d)
	}
	if !note.Tax.Equal(usdm("5")) || !note.Total.Equal(usdm("25")) || !inv.Total.Equal(usdm("125")) {
		t.Errorf("note tax %v total %v of invoice %v, want 5, 25 of 125", note.Tax, note.Total, inv.Total)
	}
}

// Lago, "Credit notes — Overview", worked example (getlago.com/docs/v2/guide/invoicing/credit-
// notes/overview): fees of $100.00 and $20.00 with 20 % tax, $144.00 paid; reducing the API-call
// fee by USD 10 carries USD 2 of tax, USD 12 in all.
func TestPublished_LagoCreditNote(t *testing.T) {
	inv := must2(BuildInvoice(context.Background(), InvoiceInput{ID: "contract_example", Customer: "c",
		Offer: flatOffer(usd, "0.20", "monthly_service", "100", "api_calls_product", "20"), Period: jan}))
	note, err := inv.CreditNote("cn", jan.End, "", []Refund{{Line: 1, Amount: usdm("10")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []assay.Money{inv.Total, note.Net, note.Tax, note.Total}
	if d := cmp.Diff([]assay.Money{usdm("144"), usdm("10"), usdm("2"), usdm("12")}, got, cmp.Comparer(assay.Money.Equal)); d != "" {
		t.Errorf("invoice total, note net, tax, total (-want +got):\n%s", d)
	}
}

// Lago, "Negotiated contract billing" (getlago.com/docs/guide/lago-cloud/contract-billing): a
// $1,000 monthly minimum; $800 of usage gets a $200 true-up, $1,300 none. Lago's "Commitments"
// page adds that the minimum is on the pre-tax amount before discounts, as here; Lago prorates
// it for a partial period, which this package does not (Offer.Commitment is per period).
func TestPublished_LagoMinimumCommitment(t *testing.T) {
	o := flatOffer(usd, "0")
	o.Charges = []Charge{perUnit("usage", "1", usd)}
	o.Commitment = usdm("1000")
	for _, c := range []struct {
		units  int64
		trueUp string // "" for none
	}{{800, "200"}, {1300, ""}} {
		inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan,
			Records: []Record{rec("e", "c", day(2025, 1, 9), c.units)}})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, l := range inv.Lines {
			if l.Kind == TrueUpLine {
				got = l.Amount.Amount().String()
			}
		}
		if got != c.trueUp {
			t.Errorf("%d units: true-up %q, want %q", c.units, got, c.trueUp)
		}
	}
}

// Kong Metering & Billing (OpenMeter), "Credit consumption and expiration" (developer.konghq.com/
// metering-and-billing/credits/consumption-and-expiration): grants A (priority 1, expiring T10,
// 50), B (priority 1, T20, 80) and C (priority 2, never, 100); a charge of 90 consumes A 50,
// B 40, C 0. And "credit then invoice": a charge of 100 on a balance of 40 consumes 40 and
// invoices 60. This package also draws promotional before paid credit at equal priority
// (Stigg's order), which the example, all of one kind, does not exercise.
func TestPublished_KongDrawDown(t *testing.T) {
	t1, t5, t10, t20 := day(2025, 1, 1), day(2025, 1, 5), day(2025, 1, 10), day(2025, 1, 20)
	w := must(NewWallet(usd, assay.Money{}))
	w = must(w.Grant(Credit{ID: "A", Priority: 1, Expires: t10, Amount: usdm("50"), Granted: t1}))
	w = must(w.Grant(Credit{ID: "B", Priority: 1, Expires: t20, Amount: usdm("80"), Granted: t1}))
	w = must(w.Grant(Credit{ID: "C", Priority: 2, Amount: usdm("100"), Granted: t1}))
	after, used, err := w.Apply(t5, usdm("90"), "charge")
	if err != nil || !used.Equal(usdm("90")) {
		t.Fatalf("Apply: %v %v", used, err)
	}
	var got []string
	for _, e := range after.Entries()[len(w.Entries()):] {
		got = append(got, e.Credit+" "+e.Amount.String())
	}
	if d := cmp.Diff([]string{"A -50.00 USD", "B -40.00 USD"}, got); d != "" {
		t.Errorf("draw-down (-want +got):\n%s", d)
	}

	w40 := must(must(NewWallet(usd, assay.Money{})).Grant(Credit{ID: "g", Amount: usdm("40"), Granted: t1}))
	inv, _, err := BuildInvoice(context.Background(), InvoiceInput{ID: "I", Customer: "c", Offer: flatOffer(usd, "0", "charge", "100"), Period: jan, Wallet: w40})
	if err != nil {
		t.Fatal(err)
	}
	if !inv.CreditsApplied.Equal(usdm("40")) || !inv.AmountDue.Equal(usdm("60")) {
		t.Errorf("credit then invoice: consumed %v, invoiced %v; want 40 and 60", inv.CreditsApplied, inv.AmountDue)
	}
}

// Kong Metering & Billing (OpenMeter), "Credit balance model" (developer.konghq.com/metering-
// and-billing/credits/balance-model): grant 100 at T1, consume 30 at T5, expire the unused rest
// at T10; the settled balance reads 100, 70 and 0.
func TestPublished_KongSettledBalance(t *testing.T) {
	t1, t5, t10 := day(2025, 1, 1), day(2025, 1, 5), day(2025, 1, 10)
	w := must(NewWallet(usd, assay.Money{}))
	w = must(w.Grant(Credit{ID: "g", Amount: usdm("100"), Granted: t1, Expires: t10}))
	b1 := w.Balance()
	w = must(w.Debit(t5, usdm("30"), "usage"))
	b5 := w.Balance()
	w = must(w.ExpireUntil(t10))
	if d := cmp.Diff([]string{"100.00 USD", "70.00 USD", "0.00 USD"}, []string{b1.String(), b5.String(), w.Balance().String()}); d != "" {
		t.Errorf("balances at T1, T5, T10 (-want +got):\n%s", d)
	}
}
