package odrl_test

import (
	"context"
	"fmt"
	"log"

	"github.com/dataassay/assay/rights/odrl"
)

// A research-only licence of a traffic data set, limited to Guangdong and to the end of
// 2027, asked about a commercial use from Hong Kong.
func ExampleEvaluate() {
	policy, err := odrl.ParsePolicy([]byte(`{
	  "@context": "http://www.w3.org/ns/odrl.jsonld",
	  "@type": "Agreement",
	  "uid": "https://exchange.example.cn/licence/7",
	  "assigner": "https://exchange.example.cn/party/gz-big-data-centre",
	  "assignee": "https://exchange.example.cn/party/hk-analytics",
	  "permission": [{
	    "target": "https://exchange.example.cn/asset/gz-traffic",
	    "action": "use",
	    "constraint": [
	      {"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "https://w3id.org/dpv#AcademicResearch"}},
	      {"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "urn:iso:3166-2:CN-GD"}},
	      {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": {"@value": "2027-12-31", "@type": "xsd:date"}}]}]}`))
	if err != nil {
		log.Fatal(err)
	}
	request, err := odrl.ParseRequest([]byte(`{
	  "@context": "http://www.w3.org/ns/odrl.jsonld",
	  "@type": "Request",
	  "uid": "https://exchange.example.cn/request/42",
	  "permission": [{
	    "target": "https://exchange.example.cn/asset/gz-traffic",
	    "assignee": "https://exchange.example.cn/party/hk-analytics",
	    "action": "read",
	    "constraint": [
	      {"leftOperand": "purpose", "operator": "eq", "rightOperand": {"@id": "https://w3id.org/dpv#CommercialPurpose"}},
	      {"leftOperand": "spatial", "operator": "eq", "rightOperand": {"@id": "urn:iso:3166-2:HK"}}]}]}`))
	if err != nil {
		log.Fatal(err)
	}
	world, err := odrl.ParseWorld([]byte(`{"now": "2026-11-27T10:00:00Z"}`))
	if err != nil {
		log.Fatal(err)
	}
	report, err := odrl.Evaluate(policy, request, world)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(report.Decision)
	for _, rule := range report.Rules {
		fmt.Println(rule.Path, rule.Activation)
		for _, p := range rule.Premises {
			fmt.Println(" ", p.Kind, odrl.Short(p.LeftOperand), p.Satisfaction)
		}
	}
	// Output:
	// Deny
	// permission[0] Inactive
	//   Target  Satisfied
	//   Party  Satisfied
	//   Action  Satisfied
	//   Constraint purpose Unsatisfied
	//   Constraint spatial Unsatisfied
	//   Constraint dateTime Satisfied
}

// A constraint whose operand the world does not know is Unknown, and the permission grants
// nothing: unknown fails closed.
func ExampleEvaluator_Evaluate() {
	policy, _ := odrl.ParsePolicy([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:p",
	  "permission": [{"action": "use", "constraint": [{"leftOperand": "count", "operator": "lt", "rightOperand": 10}]}]}`))
	request, _ := odrl.ParseRequest([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Request", "uid": "urn:q",
	  "permission": [{"action": "read", "target": "urn:x"}]}`))
	report, _ := odrl.Evaluator{}.Evaluate(policy, request, nil)
	fmt.Println(report.Decision+":", report.Reason)
	// Output:
	// Deny: no permission is active: permission[0] (undetermined): no value for count in the request or the world
}

func ExampleIncludedIn() {
	fmt.Println(odrl.IncludedIn(odrl.NS+"read", odrl.NS+"use"))
	fmt.Println(odrl.IncludedIn(odrl.NS+"sell", odrl.NS+"transfer"))
	fmt.Println(odrl.IncludedIn(odrl.NS+"use", odrl.NS+"read"))
	// Output:
	// true
	// true
	// false
}

// Information Model §2.8: a child policy inherits its parent's rules and parties.
func ExampleInherit() {
	parent, _ := odrl.ParsePolicy([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set",
	  "uid": "http://example.com/policy:default", "assigner": "http://example.com/org-01",
	  "obligation": [{"target": "http://example.com/asset:terms-and-conditions", "action": "reviewPolicy"}]}`))
	child, _ := odrl.ParsePolicy([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Agreement",
	  "uid": "http://example.com/policy:4444", "inheritFrom": "http://example.com/policy:default",
	  "assignee": "http://example.com/user:0001",
	  "permission": [{"target": "http://example.com/asset:5555", "action": "display"}]}`))
	p, err := odrl.Inherit(child, parent)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range append(p.Permissions, p.Obligations...) {
		fmt.Println(r.Kind, odrl.Short(r.Action.IRI), r.Assigner.UID, r.Assignee.UID)
	}
	// Output:
	// Permission display http://example.com/org-01 http://example.com/user:0001
	// Duty reviewPolicy http://example.com/org-01 http://example.com/user:0001
}

func ExampleReport_MarshalJSONLD() {
	policy, _ := odrl.ParsePolicy([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set",
	  "uid": "http://example.org/policy", "permission": [{"uid": "http://example.org/perm", "action": "read"}]}`))
	request, _ := odrl.ParseRequest([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Request",
	  "uid": "http://example.org/request", "permission": [{"action": "read", "target": "http://example.org/x"}]}`))
	report, _ := odrl.Evaluate(policy, request, nil)
	out, _ := report.MarshalJSONLD()
	fmt.Println(string(out))
	// Output:
	// {
	//   "@context": {
	//     "dct": "http://purl.org/dc/terms/",
	//     "odrl": "http://www.w3.org/ns/odrl/2/",
	//     "report": "https://w3id.org/force/compliance-report#",
	//     "xsd": "http://www.w3.org/2001/XMLSchema#"
	//   },
	//   "@id": "_:report",
	//   "@type": "report:PolicyReport",
	//   "dct:description": "permission[0] permits it",
	//   "report:controlState": {
	//     "@id": "report:Permit"
	//   },
	//   "report:policy": {
	//     "@id": "http://example.org/policy"
	//   },
	//   "report:policyRequest": {
	//     "@id": "http://example.org/request"
	//   },
	//   "report:ruleReport": [
	//     {
	//       "@id": "_:rule1",
	//       "@type": "report:PermissionReport",
	//       "report:activationState": {
	//         "@id": "report:Active"
	//       },
	//       "report:attemptState": {
	//         "@id": "report:Attempted"
	//       },
	//       "report:premiseReport": [
	//         {
	//           "@id": "_:rule1-premise1",
	//           "@type": "report:ActionReport",
	//           "report:satisfactionState": {
	//             "@id": "report:Satisfied"
	//           }
	//         }
	//       ],
	//       "report:rule": {
	//         "@id": "http://example.org/perm"
	//       }
	//     }
	//   ]
	// }
}

// A backend supplies count from its own usage ledger; the policy allows at most 10 uses.
func ExampleEvaluator_operands() {
	policy, _ := odrl.ParsePolicy([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "http://example.org/policy",
	  "permission": [{"action": "use", "target": "http://example.org/x", "constraint": [{"leftOperand": "count", "operator": "lteq", "rightOperand": 10}]}]}`))
	request, _ := odrl.ParseRequest([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Request",
	  "uid": "http://example.org/request", "permission": [{"action": "use", "target": "http://example.org/x", "assignee": "http://example.org/alice"}]}`))
	ledger := map[string]int{"http://example.org/alice": 12}
	e := odrl.Evaluator{Operands: map[string]odrl.OperandFunc{
		odrl.Count: func(_ context.Context, q *odrl.Rule) (odrl.Value, error) {
			return odrl.Literal(fmt.Sprint(ledger[q.Assignee.UID]), odrl.XSDInteger)
		},
	}}
	report, _ := e.Evaluate(policy, request, nil)
	fmt.Println(report.Decision+":", report.Reason)
	// Output:
	// Deny: no permission is active: permission[0]: count is 12, expected lteq 10
}

// A policy in Turtle, as the FORCE test suite writes them.
func ExampleParsePolicyRDF() {
	policy, err := odrl.ParsePolicyRDF([]byte(`@prefix odrl: <http://www.w3.org/ns/odrl/2/> .
@prefix ex: <http://example.org/> .
ex:policy a odrl:Set ; odrl:uid ex:policy ;
  odrl:permission [ odrl:assignee ex:alice ; odrl:action odrl:read ; odrl:target ex:x ] .`), odrl.Turtle)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := policy.Permissions[0]
	fmt.Println(policy.Type, odrl.Short(r.Action.IRI), r.Target.UID, r.Assignee.UID)
	// Output:
	// Set read http://example.org/x http://example.org/alice
}
