package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func cnym(s string) assay.Money { return assay.MustMoney(s, "CNY") }

func totalOf(t *testing.T, p Plan, u Usage) assay.Money {
	t.Helper()
	return mustQuote(t, Quoter{}, p, u).Total
}

func TestMetered(t *testing.T) {
	terms := MeteredTerms{BaseFee: cnym("100"), FreeUnits: 1000, UnitPrice: cnym("0.05"), Cap: cnym("500")}
	variable := mustPlan(NewMetered(terms))
	terms.CapScope = CapTotal
	total := mustPlan(NewMetered(terms))
	for _, c := range []struct {
		name  string
		plan  Metered
		units int64
		want  string
	}{
		// Hand calculations. No usage: no base fee (Snowflake charges its monthly fee only in
		// months with a query).
		{"idle month", variable, 0, "0"},
		{"within free units", variable, 800, "100"},
		// 100 + (5,000 − 1,000) × 0.05 = 300.
		{"below the cap", variable, 5_000, "300"},
		// Variable part 19,000 × 0.05 = 950 capped at 500, plus the base fee: 600.
		{"cap on the variable part", variable, 20_000, "600"},
		// The whole bill 100 + 950 = 1,050 capped at 500.
		{"cap on the bill", total, 20_000, "500"},
		// 100 + 9,000 × 0.05 = 550 > 500 only under CapTotal.
		{"cap on the bill binds earlier", total, 10_000, "500"},
		{"variable cap not reached", variable, 10_000, "550"},
	} {
		if got := totalOf(t, c.plan, Usage{Units: c.units}); !got.Equal(cnym(c.want)) {
			t.Errorf("%s: total %v, want %s", c.name, got, c.want)
		}
	}
	got := mustQuote(t, Quoter{}, variable, Usage{Units: 20_000})
	want := []LineItem{
		{Kind: LineCharge, Description: "base fee (period with usage)", Quantity: 1, UnitPrice: cnym("100"), Amount: cnym("100")},
		{Kind: LineCharge, Description: "free units", Quantity: 1000, UnitPrice: cnym("0"), Amount: cnym("0")},
		{Kind: LineCharge, Description: "billable units", Quantity: 19_000, UnitPrice: cnym("0.05"), Amount: cnym("950")},
		{Kind: LineAdjustment, Description: "cap of 500.00 CNY on the usage charge reached", Amount: cnym("-450")},
	}
	if diff := cmp.Diff(want, got.Lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	// A cap below its floor.
	_, err := NewMetered(MeteredTerms{BaseFee: cnym("100"), UnitPrice: cnym("1"), Cap: cnym("50"), CapScope: CapTotal})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "cap" {
		t.Errorf("cap below base fee: err %v, want *InputError on cap", err)
	}
}

func TestSubscription_Proration(t *testing.T) {
	plan := mustPlan(NewSubscription(cnym("3100"), 1, assay.HalfEven))
	year := mustPlan(NewSubscription(cnym("36500"), 12, assay.HalfEven))
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name string
		plan Subscription
		u    Usage
		want string
	}{
		{"whole term, no dates", plan, Usage{}, "3100"},
		{"whole term", plan, Usage{Term: day(1, 1)}, "3100"},
		// Hand calculation: January has 31 days; starting on the 15th serves 17: 3100 × 17/31.
		{"mid-cycle start", plan, Usage{Term: day(1, 1), Start: day(1, 15)}, "1700"},
		// Cancelled on the 11th (exclusive): 10 days served.
		{"cancellation", plan, Usage{Term: day(1, 1), End: day(1, 11)}, "1000"},
		// A 12-month term from 2025-03-01 has 365 days; 1 March to 1 April serves 31: 36500 × 31/365.
		{"annual, one month served", year, Usage{Term: day(3, 1), End: day(4, 1)}, "3100"},
		// Times of day and zones do not matter, only calendar dates: 17 days again.
		{"dates only", plan, Usage{Term: time.Date(2025, 1, 1, 23, 0, 0, 0, time.FixedZone("CST", 8*3600)), Start: time.Date(2025, 1, 15, 1, 0, 0, 0, time.UTC)}, "1700"},
	} {
		if got := totalOf(t, c.plan, c.u); !got.Equal(cnym(c.want)) {
			t.Errorf("%s: total %v, want %s", c.name, got, c.want)
		}
	}
	// 3100 × 1/31 = 100 exactly; 1000 × 1/31 = 32.258… rounds to 32.26 under HalfEven.
	odd := mustPlan(NewSubscription(cnym("1000"), 1, assay.HalfEven))
	if got := totalOf(t, odd, Usage{Term: day(1, 1), Start: day(1, 31)}); !got.Equal(cnym("32.26")) {
		t.Errorf("one day of 31 at 1000: %v, want 32.26", got)
	}
	for _, u := range []Usage{
		{Term: day(1, 1), Start: day(2, 1)},                  // after the term
		{Term: day(1, 1), Start: day(1, 10), End: day(1, 5)}, // ends before it starts
		{End: day(1, 5)}, // no term
	} {
		if _, err := Quote(context.Background(), plan, u); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%+v: err %v, want ErrInvalidInput", u, err)
		}
	}
	for _, months := range []int{0, 37, -1} {
		if _, err := NewSubscription(cnym("1"), months, assay.HalfEven); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%d months: err %v", months, err)
		}
	}
}

func TestQuotaAndBalance(t *testing.T) {
	quota := mustPlan(NewQuota(100, assay.MustMoney("6000", "EUR")))
	if got := totalOf(t, quota, Usage{Units: 100}); !got.Equal(eurm("6000")) {
		t.Errorf("within quota: %v", got)
	}
	_, err := Quote(context.Background(), quota, Usage{Units: 101})
	var qe *QuotaError
	if !errors.As(err, &qe) || !errors.Is(err, ErrQuotaExceeded) || *qe != (QuotaError{Requested: 101, Available: 100}) {
		t.Errorf("beyond quota: err %v", err)
	}

	pack := mustPlan(NewPack(1000, eurm("1000")))
	// Hand calculation: 2,500 units need ⌈2.5⌉ = 3 packs.
	if got := totalOf(t, pack, Usage{Units: 2500}); !got.Equal(eurm("3000")) {
		t.Errorf("2,500 units of packs of 1,000: %v, want 3000", got)
	}
	b, err := Balance{}.TopUp(pack, 2)
	if err != nil || b.Units != 2000 {
		t.Fatalf("top-up: %+v, %v", b, err)
	}
	b, err = b.Draw(1500)
	if err != nil || b.Units != 500 {
		t.Fatalf("draw: %+v, %v", b, err)
	}
	after, err := b.Draw(501)
	if !errors.As(err, &qe) || qe.Available != 500 || after != b {
		t.Errorf("overdraw: %+v, %v", after, err)
	}
}

func TestNewGraduated_BadTiers(t *testing.T) {
	tier := func(upTo int64, price string, cur string) Tier {
		return Tier{UpTo: upTo, UnitPrice: assay.MustMoney(price, cur)}
	}
	for _, c := range []struct {
		name  string
		tiers []Tier
		field string
	}{
		{"empty", nil, "tiers"},
		{"unsorted", []Tier{tier(100, "1", "CNY"), tier(50, "1", "CNY"), tier(0, "1", "CNY")}, "tiers[1].upTo"},
		{"overlapping", []Tier{tier(100, "1", "CNY"), tier(100, "1", "CNY")}, "tiers[1].upTo"},
		{"unbounded in the middle", []Tier{tier(0, "1", "CNY"), tier(100, "1", "CNY")}, "tiers[0].upTo"},
		{"negative price", []Tier{tier(0, "-1", "CNY")}, "tiers[0].unitPrice"},
		{"mixed currencies", []Tier{tier(10, "1", "CNY"), tier(0, "1", "HKD")}, "tiers[1].unitPrice"},
		{"no currency", []Tier{{}}, "tiers[0].unitPrice"},
		{"too precise", []Tier{tier(0, "0.000000000001", "CNY")}, "tiers[0].unitPrice"},
		{"negative per", []Tier{{UnitPrice: cnym("1"), Per: -5}}, "tiers[0].per"},
	} {
		_, err := NewGraduated(c.tiers, assay.HalfEven)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: err %v, want *InputError on %s", c.name, err, c.field)
		}
	}
	plan := mustPlan(NewGraduated([]Tier{tier(100, "1", "CNY")}, assay.HalfEven))
	if _, err := Quote(context.Background(), plan, Usage{Units: 101}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("usage beyond a bounded last tier: err %v", err)
	}
	if _, err := Quote(context.Background(), plan, Usage{Units: -1}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("negative usage: err %v", err)
	}
	if _, err := Quote(context.Background(), Graduated{}, Usage{Units: 1}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("zero plan: err %v", err)
	}
}

func TestNewFeeStack_BadFees(t *testing.T) {
	for _, c := range []struct {
		name  string
		fee   Fee
		field string
	}{
		{"over 100 %", Fee{Recipient: "x", Rate: dec("1.01")}, "fees[0].rate"},
		{"negative rate", Fee{Recipient: "x", Rate: dec("-0.01")}, "fees[0].rate"},
		{"too precise", Fee{Recipient: "x", Rate: dec("0.0000000001")}, "fees[0].rate"},
		{"no recipient", Fee{Rate: dec("0.01")}, "fees[0].recipient"},
		{"max below min", Fee{Recipient: "x", Min: cnym("10"), Max: cnym("5")}, "fees[0].max"},
		{"negative fixed", Fee{Recipient: "x", Fixed: cnym("-1")}, "fees[0].fixed"},
		{"mixed currencies", Fee{Recipient: "x", Min: cnym("1"), Max: usdm("5")}, "fees[0].max"},
		{"undefined side", Fee{Recipient: "x", Side: 7}, "fees[0].side"},
	} {
		_, err := NewFeeStack(c.fee)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: err %v, want *InputError on %s", c.name, err, c.field)
		}
	}
}

func TestPlanJSON_RoundTrip(t *testing.T) {
	plans := []Plan{
		mustPlan(NewFixed(cnym("99.90"), "report")),
		mustPlan(NewGraduated(apiTiers("EUR"), assay.HalfUp)),
		mustPlan(NewVolume(apiTiers("CNY"), assay.HalfEven)),
		mustPlan(NewMetered(MeteredTerms{BaseFee: cnym("100"), FreeUnits: 10, UnitPrice: cnym("0.001"), Per: 1, Cap: cnym("9"), CapScope: CapVariable})),
		mustPlan(NewSubscription(cnym("1200"), 12, assay.Down)),
		mustPlan(NewQuota(100, eurm("6000"))),
		mustPlan(NewPack(1000, eurm("1000"))),
	}
	for _, p := range plans {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Kind(), err)
		}
		back, err := UnmarshalPlan(b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", p.Kind(), err, b)
		}
		b2, _ := json.Marshal(back)
		if string(b) != string(b2) {
			t.Errorf("%s: %s\nround-trips to %s", p.Kind(), b, b2)
		}
		// The decoded plan quotes as the original does.
		u := Usage{Units: 12_345}
		q1, err1 := Quote(context.Background(), p, u)
		q2, err2 := Quote(context.Background(), back, u)
		if diff := cmp.Diff(q1, q2); diff != "" || (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: quotes differ (-orig +decoded):\n%s", p.Kind(), diff)
		}
	}
	want := `{"kind":"graduated","tiers":[{"upTo":5000,"unitPrice":{"amount":"0.00","currency":"EUR"},"per":1000},{"upTo":100000,"unitPrice":{"amount":"1.00","currency":"EUR"},"per":1000},{"upTo":1000000,"unitPrice":{"amount":"0.50","currency":"EUR"},"per":1000},{"upTo":10000000,"unitPrice":{"amount":"0.25","currency":"EUR"},"per":1000},{"unitPrice":{"amount":"0.10","currency":"EUR"},"per":1000}],"rounding":"half-even"}`
	if b, _ := json.Marshal(mustPlan(NewGraduated(apiTiers("EUR"), assay.HalfEven))); string(b) != want {
		t.Errorf("graduated JSON:\n%s\nwant\n%s", b, want)
	}
	for _, bad := range []string{
		`{"kind":"lottery"}`,
		`{"kind":"fixed","price":{"amount":"1","currency":"CNY"},"extra":1}`,
		`{"kind":"graduated","tiers":[]}`,
		`{"kind":"graduated","tiers":[{"upTo":10,"unitPrice":{"amount":"1","currency":"CNY"}},{"upTo":5,"unitPrice":{"amount":"1","currency":"CNY"}}]}`,
		`{"kind":"subscription","price":{"amount":"1","currency":"CNY"},"months":40}`,
		`[]`,
		`{"kind":"fixed","price":{"amount":"1","currency":"CNY"}} {}`,
	} {
		if _, err := UnmarshalPlan([]byte(bad)); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: err %v, want ErrInvalidInput", bad, err)
		}
	}
	for bad, want := range map[string]error{
		`{"kind":"fixed","price":{"amount":"1","currency":"XYZ"}}`:   assay.ErrInvalidCurrency,
		`{"kind":"fixed","price":{"amount":"1,5","currency":"CNY"}}`: assay.ErrInvalidAmount,
	} {
		if _, err := UnmarshalPlan([]byte(bad)); !errors.Is(err, want) {
			t.Errorf("%s: err %v, want %v", bad, err, want)
		}
	}
}

func TestFeeStackJSON_RoundTrip(t *testing.T) {
	s := mustStack(NewFeeStack(
		Fee{Name: "service fee", Recipient: "exchange", Rate: dec("0.005"), Min: cnym("1"), Max: cnym("500")},
		Fee{Name: "VAT", Recipient: "tax authority", Rate: dec("0.06"), Tax: true, Compound: true, Rounding: mode(assay.HalfUp)},
		Fee{Name: "commission", Recipient: "intermediary", Side: Seller, Rate: dec("0.03")},
	))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back FeeStack
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if diff := cmp.Diff(s.Fees(), back.Fees()); diff != "" {
		t.Errorf("fees (-want +got):\n%s", diff)
	}
	want := `{"fees":[{"name":"service fee","recipient":"exchange","side":"buyer","rate":"0.005","min":{"amount":"1.00","currency":"CNY"},"max":{"amount":"500.00","currency":"CNY"}},{"name":"VAT","recipient":"tax authority","side":"buyer","rate":"0.06","tax":true,"compound":true,"rounding":"half-up"},{"name":"commission","recipient":"intermediary","side":"seller","rate":"0.03"}]}`
	if string(b) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", b, want)
	}
}
