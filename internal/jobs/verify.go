package jobs

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/odrl"
)

// DecodeChainLines reads a rights chain as JSON Lines: one event per line in the JSON form
// that json.Marshal writes for a rights.Event, blank lines ignored, at most
// rights.MaxChainEvents events. Signatures are checked by Verify, not here.
func DecodeChainLines(data []byte) ([]rights.Event, error) {
	var events []rights.Event
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), rights.MaxEventSize*4+1024)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		if len(events) == rights.MaxChainEvents {
			return nil, inputErr("chain", strconv.Itoa(line)+" lines", "at most "+strconv.Itoa(rights.MaxChainEvents)+" events")
		}
		if text[0] != '{' {
			return nil, inputErr("chain line "+strconv.Itoa(line), string(text), "must be one JSON object per line (a signed rights event)")
		}
		var e rights.Event
		if err := e.UnmarshalJSON(text); err != nil {
			return nil, fmt.Errorf("input: chain line %d: %w", line, err)
		}
		events = append(events, e)
	}
	if err := sc.Err(); err != nil {
		return nil, inputErr("chain line "+strconv.Itoa(line+1), "", "too long: "+err.Error())
	}
	if len(events) == 0 {
		return nil, inputErr("chain", "", "holds no event; want one signed event per line")
	}
	return events, nil
}

// DecodeQuery reads the question of `assay verify`: a rights.Query in its JSON form.
func DecodeQuery(data []byte) (rights.Query, error) {
	var q rights.Query
	if err := decode(data, &q); err != nil {
		return q, err
	}
	if q.At.IsZero() {
		return q, inputErr("at", "", "is required: the RFC 3339 time of the use")
	}
	if q.Asset == "" {
		return q, inputErr("asset", "", "is required: the asset's ID")
	}
	return q, nil
}

// VerifyOutput is the output of `assay verify`: the question, the decision with its path of
// grants or its reasons, and the events read. Schema: verify.output.json.
type VerifyOutput struct {
	Events   int             `json:"events"`
	Query    rights.Query    `json:"query"`
	Decision rights.Decision `json:"decision"`
	Code     string          `json:"code,omitzero"` // the reason's code when denied, e.g. "scope-escalation"
}

// Verify checks every signature and link of the chain and answers the question. A chain
// whose evidence fails (a bad signature, a broken link) is an error, not a denial.
func Verify(ctx context.Context, events []rights.Event, q rights.Query) (VerifyOutput, error) {
	d, err := rights.Verify(ctx, events, q)
	if err != nil {
		return VerifyOutput{}, fmt.Errorf("chain rejected: %w", err)
	}
	return VerifyOutput{Events: len(events), Query: q, Decision: d, Code: rights.Code(d.Err())}, nil
}

// Sheets returns the table "decision".
func (r VerifyOutput) Sheets() []cli.Sheet {
	s := cli.Sheet{Name: "decision", Title: "Rights: may the party do this?", Header: []string{"field", "value"}}
	q := r.Query
	s.Add("party", q.Party.Short())
	s.Add("action", q.Action)
	s.Add("purpose", q.Purpose)
	s.Add("region", q.Region)
	s.Add("at", q.At.Format(time.RFC3339))
	s.Add("asset", q.Asset)
	s.Add("events in chain", r.Events)
	if r.Decision.Allowed {
		s.Add("answer", "allowed")
		s.Add("grant", r.Decision.Grant.Short())
		s.Add("right", r.Decision.Right)
		path := make([]string, len(r.Decision.Path))
		for i, h := range r.Decision.Path {
			path[i] = h.Short()
		}
		s.Add("path", strings.Join(path, " → "))
		s.Add("cross-border", r.Decision.CrossBorder.String())
	} else {
		s.Add("answer", "denied")
		for _, reason := range r.Decision.Reasons {
			s.Add("because", rights.Code(reason)+": "+strings.TrimPrefix(reason.Error(), "rights: "))
		}
	}
	return []cli.Sheet{s}
}

// ODRLInput is the input of `assay odrl`: an ODRL 2.2 policy and request in any JSON-LD form,
// the state of the world, and the behaviour for requests no rule covers. Schema:
// odrl.input.json.
type ODRLInput struct {
	Policy    json.RawMessage `json:"policy"`
	Request   json.RawMessage `json:"request"`
	World     json.RawMessage `json:"world"`
	Behaviour string          `json:"behaviour,omitzero"` // "closed" (default: deny) or "open" (permit what no rule prohibits)

	policy, request *odrl.Policy
	world           *odrl.World
}

// DecodeODRL reads an ODRLInput and parses its policy, request and world.
func DecodeODRL(data []byte) (ODRLInput, error) {
	var in ODRLInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	for _, f := range []struct {
		name string
		doc  json.RawMessage
	}{{"policy", in.Policy}, {"request", in.Request}, {"world", in.World}} {
		if len(f.doc) == 0 || string(f.doc) == "null" {
			return in, inputErr(f.name, "", "is required")
		}
	}
	switch in.Behaviour {
	case "", "closed", "open":
	default:
		return in, inputErr("behaviour", in.Behaviour, `must be "closed" or "open"`)
	}
	var err error
	if in.policy, err = odrl.ParsePolicy(in.Policy); err != nil {
		return in, fmt.Errorf("policy: %w", err)
	}
	if in.request, err = odrl.ParseRequest(in.Request); err != nil {
		return in, fmt.Errorf("request: %w", err)
	}
	if in.world, err = odrl.ParseWorld(in.World); err != nil {
		return in, fmt.Errorf("world: %w", err)
	}
	return in, nil
}

// ODRLOutput is the output of `assay odrl`: the report and the same report as a FORCE
// compliance report in JSON-LD. Schema: odrl.output.json.
type ODRLOutput struct {
	Report *odrl.Report    `json:"report"`
	Force  json.RawMessage `json:"force"`
}

// ODRL evaluates the request against the policy in the world.
func ODRL(in ODRLInput) (ODRLOutput, error) {
	if in.policy == nil {
		return ODRLOutput{}, inputErr("policy", "", "not parsed: use DecodeODRL")
	}
	ev := odrl.Evaluator{}
	if in.Behaviour == "open" {
		ev.Behaviour = odrl.Open
	}
	r, err := ev.Evaluate(in.policy, in.request, in.world)
	if err != nil {
		return ODRLOutput{}, err
	}
	force, err := r.MarshalJSONLD()
	if err != nil {
		return ODRLOutput{}, err
	}
	return ODRLOutput{Report: r, Force: force}, nil
}

// ODRLSheets returns the tables "decision", "requests" and "premises" of a report.
func ODRLSheets(r *odrl.Report) []cli.Sheet {
	decision := cli.Sheet{Name: "decision", Title: "Decision", Header: []string{"field", "value"}}
	decision.Add("policy", r.Policy)
	decision.Add("request", r.Request)
	if !r.Created.IsZero() {
		decision.Add("now", r.Created.Format(time.RFC3339))
	}
	decision.Add("behaviour", r.Behaviour)
	decision.Add("conflict strategy", r.Conflict)
	decision.Add("decision", r.Decision)
	decision.Add("reason", r.Reason)

	requests := cli.Sheet{Name: "requests", Title: "Requested permissions", Header: []string{"#", "action", "target", "assignee", "decision", "reason"}}
	for i, q := range r.Requests {
		requests.Add(i, odrl.Short(q.Action), q.Target, q.Assignee, q.Decision, q.Reason)
	}

	premises := cli.Sheet{
		Name:   "premises",
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
