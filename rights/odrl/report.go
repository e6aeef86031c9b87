package odrl

import "time"

// Decision is the outcome of an evaluation.
type Decision string

// The decisions.
const (
	Permit Decision = "Permit"
	Deny   Decision = "Deny"
)

// Satisfaction is the three-valued state of a premise: a constraint, or the match of a
// rule's target, party or action with the request.
type Satisfaction string

// The satisfaction states. Unknown is this package's addition to the FORCE vocabulary's
// Satisfied and Unsatisfied: the state of the world lacks what is needed to decide.
const (
	Satisfied   Satisfaction = "Satisfied"
	Unsatisfied Satisfaction = "Unsatisfied"
	Unknown     Satisfaction = "Unknown"
)

// Activation is the activation state of a rule: Active when every premise is satisfied
// (and, for a permission, every duty is fulfilled or inactive), Inactive when one is not,
// Undetermined when none fails but some are unknown.
type Activation string

// The activation states.
const (
	Active       Activation = "Active"
	Inactive     Activation = "Inactive"
	Undetermined Activation = "Undetermined"
)

// Attempt is the FORCE attemptState of a rule report. Every rule report that Evaluate
// makes is Attempted: the request is the attempt, whatever its action or target (FORCE
// compliance-report vocabulary, report:Attempted); NotAttempted is kept for reports read
// from elsewhere.
type Attempt string

// The attempt states.
const (
	Attempted    Attempt = "Attempted"
	NotAttempted Attempt = "NotAttempted"
)

// PremiseKind names what a premise checks.
type PremiseKind string

// The premise kinds (FORCE TargetReport, PartyReport, ActionReport, ConstraintReport).
const (
	TargetPremise     PremiseKind = "Target"
	PartyPremise      PremiseKind = "Party"
	ActionPremise     PremiseKind = "Action"
	ConstraintPremise PremiseKind = "Constraint"
)

// Report is the compliance report of one evaluation: the decision, the reason for it, and a
// report per rule and request rule with the state of every premise, so that every decision
// can be explained. Its JSON form (encoding/json) is stable and uses the field tags below;
// MarshalJSONLD writes it in the FORCE compliance-report vocabulary.
//
// A Report is a plain value; it is not modified after Evaluate returns.
type Report struct {
	Policy    string           `json:"policy"`
	Request   string           `json:"request"`
	Created   time.Time        `json:"created,omitzero"` // World.Now, else the instant the request gives (dateTime eq)
	Behaviour Behaviour        `json:"behaviour"`
	Conflict  ConflictStrategy `json:"conflict"` // the strategy applied
	Decision  Decision         `json:"decision"`
	Void      bool             `json:"void,omitempty"` // a conflict voided the policy (strategy invalid)
	Reason    string           `json:"reason"`
	Requests  []RequestResult  `json:"requests"`
	Rules     []RuleReport     `json:"rules"`
}

// RequestResult is the decision for one permission of the request; like every part of a
// Report, a plain value.
type RequestResult struct {
	Rule     string   `json:"rule,omitempty"` // the request rule's uid, "" for a blank node
	Action   string   `json:"action"`
	Target   string   `json:"target,omitempty"`
	Assignee string   `json:"assignee,omitempty"`
	Decision Decision `json:"decision"`
	Void     bool     `json:"void,omitempty"`
	Reason   string   `json:"reason"`
}

// RuleReport is the state of one policy rule against one request rule (FORCE
// PermissionReport, ProhibitionReport or DutyReport).
type RuleReport struct {
	Kind        RuleKind        `json:"kind"`
	Rule        string          `json:"rule,omitempty"` // the rule's uid, "" for a blank node
	Path        string          `json:"path"`           // where the rule is: "permission[0]", "permission[0].duty[1]"
	RuleRequest int             `json:"ruleRequest"`    // index into Report.Requests
	Attempt     Attempt         `json:"attemptState"`
	Activation  Activation      `json:"activationState"`
	Deontic     DeonticState    `json:"deonticState,omitempty"` // prohibitions and duties
	Premises    []PremiseReport `json:"premises"`
	Conditions  []RuleReport    `json:"conditions,omitempty"` // duties of a permission
	// PriorReport is the IRI of the duty's report in the state of the world
	// (World.DutyReports), which the FORCE report links as the permission's
	// report:conditionReport; "" when the world names none.
	PriorReport string `json:"priorReport,omitempty"`
}

// PremiseReport is the state of one premise. For constraints it gives the left operand,
// the value that was used for it, the operator and the right operand (pointers into the
// policy, the request and the world, which a report shares and does not modify); for a logical
// constraint, the reports of its operands; for targets, parties and actions with
// refinements, the reports of the refinements. Reason says, in words, why a premise is not
// satisfied.
type PremiseReport struct {
	Kind         PremiseKind     `json:"kind"`
	Satisfaction Satisfaction    `json:"satisfactionState"`
	Constraint   string          `json:"constraint,omitempty"` // the constraint's uid
	LeftOperand  string          `json:"leftOperand,omitempty"`
	Value        *Value          `json:"value,omitempty"` // the left operand's value; nil if unknown
	Operator     Operator        `json:"operator,omitempty"`
	RightOperand *Value          `json:"rightOperand,omitempty"`
	Logic        LogicalOperator `json:"logic,omitempty"`
	Operands     []PremiseReport `json:"operands,omitempty"`
	Reason       string          `json:"reason,omitempty"`
}
