package valuation

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func identity(x []float64) (float64, error) { return x[0], nil }

func TestMonteCarlo_IndependentOfWorkers(t *testing.T) {
	vars := []Variable{
		{Name: "a", Dist: InputDistribution{Kind: PERT, Min: 1, Mode: 2, Max: 5}},
		{Name: "b", Dist: InputDistribution{Kind: Normal, Mean: 10, StdDev: 2}},
		{Name: "c", Dist: InputDistribution{Kind: LogNormal, Mu: 0, Sigma: 0.5}},
	}
	model := func(x []float64) (float64, error) { return x[0]*x[1] + x[2], nil }
	var first Simulation
	for i, w := range []int{1, 0, 2, 3, 8} { // zero means one goroutine, the module-wide meaning
		got, err := MonteCarlo(context.Background(), model, vars, MonteCarloOptions{Seed: 42, Trials: 5000, Workers: w, KeepSamples: true})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = got
			continue
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("workers %d differ from workers 1 (-1 +%d):\n%s", w, w, diff)
		}
	}
	other, err := MonteCarlo(context.Background(), model, vars, MonteCarloOptions{Seed: 43, Trials: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if other.Mean == first.Mean {
		t.Errorf("seeds 42 and 43 gave the same mean %v", other.Mean)
	}
}

// TestMonteCarlo_Moments checks each family's sample mean against its known mean, within five
// standard errors (σ/√n with the family's known σ), and the percentiles of a uniform.
func TestMonteCarlo_Moments(t *testing.T) {
	const n = 40_000
	tests := []struct {
		name       string
		dist       InputDistribution
		mean, sd   float64
		source     string
		percentile map[float64]float64
	}{
		{"uniform", InputDistribution{Kind: Uniform, Min: 2, Max: 6}, 4, 4 / math.Sqrt(12), "(a+b)/2, (b−a)/√12",
			map[float64]float64{0.05: 2.2, 0.5: 4, 0.95: 5.8}},
		{"normal", InputDistribution{Kind: Normal, Mean: -3, StdDev: 2}, -3, 2, "μ, σ", nil},
		{"lognormal", InputDistribution{Kind: LogNormal, Mu: 0.5, Sigma: 0.25}, math.Exp(0.5 + 0.25*0.25/2),
			math.Exp(0.5+0.25*0.25/2) * math.Sqrt(math.Expm1(0.0625)), "e^(μ+σ²/2), mean·√(e^σ²−1)", nil},
		{"triangular", InputDistribution{Kind: Triangular, Min: 0, Mode: 1, Max: 4}, 5.0 / 3,
			math.Sqrt((0 + 1 + 16 - 0 - 0 - 4) / 18.0), "(a+b+c)/3, √((a²+b²+c²−ab−ac−bc)/18)", nil},
		// PERT(0.08, 0.1, 0.15): mean (0.08 + 0.4 + 0.15)/6 = 0.105; α = 1 + 4·0.02/0.07,
		// β = 1 + 4·0.05/0.07, sd = 0.07·√(αβ/((α+β)²(α+β+1))).
		{"pert", InputDistribution{Kind: PERT, Min: 0.08, Mode: 0.1, Max: 0.15}, 0.105,
			func() float64 {
				a, b := 1+4*0.02/0.07, 1+4*0.05/0.07
				return 0.07 * math.Sqrt(a*b/((a+b)*(a+b)*(a+b+1)))
			}(), "Vose, Risk Analysis (2008): (a+4m+b)/6", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MonteCarlo(context.Background(), identity, []Variable{{Name: "x", Dist: tt.dist}}, MonteCarloOptions{Seed: 7, Trials: n})
			if err != nil {
				t.Fatal(err)
			}
			if se := tt.sd / math.Sqrt(n); math.Abs(got.Mean-tt.mean) > 5*se {
				t.Errorf("mean %v, want %v ± %v (%s)", got.Mean, tt.mean, 5*se, tt.source)
			}
			if math.Abs(got.StdDev-tt.sd) > 0.03*tt.sd {
				t.Errorf("sd %v, want %v ± 3 %%", got.StdDev, tt.sd)
			}
			for p, want := range tt.percentile {
				v, ok := got.Percentile(p)
				if !ok || math.Abs(v-want) > 0.05 {
					t.Errorf("P%g = %v, want %v ± 0.05", 100*p, v, want)
				}
			}
		})
	}
}

func TestMonteCarlo_Tornado(t *testing.T) {
	vars := []Variable{
		{Name: "small", Dist: InputDistribution{Kind: Uniform, Min: 0, Max: 10}},
		{Name: "large", Dist: InputDistribution{Kind: Triangular, Min: 0, Mode: 50, Max: 100}},
	}
	model := func(x []float64) (float64, error) { return 2*x[0] + x[1], nil }
	got, err := MonteCarlo(context.Background(), model, vars, MonteCarloOptions{Trials: 100, TornadoLow: 0.1, TornadoHigh: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	// Base: 2·5 + 50 = 60. Uniform(0, 10) P10, P90 = 1, 9; triangular(0, 50, 100) P10 =
	// √(0.1·100·50) = √500, P90 = 100 − √500.
	r := math.Sqrt(500)
	want := []TornadoBar{
		{Variable: "large", Low: r, High: 100 - r, ValueLow: 10 + r, ValueHigh: 110 - r, Swing: 100 - 2*r},
		{Variable: "small", Low: 1, High: 9, ValueLow: 52, ValueHigh: 68, Swing: 16},
	}
	approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })
	if diff := cmp.Diff(want, got.Tornado, approx); diff != "" {
		t.Errorf("tornado (-want +got):\n%s", diff)
	}
	if got.Base != 60 {
		t.Errorf("base %v, want 60", got.Base)
	}
}

func TestMonteCarlo_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := MonteCarlo(ctx, identity, []Variable{{Name: "x", Dist: InputDistribution{Kind: Uniform, Min: 0, Max: 1}}}, MonteCarloOptions{Trials: 100_000})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestMonteCarlo_FirstFailingTrial(t *testing.T) {
	errBig := errors.New("draw too large")
	model := func(x []float64) (float64, error) {
		if x[0] > 0.9995 {
			return 0, errBig
		}
		return x[0], nil
	}
	vars := []Variable{{Name: "x", Dist: InputDistribution{Kind: Uniform, Min: 0, Max: 1}}}
	var first *TrialError
	for _, w := range []int{1, 2, 5} {
		_, err := MonteCarlo(context.Background(), model, vars, MonteCarloOptions{Seed: 3, Trials: 50_000, Workers: w})
		var te *TrialError
		if !errors.As(err, &te) || !errors.Is(err, ErrTrialFailed) || !errors.Is(err, errBig) {
			t.Fatalf("workers %d: err = %v, want a *TrialError wrapping errBig", w, err)
		}
		if first == nil {
			first = te
		} else if diff := cmp.Diff(*first, *te, cmpopts.EquateErrors()); diff != "" {
			t.Errorf("workers %d report another trial (-1 +%d):\n%s", w, w, diff)
		}
	}
}

func TestMonteCarlo_BadInput(t *testing.T) {
	u := InputDistribution{Kind: Uniform, Min: 0, Max: 1}
	tests := []struct {
		name  string
		vars  []Variable
		opt   MonteCarloOptions
		field string
	}{
		{"no variables", nil, MonteCarloOptions{}, "variables"},
		{"unknown kind", []Variable{{Name: "x", Dist: InputDistribution{Kind: "cauchy"}}}, MonteCarloOptions{}, "variables[0].dist.kind"},
		{"zero sd", []Variable{{Name: "x", Dist: InputDistribution{Kind: Normal, Mean: 1}}}, MonteCarloOptions{}, "variables[0].dist.stdDev"},
		{"stray field", []Variable{{Name: "x", Dist: InputDistribution{Kind: Normal, StdDev: 1, Max: 3}}}, MonteCarloOptions{}, "variables[0].dist.max"},
		{"mode outside", []Variable{{Name: "x", Dist: InputDistribution{Kind: PERT, Min: 0, Mode: 2, Max: 1}}}, MonteCarloOptions{}, "variables[0].dist.mode"},
		{"empty range", []Variable{{Name: "x", Dist: InputDistribution{Kind: Triangular, Min: 1, Mode: 1, Max: 1}}}, MonteCarloOptions{}, "variables[0].dist.max"},
		{"NaN", []Variable{{Name: "x", Dist: InputDistribution{Kind: Uniform, Min: nanValue(), Max: 1}}}, MonteCarloOptions{}, "variables[0].dist.min"},
		{"negative trials", []Variable{{Name: "x", Dist: u}}, MonteCarloOptions{Trials: -1}, "trials"},
		{"too many workers", []Variable{{Name: "x", Dist: u}}, MonteCarloOptions{Workers: 1025}, "workers"},
		{"percentile above 1", []Variable{{Name: "x", Dist: u}}, MonteCarloOptions{Percentiles: []float64{1.5}}, "percentiles[0]"},
		{"tornado inverted", []Variable{{Name: "x", Dist: u}}, MonteCarloOptions{TornadoLow: 0.9, TornadoHigh: 0.1}, "tornadoHigh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := MonteCarlo(context.Background(), identity, tt.vars, tt.opt)
			assertInputError(t, err, tt.field)
		})
	}
}

// TestIncomeModel_MatchesIncome checks that the Monte Carlo binding computes what Income
// computes, at the base inputs and with each driver moved.
func TestIncomeModel_MatchesIncome(t *testing.T) {
	base := IncomeInput{Basis: SplitIncome, Rate: 0.3, TaxRate: 0.25, DiscountRate: 0.1,
		Forecast: years("1000", "1200", "1300"), Terminal: &Terminal{Growth: 0.02}, RemainingLife: 6,
		Amortisation: &TaxAmortisation{TaxRate: 0.25, Years: 10}}
	drivers := []Driver{DriverDiscountRate, DriverGrowth, DriverIncomeScale, DriverRate, DriverTaxRate, DriverRemainingLife}
	m, err := base.Model(drivers...)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		x      []float64
		mutate func(*IncomeInput)
	}{
		{[]float64{0.1, 0.02, 1, 0.3, 0.25, 6}, func(*IncomeInput) {}},
		{[]float64{0.13, 0.02, 1, 0.3, 0.25, 6}, func(in *IncomeInput) { in.DiscountRate = 0.13 }},
		{[]float64{0.1, -0.01, 1, 0.3, 0.25, 6}, func(in *IncomeInput) { in.Terminal = &Terminal{Growth: -0.01} }},
		{[]float64{0.1, 0.02, 1, 0.2, 0.25, 6}, func(in *IncomeInput) { in.Rate = 0.2 }},
		{[]float64{0.1, 0.02, 1, 0.3, 0.15, 6}, func(in *IncomeInput) { in.TaxRate = 0.15 }},
		{[]float64{0.1, 0.02, 1, 0.3, 0.25, 9.5}, func(in *IncomeInput) { in.RemainingLife = 9.5 }},
		// Scale 1.1 multiplies every F_t: the same as incomes 1100, 1320, 1430.
		{[]float64{0.1, 0.02, 1.1, 0.3, 0.25, 6}, func(in *IncomeInput) { in.Forecast = years("1100", "1320", "1430") }},
		// A life drawn inside the forecast drops the terminal value.
		{[]float64{0.1, 0.02, 1, 0.3, 0.25, 2.5}, func(in *IncomeInput) { in.RemainingLife, in.Terminal = 2.5, nil }},
	}
	for i, c := range cases {
		in := base
		c.mutate(&in)
		want, err := Income(in)
		if err != nil {
			t.Fatal(err)
		}
		v, err := m(c.x)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := MoneyFromModel(v, want.Value.Currency(), assay.HalfEven)
		if !got.Equal(want.Value) {
			t.Errorf("case %d %v: model %v, Income %v", i, c.x, got, want.Value)
		}
	}
	if _, err := m([]float64{0.01, 0.02, 1, 0.3, 0.25, 6}); err == nil {
		t.Errorf("discount rate below growth: no error")
	}
	if _, err := (IncomeInput{Forecast: years("1"), DiscountRate: 0.1}).Model(DriverRate); err == nil {
		t.Errorf("rate driver on the direct basis: no error")
	}
	_, err = base.Model(DriverDiscountRate, DriverTaxRate, DriverDiscountRate)
	assertInputError(t, err, "drivers[2]")
}

func TestCostModel_MatchesCost(t *testing.T) {
	in := CostInput{Items: trafficCosts(), ReturnRate: 0.1, Coefficient: ptr(0.943),
		Obsolescence: &Obsolescence{Economic: 0.1}, Life: &RemainingLife{Used: 2, Remaining: 6}}
	m, err := in.Model(DriverCostScale, DriverReturnRate, DriverCoefficient, DriverObsolescence)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range [][]float64{{1, 0.1, 0.943, 0.1}, {1.2, 0.15, 0.8, 0.3}} {
		alt := in
		alt.Items = append([]CostItem(nil), in.Items...)
		for i := range alt.Items {
			alt.Items[i].Amount = alt.Items[i].Amount.MulDecimal(decimalOf(x[0]))
		}
		alt.ReturnRate, alt.Coefficient, alt.Obsolescence = x[1], ptr(x[2]), &Obsolescence{Economic: x[3]}
		want, err := Cost(alt)
		if err != nil {
			t.Fatal(err)
		}
		v, err := m(x)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := MoneyFromModel(v, want.Value.Currency(), assay.HalfEven)
		if !got.Equal(want.Value) {
			t.Errorf("%v: model %v, Cost %v", x, got, want.Value)
		}
	}
}

// FuzzMonteCarloJSON decodes Monte Carlo options and variables as a notebook would send
// them and runs a short simulation: no input may panic, and the percentiles must be ordered.
func FuzzMonteCarloJSON(f *testing.F) {
	f.Add([]byte(`{"options":{"seed":1,"trials":100},"variables":[{"name":"x","dist":{"kind":"pert","min":1,"mode":2,"max":3}}]}`))
	f.Add([]byte(`{"options":{"trials":50,"percentiles":[0,1],"tornadoLow":0.01},"variables":[{"name":"x","dist":{"kind":"lognormal","mu":700,"sigma":1e-300}}]}`))
	f.Add([]byte(`{"variables":[{"name":"x","dist":{"kind":"normal","mean":1e15,"stdDev":1e15}},{"name":"y","dist":{"kind":"uniform","min":-1,"max":1}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			Options   MonteCarloOptions `json:"options"`
			Variables []Variable        `json:"variables"`
		}
		if json.Unmarshal(data, &in) != nil || len(in.Variables) > 8 {
			return
		}
		in.Options.Trials = min(max(in.Options.Trials, 1), 300)
		sum := func(x []float64) (float64, error) {
			var s float64
			for _, v := range x {
				s += v
			}
			return s, nil
		}
		sim, err := MonteCarlo(context.Background(), sum, in.Variables, in.Options)
		if err != nil {
			return
		}
		for i := 1; i < len(sim.Percentiles); i++ {
			a, b := sim.Percentiles[i-1], sim.Percentiles[i]
			if a.P <= b.P && a.Value > b.Value {
				t.Fatalf("P%g = %v above P%g = %v", 100*a.P, a.Value, 100*b.P, b.Value)
			}
		}
	})
}
