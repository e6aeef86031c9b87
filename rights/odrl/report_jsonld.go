package odrl

import (
	"strconv"
	"time"
)

// reportContext is the inline JSON-LD context of a compliance report, so that the report
// reads without fetching anything.
var reportContext = map[string]any{
	"report": ReportNS,
	"odrl":   NS,
	"dct":    nsDCT,
	"xsd":    nsXSD,
}

// MarshalJSONLD writes the report as compact JSON-LD in the FORCE compliance-report
// vocabulary (https://w3id.org/force/compliance-report#, the ODRL Formal Semantics draft's
// report model): one report:PolicyReport naming the policy (report:policy) and the request
// (report:policyRequest), created at the world's now (dct:created), with a
// report:PermissionReport, report:ProhibitionReport or report:DutyReport per rule and
// request rule carrying report:rule, report:ruleRequest, report:attemptState,
// report:activationState, and report:premiseReport: report:TargetReport,
// report:PartyReport, report:ActionReport and report:ConstraintReport (report:constraint,
// report:constraintLeftOperand — the value used —, report:constraintOperator,
// report:constraintRightOperand, report:satisfactionState), one per element the rule
// states. A logical constraint's ConstraintReport names its operator in
// report:constraintLogicalOperand and links one ConstraintReport per operand through
// report:premiseReport, recursively; refinements of a target, party or action are linked
// the same way from its report. A permission's duties are its report:conditionReport: the
// IRI of the duty's report in the state of the world when the world names one
// (World.DutyReports), else a report:DutyReport with the duty's report:deonticState.
//
// The report speaks FORCE's two-valued vocabulary: a premise the state of the world cannot
// decide (Unknown in the Report) is written report:Unsatisfied, as the FORCE test suite's
// expected reports write a constraint on a missing operand, with its reason as
// dct:description, and an Undetermined rule is written report:Inactive: it does not apply.
// A rule that composition split into atomic rules (several actions, targets or parties;
// Information Model, Policy Rule Composition) gets one report per request rule, as in
// FORCE: that of its atomic rule that applies best (Active, then Undetermined, then the
// first). One addition carries what the vocabulary has no term for: the decision as
// report:controlState (report:Permit or report:Deny, the draft's control states) of the
// PolicyReport, with the reason as its dct:description. Report nodes are blank nodes
// numbered in report order, so the output is deterministic.
func (r *Report) MarshalJSONLD() ([]byte, error) {
	doc := map[string]any{
		"@context":            reportContext,
		"@id":                 "_:report",
		"@type":               "report:PolicyReport",
		"report:controlState": term(string(r.Decision)),
		"dct:description":     r.Reason,
	}
	if r.Policy != "" {
		doc["report:policy"] = map[string]any{"@id": r.Policy}
	}
	if r.Request != "" {
		doc["report:policyRequest"] = map[string]any{"@id": r.Request}
	}
	if !r.Created.IsZero() {
		doc["dct:created"] = map[string]any{"@value": r.Created.UTC().Format(time.RFC3339Nano), "@type": "xsd:dateTime"}
	}
	shown := r.ruleReportsShown()
	rules := make([]any, len(shown))
	for i, k := range shown {
		rules[i] = r.ruleNode(&r.Rules[k], "_:rule"+strconv.Itoa(i+1))
	}
	doc["report:ruleReport"] = rules
	return marshalIndent(doc)
}

// ruleReportsShown returns the indices of the rule reports the JSON-LD report holds: all of
// them, except that of the atomic rules split from one rule (same uid, kind and request
// rule) only the one that applies best.
func (r *Report) ruleReportsShown() []int {
	rank := map[Activation]int{Active: 2, Undetermined: 1}
	type key struct {
		rule string
		kind RuleKind
		req  int
	}
	best := map[key]int{} // position in out
	out := make([]int, 0, len(r.Rules))
	for i := range r.Rules {
		rr := &r.Rules[i]
		if rr.Rule == "" {
			out = append(out, i)
			continue
		}
		k := key{rr.Rule, rr.Kind, rr.RuleRequest}
		at, seen := best[k]
		switch {
		case !seen:
			best[k] = len(out)
			out = append(out, i)
		case rank[rr.Activation] > rank[r.Rules[out[at]].Activation]:
			out[at] = i
		}
	}
	return out
}

func term(local string) map[string]any { return map[string]any{"@id": "report:" + local} }

func (r *Report) ruleNode(rr *RuleReport, id string) map[string]any {
	kind := "report:" + string(rr.Kind) + "Report"
	n := map[string]any{
		"@id":                    id,
		"@type":                  kind,
		"report:attemptState":    term(string(rr.Attempt)),
		"report:activationState": term(string(activationTerm(rr.Activation))),
	}
	if rr.Rule != "" {
		n["report:rule"] = map[string]any{"@id": rr.Rule}
	} else {
		n["dct:identifier"] = rr.Path
	}
	if rr.RuleRequest < len(r.Requests) && r.Requests[rr.RuleRequest].Rule != "" {
		n["report:ruleRequest"] = map[string]any{"@id": r.Requests[rr.RuleRequest].Rule}
	}
	if rr.Deontic != "" && rr.Kind == Duty {
		n["report:deonticState"] = term(string(rr.Deontic))
	}
	if len(rr.Premises) > 0 {
		ps := make([]any, len(rr.Premises))
		for i := range rr.Premises {
			ps[i] = premiseNode(&rr.Premises[i], id+"-premise"+strconv.Itoa(i+1))
		}
		n["report:premiseReport"] = ps
	}
	if len(rr.Conditions) > 0 {
		cs := make([]any, len(rr.Conditions))
		for i := range rr.Conditions {
			if prior := rr.Conditions[i].PriorReport; prior != "" {
				cs[i] = map[string]any{"@id": prior}
				continue
			}
			cs[i] = r.ruleNode(&rr.Conditions[i], id+"-duty"+strconv.Itoa(i+1))
		}
		n["report:conditionReport"] = cs
	}
	return n
}

// satisfactionTerm is FORCE's term for a satisfaction state: Unknown is written Unsatisfied.
func satisfactionTerm(s Satisfaction) Satisfaction {
	if s == Unknown {
		return Unsatisfied
	}
	return s
}

func activationTerm(a Activation) Activation {
	if a == Undetermined {
		return Inactive
	}
	return a
}

func premiseNode(pr *PremiseReport, id string) map[string]any {
	n := map[string]any{
		"@id":                      id,
		"@type":                    "report:" + string(pr.Kind) + "Report",
		"report:satisfactionState": term(string(satisfactionTerm(pr.Satisfaction))),
	}
	if pr.Constraint != "" {
		n["report:constraint"] = map[string]any{"@id": pr.Constraint}
	}
	if pr.LeftOperand != "" {
		if pr.Value != nil {
			n["report:constraintLeftOperand"] = valueJSON(*pr.Value)
		}
		n["report:constraintOperator"] = map[string]any{"@id": string(pr.Operator)}
		if pr.RightOperand != nil {
			n["report:constraintRightOperand"] = valueJSON(*pr.RightOperand)
		}
	}
	if pr.Logic != "" {
		n["report:constraintLogicalOperand"] = map[string]any{"@id": string(pr.Logic)}
	}
	if len(pr.Operands) > 0 {
		ops := make([]any, len(pr.Operands))
		for i := range pr.Operands {
			ops[i] = premiseNode(&pr.Operands[i], id+"-"+strconv.Itoa(i+1))
		}
		n["report:premiseReport"] = ops
	}
	if pr.Reason != "" {
		n["dct:description"] = pr.Reason
	}
	return n
}
