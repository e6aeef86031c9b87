package odrl

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The same Set in four JSON-LD forms: compacted with the ODRL context by IRI, with the
// context inline, with another prefix and no ODRL context, and fully expanded (written by
// hand from the JSON-LD 1.1 expansion rules).
const (
	formByIRI = `{
	  "@context": "http://www.w3.org/ns/odrl.jsonld",
	  "@type": "Set", "uid": "http://example.com/policy:1",
	  "permission": [{"target": "http://example.com/asset:1", "action": "read",
	    "constraint": [{"leftOperand": "purpose", "operator": "neq", "rightOperand": {"@id": "http://example.com/marketing"}}]}]}`
	formByPrefix = `{
	  "@context": {"o": "http://www.w3.org/ns/odrl/2/"},
	  "@type": "o:Set", "@id": "http://example.com/policy:1",
	  "o:permission": {"o:target": {"@id": "http://example.com/asset:1"}, "o:action": {"@id": "o:read"},
	    "o:constraint": {"o:leftOperand": {"@id": "o:purpose"}, "o:operator": {"@id": "o:neq"},
	      "o:rightOperand": {"@id": "http://example.com/marketing"}}}}`
	formExpanded = `[{
	  "@id": "http://example.com/policy:1", "@type": ["http://www.w3.org/ns/odrl/2/Set"],
	  "http://www.w3.org/ns/odrl/2/permission": [{
	    "http://www.w3.org/ns/odrl/2/target": [{"@id": "http://example.com/asset:1"}],
	    "http://www.w3.org/ns/odrl/2/action": [{"@id": "http://www.w3.org/ns/odrl/2/read"}],
	    "http://www.w3.org/ns/odrl/2/constraint": [{
	      "http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/purpose"}],
	      "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/neq"}],
	      "http://www.w3.org/ns/odrl/2/rightOperand": [{"@id": "http://example.com/marketing"}]}]}]}]`
	// Rules as separate nodes referenced by @id, as Turtle converted to JSON-LD writes them.
	formFlat = `{"@context": "http://www.w3.org/ns/odrl.jsonld", "@graph": [
	  {"uid": "http://example.com/policy:1", "@type": "Set", "permission": "http://example.com/rule:1"},
	  {"uid": "http://example.com/rule:1", "@type": "Permission", "target": "http://example.com/asset:1",
	   "action": "read", "constraint": "http://example.com/c:1"},
	  {"uid": "http://example.com/c:1", "leftOperand": "purpose", "operator": "neq", "rightOperand": {"@id": "http://example.com/marketing"}}]}`
)

func TestParsePolicy_AnyJSONLDForm(t *testing.T) {
	want := &Policy{
		UID:  "http://example.com/policy:1",
		Type: Set,
		Permissions: []Rule{{
			Kind:   Permission,
			Action: Action{IRI: NS + "read"},
			Target: &Asset{UID: "http://example.com/asset:1"},
			Constraints: []Constraint{{
				LeftOperand:  Purpose,
				Operator:     Neq, // from the context's odrl:neg erratum, and from odrl:neq
				RightOperand: IRI("http://example.com/marketing"),
			}},
		}},
	}
	for name, doc := range map[string]string{
		"context by IRI":  formByIRI,
		"context inline":  inlineContext(formByIRI),
		"https context":   strings.Replace(formByIRI, "http://www.w3.org/ns/odrl.jsonld", "https://www.w3.org/ns/odrl.jsonld", 1),
		"other prefix":    formByPrefix,
		"expanded":        formExpanded,
		"flat with @ids":  formFlat,
		"context in list": strings.Replace(formByIRI, `"http://www.w3.org/ns/odrl.jsonld"`, `["http://www.w3.org/ns/odrl.jsonld", {"ex": "http://example.com/"}]`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ParsePolicy([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			want := *want
			if name == "flat with @ids" {
				want.Permissions = []Rule{want.Permissions[0]}
				want.Permissions[0].UID = "http://example.com/rule:1"
				want.Permissions[0].Constraints = []Constraint{want.Permissions[0].Constraints[0]}
				want.Permissions[0].Constraints[0].UID = "http://example.com/c:1"
			}
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("ParsePolicy (-want +got):\n%s", diff)
			}
		})
	}
}

// inlineContext replaces the context IRI by the context document itself.
func inlineContext(doc string) string {
	ctx := strings.TrimSpace(string(odrlContext))
	ctx = strings.TrimSuffix(strings.TrimPrefix(ctx, "{"), "}")                        // `"@context": {...}`
	ctx = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(ctx), `"@context":`)) // `{...}`
	return strings.Replace(doc, `"http://www.w3.org/ns/odrl.jsonld"`, ctx, 1)
}

func TestParsePolicy_Errata(t *testing.T) {
	// The ODRL context maps "industry" to odrl:industry: (with a colon); read it as industry.
	doc := `{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "http://example.com/p",
	  "permission": [{"target": "http://example.com/a", "action": "use",
	    "constraint": [{"leftOperand": "industry", "operator": "eq", "rightOperand": "transport"}]}]}`
	p, err := ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Permissions[0].Constraints[0].LeftOperand; got != Industry {
		t.Errorf("leftOperand = %q, want %q", got, Industry)
	}
}

func TestParsePolicy_RefusesRemoteContexts(t *testing.T) {
	for _, url := range []string{"https://example.com/evil.jsonld", "file:///etc/passwd", "http://www.w3.org/ns/odrl.jsonld.evil"} {
		doc := `{"@context": "` + url + `", "@type": "Set", "uid": "http://example.com/p", "permission": [{"action": "use"}]}`
		_, err := ParsePolicy([]byte(doc))
		var ce *ContextError
		if !errors.As(err, &ce) || ce.URL != url || !errors.Is(err, ErrRemoteContext) {
			t.Errorf("context %s: err = %v, want *ContextError for it", url, err)
		}
	}
	// A remote context nested in an inline one is refused too.
	doc := `{"@context": [{"@context": "https://schema.org/"}], "@type": "Set"}`
	if _, err := ParsePolicy([]byte(doc)); !errors.Is(err, ErrRemoteContext) && !errors.Is(err, ErrSyntax) {
		t.Errorf("nested remote context: err = %v, want a refusal", err)
	}
}

func TestParsePolicy_BadInput(t *testing.T) {
	ctx := `"@context": "http://www.w3.org/ns/odrl.jsonld", `
	rule := `"target": "http://example.com/a", "action": "use"`
	tests := []struct {
		name, doc string
		want      error
	}{
		{"not JSON", `{"@context": `, ErrSyntax},
		{"two documents", `{} {}`, ErrSyntax},
		{"invalid JSON-LD keyword value", `{"@context": 5}`, ErrSyntax},
		{"no policy", `{` + ctx + `"uid": "http://example.com/x"}`, ErrInvalidPolicy},
		{"no uid", `{` + ctx + `"@type": "Set", "permission": [{` + rule + `}]}`, ErrInvalidPolicy},
		{"no rule", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "profile": "http://example.com/x"}`, ErrInvalidPolicy},
		// Information Model §2.1.3: an Offer MUST have an assigner.
		{"offer without assigner", `{` + ctx + `"@type": "Offer", "uid": "http://example.com/p", "permission": [{` + rule + `}]}`, ErrInvalidPolicy},
		// §2.1.4: an Agreement MUST have an assigner and an assignee.
		{"agreement without assignee", `{` + ctx + `"@type": "Agreement", "uid": "http://example.com/p", "assigner": "http://example.com/a1", "permission": [{` + rule + `}]}`, ErrInvalidPolicy},
		{"agreement without assigner", `{` + ctx + `"@type": "Agreement", "uid": "http://example.com/p", "assignee": "http://example.com/a2", "prohibition": [{` + rule + `}]}`, ErrInvalidPolicy},
		{"unknown conflict", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "conflict": "maybe", "permission": [{` + rule + `}]}`, ErrInvalidPolicy},
		{"constraint without operator", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "count", "rightOperand": 5}]}]}`, ErrInvalidPolicy},
		{"two right operands", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "count", "operator": "lt", "rightOperand": 5, "rightOperandReference": "http://example.com/r"}]}]}`, ErrInvalidPolicy},
		{"dateTime with a word", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "dateTime", "operator": "lt", "rightOperand": "banana"}]}]}`, ErrOperandType},
		{"count with a date", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "count", "operator": "lt", "rightOperand": {"@value": "2020-01-01", "@type": "xsd:date"}}]}]}`, ErrOperandType},
		{"lt on purposes", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "purpose", "operator": "lt", "rightOperand": {"@id": "http://example.com/x"}}]}]}`, ErrOperandType},
		{"elapsedTime with a number", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "elapsedTime", "operator": "lteq", "rightOperand": 30}]}]}`, ErrOperandType},
		{"bad decimal literal", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "payAmount", "operator": "lteq", "rightOperand": {"@value": "1e99999", "@type": "xsd:decimal"}}]}]}`, ErrOperandType},
		{"eq with a list", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"leftOperand": "count", "operator": "eq", "rightOperand": [1, 2]}]}]}`, ErrOperandType},
		{"two logical operators", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"and": [{"@id": "http://example.com/c1"}], "or": [{"@id": "http://example.com/c1"}]}]}]}`, ErrInvalidPolicy},
		{"undefined logical operand", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": [{"and": [{"@id": "http://example.com/c1"}]}]}]}`, ErrInvalidPolicy},
		{"self-referencing logical constraint", `{` + ctx + `"@graph": [{"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `, "constraint": "http://example.com/c"}]},
		   {"uid": "http://example.com/c", "and": [{"@id": "http://example.com/c"}]}]}`, ErrTooLarge},
		{"two unrelated policies", `{` + ctx + `"@graph": [{"@type": "Set", "uid": "http://example.com/p", "permission": [{` + rule + `}]}, {"@type": "Set", "uid": "http://example.com/q", "permission": [{` + rule + `}]}]}`, ErrInvalidPolicy},
		{"inheritance cycle", `{` + ctx + `"@graph": [{"@type": "Set", "uid": "http://example.com/p", "inheritFrom": "http://example.com/q", "permission": [{` + rule + `}]}, {"@type": "Set", "uid": "http://example.com/q", "inheritFrom": "http://example.com/p", "permission": [{` + rule + `}]}]}`, ErrInheritanceCycle},
		{"too large", `{"x": "` + strings.Repeat("a", MaxInputBytes) + `"}`, ErrTooLarge},
		{"too many atomic rules", `{` + ctx + `"@type": "Set", "uid": "http://example.com/p", "permission": [{"target": [` + iriList("http://example.com/t", 40) + `], "action": [` + iriList("http://example.com/a", 40) + `]}]}`, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePolicy([]byte(tt.doc))
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParsePolicy = %v, %v; want error %v", p, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "odrl: ") {
				t.Errorf("message %q does not start with the package name", err)
			}
		})
	}
}

func iriList(prefix string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q", fmt.Sprintf("%s%d", prefix, i))
	}
	return strings.Join(parts, ", ")
}

func TestParseRequest(t *testing.T) {
	doc := `{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Request", "uid": "http://example.com/req:1",
	  "permission": [{"target": "http://example.com/x", "assignee": "http://example.com/alice", "action": "read",
	    "constraint": [{"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "http://example.com/research"}}]}]}`
	got, err := ParseRequest([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := &Policy{UID: "http://example.com/req:1", Type: Request, Permissions: []Rule{{
		Kind: Permission, Action: Action{IRI: NS + "read"}, Target: &Asset{UID: "http://example.com/x"},
		Assignee:    &Party{UID: "http://example.com/alice"},
		Constraints: []Constraint{{LeftOperand: Purpose, Operator: Eq, RightOperand: IRI("http://example.com/research")}},
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseRequest (-want +got):\n%s", diff)
	}
	if _, err := ParseRequest(readExample(t, 1)); !errors.Is(err, ErrInvalidPolicy) {
		t.Errorf("ParseRequest of a Set: err = %v, want ErrInvalidPolicy", err)
	}
}

func TestInherit(t *testing.T) {
	rule := Rule{Kind: Permission, Action: Action{IRI: NS + "use"}, Target: &Asset{UID: "http://example.com/a"}}
	status := Constraint{LeftOperand: Count, Operator: Lteq, RightOperand: mustLiteral(t, "10", XSDInteger), Status: mustLiteral(t, "5", XSDInteger)}
	grand := &Policy{UID: "urn:g", Type: Set, Conflict: Prohibit, Prohibitions: []Rule{{Kind: Prohibition, Action: Action{IRI: NS + "sell"}}}}
	parent := &Policy{UID: "urn:p", Type: Set, InheritFrom: []string{"urn:g"}, Assigner: &Party{UID: "urn:holder"},
		Permissions: []Rule{{Kind: Permission, Action: Action{IRI: NS + "read"}, Constraints: []Constraint{status}}}}
	child := &Policy{UID: "urn:c", Type: Agreement, InheritFrom: []string{"urn:p"}, Conflict: Perm, Assignee: &Party{UID: "urn:buyer"}, Permissions: []Rule{rule}}

	got, err := Inherit(child, parent, grand)
	if err != nil {
		t.Fatal(err)
	}
	// By hand from Information Model §2.8: the child's rule gains the parent's assigner; the
	// inherited rules gain the child's assignee; the status is nulled; the differing
	// conflict values perm and prohibit merge to invalid.
	unstatused := status
	unstatused.Status = Value{}
	want := []string{
		"Permission use target=ex:a assigner=urn:holder assignee=urn:buyer",
		"Permission read assigner=urn:holder assignee=urn:buyer [count lteq 10^decimal]",
		"Prohibition sell assigner=urn:holder assignee=urn:buyer",
	}
	if diff := cmp.Diff(want, summarize(got).Rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if got.Conflict != Invalid || len(got.InheritFrom) != 0 {
		t.Errorf("conflict %q, inheritFrom %v; want invalid and none", got.Conflict, got.InheritFrom)
	}
	if diff := cmp.Diff([]Constraint{unstatused}, got.Permissions[1].Constraints); diff != "" {
		t.Errorf("status not nulled (-want +got):\n%s", diff)
	}
	if !parent.Permissions[0].Constraints[0].Status.Equal(status.Status) {
		t.Error("Inherit modified its parent")
	}

	if _, err := Inherit(child, parent); !errors.Is(err, ErrUnresolvedParent) {
		t.Errorf("missing grandparent: err = %v, want ErrUnresolvedParent", err)
	}
	loop := &Policy{UID: "urn:g", Type: Set, InheritFrom: []string{"urn:c"}, Permissions: []Rule{rule}}
	if _, err := Inherit(child, parent, loop); !errors.Is(err, ErrInheritanceCycle) {
		t.Errorf("cycle: err = %v, want ErrInheritanceCycle", err)
	}
	self := &Policy{UID: "urn:s", Type: Set, InheritFrom: []string{"urn:s"}, Permissions: []Rule{rule}}
	if _, err := Inherit(self, self); !errors.Is(err, ErrInheritanceCycle) {
		t.Errorf("self-inheritance: err = %v, want ErrInheritanceCycle", err)
	}
}

func mustLiteral(t testing.TB, lex, dt string) Value {
	t.Helper()
	v, err := Literal(lex, dt)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestParsePolicy_Concurrent parses in parallel: the processed ODRL context is shared, and
// the race detector checks that expansion only reads it.
func TestParsePolicy_Concurrent(t *testing.T) {
	docs := []string{formByIRI, benchPolicy(3, 5), string(readExample(t, 10)), string(readExample(t, 13))}
	want := make([]*Policy, len(docs))
	for i, d := range docs {
		want[i] = mustPolicy(t, d)
	}
	errs := make(chan error, 4*len(docs))
	for range 4 {
		for i, d := range docs {
			go func() {
				p, err := ParsePolicy([]byte(d))
				if err == nil && !cmp.Equal(want[i], p) {
					err = fmt.Errorf("document %d parsed differently in parallel", i)
				}
				errs <- err
			}()
		}
	}
	for range 4 * len(docs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
