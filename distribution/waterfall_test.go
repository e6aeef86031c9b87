package distribution

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// dataDeal is the typical data deal of issue #8: exchange fee → intermediary commission →
// tax → royalties up the rights chain → the remainder to contributors by weight.
func dataDeal() Waterfall {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	return Waterfall{Tiers: []Tier{
		{Name: "exchange fee", Kind: TierPercentOfGross, Rate: d("0.03"), Floor: cny("500"),
			Recipients: []Recipient{{Name: "SZDEX"}}},
		{Name: "commission", Kind: TierPercentOfRemaining, Rate: d("0.10"),
			Recipients: []Recipient{{Name: "broker"}}},
		{Name: "tax", Kind: TierPercentOfRemaining, Rate: d("0.06"),
			Recipients: []Recipient{{Name: "tax bureau"}}},
		{Name: "royalties", Kind: TierPercentOfRemaining, Rate: d("0.05"),
			Recipients: []Recipient{{Name: "city data centre", Weight: d("2")}, {Name: "telecom", Weight: d("1")}}},
		{Name: "contributors", Kind: TierResidual,
			Recipients: []Recipient{{Name: "A", Weight: d("0.5")}, {Name: "B", Weight: d("0.3")}, {Name: "C", Weight: d("0.2")}}},
	}}
}

func TestWaterfall_DataDeal(t *testing.T) {
	got, err := dataDeal().Apply(assay.MustMoney("10000", "CNY"))
	if err != nil {
		t.Fatal(err)
	}
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	// Hand calculation:
	//   exchange fee: 3 % of 10,000 = 300 < floor 500 → 500; remaining 9,500
	//   commission:  10 % of 9,500 = 950; remaining 8,550
	//   tax:          6 % of 8,550 = 513; remaining 8,037
	//   royalties:    5 % of 8,037 = 401.85, split 2:1 = 267.90, 133.95; remaining 7,635.15
	//   contributors: 763,515 fen × (0.5, 0.3, 0.2) = 381,757.5, 229,054.5, 152,703 →
	//                 floors sum to 763,514; the unit goes to the first .5 remainder.
	want := WaterfallResult{
		Income: cny("10000"),
		Ledger: []LedgerEntry{
			{"exchange fee", "SZDEX", cny("500")},
			{"commission", "broker", cny("950")},
			{"tax", "tax bureau", cny("513")},
			{"royalties", "city data centre", cny("267.90")},
			{"royalties", "telecom", cny("133.95")},
			{"contributors", "A", cny("3817.58")},
			{"contributors", "B", cny("2290.54")},
			{"contributors", "C", cny("1527.03")},
		},
		TierTotals: []assay.Money{cny("500"), cny("950"), cny("513"), cny("401.85"), cny("7635.15")},
		Payees: []Payee{{"SZDEX", cny("500")}, {"broker", cny("950")}, {"tax bureau", cny("513")},
			{"city data centre", cny("267.90")}, {"telecom", cny("133.95")},
			{"A", cny("3817.58")}, {"B", cny("2290.54")}, {"C", cny("1527.03")}},
		Remainder: cny("0"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestWaterfall_Tiers(t *testing.T) {
	jpy := func(s string) assay.Money { return assay.MustMoney(s, "JPY") }
	d := decimal.RequireFromString
	lp, gp := []Recipient{{Name: "LP"}}, []Recipient{{Name: "GP"}}
	tests := []struct {
		name   string
		w      Waterfall
		income string
		totals []assay.Money
		payees []Payee
		rest   string
		source string
	}{
		{"full catch-up", Waterfall{Tiers: []Tier{
			{Name: "capital", Kind: TierFixed, Amount: jpy("600"), Recipients: lp},
			{Name: "preferred", Kind: TierFixed, Amount: jpy("100"), Recipients: lp},
			{Name: "catch-up", Kind: TierCatchUp, Rate: d("0.2"), Recipients: gp},
			{Name: "carry", Kind: TierResidual, Recipients: []Recipient{{Name: "LP", Weight: d("80")}, {Name: "GP", Weight: d("20")}}},
		}}, "1000",
			[]assay.Money{jpy("600"), jpy("100"), jpy("175"), jpy("125")},
			[]Payee{{"LP", jpy("800")}, {"GP", jpy("200")}}, "0",
			"hand: catch-up x = (0.2·700 − 0)/0.8 = 175, so GP holds 175/875 = 20 %; carry 125 split 80/20"},
		{"catch-up rounds down", Waterfall{Tiers: []Tier{
			{Name: "first", Kind: TierFixed, Amount: jpy("100"), Recipients: lp},
			{Name: "catch-up", Kind: TierCatchUp, Rate: d("0.3"), Recipients: gp},
		}}, "1000",
			[]assay.Money{jpy("100"), jpy("42")},
			[]Payee{{"LP", jpy("100")}, {"GP", jpy("42")}}, "858",
			"hand: (0.3·100)/0.7 = 42.86 → 42; no residual tier leaves a remainder"},
		{"catch-up already met", Waterfall{Tiers: []Tier{
			{Name: "first", Kind: TierFixed, Amount: jpy("100"), Recipients: gp},
			{Name: "catch-up", Kind: TierCatchUp, Rate: d("0.5"), Recipients: gp},
		}}, "1000",
			[]assay.Money{jpy("100"), jpy("0")},
			[]Payee{{"GP", jpy("100")}}, "900",
			"GP already holds 100 % ≥ 50 %"},
		{"income runs out", Waterfall{Tiers: []Tier{
			{Name: "senior", Kind: TierFixed, Amount: jpy("700"), Recipients: lp},
			{Name: "junior", Kind: TierFixed, Amount: jpy("700"), Recipients: gp},
			{Name: "equity", Kind: TierResidual, Recipients: []Recipient{{Name: "E"}}},
		}}, "1000",
			[]assay.Money{jpy("700"), jpy("300"), jpy("0")},
			[]Payee{{"LP", jpy("700")}, {"GP", jpy("300")}, {"E", jpy("0")}}, "0",
			"strict priority: seniors in full first"},
		{"cap and floor", Waterfall{Tiers: []Tier{
			{Name: "fee", Kind: TierPercentOfGross, Rate: d("0.5"), Cap: jpy("200"), Recipients: lp},
			{Name: "min", Kind: TierPercentOfRemaining, Rate: d("0.01"), Floor: jpy("50"), Recipients: gp},
		}}, "1000",
			[]assay.Money{jpy("200"), jpy("50")},
			[]Payee{{"LP", jpy("200")}, {"GP", jpy("50")}}, "750",
			"500 capped at 200; 8 raised to the floor 50"},
		{"equal split when weights are zero", Waterfall{Tiers: []Tier{
			{Name: "all", Kind: TierResidual, Recipients: []Recipient{{Name: "x"}, {Name: "y"}, {Name: "z"}}},
		}}, "100",
			[]assay.Money{jpy("100")},
			[]Payee{{"x", jpy("34")}, {"y", jpy("33")}, {"z", jpy("33")}}, "0",
			"Allocate(100, (1,1,1))"},
		{"rounding mode", Waterfall{Rounding: assay.Up, Tiers: []Tier{
			{Name: "fee", Kind: TierPercentOfGross, Rate: d("0.001"), Recipients: lp},
		}}, "1001",
			[]assay.Money{jpy("2")},
			[]Payee{{"LP", jpy("2")}}, "999",
			"1.001 rounded up is 2"},
		{"empty waterfall", Waterfall{}, "5", []assay.Money{}, nil, "5", "nothing paid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.w.Apply(jpy(tt.income))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.totals, got.TierTotals); diff != "" {
				t.Errorf("tier totals (-want +got) (source: %s):\n%s", tt.source, diff)
			}
			if diff := cmp.Diff(tt.payees, got.Payees); diff != "" {
				t.Errorf("payees (-want +got) (source: %s):\n%s", tt.source, diff)
			}
			if diff := cmp.Diff(jpy(tt.rest), got.Remainder); diff != "" {
				t.Errorf("remainder (-want +got):\n%s", diff)
			}
			checkWaterfallConserves(t, got)
		})
	}
}

// checkWaterfallConserves checks that the ledger plus the remainder is the income, and that
// the payees' totals add up to the same.
func checkWaterfallConserves(t *testing.T, r WaterfallResult) {
	t.Helper()
	ledger := []assay.Money{r.Remainder}
	for _, e := range r.Ledger {
		ledger = append(ledger, e.Amount)
	}
	payees := []assay.Money{r.Remainder}
	for _, p := range r.Payees {
		payees = append(payees, p.Amount)
	}
	for _, parts := range [][]assay.Money{ledger, payees, append(r.TierTotals, r.Remainder)} {
		sum, err := assay.Sum(parts...)
		if err != nil {
			t.Fatal(err)
		}
		if !sum.Equal(r.Income) && !(sum.IsZero() && r.Income.IsZero()) {
			t.Fatalf("parts %v sum to %v, income %v", parts, sum, r.Income)
		}
	}
}

func TestWaterfall_Errors(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	one := []Recipient{{Name: "x"}}
	tests := []struct {
		name   string
		w      Waterfall
		income assay.Money
		is     error
	}{
		{"rate above 1", Waterfall{Tiers: []Tier{{Kind: TierPercentOfGross, Rate: d("1.5"), Recipients: one}}}, cny("1"), ErrInvalidInput},
		{"negative rate", Waterfall{Tiers: []Tier{{Kind: TierPercentOfGross, Rate: d("-0.1"), Recipients: one}}}, cny("1"), ErrInvalidInput},
		{"catch-up rate 1", Waterfall{Tiers: []Tier{{Kind: TierCatchUp, Rate: d("1"), Recipients: one}}}, cny("1"), ErrInvalidInput},
		{"undefined kind", Waterfall{Tiers: []Tier{{Kind: TierKind(42), Recipients: one}}}, cny("1"), ErrInvalidInput},
		{"no recipients", Waterfall{Tiers: []Tier{{Kind: TierResidual}}}, cny("1"), ErrInvalidInput},
		{"unnamed recipient", Waterfall{Tiers: []Tier{{Kind: TierResidual, Recipients: []Recipient{{}}}}}, cny("1"), ErrInvalidInput},
		{"negative weight", Waterfall{Tiers: []Tier{{Kind: TierResidual, Recipients: []Recipient{{Name: "x", Weight: d("-1")}}}}}, cny("1"), ErrInvalidInput},
		{"negative amount", Waterfall{Tiers: []Tier{{Kind: TierFixed, Amount: cny("-1"), Recipients: one}}}, cny("1"), ErrInvalidInput},
		{"inexact floor", Waterfall{Tiers: []Tier{{Kind: TierFixed, Floor: cny("0.001"), Recipients: one}}}, cny("1"), assay.ErrInexact},
		{"currency", Waterfall{Tiers: []Tier{{Kind: TierFixed, Amount: assay.MustMoney("1", "HKD"), Recipients: one}}}, cny("1"), assay.ErrCurrencyMismatch},
		{"negative income", Waterfall{}, cny("-1"), ErrInvalidInput},
		{"inexact income", Waterfall{}, cny("1.001"), assay.ErrInexact},
		{"rounding", Waterfall{Rounding: assay.RoundingMode(77)}, cny("1"), ErrInvalidInput},
	}
	for _, tt := range tests {
		if got, err := tt.w.Apply(tt.income); !errors.Is(err, tt.is) {
			t.Errorf("%s: Apply = %v, %v; want %v", tt.name, got, err, tt.is)
		}
	}
}

func TestWaterfall_JSON(t *testing.T) {
	b, err := json.Marshal(dataDeal())
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseWaterfall(b)
	if err != nil {
		t.Fatalf("ParseWaterfall(%s): %v", b, err)
	}
	if diff := cmp.Diff(dataDeal(), back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	const doc = `{"tiers":[{"name":"fee","kind":"percent-of-gross","rate":"0.05","recipients":[{"name":"SZDEX"}]},
		{"name":"rest","kind":"residual","recipients":[{"name":"a","weight":"1"},{"name":"b","weight":"3"}]}]}`
	w, err := ParseWaterfall([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	r, err := w.Apply(assay.MustMoney("100", "HKD"))
	if err != nil {
		t.Fatal(err)
	}
	hkd := func(s string) assay.Money { return assay.MustMoney(s, "HKD") }
	// Hand: fee 5 % of 100 = 5; the rest 95 split 1:3 = 23.75, 71.25.
	want := []Payee{{"SZDEX", hkd("5")}, {"a", hkd("23.75")}, {"b", hkd("71.25")}}
	if diff := cmp.Diff(want, r.Payees); diff != "" {
		t.Errorf("payees (-want +got):\n%s", diff)
	}
	for _, bad := range []string{`{"tiers":[{"kind":"waterfall"}]}`, `{"tiers":`, `{"tiers":[{"kind":"fixed","recipients":[{"name":"x"}],"rate":"1e-99999"}]}`} {
		if _, err := ParseWaterfall([]byte(bad)); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("ParseWaterfall(%s) error = %v, want ErrInvalidInput", bad, err)
		}
	}
}

// FuzzParseWaterfall decodes arbitrary JSON and, when it is a valid waterfall, applies it
// to an income: it must not panic, and what it pays must conserve the income.
func FuzzParseWaterfall(f *testing.F) {
	b, _ := json.Marshal(dataDeal())
	f.Add(b, "10000")
	f.Add([]byte(`{"tiers":[{"name":"c","kind":"catch-up","rate":"0.2","recipients":[{"name":"g"}]}]}`), "3")
	f.Add([]byte(`{"tiers":[{"kind":"fixed","amount":{"amount":"1e3","currency":"CNY"},"recipients":[{"name":"x","weight":"0"}]}]}`), "0.01")
	f.Add([]byte(`{"rounding":"up","tiers":[{"kind":"percent-of-remaining","rate":"0.333","recipients":[{"name":"x"},{"name":"x"}]}]}`), "7.77")
	f.Fuzz(func(t *testing.T, data []byte, income string) {
		w, err := ParseWaterfall(data)
		if err != nil {
			return
		}
		m, err := assay.NewMoney(income, "CNY")
		if err != nil {
			return
		}
		r, err := w.Apply(m)
		if err != nil {
			return
		}
		checkWaterfallConserves(t, r)
	})
}

// BenchmarkWaterfall measures the five-tier data deal with 1,000 contributors.
func BenchmarkWaterfall(b *testing.B) {
	w := dataDeal()
	rs := make([]Recipient, 1000)
	for i := range rs {
		rs[i] = Recipient{Name: fmt.Sprintf("contributor-%d", i), Weight: decimal.NewFromInt(int64(i%17 + 1))}
	}
	w.Tiers[4].Recipients = rs
	income := assay.MustMoney("1234567.89", "CNY")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.Apply(income); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleWaterfall_Apply() {
	d := decimal.RequireFromString
	w := Waterfall{Tiers: []Tier{
		{Name: "exchange fee", Kind: TierPercentOfGross, Rate: d("0.03"), Recipients: []Recipient{{Name: "exchange"}}},
		{Name: "commission", Kind: TierPercentOfRemaining, Rate: d("0.10"), Recipients: []Recipient{{Name: "intermediary"}}},
		{Name: "contributors", Kind: TierResidual, Recipients: []Recipient{
			{Name: "hospital", Weight: d("0.62")}, {Name: "clinic", Weight: d("0.38")}}},
	}}
	r, _ := w.Apply(assay.MustMoney("5000", "HKD"))
	for _, e := range r.Ledger {
		fmt.Printf("%-12s %-12s %s\n", e.Tier, e.Recipient, e.Amount)
	}
	// Output:
	// exchange fee exchange     150.00 HKD
	// commission   intermediary 485.00 HKD
	// contributors hospital     2706.30 HKD
	// contributors clinic       1658.70 HKD
}
