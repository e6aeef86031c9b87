// Command depreciation compares depreciation methods on one plan: by default a city big-data
// platform bought for CNY 12,000,000 with a 5 % residual value over 5 years, under straight
// line, double-declining balance with the switch to straight line, sum-of-years'-digits and a
// 2-year half-life decay of data value. It prints the schedules side by side and the day on
// which book value first falls below 50 % and 10 % of cost under each method.
//
//	go run ./examples/depreciation                    # readable tables
//	go run ./examples/depreciation -format json       # for notebooks
//	go run ./examples/depreciation -in plan.json      # your plan (valuation.Plan JSON)
//	go run ./examples/depreciation -chart out.svg     # book value over time, per method
//	go run ./examples/depreciation -in p.json -max-years 20  # widen the 3–10 year policy
//
// The plan's own method is shown too when it is none of the four (units of production, say).
package main

import (
	"errors"
	"flag"
	"fmt"
	"image/color"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/examples/internal/cli"
	"github.com/dataassay/assay/valuation"
	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

func main() { cli.Main(run) }

// defaultPlan is the seed's infrastructure case.
func defaultPlan() valuation.Plan {
	return valuation.Plan{
		Name:          "City big-data platform (storage, compute, data-governance software)",
		Cost:          assay.MustMoney("12000000", "CNY"),
		Salvage:       assay.MustMoney("600000", "CNY"),
		LifeYears:     5,
		InService:     time.Date(2024, time.July, 1, 0, 0, 0, 0, time.UTC),
		HalfLifeYears: 2,
	}
}

// result is the JSON form of the output.
type result struct {
	Plan       valuation.Plan `json:"plan"`
	Schedules  []methodResult `json:"schedules"`
	Thresholds []threshold    `json:"thresholds"`
}

type methodResult struct {
	Method   string              `json:"method"`
	Short    string              `json:"short"` // the column heading, e.g. "DDB"
	Schedule *valuation.Schedule `json:"schedule"`
}

// threshold is the first day on which book value is below a share of cost.
type threshold struct {
	Method  string      `json:"method"`
	Share   string      `json:"share"` // "50%"
	Below   assay.Money `json:"below"` // the amount: share × cost
	Day     string      `json:"day"`   // "2026-05-31", or "" if never
	Reached bool        `json:"reached"`
}

func run() error {
	fs := flag.NewFlagSet("depreciation", flag.ContinueOnError)
	format := cli.FormatFlag(fs)
	in := fs.String("in", "", "plan JSON file (valuation.Plan); the built-in city big-data platform if empty")
	chart := fs.String("chart", "", "write an SVG chart of book value over time to this file")
	var pol valuation.Policy
	fs.IntVar(&pol.MinYears, "min-years", 0, "shortest accepted useful life (0: 3 years)")
	fs.IntVar(&pol.MaxYears, "max-years", 0, "longest accepted useful life (0: 10 years)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	plan := defaultPlan()
	if *in != "" {
		data, err := os.ReadFile(*in)
		if err != nil {
			return err
		}
		if plan, err = valuation.ParsePlan(data); err != nil {
			return fmt.Errorf("%s: %w", *in, err)
		}
	}

	variants := comparedPlans(plan)
	out := result{Plan: plan}
	for _, v := range variants {
		s, err := valuation.NewSchedule(v, pol)
		if err != nil {
			return fmt.Errorf("%s: %w", methodName(v), err)
		}
		out.Schedules = append(out.Schedules, methodResult{Method: methodName(v), Short: shortName(v), Schedule: s})
		for _, share := range []string{"0.5", "0.1"} {
			out.Thresholds = append(out.Thresholds, firstDayBelow(s, methodName(v), share))
		}
	}
	if *chart != "" {
		if err := drawChart(*chart, plan, out.Schedules); err != nil {
			return err
		}
	}
	return cli.Emit(os.Stdout, *format, out, sideBySide(plan, out.Schedules), thresholdSheet(out.Thresholds))
}

// comparedPlans returns the plan under each compared method: straight line, double-declining
// with the switch, sum-of-years'-digits and decay (half-life from the plan, 2 years if unset),
// and the plan's own method if it is none of these.
func comparedPlans(p valuation.Plan) []valuation.Plan {
	if p.HalfLifeYears == 0 {
		p.HalfLifeYears = 2
	}
	var out []valuation.Plan
	for _, m := range []valuation.Method{valuation.StraightLine, valuation.DecliningBalance, valuation.SumOfYearsDigits, valuation.Decay} {
		q := p
		q.Method = m
		if m == valuation.DecliningBalance && p.Method != m {
			q.Factor, q.NoSwitch = 2, false
		}
		out = append(out, q)
	}
	if !slices.ContainsFunc(out, func(q valuation.Plan) bool { return q.Method == p.Method }) {
		out = append(out, p)
	}
	return out
}

func methodName(p valuation.Plan) string {
	switch p.Method {
	case valuation.DecliningBalance:
		f := p.Factor
		if f == 0 {
			f = 2
		}
		if p.NoSwitch {
			return fmt.Sprintf("declining balance ×%g", f)
		}
		return fmt.Sprintf("declining balance ×%g, switch to SL", f)
	case valuation.Decay:
		return fmt.Sprintf("decay, half-life %g y", p.HalfLifeYears)
	}
	return p.Method.String()
}

// shortName is a column heading for the method.
func shortName(p valuation.Plan) string {
	switch p.Method {
	case valuation.StraightLine:
		return "SL"
	case valuation.DecliningBalance:
		if p.NoSwitch {
			return "DB"
		}
		return "DB→SL"
	case valuation.SumOfYearsDigits:
		return "SYD"
	case valuation.Decay:
		return "decay"
	}
	return "UoP"
}

// firstDayBelow finds the first day on which book value is below share × cost, by binary search
// over the days of the life (book value never rises).
func firstDayBelow(s *valuation.Schedule, method, share string) threshold {
	limit := s.Plan.Cost.MulDecimal(decimal.RequireFromString(share))
	t := threshold{Method: method, Share: decimal.RequireFromString(share).Shift(2).String() + "%", Below: limit}
	below := func(d time.Time) bool {
		c, err := s.BookValueAt(d).Cmp(limit)
		return err == nil && c < 0
	}
	days := int(s.End.Sub(s.Start).Hours()/24) + 1
	i := sort.Search(days+1, func(i int) bool { return below(s.Start.AddDate(0, 0, i)) })
	if i <= days {
		t.Day, t.Reached = s.Start.AddDate(0, 0, i).Format(time.DateOnly), true
	}
	return t
}

// sideBySide prints each period's charge and closing book value under every method.
func sideBySide(plan valuation.Plan, rs []methodResult) cli.Sheet {
	sh := cli.Sheet{
		Title:  fmt.Sprintf("%s: cost %s, salvage %s, %d years from %s", plan.Name, plan.Cost, plan.Salvage, plan.LifeYears, plan.InService.Format(time.DateOnly)),
		Header: []string{"period"},
		Notes:  []string{""},
	}
	for _, r := range rs {
		sh.Header = append(sh.Header, r.Short+" charge", r.Short+" book")
		sh.Notes = append(sh.Notes, fmt.Sprintf("%-6s %s", r.Short, r.Method))
	}
	// Methods share the calendar, so period i is the same period in every schedule.
	for i, p := range rs[0].Schedule.Periods {
		row := []any{p.Label}
		for _, r := range rs {
			q := r.Schedule.Periods[i]
			row = append(row, q.Charge.Amount().StringFixed(2), q.Closing.Amount().StringFixed(2))
		}
		sh.Add(row...)
	}
	sh.Notes = append(sh.Notes, "Charges are rounded to the minor unit; the last period takes the rounding residue,",
		"so each column of charges adds up to cost − salvage − impairments.")
	return sh
}

func thresholdSheet(ts []threshold) cli.Sheet {
	sh := cli.Sheet{Title: "When book value falls below a share of cost", Header: []string{"method", "below", "amount", "first day"}}
	for _, t := range ts {
		day := t.Day
		if !t.Reached {
			day = "never"
		}
		sh.Add(t.Method, t.Share, t.Below.Amount().StringFixed(2), day)
	}
	return sh
}

// drawChart plots book value (in millions) against time for each method. Floats are fine
// here: the chart only draws the exact amounts of the schedules.
func drawChart(file string, plan valuation.Plan, rs []methodResult) error {
	p := plot.New()
	p.Title.Text = "Book value over time: " + plan.Name
	p.X.Label.Text = "date"
	p.Y.Label.Text = "book value (millions " + plan.Cost.Currency().Code() + ")"
	p.X.Tick.Marker = plot.TimeTicks{Format: "2006-01"}
	p.Legend.Top = true
	for i, r := range rs {
		s := r.Schedule
		pts := plotter.XYs{{X: float64(s.Start.Unix()), Y: millions(s.Plan.Cost)}}
		for _, per := range s.Periods {
			pts = append(pts, plotter.XY{X: float64(per.End.AddDate(0, 0, 1).Unix()), Y: millions(per.Closing)})
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		line.Color = plotutil.Color(i)
		line.Dashes = plotutil.Dashes(i)
		line.Width = vg.Points(1.5)
		p.Add(line)
		p.Legend.Add(r.Method, line)
	}
	// Reference lines at 50 % and 10 % of cost, the thresholds the tables report.
	start, end := float64(rs[0].Schedule.Start.Unix()), float64(rs[0].Schedule.End.Unix())
	for _, share := range []float64{0.5, 0.1} {
		y := millions(plan.Cost) * share
		ref, err := plotter.NewLine(plotter.XYs{{X: start, Y: y}, {X: end, Y: y}})
		if err != nil {
			return err
		}
		ref.Color = color.Gray{Y: 160}
		ref.Dashes = []vg.Length{vg.Points(2), vg.Points(3)}
		p.Add(ref)
	}
	if err := p.Save(20*vg.Centimeter, 12*vg.Centimeter, file); err != nil {
		return errors.Join(fmt.Errorf("chart %s", file), err)
	}
	return nil
}

func millions(m assay.Money) float64 { return m.Amount().Shift(-6).InexactFloat64() }
