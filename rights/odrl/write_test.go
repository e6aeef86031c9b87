package odrl

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestPolicy_MarshalJSONLDRoundTrip writes every parseable W3C example and the test
// policies back as compact JSON-LD and parses the output: the policy must come back equal.
func TestPolicy_MarshalJSONLDRoundTrip(t *testing.T) {
	docs := map[string]string{
		"bench":    benchPolicy(10, 5),
		"prefixed": formByPrefix,
		"logical": `{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "use", "target": "urn:x", "constraint": [
		  {"xone": [{"leftOperand": "media", "operator": "eq", "rightOperand": "online"}, {"leftOperand": "media", "operator": "eq", "rightOperand": "print"}]},
		  {"andSequence": {"@list": [{"leftOperand": "count", "operator": "lt", "rightOperand": 5}, {"leftOperand": "industry", "operator": "neq", "rightOperand": "finance"}]}},
		  {"leftOperand": "language", "operator": "isAnyOf", "rightOperand": ["en", "zh"], "status": 3},
		  {"leftOperand": "count", "operator": "lteq", "rightOperandReference": "http://example.org/quota", "unit": "http://example.org/downloads", "dataType": "xsd:integer"}]}]}`,
	}
	for n := 1; n <= 31; n++ {
		if n != 11 && n != 25 {
			docs[fmt.Sprintf("example-%02d", n)] = string(readExample(t, n))
		}
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			p := mustPolicy(t, doc)
			out, err := p.MarshalJSONLD()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), `"@context": "http://www.w3.org/ns/odrl.jsonld"`) {
				t.Errorf("output does not use the ODRL context:\n%s", out)
			}
			back, err := ParsePolicy(out)
			if err != nil {
				t.Fatalf("ParsePolicy of the output: %v\n%s", err, out)
			}
			if diff := cmp.Diff(p, back); diff != "" {
				t.Errorf("round trip (-parsed +reparsed):\n%s\n%s", diff, out)
			}
			if name != "logical" && name != "example-17" {
				return
			}
			// encoding/json uses the same form.
			var viaJSON Policy
			b, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &viaJSON); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p, &viaJSON); diff != "" {
				t.Errorf("encoding/json round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReport_MarshalJSONLD reads the report back with the JSON-LD processor and checks the
// statements the FORCE compliance-report model requires.
func TestReport_MarshalJSONLD(t *testing.T) {
	x := "http://example.org/x"
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "http://example.org/policy", "permission": [{"uid": "http://example.org/perm", "action": "read", "target": "`+x+`",
	  "constraint": [{"uid": "http://example.org/c1", "leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2018-01-01", "@type": "xsd:date"}}],
	  "duty": [{"uid": "http://example.org/duty", "action": "compensate"}]}]}`)
	q := mustRequest(t, `{`+odrlCtx+`"@type": "Request", "uid": "http://example.org/request", "permission": [{"uid": "http://example.org/ask", "action": "read", "target": "`+x+`"}]}`)
	w := mustWorld(t, `{"now": "2017-12-19T15:00:00Z", "duties": {"http://example.org/duty": "Fulfilled"}}`)
	r, err := Evaluate(p, q, w)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.MarshalJSONLD()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeJSON(out)
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	nodes, err := flatten(doc)
	if err != nil {
		t.Fatalf("not JSON-LD: %v\n%s", err, out)
	}
	const rep = ReportNS
	// statements lists "subject-type property object" for every node, by type.
	var got []string
	for _, n := range nodes {
		types, _ := n["@type"].([]any)
		for _, typ := range types {
			for prop, vs := range n {
				if strings.HasPrefix(prop, "@") || prop == "http://purl.org/dc/terms/identifier" || prop == "http://purl.org/dc/terms/description" {
					continue
				}
				for _, v := range vs.([]any) {
					m := v.(map[string]any)
					obj := fmt.Sprint(m["@value"])
					if id, ok := m["@id"].(string); ok {
						obj = id
						if strings.HasPrefix(id, "_:") {
							obj = "_"
						}
					}
					got = append(got, strings.TrimPrefix(fmt.Sprint(typ), rep)+" "+strings.TrimPrefix(prop, rep)+" "+strings.TrimPrefix(obj, rep))
				}
			}
		}
	}
	want := []string{
		"PolicyReport policy http://example.org/policy",
		"PolicyReport policyRequest http://example.org/request",
		"PolicyReport http://purl.org/dc/terms/created 2017-12-19T15:00:00Z",
		"PolicyReport controlState Permit",
		"PolicyReport ruleReport _",
		"PermissionReport rule http://example.org/perm",
		"PermissionReport ruleRequest http://example.org/ask",
		"PermissionReport attemptState Attempted",
		"PermissionReport activationState Active",
		// target, action and constraint: the rule states no assignee, so no PartyReport
		"PermissionReport premiseReport _", "PermissionReport premiseReport _", "PermissionReport premiseReport _",
		"PermissionReport conditionReport _",
		"TargetReport satisfactionState Satisfied",
		"ActionReport satisfactionState Satisfied",
		"ConstraintReport satisfactionState Satisfied",
		"ConstraintReport constraint http://example.org/c1",
		"ConstraintReport constraintLeftOperand 2017-12-19T15:00:00Z",
		"ConstraintReport constraintOperator http://www.w3.org/ns/odrl/2/lt",
		"ConstraintReport constraintRightOperand 2018-01-01",
		"DutyReport rule http://example.org/duty",
		"DutyReport ruleRequest http://example.org/ask",
		"DutyReport attemptState Attempted",
		"DutyReport activationState Active",
		"DutyReport deonticState Fulfilled",
	}
	if diff := cmp.Diff(want, got, cmpSortStrings); diff != "" {
		t.Errorf("report statements (-want +got):\n%s\n%s", diff, out)
	}
}

var cmpSortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })

// TestReport_JSON checks that the plain JSON form of a report reads back equal.
func TestReport_JSON(t *testing.T) {
	p := mustPolicy(t, benchPolicy(5, 5))
	q := mustRequest(t, request("http://example.org/alice", "read", "http://example.org/asset3"))
	r, err := Evaluate(p, q, mustWorld(t, benchWorld))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, &back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}
