package jobs

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/valuation"
	"github.com/shopspring/decimal"
)

// ValueInput is the input of `assay value`: an appraisal case valued by the cost, income
// and market approaches of the CAS data-asset guidance (中评协〔2023〕17号), reconciled,
// with a Monte Carlo band around the income approach. Schema: value.input.json.
type ValueInput struct {
	Asset   assay.Asset                 `json:"asset"`
	Quality valuation.QualityAssessment `json:"quality"` // its coefficient is the cost approach's δ unless cost.coefficient is set
	Cost    valuation.CostInput         `json:"cost"`
	Income  valuation.IncomeInput       `json:"income"`
	Market  valuation.MarketInput       `json:"market"`
	Weights struct {
		Cost   float64 `json:"cost"`
		Income float64 `json:"income"`
		Market float64 `json:"market"`
	} `json:"weights"` // reconciliation weights, summing to 1
	Unit       decimal.Decimal `json:"unit"` // rounding unit of the conclusion, e.g. "10000"; zero: the minor unit
	MonteCarlo struct {
		Options   valuation.MonteCarloOptions `json:"options"`
		Variables []valuation.Variable        `json:"variables"`
	} `json:"monteCarlo"`
}

// DecodeValue reads a ValueInput.
func DecodeValue(data []byte) (ValueInput, error) {
	var in ValueInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	if err := in.Asset.Validate(); err != nil {
		return in, fmt.Errorf("asset: %w", err)
	}
	return in, nil
}

// ValueOutput is the output of `assay value`. Schema: value.output.json.
type ValueOutput struct {
	Asset          assay.Asset            `json:"asset"`
	Quality        valuation.Quality      `json:"quality"`
	Cost           valuation.CostResult   `json:"cost"`
	Income         valuation.IncomeResult `json:"income"`
	Market         valuation.MarketResult `json:"market"`
	MonteCarlo     valuation.Simulation   `json:"monteCarlo"`
	Reconciliation valuation.Reconciled   `json:"reconciliation"`
}

// Value runs the three approaches, the Monte Carlo band of the income approach and the
// reconciliation. The income indication ranges over the Monte Carlo P5–P95, widened to
// include the point value should the band not contain it. The simulation's samples are kept
// for a chart; callers drop them before writing JSON.
func Value(ctx context.Context, in ValueInput) (ValueOutput, error) {
	out := ValueOutput{Asset: in.Asset}
	var err error
	if out.Quality, err = valuation.ScoreQuality(in.Quality); err != nil {
		return out, fmt.Errorf("quality: %w", err)
	}
	cost := in.Cost
	if cost.Coefficient == nil {
		cost.Coefficient = &out.Quality.Coefficient
	}
	if out.Cost, err = valuation.Cost(cost); err != nil {
		return out, fmt.Errorf("cost: %w", err)
	}
	if out.Income, err = valuation.Income(in.Income); err != nil {
		return out, fmt.Errorf("income: %w", err)
	}
	if out.Market, err = valuation.Market(in.Market); err != nil {
		return out, fmt.Errorf("market: %w", err)
	}

	drivers := make([]valuation.Driver, len(in.MonteCarlo.Variables))
	for i, v := range in.MonteCarlo.Variables {
		drivers[i] = valuation.Driver(v.Name)
	}
	model, err := in.Income.Model(drivers...)
	if err != nil {
		return out, fmt.Errorf("monteCarlo: %w", err)
	}
	opt := in.MonteCarlo.Options
	opt.KeepSamples = true
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if out.MonteCarlo, err = valuation.MonteCarlo(ctx, model, in.MonteCarlo.Variables, opt); err != nil {
		return out, fmt.Errorf("monteCarlo: %w", err)
	}

	c := out.Income.Value.Currency()
	income := out.Income.Indication(in.Weights.Income)
	p5, _ := out.MonteCarlo.Percentile(0.05)
	p95, _ := out.MonteCarlo.Percentile(0.95)
	if income.Low, err = valuation.MoneyFromModel(p5, c, assay.Floor); err != nil {
		return out, err
	}
	if income.High, err = valuation.MoneyFromModel(p95, c, assay.Ceiling); err != nil {
		return out, err
	}
	if income.Low.Amount().GreaterThan(income.Value.Amount()) {
		income.Low = income.Value
	}
	if income.High.Amount().LessThan(income.Value.Amount()) {
		income.High = income.Value
	}
	out.Reconciliation, err = valuation.Reconcile(valuation.Reconciliation{
		Indications: []valuation.Indication{out.Cost.Indication(in.Weights.Cost), income, out.Market.Indication(in.Weights.Market)},
		Unit:        in.Unit,
	})
	if err != nil {
		return out, fmt.Errorf("reconciliation: %w", err)
	}
	return out, nil
}

// Sheets returns the tables of the valuation: conclusion, quality, income, market,
// monte-carlo, tornado, and the audit trail (one table in CSV; each trail as text in
// tables, if trails is set).
func (r ValueOutput) Sheets(trails bool) []cli.Sheet {
	conclusion := cli.Sheet{Name: "conclusion", Title: "Conclusion: " + r.Asset.Name, Header: []string{"approach", "value", "low", "high", "weight"}}
	for _, ind := range r.Reconciliation.Indications {
		lo, hi := ind.Low, ind.High
		if lo.IsZero() {
			lo = ind.Value
		}
		if hi.IsZero() {
			hi = ind.Value
		}
		conclusion.Add(ind.Approach, ind.Value, lo, hi, cli.Pct(ind.Weight))
	}
	rec := r.Reconciliation
	conclusion.Add("reconciled", rec.Value, rec.Low, rec.High, cli.Pct(1))
	conclusion.Notes = []string{
		"Holder: " + r.Asset.Holder + " (" + r.Asset.Region + "), " + strconv.FormatInt(r.Asset.Records, 10) + " records.",
		"Income range: Monte Carlo P5–P95; market range: lowest to highest adjusted comparable.",
	}

	quality := cli.Sheet{Name: "quality", Title: "Data quality (GB/T 36344-2018)", Header: []string{"dimension", "indicator", "score", "weight", "contribution"}}
	for _, m := range r.Quality.Measures {
		quality.Add(m.Dimension, m.Indicator, num4(m.Score), cli.Pct(m.Weight), num4(m.Contribution))
	}
	quality.Notes = []string{fmt.Sprintf("Score %.4f; value-adjustment coefficient δ %.4f.", r.Quality.Score, r.Quality.Coefficient)}

	income := cli.Sheet{Name: "income", Title: "Income approach (" + string(r.Income.Basis) + ")", Header: []string{"year", "share of year", "income after tax", "discount factor", "present value"}}
	for _, y := range r.Income.Years {
		income.Add(y.Year, cli.Num{V: y.Fraction, Digits: 2}, y.Income, cli.Num{V: y.DiscountFactor, Digits: 6}, y.PresentValue)
	}
	income.Notes = []string{fmt.Sprintf("Discount rate %s; value %s.", cli.Pct(r.Income.DiscountRate), r.Income.Value)}

	market := cli.Sheet{Name: "market", Title: "Market approach", Header: []string{"comparable", "price", "composite factor", "adjusted", "weight", "excluded because"}}
	for _, c := range r.Market.Comparables {
		market.Add(c.ID, c.Price, num4(c.Composite), c.Adjusted, cli.Pct(c.Weight), c.Exclude)
	}
	market.Notes = []string{fmt.Sprintf("Value %s; coefficient of variation %.2f%%.", r.Market.Value, 100*r.Market.CV)}

	s := r.MonteCarlo
	c := r.Income.Value.Currency()
	money := func(v float64) any {
		m, err := valuation.MoneyFromModel(v, c, assay.HalfEven)
		if err != nil {
			return ""
		}
		return m
	}
	mc := cli.Sheet{Name: "monte-carlo", Title: fmt.Sprintf("Monte Carlo band of the income approach (%d trials, seed %d)", s.Trials, s.Seed),
		Header: []string{"statistic", "value"}}
	mc.Add("base", money(s.Base))
	mc.Add("mean", money(s.Mean))
	mc.Add("standard deviation", money(s.StdDev))
	for _, p := range s.Percentiles {
		mc.Add(fmt.Sprintf("P%g", 100*p.P), money(p.Value))
	}
	tornado := cli.Sheet{Name: "tornado", Title: "Sensitivity (tornado): value at each input's low and high quantile, others at base",
		Header: []string{"input", "low input", "high input", "value at low", "value at high", "swing"}}
	for _, b := range s.Tornado {
		tornado.Add(b.Variable, strconv.FormatFloat(b.Low, 'g', 6, 64), strconv.FormatFloat(b.High, 'g', 6, 64),
			money(b.ValueLow), money(b.ValueHigh), money(b.Swing))
	}

	named := []struct {
		name  string
		trail valuation.Trail
	}{{"quality", r.Quality.Trail}, {"cost", r.Cost.Trail}, {"income", r.Income.Trail}, {"market", r.Market.Trail},
		{"reconciliation", r.Reconciliation.Trail}}
	out := []cli.Sheet{conclusion, quality, income, market, mc, tornado}
	if trails {
		for _, t := range named {
			out = append(out, cli.Sheet{Name: "trail-" + t.name, Title: "Audit trail: " + t.name,
				Notes: strings.Split(strings.TrimSuffix(t.trail.String(), "\n"), "\n")})
		}
		return out
	}
	trail := cli.Sheet{Name: "trail", Title: "Audit trail", Header: []string{"approach", "step", "name", "factor", "value", "inputs", "source"}}
	for _, t := range named {
		for i, st := range t.trail {
			inputs := make([]string, len(st.Inputs))
			for j, in := range st.Inputs {
				inputs[j] = in.Name + " " + in.String()
			}
			var value any = ""
			if !st.Value.Currency().IsZero() {
				value = st.Value
			}
			trail.Add(t.name, i+1, st.Name, st.Factor, value, strings.Join(inputs, "; "), st.Source)
		}
	}
	return append(out, trail)
}

// num4 is a number shown with 4 decimals in tables and in full in CSV.
func num4(x float64) cli.Num { return cli.Num{V: x, Digits: 4} }
