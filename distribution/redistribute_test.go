package distribution

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// progressive is a three-bracket schedule: 0 % to 50,000, 20 % to 100,000, 40 % above.
func progressive() Levy {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	return Levy{Brackets: []Bracket{{cny("0"), d("0")}, {cny("50000"), d("0.2")}, {cny("100000"), d("0.4")}}}
}

func TestLevy_Due(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	tests := []struct {
		levy   Levy
		income string
		want   string
		source string
	}{
		{progressive(), "40000", "0", "below the first taxed bracket"},
		{progressive(), "50000", "0", "exactly at the threshold"},
		{progressive(), "80000", "6000", "hand: 20 % × 30,000"},
		{progressive(), "150000", "30000", "hand: 20 % × 50,000 + 40 % × 50,000"},
		{progressive(), "-5", "0", "negative income owes nothing"},
		{Levy{Brackets: []Bracket{{cny("0"), decimal.RequireFromString("0.333")}}}, "0.10", "0.03", "hand: 0.0333 rounds half-even to 0.03"},
		{Levy{Rounding: assay.Up, Brackets: []Bracket{{cny("0"), decimal.RequireFromString("0.333")}}}, "0.10", "0.04", "rounded up"},
		{Levy{}, "1000", "0", "the zero Levy"},
	}
	for _, tt := range tests {
		got, err := tt.levy.Due(cny(tt.income))
		if err != nil {
			t.Fatalf("Due(%s): %v", tt.income, err)
		}
		if diff := cmp.Diff(cny(tt.want), got); diff != "" {
			t.Errorf("Due(%s) (-want +got) (source: %s):\n%s", tt.income, tt.source, diff)
		}
	}
}

func TestLevyDividend_Apply(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	flat := Levy{Brackets: []Bracket{{cny("0"), d("0.1")}}}
	incomes := allocMoneys("CNY", "10", "20", "70")
	tests := []struct {
		name      string
		scheme    LevyDividend
		dividends []assay.Money
		retained  string
		source    string
	}{
		{"equal dividend", LevyDividend{Levy: flat}, allocMoneys("CNY", "3.34", "3.33", "3.33"), "0",
			"hand: levies 1, 2, 7 = 10, split three ways"},
		{"targeted", LevyDividend{Levy: flat, Eligible: []bool{true, false, false}}, allocMoneys("CNY", "10", "0", "0"), "0",
			"only the vulnerable first person receives"},
		{"by need", LevyDividend{Levy: flat, Need: []decimal.Decimal{d("2"), d("1"), d("0")}}, allocMoneys("CNY", "6.67", "3.33", "0"), "0",
			"hand: 10 split 2:1:0 = 6.666…, 3.333…, 0"},
		{"retained share", LevyDividend{Levy: flat, Retain: d("0.1")}, allocMoneys("CNY", "3", "3", "3"), "1",
			"hand: 10 % of 10 kept, 9 split three ways"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.scheme.Apply(incomes)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(allocMoneys("CNY", "1", "2", "7"), r.Levies); diff != "" {
				t.Errorf("levies (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.dividends, r.Dividends); diff != "" {
				t.Errorf("dividends (-want +got) (source: %s):\n%s", tt.source, diff)
			}
			if diff := cmp.Diff([]assay.Money{cny("10"), cny(tt.retained)}, []assay.Money{r.Collected, r.Retained}); diff != "" {
				t.Errorf("collected, retained (-want +got):\n%s", diff)
			}
			checkRedistributionFlows(t, r)
		})
	}
	// Inequality before and after, hand: Gini = Σ(2i−n−1)x₍ᵢ₎ / (nΣx).
	r, err := LevyDividend{Levy: flat}.Apply(incomes)
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{r.InequalityBefore.Gini, r.InequalityAfter.Gini, r.InequalityBefore.Top10Share}
	want := []float64{
		(-2*10 + 2*70) / 300.0,       // 0.4
		(-2*12.34 + 2*66.33) / 300.0, // after: 12.34, 21.33, 66.33
		0.3 * 70 / 100,               // the richest 10 % is 0.3 of the richest third
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("inequality (-want +got):\n%s", diff)
	}
}

// checkRedistributionFlows checks Collected = Paid + Retained, Σ levies = Collected,
// Σ dividends = Paid and after = before − levy + dividend for everyone.
func checkRedistributionFlows(t *testing.T, r Redistribution) {
	t.Helper()
	levies, err := assay.Sum(r.Levies...)
	if err != nil {
		t.Fatal(err)
	}
	dividends, err := assay.Sum(r.Dividends...)
	if err != nil {
		t.Fatal(err)
	}
	flows, err := r.Paid.Add(r.Retained)
	if err != nil {
		t.Fatal(err)
	}
	if !flows.Equal(r.Collected) || !dividends.Equal(r.Paid) {
		t.Errorf("collected %v, paid %v + retained %v, dividends %v", r.Collected, r.Paid, r.Retained, dividends)
	}
	if !levies.IsZero() && !levies.Equal(r.Collected) {
		t.Errorf("levies sum to %v, collected %v", levies, r.Collected)
	}
	for i := range r.Before {
		x, _ := r.Before[i].Sub(r.Levies[i])
		x, _ = x.Add(r.Dividends[i])
		if !x.Equal(r.After[i]) {
			t.Errorf("person %d: %v − %v + %v ≠ %v", i, r.Before[i], r.Levies[i], r.Dividends[i], r.After[i])
		}
	}
}

func TestDataDividend_Apply(t *testing.T) {
	d := decimal.RequireFromString
	dd := DataDividend{Revenue: assay.MustMoney("1000", "MOP"), Share: d("0.05"), Weights: []decimal.Decimal{d("1"), d("1"), d("2")}}
	r, err := dd.Apply(allocMoneys("MOP", "100", "0", "300"))
	if err != nil {
		t.Fatal(err)
	}
	// Hand: pool 5 % of 1,000 = 50, split 1:1:2.
	if diff := cmp.Diff(allocMoneys("MOP", "12.50", "12.50", "25"), r.Dividends); diff != "" {
		t.Errorf("dividends (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(allocMoneys("MOP", "112.50", "12.50", "325"), r.After); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
	checkRedistributionFlows(t, r)
	// A zero income leaves Theil and Atkinson(0.5) defined, and Palma too: the poorest 40 %
	// (1.2 of 3 people) hold 0 + 0.2 × 100 > 0.
	if len(r.InequalityBefore.Undefined) != 0 {
		t.Errorf("undefined before: %v", r.InequalityBefore.Undefined)
	}
	if r.InequalityAfter.Gini >= r.InequalityBefore.Gini {
		t.Errorf("Gini after %v not below before %v", r.InequalityAfter.Gini, r.InequalityBefore.Gini)
	}
}

func TestRedistribution_Errors(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	incomes := allocMoneys("CNY", "1", "2")
	tests := []struct {
		name string
		err  error
		is   error
	}{
		{"brackets out of order", errOf(Levy{Brackets: []Bracket{{cny("10"), d("0.1")}, {cny("5"), d("0.2")}}}.Due(cny("1"))), ErrInvalidInput},
		{"equal thresholds", errOf(Levy{Brackets: []Bracket{{cny("5"), d("0.1")}, {cny("5"), d("0.2")}}}.Due(cny("1"))), ErrInvalidInput},
		{"rate above 1", errOf(Levy{Brackets: []Bracket{{cny("0"), d("1.01")}}}.Due(cny("1"))), ErrInvalidInput},
		{"negative threshold", errOf(Levy{Brackets: []Bracket{{cny("-1"), d("0.1")}}}.Due(cny("1"))), ErrInvalidInput},
		{"threshold currency", errOf(Levy{Brackets: []Bracket{{assay.MustMoney("1", "HKD"), d("0.1")}}}.Due(cny("5"))), assay.ErrCurrencyMismatch},
		{"retain above 1", errOf(LevyDividend{Retain: d("2")}.Apply(incomes)), ErrInvalidInput},
		{"need length", errOf(LevyDividend{Need: []decimal.Decimal{d("1")}}.Apply(incomes)), ErrInvalidInput},
		{"eligible length", errOf(DataDividend{Eligible: []bool{true}}.Apply(incomes)), ErrInvalidInput},
		{"no incomes", errOf(LevyDividend{}.Apply(nil)), ErrInvalidInput},
		{"mixed currencies", errOf(LevyDividend{}.Apply([]assay.Money{cny("1"), assay.MustMoney("1", "HKD")})), assay.ErrCurrencyMismatch},
		{"inexact income", errOf(LevyDividend{}.Apply([]assay.Money{cny("1.001")})), assay.ErrInexact},
		{"nobody eligible", errOf(DataDividend{Revenue: cny("10"), Share: d("1"), Eligible: []bool{false, false}}.Apply(incomes)), ErrInvalidInput},
		{"share above 1", errOf(DataDividend{Revenue: cny("10"), Share: d("1.5")}.Apply(incomes)), ErrInvalidInput},
		{"revenue currency", errOf(DataDividend{Revenue: assay.MustMoney("10", "USD"), Share: d("0.5")}.Apply(incomes)), assay.ErrCurrencyMismatch},
		{"zero incomes", errOf(LevyDividend{}.Apply(allocMoneys("CNY", "0", "0"))), ErrUndefined},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.is) {
			t.Errorf("%s: error %v, want %v", tt.name, tt.err, tt.is)
		}
	}
}

func TestSummarizeInequality_Undefined(t *testing.T) {
	// Half the population has nothing: Palma is undefined (the bottom 40 % hold 0), Theil and
	// Atkinson(0.5) are defined.
	s, err := SummarizeInequality([]float64{0, 0, 0, 0, 0, 1, 2, 3, 4, 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"palma"}, s.Undefined); diff != "" {
		t.Errorf("undefined (-want +got):\n%s", diff)
	}
	if _, err := json.Marshal(s); err != nil {
		t.Errorf("JSON: %v", err)
	}
}

func ExampleLevyDividend_Apply() {
	d := decimal.RequireFromString
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	scheme := LevyDividend{
		Levy: Levy{Brackets: []Bracket{{Above: cny("0"), Rate: d("0")}, {Above: cny("50000"), Rate: d("0.3")}}},
		// Only the rural contributors (the first two) receive the dividend.
		Eligible: []bool{true, true, false, false},
	}
	r, _ := scheme.Apply([]assay.Money{cny("12000"), cny("30000"), cny("90000"), cny("400000")})
	fmt.Println("levies:   ", r.Levies)
	fmt.Println("dividends:", r.Dividends)
	// Gini by hand, Σ(2i−n−1)x₍ᵢ₎ / (nΣx) with Σx = 532,000 before and after:
	// (−3·12000 − 30000 + 90000 + 3·400000) / 2,128,000 = 0.575;
	// (−3·70500 − 78000 + 88500 + 3·295000) / 2,128,000 = 0.321.
	fmt.Printf("Gini %.3f → %.3f\n", r.InequalityBefore.Gini, r.InequalityAfter.Gini)
	// Output:
	// levies:    [0.00 CNY 0.00 CNY 12000.00 CNY 105000.00 CNY]
	// dividends: [58500.00 CNY 58500.00 CNY 0.00 CNY 0.00 CNY]
	// Gini 0.575 → 0.321
}

// FuzzLevy decodes a levy from arbitrary JSON and checks, when it is valid, that the levy on
// any income is between zero and the income and never decreases as the income grows.
func FuzzLevy(f *testing.F) {
	b, _ := json.Marshal(progressive())
	f.Add(b, int64(8_000_000), int64(1))
	f.Add([]byte(`{"brackets":[{"above":{"amount":"0","currency":"CNY"},"rate":"1"}],"rounding":"up"}`), int64(1), int64(1))
	f.Add([]byte(`{"brackets":[{"above":{"amount":"5","currency":"CNY"},"rate":"0.5"},{"above":{"amount":"4","currency":"CNY"},"rate":"0.5"}]}`), int64(1000), int64(7))
	f.Fuzz(func(t *testing.T, data []byte, income, raise int64) {
		var l Levy
		if len(data) > 4096 || json.Unmarshal(data, &l) != nil || l.Validate() != nil {
			return
		}
		cur := assay.MustCurrency("CNY")
		if raise < 0 || income > 1<<50 || raise > 1<<50 {
			return
		}
		x, y := assay.MoneyFromMinor(income, cur), assay.MoneyFromMinor(income+raise, cur)
		lx, err1 := l.Due(x)
		ly, err2 := l.Due(y)
		if err1 != nil || err2 != nil {
			if !errors.Is(err1, assay.ErrCurrencyMismatch) && !errors.Is(err2, assay.ErrCurrencyMismatch) {
				t.Fatalf("errors %v, %v", err1, err2)
			}
			return
		}
		if lx.IsNegative() || (income > 0 && lx.Amount().GreaterThan(x.Amount())) || (income <= 0 && !lx.IsZero()) {
			t.Fatalf("levy %v on income %v", lx, x)
		}
		if ly.Amount().LessThan(lx.Amount()) {
			t.Fatalf("levy %v on %v is below levy %v on %v", ly, y, lx, x)
		}
	})
}

func ExampleDataDividend_Apply() {
	// A platform pays 5 % of its 1,000 MOP data revenue to three data subjects in proportion
	// to the records they contributed.
	d := decimal.RequireFromString
	dd := DataDividend{Revenue: assay.MustMoney("1000", "MOP"), Share: d("0.05"),
		Weights: []decimal.Decimal{d("1200"), d("300"), d("500")}}
	r, _ := dd.Apply([]assay.Money{assay.MustMoney("100", "MOP"), assay.MustMoney("0", "MOP"), assay.MustMoney("300", "MOP")})
	fmt.Println("dividends:", r.Dividends)
	fmt.Println("after:    ", r.After)
	// Output:
	// dividends: [30.00 MOP 7.50 MOP 12.50 MOP]
	// after:     [130.00 MOP 7.50 MOP 312.50 MOP]
}

// BenchmarkLevyDividend1000 runs the progressive levy and dividend on 1,000 incomes,
// inequality summaries included.
func BenchmarkLevyDividend1000(b *testing.B) {
	incomes := make([]assay.Money, 1000)
	for i := range incomes {
		incomes[i] = assay.MoneyFromMinor(int64(100_000+i*i*997), assay.MustCurrency("CNY"))
	}
	s := LevyDividend{Levy: progressive()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Apply(incomes); err != nil {
			b.Fatal(err)
		}
	}
}
