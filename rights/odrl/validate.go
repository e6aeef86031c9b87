package odrl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dataassay/assay/internal/errs"
)

// ValidationMode selects which requirements of the ODRL 2.2 Information Model Validate
// checks.
type ValidationMode int

// The validation modes. The zero value is Lenient.
const (
	// Lenient checks what ParsePolicy always checks: a uid, at least one rule, an assigner
	// on every permission and prohibition of an Offer, an assigner and an assignee on every
	// rule of an Agreement (Information Model, Policy Class and its subclasses Offer and
	// Agreement).
	Lenient ValidationMode = iota
	// Strict also checks the cardinalities of the rule classes that evaluation tolerates:
	// every permission and prohibition has one action and one target (Information Model,
	// Permission Class and Prohibition Class: "MUST have one action property value", "MUST
	// have one target property value"), and every duty, obligation, remedy and consequence
	// has one action (Duty Class); and, when the policy declares no profile, that its
	// actions and constraint operators are ODRL 2.2 terms (Information Model, Policy Class:
	// terms from outside the ODRL vocabulary need a profile). A backend calls it before
	// accepting a policy into its store; Evaluate does not need it (a rule that states
	// nothing applies to every request).
	Strict
)

// Departure is one place where a policy departs from the Information Model.
type Departure struct {
	Path   string // "permission[0]", "permission[1].duty[0]", or "" for the policy itself
	Reason string // e.g. "a Permission MUST have one action (Information Model, Permission Class)"
}

// ValidationError lists every departure of a policy from the Information Model that Validate
// found, in document order. It wraps ErrInvalidPolicy.
type ValidationError struct {
	Policy     string
	Departures []Departure
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("odrl: ")
	if e.Policy != "" {
		b.WriteString(errs.Clip(e.Policy, 200))
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%d departure(s) from the ODRL 2.2 Information Model: ", len(e.Departures))
	for i, d := range e.Departures {
		if i == 8 {
			fmt.Fprintf(&b, "; and %d more", len(e.Departures)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		if d.Path != "" {
			b.WriteString(d.Path)
			b.WriteString(": ")
		}
		b.WriteString(d.Reason)
	}
	return b.String()
}

// Unwrap returns ErrInvalidPolicy.
func (e *ValidationError) Unwrap() error { return ErrInvalidPolicy }

// Validate checks a composed policy (one without unresolved inheritFrom parents) against the
// requirements of the ODRL 2.2 Information Model that mode selects, and returns a
// *ValidationError listing every departure, or nil. It does not change the policy or how
// Evaluate reads it.
func (p *Policy) Validate(mode ValidationMode) error {
	if p == nil {
		return &ValidationError{Departures: []Departure{{Reason: "nil policy"}}}
	}
	var ds []Departure
	add := func(path, format string, args ...any) {
		ds = append(ds, Departure{Path: path, Reason: fmt.Sprintf(format, args...)})
	}
	if p.UID == "" {
		add("", "a Policy MUST have one uid IRI (Information Model, Policy Class)")
	}
	if len(p.Permissions)+len(p.Prohibitions)+len(p.Obligations) == 0 {
		add("", "a Policy MUST have at least one permission, prohibition or obligation (Information Model, Policy Class)")
	}
	for _, k := range [...]struct {
		name  string
		rules []Rule
	}{{"permission", p.Permissions}, {"prohibition", p.Prohibitions}, {"obligation", p.Obligations}} {
		for i := range k.rules {
			r := &k.rules[i]
			path := indexPath(k.name, i)
			switch {
			case p.Type == Offer && k.name != "obligation" && r.Assigner == nil:
				add(path, "an Offer MUST have an assigner on every rule (Information Model, Offer Class)")
			case p.Type == Agreement && (r.Assigner == nil || r.Assignee == nil):
				add(path, "an Agreement MUST have an assigner and an assignee on every rule (Information Model, Agreement Class)")
			}
			if mode == Strict {
				strictRule(r, path, len(p.Profiles) > 0, add)
			}
		}
	}
	if len(ds) == 0 {
		return nil
	}
	return &ValidationError{Policy: p.UID, Departures: ds}
}

// strictRule adds the departures of one rule, and of its duties, remedies and consequences,
// from the cardinalities of the Information Model's rule classes and, without a profile,
// from the ODRL vocabulary.
func strictRule(r *Rule, path string, profiled bool, add func(path, format string, args ...any)) {
	class := string(r.Kind)
	if r.Action.IRI == "" {
		add(path, "a %s MUST have one action (Information Model, %s Class)", class, class)
	} else if _, known := actionParent[r.Action.IRI]; !known && !profiled {
		add(path, "action %s is not an ODRL 2.2 action and the policy declares no profile (Information Model, Policy Class)", errs.Clip(r.Action.IRI, 200))
	}
	if r.Kind != Duty && r.Target == nil {
		add(path, "a %s MUST have one target (Information Model, %s Class)", class, class)
	}
	if !profiled {
		strictOperators(r.Constraints, path+".constraint", add)
		strictOperators(r.Action.Refinements, path+".action.refinement", add)
	}
	for _, sub := range [...]struct {
		name  string
		rules []Rule
	}{{"duty", r.Duties}, {"remedy", r.Remedies}, {"consequence", r.Consequences}} {
		for i := range sub.rules {
			strictRule(&sub.rules[i], path+"."+indexPath(sub.name, i), profiled, add)
		}
	}
}

// strictOperators adds a departure for each constraint operator outside ODRL 2.2.
func strictOperators(cs []Constraint, path string, add func(path, format string, args ...any)) {
	for i := range cs {
		c := &cs[i]
		at := path + "[" + strconv.Itoa(i) + "]"
		if c.Logic != "" {
			strictOperators(c.Operands, at+"."+Short(string(c.Logic)), add)
			continue
		}
		if !c.Operator.Known() {
			add(at, "operator %s is not an ODRL 2.2 operator and the policy declares no profile (Information Model, Policy Class)", errs.Clip(string(c.Operator), 200))
		}
	}
}
