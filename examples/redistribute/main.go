// Command redistribute shares data income more widely and measures the effect: 1,000 data
// contributors with a skewed (seeded log-normal) annual income from data, then two schemes
// from package distribution —
//
//   - a progressive levy on data income (marginal rates 0 / 10 / 25 / 40 %) funding a
//     dividend paid only to rural and elderly contributors, 5 % retained for administration;
//   - a data dividend: 10 % of a platform's data revenue paid equally to every contributor —
//
// and prints the money flows (exact to the fen) and the Gini, Theil and Palma indices
// before and after.
//
//	go run ./examples/redistribute                      # readable tables
//	go run ./examples/redistribute -format json         # one JSON document, per contributor too
//	go run ./examples/redistribute -chart lorenz.png    # Lorenz curves before and after (.png, .svg, .pdf)
package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/examples/internal/cli"
	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

func main() { cli.Main(run) }

// contributor is one data contributor in the JSON output.
type contributor struct {
	ID           int         `json:"id"`
	Group        string      `json:"group"`
	Income       assay.Money `json:"income"`
	Levy         assay.Money `json:"levy"`
	Dividend     assay.Money `json:"dividend"`
	AfterLevy    assay.Money `json:"afterLevyDividend"`
	DataDividend assay.Money `json:"dataDividend"`
	AfterData    assay.Money `json:"afterDataDividend"`
}

// scheme is one redistribution scheme in the JSON output.
type scheme struct {
	Name       string                         `json:"name"`
	Collected  assay.Money                    `json:"collected"`
	Paid       assay.Money                    `json:"paid"`
	Retained   assay.Money                    `json:"retained"`
	Recipients int                            `json:"recipients"`
	Before     distribution.InequalitySummary `json:"inequalityBefore"`
	After      distribution.InequalitySummary `json:"inequalityAfter"`
}

// report is the JSON document.
type report struct {
	Seed         uint64                    `json:"seed"`
	Contributors int                       `json:"contributors"`
	Levy         distribution.LevyDividend `json:"levyDividend"`
	DataDividend distribution.DataDividend `json:"dataDividend"`
	Schemes      []scheme                  `json:"schemes"`
	People       []contributor             `json:"people"`
}

func run() error {
	fs := flag.NewFlagSet("redistribute", flag.ContinueOnError)
	format := cli.FormatFlag(fs)
	n := fs.Int("n", 1000, "number of data contributors")
	seed := fs.Uint64("seed", 2026, "seed of the income distribution")
	chart := fs.String("chart", "", "write the Lorenz curves to this file (.png, .svg or .pdf)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	if *n < 10 || *n > 1_000_000 {
		return errors.New("-n must be between 10 and 1000000")
	}

	incomes, groups := population(*n, *seed)
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	eligible := make([]bool, *n)
	for i, g := range groups {
		eligible[i] = g != "urban"
	}
	levy := distribution.LevyDividend{
		Levy: distribution.Levy{Brackets: []distribution.Bracket{
			{Above: cny("0"), Rate: d("0")},
			{Above: cny("50000"), Rate: d("0.10")},
			{Above: cny("100000"), Rate: d("0.25")},
			{Above: cny("300000"), Rate: d("0.40")},
		}},
		Retain:   d("0.05"),
		Eligible: eligible,
	}
	data := distribution.DataDividend{Revenue: cny("20000000"), Share: d("0.10")}

	a, err := levy.Apply(incomes)
	if err != nil {
		return err
	}
	b, err := data.Apply(incomes)
	if err != nil {
		return err
	}

	rep := report{Seed: *seed, Contributors: *n, Levy: levy, DataDividend: data,
		Schemes: []scheme{
			{Name: "levy and dividend to rural and elderly", Collected: a.Collected, Paid: a.Paid, Retained: a.Retained,
				Recipients: countTrue(eligible), Before: a.InequalityBefore, After: a.InequalityAfter},
			{Name: "data dividend, 10 % of platform revenue", Collected: b.Collected, Paid: b.Paid, Retained: b.Retained,
				Recipients: *n, Before: b.InequalityBefore, After: b.InequalityAfter},
		}}
	for i := range incomes {
		rep.People = append(rep.People, contributor{ID: i + 1, Group: groups[i], Income: incomes[i],
			Levy: a.Levies[i], Dividend: a.Dividends[i], AfterLevy: a.After[i],
			DataDividend: b.Dividends[i], AfterData: b.After[i]})
	}

	ineq := cli.Sheet{Title: fmt.Sprintf("Inequality of %d contributors' data income", *n),
		Header: []string{"measure", "before", "levy and dividend", "data dividend"}}
	row := func(name string, f func(distribution.InequalitySummary) float64) {
		ineq.Add(name, f4(f(a.InequalityBefore)), f4(f(a.InequalityAfter)), f4(f(b.InequalityAfter)))
	}
	row("Gini", func(s distribution.InequalitySummary) float64 { return s.Gini })
	row("Theil T", func(s distribution.InequalitySummary) float64 { return s.Theil })
	row("Palma", func(s distribution.InequalitySummary) float64 { return s.Palma })
	row("Atkinson(0.5)", func(s distribution.InequalitySummary) float64 { return s.Atkinson })
	row("top 10 % share", func(s distribution.InequalitySummary) float64 { return s.Top10Share })
	row("bottom 40 % share", func(s distribution.InequalitySummary) float64 { return s.Bottom40Share })
	ineq.Notes = []string{"Gini and Theil: 0 is equality; Palma: top 10 % share over bottom 40 % share."}

	flows := cli.Sheet{Title: "Money flows (exact: collected = paid + retained)",
		Header: []string{"scheme", "collected", "paid as dividends", "retained", "recipients"}}
	for _, s := range rep.Schemes {
		flows.Add(s.Name, s.Collected, s.Paid, s.Retained, s.Recipients)
	}

	byGroup := cli.Sheet{Title: "Mean income by group (CNY)",
		Header: []string{"group", "contributors", "before", "levy and dividend", "data dividend"}}
	for _, g := range []string{"rural", "elderly", "urban"} {
		var count int
		var before, afterA, afterB decimal.Decimal
		for i := range incomes {
			if groups[i] == g {
				count++
				before = before.Add(incomes[i].Amount())
				afterA = afterA.Add(a.After[i].Amount())
				afterB = afterB.Add(b.After[i].Amount())
			}
		}
		if count == 0 {
			continue
		}
		mean := func(x decimal.Decimal) string {
			return x.DivRound(decimal.NewFromInt(int64(count)), 2).StringFixed(2)
		}
		byGroup.Add(g, count, mean(before), mean(afterA), mean(afterB))
	}

	if *chart != "" {
		if err := lorenzChart(*chart, incomes, a.After, b.After); err != nil {
			return err
		}
	}
	return cli.Emit(os.Stdout, *format, rep, ineq, flows, byGroup)
}

// population assigns each of n contributors a group — 30 % rural, 15 % elderly, the rest
// urban — and draws an annual data income from a log-normal distribution with σ = 1 in logs
// (skewed, as earnings from data are) and a median of 20,000 CNY for rural, 25,000 for
// elderly and 40,000 for urban contributors. The incomes cross from float64 into money once,
// rounded half-even to the fen.
func population(n int, seed uint64) ([]assay.Money, []string) {
	src := rand.NewPCG(seed, 8)
	pick := rand.New(rand.NewPCG(seed, 80))
	median := map[string]float64{"rural": 20000, "elderly": 25000, "urban": 40000}
	cny := assay.MustCurrency("CNY")
	incomes, groups := make([]assay.Money, n), make([]string, n)
	for i := range incomes {
		switch u := pick.Float64(); {
		case u < 0.30:
			groups[i] = "rural"
		case u < 0.45:
			groups[i] = "elderly"
		default:
			groups[i] = "urban"
		}
		x := distuv.LogNormal{Mu: math.Log(median[groups[i]]), Sigma: 1, Src: src}.Rand()
		incomes[i] = assay.MoneyOf(assay.RoundDecimal(decimal.NewFromFloat(x), 2, assay.HalfEven), cny)
	}
	return incomes, groups
}

// lorenzChart draws the Lorenz curves of the three income distributions and the line of
// equality; the file's extension picks the format.
func lorenzChart(file string, before, afterLevy, afterData []assay.Money) error {
	p := plot.New()
	p.Title.Text = "Lorenz curves of data income"
	p.X.Label.Text = "population share (poorest first)"
	p.Y.Label.Text = "income share"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Legend.Top, p.Legend.Left = true, true
	args := []any{"equality", plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}}}
	for _, c := range []struct {
		name   string
		income []assay.Money
	}{{"before", before}, {"levy and dividend", afterLevy}, {"data dividend", afterData}} {
		x := make([]float64, len(c.income))
		for i, m := range c.income {
			x[i] = m.Amount().InexactFloat64()
		}
		l, err := distribution.Lorenz(x, nil)
		if err != nil {
			return err
		}
		xy := make(plotter.XYs, len(l.Points))
		for i, pt := range l.Points {
			xy[i] = plotter.XY{X: pt.Population, Y: pt.Income}
		}
		args = append(args, fmt.Sprintf("%s (Gini %.3f)", c.name, l.Gini()), xy)
	}
	if err := plotutil.AddLines(p, args...); err != nil {
		return err
	}
	return p.Save(5*vg.Inch, 5*vg.Inch, file)
}

func f4(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
