package odrl

// PolicyType is the class of a policy (ODRL 2.2 Information Model §2.1).
type PolicyType string

// The policy classes of ODRL 2.2. Policy is read as Set (Information Model §2.1.1: "the
// default Policy subclass is Set").
const (
	Set       PolicyType = "Set"
	Offer     PolicyType = "Offer"     // MUST have an assigner; grants nothing until agreed
	Agreement PolicyType = "Agreement" // MUST have an assigner and an assignee; grants
	Request   PolicyType = "Request"   // a party asks for rules to be granted
	Assertion PolicyType = "Assertion"
	Privacy   PolicyType = "Privacy"
	Ticket    PolicyType = "Ticket"
)

// ConflictStrategy says which rule wins when an active permission and an active prohibition
// cover the same request (Information Model §2.8 and the odrl:conflict property).
type ConflictStrategy string

// The conflict strategies. The zero value "" means Invalid, the ODRL default.
const (
	Perm     ConflictStrategy = "perm"     // permissions override prohibitions
	Prohibit ConflictStrategy = "prohibit" // prohibitions override permissions
	Invalid  ConflictStrategy = "invalid"  // any conflict voids the whole policy (the default)
)

// Effective returns the strategy in force: Invalid for the zero value.
func (c ConflictStrategy) Effective() ConflictStrategy {
	if c == "" {
		return Invalid
	}
	return c
}

// RuleKind is the deontic kind of a rule.
type RuleKind string

// The rule kinds. Duty covers duties of permissions, obligations of the policy, remedies of
// prohibitions and consequences of duties.
const (
	Permission  RuleKind = "Permission"
	Prohibition RuleKind = "Prohibition"
	Duty        RuleKind = "Duty"
)

// Policy is an ODRL 2.2 policy in composed form: every rule is atomic (one action, at most
// one target, assigner and assignee; Information Model §2.7.1), the policy-level target,
// action and parties have been copied into the rules that lacked them, and rules inherited
// with Inherit are included. The policy-level elements are kept too, so that a policy is
// written back as it was given and inheritance can apply them to inherited rules.
//
// A *Policy returned by ParsePolicy, ParseRequest or Inherit is read-only and safe for
// concurrent use by any number of evaluations; do not modify it. Its JSON form is the
// compact JSON-LD of MarshalJSONLD.
type Policy struct {
	UID         string
	Type        PolicyType
	Profiles    []string
	InheritFrom []string // parents still to merge with Inherit; empty once resolved
	Conflict    ConflictStrategy

	// Policy-level elements (compact policy, Information Model §2.7.1), as given.
	Target   *Asset
	Action   *Action
	Assigner *Party
	Assignee *Party

	Permissions  []Rule
	Prohibitions []Rule
	Obligations  []Rule

	// Memberships are the rdf:type statements a request document makes about the values
	// it gives (the FORCE request "ex:purpose a dpv:AccountManagement"), keyed by the
	// value's IRI. Evaluate reads a request's Memberships as it reads World.PartOf, so isA,
	// isPartOf and hasPart see them. Nil for policies.
	Memberships map[string][]string
}

// Rule is an atomic permission, prohibition or duty. Rules, and the actions, assets,
// parties and constraints in them, are plain values: read-only once parsed, like their Policy.
type Rule struct {
	UID         string // the rule's IRI; "" for a blank node
	Kind        RuleKind
	Action      Action
	Target      *Asset // nil: no target, which matches any asset
	Assigner    *Party
	Assignee    *Party // nil: no assignee, which matches any party
	Output      *Asset // the asset the action produces, if stated
	Functions   []Function
	Constraints []Constraint // conjunctive (Information Model §2.5)

	Duties       []Rule // of a permission: pre-conditions to fulfil
	Remedies     []Rule // of a prohibition: what to do if it is violated
	Consequences []Rule // of a duty: what is owed if it is not fulfilled
}

// Function is a party in a role other than assigner or assignee (attributedParty,
// compensatedParty, informedParty, …; Information Model §2.3.1).
type Function struct {
	Role  string // the property IRI, e.g. http://www.w3.org/ns/odrl/2/compensatedParty
	Party Party
}

// Action is an action IRI with the refinements that narrow it.
type Action struct {
	IRI         string       // "" if the rule gave none
	Refinements []Constraint `json:",omitempty"`
}

// Asset is a target or output: an asset or an asset collection, named by its uid or, for a
// refined collection, by its source (Information Model §2.2).
type Asset struct {
	UID         string
	Source      string // the collection refined, when UID is empty
	Collection  bool
	PartOf      []string
	Refinements []Constraint // conditions every member of the collection meets
}

// Party is an assigner, assignee or other party, or a party collection (Information Model
// §2.3).
type Party struct {
	UID         string
	Source      string
	Collection  bool
	PartOf      []string
	Refinements []Constraint
}

// id returns the asset's name: its uid, or the source of a refined collection.
func (a *Asset) id() string {
	if a.UID != "" {
		return a.UID
	}
	return a.Source
}

func (p *Party) id() string {
	if p.UID != "" {
		return p.UID
	}
	return p.Source
}

// Operator is a constraint operator IRI (Vocabulary §4.4).
type Operator string

// The twelve ODRL 2.2 operators.
const (
	Eq       Operator = NS + "eq"
	Neq      Operator = NS + "neq"
	Lt       Operator = NS + "lt"
	Lteq     Operator = NS + "lteq"
	Gt       Operator = NS + "gt"
	Gteq     Operator = NS + "gteq"
	IsA      Operator = NS + "isA"
	HasPart  Operator = NS + "hasPart"
	IsPartOf Operator = NS + "isPartOf"
	IsAllOf  Operator = NS + "isAllOf"
	IsAnyOf  Operator = NS + "isAnyOf"
	IsNoneOf Operator = NS + "isNoneOf"
)

// Known reports whether op is one of the twelve ODRL 2.2 operators, which Evaluate
// supports; constraints with any other operator are Unknown.
func (op Operator) Known() bool {
	switch op {
	case Eq, Neq, Lt, Lteq, Gt, Gteq, IsA, HasPart, IsPartOf, IsAllOf, IsAnyOf, IsNoneOf:
		return true
	}
	return false
}

// LogicalOperator combines constraints (Information Model §2.5.2).
type LogicalOperator string

// The logical operators; all four are supported.
const (
	And         LogicalOperator = NS + "and"
	Or          LogicalOperator = NS + "or"
	Xone        LogicalOperator = NS + "xone"
	AndSequence LogicalOperator = NS + "andSequence"
)

// Constraint is an atomic constraint (LeftOperand Operator RightOperand) or, when Logic is
// set, a logical constraint over Operands. Atomic constraints have exactly one of
// RightOperand and RightOperandReference.
type Constraint struct {
	UID string // "" for a blank node

	LeftOperand           string
	Operator              Operator
	RightOperand          Value
	RightOperandReference string // an IRI to dereference; never fetched, see Evaluate
	DataType              string
	Unit                  string
	Status                Value

	Logic    LogicalOperator
	Operands []Constraint
}
