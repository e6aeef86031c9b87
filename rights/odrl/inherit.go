package odrl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dataassay/assay/internal/errs"
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
	return InheritLimits(Limits{}, child, parents...)
}

// InheritLimits is Inherit within lim: the merged policy may hold at most lim.MaxRules
// rules, checked after each parent is merged, and inheritance may be at most lim.MaxDepth
// deep. Each parent is merged once, however many paths lead to it (a diamond of
// inheritance), so the work is linear in the policies and their rules.
func InheritLimits(lim Limits, child *Policy, parents ...*Policy) (*Policy, error) {
	if child == nil {
		return nil, &PolicyError{Reason: "Inherit of a nil policy", Err: ErrInvalidPolicy}
	}
	p, err := inherit(child, parents, false, lim.effective())
	if err != nil {
		return nil, err
	}
	if err := p.Validate(Lenient); err != nil {
		return nil, err
	}
	return p, nil
}

// merged is a policy merged with its ancestors, and which ancestors' own rules it holds, in
// order, so that a policy reached along two paths is merged once.
type merged struct {
	p    *Policy
	from []segment
	have map[string]bool // the uids in from
}

// segment says that the rules of policy uid sit at [perm, perm+nperm) of Permissions, and so
// on, in a merged policy.
type segment struct {
	uid                string
	perm, proh, obl    int
	nperm, nproh, nobl int
}

func inherit(child *Policy, pool []*Policy, allowMissing bool, lim Limits) (*Policy, error) {
	index := make(map[string]*Policy, len(pool)+1)
	for _, q := range append([]*Policy{child}, pool...) {
		if q != nil && q.UID != "" {
			index[q.UID] = q
		}
	}
	memo := map[string]*merged{}
	var visit func(p *Policy, stack []string) (*merged, error)
	visit = func(p *Policy, stack []string) (*merged, error) {
		if slices.Contains(stack, p.UID) {
			return nil, &PolicyError{Policy: p.UID, Reason: "inherits from itself: " + errs.Clip(strings.Join(append(stack, p.UID), " → "), 600), Err: ErrInheritanceCycle}
		}
		if m, ok := memo[p.UID]; ok && p.UID != "" {
			return m, nil
		}
		if len(stack) > lim.MaxDepth {
			return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("inheritance %d deep is over the limit MaxDepth = %d", len(stack), lim.MaxDepth),
				Err: &LimitError{Limit: "MaxDepth", Value: len(stack), Bound: lim.MaxDepth, What: "depth of inheritance"}}
		}
		out := *p
		out.InheritFrom = nil
		out.Profiles = slices.Clone(p.Profiles)
		out.Permissions = slices.Clone(p.Permissions)
		out.Prohibitions = slices.Clone(p.Prohibitions)
		out.Obligations = slices.Clone(p.Obligations)
		unresolved := uidSet{}
		m := &merged{p: &out, from: []segment{{uid: p.UID, nperm: len(p.Permissions), nproh: len(p.Prohibitions), nobl: len(p.Obligations)}},
			have: map[string]bool{p.UID: p.UID != ""}}
		for _, uid := range p.InheritFrom {
			parent, ok := index[uid]
			if !ok {
				if !allowMissing {
					return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("parent %q was not supplied", errs.Clip(uid, 200)), Err: ErrUnresolvedParent}
				}
				unresolved.add(&out, uid)
				continue
			}
			pm, err := visit(parent, append(stack, p.UID))
			if err != nil {
				return nil, err
			}
			for _, uid := range pm.p.InheritFrom {
				unresolved.add(&out, uid)
			}
			m.merge(pm)
			if n := len(out.Permissions) + len(out.Prohibitions) + len(out.Obligations); n > lim.MaxRules {
				return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("%d rules after inheritance are over the limit MaxRules = %d", n, lim.MaxRules),
					Err: &LimitError{Limit: "MaxRules", Value: n, Bound: lim.MaxRules, What: "rules after inheritance"}}
			}
		}
		out.compose()
		if p.UID != "" {
			memo[p.UID] = m
		}
		return m, nil
	}
	m, err := visit(child, nil)
	if err != nil {
		return nil, err
	}
	return m.p, nil
}

// uidSet collects the unresolved parents of a merged policy once each.
type uidSet map[string]bool

func (u uidSet) add(p *Policy, uid string) {
	if !u[uid] {
		u[uid] = true
		p.InheritFrom = append(p.InheritFrom, uid)
	}
}

// merge adds a merged parent's elements, and the rules of each of its ancestors that m
// does not hold yet, to m.
func (m *merged) merge(parent *merged) {
	p := m.p
	p.mergeElements(parent.p)
	for _, seg := range parent.from {
		if m.have[seg.uid] {
			continue
		}
		at := segment{uid: seg.uid, perm: len(p.Permissions), proh: len(p.Prohibitions), obl: len(p.Obligations), nperm: seg.nperm, nproh: seg.nproh, nobl: seg.nobl}
		for _, r := range parent.p.Permissions[seg.perm : seg.perm+seg.nperm] {
			p.Permissions = append(p.Permissions, r.withoutStatus())
		}
		for _, r := range parent.p.Prohibitions[seg.proh : seg.proh+seg.nproh] {
			p.Prohibitions = append(p.Prohibitions, r.withoutStatus())
		}
		for _, r := range parent.p.Obligations[seg.obl : seg.obl+seg.nobl] {
			p.Obligations = append(p.Obligations, r.withoutStatus())
		}
		m.from = append(m.from, at)
		m.have[seg.uid] = seg.uid != ""
	}
}

// mergeElements adds a resolved parent's policy-level elements, profiles and conflict
// strategy to p.
func (p *Policy) mergeElements(parent *Policy) {
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
