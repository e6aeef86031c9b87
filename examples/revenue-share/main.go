// Command revenue-share splits the revenue of a data product among the holders whose data
// it pools, by cooperative-game values — the same job as `assay shapley` on
// examples/data/shapley.json.
//
// Five holders contribute traffic data to a congestion index for Guangzhou's eleven
// districts. The index is worth the share of the city's vehicle-kilometres it observes: a
// district weighs its share of traffic (illustrative figures), and a holder observes a
// fraction of a district's roads, so a coalition S observes
//
//	v(S) = Σ_d share_d · (1 − Π_{h∈S} (1 − coverage_{h,d}))
//
// — sources overlap, so the stand-alone worths add up to more than the pooled index. The
// program prints the exact Shapley and Banzhaf values, a sampled Shapley estimate with its
// standard errors next to them, and the revenue split exactly in CNY by Shapley (through
// distribution.ToMoney), with the Gini index of the split.
//
//	go run ./examples/revenue-share                    # readable tables
//	go run ./examples/revenue-share -format json       # for notebooks
//	go run ./examples/revenue-share -revenue 990000.00 -seed 7 -permutations 20000
package main

import (
	"context"
	"flag"
	"os"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/examples/data"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
)

func main() { cli.Main("revenue-share", run) }

func run(args []string) error {
	fs := flag.NewFlagSet("revenue-share", flag.ContinueOnError)
	out := cli.OutputFlags(fs)
	revenueFlag := fs.String("revenue", "1280000.00", "the product's revenue to share, in CNY (not negative)")
	seed := fs.Uint64("seed", 2026, "seed of the sampled Shapley estimate")
	perms := fs.Int("permutations", 5000, "permutations for the sampled Shapley estimate, 1 to "+strconv.Itoa(jobs.MaxPermutations))
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	revenue, err := assay.NewMoney(*revenueFlag, "CNY")
	if err != nil {
		return err
	}
	if revenue.Amount().IsNegative() {
		return &jobs.InputError{Field: "-revenue", Value: *revenueFlag, Reason: "must not be negative: a revenue to share"}
	}
	if *perms < 1 || *perms > jobs.MaxPermutations {
		return &jobs.InputError{Field: "-permutations", Value: strconv.Itoa(*perms), Reason: "must be from 1 to " + strconv.Itoa(jobs.MaxPermutations)}
	}
	in, err := jobs.DecodeShapley(data.File("shapley.json"))
	if err != nil {
		return err
	}
	in.Method, in.Revenue = "both", revenue
	in.Sample.Seed, in.Sample.MaxPermutations, in.Sample.Antithetic = *seed, *perms, true
	res, err := jobs.Shapley(context.Background(), in)
	if err != nil {
		return err
	}
	return out.Emit(os.Stdout, res, res.Sheets()...)
}
