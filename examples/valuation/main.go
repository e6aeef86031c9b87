// Command valuation values the seed's case — a city traffic data set held by a municipal
// big-data centre and licensed through a data exchange — by the cost, income and market
// approaches of the CAS data-asset guidance (2023), reconciles them, and puts a Monte Carlo
// band around the income approach. It prints every approach's audit trail.
//
// The inputs are JSON, read from -in FILE; without -in the built-in case (case.json next to
// this file, embedded in the program) is used. Its fields:
//
//	asset       assay.Asset                   the data set
//	quality     valuation.QualityAssessment   GB/T 36344 measures; its coefficient becomes the
//	                                          cost approach's δ unless cost.coefficient is set
//	cost        valuation.CostInput           itemised replacement cost
//	income      valuation.IncomeInput         forecast, basis and discount rate
//	market      valuation.MarketInput         comparable transactions
//	weights     {"cost","income","market"}    reconciliation weights, summing to 1
//	unit        "10000"                       rounding unit of the conclusion
//	monteCarlo  {"options": valuation.MonteCarloOptions,
//	             "variables": [valuation.Variable]}   income drivers as distributions
//
// Usage:
//
//	go run ./examples/valuation                     # readable tables and the audit trail
//	go run ./examples/valuation -format json        # one JSON document, for notebooks
//	go run ./examples/valuation -format csv
//	go run ./examples/valuation -in my-case.json -chart band.png   # also draw the charts
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/examples/internal/cli"
	"github.com/dataassay/assay/valuation"
	"github.com/shopspring/decimal"
)

//go:embed case.json
var builtinCase []byte

func main() { cli.Main(run) }

// valuationCase is the JSON input of the program.
type valuationCase struct {
	Asset      assay.Asset                 `json:"asset"`
	Quality    valuation.QualityAssessment `json:"quality"`
	Cost       valuation.CostInput         `json:"cost"`
	Income     valuation.IncomeInput       `json:"income"`
	Market     valuation.MarketInput       `json:"market"`
	Weights    struct{ Cost, Income, Market float64 }
	Unit       decimal.Decimal `json:"unit"`
	MonteCarlo struct {
		Options   valuation.MonteCarloOptions `json:"options"`
		Variables []valuation.Variable        `json:"variables"`
	} `json:"monteCarlo"`
}

// report is the JSON output of the program.
type report struct {
	Asset          assay.Asset            `json:"asset"`
	Quality        valuation.Quality      `json:"quality"`
	Cost           valuation.CostResult   `json:"cost"`
	Income         valuation.IncomeResult `json:"income"`
	Market         valuation.MarketResult `json:"market"`
	MonteCarlo     valuation.Simulation   `json:"monteCarlo"`
	Reconciliation valuation.Reconciled   `json:"reconciliation"`
}

const maxCaseBytes = 1 << 20

func run() error {
	fs := flag.NewFlagSet("valuation", flag.ContinueOnError)
	format := cli.FormatFlag(fs)
	in := fs.String("in", "", "JSON case `file` (default: the built-in traffic data set)")
	chart := fs.String("chart", "", "write the Monte Carlo histogram and the tornado chart to `file` (.png or .svg)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	data := builtinCase
	if *in != "" {
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		data, err = io.ReadAll(io.LimitReader(f, maxCaseBytes+1))
		f.Close()
		if err != nil {
			return err
		}
		if len(data) > maxCaseBytes {
			return fmt.Errorf("%s: larger than 1 MiB", *in)
		}
	}
	var vc valuationCase
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&vc); err != nil {
		return fmt.Errorf("reading the case: %w", err)
	}
	if err := vc.Asset.Validate(); err != nil {
		return err
	}

	rep, err := value(vc)
	if err != nil {
		return err
	}
	if *chart != "" {
		if err := drawCharts(*chart, rep.MonteCarlo, rep.Income.Value.Currency()); err != nil {
			return err
		}
	}
	rep.MonteCarlo.Samples = nil // the histogram's raw data stays out of the report
	return cli.Emit(os.Stdout, *format, rep, sheets(rep, *format)...)
}

// value runs the three approaches, the Monte Carlo band and the reconciliation.
func value(vc valuationCase) (report, error) {
	rep := report{Asset: vc.Asset}
	var err error
	if rep.Quality, err = valuation.ScoreQuality(vc.Quality); err != nil {
		return rep, fmt.Errorf("quality: %w", err)
	}
	cost := vc.Cost
	if cost.Coefficient == nil {
		cost.Coefficient = &rep.Quality.Coefficient
	}
	if rep.Cost, err = valuation.Cost(cost); err != nil {
		return rep, fmt.Errorf("cost approach: %w", err)
	}
	if rep.Income, err = valuation.Income(vc.Income); err != nil {
		return rep, fmt.Errorf("income approach: %w", err)
	}
	if rep.Market, err = valuation.Market(vc.Market); err != nil {
		return rep, fmt.Errorf("market approach: %w", err)
	}

	drivers := make([]valuation.Driver, len(vc.MonteCarlo.Variables))
	for i, v := range vc.MonteCarlo.Variables {
		drivers[i] = valuation.Driver(v.Name)
	}
	model, err := vc.Income.Model(drivers...)
	if err != nil {
		return rep, fmt.Errorf("the Monte Carlo run: %w", err)
	}
	opt := vc.MonteCarlo.Options
	opt.KeepSamples = true
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if rep.MonteCarlo, err = valuation.MonteCarlo(ctx, model, vc.MonteCarlo.Variables, opt); err != nil {
		return rep, fmt.Errorf("the Monte Carlo run: %w", err)
	}

	// The income indication ranges over the Monte Carlo P5–P95, widened to include the point
	// value should the band not contain it.
	c := rep.Income.Value.Currency()
	income := rep.Income.Indication(vc.Weights.Income)
	p5, _ := rep.MonteCarlo.Percentile(0.05)
	p95, _ := rep.MonteCarlo.Percentile(0.95)
	if income.Low, err = valuation.MoneyFromModel(p5, c, assay.Floor); err != nil {
		return rep, err
	}
	if income.High, err = valuation.MoneyFromModel(p95, c, assay.Ceiling); err != nil {
		return rep, err
	}
	if income.Low.Amount().GreaterThan(income.Value.Amount()) {
		income.Low = income.Value
	}
	if income.High.Amount().LessThan(income.Value.Amount()) {
		income.High = income.Value
	}
	rep.Reconciliation, err = valuation.Reconcile(valuation.Reconciliation{
		Indications: []valuation.Indication{rep.Cost.Indication(vc.Weights.Cost), income, rep.Market.Indication(vc.Weights.Market)},
		Unit:        vc.Unit,
	})
	if err != nil {
		return rep, fmt.Errorf("reconciliation: %w", err)
	}
	return rep, nil
}

func sheets(rep report, format cli.Format) []cli.Sheet {
	conclusion := cli.Sheet{Title: "Conclusion: " + rep.Asset.Name, Header: []string{"approach", "value", "low", "high", "weight"}}
	for _, ind := range rep.Reconciliation.Indications {
		lo, hi := ind.Low, ind.High
		if lo.IsZero() {
			lo = ind.Value
		}
		if hi.IsZero() {
			hi = ind.Value
		}
		conclusion.Add(ind.Approach, ind.Value, lo, hi, pct(ind.Weight))
	}
	r := rep.Reconciliation
	conclusion.Add("reconciled", r.Value, r.Low, r.High, "100%")
	conclusion.Notes = []string{
		"Holder: " + rep.Asset.Holder + " (" + rep.Asset.Region + "), " + strconv.FormatInt(rep.Asset.Records, 10) + " records.",
		"Income range: Monte Carlo P5–P95; market range: lowest to highest adjusted comparable.",
	}

	quality := cli.Sheet{Title: "Data quality (GB/T 36344-2018)", Header: []string{"dimension", "indicator", "score", "weight", "contribution"}}
	for _, m := range rep.Quality.Measures {
		quality.Add(m.Dimension, m.Indicator, fmt.Sprintf("%.4f", m.Score), pct(m.Weight), fmt.Sprintf("%.4f", m.Contribution))
	}
	quality.Notes = []string{fmt.Sprintf("Score %.4f; value-adjustment coefficient δ %.4f.", rep.Quality.Score, rep.Quality.Coefficient)}

	income := cli.Sheet{Title: "Income approach (" + string(rep.Income.Basis) + ")", Header: []string{"year", "share of year", "income after tax", "discount factor", "present value"}}
	for _, y := range rep.Income.Years {
		income.Add(y.Year, fmt.Sprintf("%.2f", y.Fraction), y.Income, fmt.Sprintf("%.6f", y.DiscountFactor), y.PresentValue)
	}
	income.Notes = []string{fmt.Sprintf("Discount rate %s; value %s.", pct(rep.Income.DiscountRate), rep.Income.Value)}

	market := cli.Sheet{Title: "Market approach", Header: []string{"comparable", "price", "composite factor", "adjusted", "weight"}}
	for _, c := range rep.Market.Comparables {
		w := pct(c.Weight)
		if c.Exclude != "" {
			w = "excluded"
		}
		market.Add(c.ID, c.Price, fmt.Sprintf("%.4f", c.Composite), c.Adjusted, w)
	}
	market.Notes = []string{fmt.Sprintf("Value %s; coefficient of variation %.2f%%.", rep.Market.Value, 100*rep.Market.CV)}

	s := rep.MonteCarlo
	mc := cli.Sheet{Title: fmt.Sprintf("Monte Carlo band of the income approach (%d trials, seed %d)", s.Trials, s.Seed),
		Header: []string{"statistic", "value"}}
	c := rep.Income.Value.Currency()
	money := func(v float64) string {
		m, err := valuation.MoneyFromModel(v, c, assay.HalfEven)
		if err != nil {
			return "n/a"
		}
		return m.String()
	}
	mc.Add("base", money(s.Base))
	mc.Add("mean", money(s.Mean))
	mc.Add("standard deviation", money(s.StdDev))
	for _, p := range s.Percentiles {
		mc.Add(fmt.Sprintf("P%g", 100*p.P), money(p.Value))
	}
	tornado := cli.Sheet{Title: "Sensitivity (tornado): value at each input's P5 and P95, others at base",
		Header: []string{"input", "low input", "high input", "value at low", "value at high", "swing"}}
	for _, b := range s.Tornado {
		tornado.Add(b.Variable, strconv.FormatFloat(b.Low, 'g', 4, 64), strconv.FormatFloat(b.High, 'g', 4, 64),
			money(b.ValueLow), money(b.ValueHigh), money(b.Swing))
	}

	trails := []struct {
		name  string
		trail valuation.Trail
	}{{"quality", rep.Quality.Trail}, {"cost", rep.Cost.Trail}, {"income", rep.Income.Trail}, {"market", rep.Market.Trail},
		{"reconciliation", rep.Reconciliation.Trail}}
	out := []cli.Sheet{conclusion, quality, income, market, mc, tornado}
	if format != cli.CSV {
		// For people: each trail in its plain-text rendering.
		for _, t := range trails {
			out = append(out, cli.Sheet{Title: "Audit trail: " + t.name, Notes: strings.Split(strings.TrimSuffix(t.trail.String(), "\n"), "\n")})
		}
		return out
	}
	trail := cli.Sheet{Title: "Audit trail", Header: []string{"approach", "step", "name", "factor", "value", "inputs", "source"}}
	for _, t := range trails {
		for i, st := range t.trail {
			inputs := make([]string, len(st.Inputs))
			for j, in := range st.Inputs {
				inputs[j] = in.Name + " " + in.String()
			}
			value := ""
			if !st.Value.Currency().IsZero() {
				value = st.Value.String()
			}
			trail.Add(t.name, i+1, st.Name, st.Factor, value, strings.Join(inputs, "; "), st.Source)
		}
	}
	return append(out, trail)
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', 2, 64) + "%" }
