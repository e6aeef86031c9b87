package odrl

import (
	"fmt"
	"slices"
	"strings"
)

// Inherit returns child merged with the parents it names in InheritFrom, at any depth,
// following ODRL 2.2 Information Model §2.8 (Policy Inheritance): the child takes the
// parents' policy-level target, action and parties where it has none, their profiles,
// their conflict strategy and their rules, with every constraint status nulled; then the
// merged policy-level elements are copied into the rules that lack them. When parents and
// child state different conflict strategies, the result's strategy is Invalid, so that any
// conflict between their rules voids the policy (§2.8: several distinct conflict values
// after merging make a conflicting policy void).
//
// Parents are matched by UID among parents. It fails with ErrInheritanceCycle if a policy
// inherits from itself through any chain, with ErrUnresolvedParent if a named parent is
// missing, and with ErrInvalidPolicy if the result breaks a normative rule (see
// ParsePolicy). Neither child nor parents are modified.
func Inherit(child *Policy, parents ...*Policy) (*Policy, error) {
	if child == nil {
		return nil, &PolicyError{Reason: "Inherit of a nil policy", Err: ErrInvalidPolicy}
	}
	p, err := inherit(child, parents, false)
	if err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return p, nil
}

func inherit(child *Policy, pool []*Policy, allowMissing bool) (*Policy, error) {
	index := make(map[string]*Policy, len(pool)+1)
	for _, q := range append([]*Policy{child}, pool...) {
		if q != nil && q.UID != "" {
			index[q.UID] = q
		}
	}
	var visit func(p *Policy, stack []string) (*Policy, error)
	visit = func(p *Policy, stack []string) (*Policy, error) {
		if slices.Contains(stack, p.UID) {
			return nil, &PolicyError{Policy: p.UID, Reason: "inherits from itself: " + strings.Join(append(stack, p.UID), " → "), Err: ErrInheritanceCycle}
		}
		if len(stack) > MaxDepth {
			return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("inheritance deeper than %d", MaxDepth), Err: ErrTooLarge}
		}
		out := *p
		out.InheritFrom = nil
		out.Profiles = slices.Clone(p.Profiles)
		out.Permissions = slices.Clone(p.Permissions)
		out.Prohibitions = slices.Clone(p.Prohibitions)
		out.Obligations = slices.Clone(p.Obligations)
		for _, uid := range p.InheritFrom {
			parent, ok := index[uid]
			if !ok {
				if !allowMissing {
					return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("parent %q was not supplied", clip(uid, 200)), Err: ErrUnresolvedParent}
				}
				out.InheritFrom = append(out.InheritFrom, uid)
				continue
			}
			merged, err := visit(parent, append(stack, p.UID))
			if err != nil {
				return nil, err
			}
			out.InheritFrom = append(out.InheritFrom, merged.InheritFrom...)
			out.merge(merged)
		}
		out.compose()
		return &out, nil
	}
	return visit(child, nil)
}

// merge adds a resolved parent's elements and rules to p.
func (p *Policy) merge(parent *Policy) {
	if p.Target == nil {
		p.Target = parent.Target
	}
	if p.Action == nil {
		p.Action = parent.Action
	}
	if p.Assigner == nil {
		p.Assigner = parent.Assigner
	}
	if p.Assignee == nil {
		p.Assignee = parent.Assignee
	}
	for _, pr := range parent.Profiles {
		if !slices.Contains(p.Profiles, pr) {
			p.Profiles = append(p.Profiles, pr)
		}
	}
	switch {
	case parent.Conflict == "":
	case p.Conflict == "":
		p.Conflict = parent.Conflict
	case p.Conflict != parent.Conflict:
		p.Conflict = Invalid
	}
	for _, r := range parent.Permissions {
		p.Permissions = append(p.Permissions, r.withoutStatus())
	}
	for _, r := range parent.Prohibitions {
		p.Prohibitions = append(p.Prohibitions, r.withoutStatus())
	}
	for _, r := range parent.Obligations {
		p.Obligations = append(p.Obligations, r.withoutStatus())
	}
}

// withoutStatus returns a copy of r whose constraints have no status (Information Model
// §2.8: inherited status values are nulled).
func (r Rule) withoutStatus() Rule {
	r.Constraints = constraintsWithoutStatus(r.Constraints)
	r.Action.Refinements = constraintsWithoutStatus(r.Action.Refinements)
	for _, sub := range []*[]Rule{&r.Duties, &r.Remedies, &r.Consequences} {
		rs := make([]Rule, len(*sub))
		for i, d := range *sub {
			rs[i] = d.withoutStatus()
		}
		if len(rs) > 0 {
			*sub = rs
		}
	}
	return r
}

func constraintsWithoutStatus(cs []Constraint) []Constraint {
	if len(cs) == 0 {
		return cs
	}
	out := make([]Constraint, len(cs))
	for i, c := range cs {
		c.Status = Value{}
		c.Operands = constraintsWithoutStatus(c.Operands)
		out[i] = c
	}
	return out
}

// compose copies the policy-level target, action and parties into the top-level rules that
// lack them (Information Model §2.7.1, compact policies).
func (p *Policy) compose() {
	for _, rs := range [...][]Rule{p.Permissions, p.Prohibitions, p.Obligations} {
		for i := range rs {
			r := &rs[i]
			if r.Target == nil {
				r.Target = p.Target
			}
			if r.Action.IRI == "" && p.Action != nil {
				r.Action = *p.Action
			}
			if r.Assigner == nil {
				r.Assigner = p.Assigner
			}
			if r.Assignee == nil {
				r.Assignee = p.Assignee
			}
		}
	}
}

// validate checks the normative rules of the information model that a composed policy
// without unresolved parents must meet (Information Model §2.1).
func (p *Policy) validate() error {
	fail := func(format string, args ...any) error {
		return &PolicyError{Policy: p.UID, Reason: fmt.Sprintf(format, args...), Err: ErrInvalidPolicy}
	}
	if p.UID == "" {
		return fail("policy has no uid (a policy MUST have exactly one uid IRI)")
	}
	if len(p.Permissions)+len(p.Prohibitions)+len(p.Obligations) == 0 {
		return fail("policy has no permission, prohibition or obligation")
	}
	check := func(kind string, rs []Rule, assignee bool) error {
		for i, r := range rs {
			if r.Assigner == nil {
				return fail("%s[%d]: an %s MUST have an assigner", kind, i, p.Type)
			}
			if assignee && r.Assignee == nil {
				return fail("%s[%d]: an %s MUST have an assignee", kind, i, p.Type)
			}
		}
		return nil
	}
	switch p.Type {
	case Offer:
		if err := check("permission", p.Permissions, false); err != nil {
			return err
		}
		return check("prohibition", p.Prohibitions, false)
	case Agreement:
		if err := check("permission", p.Permissions, true); err != nil {
			return err
		}
		if err := check("prohibition", p.Prohibitions, true); err != nil {
			return err
		}
		return check("obligation", p.Obligations, true)
	}
	return nil
}
