package valuation

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// years builds a forecast of the given incomes in CNY.
func years(incomes ...string) []ForecastYear {
	out := make([]ForecastYear, len(incomes))
	for i, s := range incomes {
		out[i] = ForecastYear{Income: cny(s)}
	}
	return out
}

func TestIncome_WorkedExamples(t *testing.T) {
	tests := []struct {
		name   string
		in     IncomeInput
		want   string
		source string
	}{
		{
			name:   "spreadsheet NPV",
			in:     IncomeInput{Forecast: years("-10000", "3000", "4200", "6800"), DiscountRate: 0.1},
			want:   "1188.44",
			source: "Microsoft NPV documentation: NPV(10%, -10000, 3000, 4200, 6800) = 1,188.44",
		},
		{
			name: "relief from royalty after tax",
			in: IncomeInput{Basis: ReliefFromRoyalty, Forecast: years("1000000", "1100000", "1210000"),
				Rate: 0.05, TaxRate: 0.25, DiscountRate: 0.12},
			// F = Rev × 5 % × (1 − 25 %) = 37500, 41250, 45375;
			// 37500/1.12 + 41250/1.12² + 45375/1.12³ = 33482.142857 + 32884.247449 + 32297.028743
			// = 98663.419049.
			want:   "98663.42",
			source: "IVS 210 relief from royalty, Σ Rev·royalty·(1−T)/(1+k)^t; hand calculation",
		},
		{
			name: "relief from royalty with TAB",
			in: IncomeInput{Basis: ReliefFromRoyalty, Forecast: years("1000000", "1100000", "1210000"),
				Rate: 0.05, TaxRate: 0.25, DiscountRate: 0.12, Amortisation: &TaxAmortisation{TaxRate: 0.25, Years: 15}},
			// 98663.419049 × 1.128049919 (TAB, 25 %, 15 y, 12 %) = 111297.261860.
			want:   "111297.26",
			source: "IVS 210 TAB factor, opag.io / Wikipedia 'Tax amortization benefit' (≈1.13 → 1.12805)",
		},
		{
			name: "excess earnings",
			in: IncomeInput{Basis: ExcessEarnings, DiscountRate: 0.1, Forecast: []ForecastYear{
				{Income: cny("500"), Charges: []ContributoryCharge{{"working capital", cny("100")}, {"servers", cny("50")}}},
				{Income: cny("600"), Charges: []ContributoryCharge{{"working capital", cny("120")}, {"servers", cny("60")}}},
			}},
			// F = 350, 420: 350/1.1 + 420/1.21 = 318.181818 + 347.107438 = 665.289256.
			want:   "665.29",
			source: "CAS 2023 超额收益 F = R − Σ CAC; hand calculation",
		},
		{
			name: "incremental",
			in: IncomeInput{Basis: IncrementalIncome, DiscountRate: 0.1, Forecast: []ForecastYear{
				{Income: cny("1000"), Without: cny("800")}, {Income: cny("1100"), Without: cny("850")}}},
			// F = 200, 250: 181.818182 + 206.611570 = 388.429752.
			want:   "388.43",
			source: "CAS 2023 增量收益; hand calculation",
		},
		{
			name: "split with a year's own rate",
			in: IncomeInput{Basis: SplitIncome, Rate: 0.3, DiscountRate: 0.1, Forecast: []ForecastYear{
				{Income: cny("1000")}, {Income: cny("1000"), Rate: 0.25}}},
			// F = 300, 250: 272.727273 + 206.611570 = 479.338843.
			want:   "479.34",
			source: "CAS 2023 分成收益; hand calculation",
		},
		{
			name: "Gordon terminal value",
			in:   IncomeInput{Forecast: years("100"), DiscountRate: 0.1, Terminal: &Terminal{Growth: 0.02}},
			// 100/1.1 + (100 × 1.02 / 0.08)/1.1 = 100/1.1 × 13.75 = 1250 exactly.
			want:   "1250.00",
			source: "Gordon growth model; hand calculation",
		},
		{
			name: "Gordon terminal value, mid-year",
			in:   IncomeInput{Forecast: years("100"), DiscountRate: 0.1, Terminal: &Terminal{Growth: 0.02}, MidYear: true},
			// Every flow moves half a year earlier: 1250 × 1.1^0.5 = 1311.011060.
			want:   "1311.01",
			source: "mid-year convention; hand calculation",
		},
		{
			name: "remaining life inside the forecast",
			in:   IncomeInput{Forecast: years("100", "100", "100"), DiscountRate: 0.1, RemainingLife: 2.5},
			// 100/1.1 + 100/1.21 + 0.5 × 100/1.331 = 90.909091 + 82.644628 + 37.565740 = 211.119459.
			want:   "211.12",
			source: "CAS 2023 art. 22 finite income period; hand calculation",
		},
		{
			name: "built-up discount rate",
			in: IncomeInput{Forecast: years("108"), BuildUp: &RateBuildUp{RiskFree: 0.03, Management: 0.02,
				Circulation: 0.015, Security: 0.01, Regulatory: 0.005}},
			// i = 3 % + 2 % + 1.5 % + 1 % + 0.5 % = 8 %; 108/1.08 = 100.
			want:   "100.00",
			source: "CAS 2023 art. 22 risk premiums; hand calculation",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Income(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Value.Equal(cny(tt.want)) {
				t.Errorf("Value = %v, want %s CNY (%s)", got.Value, tt.want, tt.source)
			}
			if last := got.Trail[len(got.Trail)-1]; !last.Value.Equal(got.Value) {
				t.Errorf("last step %v, want the value %v", last.Value, got.Value)
			}
		})
	}
}

func TestTABFactor(t *testing.T) {
	tests := []struct {
		t    float64
		n    int
		k    float64
		want float64
		src  string
	}{
		// PVAF(12 %, 15) = (1 − 1.12^−15)/0.12 = 6.810864; 1/(1 − 0.25 × 6.810864/15) = 1.128050.
		{0.25, 15, 0.12, 1.12805, "opag.io: ≈1.13 for 25 %, 15 y, 12 %; by hand above: 1.12805"},
		// PVAF(10 %, 10) = 6.144567; 1/(1 − 0.25 × 6.144567/10) = 1/0.846386 = 1.181494.
		{0.25, 10, 0.10, 1.181494, "hand calculation, PRC 10-year amortisation"},
		{0, 15, 0.12, 1, "no tax, no benefit"},
	}
	for _, tt := range tests {
		got, err := TABFactor(tt.t, tt.n, tt.k)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tt.want) > 5e-6 {
			t.Errorf("TABFactor(%g, %d, %g) = %.6f, want %.5f (%s)", tt.t, tt.n, tt.k, got, tt.want, tt.src)
		}
	}
	for _, bad := range []struct {
		t     float64
		n     int
		k     float64
		field string
	}{{1, 15, 0.1, "taxRate"}, {0.25, 0, 0.1, "years"}, {0.25, 15, 0, "rate"}, {0.25, 15, math.Inf(1), "rate"}} {
		_, err := TABFactor(bad.t, bad.n, bad.k)
		assertInputError(t, err, bad.field)
	}
}

// TestIncome_TerminalAnnuityMatchesBruteForce checks the closed-form growing annuity after
// the forecast against the sum of its flows, year by year.
func TestIncome_TerminalAnnuityMatchesBruteForce(t *testing.T) {
	const r, g = 0.11, 0.03
	incomes := []float64{100, 130, 150}
	for _, life := range []float64{3, 4, 7, 20} {
		for _, mid := range []bool{false, true} {
			in := IncomeInput{Forecast: years("100", "130", "150"), DiscountRate: r, Terminal: &Terminal{Growth: g},
				RemainingLife: life, MidYear: mid}
			got, err := Income(in)
			if err != nil {
				t.Fatal(err)
			}
			shift := 0.0
			if mid {
				shift = 0.5
			}
			var want float64
			f := 0.0
			for t := 1; t <= int(life); t++ {
				if t <= len(incomes) {
					f = incomes[t-1]
				} else {
					f *= 1 + g
				}
				want += f / math.Pow(1+r, float64(t)-shift)
			}
			w, _ := MoneyFromModel(want, got.Value.Currency(), assay.HalfEven)
			if !got.Value.Equal(w) {
				t.Errorf("life %g, mid-year %v: Value = %v, brute force %v", life, mid, got.Value, w)
			}
		}
	}
	// A long finite life approaches the perpetuity.
	long, _ := Income(IncomeInput{Forecast: years("100"), DiscountRate: 0.1, Terminal: &Terminal{Growth: 0.02}, RemainingLife: 1000})
	if !long.Value.Equal(cny("1250.00")) {
		t.Errorf("1000-year life: %v, want the perpetuity 1250.00 CNY", long.Value)
	}
}

func TestIncome_Years(t *testing.T) {
	got, err := Income(IncomeInput{Basis: SplitIncome, Rate: 0.5, TaxRate: 0.2, Forecast: years("1000", "2000"),
		DiscountRate: 0.25, RemainingLife: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	// F = 1000 × 0.5 × 0.8 = 400, 800; year 2 is half inside the life.
	// PV = 400/1.25 + 0.5 × 800/1.5625 = 320 + 256 = 576.
	want := IncomeResult{Basis: SplitIncome, DiscountRate: 0.25, TABFactor: 1, Value: cny("576"),
		Years: []IncomeYear{
			{Year: 1, Fraction: 1, Income: cny("400"), DiscountFactor: 0.8, PresentValue: cny("320")},
			{Year: 2, Fraction: 0.5, Income: cny("800"), DiscountFactor: 0.64, PresentValue: cny("256")},
		}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }),
		cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Trail" }, cmp.Ignore())); diff != "" {
		t.Errorf("Income (-want +got):\n%s", diff)
	}
}

func TestIncome_BadInput(t *testing.T) {
	base := func() IncomeInput {
		return IncomeInput{Basis: SplitIncome, Rate: 0.3, Forecast: years("100", "100"), DiscountRate: 0.1}
	}
	tests := []struct {
		name   string
		mutate func(*IncomeInput)
		field  string
	}{
		{"empty forecast", func(in *IncomeInput) { in.Forecast = nil }, "forecast"},
		{"unknown basis", func(in *IncomeInput) { in.Basis = "guess" }, "basis"},
		{"zero discount rate", func(in *IncomeInput) { in.DiscountRate = 0 }, "discountRate"},
		{"NaN discount rate", func(in *IncomeInput) { in.DiscountRate = nanValue() }, "discountRate"},
		{"rate and build-up", func(in *IncomeInput) { in.BuildUp = &RateBuildUp{RiskFree: 0.03} }, "discountRate"},
		{"growth equals rate", func(in *IncomeInput) { in.Terminal = &Terminal{Growth: 0.1} }, "terminal.growth"},
		{"growth above rate", func(in *IncomeInput) { in.Terminal = &Terminal{Growth: 0.15} }, "terminal.growth"},
		{"negative life", func(in *IncomeInput) { in.RemainingLife = -3 }, "remainingLife"},
		{"life beyond forecast without terminal", func(in *IncomeInput) { in.RemainingLife = 5 }, "remainingLife"},
		{"life inside forecast with terminal", func(in *IncomeInput) {
			in.RemainingLife = 1.5
			in.Terminal = &Terminal{Growth: 0.02}
		}, "remainingLife"},
		{"tax rate 1", func(in *IncomeInput) { in.TaxRate = 1 }, "taxRate"},
		{"split rate above 1", func(in *IncomeInput) { in.Forecast[1].Rate = 1.5 }, "forecast[1].rate"},
		{"no split rate", func(in *IncomeInput) { in.Rate = 0 }, "forecast[0].rate"},
		{"without on split", func(in *IncomeInput) { in.Forecast[0].Without = cny("1") }, "forecast[0].without"},
		{"charges on split", func(in *IncomeInput) {
			in.Forecast[0].Charges = []ContributoryCharge{{"x", cny("1")}}
		}, "forecast[0].charges"},
		{"negative charge", func(in *IncomeInput) {
			in.Basis = ExcessEarnings
			in.Rate = 0
			in.Forecast[0].Charges = []ContributoryCharge{{"x", cny("-1")}}
		}, "forecast[0].charges[0].amount"},
		{"amount too large for the float model", func(in *IncomeInput) { in.Forecast[0].Income = cny("1e15") }, "forecast[0].income"},
		{"TAB years", func(in *IncomeInput) { in.Amortisation = &TaxAmortisation{TaxRate: 0.25} }, "amortisation.years"},
		{"TAB tax rate", func(in *IncomeInput) { in.Amortisation = &TaxAmortisation{TaxRate: 1, Years: 15} }, "amortisation.taxRate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.mutate(&in)
			_, err := Income(in)
			assertInputError(t, err, tt.field)
		})
	}
}

func TestIncome_TrailText(t *testing.T) {
	got, err := Income(IncomeInput{Forecast: years("110", "121"), DiscountRate: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	// 110/1.1 = 100 and 121/1.21 = 100: running values 100 and 200.
	want := `1. discount rate
   inputs: discount rate i 0.1
   source: CAS 数据资产评估指导意见 (2023) art. 22: the discount rate matches the income measure
2. present value so far (running total through year 1) = 100.00 CNY
   inputs: R 110.00 CNY; F after tax 110.00 CNY; discount factor 0.9090909090909091; present value of the year 100.00 CNY
   source: F = R (直接收益); discounted 1/(1+i)^t, CAS 2023 art. 22
3. present value so far (running total through year 2) = 200.00 CNY
   inputs: R 121.00 CNY; F after tax 121.00 CNY; discount factor 0.8264462809917356; present value of the year 100.00 CNY
   source: F = R (直接收益); discounted 1/(1+i)^t, CAS 2023 art. 22
4. income-approach value = 200.00 CNY
   inputs: rounding half-even
   source: float model crosses into money once (MoneyFromModel)
`
	if diff := cmp.Diff(want, got.Trail.String()); diff != "" {
		t.Errorf("trail text (-want +got):\n%s", diff)
	}
}

func TestIncomeInput_JSON(t *testing.T) {
	const in = `{"basis":"relief-from-royalty","rate":0.05,"taxRate":0.25,"discountRate":0.12,
		"forecast":[{"income":{"amount":"1000000","currency":"CNY"}}],"amortisation":{"taxRate":0.25,"years":15}}`
	var got IncomeInput
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatal(err)
	}
	want := IncomeInput{Basis: ReliefFromRoyalty, Rate: 0.05, TaxRate: 0.25, DiscountRate: 0.12,
		Forecast: years("1000000"), Amortisation: &TaxAmortisation{TaxRate: 0.25, Years: 15}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"forecast":[],"discuntRate":0.1}`), &got); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("misspelt field: err = %v, want ErrInvalidInput", err)
	}
}

func FuzzIncomeInputJSON(f *testing.F) {
	f.Add([]byte(`{"basis":"split","rate":0.3,"discountRate":0.1,"forecast":[{"income":{"amount":"100","currency":"CNY"}}],"terminal":{"growth":0.02}}`))
	f.Add([]byte(`{"basis":"excess-earnings","discountRate":0.1,"midYear":true,"forecast":[{"income":{"amount":"100","currency":"MOP"},"charges":[{"asset":"x","amount":{"amount":"5","currency":"MOP"}}]}],"amortisation":{"taxRate":0.25,"years":15}}`))
	f.Add([]byte(`{"basis":"incremental","buildUp":{"riskFree":0.03,"other":0.05},"forecast":[{"income":{"amount":"9e13","currency":"JPY"},"without":{"amount":"1","currency":"JPY"}}],"remainingLife":0.001}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in IncomeInput
		if json.Unmarshal(data, &in) != nil {
			return
		}
		r, err := Income(in)
		if err != nil {
			return
		}
		if !r.Value.IsRounded() {
			t.Fatalf("value %v is not a whole number of minor units", r.Value)
		}
	})
}
