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
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
)

//go:embed schema/*.json
var schemas embed.FS

func main() {
	// Ctrl-C stops a long computation (a large Monte Carlo run) through its context.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what a subcommand reads and writes.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
}

// input is what the common flags give a job: the input document and where it came from,
// the chart file ("" for none) and the output format.
type input struct {
	name   string // the -in path, "-" for standard input
	data   []byte
	chart  string
	format cli.Format
}

// job turns the input into the output's JSON value and its tables.
type job func(e env, in input) (any, []cli.Sheet, error)

// subcommand is one job of the command.
type subcommand struct {
	summary string
	chart   bool   // takes -chart
	extra   string // usage of its own flags, for help
	// flags defines the subcommand's own flags on fs, if any, and returns its job.
	flags func(fs *flag.FlagSet) job
}

var subcommands = map[string]subcommand{
	"value": {summary: "value a data asset: cost, income and market approaches, reconciled, with a Monte Carlo band", chart: true,
		flags: func(*flag.FlagSet) job { return valueJob }},
	"schedule": {summary: "depreciation or amortisation schedule of a plan, optionally four methods side by side", chart: true,
		flags: simple(jobs.DecodeSchedule, noCtx(jobs.Schedule), jobs.ScheduleChart, jobs.ScheduleOutput.Sheets)},
	"quote": {summary: "quote a price plan for a usage with the exchange's fees, in any currency",
		flags: simple(jobs.DecodeQuote, jobs.Quote, nil, func(o jobs.QuoteOutput) []cli.Sheet { return jobs.QuoteSheets("Quote", o) })},
	"arbitrage": {summary: "check a price menu for arbitrage and repair it",
		flags: simple(jobs.DecodeArbitrage, jobs.Arbitrage, nil, jobs.ArbitrageOutput.Sheets)},
	"verify": {summary: "verify a signed rights chain (JSON Lines) and answer a question (-query)", extra: "-query FILE",
		flags: verifyFlags},
	"odrl": {summary: "evaluate an ODRL 2.2 request against a policy in a state of the world",
		flags: simple(jobs.DecodeODRL, noCtx(jobs.ODRL), nil, func(o jobs.ODRLOutput) []cli.Sheet { return jobs.ODRLSheets(o.Report) })},
	"split": {summary: "split an amount exactly by weights (JSON, or CSV name,weight with -total)", extra: `-total "AMOUNT CUR"`,
		flags: splitFlags},
	"shapley": {summary: "Shapley and Banzhaf values of a cooperative game, exact or sampled", chart: true,
		flags: simple(jobs.DecodeShapley, jobs.Shapley, jobs.ShapleyChart, jobs.ShapleyOutput.Sheets)},
	"inequality": {summary: "Gini, Theil, Palma, Atkinson and the Lorenz curve of incomes (JSON or CSV)",
		flags: func(*flag.FlagSet) job { return inequalityJob }},
	"redistribute": {summary: "a levy-and-dividend and a data dividend applied to contributors, inequality before and after", chart: true,
		extra: "-contributors FILE.csv", flags: redistributeFlags},
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
	return cli.Report(stderr, "assay "+name, runSubcommand(e, sc, fs, rest))
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
	fmt.Fprintln(w, "Amounts are decimal strings with a currency, {\"amount\":\"12.34\",\"currency\":\"CNY\"}; dates are RFC 3339.")
	var doc struct {
		Examples []json.RawMessage `json:"examples"`
	}
	if err := json.Unmarshal(in, &doc); err != nil {
		return err
	}
	if len(doc.Examples) > 0 {
		var ex bytes.Buffer
		if err := json.Indent(&ex, doc.Examples[0], "", "  "); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nExample input:\n\n%s\n", ex.String())
	}
	// The schema files end with their example, shown above.
	schema, _, _ := strings.Cut(string(in), ",\n  \"examples\": [")
	fmt.Fprintf(w, "\nInput schema (cmd/assay/schema/%s.input.json; the output's is %s.output.json):\n\n%s\n}\n", topic, topic, strings.TrimSpace(schema))
	return nil
}

// runSubcommand parses the common flags and the subcommand's own, checks the output options
// before any work (a wrong chart extension fails before any file is created), reads the
// input, runs the job and writes its output.
func runSubcommand(e env, sc subcommand, fs *flag.FlagSet, args []string) error {
	in := fs.String("in", "-", "input `file`; - reads standard input")
	out := cli.OutputFlags(fs)
	var chart *string
	if sc.chart {
		chart = fs.String("chart", "", "also draw a chart to `file` (.svg, or .png for text without CJK)")
	}
	run := sc.flags(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	i := input{name: *in, format: out.Format}
	if chart != nil && *chart != "" {
		if _, err := jobs.ChartFormat(*chart); err != nil {
			return err
		}
		i.chart = *chart
	}
	var err error
	if i.data, err = cli.ReadInput(*in, e.stdin, jobs.MaxInputBytes); err != nil {
		return err
	}
	data, sheets, err := run(e, i)
	if err != nil {
		return err
	}
	return out.Emit(e.stdout, data, sheets...)
}

// simple makes the job of a subcommand without flags of its own: decode, compute, draw the
// chart if asked (when chart is not nil), and return the output and its tables.
func simple[I, O any](decode func([]byte) (I, error), compute func(context.Context, I) (O, error),
	chart func(string, O) error, sheets func(O) []cli.Sheet) func(*flag.FlagSet) job {
	return func(*flag.FlagSet) job {
		return func(e env, in input) (any, []cli.Sheet, error) {
			x, err := decode(in.data)
			if err != nil {
				return nil, nil, err
			}
			out, err := compute(e.ctx, x)
			if err != nil {
				return nil, nil, err
			}
			if in.chart != "" && chart != nil {
				if err := chart(in.chart, out); err != nil {
					return nil, nil, err
				}
			}
			return out, sheets(out), nil
		}
	}
}

// noCtx adapts a computation that takes no context.
func noCtx[I, O any](f func(I) (O, error)) func(context.Context, I) (O, error) {
	return func(_ context.Context, x I) (O, error) { return f(x) }
}

func valueJob(e env, in input) (any, []cli.Sheet, error) {
	x, err := jobs.DecodeValue(in.data)
	if err != nil {
		return nil, nil, err
	}
	out, err := jobs.Value(e.ctx, x)
	if err != nil {
		return nil, nil, err
	}
	if in.chart != "" {
		if err := jobs.ValueChart(in.chart, out); err != nil {
			return nil, nil, err
		}
	}
	out.MonteCarlo.Samples = nil // the histogram's raw data stays out of the output
	return out, out.Sheets(in.format != cli.CSV), nil
}

func verifyFlags(fs *flag.FlagSet) job {
	query := fs.String("query", "", "the question: a rights query as JSON `file` (required)")
	return func(e env, in input) (any, []cli.Sheet, error) {
		switch {
		case *query == "":
			return nil, nil, &cli.UsageError{Msg: "-query FILE is required: the question to answer (see assay help verify)"}
		case *query == "-" && in.name == "-":
			return nil, nil, &cli.UsageError{Msg: "-in and -query cannot both read standard input"}
		}
		events, err := jobs.DecodeChainLines(in.data)
		if err != nil {
			return nil, nil, err
		}
		qdata, err := cli.ReadInput(*query, e.stdin, jobs.MaxInputBytes)
		if err != nil {
			return nil, nil, fmt.Errorf("-query: %w", err)
		}
		q, err := jobs.DecodeQuery(qdata)
		if err != nil {
			return nil, nil, fmt.Errorf("-query: %w", err)
		}
		out, err := jobs.Verify(e.ctx, events, q)
		if err != nil {
			return nil, nil, err
		}
		return out, out.Sheets(), nil
	}
}

func splitFlags(fs *flag.FlagSet) job {
	total := fs.String("total", "", "with CSV input: the amount to split, e.g. \"1280000.00 CNY\"")
	return func(_ env, in input) (any, []cli.Sheet, error) {
		var x jobs.SplitInput
		var err error
		if jobs.IsCSV(in.name, in.data) {
			amount, cur, ok := strings.Cut(strings.TrimSpace(*total), " ")
			if !ok {
				return nil, nil, &cli.UsageError{Msg: fmt.Sprintf("-total %q: with CSV input give the amount and currency, e.g. -total \"1280000.00 CNY\"", *total)}
			}
			m, err := assay.NewMoney(amount, strings.TrimSpace(cur))
			if err != nil {
				return nil, nil, fmt.Errorf("-total: %w", err)
			}
			x, err = jobs.DecodeSplitCSV(in.data, m)
			if err != nil {
				return nil, nil, err
			}
		} else {
			if *total != "" {
				return nil, nil, &cli.UsageError{Msg: "-total is for CSV input; a JSON input names its total"}
			}
			if x, err = jobs.DecodeSplit(in.data); err != nil {
				return nil, nil, err
			}
		}
		out, err := jobs.Split(x)
		if err != nil {
			return nil, nil, err
		}
		return out, out.Sheets(), nil
	}
}

func inequalityJob(_ env, in input) (any, []cli.Sheet, error) {
	decode := jobs.DecodeInequality
	if jobs.IsCSV(in.name, in.data) {
		decode = jobs.DecodeInequalityCSV
	}
	x, err := decode(in.data)
	if err != nil {
		return nil, nil, err
	}
	out, err := jobs.Inequality(x)
	if err != nil {
		return nil, nil, err
	}
	return out, out.Sheets(), nil
}

func redistributeFlags(fs *flag.FlagSet) job {
	people := fs.String("contributors", "", "contributors as CSV `file` with columns id, group, income (replacing the input's)")
	return func(e env, in input) (any, []cli.Sheet, error) {
		if *people == "-" && in.name == "-" {
			return nil, nil, &cli.UsageError{Msg: "-in and -contributors cannot both read standard input"}
		}
		var contributors []jobs.Contributor
		if *people != "" {
			pdata, err := cli.ReadInput(*people, e.stdin, jobs.MaxInputBytes)
			if err != nil {
				return nil, nil, fmt.Errorf("-contributors: %w", err)
			}
			if contributors, err = jobs.DecodeContributorsCSV(pdata); err != nil {
				return nil, nil, fmt.Errorf("-contributors: %w", err)
			}
		}
		x, err := jobs.DecodeRedistribute(in.data, contributors)
		if err != nil {
			return nil, nil, err
		}
		out, err := jobs.Redistribute(x)
		if err != nil {
			return nil, nil, err
		}
		if in.chart != "" {
			if err := jobs.RedistributeChart(in.chart, out); err != nil {
				return nil, nil, err
			}
		}
		return out, out.Sheets(), nil
	}
}
