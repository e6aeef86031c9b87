// Command assay runs the library's main jobs on your data: it reads a documented JSON (or,
// for tables, CSV) input from a file or standard input and writes a table, JSON or CSV.
//
//	assay value        -in case.json          appraisal: cost, income, market, reconciliation, Monte Carlo
//	assay schedule     -in schedule.json      depreciation / amortisation schedules
//	assay quote        -in quote.json         a plan quoted for a usage with fees (and currency)
//	assay arbitrage    -in menu.json          check a price menu for arbitrage and repair it
//	assay verify       -in chain.jsonl -query q.json   may a party do this, by a signed rights chain?
//	assay odrl         -in odrl.json          ODRL 2.2 policy + request + world → decision and report
//	assay split        -in split.json         an amount split exactly by weights
//	assay shapley      -in game.json          a cooperative game's Shapley and Banzhaf values
//	assay inequality   -in incomes.csv        Gini, Theil, Palma, Atkinson, Lorenz
//	assay redistribute -in scheme.json        a levy-and-dividend and a data dividend, before and after
//
// Every subcommand takes -format table|json|csv (with -table NAME to pick one table for CSV
// and -bom for Excel); value, schedule, shapley and redistribute take -chart out.svg|out.png.
// `assay help TOPIC` prints a subcommand's input schema and an example. Exit status: 0 ok,
// 1 bad input (one line on stderr naming the field, the value and what is allowed), 2 usage.
//
// Install with
//
//	go install github.com/dataassay/assay/cmd/assay@latest
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
)

//go:embed schema/*.json
var schemas embed.FS

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a subcommand reads and writes.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
}

// subcommand is one job of the command.
type subcommand struct {
	summary string
	chart   bool   // takes -chart
	extra   string // usage of its own flags, for help
	run     func(e env, fs *flag.FlagSet, args []string) error
}

var subcommands = map[string]subcommand{
	"value":        {summary: "value a data asset: cost, income and market approaches, reconciled, with a Monte Carlo band", chart: true, run: runValue},
	"schedule":     {summary: "depreciation or amortisation schedule of a plan, optionally four methods side by side", chart: true, run: runSchedule},
	"quote":        {summary: "quote a price plan for a usage with the exchange's fees, in any currency", run: runQuote},
	"arbitrage":    {summary: "check a price menu for arbitrage and repair it", run: runArbitrage},
	"verify":       {summary: "verify a signed rights chain (JSON Lines) and answer a question (-query)", extra: "-query FILE", run: runVerify},
	"odrl":         {summary: "evaluate an ODRL 2.2 request against a policy in a state of the world", run: runODRL},
	"split":        {summary: "split an amount exactly by weights (JSON, or CSV name,weight with -total)", extra: "-total \"AMOUNT CUR\"", run: runSplit},
	"shapley":      {summary: "Shapley and Banzhaf values of a cooperative game, exact or sampled", chart: true, run: runShapley},
	"inequality":   {summary: "Gini, Theil, Palma, Atkinson and the Lorenz curve of incomes (JSON or CSV)", run: runInequality},
	"redistribute": {summary: "a levy-and-dividend and a data dividend applied to contributors, inequality before and after", chart: true, extra: "-contributors FILE.csv", run: runRedistribute},
}

func names() []string {
	var out []string
	for n := range subcommands {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: assay SUBCOMMAND [-in FILE] [-format table|json|csv] [-table NAME] [-bom] [-chart out.svg]")
	fmt.Fprintln(w, "       assay help [SUBCOMMAND]")
	fmt.Fprintln(w, "\nsubcommands:")
	for _, n := range names() {
		fmt.Fprintf(w, "  %-13s %s\n", n, subcommands[n].summary)
	}
	fmt.Fprintln(w, "\nInput is read from -in FILE, or from standard input when -in is - or absent.")
	fmt.Fprintln(w, "Exit status: 0 ok, 1 bad input (one line naming the field, the value and what is allowed), 2 usage.")
}

// run is the whole command, for main and for tests: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return cli.ExitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			usage(stdout)
			return cli.ExitOK
		}
		return cli.Report(stderr, "assay help", help(stdout, rest[0]))
	}
	sc, ok := subcommands[name]
	if !ok {
		return cli.Report(stderr, "assay", &cli.UsageError{Msg: fmt.Sprintf("unknown subcommand %q; want one of: %s (see assay help)", name, strings.Join(names(), ", "))})
	}
	fs := flag.NewFlagSet("assay "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: assay %s [flags]\n%s\n\nflags:\n", name, sc.summary)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nassay help %s shows the input schema and an example.\n", name)
	}
	e := env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	return cli.Report(stderr, "assay "+name, sc.run(e, fs, rest))
}

// help prints a subcommand's summary, its input schema and the schema's example.
func help(w io.Writer, topic string) error {
	sc, ok := subcommands[topic]
	if !ok {
		return &cli.UsageError{Msg: fmt.Sprintf("no help topic %q; want one of: %s", topic, strings.Join(names(), ", "))}
	}
	in, err := schemas.ReadFile("schema/" + topic + ".input.json")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "assay %s — %s\n\n", topic, sc.summary)
	flags := "-in FILE"
	if sc.extra != "" {
		flags += " " + sc.extra
	}
	if sc.chart {
		flags += " [-chart out.svg|out.png]"
	}
	fmt.Fprintf(w, "usage: assay %s %s [-format table|json|csv] [-table NAME] [-bom]\n\n", topic, flags)
	fmt.Fprintf(w, "Input: JSON Schema (cmd/assay/schema/%s.input.json; output: %s.output.json).\n", topic, topic)
	fmt.Fprintln(w, "Amounts are decimal strings with a currency, {\"amount\":\"12.34\",\"currency\":\"CNY\"}; dates are RFC 3339.")
	fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(string(in)))
	return nil
}

// common defines the flags every subcommand shares.
type common struct {
	in    *string
	out   *cli.Output
	chart *string
}

func commonFlags(fs *flag.FlagSet, chart bool) common {
	c := common{
		in:  fs.String("in", "-", "input `file`; - reads standard input"),
		out: cli.OutputFlags(fs),
	}
	if chart {
		c.chart = fs.String("chart", "", "also draw a chart to `file` (.svg, or .png for text without CJK)")
	}
	return c
}

// parse parses the flags and checks the output options before any work: a wrong chart
// extension or a CSV table choice fails before any file is created.
func (c common) parse(fs *flag.FlagSet, args []string) error {
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if c.chart != nil && *c.chart != "" {
		if _, err := jobs.ChartFormat(*c.chart); err != nil {
			return err
		}
	}
	return nil
}

func (c common) read(e env) ([]byte, error) {
	return cli.ReadInput(*c.in, e.stdin, jobs.MaxInputBytes)
}

func runValue(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, true)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	in, err := jobs.DecodeValue(data)
	if err != nil {
		return err
	}
	out, err := jobs.Value(e.ctx, in)
	if err != nil {
		return err
	}
	if *c.chart != "" {
		if err := jobs.ValueChart(*c.chart, out); err != nil {
			return err
		}
	}
	out.MonteCarlo.Samples = nil // the histogram's raw data stays out of the output
	return c.out.Emit(e.stdout, out, out.Sheets(c.out.Format != cli.CSV)...)
}

func runSchedule(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, true)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	in, err := jobs.DecodeSchedule(data)
	if err != nil {
		return err
	}
	out, err := jobs.Schedule(in)
	if err != nil {
		return err
	}
	if *c.chart != "" {
		if err := jobs.ScheduleChart(*c.chart, out); err != nil {
			return err
		}
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}

func runQuote(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, false)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	in, err := jobs.DecodeQuote(data)
	if err != nil {
		return err
	}
	out, err := jobs.Quote(e.ctx, in)
	if err != nil {
		return err
	}
	return c.out.Emit(e.stdout, out, jobs.QuoteSheets("Quote", out)...)
}

func runArbitrage(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, false)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	in, err := jobs.DecodeArbitrage(data)
	if err != nil {
		return err
	}
	out, err := jobs.Arbitrage(e.ctx, in)
	if err != nil {
		return err
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}

func runVerify(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, false)
	query := fs.String("query", "", "the question: a rights query as JSON `file` (required)")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if *query == "" {
		return &cli.UsageError{Msg: "-query FILE is required: the question to answer (see assay help verify)"}
	}
	if *query == *c.in || (*query == "-" && *c.in == "") {
		return &cli.UsageError{Msg: "-in and -query cannot both read standard input"}
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	events, err := jobs.DecodeChainLines(data)
	if err != nil {
		return err
	}
	qdata, err := cli.ReadInput(*query, e.stdin, jobs.MaxInputBytes)
	if err != nil {
		return fmt.Errorf("-query: %w", err)
	}
	q, err := jobs.DecodeQuery(qdata)
	if err != nil {
		return fmt.Errorf("-query: %w", err)
	}
	out, err := jobs.Verify(e.ctx, events, q)
	if err != nil {
		return err
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}

func runODRL(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, false)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	in, err := jobs.DecodeODRL(data)
	if err != nil {
		return err
	}
	out, err := jobs.ODRL(in)
	if err != nil {
		return err
	}
	return c.out.Emit(e.stdout, out, jobs.ODRLSheets(out.Report)...)
}

func runSplit(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, false)
	total := fs.String("total", "", "with CSV input: the amount to split, e.g. \"1280000.00 CNY\"")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	var in jobs.SplitInput
	if jobs.IsCSV(*c.in, data) {
		amount, cur, ok := strings.Cut(strings.TrimSpace(*total), " ")
		if !ok {
			return &cli.UsageError{Msg: fmt.Sprintf("-total %q: with CSV input give the amount and currency, e.g. -total \"1280000.00 CNY\"", *total)}
		}
		m, err := assay.NewMoney(amount, strings.TrimSpace(cur))
		if err != nil {
			return fmt.Errorf("-total: %w", err)
		}
		in, err = jobs.DecodeSplitCSV(data, m)
		if err != nil {
			return err
		}
	} else {
		if *total != "" {
			return &cli.UsageError{Msg: "-total is for CSV input; a JSON input names its total"}
		}
		if in, err = jobs.DecodeSplit(data); err != nil {
			return err
		}
	}
	out, err := jobs.Split(in)
	if err != nil {
		return err
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}

func runShapley(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, true)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	in, err := jobs.DecodeShapley(data)
	if err != nil {
		return err
	}
	out, err := jobs.Shapley(e.ctx, in)
	if err != nil {
		return err
	}
	if *c.chart != "" {
		if err := jobs.ShapleyChart(*c.chart, out); err != nil {
			return err
		}
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}

func runInequality(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, false)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	var in jobs.InequalityInput
	if jobs.IsCSV(*c.in, data) {
		in, err = jobs.DecodeInequalityCSV(data)
	} else {
		in, err = jobs.DecodeInequality(data)
	}
	if err != nil {
		return err
	}
	out, err := jobs.Inequality(in)
	if err != nil {
		return err
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}

func runRedistribute(e env, fs *flag.FlagSet, args []string) error {
	c := commonFlags(fs, true)
	people := fs.String("contributors", "", "contributors as CSV `file` with columns id, group, income (replacing the input's)")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if *people != "" && *people == *c.in {
		return &cli.UsageError{Msg: "-in and -contributors cannot be the same input"}
	}
	data, err := c.read(e)
	if err != nil {
		return err
	}
	var contributors []jobs.Contributor
	if *people != "" {
		pdata, err := cli.ReadInput(*people, e.stdin, jobs.MaxInputBytes)
		if err != nil {
			return fmt.Errorf("-contributors: %w", err)
		}
		if contributors, err = jobs.DecodeContributorsCSV(pdata); err != nil {
			return fmt.Errorf("-contributors: %w", err)
		}
	}
	in, err := jobs.DecodeRedistribute(data, contributors)
	if err != nil {
		return err
	}
	out, err := jobs.Redistribute(in)
	if err != nil {
		return err
	}
	if *c.chart != "" {
		if err := jobs.RedistributeChart(*c.chart, out); err != nil {
			return err
		}
	}
	return c.out.Emit(e.stdout, out, out.Sheets()...)
}
