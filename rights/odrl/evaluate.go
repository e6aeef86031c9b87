package odrl

import (
	"fmt"
	"strconv"
	"strings"
)

// Behaviour is what an evaluation concludes when no rule decides (ODRL Formal Semantics
// draft, "Behaviour").
type Behaviour string

// The behaviours. The zero value means Closed, the draft's default.
const (
	Closed Behaviour = "closed" // not permitted ⇒ denied
	Open   Behaviour = "open"   // not prohibited ⇒ permitted
)

// Evaluator evaluates requests against policies. Its zero value is ready to use and
// evaluates with closed behaviour; it is safe for concurrent use.
type Evaluator struct {
	// Behaviour decides a request that no active permission or prohibition covers.
	// Defaults to Closed.
	Behaviour Behaviour
}

// Evaluate evaluates req against p in the state of the world w with closed behaviour; it is
// Evaluator{}.Evaluate.
func Evaluate(p *Policy, req *Policy, w *World) (*Report, error) {
	return Evaluator{}.Evaluate(p, req, w)
}

// Evaluate evaluates each permission of the request req against every permission,
// prohibition and obligation of the policy p, in the state of the world w (nil means a
// world that knows nothing), following the ODRL Formal Semantics draft (W3C ODRL Community
// Group):
//
//   - A rule's premises are its target, party, action and constraints. The target matches
//     when it is the requested asset or a collection the asset is partOf; the party when the
//     rule's assignee is the requesting party or a collection it is partOf; the action when
//     the requested action is the rule's or included in it (read ⊂ use, sell ⊂ transfer).
//     A rule without target or assignee matches any; a prohibition also covers a request
//     for a broader action (a use of an asset whose reading is prohibited). Refinements
//     narrow each element.
//   - Each constraint is Satisfied, Unsatisfied or Unknown. A left operand takes its value
//     from the request's eq constraints, else from World.Operands (any IRI, in or outside
//     the ODRL vocabulary, may have one), else, for dateTime, from World.Now. A left
//     operand without a value, an operator outside the twelve of ODRL 2.2, a
//     rightOperandReference whose value the world does not give (it is never fetched), a
//     value of the wrong type or incomparable values (P1M and P30D) are Unknown, with a
//     reason — never silently false. Logical constraints combine their operands in Kleene's three-valued
//     logic; andSequence stops at the first operand that is unsatisfied.
//   - A rule is Active when every premise is satisfied and, for a permission, every duty is
//     fulfilled or inactive; a duty's deontic state comes from World.Duties (NonSet if
//     absent) and it is active when its constraints are satisfied.
//
// The decision for a request rule follows the policy's conflict strategy: an active
// prohibition and an active permission conflict, and then perm permits, prohibit denies
// and invalid (the default) voids the policy, denying everything; otherwise an active
// prohibition denies and an active permission permits. Unknown fails closed: a permission
// whose activation is undetermined grants nothing, and a prohibition whose activation is
// undetermined denies unless the strategy is perm and a permission is active. When nothing
// applies, Closed behaviour denies and Open permits. The report's decision is Permit only if
// every request rule is permitted.
//
// Offers and Requests are not evaluated (the draft: an Offer MUST NOT be evaluated), nor is
// a policy with unresolved inheritFrom parents: these fail with ErrNotEvaluable and
// ErrUnresolvedParent.
func (e Evaluator) Evaluate(p *Policy, req *Policy, w *World) (*Report, error) {
	switch {
	case p == nil || req == nil:
		return nil, fmt.Errorf("%w: nil policy or request", ErrNotEvaluable)
	case p.Type == Offer || p.Type == Request:
		return nil, fmt.Errorf("%w: %s %s: only Set, Agreement and the other granting policies are evaluated (an Offer MUST NOT be, ODRL Formal Semantics; a Request is what is evaluated against one)", ErrNotEvaluable, p.Type, clip(p.UID, 200))
	case req.Type != Request:
		return nil, fmt.Errorf("%w: the request %s is a %s, not an odrl:Request", ErrNotEvaluable, clip(req.UID, 200), req.Type)
	case len(req.Permissions) == 0:
		return nil, fmt.Errorf("%w: the request %s asks for no permission", ErrNotEvaluable, clip(req.UID, 200))
	case len(p.InheritFrom) > 0:
		return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("inherits from %s, which is not merged: use Inherit", clip(p.InheritFrom[0], 200)), Err: ErrUnresolvedParent}
	}
	if w == nil {
		w = &World{}
	}
	behaviour := e.Behaviour
	if behaviour == "" {
		behaviour = Closed
	}
	r := &Report{
		Policy:    p.UID,
		Request:   req.UID,
		Created:   w.Now,
		Behaviour: behaviour,
		Conflict:  p.Conflict.Effective(),
		Decision:  Permit,
		Requests:  make([]RequestResult, 0, len(req.Permissions)),
		Rules:     make([]RuleReport, 0, len(req.Permissions)*(len(p.Permissions)+len(p.Prohibitions)+len(p.Obligations))),
	}
	ev := evaluation{world: w}
	ev.arena = make([]PremiseReport, 0, len(req.Permissions)*(premiseCount(p.Permissions)+premiseCount(p.Prohibitions)+premiseCount(p.Obligations)))
	paths := rulePaths(p)
	for qi := range req.Permissions {
		q := &req.Permissions[qi]
		ev.request(q)
		first := len(r.Rules)
		for i := range p.Permissions {
			r.Rules = append(r.Rules, ev.rule(&p.Permissions[i], paths[i], qi))
		}
		for i := range p.Prohibitions {
			r.Rules = append(r.Rules, ev.rule(&p.Prohibitions[i], paths[len(p.Permissions)+i], qi))
		}
		for i := range p.Obligations {
			r.Rules = append(r.Rules, ev.rule(&p.Obligations[i], paths[len(p.Permissions)+len(p.Prohibitions)+i], qi))
		}
		res := decide(r.Rules[first:], r.Conflict, behaviour)
		res.Rule, res.Action = q.UID, q.Action.IRI
		if q.Target != nil {
			res.Target = q.Target.id()
		}
		if q.Assignee != nil {
			res.Assignee = q.Assignee.id()
		}
		r.Requests = append(r.Requests, res)
	}
	var denied []string
	for i, res := range r.Requests {
		r.Void = r.Void || res.Void
		if res.Decision != Permit {
			r.Decision = Deny
			denied = append(denied, requestLabel(i, len(r.Requests))+res.Reason)
		}
	}
	switch {
	case r.Void:
		// A void policy grants nothing, to any of the request's rules.
		r.Decision = Deny
		r.Reason = "policy is void: " + firstVoid(r.Requests)
		for i := range r.Requests {
			if r.Requests[i].Decision == Permit {
				r.Requests[i].Decision, r.Requests[i].Reason = Deny, r.Reason
			}
		}
	case r.Decision == Deny:
		r.Reason = strings.Join(denied, "; ")
	default:
		r.Reason = r.Requests[0].Reason
		if len(r.Requests) > 1 {
			r.Reason = "every requested permission is granted"
		}
	}
	return r, nil
}

func requestLabel(i, n int) string {
	if n == 1 {
		return ""
	}
	return "request[" + strconv.Itoa(i) + "]: "
}

func firstVoid(rs []RequestResult) string {
	for _, r := range rs {
		if r.Void {
			return r.Reason
		}
	}
	return ""
}

// indexPath returns "kind[i]".
func indexPath(kind string, i int) string {
	return kind + "[" + strconv.Itoa(i) + "]"
}

// rulePaths returns "permission[0]" … "prohibition[0]" … "obligation[0]" … for the rules
// of p, cut from one string.
func rulePaths(p *Policy) []string {
	n := len(p.Permissions) + len(p.Prohibitions) + len(p.Obligations)
	var b strings.Builder
	b.Grow(n * len("prohibition[00]"))
	ends := make([]int, 0, n)
	for _, k := range [...]struct {
		name string
		n    int
	}{{"permission", len(p.Permissions)}, {"prohibition", len(p.Prohibitions)}, {"obligation", len(p.Obligations)}} {
		for i := range k.n {
			b.WriteString(k.name)
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(i))
			b.WriteByte(']')
			ends = append(ends, b.Len())
		}
	}
	all := b.String()
	paths := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		paths[i], start = all[start:end], end
	}
	return paths
}

// decide reduces the rule reports for one request rule to a decision.
func decide(rules []RuleReport, strategy ConflictStrategy, b Behaviour) RequestResult {
	var perm, proh, permMaybe, prohMaybe *RuleReport
	for i := range rules {
		rr := &rules[i]
		switch {
		case rr.Kind == Permission && rr.Activation == Active && perm == nil:
			perm = rr
		case rr.Kind == Permission && rr.Activation == Undetermined && permMaybe == nil:
			permMaybe = rr
		case rr.Kind == Prohibition && rr.Activation == Active && proh == nil:
			proh = rr
		case rr.Kind == Prohibition && rr.Activation == Undetermined && prohMaybe == nil:
			prohMaybe = rr
		}
	}
	switch {
	case perm != nil && proh != nil:
		conflict := fmt.Sprintf("%s and %s are both active and conflict", perm.Path, proh.Path)
		switch strategy {
		case Perm:
			return RequestResult{Decision: Permit, Reason: conflict + "; the policy's conflict strategy perm lets the permission win"}
		case Prohibit:
			return RequestResult{Decision: Deny, Reason: conflict + "; the policy's conflict strategy prohibit lets the prohibition win"}
		}
		return RequestResult{Decision: Deny, Void: true, Reason: conflict + " under conflict strategy invalid"}
	case proh != nil:
		return RequestResult{Decision: Deny, Reason: proh.Path + " prohibits it"}
	case perm != nil && prohMaybe != nil && strategy != Perm:
		return RequestResult{Decision: Deny, Reason: fmt.Sprintf("%s may apply (%s), and prohibitions are not overridden under conflict strategy %s", prohMaybe.Path, whyNot(prohMaybe), strategy)}
	case perm != nil:
		return RequestResult{Decision: Permit, Reason: perm.Path + " permits it"}
	case prohMaybe != nil:
		return RequestResult{Decision: Deny, Reason: fmt.Sprintf("%s may apply (%s); unknown fails closed", prohMaybe.Path, whyNot(prohMaybe))}
	case b == Open:
		return RequestResult{Decision: Permit, Reason: "no rule prohibits it and behaviour is open"}
	case permMaybe != nil:
		return RequestResult{Decision: Deny, Reason: fmt.Sprintf("no permission is active: %s is undetermined (%s)", permMaybe.Path, whyNot(permMaybe))}
	}
	for i := range rules {
		if rules[i].Kind == Permission {
			return RequestResult{Decision: Deny, Reason: fmt.Sprintf("no permission is active: %s is inactive (%s)", rules[i].Path, whyNot(&rules[i]))}
		}
	}
	return RequestResult{Decision: Deny, Reason: "the policy has no permission and behaviour is closed"}
}

// whyNot explains the first premise of a rule that is not satisfied.
func whyNot(rr *RuleReport) string {
	for _, want := range [...]Satisfaction{Unsatisfied, Unknown} {
		for i := range rr.Premises {
			if pr := &rr.Premises[i]; pr.Satisfaction == want {
				return explain(pr)
			}
		}
		for i := range rr.Conditions {
			d := &rr.Conditions[i]
			if (want == Unsatisfied && d.Activation == Active && d.Deontic != Fulfilled) ||
				(want == Unknown && d.Activation == Undetermined && d.Deontic != Fulfilled) {
				return fmt.Sprintf("duty %s is %s", d.Path, strings.ToLower(string(d.Deontic)))
			}
		}
	}
	return "all premises satisfied"
}

// explain renders a premise's state in words.
func explain(pr *PremiseReport) string {
	if pr.Kind != ConstraintPremise {
		return strings.ToLower(string(pr.Kind)) + ": " + pr.Reason
	}
	if pr.Logic != "" {
		for i := range pr.Operands {
			if pr.Operands[i].Satisfaction == pr.Satisfaction {
				return Short(string(pr.Logic)) + ": " + explain(&pr.Operands[i])
			}
		}
		return Short(string(pr.Logic)) + " is " + strings.ToLower(string(pr.Satisfaction))
	}
	if pr.Reason != "" {
		return pr.Reason
	}
	not := ""
	if pr.Satisfaction == Unsatisfied {
		not = "not "
	}
	return fmt.Sprintf("%s is %s, %s%s %s", Short(pr.LeftOperand), pr.Value, not, Short(string(pr.Operator)), pr.RightOperand)
}
