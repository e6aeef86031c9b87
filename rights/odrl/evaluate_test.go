package odrl

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const odrlCtx = `"@context": "http://www.w3.org/ns/odrl.jsonld", `

func mustPolicy(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatalf("ParsePolicy: %v\n%s", err, doc)
	}
	return p
}

func mustRequest(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := ParseRequest([]byte(doc))
	if err != nil {
		t.Fatalf("ParseRequest: %v\n%s", err, doc)
	}
	return p
}

func mustWorld(t testing.TB, doc string) *World {
	t.Helper()
	w, err := ParseWorld([]byte(doc))
	if err != nil {
		t.Fatalf("ParseWorld: %v\n%s", err, doc)
	}
	return w
}

// request builds an odrl:Request for one action on one target by one party, with optional
// constraint objects giving operand values.
func request(party, action, target string, constraints ...string) string {
	c := ""
	if len(constraints) > 0 {
		c = `, "constraint": [` + strings.Join(constraints, ", ") + `]`
	}
	return `{` + odrlCtx + `"@type": "Request", "uid": "http://example.org/request", "permission": [{"assignee": "` + party + `", "action": "` + action + `", "target": "` + target + `"` + c + `}]}`
}

// states reduces a report to the states that the ODRL Formal Semantics and the FORCE test
// suite state: decision, and per rule its activation, attempt and premise states.
type states struct {
	Decision Decision
	Void     bool
	Rules    []string
}

func reportStates(r *Report) states {
	s := states{Decision: r.Decision, Void: r.Void}
	for _, rr := range r.Rules {
		line := fmt.Sprintf("%s %s %s", rr.Path, rr.Activation, rr.Attempt)
		if rr.Deontic != "" {
			line += " " + string(rr.Deontic)
		}
		for _, p := range rr.Premises {
			line += " " + string(p.Kind) + ":" + string(p.Satisfaction)
		}
		for _, d := range rr.Conditions {
			line += fmt.Sprintf(" duty(%s %s)", d.Activation, d.Deontic)
		}
		s.Rules = append(s.Rules, line)
	}
	return s
}

// TestEvaluate_FormalSemantics runs cases whose expected states are stated by the ODRL
// Formal Semantics draft (w3c/odrl formal-semantics, example A11) and by the FORCE ODRL test
// suite (SolidLabResearch/ODRL-Test-Suite, the test case named in each row), translated
// from Turtle to JSON-LD.
func TestEvaluate_FormalSemantics(t *testing.T) {
	alice, bob := "http://example.org/alice", "http://example.org/bob"
	x, y := "http://example.org/x", "http://example.org/y"
	tests := []struct {
		name, policy, request, world string
		want                         states
	}{{
		// Formal Semantics A11: dateTime lt 2018-01-01 evaluated on 2017-12-19 is active.
		name: "A11 permission before a date",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "http://example.org/A11", "permission": [{"assignee": "` + alice + `", "action": "read", "target": "` + x + `",
		  "constraint": [{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2018-01-01", "@type": "xsd:date"}}]}]}`,
		request: request(alice, "read", x),
		world:   `{"now": "2017-12-19T15:00:00Z"}`,
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Party:Satisfied Action:Satisfied Constraint:Satisfied"}},
	}, {
		name: "A11 after the date",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "http://example.org/A11", "permission": [{"assignee": "` + alice + `", "action": "read", "target": "` + x + `",
		  "constraint": [{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2018-01-01", "@type": "xsd:date"}}]}]}`,
		request: request(alice, "read", x),
		world:   `{"now": "2018-01-01T00:00:00Z"}`,
		want:    states{Decision: Deny, Rules: []string{"permission[0] Inactive Attempted Target:Satisfied Party:Satisfied Action:Satisfied Constraint:Unsatisfied"}},
	}, {
		name:    "testcase-008 everybody can use (no target, no assignee)",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:uuid:a2ada399", "permission": [{"action": "use"}]}`,
		request: request(bob, "read", x),
		world:   `{"now": "2016-01-01T00:00:00Z"}`,
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Action:Satisfied"}},
	}, {
		name:    "testcase-016 only Alice can use (Bob asks)",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:uuid:715d33b9", "permission": [{"assignee": "` + alice + `", "action": "use"}]}`,
		request: request(bob, "read", x),
		want:    states{Decision: Deny, Rules: []string{"permission[0] Inactive Attempted Party:Unsatisfied Action:Satisfied"}},
	}, {
		name:    "testcase-028 Alice can only read x (asks for y)",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:uuid:f42a700b", "permission": [{"assignee": "` + alice + `", "action": "read", "target": "` + x + `"}]}`,
		request: request(alice, "read", y),
		want:    states{Decision: Deny, Rules: []string{"permission[0] Inactive Attempted Target:Unsatisfied Party:Satisfied Action:Satisfied"}},
	}, {
		name: "testcase-060 duty fulfilled",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:uuid:5aa7f98c", "permission": [{"assignee": "` + alice + `", "action": "read", "target": "` + x + `",
		  "duty": [{"uid": "urn:uuid:a0b12cb7-d3a1-4953-86da-f59a597615d2", "action": "compensate"}]}]}`,
		request: request(alice, "read", x),
		world:   `{"now": "2024-02-12T11:20:10.999Z", "duties": {"urn:uuid:a0b12cb7-d3a1-4953-86da-f59a597615d2": "Fulfilled"}}`,
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Party:Satisfied Action:Satisfied duty(Active Fulfilled)"}},
	}, {
		name: "testcase-059 a duty not yet violated (NonSet) leaves its permission active",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:uuid:5aa7f98c", "permission": [{"assignee": "` + alice + `", "action": "read", "target": "` + x + `",
		  "duty": [{"uid": "urn:uuid:a0b12cb7-d3a1-4953-86da-f59a597615d2", "action": "compensate"}]}]}`,
		request: request(alice, "read", x),
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Party:Satisfied Action:Satisfied duty(Active NonSet)"}},
	}, {
		name: "inactive duty does not block",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "read", "target": "` + x + `",
		  "duty": [{"uid": "urn:d", "action": "compensate", "constraint": [{"leftOperand": "count", "operator": "gt", "rightOperand": 100}]}]}]}`,
		request: request(alice, "read", x, `{"leftOperand": "count", "operator": "eq", "rightOperand": 3}`),
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Action:Satisfied duty(Inactive NonSet)"}},
	}, {
		name:    "party collection membership from the world",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"assignee": {"@type": "PartyCollection", "uid": "http://example.org/team"}, "action": "use", "target": "` + x + `"}]}`,
		request: request(alice, "read", x),
		world:   `{"partOf": {"` + alice + `": ["http://example.org/dept"], "http://example.org/dept": ["http://example.org/team"]}}`,
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Party:Satisfied Action:Satisfied"}},
	}, {
		name:    "asset collection membership from the world",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "target": {"@type": "AssetCollection", "uid": "http://example.org/catalogue"}}]}`,
		request: request(alice, "read", x),
		world:   `{"partOf": {"` + x + `": ["http://example.org/catalogue"]}}`,
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Action:Satisfied"}},
	}, {
		// Information Model §2.6.1: sell is included in transfer.
		name:    "sell under a transfer permission",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "transfer", "target": "` + x + `"}]}`,
		request: request(alice, "sell", x),
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted Target:Satisfied Action:Satisfied"}},
	}, {
		name:    "use is not granted by a read permission",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "read", "target": "` + x + `"}]}`,
		request: request(alice, "use", x),
		want:    states{Decision: Deny, Rules: []string{"permission[0] Inactive Attempted Target:Satisfied Action:Unsatisfied"}},
	}, {
		// Information Model §2.6.1: play permitted and use prohibited on one target conflict;
		// the default strategy invalid voids the policy.
		name: "conflict under the default strategy voids the policy",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "play", "target": "` + x + `"}],
		  "prohibition": [{"action": "use", "target": "` + x + `"}]}`,
		request: request(alice, "play", x),
		want: states{Decision: Deny, Void: true, Rules: []string{
			"permission[0] Active Attempted Target:Satisfied Action:Satisfied",
			"prohibition[0] Active Attempted Violated Target:Satisfied Action:Satisfied"}},
	}, {
		name: "conflict under perm",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "conflict": "perm", "permission": [{"action": "play", "target": "` + x + `"}],
		  "prohibition": [{"action": "use", "target": "` + x + `"}]}`,
		request: request(alice, "play", x),
		want: states{Decision: Permit, Rules: []string{
			"permission[0] Active Attempted Target:Satisfied Action:Satisfied",
			"prohibition[0] Active Attempted Violated Target:Satisfied Action:Satisfied"}},
	}, {
		name: "conflict under prohibit",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "conflict": "prohibit", "permission": [{"action": "play", "target": "` + x + `"}],
		  "prohibition": [{"action": "use", "target": "` + x + `"}]}`,
		request: request(alice, "play", x),
		want: states{Decision: Deny, Rules: []string{
			"permission[0] Active Attempted Target:Satisfied Action:Satisfied",
			"prohibition[0] Active Attempted Violated Target:Satisfied Action:Satisfied"}},
	}, {
		// Example 31's rules do not conflict: print is not included in display.
		name:    "spec example 31: display permitted, print prohibited",
		policy:  string(readExample(t, 31)),
		request: request(alice, "display", "http://example.com/asset:1212"),
		want: states{Decision: Permit, Rules: []string{
			"permission[0] Active Attempted Target:Satisfied Action:Satisfied",
			"prohibition[0] Inactive Attempted NonSet Target:Satisfied Action:Unsatisfied"}},
	}, {
		name: "a prohibition of read covers a request to use",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "conflict": "perm", "prohibition": [{"action": "read", "target": "` + x + `"}],
		  "permission": [{"action": "index", "target": "` + x + `"}]}`,
		request: request(alice, "use", x),
		want: states{Decision: Deny, Rules: []string{
			"permission[0] Inactive Attempted Target:Satisfied Action:Unsatisfied",
			"prohibition[0] Active Attempted Violated Target:Satisfied Action:Satisfied"}},
	}, {
		name:    "missing operand: undetermined permission grants nothing",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "target": "` + x + `", "constraint": [{"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "http://example.org/research"}}]}]}`,
		request: request(alice, "read", x),
		want:    states{Decision: Deny, Rules: []string{"permission[0] Undetermined Attempted Target:Satisfied Action:Satisfied Constraint:Unknown"}},
	}, {
		name: "missing operand: undetermined prohibition denies",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "target": "` + x + `"}],
		  "prohibition": [{"action": "use", "target": "` + x + `", "constraint": [{"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "http://example.org/marketing"}}]}]}`,
		request: request(alice, "read", x),
		want: states{Decision: Deny, Rules: []string{
			"permission[0] Active Attempted Target:Satisfied Action:Satisfied",
			"prohibition[0] Undetermined Attempted NonSet Target:Satisfied Action:Satisfied Constraint:Unknown"}},
	}, {
		name: "missing operand: undetermined prohibition yields to an active permission under perm",
		policy: `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "conflict": "perm", "permission": [{"action": "use", "target": "` + x + `"}],
		  "prohibition": [{"action": "use", "target": "` + x + `", "constraint": [{"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "http://example.org/marketing"}}]}]}`,
		request: request(alice, "read", x),
		want: states{Decision: Permit, Rules: []string{
			"permission[0] Active Attempted Target:Satisfied Action:Satisfied",
			"prohibition[0] Undetermined Attempted NonSet Target:Satisfied Action:Satisfied Constraint:Unknown"}},
	}, {
		name:    "unknown operator fails closed",
		policy:  `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "target": "` + x + `", "constraint": [{"leftOperand": "count", "operator": "http://example.org/about", "rightOperand": 5}]}]}`,
		request: request(alice, "read", x, `{"leftOperand": "count", "operator": "eq", "rightOperand": 5}`),
		want:    states{Decision: Deny, Rules: []string{"permission[0] Undetermined Attempted Target:Satisfied Action:Satisfied Constraint:Unknown"}},
	}, {
		name:    "a permission that states nothing (spec example 26) applies to every request",
		policy:  string(readExample(t, 26)),
		request: request(alice, "use", x),
		want:    states{Decision: Permit, Rules: []string{"permission[0] Active Attempted"}},
	}, {
		name:    "obligation reported with its state from the world",
		policy:  string(readExample(t, 27)),
		request: request(alice, "use", x),
		world:   `{"duties": {"urn:none": "Violated"}}`,
		want:    states{Decision: Deny, Rules: []string{"obligation[0] Active Attempted NonSet"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w *World
			if tt.world != "" {
				w = mustWorld(t, tt.world)
			}
			r, err := Evaluate(mustPolicy(t, tt.policy), mustRequest(t, tt.request), w)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, reportStates(r)); diff != "" {
				t.Errorf("states (-want +got):\n%s\nreason: %s", diff, r.Reason)
			}
			if r.Reason == "" {
				t.Error("report gives no reason")
			}
		})
	}
}

func TestEvaluate_OpenBehaviour(t *testing.T) {
	x := "http://example.org/x"
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "prohibition": [{"action": "sell", "target": "`+x+`"}]}`)
	q := mustRequest(t, request("http://example.org/alice", "read", x))
	for _, tt := range []struct {
		b    Behaviour
		want Decision
	}{{"", Deny}, {Closed, Deny}, {Open, Permit}} {
		r, err := Evaluator{Behaviour: tt.b}.Evaluate(p, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Decision != tt.want {
			t.Errorf("behaviour %q: decision %s, want %s (%s)", tt.b, r.Decision, tt.want, r.Reason)
		}
	}
	sell := mustRequest(t, request("http://example.org/alice", "sell", x))
	if r, _ := (Evaluator{Behaviour: Open}).Evaluate(p, sell, nil); r.Decision != Deny {
		t.Errorf("open behaviour permitted a prohibited sale: %s", r.Reason)
	}
}

func TestEvaluate_NotEvaluable(t *testing.T) {
	q := mustRequest(t, request("http://example.org/alice", "play", "http://example.com/asset:9898.movie"))
	offer := mustPolicy(t, string(readExample(t, 2)))
	if _, err := Evaluate(offer, q, nil); !errors.Is(err, ErrNotEvaluable) {
		t.Errorf("Offer: err = %v, want ErrNotEvaluable", err)
	}
	set := mustPolicy(t, string(readExample(t, 1)))
	if _, err := Evaluate(set, set, nil); !errors.Is(err, ErrNotEvaluable) {
		t.Errorf("Set as request: err = %v, want ErrNotEvaluable", err)
	}
	if _, err := Evaluate(set, &Policy{UID: "urn:q", Type: Request}, nil); !errors.Is(err, ErrNotEvaluable) {
		t.Errorf("empty request: err = %v, want ErrNotEvaluable", err)
	}
	if _, err := Evaluate(nil, q, nil); !errors.Is(err, ErrNotEvaluable) {
		t.Errorf("nil policy: err = %v, want ErrNotEvaluable", err)
	}
	child := mustPolicy(t, string(readExample(t, 28)))
	if _, err := Evaluate(child, q, nil); !errors.Is(err, ErrUnresolvedParent) {
		t.Errorf("unresolved parent: err = %v, want ErrUnresolvedParent", err)
	}
}

func TestEvaluate_SeveralRequestedPermissions(t *testing.T) {
	x := "http://example.org/x"
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"action": "read", "target": "`+x+`"}]}`)
	q := mustRequest(t, `{`+odrlCtx+`"@type": "Request", "uid": "urn:q", "permission": [
	  {"uid": "urn:q1", "action": "read", "target": "`+x+`"}, {"uid": "urn:q2", "action": "modify", "target": "`+x+`"}]}`)
	r, err := Evaluate(p, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []Decision{r.Decision}
	for _, res := range r.Requests {
		got = append(got, res.Decision)
	}
	if diff := cmp.Diff([]Decision{Deny, Permit, Deny}, got); diff != "" {
		t.Errorf("decisions (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(r.Reason, "request[1]: ") {
		t.Errorf("reason %q does not name the denied request", r.Reason)
	}
}

// TestEvaluate_Operators checks each operator and left operand type on one constraint.
// Expected states are worked by hand from the ODRL 2.2 Vocabulary's operator definitions
// and, for durations, XSD 1.1 Part 2 §E.3.3 (see each comment).
func TestEvaluate_Operators(t *testing.T) {
	const ex = "http://example.org/"
	world := `{"now": "2027-12-31T23:59:59Z",
	  "partOf": {"urn:CN-GD": ["urn:CN"], "urn:HK": ["urn:CN"], "http://w3id.org/dpv#AcademicResearch": ["http://w3id.org/dpv#ResearchAndDevelopment"]},
	  "operands": {"count": 7, "payAmount": "499.995", "percentage": 50.0, "elapsedTime": "PT720H", "meteredTime": "P1Y",
	    "spatial": "urn:CN-GD", "purpose": "http://w3id.org/dpv#AcademicResearch", "version": "1.10", "industry": "transport",
	    "recipient": "http://example.org/alice", "event": {"@value": "2027-06-01T00:00:00Z", "@type": "xsd:dateTime"},
	    "language": ["en", "zh"], "http://example.org/level": "high", "http://example.org/limit": 10}}`
	tests := []struct {
		constraint string
		want       Satisfaction
	}{
		{`"leftOperand": "count", "operator": "eq", "rightOperand": 7.0`, Satisfied}, // 7 = 7.0 numerically
		{`"leftOperand": "count", "operator": "neq", "rightOperand": 7`, Unsatisfied},
		{`"leftOperand": "count", "operator": "lt", "rightOperand": 7`, Unsatisfied},
		{`"leftOperand": "count", "operator": "lteq", "rightOperand": 7`, Satisfied},
		{`"leftOperand": "count", "operator": "gt", "rightOperand": 6.5`, Satisfied},
		{`"leftOperand": "count", "operator": "gteq", "rightOperand": 8`, Unsatisfied},
		{`"leftOperand": "payAmount", "operator": "lteq", "rightOperand": {"@value": "500.00", "@type": "xsd:decimal"}`, Satisfied},
		{`"leftOperand": "payAmount", "operator": "gt", "rightOperand": "499.99"`, Satisfied}, // 499.995 > 499.99, exactly
		{`"leftOperand": "percentage", "operator": "gt", "rightOperand": 50`, Unsatisfied},
		// now = 2027-12-31T23:59:59Z: within the day 2027-12-31, before 2028.
		{`"leftOperand": "dateTime", "operator": "lteq", "rightOperand": {"@value": "2027-12-31", "@type": "xsd:date"}`, Satisfied},
		{`"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2027-12-31", "@type": "xsd:date"}`, Unsatisfied},
		{`"leftOperand": "dateTime", "operator": "eq", "rightOperand": {"@value": "2027-12-31", "@type": "xsd:date"}`, Satisfied},
		{`"leftOperand": "dateTime", "operator": "gteq", "rightOperand": {"@value": "2027-12-31T23:59:59Z", "@type": "xsd:dateTime"}`, Satisfied},
		{`"leftOperand": "dateTime", "operator": "gt", "rightOperand": {"@value": "2027-12-31T23:59:59+08:00", "@type": "xsd:dateTime"}`, Satisfied},
		{`"leftOperand": "dateTime", "operator": "lt", "rightOperand": "2028-01-01"`, Satisfied}, // untyped, read as a date
		{`"leftOperand": "event", "operator": "lt", "rightOperand": {"@id": "odrl:policyUsage"}`, Satisfied},
		// PT720H = 30 days exactly.
		{`"leftOperand": "elapsedTime", "operator": "eq", "rightOperand": {"@value": "P30D", "@type": "xsd:duration"}`, Satisfied},
		{`"leftOperand": "elapsedTime", "operator": "lt", "rightOperand": {"@value": "P30DT1S", "@type": "xsd:duration"}`, Satisfied},
		// P1M is 28 to 31 days from the XSD reference instants: incomparable with 30 days.
		{`"leftOperand": "elapsedTime", "operator": "lteq", "rightOperand": {"@value": "P1M", "@type": "xsd:duration"}`, Unknown},
		// P1Y from 1696-09-01 and 1697-02-01 is 365 days, from 1903-03-01 366: < P367D, ≷ P366D.
		{`"leftOperand": "meteredTime", "operator": "lt", "rightOperand": {"@value": "P367D", "@type": "xsd:duration"}`, Satisfied},
		{`"leftOperand": "meteredTime", "operator": "lt", "rightOperand": {"@value": "P366D", "@type": "xsd:duration"}`, Unknown},
		{`"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "urn:CN"}`, Satisfied},
		{`"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "urn:CN-GD"}`, Satisfied}, // reflexive
		{`"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "urn:HK"}`, Unsatisfied},
		{`"leftOperand": "spatial", "operator": "eq", "rightOperand": {"@id": "urn:CN"}`, Unsatisfied},
		{`"leftOperand": "spatial", "operator": "hasPart", "rightOperand": {"@id": "urn:CN"}`, Unsatisfied},
		{`"leftOperand": "purpose", "operator": "isA", "rightOperand": {"@id": "http://w3id.org/dpv#ResearchAndDevelopment"}`, Satisfied},
		{`"leftOperand": "purpose", "operator": "isAnyOf", "rightOperand": [{"@id": "http://w3id.org/dpv#Marketing"}, {"@id": "http://w3id.org/dpv#AcademicResearch"}]`, Satisfied},
		{`"leftOperand": "purpose", "operator": "isNoneOf", "rightOperand": [{"@id": "http://w3id.org/dpv#Marketing"}, {"@id": "http://w3id.org/dpv#AcademicResearch"}]`, Unsatisfied},
		{`"leftOperand": "purpose", "operator": "isNoneOf", "rightOperand": {"@id": "http://w3id.org/dpv#Marketing"}`, Satisfied},
		{`"leftOperand": "language", "operator": "isAllOf", "rightOperand": ["en", "zh"]`, Satisfied},
		{`"leftOperand": "language", "operator": "isAllOf", "rightOperand": ["en", "fr"]`, Unsatisfied},
		{`"leftOperand": "language", "operator": "isAnyOf", "rightOperand": ["fr", "zh"]`, Satisfied},
		{`"leftOperand": "version", "operator": "gt", "rightOperand": "1.9"`, Satisfied}, // 1.10 > 1.9 by components
		{`"leftOperand": "version", "operator": "eq", "rightOperand": "1.10.0"`, Satisfied},
		{`"leftOperand": "industry", "operator": "eq", "rightOperand": "transport"`, Satisfied},
		{`"leftOperand": "recipient", "operator": "eq", "rightOperand": {"@id": "http://example.org/alice"}`, Satisfied},
		{`"leftOperand": "http://example.org/level", "operator": "gt", "rightOperand": 5`, Unknown}, // "high" is no number
		{`"leftOperand": "absoluteSize", "operator": "lt", "rightOperand": 5`, Unknown},             // no value in the world
		{`"leftOperand": "count", "operator": "lt", "rightOperandReference": "http://example.org/limit"`, Satisfied},
		{`"leftOperand": "count", "operator": "lt", "rightOperandReference": "http://example.org/nowhere"`, Unknown},
	}
	w := mustWorld(t, world)
	q := mustRequest(t, request(ex+"alice", "use", ex+"x"))
	for _, tt := range tests {
		t.Run(tt.constraint, func(t *testing.T) {
			p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "constraint": [{`+tt.constraint+`}]}]}`)
			r, err := Evaluate(p, q, w)
			if err != nil {
				t.Fatal(err)
			}
			pr := r.Rules[0].Premises[1] // after the ActionReport: the rule states no target or party
			if pr.Satisfaction != tt.want {
				t.Errorf("satisfaction %s, want %s (%s)", pr.Satisfaction, tt.want, explain(&pr))
			}
			if tt.want == Unknown && pr.Reason == "" && pr.Value == nil {
				t.Error("an unknown premise gives no reason")
			}
		})
	}
}

// TestEvaluate_LogicalConstraints compares and, or, xone and andSequence over every
// combination of up to three operand states with an independent oracle: an unknown operand
// is replaced by both truth values, and the result is known only when every replacement
// gives the same two-valued answer (Kleene's strong logic, which xone inherits).
func TestEvaluate_LogicalConstraints(t *testing.T) {
	operand := map[Satisfaction]string{
		Satisfied:   `{"leftOperand": "count", "operator": "eq", "rightOperand": 1}`,
		Unsatisfied: `{"leftOperand": "count", "operator": "eq", "rightOperand": 2}`,
		Unknown:     `{"leftOperand": "http://example.org/missing", "operator": "eq", "rightOperand": 1}`,
	}
	two := map[LogicalOperator]func([]bool) bool{
		And:         func(b []bool) bool { return !containsBool(b, false) },
		AndSequence: func(b []bool) bool { return !containsBool(b, false) },
		Or:          func(b []bool) bool { return containsBool(b, true) },
		Xone: func(b []bool) bool {
			n := 0
			for _, x := range b {
				if x {
					n++
				}
			}
			return n == 1
		},
	}
	oracle := func(op LogicalOperator, s []Satisfaction) Satisfaction {
		seen := map[bool]bool{}
		var walk func(i int, b []bool)
		walk = func(i int, b []bool) {
			if i == len(s) {
				seen[two[op](b)] = true
				return
			}
			switch s[i] {
			case Satisfied:
				walk(i+1, append(b, true))
			case Unsatisfied:
				walk(i+1, append(b, false))
			default:
				walk(i+1, append(b, true))
				walk(i+1, append(b, false))
			}
		}
		walk(0, nil)
		switch {
		case seen[true] && seen[false]:
			return Unknown
		case seen[true]:
			return Satisfied
		}
		return Unsatisfied
	}
	w := mustWorld(t, `{"operands": {"count": 1}}`)
	q := mustRequest(t, request("http://example.org/alice", "use", "http://example.org/x"))
	all := []Satisfaction{Satisfied, Unsatisfied, Unknown}
	var combos [][]Satisfaction
	for n := 1; n <= 3; n++ {
		var gen func(prefix []Satisfaction)
		gen = func(prefix []Satisfaction) {
			if len(prefix) == n {
				combos = append(combos, append([]Satisfaction(nil), prefix...))
				return
			}
			for _, s := range all {
				gen(append(prefix, s))
			}
		}
		gen(nil)
	}
	for _, op := range []LogicalOperator{And, Or, Xone, AndSequence} {
		for _, combo := range combos {
			ops := make([]string, len(combo))
			for i, s := range combo {
				ops[i] = operand[s]
			}
			list := "[" + strings.Join(ops, ", ") + "]"
			if op == AndSequence {
				list = `{"@list": ` + list + `}`
			}
			p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "constraint": [{"`+Short(string(op))+`": `+list+`}]}]}`)
			r, err := Evaluate(p, q, w)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := r.Rules[0].Premises[1].Satisfaction, oracle(op, combo); got != want {
				t.Errorf("%s%v = %s, want %s", Short(string(op)), combo, got, want)
			}
		}
	}
}

func containsBool(b []bool, x bool) bool {
	for _, y := range b {
		if y == x {
			return true
		}
	}
	return false
}

// TestEvaluate_Refinements checks refinements of actions and of collections.
func TestEvaluate_Refinements(t *testing.T) {
	x := "http://example.org/x"
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"target": "`+x+`",
	  "action": [{"rdf:value": {"@id": "odrl:print"}, "refinement": [{"leftOperand": "resolution", "operator": "lteq", "rightOperand": {"@value": "1200", "@type": "xsd:integer"}}]}]}]}`)
	for _, tt := range []struct {
		resolution string
		want       Decision
	}{{"600", Permit}, {"1200", Permit}, {"2400", Deny}} {
		q := mustRequest(t, request("http://example.org/alice", "print", x, `{"leftOperand": "resolution", "operator": "eq", "rightOperand": `+tt.resolution+`}`))
		r, err := Evaluate(p, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Decision != tt.want {
			t.Errorf("resolution %s: %s, want %s (%s)", tt.resolution, r.Decision, tt.want, r.Reason)
		}
	}
}

func TestEvaluate_ReportIsDeterministicAndConcurrent(t *testing.T) {
	p := mustPolicy(t, benchPolicy(10, 5))
	q := mustRequest(t, request("http://example.org/alice", "read", "http://example.org/asset3"))
	w := mustWorld(t, benchWorld)
	first, err := Evaluate(p, q, w)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *Report, 8)
	for range 8 {
		go func() {
			r, _ := Evaluate(p, q, w)
			done <- r
		}()
	}
	for range 8 {
		if diff := cmp.Diff(first, <-done); diff != "" {
			t.Fatalf("concurrent evaluation differs (-first +got):\n%s", diff)
		}
	}
	if first.Created != time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) {
		t.Errorf("created = %v, want the world's now", first.Created)
	}
}

// TestParseRequest_EvaluationRequest reads the FORCE test suite's request form
// (testcase-016, "Only Alice can use everything", Bob asks to read x), translated from
// Turtle to JSON-LD: Bob is denied, Alice permitted.
func TestParseRequest_EvaluationRequest(t *testing.T) {
	policy := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:uuid:715d33b9", "permission": [{"assignee": "http://example.org/alice", "action": "use"}]}`)
	for _, tt := range []struct {
		party string
		want  Decision
	}{{"ex:bob", Deny}, {"ex:alice", Permit}} {
		q := mustRequest(t, `{"@context": {"sotw": "https://w3id.org/force/sotw#", "ex": "http://example.org/", "odrl": "http://www.w3.org/ns/odrl/2/", "dct": "http://purl.org/dc/terms/"},
		  "@id": "urn:uuid:5be7b7d5-bc05-4168-8b31-81ebc32cfaa0", "@type": "sotw:EvaluationRequest",
		  "dct:issued": {"@value": "2016-01-01T00:00:00.000Z", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
		  "sotw:requestedAction": {"@id": "odrl:read"}, "sotw:requestingParty": {"@id": "`+tt.party+`"}, "sotw:requestedTarget": {"@id": "ex:x"},
		  "sotw:context": {"odrl:leftOperand": {"@id": "odrl:purpose"}, "odrl:operator": {"@id": "odrl:eq"}, "odrl:rightOperand": {"@id": "ex:research"}}}`)
		// the request rule takes the request's IRI: FORCE reports name it as report:ruleRequest
		want := []Rule{{UID: "urn:uuid:5be7b7d5-bc05-4168-8b31-81ebc32cfaa0", Kind: Permission, Action: Action{IRI: NS + "read"}, Target: &Asset{UID: "http://example.org/x"},
			Assignee:    &Party{UID: "http://example.org/" + strings.TrimPrefix(tt.party, "ex:")},
			Constraints: []Constraint{{LeftOperand: Purpose, Operator: Eq, RightOperand: IRI("http://example.org/research")}}}}
		if diff := cmp.Diff(want, q.Permissions); diff != "" {
			t.Errorf("request (-want +got):\n%s", diff)
		}
		r, err := Evaluate(policy, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Decision != tt.want {
			t.Errorf("%s: %s, want %s (%s)", tt.party, r.Decision, tt.want, r.Reason)
		}
	}
}
