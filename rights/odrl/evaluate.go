package odrl

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay/internal/errs"
)

// Behaviour is what an evaluation concludes when no rule decides (ODRL Formal Semantics
// draft, "Behaviour").
type Behaviour string

// The behaviours. The zero value means Closed, the draft's default.
const (
	Closed Behaviour = "closed" // not permitted ⇒ denied
	Open   Behaviour = "open"   // not prohibited ⇒ permitted
)

// Evaluator evaluates requests against policies. Its zero value is ready to use: closed
// behaviour, the default Limits, no operand functions. An Evaluator is safe for concurrent
// use if its OperandFuncs are.
type Evaluator struct {
	// Behaviour decides a request that no active permission or prohibition covers.
	// Defaults to Closed.
	Behaviour Behaviour
	// Limits bounds the work of one evaluation (MaxRuleReports, MaxPremiseReports,
	// MaxSteps); the zero value is the safe default.
	Limits Limits
	// Operands supplies left-operand values at evaluation time, keyed by the left
	// operand's IRI (e.g. Count from the backend's usage ledger, Spatial from its geo
	// lookup). A function's value is taken after the request's own eq constraints and
	// before World.Operands; nil means none.
	Operands map[string]OperandFunc
}

// OperandFunc gives the current value of a left operand for the request rule being
// evaluated (its action, target, assignee and constraints are in request). It is called at
// most once per left operand and request rule. A non-nil error (or a panic) leaves the
// operand without a value, so the constraints on it are Unknown and fail closed; the zero
// Value means "no value here", and the state of the world is asked instead. The value is
// typed by its left operand as World.Operands are (a count must be a decimal). It should
// honour ctx, which is the evaluation's.
type OperandFunc func(ctx context.Context, request *Rule) (Value, error)

// Evaluate evaluates req against p in the state of the world w with closed behaviour and
// the default Limits; it is Evaluator{}.EvaluateContext(context.Background(), p, req, w).
// The default Limits bound its time and memory on any input (about 100 ms and 64 MB at
// most on one core); use EvaluateContext to stop it sooner.
func Evaluate(p *Policy, req *Policy, w *World) (*Report, error) {
	return Evaluator{}.EvaluateContext(context.Background(), p, req, w)
}

// EvaluateContext is Evaluate with a context: the evaluation stops, with an error wrapping
// ctx.Err(), soon after ctx is done (it checks every 1,024 steps).
func EvaluateContext(ctx context.Context, p *Policy, req *Policy, w *World) (*Report, error) {
	return Evaluator{}.EvaluateContext(ctx, p, req, w)
}

// Evaluate is EvaluateContext with context.Background().
func (e Evaluator) Evaluate(p *Policy, req *Policy, w *World) (*Report, error) {
	return e.EvaluateContext(context.Background(), p, req, w)
}

// EvaluateContext evaluates each permission of the request req against every permission,
// prohibition and obligation of the policy p, in the state of the world w (nil means a
// world that knows nothing), following the ODRL Formal Semantics draft (W3C ODRL Community
// Group) and the FORCE compliance-report model:
//
//   - A rule's premises are what it states: its target, its assignee (the party premise),
//     its action and each constraint. A rule that states none of them restricts nothing and
//     is Active for every request. The target matches when it is the requested asset or a
//     collection the asset is partOf; the party when the rule's assignee is the requesting
//     party or a collection it is partOf; the action when the requested action is the
//     rule's or included in it (read ⊂ use, sell ⊂ transfer); a prohibition also covers a
//     request for a broader action (a use of an asset whose reading is prohibited).
//     Refinements narrow each element.
//   - Each constraint is Satisfied, Unsatisfied or Unknown. A left operand takes its value
//     from the request's eq constraints, else from the Evaluator's OperandFunc for it, else
//     from World.Operands (any IRI may have one), else, for dateTime, from World.Now. A
//     left operand without a value, an operator outside the twelve of ODRL 2.2, a
//     rightOperandReference whose value the world does not give (it is never fetched), a
//     value of the wrong type or incomparable values (P1M and P30D) are Unknown, with a
//     reason — never silently false. Logical constraints combine their operands in
//     Kleene's three-valued logic, every operand evaluated and reported.
//   - A rule is Active when every premise is satisfied and, for a permission, no duty is
//     Violated in World.Duties: a duty the world does not mention, or marks NonSet, is not
//     yet violated and does not deactivate its permission (FORCE); a Fulfilled duty is
//     done. Every rule report is Attempted: the request is the attempt.
//
// The decision for a request rule follows the policy's conflict strategy: an active
// prohibition and an active permission conflict, and then perm permits, prohibit denies
// and invalid (the default) voids the policy, denying everything; otherwise an active
// prohibition denies and an active permission permits. Unknown fails closed: a permission
// whose activation is undetermined grants nothing, and a prohibition whose activation is
// undetermined denies unless the strategy is perm and a permission is active. When nothing
// applies, Closed behaviour denies and Open permits. The report's decision is Permit only if
// every request rule is permitted, and its Reason explains a denial in one line: the first
// premise that failed in each relevant rule, with operand, operator, expected and actual
// values.
//
// Offers and Requests are not evaluated (the draft: an Offer MUST NOT be evaluated), nor is
// a policy with unresolved inheritFrom parents: these fail with ErrNotEvaluable and
// ErrUnresolvedParent. Work over e.Limits fails with a *LimitError before it starts when it
// can be counted in advance (rule and premise reports), and as soon as it is reached
// otherwise (steps).
func (e Evaluator) EvaluateContext(ctx context.Context, p *Policy, req *Policy, w *World) (*Report, error) {
	switch {
	case p == nil || req == nil:
		return nil, fmt.Errorf("%w: nil policy or request", ErrNotEvaluable)
	case p.Type == Offer || p.Type == Request:
		return nil, fmt.Errorf("%w: %s %s: only Set, Agreement and the other granting policies are evaluated (an Offer MUST NOT be, ODRL Formal Semantics; a Request is what is evaluated against one)", ErrNotEvaluable, p.Type, errs.Clip(p.UID, 200))
	case req.Type != Request:
		return nil, fmt.Errorf("%w: the request %s is a %s, not an odrl:Request", ErrNotEvaluable, errs.Clip(req.UID, 200), req.Type)
	case len(req.Permissions) == 0:
		return nil, fmt.Errorf("%w: the request %s asks for no permission", ErrNotEvaluable, errs.Clip(req.UID, 200))
	case len(p.InheritFrom) > 0:
		return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("inherits from %s, which is not merged: use Inherit", errs.Clip(p.InheritFrom[0], 200)), Err: ErrUnresolvedParent}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("odrl: evaluation not started: %w", err)
	}
	lim := e.Limits.effective()
	nreq := len(req.Permissions)
	nrules := ruleCount(p.Permissions) + ruleCount(p.Prohibitions) + ruleCount(p.Obligations)
	if satMul(nrules, nreq) > lim.MaxRuleReports {
		return nil, &LimitError{Limit: "MaxRuleReports", Value: satMul(nrules, nreq), Bound: lim.MaxRuleReports,
			What: fmt.Sprintf("rule reports (%d policy rules and duties × %d requested permissions)", nrules, nreq)}
	}
	npremises := premiseCount(p.Permissions) + premiseCount(p.Prohibitions) + premiseCount(p.Obligations)
	if satMul(npremises, nreq) > lim.MaxPremiseReports {
		return nil, &LimitError{Limit: "MaxPremiseReports", Value: satMul(npremises, nreq), Bound: lim.MaxPremiseReports,
			What: fmt.Sprintf("premise reports (%d per requested permission × %d)", npremises, nreq)}
	}
	if w == nil {
		w = &World{}
	}
	created := w.Now
	if created.IsZero() {
		created = requestInstant(&req.Permissions[0])
	}
	behaviour := e.Behaviour
	if behaviour == "" {
		behaviour = Closed
	}
	r := &Report{
		Policy:    p.UID,
		Request:   req.UID,
		Created:   created,
		Behaviour: behaviour,
		Conflict:  p.Conflict.Effective(),
		Decision:  Permit,
		Requests:  make([]RequestResult, 0, len(req.Permissions)),
		Rules:     make([]RuleReport, 0, nreq*(len(p.Permissions)+len(p.Prohibitions)+len(p.Obligations))),
	}
	ev := &evaluation{ctx: ctx, world: w, facts: req.Memberships, lim: lim, providers: e.Operands}
	ev.reaches, ev.reachKeys, ev.queue = ev.reachBuf[:0], ev.keyBuf[:0], ev.queueBuf[:0]
	ev.arena = make([]PremiseReport, 0, npremises*nreq)
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
		if ev.err != nil {
			return nil, ev.err
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
	}
	return RequestResult{Decision: Deny, Reason: noPermission(rules)}
}

// requestInstant is the dateTime a request rule gives (a FORCE request's TemporalData), or
// the zero time.
func requestInstant(q *Rule) time.Time {
	for i := range q.Constraints {
		c := &q.Constraints[i]
		if c.LeftOperand == DateTime && c.Operator == Eq && c.RightOperand.x != nil && timeKind(c.RightOperand.Kind) {
			return c.RightOperand.x.lo
		}
	}
	return time.Time{}
}

// satMul is a·b for non-negative a and b, or math.MaxInt if that overflows.
func satMul(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}

// maxExplained bounds the rules a denial's reason names.
const maxExplained = 8

// noPermission explains a denial for want of an active permission: for each permission,
// the first premise that failed, in one line.
func noPermission(rules []RuleReport) string {
	var b strings.Builder
	n := 0
	for i := range rules {
		rr := &rules[i]
		if rr.Kind != Permission {
			continue
		}
		if n == maxExplained {
			b.WriteString("; and more")
			break
		}
		if n == 0 {
			b.WriteString("no permission is active: ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(rr.Path)
		if rr.Activation == Undetermined {
			b.WriteString(" (undetermined)")
		}
		b.WriteString(": ")
		b.WriteString(whyNot(rr))
		n++
	}
	if n == 0 {
		return "the policy has no permission and behaviour is closed"
	}
	return b.String()
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
			if d := &rr.Conditions[i]; want == Unsatisfied && d.Deontic == Violated {
				return fmt.Sprintf("duty %s is violated", d.Path)
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
	if pr.Satisfaction == Satisfied {
		return fmt.Sprintf("%s is %s, %s %s", Short(pr.LeftOperand), pr.Value, Short(string(pr.Operator)), pr.RightOperand)
	}
	return fmt.Sprintf("%s is %s, expected %s %s", Short(pr.LeftOperand), pr.Value, Short(string(pr.Operator)), pr.RightOperand)
}
