package odrl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/piprate/json-gold/ld"
)

func readForce(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "force", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reportTriples reads a FORCE report written as JSON-LD back through the JSON-LD
// processor and lists, per node type, "Type property object" statements (blank nodes as
// "_", report: terms without their namespace), so that tests compare the graph a
// conformance suite would see, not its serialisation.
func reportTriples(t testing.TB, r *Report) []string {
	t.Helper()
	out, err := r.MarshalJSONLD()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeJSON(out)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := flatten(doc)
	if err != nil {
		t.Fatal(err)
	}
	short := func(s string) string {
		s = strings.TrimPrefix(s, ReportNS)
		if strings.HasPrefix(s, "_:") {
			return "_"
		}
		return s
	}
	var got []string
	for _, n := range nodes {
		types, _ := n["@type"].([]any)
		for _, typ := range types {
			for prop, vs := range n {
				if !strings.HasPrefix(prop, ReportNS) {
					continue // the report: statements only; dct: descriptions are this package's additions
				}
				for _, v := range vs.([]any) {
					m := v.(map[string]any)
					obj := fmt.Sprint(m["@value"])
					if id, ok := m["@id"].(string); ok {
						obj = id
					}
					got = append(got, short(fmt.Sprint(typ))+" "+short(prop)+" "+short(obj))
				}
			}
		}
	}
	return got
}

// TestFORCE_Duties reads the FORCE test suite's duty cases in Turtle (testcase-059, -060
// and -061 of SolidLabResearch/ODRL-Test-Suite: Alice may read x with a duty to compensate;
// the state of the world holds the duty's prior report). Expected reports follow the FORCE
// compliance-report vocabulary: a duty that is NonSet is not violated, so the permission is
// Active (testcase-059's expected report); Fulfilled, Active (060); Violated deactivates it
// (061). The permission's report links the prior duty report as its report:conditionReport,
// and has a TargetReport, PartyReport and ActionReport because the rule states all three.
func TestFORCE_Duties(t *testing.T) {
	p, err := ParsePolicyRDF(readForce(t, "duty-policy.ttl"), Turtle)
	if err != nil {
		t.Fatal(err)
	}
	q, err := ParseRequestRDF(readForce(t, "alice-read-x.ttl"), Turtle)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		state      string
		activation string
		decision   Decision
	}{{"NonSet", "Active", Permit}, {"Fulfilled", "Active", Permit}, {"Violated", "Inactive", Deny}} {
		t.Run(tt.state, func(t *testing.T) {
			w, err := ParseWorldRDF(readForce(t, "world-duty-"+tt.state+".ttl"), Turtle)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Evaluate(p, q, w)
			if err != nil {
				t.Fatal(err)
			}
			if r.Decision != tt.decision {
				t.Errorf("decision %s, want %s (%s)", r.Decision, tt.decision, r.Reason)
			}
			want := []string{
				"PolicyReport policy urn:uuid:5aa7f98c-65e0-4ff2-9846-40203203a58a",
				"PolicyReport policyRequest urn:uuid:1bafee59-006c-46a3-810c-5d176b4be364",
				"PolicyReport controlState " + string(tt.decision),
				"PolicyReport ruleReport _",
				"PermissionReport rule urn:uuid:f21be2f2-5efd-46ca-ac4c-0b37d9b9a526",
				"PermissionReport ruleRequest urn:uuid:186be541-5857-4ce3-9f03-1a274f16bf59",
				"PermissionReport attemptState " + "Attempted",
				"PermissionReport activationState " + tt.activation,
				"PermissionReport premiseReport _", "PermissionReport premiseReport _", "PermissionReport premiseReport _",
				"PermissionReport conditionReport urn:uuid:77bd375c-7095-430a-87e1-6591bf666b75",
				"TargetReport satisfactionState " + "Satisfied",
				"PartyReport satisfactionState " + "Satisfied",
				"ActionReport satisfactionState " + "Satisfied",
			}
			if diff := cmp.Diff(want, reportTriples(t, r), cmpSortStrings); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("duty unknown to the world", func(t *testing.T) {
		w := mustWorld(t, `{"now": "2024-02-12T11:20:10.999Z"}`)
		r, err := Evaluate(p, q, w)
		if err != nil {
			t.Fatal(err)
		}
		if r.Decision != Permit || r.Rules[0].Activation != Active {
			t.Errorf("a duty the world does not mention is not violated: got %s %s (%s)", r.Decision, r.Rules[0].Activation, r.Reason)
		}
	})
}

// TestFORCE_Attempted: every rule report made for a request is report:Attempted, whatever
// the request's action or target (FORCE vocabulary: the request is the attempt); a rule
// whose action the request does not match is Inactive, not NotAttempted.
func TestFORCE_Attempted(t *testing.T) {
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p",
	  "permission": [{"action": "read", "target": "http://example.org/x"}, {"action": "modify", "target": "http://example.org/y"}],
	  "prohibition": [{"action": "distribute", "target": "http://example.org/z"}],
	  "obligation": [{"uid": "urn:o", "action": "compensate"}]}`)
	r, err := Evaluate(p, mustRequest(t, request("http://example.org/alice", "print", "http://example.org/w")), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, rr := range r.Rules {
		if rr.Attempt != Attempted {
			t.Errorf("%s: attemptState %s, want Attempted", rr.Path, rr.Attempt)
		}
	}
	if got := r.Rules[0].Activation; got != Inactive {
		t.Errorf("permission[0] matched nothing of the request: activation %s, want Inactive", got)
	}
}

// TestFORCE_EmptyRules: a rule that states no target, party, action or constraint has no
// premise report and is Active for every request (FORCE test suite testcase-001 "Any
// request results into yes" and testcase-004 "Any request results into no", whose expected
// reports hold a PermissionReport or ProhibitionReport with no premiseReport, Attempted and
// Active). The Information Model requires an action, which Validate(Strict) reports.
func TestFORCE_EmptyRules(t *testing.T) {
	for _, tt := range []struct {
		kind     string
		decision Decision
		report   string
	}{{"permission", Permit, "PermissionReport"}, {"prohibition", Deny, "ProhibitionReport"}} {
		t.Run(tt.kind, func(t *testing.T) {
			p := mustPolicy(t, `{"@context": {"odrl": "http://www.w3.org/ns/odrl/2/"}, "@id": "urn:p", "@type": "odrl:Set", "odrl:`+tt.kind+`": {"@id": "urn:r", "@type": "odrl:Permission"}}`)
			r, err := Evaluate(p, mustRequest(t, request("http://example.org/bob", "write", "http://example.org/y")), nil)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				"PolicyReport policy urn:p", "PolicyReport policyRequest http://example.org/request",
				"PolicyReport controlState " + string(tt.decision), "PolicyReport ruleReport _",
				tt.report + " rule urn:r", tt.report + " attemptState " + "Attempted",
				tt.report + " activationState " + "Active",
			}
			if diff := cmp.Diff(want, reportTriples(t, r), cmpSortStrings); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
			var verr *ValidationError
			if err := p.Validate(Strict); !errors.As(err, &verr) || len(verr.Departures) != 2 {
				t.Errorf("Validate(Strict) = %v, want two departures (no action, no target)", err)
			}
			if err := p.Validate(Lenient); err != nil {
				t.Errorf("Validate(Lenient) = %v, want nil", err)
			}
		})
	}
}

// TestFORCE_LogicalOperands: a logical constraint has its own ConstraintReport naming its
// operator in report:constraintLogicalOperand, and one ConstraintReport per operand linked by
// report:premiseReport, every operand evaluated (FORCE expected report of the suite's
// logical-constraint case: an and of two dateTime constraints, the second unsatisfied,
// reports both). Here: and(count eq 1 — Satisfied, count eq 2 — Unsatisfied) is
// Unsatisfied, and an andSequence with the same operands reports both too (no short
// circuit).
func TestFORCE_LogicalOperands(t *testing.T) {
	w := mustWorld(t, `{"operands": {"count": 1}}`)
	q := mustRequest(t, request("http://example.org/alice", "use", "http://example.org/x"))
	for _, op := range []string{"and", "andSequence"} {
		t.Run(op, func(t *testing.T) {
			list := `[{"@id": "urn:c1", "leftOperand": "count", "operator": "eq", "rightOperand": 1}, {"@id": "urn:c2", "leftOperand": "count", "operator": "eq", "rightOperand": 2}]`
			if op == "andSequence" {
				list = `{"@list": ` + list + `}`
			}
			p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"uid": "urn:r", "constraint": [{"@id": "urn:l", "`+op+`": `+list+`}]}]}`)
			r, err := Evaluate(p, q, w)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				"PolicyReport policy urn:p", "PolicyReport policyRequest http://example.org/request",
				"PolicyReport controlState " + "Deny", "PolicyReport ruleReport _",
				"PermissionReport rule urn:r", "PermissionReport attemptState " + "Attempted",
				"PermissionReport activationState " + "Inactive", "PermissionReport premiseReport _",
				"ConstraintReport constraint urn:l", "ConstraintReport constraintLogicalOperand " + NS + op,
				"ConstraintReport satisfactionState " + "Unsatisfied",
				"ConstraintReport premiseReport _", "ConstraintReport premiseReport _",
				"ConstraintReport constraint urn:c1", "ConstraintReport satisfactionState " + "Satisfied",
				"ConstraintReport constraintLeftOperand 1", "ConstraintReport constraintOperator " + NS + "eq", "ConstraintReport constraintRightOperand 1",
				"ConstraintReport constraint urn:c2", "ConstraintReport satisfactionState " + "Unsatisfied",
				"ConstraintReport constraintLeftOperand 1", "ConstraintReport constraintOperator " + NS + "eq", "ConstraintReport constraintRightOperand 2",
			}
			if diff := cmp.Diff(want, reportTriples(t, r), cmpSortStrings); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
}

// orOfAnds writes the shape of the FORCE test suite's big policy (testcase-062: "during 9-17
// on weekdays"): a permission for alice to use asset3 whose one constraint is an or of n
// ands of two dateTime constraints, one working window a day; the last window holds
// benchWorld's now (2026-11-27T09:00Z), the others are past.
func orOfAnds(n int) string {
	last := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	ands := make([]string, n)
	for i := range ands {
		day := last.AddDate(0, 0, i-n+1).Format(time.DateOnly)
		ands[i] = fmt.Sprintf(`{"and": [{"leftOperand": "dateTime", "operator": "gt", "rightOperand": {"@value": "%sT08:00:00Z", "@type": "xsd:dateTime"}}, `+
			`{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "%sT17:00:00Z", "@type": "xsd:dateTime"}}]}`, day, day)
	}
	return `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"assignee": "http://example.org/alice", "action": "use", "target": "http://example.org/asset3",
	  "constraint": [{"or": [` + strings.Join(ands, ", ") + `]}]}]}`
}

// TestFORCE_OrOfAnds: the suite's big policy, an or of 262 ands of two constraints, is
// reported, by the FORCE rule "one ConstraintReport per constraint and per operand,
// recursively", as 1 (the or) + 262 (the ands) + 524 (their operands) constraint reports,
// beside the rule's TargetReport, PartyReport and ActionReport: 790 premise reports, the
// count issue 14 gives.
func TestFORCE_OrOfAnds(t *testing.T) {
	p := mustPolicy(t, orOfAnds(262))
	r, err := Evaluate(p, mustRequest(t, request("http://example.org/alice", "read", "http://example.org/asset3")), mustWorld(t, benchWorld))
	if err != nil {
		t.Fatal(err)
	}
	var count func([]PremiseReport) int
	count = func(ps []PremiseReport) int {
		n := len(ps)
		for i := range ps {
			n += count(ps[i].Operands)
		}
		return n
	}
	if got, want := count(r.Rules[0].Premises), 3+1+262+524; got != want {
		t.Errorf("%d premise reports, want %d", got, want)
	}
	if r.Decision != Permit {
		t.Errorf("the last window holds: decision %s (%s)", r.Decision, r.Reason)
	}
}

// TestValidate_Strict lists every departure of a policy from the Information Model's rule
// cardinalities (Permission Class, Prohibition Class, Duty Class: one action; permissions
// and prohibitions one target), in document order, without changing evaluation.
func TestValidate_Strict(t *testing.T) {
	doc := `{` + odrlCtx + `"@type": "Set", "uid": "urn:p",
	  "permission": [{"target": "urn:x", "action": "read"}, {"target": "urn:x", "duty": [{"constraint": [{"leftOperand": "count", "operator": "lt", "rightOperand": 3}]}]},
	    {"target": "urn:x", "action": "http://example.org/mine", "constraint": [{"or": [{"leftOperand": "count", "operator": "http://example.org/near", "rightOperand": 3}, {"leftOperand": "count", "operator": "lt", "rightOperand": 3}]}]}],
	  "prohibition": [{"action": "sell"}]}`
	p := mustPolicy(t, doc)
	err := p.Validate(Strict)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Validate(Strict) = %v, want a *ValidationError", err)
	}
	want := []Departure{
		{Path: "permission[1]", Reason: "a Permission MUST have one action (Information Model, Permission Class)"},
		{Path: "permission[1].duty[0]", Reason: "a Duty MUST have one action (Information Model, Duty Class)"},
		{Path: "permission[2]", Reason: "action http://example.org/mine is not an ODRL 2.2 action and the policy declares no profile (Information Model, Policy Class)"},
		{Path: "permission[2].constraint[0].or[0]", Reason: "operator http://example.org/near is not an ODRL 2.2 operator and the policy declares no profile (Information Model, Policy Class)"},
		{Path: "prohibition[0]", Reason: "a Prohibition MUST have one target (Information Model, Prohibition Class)"},
	}
	if diff := cmp.Diff(want, verr.Departures); diff != "" {
		t.Errorf("departures (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrInvalidPolicy) || !errors.Is(err, ErrInvalidInput) {
		t.Errorf("%v does not match ErrInvalidPolicy and ErrInvalidInput", err)
	}
	if _, err := (ParseOptions{Strict: true}).ParsePolicy([]byte(doc)); !errors.As(err, &verr) || len(verr.Departures) != 5 {
		t.Errorf("ParseOptions{Strict: true}.ParsePolicy = %v, want the five departures", err)
	}
	// With a profile, terms from outside the ODRL vocabulary are the profile's.
	profiled := *p
	profiled.Profiles = []string{"http://example.org/profile"}
	if err := profiled.Validate(Strict); !errors.As(err, &verr) || len(verr.Departures) != 3 {
		t.Errorf("with a profile: %v, want the three cardinality departures", err)
	}
	if err := p.Validate(Lenient); err != nil {
		t.Errorf("Validate(Lenient) = %v", err)
	}
}

// TestEvaluator_Operands checks the pluggable left operands: a backend's function gives
// count from its ledger (here 12, so count lteq 10 is Unsatisfied and lteq 100 Satisfied);
// the request's own eq constraint comes first; an error or a panic leaves the premise
// Unknown with the reason; a value of the wrong type is Unknown; the zero Value falls back
// to the world.
func TestEvaluator_Operands(t *testing.T) {
	policy := func(limit int) *Policy {
		return mustPolicy(t, fmt.Sprintf(`{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "constraint": [{"leftOperand": "count", "operator": "lteq", "rightOperand": %d}]}]}`, limit))
	}
	twelve := func(context.Context, *Rule) (Value, error) { return Literal("12", XSDInteger) }
	tests := []struct {
		name    string
		f       OperandFunc
		limit   int
		request []string
		world   string
		want    Satisfaction
		reason  string
	}{
		{name: "ledger says 12, limit 10", f: twelve, limit: 10, want: Unsatisfied},
		{name: "ledger says 12, limit 100", f: twelve, limit: 100, want: Satisfied},
		{name: "the request's value comes first", f: twelve, limit: 10, request: []string{`{"leftOperand": "count", "operator": "eq", "rightOperand": 3}`}, want: Satisfied},
		{name: "the function before the world", f: twelve, limit: 10, world: `{"operands": {"count": 1}}`, want: Unsatisfied},
		{name: "error", f: func(context.Context, *Rule) (Value, error) { return Value{}, errors.New("ledger offline") }, limit: 10,
			want: Unknown, reason: "the operand function for count failed: ledger offline"},
		{name: "panic", f: func(context.Context, *Rule) (Value, error) { panic("nil map") }, limit: 10,
			want: Unknown, reason: "the operand function for count failed: panicked: nil map"},
		{name: "wrong type", f: func(context.Context, *Rule) (Value, error) { return IRI("urn:not-a-number"), nil }, limit: 10, want: Unknown},
		{name: "no value: the world decides", f: func(context.Context, *Rule) (Value, error) { return Value{}, nil }, limit: 10,
			world: `{"operands": {"count": 1}}`, want: Satisfied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w *World
			if tt.world != "" {
				w = mustWorld(t, tt.world)
			}
			e := Evaluator{Operands: map[string]OperandFunc{Count: tt.f}}
			r, err := e.Evaluate(policy(tt.limit), mustRequest(t, request("http://example.org/alice", "use", "urn:x", tt.request...)), w)
			if err != nil {
				t.Fatal(err)
			}
			pr := r.Rules[0].Premises[1]
			if pr.Satisfaction != tt.want {
				t.Errorf("satisfaction %s, want %s (%s)", pr.Satisfaction, tt.want, pr.Reason)
			}
			if tt.reason != "" && pr.Reason != tt.reason {
				t.Errorf("reason %q, want %q", pr.Reason, tt.reason)
			}
		})
	}
}

// TestEvaluate_ExplainDenial: a denial names, for each permission, the first premise that
// failed with its operand, operator, expected and actual values.
func TestEvaluate_ExplainDenial(t *testing.T) {
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [
	  {"action": "use", "constraint": [{"leftOperand": "count", "operator": "lteq", "rightOperand": 10}]},
	  {"action": "use", "target": "urn:other"}]}`)
	r, err := Evaluate(p, mustRequest(t, request("http://example.org/alice", "use", "urn:x")), mustWorld(t, `{"operands": {"count": 12}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "no permission is active: permission[0]: count is 12, expected lteq 10; permission[1]: target: urn:x is not urn:other nor part of it"
	if r.Reason != want {
		t.Errorf("reason\n got %q\nwant %q", r.Reason, want)
	}
}

// TestRDF_RoundTrip: parse → write → parse gives the same policy, and the written graphs are
// isomorphic (equal after RDF Dataset Canonicalization, URDNA2015, via json-gold).
func TestRDF_RoundTrip(t *testing.T) {
	for _, n := range []int{1, 5, 9, 13, 16, 20, 21, 24} {
		t.Run(fmt.Sprint("example ", n), func(t *testing.T) {
			p := mustPolicy(t, string(readExample(t, n)))
			for _, f := range []RDFFormat{NQuads, Turtle} {
				back, out := rdfRoundTrip(t, p, f)
				if diff := cmp.Diff(p, back); diff != "" {
					t.Errorf("%s round trip (-want +got):\n%s\n%s", f, diff, out)
				}
				again, err := back.MarshalRDF(NQuads)
				if err != nil {
					t.Fatal(err)
				}
				first, _ := p.MarshalRDF(NQuads)
				if a, b := canonical(t, first), canonical(t, again); a != b {
					t.Errorf("%s: graphs differ:\n%s\n---\n%s", f, a, b)
				}
			}
		})
	}
	t.Run("report", func(t *testing.T) {
		p := mustPolicy(t, benchPolicy(3, 5))
		r, err := Evaluate(p, mustRequest(t, request("http://example.org/alice", "read", "http://example.org/asset3")), mustWorld(t, benchWorld))
		if err != nil {
			t.Fatal(err)
		}
		nq, err := r.MarshalRDF(NQuads)
		if err != nil {
			t.Fatal(err)
		}
		ttl, err := r.MarshalRDF(Turtle)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := parseTurtle(string(ttl), 1<<20, 64)
		if err != nil {
			t.Fatalf("%v\n%s", err, ttl)
		}
		var buf strings.Builder
		for _, q := range ds.GetQuads("@default") {
			buf.WriteString(nquadLine(q))
		}
		if a, b := canonical(t, nq), canonical(t, []byte(buf.String())); a != b {
			t.Errorf("Turtle and N-Quads reports differ:\n%s\n---\n%s", a, b)
		}
	})
}

// TestParseRDF_Errors: malformed Turtle, unknown prefixes and oversized graphs fail with
// typed errors naming the problem.
func TestParseRDF_Errors(t *testing.T) {
	const pre = "@prefix odrl: <http://www.w3.org/ns/odrl/2/> .\n"
	for _, tt := range []struct {
		name, doc string
		f         RDFFormat
		want      error
		text      string
	}{
		{"unknown prefix", pre + "<urn:p> a ex:Set .", Turtle, ErrSyntax, `unknown prefix "ex"`},
		{"unclosed IRI", pre + "<urn:p a odrl:Set .", Turtle, ErrSyntax, "IRI not closed"},
		{"space in IRI", pre + "<urn:p x> a odrl:Set .", Turtle, ErrSyntax, "IRI \"urn:p x\" holds"},
		{"no dot", pre + "<urn:p> a odrl:Set", Turtle, ErrSyntax, "want '.'"},
		{"unclosed string", pre + `<urn:p> odrl:uid "abc .`, Turtle, ErrSyntax, "string not closed"},
		{"bad escape", pre + `<urn:p> odrl:uid "\q" .`, Turtle, ErrSyntax, "bad escape"},
		{"deep nesting", pre + "<urn:p> odrl:x " + strings.Repeat("[ odrl:x ", 100) + strings.Repeat("] ", 100) + ".", Turtle, ErrSyntax, "nested deeper"},
		{"not N-Quads", "<urn:p> <urn:q> .", NQuads, ErrSyntax, "N-Quads"},
		{"no policy", pre + "<urn:p> odrl:uid <urn:p> .", Turtle, ErrInvalidPolicy, "no ODRL policy"},
		{"too many triples", pre + strings.Repeat("[] a odrl:x .\n", 16*MaxConstraints+1), Turtle, ErrTooLarge, "MaxConstraints"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePolicyRDF([]byte(tt.doc), tt.f)
			if !errors.Is(err, tt.want) || !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("err = %q, want it to say %q", err, tt.text)
			}
		})
	}
}

// TestParseTurtle_Syntax checks the Turtle forms a policy uses against triples written out
// by hand from RDF 1.1 Turtle §2 (its examples: prefixed names, 'a', ';' and ',', [] and
// (), literals with language tags, datatypes, numbers and booleans, long strings, base
// resolution).
func TestParseTurtle_Syntax(t *testing.T) {
	doc := `@base <http://example.org/base/> .
PREFIX ex: <http://example.org/>
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<a> a ex:Thing ; ex:name "Ann"@en, 'Anne' ;
  ex:age 42 ; ex:height 1.70 ; ex:mass 6.5e1 ; ex:ok true ;
  ex:when "2024-01-01"^^xsd:date ; ex:knows [ ex:name """B "quoted"
line""" ] ; ex:list ( 1 ex:two ) ; ex:esc "tab\there\u00e9" .
_:x ex:p ex:local\.name ; ex:q ex:a.b .`
	ds, err := parseTurtle(doc, 1000, 16)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range ds.GetQuads("@default") {
		got = append(got, strings.TrimSpace(nquadLine(q)))
	}
	want := []string{
		`<http://example.org/base/a> <` + rdfType + `> <http://example.org/Thing> .`,
		`<http://example.org/base/a> <http://example.org/name> "Ann"@en .`,
		`<http://example.org/base/a> <http://example.org/name> "Anne" .`,
		`<http://example.org/base/a> <http://example.org/age> "42"^^<` + XSDInteger + `> .`,
		`<http://example.org/base/a> <http://example.org/height> "1.70"^^<` + XSDDecimal + `> .`,
		`<http://example.org/base/a> <http://example.org/mass> "6.5e1"^^<` + XSDDouble + `> .`,
		`<http://example.org/base/a> <http://example.org/ok> "true"^^<` + XSDBoolean + `> .`,
		`<http://example.org/base/a> <http://example.org/when> "2024-01-01"^^<` + XSDDate + `> .`,
		`_:t1 <http://example.org/name> "B \"quoted\"\nline" .`,
		`<http://example.org/base/a> <http://example.org/knows> _:t1 .`,
		`_:t2 <` + rdfFirst + `> "1"^^<` + XSDInteger + `> .`,
		`_:t2 <` + rdfRest + `> _:t3 .`,
		`_:t3 <` + rdfFirst + `> <http://example.org/two> .`,
		`_:t3 <` + rdfRest + `> <` + rdfNil + `> .`,
		`<http://example.org/base/a> <http://example.org/list> _:t2 .`,
		`<http://example.org/base/a> <http://example.org/esc> "tab\there` + "é" + `" .`,
		`_:t4 <http://example.org/p> <http://example.org/local.name> .`,
		`_:t4 <http://example.org/q> <http://example.org/a.b> .`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("triples (-want +got):\n%s", diff)
	}
}

// TestParseWorldRDF_Memberships reads odrl:partOf triples as memberships.
func TestParseWorldRDF_Memberships(t *testing.T) {
	w, err := ParseWorldRDF([]byte(`@prefix odrl: <http://www.w3.org/ns/odrl/2/> .
<http://example.org/alice> odrl:partOf <http://example.org/team>, <http://example.org/staff> .`), Turtle)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"http://example.org/alice": {"http://example.org/team", "http://example.org/staff"}}
	if diff := cmp.Diff(want, w.PartOf); diff != "" {
		t.Errorf("partOf (-want +got):\n%s", diff)
	}
	if _, err := ParseWorldRDF([]byte(`@prefix report: <https://w3id.org/force/compliance-report#> .
<urn:r> a report:DutyReport ; report:rule <urn:d> ; report:deonticState report:Maybe .`), Turtle); !errors.Is(err, ErrInvalidWorld) {
		t.Errorf("unknown deontic state: err = %v, want ErrInvalidWorld", err)
	}
}

// nquadLine writes one quad as an N-Quads line of the default graph (RDF 1.1 N-Quads §2,
// with the escapes of §3.3 for literals), independently of the writers under test.
func nquadLine(q *ld.Quad) string {
	term := func(n ld.Node) string {
		switch n := n.(type) {
		case ld.IRI:
			return "<" + n.Value + ">"
		case ld.BlankNode:
			return n.Attribute
		case ld.Literal:
			r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
			s := `"` + r.Replace(n.Value) + `"`
			switch {
			case n.Language != "":
				return s + "@" + n.Language
			case n.Datatype != "" && n.Datatype != nsXSD+"string":
				return s + "^^<" + n.Datatype + ">"
			}
			return s
		}
		return "?"
	}
	return term(q.Subject) + " " + term(q.Predicate) + " " + term(q.Object) + " .\n"
}

// canonical returns the canonical form of an N-Quads document (RDF Dataset
// Canonicalization, URDNA2015, by json-gold): two documents have the same canonical form
// exactly when their graphs are isomorphic.
func canonical(t testing.TB, nq []byte) string {
	t.Helper()
	opts := ld.NewJsonLdOptions("")
	opts.InputFormat = "application/n-quads"
	opts.Format = "application/n-quads"
	opts.Algorithm = ld.AlgorithmURDNA2015
	out, err := ld.NewJsonLdProcessor().Normalize(string(nq), opts)
	if err != nil {
		t.Fatalf("canonicalising: %v\n%s", err, nq)
	}
	return out.(string)
}

// TestParseRDF_Cycles: cycles in an RDF policy — a logical constraint among its own operands,
// a duty of itself, an rdf:rest list that loops, two policies inheriting from each other —
// end in typed errors, not loops.
func TestParseRDF_Cycles(t *testing.T) {
	const pre = "@prefix odrl: <http://www.w3.org/ns/odrl/2/> .\n@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" +
		"<urn:p> a odrl:Set ; odrl:permission <urn:r> . <urn:r> odrl:action odrl:use ; odrl:target <urn:x> ; "
	for _, tt := range []struct {
		name, doc string
		want      error
	}{
		{"constraint", pre + "odrl:constraint <urn:c> . <urn:c> odrl:and <urn:c> .", ErrTooLarge},
		{"duty", pre + "odrl:duty <urn:r> .", ErrTooLarge},
		{"list", pre + "odrl:constraint <urn:c> . <urn:c> odrl:andSequence _:l . _:l rdf:first <urn:c> ; rdf:rest _:l .", ErrInvalidPolicy},
		{"inheritance", "@prefix odrl: <http://www.w3.org/ns/odrl/2/> .\n" +
			"<urn:p> a odrl:Set ; odrl:inheritFrom <urn:q> ; odrl:permission [ odrl:action odrl:use ; odrl:target <urn:x> ] .\n" +
			"<urn:q> a odrl:Set ; odrl:inheritFrom <urn:p> ; odrl:permission [ odrl:action odrl:use ; odrl:target <urn:x> ] .", ErrInheritanceCycle},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParsePolicyRDF([]byte(tt.doc), Turtle); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestRDF_LiteralEscapes: a literal with every character class Turtle escapes differently
// (quote, backslash, ECHAR controls, other controls as UCHAR, non-ASCII as is) survives
// Turtle and N-Quads.
func TestRDF_LiteralEscapes(t *testing.T) {
	const lex = "a\u0007b\u000bc\"d\\e\nf\r\tg\b\fh\u007fé数"
	doc, _ := json.Marshal(lex)
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "target": "urn:x",
	  "constraint": [{"leftOperand": "http://example.org/note", "operator": "eq", "rightOperand": `+string(doc)+`}]}]}`)
	for _, f := range []RDFFormat{Turtle, NQuads} {
		back, _ := rdfRoundTrip(t, p, f)
		if got := back.Permissions[0].Constraints[0].RightOperand.Lexical; got != lex {
			t.Errorf("%s: %q, want %q", f, got, lex)
		}
	}
}

// TestContract_TakesTurtle: the pinned ParsePolicy, ParseRequest and ParseWorld read the
// FORCE test suite's Turtle documents as the RDF entry points do, so a conformance harness
// can hand them over unchanged.
func TestContract_TakesTurtle(t *testing.T) {
	for _, tt := range []struct {
		file  string
		parse func([]byte) (*Policy, error)
		rdf   func([]byte, RDFFormat) (*Policy, error)
	}{{"duty-policy.ttl", ParsePolicy, ParsePolicyRDF}, {"alice-read-x.ttl", ParseRequest, ParseRequestRDF}} {
		doc := readForce(t, tt.file)
		got, err := tt.parse(doc)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		want, err := tt.rdf(doc, Turtle)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-rdf +pinned):\n%s", tt.file, diff)
		}
	}
	doc := readForce(t, "world-duty-Violated.ttl")
	got, err := ParseWorld(doc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseWorldRDF(doc, Turtle)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(Value{})); diff != "" {
		t.Errorf("world (-rdf +pinned):\n%s", diff)
	}
	if _, err := ParseWorld([]byte("not json, not turtle")); !errors.Is(err, ErrSyntax) {
		t.Errorf("garbage: err = %v, want ErrSyntax", err)
	}
}

// TestFORCE_SuiteForms evaluates, through the pinned entry points, the forms of the FORCE
// test suite's later cases (SolidLabResearch/ODRL-Test-Suite, the testcase named in each
// row; policies, requests and states of the world retyped here in Turtle), and compares
// the activation and premise states of the rule's report with the suite's expected report.
func TestFORCE_SuiteForms(t *testing.T) {
	const pre = "@prefix odrl: <http://www.w3.org/ns/odrl/2/> .\n@prefix ex: <http://example.org/> .\n" +
		"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix sotw: <https://w3id.org/force/sotw#> .\n"
	request := func(params string) string {
		return pre + "<urn:q> a sotw:EvaluationRequest ; sotw:requestedAction odrl:read ; sotw:requestingParty ex:alice ; sotw:requestedTarget ex:x ;\n" +
			`  sotw:requestParameter [ a sotw:RequestParameter ; sotw:value "2024-02-12T11:20:10.999Z"^^xsd:dateTime ; sotw:describesFeature sotw:TemporalData ]` + params + " .\n"
	}
	rule := func(body string) string {
		return pre + "<urn:p> a odrl:Set ; odrl:uid <urn:p> ; odrl:permission <urn:r> .\n<urn:r> a odrl:Permission ; " + body + " .\n"
	}
	const emptyWorld = "<urn:w> a <https://w3id.org/force/sotw#SotW> ."
	for _, tt := range []struct {
		name, policy, request, world string
		want                         string // activation, then the premise states in report order
	}{{
		// testcase-055: a party collection and an asset collection named by their source;
		// the world puts alice and x partOf the sources.
		name: "055 collections by source",
		policy: rule("odrl:assignee ex:partyCollection ; odrl:action odrl:read ; odrl:target ex:assetCollection .\n" +
			"ex:assetCollection a odrl:AssetCollection ; odrl:source ex:assetIdentifier .\nex:partyCollection a odrl:PartyCollection ; odrl:source ex:partyIdentifier"),
		request: request(""),
		world:   pre + "ex:x odrl:partOf ex:assetIdentifier . ex:alice odrl:partOf ex:partyIdentifier .",
		want:    "Active Target:Satisfied Party:Satisfied Action:Satisfied",
	}, {
		// testcase-069: dateTime eq an xsd:date holds for an instant within the day given
		// by the request's TemporalData parameter.
		name:    "069 date",
		policy:  rule(`odrl:assignee ex:alice ; odrl:action odrl:read ; odrl:target ex:x ; odrl:constraint [ odrl:leftOperand odrl:dateTime ; odrl:operator odrl:eq ; odrl:rightOperand "2024-02-12"^^xsd:date ]`),
		request: request(""),
		world:   emptyWorld,
		want:    "Active Target:Satisfied Party:Satisfied Action:Satisfied Constraint:Satisfied",
	}, {
		// testcase-073: a purpose constraint and no purpose in the request: Inactive, the
		// constraint Unsatisfied in the FORCE report (Unknown in the Go report).
		name:    "073 missing purpose",
		policy:  rule(`odrl:assignee ex:alice ; odrl:action odrl:read ; odrl:target ex:x ; odrl:constraint [ odrl:leftOperand odrl:purpose ; odrl:operator odrl:isAnyOf ; odrl:rightOperand <https://w3id.org/dpv#AccountManagement>, <https://w3id.org/dpv#DataQualityManagement> ]`),
		request: request(""),
		world:   emptyWorld,
		want:    "Undetermined Target:Satisfied Party:Satisfied Action:Satisfied Constraint:Unknown",
	}, {
		// testcase-074: the purpose is an instance of dpv:AccountManagement, stated in the
		// request document; isA holds.
		name:    "074 instance purpose",
		policy:  rule(`odrl:assignee ex:alice ; odrl:action odrl:read ; odrl:target ex:x ; odrl:constraint [ odrl:leftOperand odrl:purpose ; odrl:operator odrl:isA ; odrl:rightOperand <https://w3id.org/dpv#AccountManagement> ]`),
		request: request(", [ a sotw:RequestParameter ; sotw:value ex:purpose ; sotw:describesFeature sotw:Purpose ]") + "ex:purpose a <https://w3id.org/dpv#AccountManagement> .\n",
		world:   emptyWorld,
		want:    "Active Target:Satisfied Party:Satisfied Action:Satisfied Constraint:Satisfied",
	}, {
		// testcase-078: the delivery channel given as a request parameter.
		name:    "078 delivery channel",
		policy:  rule(`odrl:assignee ex:alice ; odrl:action odrl:read ; odrl:target ex:x ; odrl:constraint [ odrl:leftOperand odrl:deliveryChannel ; odrl:operator odrl:eq ; odrl:rightOperand <https://podpro.dev/id> ]`),
		request: request(", [ a sotw:RequestParameter ; sotw:value <https://podpro.dev/id> ; sotw:describesFeature sotw:DeliveryChannel ]"),
		world:   emptyWorld,
		want:    "Active Target:Satisfied Party:Satisfied Action:Satisfied Constraint:Satisfied",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePolicy([]byte(tt.policy))
			if err != nil {
				t.Fatal(err)
			}
			q, err := ParseRequest([]byte(tt.request))
			if err != nil {
				t.Fatal(err)
			}
			w, err := ParseWorld([]byte(tt.world))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Evaluate(p, q, w)
			if err != nil {
				t.Fatal(err)
			}
			got := string(r.Rules[0].Activation)
			for _, pr := range r.Rules[0].Premises {
				got += " " + string(pr.Kind) + ":" + string(pr.Satisfaction)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s\n(%s)", got, tt.want, r.Reason)
			}
		})
	}
}

// TestFORCE_CompositeRule: testcase-080 — one permission for two actions (modify, read) is
// split into two atomic rules; the FORCE report holds one PermissionReport for the rule, the
// one of its atomic rule that applies (read, Active).
func TestFORCE_CompositeRule(t *testing.T) {
	p := mustPolicy(t, `@prefix odrl: <http://www.w3.org/ns/odrl/2/> . @prefix ex: <http://example.org/> .
<urn:p> a odrl:Set ; odrl:permission <urn:r> . <urn:r> a odrl:Permission ; odrl:action odrl:modify, odrl:read ; odrl:target ex:x ; odrl:assignee ex:alice .`)
	r, err := Evaluate(p, mustRequest(t, request("http://example.org/alice", "read", "http://example.org/x")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rules) != 2 {
		t.Fatalf("%d rule reports in the Go report, want one per atomic rule (2)", len(r.Rules))
	}
	want := []string{
		"PolicyReport policy urn:p", "PolicyReport policyRequest http://example.org/request",
		"PolicyReport controlState Permit", "PolicyReport ruleReport _",
		"PermissionReport rule urn:r", "PermissionReport attemptState Attempted", "PermissionReport activationState Active",
		"PermissionReport premiseReport _", "PermissionReport premiseReport _", "PermissionReport premiseReport _",
		"TargetReport satisfactionState Satisfied", "PartyReport satisfactionState Satisfied", "ActionReport satisfactionState Satisfied",
	}
	if diff := cmp.Diff(want, reportTriples(t, r), cmpSortStrings); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

// rdfRoundTrip writes p in format f and reads it back.
func rdfRoundTrip(t *testing.T, p *Policy, f RDFFormat) (*Policy, []byte) {
	t.Helper()
	out, err := p.MarshalRDF(f)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParsePolicyRDF(out, f)
	if err != nil {
		t.Fatalf("%s: %v\n%s", f, err, out)
	}
	return back, out
}
