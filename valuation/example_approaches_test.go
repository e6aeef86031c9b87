package valuation_test

import (
	"context"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

func ExampleScoreQuality() {
	q, err := valuation.ScoreQuality(valuation.QualityAssessment{
		Measures: []valuation.QualityMeasure{
			{Dimension: valuation.Completeness, Passing: 9_800, Assessed: 10_000, Weight: 0.5}, // 0.98
			{Dimension: valuation.Accuracy, Passing: 9_500, Assessed: 10_000, Weight: 0.3},     // 0.95
			{Dimension: valuation.Timeliness, Score: 0.9, Weight: 0.2},                         // expert score
		},
		// δ rises linearly from 0.7 at a score of 0.6 to 1 at a perfect score.
		Mapping: valuation.QualityMapping{Points: []valuation.QualityPoint{{Score: 0.6, Coefficient: 0.7}, {Score: 1, Coefficient: 1}}},
	})
	if err != nil {
		panic(err)
	}
	// S = 0.49 + 0.285 + 0.18 = 0.955; δ = 0.7 + 0.3 × 0.355/0.4 = 0.96625.
	fmt.Printf("score %.3f, coefficient %.5f\n", q.Score, q.Coefficient)
	// Output:
	// score 0.955, coefficient 0.96625
}

func ExampleCost() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	delta := 0.9
	r, err := valuation.Cost(valuation.CostInput{
		Items: []valuation.CostItem{
			{Category: valuation.CostCollection, Amount: cny("300000")},
			{Category: valuation.CostProcessing, Name: "cleaning and desensitisation", Amount: cny("150000")},
			{Category: valuation.CostRights, Name: "registration", Amount: cny("8000")},
			{Category: valuation.CostTax, Amount: cny("2000")},
		},
		ReturnRate:  0.1,
		Coefficient: &delta,
	})
	if err != nil {
		panic(err)
	}
	// 460000 × 1.1 × 0.9 = 455400.
	fmt.Print(r.Trail)
	// Output:
	// 1. replacement cost so far (running total after 直接成本 direct) = 458000.00 CNY
	//    inputs: collection 300000.00 CNY; processing: cleaning and desensitisation 150000.00 CNY; rights: registration 8000.00 CNY; 直接成本 direct subtotal 458000.00 CNY
	//    source: CAS 数据资产评估指导意见 (2023) art. 23: 重置成本 = 前期费用 + 直接成本 + 间接成本 + 机会成本 + 相关税费
	// 2. replacement cost so far (running total after 相关税费 taxes) = 460000.00 CNY
	//    inputs: tax 2000.00 CNY; 相关税费 taxes subtotal 2000.00 CNY
	//    source: CAS 数据资产评估指导意见 (2023) art. 23: 重置成本 = 前期费用 + 直接成本 + 间接成本 + 机会成本 + 相关税费
	// 3. reasonable return on cost × 1.1 = 506000.00 CNY
	//    inputs: return rate R 0.1
	//    source: P = TC × (1 + R) × U, cost-approach practice after CAS expert guidance no. 9 (2019)
	// 4. value-adjustment coefficient δ × 0.9 = 455400.00 CNY
	//    inputs: δ 0.9
	//    source: CAS 数据资产评估指导意见 (2023) art. 23: P = C × δ
	// 5. cost-approach value = 455400.00 CNY
	//    inputs: rounding half-even
	//    source: exact product of the factors, rounded once to the minor unit
}

func ExampleIncome() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	r, err := valuation.Income(valuation.IncomeInput{
		Basis: valuation.ReliefFromRoyalty,
		Forecast: []valuation.ForecastYear{
			{Income: cny("1000000")}, {Income: cny("1100000")}, {Income: cny("1210000")},
		},
		Rate:         0.05, // royalty
		TaxRate:      0.25,
		DiscountRate: 0.12,
		Amortisation: &valuation.TaxAmortisation{TaxRate: 0.25, Years: 15},
	})
	if err != nil {
		panic(err)
	}
	// Royalties after tax 37500, 41250, 45375 discounted at 12 % = 98663.42; × TAB 1.12805.
	for _, y := range r.Years {
		fmt.Println(y.Year, y.Income, y.PresentValue)
	}
	fmt.Printf("TAB %.5f, value %v\n", r.TABFactor, r.Value)
	// Output:
	// 1 37500.00 CNY 33482.14 CNY
	// 2 41250.00 CNY 32884.25 CNY
	// 3 45375.00 CNY 32297.03 CNY
	// TAB 1.12805, value 111297.26 CNY
}

func ExampleMarket() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	r, err := valuation.Market(valuation.MarketInput{Comparables: []valuation.Comparable{
		{ID: "SZDE-0193", Price: cny("200000"), Quality: 1.05, IndexAtValuation: 102, IndexAtTransaction: 100, Capacity: 0.9},
		{ID: "SHDE-0457", Price: cny("180000"), Quality: 1.1, SupplyDemand: 0.98},
		{ID: "BJIDE-0032", Price: cny("210000"), Quality: 0.95, Date: 1.03},
	}})
	if err != nil {
		panic(err)
	}
	// 192780, 194040 and 205485: their mean is 197435.
	for _, c := range r.Comparables {
		fmt.Println(c.ID, c.Adjusted)
	}
	fmt.Println(r.Value, r.Low, r.High)
	// Output:
	// SZDE-0193 192780.00 CNY
	// SHDE-0457 194040.00 CNY
	// BJIDE-0032 205485.00 CNY
	// 197435.00 CNY 192780.00 CNY 205485.00 CNY
}

func ExampleReconcile() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	r, err := valuation.Reconcile(valuation.Reconciliation{Indications: []valuation.Indication{
		{Approach: "cost", Value: cny("757588.08"), Weight: 0.2},
		{Approach: "income", Value: cny("812345.67"), Low: cny("650000"), High: cny("990000"), Weight: 0.5},
		{Approach: "market", Value: cny("790000.10"), Low: cny("760000"), High: cny("830000"), Weight: 0.3},
	}})
	if err != nil {
		panic(err)
	}
	// 151517.616 + 406172.835 + 237000.03 = 794690.481.
	fmt.Println(r.Value, "in", r.Low, "to", r.High)
	// Output:
	// 794690.48 CNY in 650000.00 CNY to 990000.00 CNY
}

func ExampleTABFactor() {
	f, err := valuation.TABFactor(0.25, 15, 0.12)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.5f\n", f)
	// Output:
	// 1.12805
}

func ExampleMonteCarlo() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	in := valuation.IncomeInput{
		Basis:        valuation.ReliefFromRoyalty,
		Forecast:     []valuation.ForecastYear{{Income: cny("1000000")}, {Income: cny("1100000")}, {Income: cny("1210000")}},
		Rate:         0.05,
		TaxRate:      0.25,
		DiscountRate: 0.12,
	}
	model, err := in.Model(valuation.DriverDiscountRate, valuation.DriverRate)
	if err != nil {
		panic(err)
	}
	sim, err := valuation.MonteCarlo(context.Background(), model, []valuation.Variable{
		{Name: "discountRate", Dist: valuation.InputDistribution{Kind: valuation.PERT, Min: 0.10, Mode: 0.12, Max: 0.16}},
		{Name: "rate", Dist: valuation.InputDistribution{Kind: valuation.Triangular, Min: 0.04, Mode: 0.05, Max: 0.06}},
	}, valuation.MonteCarloOptions{Seed: 1, Trials: 20_000})
	if err != nil {
		panic(err)
	}
	base, _ := valuation.MoneyFromModel(sim.Base, assay.MustCurrency("CNY"), assay.HalfEven)
	fmt.Println("base:", base)
	// The royalty swings the value most. Its P5 and P95 are 0.04 + √(0.02·0.01·0.05) =
	// 0.0431623 and 0.06 − √(0.02·0.01·0.05) = 0.0568377, and the value is linear in the
	// royalty: 98663.419 × 0.0431623/0.05 = 85171 and × 0.0568377/0.05 = 112156.
	bar := sim.Tornado[0]
	fmt.Printf("largest swing: %s %.0f to %.0f\n", bar.Variable, bar.ValueLow, bar.ValueHigh)
	p5, _ := sim.Percentile(0.05)
	p95, _ := sim.Percentile(0.95)
	fmt.Println("P5 < base < P95:", p5 < sim.Base && sim.Base < p95)
	// Output:
	// base: 98663.42 CNY
	// largest swing: rate 85171 to 112156
	// P5 < base < P95: true
}
