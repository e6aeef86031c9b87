package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var (
	cny = assay.MustCurrency("CNY")
	usd = assay.MustCurrency("USD")
	hkd = assay.MustCurrency("HKD")
	jpy = assay.MustCurrency("JPY")
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func mode(m assay.RoundingMode) FeeRounding { return RoundFeeBy(m) }

// apiTiers is an illustrative graduated API plan, as AWS API Gateway and Stripe price
// graduated usage: first 5,000 calls free, to 100k at €1.00 per 1,000, to 1M at €0.50, to 10M
// at €0.25, beyond at €0.10.
func apiTiers(cur string) []Tier {
	return []Tier{
		{UpTo: 5_000, UnitPrice: assay.MustMoney("0", cur), Per: 1000},
		{UpTo: 100_000, UnitPrice: assay.MustMoney("1.00", cur), Per: 1000},
		{UpTo: 1_000_000, UnitPrice: assay.MustMoney("0.50", cur), Per: 1000},
		{UpTo: 10_000_000, UnitPrice: assay.MustMoney("0.25", cur), Per: 1000},
		{UnitPrice: assay.MustMoney("0.10", cur), Per: 1000},
	}
}

func mustQuote(t *testing.T, q Quoter, p Plan, u Usage) Quotation {
	t.Helper()
	got, err := q.Quote(context.Background(), p, u)
	if err != nil {
		t.Fatalf("Quote: %v", err)
	}
	checkReconciles(t, got)
	return got
}

// checkReconciles asserts the identities documented on Quotation.
func checkReconciles(t *testing.T, q Quotation) {
	t.Helper()
	sum := func(ms ...assay.Money) assay.Money {
		s, err := assay.Sum(ms...)
		if err != nil {
			t.Fatal(err)
		}
		return assay.MoneyOf(s.Amount(), q.Currency)
	}
	var lines, plan, payouts, deductions []assay.Money
	for _, l := range q.Lines {
		lines = append(lines, l.Amount)
		if l.Kind == LineCharge || l.Kind == LineAdjustment {
			plan = append(plan, l.Amount)
		}
		if !l.Amount.IsRounded() {
			t.Errorf("line %q amount %v is not whole minor units", l.Description, l.Amount)
		}
	}
	for _, p := range q.Payouts {
		payouts = append(payouts, p.Amount)
		if p.Amount.IsNegative() {
			t.Errorf("negative payout %+v", p)
		}
	}
	for _, d := range q.Deductions {
		deductions = append(deductions, d.Amount)
	}
	for _, c := range []struct {
		name      string
		want, got assay.Money
	}{
		{"Σ lines = total", q.Total, sum(lines...)},
		{"Σ payouts = total", q.Total, sum(payouts...)},
		{"Σ plan lines = subtotal", q.Subtotal, sum(plan...)},
		{"subtotal + fees + taxes = total", q.Total, sum(q.Subtotal, q.Fees, q.Taxes)},
		{"net + deducted = subtotal", q.Subtotal, sum(q.SellerNet, q.Deducted)},
		{"Σ deductions = deducted", q.Deducted, sum(deductions...)},
	} {
		if !c.want.Equal(c.got) {
			t.Errorf("%s: want %v, got %v", c.name, c.want, c.got)
		}
	}
	if q.SellerNet.IsNegative() {
		t.Errorf("negative seller net %v", q.SellerNet)
	}
}

func TestGraduated_WorkedExample(t *testing.T) {
	plan, err := NewGraduated(apiTiers("EUR"), assay.HalfEven)
	if err != nil {
		t.Fatal(err)
	}
	// Source: hand calculation. 30,000 calls: 5,000 free + 25,000 × €1.00/1,000 = €25.00.
	// 1,000,000 calls: 95,000 × €1.00/1,000 + 900,000 × €0.50/1,000 = 95 + 450 = €545.00.
	for _, c := range []struct {
		calls int64
		want  string
	}{{0, "0"}, {5_000, "0"}, {30_000, "25.00"}, {1_000_000, "545.00"},
		// Hand calculation: 95 + 450 + 9,000,000 × 0.25/1,000 (2,250) + 1,000 × 0.10/1,000 (0.10).
		{10_001_000, "2795.10"}} {
		got := mustQuote(t, Quoter{}, plan, Usage{Units: c.calls})
		if want := assay.MustMoney(c.want, "EUR"); !got.Total.Equal(want) {
			t.Errorf("%d calls: total %v, want %v", c.calls, got.Total, want)
		}
	}
	want := []LineItem{
		{Kind: LineCharge, Description: "units 1–5,000", Quantity: 5_000, UnitPrice: assay.MustMoney("0", "EUR"), Per: 1000, Amount: assay.MustMoney("0", "EUR")},
		{Kind: LineCharge, Description: "units 5,001–100,000", Quantity: 25_000, UnitPrice: assay.MustMoney("1.00", "EUR"), Per: 1000, Amount: assay.MustMoney("25.00", "EUR")},
	}
	got := mustQuote(t, Quoter{}, plan, Usage{Units: 30_000})
	if diff := cmp.Diff(want, got.Lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func TestVolume_AllUnitsAtTierReached(t *testing.T) {
	plan, err := NewVolume(apiTiers("EUR"), assay.HalfEven)
	if err != nil {
		t.Fatal(err)
	}
	// Hand calculation: 30,000 calls reach tier 2, so all 30,000 cost €1.00/1,000 = €30.00;
	// 1,000,000 reach tier 3: 1,000 × €0.50 = €500.00.
	for calls, want := range map[int64]string{30_000: "30.00", 1_000_000: "500.00", 4_000: "0"} {
		got := mustQuote(t, Quoter{}, plan, Usage{Units: calls})
		if !got.Total.Equal(assay.MustMoney(want, "EUR")) {
			t.Errorf("%d calls: total %v, want %v", calls, got.Total, want)
		}
	}
}

func TestFeeStack_WorkedExamples(t *testing.T) {
	ten := mustPlan(NewFixed(assay.MustMoney("10", "EUR"), "1 datatoken at rate 10"))
	tenK := mustPlan(NewFixed(assay.MustMoney("10000", "USD"), "public offer"))
	ocean := func(side Side) FeeStack {
		return mustStack(NewFeeStack(Fee{Name: "publish market fee", Recipient: "publish market", Side: side, Rate: dec("0.001")},
			Fee{Name: "Ocean community fee", Recipient: "Ocean community", Side: side, Rate: dec("0.001")}))
	}
	for _, c := range []struct {
		name             string
		source           string
		plan             Plan
		fees             FeeStack
		total, sellerNet string
	}{
		{"Ocean buy", "Ocean Protocol contracts v4, FixedRateExchange.calcBaseInGivenOutDT: 10 + 10×0.001 + 10×0.001",
			ten, ocean(Buyer), "10.02", "10.00"},
		{"Ocean sell", "Ocean Protocol contracts v4, FixedRateExchange.calcBaseOutGivenInDT: 10 − 0.01 − 0.01",
			ten, ocean(Seller), "10.00", "9.98"},
		{"AWS listing fee", "AWS Marketplace Seller Guide, Listing fees: public offer listing fee 3 %: 10,000 − 300",
			tenK, mustStack(NewFeeStack(Fee{Name: "listing fee", Recipient: "AWS Marketplace", Side: Seller, Rate: dec("0.03")})),
			"10000.00", "9700.00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := mustQuote(t, Quoter{Fees: c.fees}, c.plan, Usage{})
			cur := c.plan.Currency().Code()
			if !got.Total.Equal(assay.MustMoney(c.total, cur)) || !got.SellerNet.Equal(assay.MustMoney(c.sellerNet, cur)) {
				t.Errorf("%s: total %v, seller net %v; want %s, %s", c.source, got.Total, got.SellerNet, c.total, c.sellerNet)
			}
		})
	}
}

func TestFeeStack_VATOnServiceFee(t *testing.T) {
	plan := mustPlan(NewFixed(assay.MustMoney("1000", "CNY"), "data product"))
	fees := mustStack(NewFeeStack(
		Fee{Name: "exchange service fee", Recipient: "exchange", Rate: dec("0.005")},
		Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: dec("0.06"), Tax: true, Compound: true},
		Fee{Name: "intermediary commission", Recipient: "intermediary", Side: Seller, Rate: dec("0.02"), Min: assay.MustMoney("50", "CNY")},
	))
	got := mustQuote(t, Quoter{Fees: fees}, plan, Usage{})
	m := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	// Hand calculation: fee 1000 × 0.5 % = 5.00; VAT 6 % of (1000 + 5) = 60.30 (VAT on data
	// services, with the service fee in its base); total 1065.30. Commission 2 % = 20.00 is
	// raised to its floor 50.00; the seller nets 950.00.
	want := Quotation{
		Plan: "fixed", Currency: cny,
		Lines: []LineItem{
			{Kind: LineCharge, Description: "data product", Quantity: 1, UnitPrice: m("1000"), Amount: m("1000")},
			{Kind: LineFee, Description: "exchange service fee", Rate: dec("0.005"), Amount: m("5"), Recipient: "exchange"},
			{Kind: LineTax, Description: "VAT 6 %", Rate: dec("0.06"), Amount: m("60.30"), Recipient: "tax authority"},
		},
		Subtotal: m("1000"), Fees: m("5"), Taxes: m("60.30"), Total: m("1065.30"),
		Deductions: []LineItem{{Kind: LineDeduction, Description: "intermediary commission", Rate: dec("0.02"), Amount: m("50"), Recipient: "intermediary"}},
		Deducted:   m("50"), SellerNet: m("950"),
		Payouts: []Payout{{"seller", "sale", m("950")}, {"exchange", "exchange service fee", m("5")},
			{"tax authority", "VAT 6 %", m("60.30")}, {"intermediary", "intermediary commission", m("50")}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quotation (-want +got):\n%s", diff)
	}
}

// TestFeeStack_InvoiceRounding is issue 12's regression: VAT of 287.028 used to show as
// 287.02 (rounded down) plus a separate 0.01 "rounding up to the minor unit" line paid to the
// exchange. As on a VAT invoice, the tax line is rounded once, half up (四舍五入): 6 % of
// 4,783.80 = 287.028 → 287.03, and the total is the sum of the lines, 5,070.83.
func TestFeeStack_InvoiceRounding(t *testing.T) {
	m := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	plan := mustPlan(NewFixed(m("4783.80"), "data product"))
	fees := mustStack(NewFeeStack(Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: dec("0.06"), Tax: true}))
	got := mustQuote(t, Quoter{Fees: fees}, plan, Usage{})
	want := Quotation{
		Plan: "fixed", Currency: cny,
		Lines: []LineItem{
			{Kind: LineCharge, Description: "data product", Quantity: 1, UnitPrice: m("4783.80"), Amount: m("4783.80")},
			{Kind: LineTax, Description: "VAT 6 %", Rate: dec("0.06"), Amount: m("287.03"), Recipient: "tax authority"},
		},
		Subtotal: m("4783.80"), Fees: m("0"), Taxes: m("287.03"), Total: m("5070.83"),
		Deducted: m("0"), SellerNet: m("4783.80"),
		Payouts: []Payout{{"seller", "sale", m("4783.80")}, {"tax authority", "VAT 6 %", m("287.03")}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quotation (-want +got):\n%s", diff)
	}

	// A dust purchase: 0.1 % of 0.99 is 0.00099, which rounds half up to 0.00 — the fee line is
	// zero, as it would be on an invoice; a stack that must never let a sale go fee-free says
	// so with Rounding: Up, which makes the line 0.01.
	dust := mustPlan(NewFixed(m("0.99"), ""))
	for _, c := range []struct {
		rounding    FeeRounding
		fee, total  string
		description string
	}{
		{InvoiceRule, "0", "0.99", "invoice rule"},
		{mode(assay.Up), "0.01", "1.00", "up"},
	} {
		fees := mustStack(NewFeeStack(Fee{Recipient: "market", Rate: dec("0.001"), Rounding: c.rounding}))
		got := mustQuote(t, Quoter{Fees: fees}, dust, Usage{})
		wantPay := []Payout{{"seller", "sale", m("0.99")}, {"market", "market fee", m(c.fee)}}
		if diff := cmp.Diff(wantPay, got.Payouts); diff != "" || !got.Total.Equal(m(c.total)) {
			t.Errorf("%s: total %v, want %s; payouts (-want +got):\n%s", c.description, got.Total, c.total, diff)
		}
	}
}

// TestFeeStack_SellerNetsTheHandCalculation is issue 12's HKD case: the seller's net is the
// subtotal less each deduction line as rounded on the statement, not less the exact sum
// rounded up. By hand: 3 % of 1,234.56 = 37.0368 → 37.04 and 2 % = 24.6912 → 24.69, so the
// seller nets 1,234.56 − 37.04 − 24.69 = 1,172.83 (the old rule deducted ⌈61.728⌉ = 61.73
// and credited 37.03 + 24.69, leaving 1,172.83 − … two cents apart from the statement).
func TestFeeStack_SellerNetsTheHandCalculation(t *testing.T) {
	h := func(s string) assay.Money { return assay.MustMoney(s, "HKD") }
	plan := mustPlan(NewFixed(h("1234.56"), ""))
	fees := mustStack(NewFeeStack(
		Fee{Name: "exchange commission", Recipient: "exchange", Side: Seller, Rate: dec("0.03")},
		Fee{Name: "broker commission", Recipient: "broker", Side: Seller, Rate: dec("0.02")},
	))
	got := mustQuote(t, Quoter{Fees: fees}, plan, Usage{})
	want := []assay.Money{h("1234.56"), h("61.73"), h("1172.83")}
	if diff := cmp.Diff(want, []assay.Money{got.Total, got.Deducted, got.SellerNet}); diff != "" {
		t.Errorf("total, deducted, net (-want +got):\n%s", diff)
	}
	wantPay := []Payout{{"seller", "sale", h("1172.83")}, {"exchange", "exchange commission", h("37.04")}, {"broker", "broker commission", h("24.69")}}
	if diff := cmp.Diff(wantPay, got.Payouts); diff != "" {
		t.Errorf("payouts (-want +got):\n%s", diff)
	}
}

func TestFeeStack_MinMaxAndFixed(t *testing.T) {
	plan := mustPlan(NewFixed(assay.MustMoney("100000", "HKD"), ""))
	fees := mustStack(NewFeeStack(
		Fee{Recipient: "exchange", Rate: dec("0.01"), Max: assay.MustMoney("500", "HKD")},
		Fee{Recipient: "clearing", Fixed: assay.MustMoney("12.50", "HKD")},
	))
	got := mustQuote(t, Quoter{Fees: fees}, plan, Usage{})
	// Hand calculation: 1 % of 100,000 = 1,000, capped at 500; plus a fixed 12.50.
	if want := assay.MustMoney("100512.50", "HKD"); !got.Total.Equal(want) {
		t.Errorf("total %v, want %v", got.Total, want)
	}
	// A fixed fee in another currency cannot apply.
	_, err := Quoter{Fees: fees}.Quote(context.Background(), mustPlan(NewFixed(assay.MustMoney("1", "CNY"), "")), Usage{})
	if !errors.Is(err, assay.ErrCurrencyMismatch) {
		t.Errorf("fixed fee in HKD on a CNY quote: err %v, want ErrCurrencyMismatch", err)
	}
}

func TestQuote_Converted(t *testing.T) {
	plan := mustPlan(NewGraduated(apiTiers("CNY"), assay.HalfEven))
	asOf := time.Date(2025, 3, 3, 9, 15, 0, 0, time.UTC)
	rates := RateTable{{From: cny, To: hkd, Rate: dec("1.0852"), AsOf: asOf, Source: "caller"}}
	got := mustQuote(t, Quoter{Currency: hkd, Rates: rates}, plan, Usage{Units: 1_000_000})
	// Hand calculation: tier lines 95.00 and 450.00 CNY convert to 103.094 → 103.09 and
	// 488.34 HKD; the subtotal is their sum, 591.43 (not 545 × 1.0852 = 591.434 → 591.43 by
	// coincidence here), and the rate and its timestamp are on the quote.
	if want := assay.MustMoney("591.43", "HKD"); !got.Total.Equal(want) {
		t.Errorf("total %v, want %v", got.Total, want)
	}
	wantConv := &Conversion{From: cny, To: hkd, Rate: dec("1.0852"), AsOf: asOf, Source: "caller"}
	if diff := cmp.Diff(wantConv, got.Conversion); diff != "" {
		t.Errorf("conversion (-want +got):\n%s", diff)
	}
	_, err := Quoter{Currency: usd, Rates: rates}.Quote(context.Background(), plan, Usage{Units: 1})
	var re *RateError
	if !errors.As(err, &re) || !errors.Is(err, ErrNoRate) || re.To != usd {
		t.Errorf("missing rate: err %v, want *RateError CNY→USD", err)
	}
}

func TestQuote_ContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Quote(ctx, mustPlan(NewFixed(assay.MustMoney("1", "CNY"), "")), Usage{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func mustPlan[P Plan](p P, err error) P {
	if err != nil {
		panic(err)
	}
	return p
}

func mustStack(s FeeStack, err error) FeeStack {
	if err != nil {
		panic(err)
	}
	return s
}

// TestQuote_Reconciles is the property test of the issue: over random plans, fee stacks and
// usages, the lines sum to the total, the payouts to the total, and each tier line equals an
// independent decimal oracle.
func TestQuote_Reconciles(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2026))
	curs := []assay.Currency{cny, jpy, hkd, assay.MustCurrency("KWD")}
	modes := []assay.RoundingMode{assay.HalfEven, assay.HalfUp, assay.Down, assay.Up}
	for trial := range 2000 {
		cur := curs[rng.IntN(len(curs))]
		var tiers []Tier
		upTo := int64(0)
		n := 1 + rng.IntN(5)
		for i := range n {
			upTo += 1 + rng.Int64N(10_000)
			price := decimal.New(rng.Int64N(100_000), -int32(rng.IntN(cur.Digits()+6)))
			tier := Tier{UpTo: upTo, UnitPrice: assay.MoneyOf(price, cur), Per: []int64{0, 1, 7, 1000}[rng.IntN(4)]}
			if i == n-1 && rng.IntN(2) == 0 {
				tier.UpTo = 0
			}
			tiers = append(tiers, tier)
		}
		md := modes[rng.IntN(len(modes))]
		plan, err := NewGraduated(tiers, md)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		var fees []Fee
		for range rng.IntN(5) {
			f := Fee{Recipient: []string{"exchange", "intermediary", "community", "tax authority"}[rng.IntN(4)],
				Side: Side(rng.IntN(2)), Rate: decimal.New(rng.Int64N(200_000), -7), Compound: rng.IntN(3) == 0}
			if rng.IntN(4) == 0 {
				f.Rounding = mode(modes[rng.IntN(len(modes))])
			}
			if rng.IntN(4) == 0 {
				f.Fixed = assay.MoneyFromMinor(rng.Int64N(500), cur)
			}
			fees = append(fees, f)
		}
		stack, err := NewFeeStack(fees...)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		units := rng.Int64N(upTo + 1)
		got, err := Quoter{Fees: stack}.Quote(context.Background(), plan, Usage{Units: units})
		if errors.Is(err, ErrInvalidInput) { // seller-side fees above a small subtotal
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		checkReconciles(t, got)
		// Oracle: each tier line is qty × price / per, rounded by md, in decimal arithmetic.
		var from int64
		li := 0
		for _, tier := range tiers {
			if units <= from {
				break
			}
			hi := units
			if tier.UpTo != 0 {
				hi = min(hi, tier.UpTo)
			}
			per := max(tier.Per, 1)
			exactAmt := tier.UnitPrice.Amount().Mul(decimal.NewFromInt(hi-from)).DivRound(decimal.NewFromInt(per), 40)
			want := assay.MoneyOf(assay.RoundDecimal(exactAmt, int32(cur.Digits()), md), cur)
			if !got.Lines[li].Amount.Equal(want) {
				t.Fatalf("trial %d tier %d: line %v, oracle %v", trial, li, got.Lines[li].Amount, want)
			}
			from = hi
			li++
		}
		// Oracle: each fee line is Rate × base + Fixed (base: the subtotal, plus the lines on the
		// same side before it when compounding), rounded once by its rounding, in decimal
		// arithmetic; the buyer pays the subtotal plus the buyer-side lines.
		if got.Subtotal.IsZero() {
			continue
		}
		var side [2]decimal.Decimal
		wantTotal := got.Subtotal.Amount()
		for k, f := range fees {
			base := got.Subtotal.Amount()
			if f.Compound {
				base = base.Add(side[f.Side])
			}
			exact := f.Rate.Mul(base)
			if !f.Fixed.IsZero() {
				exact = exact.Add(f.Fixed.Amount())
			}
			m, _ := f.Rounding.Mode(cur)
			line := assay.RoundDecimal(exact, int32(cur.Digits()), m)
			if p := got.Payouts[k+1].Amount; !p.Amount().Equal(line) {
				t.Fatalf("trial %d fee %d (%+v): line %v, oracle %v", trial, k, f, p, line)
			}
			side[f.Side] = side[f.Side].Add(line)
			if f.Side == Buyer {
				wantTotal = wantTotal.Add(line)
			}
		}
		if !got.Total.Amount().Equal(wantTotal) {
			t.Fatalf("trial %d: total %v, oracle %v", trial, got.Total, wantTotal)
		}
	}
}

func TestFeeStack_ZeroSubtotalCarriesNoFees(t *testing.T) {
	// A free data set (Ocean's dispenser) or a month without usage sells nothing, so neither
	// the minimum nor the fixed fee applies.
	fees := mustStack(NewFeeStack(Fee{Recipient: "exchange", Rate: dec("0.01"), Min: cnym("10")},
		Fee{Recipient: "clearing", Side: Seller, Fixed: cnym("2")}))
	for _, p := range []Plan{mustPlan(NewFixed(cnym("0"), "open data")), mustPlan(NewGraduated(apiTiers("CNY"), assay.HalfEven))} {
		got := mustQuote(t, Quoter{Fees: fees}, p, Usage{})
		if !got.Total.IsZero() || !got.SellerNet.IsZero() || !got.Fees.IsZero() {
			t.Errorf("%s: total %v, seller %v, fees %v; want all zero", p.Kind(), got.Total, got.SellerNet, got.Fees)
		}
	}
}

// TestQuotation_JSON pins the documented wire form of a quotation (the Ocean Protocol v4
// FixedRateExchange purchase above): amounts as strings with the currency's minor-unit digits, rates as
// decimal strings, zero amounts written out, optional fields omitted.
func TestQuotation_JSON(t *testing.T) {
	plan := mustPlan(NewFixed(assay.MustMoney("10", "EUR"), "1 datatoken"))
	fees := mustStack(NewFeeStack(Fee{Name: "publish market fee", Recipient: "publish market", Rate: dec("0.001")},
		Fee{Name: "community fee", Recipient: "Ocean community", Rate: dec("0.001")}))
	q := mustQuote(t, Quoter{Fees: fees}, plan, Usage{})
	got, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	e := func(a string) string { return `{"amount":"` + a + `","currency":"EUR"}` }
	want := `{"plan":"fixed","currency":"EUR","lines":[` +
		`{"kind":"charge","description":"1 datatoken","quantity":1,"unitPrice":` + e("10.00") + `,"amount":` + e("10.00") + `},` +
		`{"kind":"fee","description":"publish market fee","rate":"0.001","amount":` + e("0.01") + `,"recipient":"publish market"},` +
		`{"kind":"fee","description":"community fee","rate":"0.001","amount":` + e("0.01") + `,"recipient":"Ocean community"}],` +
		`"subtotal":` + e("10.00") + `,"fees":` + e("0.02") + `,"taxes":` + e("0.00") +
		`,"total":` + e("10.02") + `,"deducted":` + e("0.00") + `,"sellerNet":` + e("10.00") + `,"payouts":[` +
		`{"recipient":"seller","for":"sale","amount":` + e("10.00") + `},` +
		`{"recipient":"publish market","for":"publish market fee","amount":` + e("0.01") + `},` +
		`{"recipient":"Ocean community","for":"community fee","amount":` + e("0.01") + `}]}`
	if string(got) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", got, want)
	}
}

// TestQuote_ReconcilesAllPlans extends the property to every kind of plan, random fee stacks
// and random conversions: the identities of Quotation hold whatever the plan.
func TestQuote_ReconcilesAllPlans(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 5))
	minor := func(cur assay.Currency, n int64) assay.Money { return assay.MoneyFromMinor(rng.Int64N(n), cur) }
	curs := []assay.Currency{cny, jpy, hkd}
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	quoted := 0
	for trial := range 1500 {
		cur := curs[rng.IntN(len(curs))]
		var plan Plan
		var err error
		u := Usage{Units: rng.Int64N(50_000)}
		switch rng.IntN(6) {
		case 0:
			plan, err = NewFixed(minor(cur, 1e7), "")
		case 1:
			plan, err = NewVolume([]Tier{{UpTo: 1000, UnitPrice: minor(cur, 500)}, {UnitPrice: minor(cur, 400), Per: 10}}, assay.HalfUp)
		case 2:
			plan, err = NewMetered(MeteredTerms{BaseFee: minor(cur, 1e5), FreeUnits: rng.Int64N(1000),
				UnitPrice: assay.MoneyOf(decimal.New(rng.Int64N(1e4), -4), cur), Cap: minor(cur, 1e6), CapScope: CapScope(rng.IntN(2))})
			if errors.Is(err, ErrInvalidInput) { // a cap on the bill below the base fee
				continue
			}
		case 3:
			plan, err = NewSubscription(minor(cur, 1e7), 1+rng.IntN(36), assay.HalfEven)
			u.Term = day0
			u.Start = day0.AddDate(0, 0, rng.IntN(28))
		case 4:
			plan, err = NewQuota(1+rng.Int64N(60_000), minor(cur, 1e6))
		case 5:
			plan, err = NewPack(1+rng.Int64N(5000), minor(cur, 1e5))
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		var fees []Fee
		for range rng.IntN(4) {
			fees = append(fees, Fee{Recipient: "r", Side: Side(rng.IntN(2)), Rate: decimal.New(rng.Int64N(50_000), -6), Tax: rng.IntN(2) == 0, Compound: rng.IntN(2) == 0})
		}
		q := Quoter{Fees: mustStack(NewFeeStack(fees...))}
		if rng.IntN(3) == 0 {
			to := curs[rng.IntN(len(curs))]
			q.Currency, q.Rates = to, RateTable{{From: cur, To: to, Rate: decimal.New(1+rng.Int64N(200_000), -4)}}
		}
		got, err := q.Quote(context.Background(), plan, u)
		if errors.Is(err, ErrQuotaExceeded) {
			continue
		}
		if err != nil {
			t.Fatalf("trial %d (%s): %v", trial, plan.Kind(), err)
		}
		checkReconciles(t, got)
		quoted++
	}
	if quoted < 1000 {
		t.Errorf("only %d of 1500 trials produced a quotation", quoted)
	}
}

// TestGraduated_WholeTierOverflow: the plan prices each bounded tier as a whole when it is
// built, so that quotes past it need not; a tier whose whole price does not fit in int64 minor
// units is still valid, and only a quote that charges all of it overflows.
func TestGraduated_WholeTierOverflow(t *testing.T) {
	// Hand calculation: 10^15 units at 100 CNY each cost 10^17 CNY = 10^19 fen > 9.2e18.
	plan, err := NewGraduated([]Tier{
		{UpTo: 1e15, UnitPrice: assay.MustMoney("100", "CNY")},
		{UnitPrice: assay.MustMoney("0.01", "CNY")},
	}, assay.HalfEven)
	if err != nil {
		t.Fatalf("NewGraduated: %v", err)
	}
	// Hand calculation: 5 units × 100 = 500.00 CNY.
	if got, want := mustQuote(t, Quoter{}, plan, Usage{Units: 5}).Total, assay.MustMoney("500.00", "CNY"); !got.Equal(want) {
		t.Errorf("5 units: total %v, want %v", got, want)
	}
	for _, units := range []int64{1e15, 1e15 + 1} {
		if _, err := Quote(context.Background(), plan, Usage{Units: units}); !errors.Is(err, assay.ErrOverflow) {
			t.Errorf("%d units: err %v, want ErrOverflow", units, err)
		}
	}
}

// TestQuote_Concurrent: quotes of one plan and fee stack from several goroutines, which share
// the plan's whole-tier amounts, all equal the hand-calculated quote; run it with -race.
func TestQuote_Concurrent(t *testing.T) {
	plan := mustPlan(NewGraduated(apiTiers("CNY"), assay.HalfEven))
	q := Quoter{Fees: mustStack(NewFeeStack(
		Fee{Name: "exchange service fee", Recipient: "exchange", Rate: dec("0.005"), Min: assay.MustMoney("1", "CNY")},
		Fee{Name: "intermediary commission", Recipient: "intermediary", Side: Seller, Rate: dec("0.03")},
		Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: dec("0.06"), Tax: true, Compound: true},
	))}
	first := mustQuote(t, q, plan, Usage{Units: 12_345_678})
	// Hand calculation, tiers of apiTiers: 0 + 95.00 + 450.00 + 2,250.00 + 2,345,678 × 0.10/1,000
	// (234.5678 → 234.57) = 3,029.57. Each line rounded half up as on an invoice: exchange fee
	// 0.5 % = 15.14785 → 15.15; VAT 6 % of 3,029.57 + 15.15 = 182.6832 → 182.68; the buyer pays
	// 3,029.57 + 15.15 + 182.68 = 3,227.40. Commission 3 % = 90.8871 → 90.89, so the seller
	// nets 2,938.68.
	c := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	want := []assay.Money{c("3029.57"), c("15.15"), c("182.68"), c("3227.40"), c("90.89"), c("2938.68")}
	if diff := cmp.Diff(want, []assay.Money{first.Subtotal, first.Fees, first.Taxes, first.Total, first.Deducted, first.SellerNet}); diff != "" {
		t.Errorf("subtotal, fees, taxes, total, deducted, net (-want +got):\n%s", diff)
	}
	var wg sync.WaitGroup
	diffs := make(chan string, 4)
	for range 4 {
		wg.Go(func() {
			for range 50 {
				got, err := q.Quote(context.Background(), plan, Usage{Units: 12_345_678})
				if diff := cmp.Diff(first, got); err != nil || diff != "" {
					diffs <- fmt.Sprint(err, diff)
					return
				}
			}
		})
	}
	wg.Wait()
	close(diffs)
	for d := range diffs {
		t.Errorf("concurrent quote differs (-first +got): %s", d)
	}
}
