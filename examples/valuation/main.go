// Command valuation values the seed's case — a city traffic data set held by a municipal
// big-data centre and licensed through a data exchange — by the cost, income and market
// approaches of the CAS data-asset guidance (2023), reconciles them, and puts a Monte Carlo
// band around the income approach. It prints every approach's audit trail.
//
// The input is the JSON that `assay value` reads (schema: cmd/assay/schema/value.input.json),
// from -in FILE; without -in the built-in case examples/data/value.json is used.
//
// Usage:
//
//	go run ./examples/valuation                     # readable tables and the audit trail
//	go run ./examples/valuation -format json        # one JSON document, for notebooks
//	go run ./examples/valuation -format csv -table conclusion
//	go run ./examples/valuation -in examples/data/value.json -chart band.png   # also draw the charts
package main

import (
	"context"
	"flag"

	"os"

	"github.com/dataassay/assay/examples/data"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
)

func main() { cli.Main("valuation", run) }

func run(args []string) error {
	fs := flag.NewFlagSet("valuation", flag.ContinueOnError)
	out := cli.OutputFlags(fs)
	in := fs.String("in", "", "JSON case `file` (default: examples/data/value.json, built in)")
	chart := fs.String("chart", "", "write the Monte Carlo histogram and the tornado chart to `file` (.svg, or .png)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *chart != "" {
		if _, err := jobs.ChartFormat(*chart); err != nil {
			return err
		}
	}
	doc := data.File("value.json")
	if *in != "" {
		var err error
		if doc, err = cli.ReadInput(*in, nil, jobs.MaxInputBytes); err != nil {
			return err
		}
	}
	vc, err := jobs.DecodeValue(doc)
	if err != nil {
		return err
	}
	rep, err := jobs.Value(context.Background(), vc)
	if err != nil {
		return err
	}
	if *chart != "" {
		if err := jobs.ValueChart(*chart, rep); err != nil {
			return err
		}
	}
	rep.MonteCarlo.Samples = nil // the histogram's raw data stays out of the report
	return out.Emit(os.Stdout, rep, rep.Sheets(out.Format != cli.CSV)...)
}
