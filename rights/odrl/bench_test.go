package odrl

import (
	"fmt"
	"strings"
	"testing"
)

// benchConstraints are five constraints of the kinds the issue names; all hold in
// benchWorld for the benchmark request.
var benchConstraints = []string{
	`{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2028-01-01", "@type": "xsd:date"}}`,
	`{"leftOperand": "purpose", "operator": "isAnyOf", "rightOperand": [{"@id": "http://example.org/research"}, {"@id": "http://example.org/education"}]}`,
	`{"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "urn:CN"}}`,
	`{"leftOperand": "count", "operator": "lteq", "rightOperand": 100}`,
	`{"leftOperand": "elapsedTime", "operator": "lt", "rightOperand": {"@value": "P30D", "@type": "xsd:duration"}}`,
}

// benchPolicy writes a Set of n rules (every fifth a prohibition of selling) with k
// constraints each, all on the asset collection that benchWorld puts every asset in.
func benchPolicy(n, k int) string {
	var perms, prohs []string
	for i := range n {
		cs := make([]string, k)
		for j := range cs {
			cs[j] = benchConstraints[j%len(benchConstraints)]
		}
		rule := fmt.Sprintf(`{"uid": "http://example.org/rule%d", "target": {"@type": "AssetCollection", "uid": "http://example.org/catalogue"}, "action": "%s", "constraint": [%s]}`,
			i, map[bool]string{true: "sell", false: "use"}[i%5 == 4], strings.Join(cs, ", "))
		if i%5 == 4 {
			prohs = append(prohs, rule)
		} else {
			perms = append(perms, rule)
		}
	}
	return `{` + odrlCtx + `"@type": "Set", "uid": "http://example.org/bench", "permission": [` + strings.Join(perms, ", ") +
		`], "prohibition": [` + strings.Join(prohs, ", ") + `]}`
}

const benchWorld = `{"now": "2026-11-27T09:00:00Z",
  "partOf": {"http://example.org/asset3": ["http://example.org/catalogue"], "urn:CN-GD": ["urn:CN"]},
  "operands": {"purpose": "http://example.org/research", "spatial": "urn:CN-GD", "count": 12, "elapsedTime": "PT36H"}}`

// BenchmarkEvaluate evaluates a parsed policy of 10 rules × 5 constraints (issue target:
// ≤ 20 µs).
func BenchmarkEvaluate(b *testing.B) {
	benchEvaluate(b, benchPolicy(10, 5))
}

// benchEvaluate evaluates a request to read asset3 against a policy in benchWorld.
func benchEvaluate(b *testing.B, policy string) {
	p := mustPolicy(b, policy)
	q := mustRequest(b, request("http://example.org/alice", "read", "http://example.org/asset3"))
	w := mustWorld(b, benchWorld)
	if r, err := Evaluate(p, q, w); err != nil || r.Decision != Permit {
		b.Fatalf("Evaluate = %v, %v", r, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(p, q, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParsePolicy parses, expands and flattens a 10-rule policy (issue target: ≤ 2 ms).
func BenchmarkParsePolicy(b *testing.B) {
	doc := []byte(benchPolicy(10, 5))
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePolicy(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportMarshalJSONLD writes the compliance report of BenchmarkEvaluate.
func BenchmarkReportMarshalJSONLD(b *testing.B) {
	r := benchReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.MarshalJSONLD(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateOrOfAnds evaluates and reports an or of 262 ands of two constraints:
// 790 premise reports, the FORCE suite's big policy (issue 14 target: ≤ 1 ms).
func BenchmarkEvaluateOrOfAnds(b *testing.B) {
	benchEvaluate(b, orOfAnds(262))
}

// BenchmarkParsePolicyTurtle parses the policy of BenchmarkParsePolicy written as Turtle.
func BenchmarkParsePolicyTurtle(b *testing.B) {
	doc, err := mustPolicy(b, benchPolicy(10, 5)).MarshalRDF(Turtle)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePolicyRDF(doc, Turtle); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportMarshalRDF writes the report of BenchmarkEvaluate as N-Quads.
func BenchmarkReportMarshalRDF(b *testing.B) {
	r := benchReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.MarshalRDF(NQuads); err != nil {
			b.Fatal(err)
		}
	}
}

// benchReport is the report of BenchmarkEvaluate.
func benchReport(b *testing.B) *Report {
	p := mustPolicy(b, benchPolicy(10, 5))
	q := mustRequest(b, request("http://example.org/alice", "read", "http://example.org/asset3"))
	r, err := Evaluate(p, q, mustWorld(b, benchWorld))
	if err != nil {
		b.Fatal(err)
	}
	return r
}
