package valuation

import (
	"context"
	"testing"
)

func benchIncome() IncomeInput {
	return IncomeInput{Basis: SplitIncome, Rate: 0.3, TaxRate: 0.25, MidYear: true,
		BuildUp:  &RateBuildUp{RiskFree: 0.025, Management: 0.02, Circulation: 0.02, Security: 0.015, Regulatory: 0.01},
		Forecast: years("1000000", "1150000", "1300000", "1400000", "1450000"), Terminal: &Terminal{Growth: 0.02},
		RemainingLife: 8, Amortisation: &TaxAmortisation{TaxRate: 0.25, Years: 10}}
}

// BenchmarkThreeApproaches values the traffic data set by the cost, income and market
// approaches and reconciles them. Target: ≤ 50 µs.
func BenchmarkThreeApproaches(b *testing.B) {
	q := trafficQuality()
	inc := benchIncome()
	mkt := MarketInput{Comparables: trafficComparables(), Weighting: SimilarityWeights}
	costs := trafficCosts()
	b.ReportAllocs()
	for b.Loop() {
		qs, err := ScoreQuality(q)
		if err != nil {
			b.Fatal(err)
		}
		c, err := Cost(CostInput{Items: costs, ReturnRate: 0.1, Coefficient: &qs.Coefficient})
		if err != nil {
			b.Fatal(err)
		}
		i, err := Income(inc)
		if err != nil {
			b.Fatal(err)
		}
		m, err := Market(mkt)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Reconcile(Reconciliation{Indications: []Indication{c.Indication(0.2), i.Indication(0.5), m.Indication(0.3)}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCost(b *testing.B) {
	in := CostInput{Items: trafficCosts(), ReturnRate: 0.1, Coefficient: ptr(0.943), Life: &RemainingLife{Used: 2, Remaining: 6}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Cost(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIncome(b *testing.B) {
	in := benchIncome()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Income(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarket(b *testing.B) {
	in := MarketInput{Comparables: trafficComparables()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Market(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReconcile(b *testing.B) {
	r := Reconciliation{Indications: trafficIndications()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Reconcile(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIncomeModel is one Monte Carlo trial of the income approach without the draw.
func BenchmarkIncomeModel(b *testing.B) {
	m, err := benchIncome().Model(DriverDiscountRate, DriverIncomeScale, DriverRate, DriverRemainingLife)
	if err != nil {
		b.Fatal(err)
	}
	x := []float64{0.09, 1.05, 0.28, 7.5}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m(x); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonteCarloIncome100k runs 100,000 trials of the income approach with five
// uncertain inputs. Target: ≤ 1 s on 2 cores.
func BenchmarkMonteCarloIncome100k(b *testing.B) {
	m, err := benchIncome().Model(DriverDiscountRate, DriverIncomeScale, DriverRate, DriverRemainingLife, DriverGrowth)
	if err != nil {
		b.Fatal(err)
	}
	vars := []Variable{
		{Name: "discountRate", Dist: InputDistribution{Kind: PERT, Min: 0.08, Mode: 0.09, Max: 0.12}},
		{Name: "incomeScale", Dist: InputDistribution{Kind: LogNormal, Mu: 0, Sigma: 0.15}},
		{Name: "rate", Dist: InputDistribution{Kind: Triangular, Min: 0.25, Mode: 0.3, Max: 0.35}},
		{Name: "remainingLife", Dist: InputDistribution{Kind: Uniform, Min: 5, Max: 10}},
		{Name: "growth", Dist: InputDistribution{Kind: Normal, Mean: 0.02, StdDev: 0.005}},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MonteCarlo(context.Background(), m, vars, MonteCarloOptions{Seed: 1, Trials: 100_000, Workers: 2}); err != nil {
			b.Fatal(err)
		}
	}
}
