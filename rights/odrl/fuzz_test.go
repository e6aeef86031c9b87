package odrl

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fuzzSentinels are the errors a parser may return; anything else, or a panic, is a bug.
var fuzzSentinels = []error{ErrSyntax, ErrRemoteContext, ErrTooLarge, ErrInvalidPolicy, ErrOperandType, ErrInheritanceCycle, ErrInvalidWorld}

func checkSentinel(t *testing.T, err error) {
	t.Helper()
	for _, s := range fuzzSentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v wraps no sentinel", err)
}

func addPolicySeeds(f *testing.F) {
	for n := 1; n <= 31; n++ {
		f.Add(readExample(f, n))
	}
	f.Add([]byte(benchPolicy(2, 5)))
	f.Add([]byte(formExpanded))
	f.Add([]byte(formFlat))
	f.Add([]byte(`{"@context": "https://example.com/ctx", "@type": "Set"}`))
	f.Add([]byte(`{"@context": {"@vocab": "http://www.w3.org/ns/odrl/2/"}, "@type": "Set", "@id": "urn:p", "permission": {"action": {"@id": "use"}}}`))
}

// FuzzParsePolicy checks that no input panics, that errors wrap a sentinel, and that a
// parsed policy writes back to JSON-LD that parses to an equal policy.
func FuzzParsePolicy(f *testing.F) {
	addPolicySeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePolicy(data)
		if err != nil {
			checkSentinel(t, err)
			return
		}
		out, err := p.MarshalJSONLD()
		if err != nil {
			t.Fatalf("MarshalJSONLD: %v", err)
		}
		if _, err := ParsePolicy(out); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
	})
}

// FuzzParseWorld checks that no state of the world panics and that errors wrap a sentinel.
func FuzzParseWorld(f *testing.F) {
	f.Add([]byte(benchWorld))
	f.Add([]byte(`{"now": "2024-02-12T11:20:10.999Z", "duties": {"urn:d": "Fulfilled"}}`))
	f.Add([]byte(`{"operands": {"elapsedTime": "P1Y2M3DT4H5M6.7S", "payAmount": "1e3", "language": ["en", {"@id": "urn:x"}]}}`))
	f.Add([]byte(`{"operands": {"dateTime": "2024-02-30"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := ParseWorld(data)
		if err != nil {
			checkSentinel(t, err)
			return
		}
		b, err := json.Marshal(w)
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if _, err := ParseWorld(b); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, b)
		}
	})
}

// FuzzEvaluate evaluates fuzzed constraints against fuzzed operand values: it must never
// panic, and the decision must be explained and consistent with the rule reports.
func FuzzEvaluate(f *testing.F) {
	f.Add("count", "lt", `5`, `3`, "use", "read")
	f.Add("dateTime", "lteq", `{"@value": "2027-12-31", "@type": "xsd:date"}`, `"2027-12-31T23:00:00Z"`, "use", "read")
	f.Add("elapsedTime", "eq", `{"@value": "P1M", "@type": "xsd:duration"}`, `"P30D"`, "transfer", "sell")
	f.Add("spatial", "isPartOf", `{"@id": "urn:CN"}`, `"urn:CN-GD"`, "use", "print")
	f.Add("purpose", "isAnyOf", `[{"@id": "urn:a"}, {"@id": "urn:b"}]`, `["urn:b"]`, "use", "use")
	f.Add("http://example.org/x", "http://example.org/op", `"v"`, `{"@value": "1", "@type": "xsd:boolean"}`, "play", "display")
	f.Add("version", "gteq", `"1.2.3"`, `"1.10"`, "read", "use")
	f.Fuzz(func(t *testing.T, left, op, right, value, policyAction, requestAction string) {
		quote := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		policy := fmt.Sprintf(`{%s"@type": "Set", "uid": "urn:p", "permission": [{"action": %s, "target": "urn:x", "constraint": [{"leftOperand": %s, "operator": %s, "rightOperand": %s}]}],
		  "prohibition": [{"action": %s, "target": "urn:x", "constraint": [{"leftOperand": %s, "operator": "neq", "rightOperand": %s}]}]}`,
			odrlCtx, quote(policyAction), quote(left), quote(op), right, quote(policyAction), quote(left), right)
		p, err := ParsePolicy([]byte(policy))
		if err != nil {
			checkSentinel(t, err)
			return
		}
		q, err := ParseRequest([]byte(request("urn:alice", requestAction, "urn:x")))
		if err != nil {
			return // the action is not an IRI the context can expand
		}
		w, err := ParseWorld([]byte(`{"now": "2026-01-01T00:00:00Z", "partOf": {"urn:CN-GD": ["urn:CN"]}, "operands": {` + quote(left) + `: ` + value + `}}`))
		if err != nil {
			checkSentinel(t, err)
			w = nil
		}
		for _, b := range []Behaviour{Closed, Open} {
			r, err := Evaluator{Behaviour: b}.Evaluate(p, q, w)
			if err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			if r.Reason == "" || (r.Decision != Permit && r.Decision != Deny) {
				t.Fatalf("decision %q, reason %q", r.Decision, r.Reason)
			}
			active := false
			for _, rr := range r.Rules {
				active = active || (rr.Kind == Prohibition && rr.Activation == Active)
			}
			if active && r.Decision == Permit && r.Conflict != Perm {
				t.Fatalf("permitted despite an active prohibition: %s", r.Reason)
			}
			if _, err := r.MarshalJSONLD(); err != nil {
				t.Fatalf("MarshalJSONLD: %v", err)
			}
		}
	})
}

// FuzzParseRequest checks requests like policies: no panic, errors wrap a sentinel, and a
// parsed request is an odrl:Request with at least one permission.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(request("urn:alice", "read", "urn:x", `{"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "urn:research"}}`)))
	f.Add([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Request", "uid": "urn:q", "permission": []}`))
	f.Add(readExample(f, 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := ParseRequest(data)
		if err != nil {
			checkSentinel(t, err)
			return
		}
		if q.Type != Request || len(q.Permissions) == 0 {
			t.Fatalf("ParseRequest returned a %s with %d permissions", q.Type, len(q.Permissions))
		}
	})
}

// FuzzLiteral checks the Value constructor: no panic, errors wrap ErrOperandType, and a
// literal rebuilt from its lexical form and datatype is equal to it.
func FuzzLiteral(f *testing.F) {
	for _, s := range [][2]string{
		{"500.00", XSDDecimal}, {"1e3", XSDDouble}, {"2027-12-31", XSDDate}, {"2027-12-31T23:59:59+08:00", XSDDateTime},
		{"P1Y2M3DT4H5M6.5S", XSDDuration}, {"-P30D", XSDDuration}, {"true", XSDBoolean}, {"http://x", XSDAnyURI}, {"research", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, lexical, datatype string) {
		v, err := Literal(lexical, datatype)
		if err != nil {
			if !errors.Is(err, ErrOperandType) {
				t.Fatalf("error %v does not wrap ErrOperandType", err)
			}
			return
		}
		w, err := Literal(v.Lexical, v.Datatype)
		if v.Kind == KindIRI { // xsd:anyURI literals are read as IRIs
			w = IRI(v.Lexical)
		}
		if err != nil || !w.Equal(v) {
			t.Fatalf("Literal(%q, %q) = %v, rebuilt %v, %v", lexical, datatype, v, w, err)
		}
	})
}

// FuzzParsePolicyTurtle checks that no Turtle input panics, that errors wrap a sentinel,
// and that a parsed policy writes back to Turtle and N-Quads that parse to an equal policy.
// Seeds: the FORCE-style documents in testdata/force, the spec examples written as Turtle,
// and hostile shapes (unknown prefixes, unclosed strings and IRIs, deep [] nesting, long
// collections, a self-inheriting policy).
func FuzzParsePolicyTurtle(f *testing.F) {
	for _, name := range []string{"duty-policy.ttl", "alice-read-x.ttl", "world-duty-Violated.ttl"} {
		f.Add(readForce(f, name))
	}
	for _, n := range []int{1, 9, 16, 21} {
		p, err := ParsePolicy(readExample(f, n))
		if err != nil {
			f.Fatal(err)
		}
		ttl, err := p.MarshalRDF(Turtle)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(ttl)
	}
	const pre = "@prefix odrl: <http://www.w3.org/ns/odrl/2/> .\n"
	for _, s := range []string{
		pre + "<urn:p> a ex:Set .",
		pre + `<urn:p> odrl:uid "abc`,
		pre + "<urn:p a odrl:Set",
		pre + "<urn:p> odrl:x " + strings.Repeat("[ odrl:x ", 80) + strings.Repeat("]", 80) + " .",
		pre + "<urn:p> odrl:x (" + strings.Repeat(" 1", 500) + " ) .",
		pre + "<urn:p> a odrl:Set ; odrl:uid <urn:p> ; odrl:inheritFrom <urn:p> ; odrl:permission [ odrl:action odrl:use ; odrl:target <urn:x> ] .",
		pre + `<urn:p> a odrl:Set ; odrl:permission [ odrl:action odrl:use ; odrl:constraint [ odrl:leftOperand odrl:elapsedTime ; odrl:operator odrl:gteq ; odrl:rightOperand "P100000DT2400000H19445735M"^^<http://www.w3.org/2001/XMLSchema#duration> ] ] .`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePolicyRDF(data, Turtle)
		if err != nil {
			checkSentinel(t, err)
			return
		}
		for _, format := range []RDFFormat{Turtle, NQuads} {
			out, err := p.MarshalRDF(format)
			if err != nil {
				t.Fatalf("MarshalRDF(%s): %v", format, err)
			}
			back, err := ParsePolicyRDF(out, format)
			if err != nil {
				t.Fatalf("written %s does not parse: %v\n%s", format, err, out)
			}
			if diff := cmp.Diff(p, back); diff != "" {
				t.Fatalf("%s round trip (-want +got):\n%s", format, diff)
			}
		}
	})
}

// FuzzParseWorldRDF checks that no RDF state of the world panics and that errors wrap a
// sentinel.
func FuzzParseWorldRDF(f *testing.F) {
	for _, st := range []string{"NonSet", "Fulfilled", "Violated"} {
		f.Add(readForce(f, "world-duty-"+st+".ttl"), false)
	}
	f.Add([]byte("<urn:a> <http://www.w3.org/ns/odrl/2/partOf> <urn:b> .\n<urn:b> <http://www.w3.org/ns/odrl/2/partOf> <urn:a> .\n"), true)
	f.Add([]byte(`<http://example.com/request/currentTime> <http://purl.org/dc/terms/issued> "yesterday" .`+"\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, nquads bool) {
		format := Turtle
		if nquads {
			format = NQuads
		}
		if _, err := ParseWorldRDF(data, format); err != nil {
			checkSentinel(t, err)
		}
	})
}
