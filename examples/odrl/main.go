// Command odrl evaluates a request against a W3C ODRL 2.2 policy in a state of the world and
// explains the decision rule by rule.
//
//	go run ./examples/odrl                                   # the built-in case, as tables
//	go run ./examples/odrl -policy P.jsonld -request R.jsonld -world W.json
//	go run ./examples/odrl -format jsonld                    # the FORCE compliance report
//	go run ./examples/odrl -format json                      # the report as plain JSON
//
// The built-in case is a licence of the Guangzhou traffic data set for research only, in
// Guangdong only, until the end of 2027, asked about a commercial use from Hong Kong.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dataassay/assay/examples/internal/cli"
	"github.com/dataassay/assay/rights/odrl"
)

func main() { cli.Main(run) }

// builtinPolicy licenses the traffic data set of the quickstart to a Hong Kong analytics
// firm: use for academic research, inside Guangdong, until 31 December 2027; never sell.
const builtinPolicy = `{
  "@context": "http://www.w3.org/ns/odrl.jsonld",
  "@type": "Agreement",
  "uid": "https://exchange.example.cn/licence/GZ-BDC-2024-0017/1",
  "assigner": "https://exchange.example.cn/party/gz-big-data-centre",
  "assignee": "https://exchange.example.cn/party/hk-harbour-analytics",
  "permission": [{
    "uid": "https://exchange.example.cn/licence/GZ-BDC-2024-0017/1#research-use",
    "target": "https://exchange.example.cn/asset/GZ-BDC-2024-0017",
    "action": "use",
    "constraint": [
      {"leftOperand": "purpose", "operator": "isA", "rightOperand": {"@id": "https://w3id.org/dpv#ResearchAndDevelopment"}},
      {"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "urn:iso:3166-2:CN-GD"}},
      {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": {"@value": "2027-12-31", "@type": "xsd:date"}}
    ]
  }],
  "prohibition": [{
    "uid": "https://exchange.example.cn/licence/GZ-BDC-2024-0017/1#no-resale",
    "target": "https://exchange.example.cn/asset/GZ-BDC-2024-0017",
    "action": "sell"
  }]
}`

// builtinRequest asks to use the data set for a commercial purpose from Hong Kong.
const builtinRequest = `{
  "@context": "http://www.w3.org/ns/odrl.jsonld",
  "@type": "Request",
  "uid": "https://exchange.example.cn/request/2026-1127-001",
  "permission": [{
    "target": "https://exchange.example.cn/asset/GZ-BDC-2024-0017",
    "assignee": "https://exchange.example.cn/party/hk-harbour-analytics",
    "action": "use",
    "constraint": [
      {"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "https://w3id.org/dpv#CommercialPurpose"}},
      {"leftOperand": "spatial", "operator": "eq", "rightOperand": {"@id": "urn:iso:3166-2:HK"}}
    ]
  }]
}`

// builtinWorld places the regions and purposes, and fixes the time of the request.
const builtinWorld = `{
  "now": "2026-11-27T10:00:00+08:00",
  "partOf": {
    "urn:iso:3166-2:CN-GD": ["urn:iso:3166-1:CN"],
    "urn:iso:3166-2:HK": ["urn:iso:3166-1:CN"],
    "https://w3id.org/dpv#AcademicResearch": ["https://w3id.org/dpv#ResearchAndDevelopment"]
  }
}`

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

func run() error {
	fs := flag.NewFlagSet("odrl", flag.ContinueOnError)
	out := format("table")
	fs.Var(&out, "format", "output format: table, json, csv or jsonld (the FORCE compliance report)")
	policyFile := fs.String("policy", "", "ODRL policy, any JSON-LD form (default: the built-in licence)")
	requestFile := fs.String("request", "", "odrl:Request, JSON-LD (default: the built-in request)")
	worldFile := fs.String("world", "", "state of the world, JSON (default: the built-in world)")
	open := fs.Bool("open", false, "open behaviour: permit what no rule prohibits")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}

	policyDoc, err := readOr(*policyFile, builtinPolicy)
	if err != nil {
		return err
	}
	requestDoc, err := readOr(*requestFile, builtinRequest)
	if err != nil {
		return err
	}
	worldDoc, err := readOr(*worldFile, builtinWorld)
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
	return cli.Emit(os.Stdout, cli.Format(out), report, sheets(report)...)
}

// readOr reads a file, or returns the built-in document when no file is named.
func readOr(path, builtin string) ([]byte, error) {
	if path == "" {
		return []byte(builtin), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, odrl.MaxWorldBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > odrl.MaxWorldBytes {
		return nil, errors.New(path + ": file too large")
	}
	return b, nil
}

func sheets(r *odrl.Report) []cli.Sheet {
	decision := cli.Sheet{Title: "Decision", Header: []string{"field", "value"}}
	decision.Add("policy", r.Policy)
	decision.Add("request", r.Request)
	if !r.Created.IsZero() {
		decision.Add("now", r.Created.Format(time.RFC3339))
	}
	decision.Add("behaviour", r.Behaviour)
	decision.Add("conflict strategy", r.Conflict)
	decision.Add("decision", r.Decision)
	decision.Add("reason", r.Reason)

	requests := cli.Sheet{Title: "Requested permissions", Header: []string{"#", "action", "target", "assignee", "decision", "reason"}}
	for i, q := range r.Requests {
		requests.Add(i, odrl.Short(q.Action), q.Target, q.Assignee, q.Decision, q.Reason)
	}

	premises := cli.Sheet{
		Title:  "Compliance report",
		Header: []string{"request", "rule", "activation", "attempt", "deontic", "premise", "left operand", "value", "operator", "right operand", "state", "why"},
		Notes:  []string{"Unknown premises fail closed: an undetermined permission grants nothing, an undetermined prohibition denies."},
	}
	var add func(req int, path string, rr odrl.RuleReport)
	add = func(req int, path string, rr odrl.RuleReport) {
		head := []any{req, path, rr.Activation, rr.Attempt, orDash(string(rr.Deontic))}
		if len(rr.Premises) == 0 {
			premises.Add(append(head, "-", "-", "-", "-", "-", "-", "-")...)
		}
		for _, p := range rr.Premises {
			premiseRows(&premises, head, p, "")
		}
		for _, d := range rr.Conditions {
			add(req, d.Path, d)
		}
	}
	for _, rr := range r.Rules {
		add(rr.RuleRequest, rr.Path, rr)
	}
	return []cli.Sheet{decision, requests, premises}
}

// premiseRows adds a premise and, indented, the operands of a logical constraint or the
// refinements of a target, party or action.
func premiseRows(s *cli.Sheet, head []any, p odrl.PremiseReport, indent string) {
	kind := indent + string(p.Kind)
	if p.Logic != "" {
		kind = indent + odrl.Short(string(p.Logic))
	}
	value, right := "-", "-"
	if p.Value != nil {
		value = p.Value.String()
	}
	if p.RightOperand != nil {
		right = p.RightOperand.String()
	}
	row := append(append([]any(nil), head...), kind, orDash(odrl.Short(p.LeftOperand)), value, orDash(odrl.Short(string(p.Operator))), right, p.Satisfaction, orDash(p.Reason))
	s.Add(row...)
	for _, o := range p.Operands {
		premiseRows(s, head, o, indent+"  ")
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
