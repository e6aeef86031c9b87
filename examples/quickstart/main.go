// Command quickstart tells Assay's story end to end: a city traffic data set held by a
// municipal big-data centre, described as an assay.Asset. Later packages add its valuation,
// its price on an exchange, its rights chain and the sharing of its income.
//
//	go run ./examples/quickstart               # readable tables
//	go run ./examples/quickstart -format json  # for notebooks
package main

import (
	"flag"
	"os"
	"strconv"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/examples/internal/cli"
)

func main() { cli.Main(run) }

// report is the JSON form of the quickstart's output.
type report struct {
	Asset assay.Asset `json:"asset"`
}

func run() error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	format := cli.FormatFlag(fs)
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}

	asset := assay.Asset{
		ID:             "GZ-BDC-2024-0017",
		Name:           "City traffic flows (loop detectors and bus GPS), 2019–2024",
		Holder:         "Guangzhou Municipal Big Data Centre",
		Region:         "CN-GD",
		Classification: assay.Important,
		Acquired:       time.Date(2024, time.January, 15, 0, 0, 0, 0, time.UTC),
		UsefulLife:     5,
		Records:        182_500_000,
	}
	if err := asset.Validate(); err != nil {
		return err
	}

	s := cli.Sheet{Title: "Data asset", Header: []string{"field", "value"}}
	s.Add("id", asset.ID)
	s.Add("name", asset.Name)
	s.Add("holder", asset.Holder)
	s.Add("region", asset.Region)
	s.Add("classification", asset.Classification)
	s.Add("acquired", asset.Acquired.Format(time.DateOnly))
	s.Add("useful life (years)", asset.UsefulLife)
	s.Add("records", strconv.FormatInt(asset.Records, 10))
	return cli.Emit(os.Stdout, *format, report{Asset: asset}, s)
}
