// Command odrl evaluates a request against a W3C ODRL 2.2 policy in a state of the world and
// explains the decision rule by rule.
//
//	go run ./examples/odrl                                   # the built-in case, as tables
//	go run ./examples/odrl -policy examples/data/policy.jsonld -request examples/data/request.jsonld -world examples/data/world.json
//	go run ./examples/odrl -format jsonld                    # the FORCE compliance report
//	go run ./examples/odrl -format json                      # the report as plain JSON
//
// The built-in case (examples/data/policy.jsonld, request.jsonld and world.json; the same job
// as `assay odrl` on examples/data/odrl.json) is a licence of the Guangzhou traffic data set for research only, in
// Guangdong only, until the end of 2027, asked about a commercial use from Hong Kong.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dataassay/assay/examples/data"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
	"github.com/dataassay/assay/rights/odrl"
)

func main() { cli.Main("odrl", run) }

// format is the -format flag: the cli formats plus jsonld.
type format string

func (f *format) String() string { return string(*f) }

func (f *format) Set(s string) error {
	switch s {
	case "table", "json", "csv", "jsonld":
		*f = format(s)
		return nil
	}
	return fmt.Errorf("unknown format %q: want table, json, csv or jsonld", s)
}

func run(args []string) error {
	fs := flag.NewFlagSet("odrl", flag.ContinueOnError)
	out := format("table")
	fs.Var(&out, "format", "output format: table, json, csv or jsonld (the FORCE compliance report)")
	policyFile := fs.String("policy", "", "ODRL policy, any JSON-LD form (default: the built-in licence)")
	requestFile := fs.String("request", "", "odrl:Request, JSON-LD (default: the built-in request)")
	worldFile := fs.String("world", "", "state of the world, JSON (default: the built-in world)")
	open := fs.Bool("open", false, "open behaviour: permit what no rule prohibits")
	table := fs.String("table", "", "with -format csv: the `name` of the one table to write")
	bom := fs.Bool("bom", false, "with -format csv: start with a UTF-8 byte-order mark")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}

	policyDoc, err := readOr(*policyFile, "policy.jsonld")
	if err != nil {
		return err
	}
	requestDoc, err := readOr(*requestFile, "request.jsonld")
	if err != nil {
		return err
	}
	worldDoc, err := readOr(*worldFile, "world.json")
	if err != nil {
		return err
	}
	policy, err := odrl.ParsePolicy(policyDoc)
	if err != nil {
		return err
	}
	request, err := odrl.ParseRequest(requestDoc)
	if err != nil {
		return err
	}
	world, err := odrl.ParseWorld(worldDoc)
	if err != nil {
		return err
	}
	ev := odrl.Evaluator{}
	if *open {
		ev.Behaviour = odrl.Open
	}
	report, err := ev.Evaluate(policy, request, world)
	if err != nil {
		return err
	}

	if out == "jsonld" {
		b, err := report.MarshalJSONLD()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(os.Stdout, "%s\n", b)
		return err
	}
	o := cli.Output{Format: cli.Format(out), Table: *table, BOM: *bom}
	return o.Emit(os.Stdout, report, jobs.ODRLSheets(report)...)
}

// readOr reads a file, or returns the built-in sample document when no file is named.
func readOr(path, builtin string) ([]byte, error) {
	if path == "" {
		return data.File(builtin), nil
	}
	return cli.ReadInput(path, nil, odrl.MaxWorldBytes)
}
