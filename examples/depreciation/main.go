// Command depreciation compares depreciation methods on one plan: by default a city big-data
// platform bought for CNY 12,000,000 with a 5 % residual value over 5 years
// (examples/data/plan.json), under straight line, double-declining balance with the switch
// to straight line, sum-of-years'-digits and a 2-year half-life decay of data value. It
// prints the schedules side by side and the day on which book value first falls below 50 %
// and 10 % of cost under each method — the same job as `assay schedule` with "compare".
//
//	go run ./examples/depreciation                    # readable tables
//	go run ./examples/depreciation -format json       # for notebooks
//	go run ./examples/depreciation -in examples/data/plan.json    # your plan (valuation.Plan JSON)
//	go run ./examples/depreciation -chart out.svg     # book value over time, per method
//	go run ./examples/depreciation -in examples/data/plan.json -max-years 20  # widen the 3–10 year policy
//
// The plan's own method is shown too when it is none of the four (units of production, say).
package main

import (
	"flag"
	"os"

	"github.com/dataassay/assay/examples/data"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
	"github.com/dataassay/assay/valuation"
)

func main() { cli.Main("depreciation", run) }

func run(args []string) error {
	fs := flag.NewFlagSet("depreciation", flag.ContinueOnError)
	out := cli.OutputFlags(fs)
	in := fs.String("in", "", "plan JSON `file` (valuation.Plan); the built-in city big-data platform if empty")
	chart := fs.String("chart", "", "write a chart of book value over time to `file` (.svg or .png)")
	var pol valuation.Policy
	fs.IntVar(&pol.MinYears, "min-years", 0, "shortest accepted useful life, 1 to 100 (0: 3 years)")
	fs.IntVar(&pol.MaxYears, "max-years", 0, "longest accepted useful life, 1 to 100 (0: 10 years)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *chart != "" {
		if _, err := jobs.ChartFormat(*chart); err != nil {
			return err
		}
	}
	doc := data.File("plan.json")
	if *in != "" {
		var err error
		if doc, err = cli.ReadInput(*in, nil, jobs.MaxInputBytes); err != nil {
			return err
		}
	}
	plan, err := valuation.ParsePlan(doc)
	if err != nil {
		return err
	}
	res, err := jobs.Schedule(jobs.ScheduleInput{Plan: plan, Policy: pol, Compare: true})
	if err != nil {
		return err
	}
	if *chart != "" {
		if err := jobs.ScheduleChart(*chart, res); err != nil {
			return err
		}
	}
	return out.Emit(os.Stdout, res, res.Sheets()...)
}
