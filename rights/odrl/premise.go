package odrl

import (
	"context"
	"fmt"
	"time"

	"github.com/dataassay/assay/internal/errs"
)

// evaluation holds what one Evaluate call knows: the world, the request rule being
// evaluated, the operand values that request gives, and the work done so far.
type evaluation struct {
	ctx       context.Context
	world     *World
	facts     map[string][]string // the request's Memberships, read as World.PartOf is
	lim       Limits
	providers map[string]OperandFunc
	q         *Rule
	overrides []operandValueOf
	provided  []providedValue // provider answers for the current request rule
	known     []knownValue    // world operands used so far, addressable for the report
	now       *Value          // the world's now as a dateTime value; nil if unknown
	arena     []PremiseReport // backing store for the premises of all rule reports

	// reaches memoises the transitive partOf closure of each element asked about (the
	// element is at the same index of reachKeys, and in reachOf once there are more than
	// eight), so that a membership test costs one walk per element, not one per pair;
	// ancSize counts the memo's entries.
	reaches   []reach
	reachKeys []string
	reachOf   map[string]int
	ancSize   int
	queue     []string // scratch space for partOf walks

	// Small first backing stores for reaches, reachKeys and queue, so that an evaluation
	// over a few collections allocates none of them.
	reachBuf [4]reach
	keyBuf   [4]string
	queueBuf [16]string

	steps, nextCheck int
	err              error // the first limit breached or the context's error; ends the evaluation
}

// step counts n elementary steps against Limits.MaxSteps and checks the context every
// 1,024 steps; it reports whether the evaluation must stop.
func (ev *evaluation) step(n int) bool {
	if ev.err != nil {
		return true
	}
	ev.steps += n
	if ev.steps > ev.lim.MaxSteps {
		ev.err = &LimitError{Limit: "MaxSteps", Value: ev.steps, Bound: ev.lim.MaxSteps, What: "evaluation steps (premises, partOf edges, set comparisons)"}
		return true
	}
	if ev.steps >= ev.nextCheck {
		ev.nextCheck = ev.steps + 1024
		if err := ev.ctx.Err(); err != nil {
			ev.err = fmt.Errorf("odrl: evaluation stopped after %d steps: %w", ev.steps, err)
			return true
		}
	}
	return false
}

// premises returns an empty slice with room for n premise reports, carved from the arena
// so that one evaluation allocates its premises at once.
func (ev *evaluation) premises(n int) []PremiseReport {
	if n > cap(ev.arena)-len(ev.arena) {
		ev.arena = make([]PremiseReport, 0, max(n, 64))
	}
	start := len(ev.arena)
	ev.arena = ev.arena[:start+n]
	return ev.arena[start : start : start+n]
}

// ruleCount is the number of rule reports evaluating rs against one request rule takes:
// one per rule and one per duty of a permission.
func ruleCount(rs []Rule) int {
	n := len(rs)
	for i := range rs {
		if rs[i].Kind != Duty {
			n += len(rs[i].Duties)
		}
	}
	return n
}

// premiseCount is the most premise reports evaluating rs against one request rule takes:
// one per stated target, party, action and constraint, one per operand of a logical
// constraint, one per refinement, and those of the duties.
func premiseCount(rs []Rule) int {
	n := 0
	for i := range rs {
		r := &rs[i]
		n += constraintCount(r.Constraints)
		if r.Kind == Duty {
			continue
		}
		if r.Target != nil {
			n += 1 + constraintCount(r.Target.Refinements)
		}
		if r.Assignee != nil {
			n += 1 + constraintCount(r.Assignee.Refinements)
		}
		if r.Action.IRI != "" {
			n += 1 + constraintCount(r.Action.Refinements)
		}
		for j := range r.Duties {
			n += constraintCount(r.Duties[j].Constraints)
		}
	}
	return n
}

// constraintCount is the number of premise reports of cs: one per constraint and one per
// operand of a logical constraint, recursively.
func constraintCount(cs []Constraint) int {
	n := len(cs)
	for i := range cs {
		n += constraintCount(cs[i].Operands)
	}
	return n
}

type operandValueOf struct {
	iri string
	v   *Value
}

// providedValue is an OperandFunc's answer for the current request rule: a value, or why
// there is none.
type providedValue struct {
	iri string
	v   *Value
	why string
}

// knownValue is a copy of a world operand; known never grows past its capacity, so
// pointers to its values stay valid.
type knownValue struct {
	iri string
	v   Value
}

// request makes q the request rule being evaluated: its eq constraints give operand values.
func (ev *evaluation) request(q *Rule) {
	ev.q = q
	ev.overrides = ev.overrides[:0]
	ev.provided = ev.provided[:0]
	for i := range q.Constraints {
		c := &q.Constraints[i]
		if c.Logic == "" && c.Operator == Eq && !c.RightOperand.IsZero() {
			ev.overrides = append(ev.overrides, operandValueOf{c.LeftOperand, &c.RightOperand})
		}
	}
	if ev.now == nil && !ev.world.Now.IsZero() {
		t := ev.world.Now.UTC()
		ev.now = &Value{Kind: KindDateTime, Lexical: t.Format(time.RFC3339Nano), Datatype: XSDDateTime, x: &parsed{lo: t, hi: t.Add(time.Nanosecond)}}
	}
}

// operand returns the current value of a left operand (or of a rightOperandReference):
// from the request, then the Evaluator's OperandFunc for it, then the world, then, for
// dateTime, the world's now. It returns nil and the reason when there is none.
func (ev *evaluation) operand(iri string) (*Value, string) {
	for i := range ev.overrides {
		if ev.overrides[i].iri == iri {
			return ev.overrides[i].v, ""
		}
	}
	if f, ok := ev.providers[iri]; ok && f != nil {
		pv := ev.provide(iri, f)
		if pv.v != nil || pv.why != "" {
			return pv.v, pv.why
		}
	}
	for i := range ev.known {
		if ev.known[i].iri == iri {
			return &ev.known[i].v, ""
		}
	}
	if v, ok := ev.world.Operands[iri]; ok {
		if ev.known == nil {
			ev.known = make([]knownValue, 0, len(ev.world.Operands))
		}
		ev.known = append(ev.known, knownValue{iri, v})
		return &ev.known[len(ev.known)-1].v, ""
	}
	if iri == DateTime && ev.now != nil {
		return ev.now, ""
	}
	return nil, "no value for " + Short(iri) + " in the request or the world"
}

// provide asks an OperandFunc for the value of iri once per request rule. An error or a
// panic of the function, or a value of the wrong type for the operand, leaves the operand
// without a value and says why; the zero Value means the function has no value, and the
// world is asked instead.
func (ev *evaluation) provide(iri string, f OperandFunc) providedValue {
	for _, pv := range ev.provided {
		if pv.iri == iri {
			return pv
		}
	}
	pv := providedValue{iri: iri}
	v, err := callProvider(ev.ctx, f, ev.q)
	switch {
	case err != nil:
		pv.why = "the operand function for " + Short(iri) + " failed: " + errs.Clip(err.Error(), 200)
	case !v.IsZero():
		if tv, terr := typeOperand(iri, v); terr != nil {
			pv.why = "the operand function for " + Short(iri) + " gave " + errs.Clip(terr.Error(), 200)
		} else {
			pv.v = &tv
		}
	}
	ev.provided = append(ev.provided, pv)
	return pv
}

// callProvider calls f, turning a panic into an error: a backend's bug makes a premise
// Unknown, never a crashed evaluation.
func callProvider(ctx context.Context, f OperandFunc, q *Rule) (v Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panicked: %v", r)
		}
	}()
	return f(ctx, q)
}

// within reports whether x is y or is partOf y, transitively, by the world's memberships
// and the memberships declared on the element itself.
func (ev *evaluation) within(x string, declared []string, y string) bool {
	if x == y || ev.closure(x).has(y) {
		return true
	}
	for _, d := range declared {
		if d == y || ev.closure(d).has(y) {
			return true
		}
	}
	return false
}

// member reports whether x is the collection named uid or source, or is partOf either
// (Information Model, Asset and Party Classes: a collection may be identified by its uid,
// or by the source it refines; the FORCE test suite puts members partOf the source).
func (ev *evaluation) member(x string, declared []string, uid, source string) bool {
	return uid != "" && ev.within(x, declared, uid) || source != "" && ev.within(x, declared, source)
}

// reach is the set of everything an element is transitively partOf: a list while it is
// small, a map beside it once it is not.
type reach struct {
	list []string
	set  map[string]struct{}
}

func (r *reach) has(y string) bool {
	if r == nil {
		return false
	}
	if r.set != nil {
		_, ok := r.set[y]
		return ok
	}
	for _, x := range r.list {
		if x == y {
			return true
		}
	}
	return false
}

// smallReach is the size up to which a reach is searched as a list.
const smallReach = 16

func (r *reach) add(y string) {
	r.list = append(r.list, y)
	switch {
	case r.set != nil:
		r.set[y] = struct{}{}
	case len(r.list) > smallReach:
		r.set = make(map[string]struct{}, 2*len(r.list))
		for _, x := range r.list {
			r.set[x] = struct{}{}
		}
	}
}

// closure returns what x is transitively partOf in the world, walking each partOf edge at
// most once and counting the edges as steps; memoised per element for the evaluation (the
// memo is cleared when it outgrows 65,536 entries, and rebuilt as needed).
func (ev *evaluation) closure(x string) *reach {
	if i, ok := ev.memoIndex(x); ok {
		return &ev.reaches[i]
	}
	direct, stated := ev.world.PartOf[x], ev.facts[x]
	if len(direct) == 0 && len(stated) == 0 {
		return nil
	}
	if ev.ancSize > 1<<16 {
		ev.reaches, ev.reachKeys, ev.reachOf, ev.ancSize = ev.reaches[:0], ev.reachKeys[:0], nil, 0
	}
	var r reach
	q := append(append(ev.queue[:0], direct...), stated...)
	ev.step(len(q))
	for i := 0; i < len(q) && ev.err == nil; i++ {
		if r.has(q[i]) {
			continue
		}
		r.add(q[i])
		if next := ev.world.PartOf[q[i]]; len(next) > 0 && !ev.step(len(next)) {
			q = append(q, next...)
		}
		if next := ev.facts[q[i]]; len(next) > 0 && !ev.step(len(next)) {
			q = append(q, next...)
		}
	}
	ev.queue = q[:0]
	ev.ancSize += len(r.list)
	ev.reaches = append(ev.reaches, r)
	ev.reachKeys = append(ev.reachKeys, x)
	if ev.reachOf != nil || len(ev.reaches) > 8 {
		if ev.reachOf == nil {
			ev.reachOf = make(map[string]int, 2*len(ev.reaches))
			for i, k := range ev.reachKeys {
				ev.reachOf[k] = i
			}
		}
		ev.reachOf[x] = len(ev.reaches) - 1
	}
	return &ev.reaches[len(ev.reaches)-1]
}

// memoIndex finds x's memoised reach.
func (ev *evaluation) memoIndex(x string) (int, bool) {
	if ev.reachOf != nil {
		i, ok := ev.reachOf[x]
		return i, ok
	}
	for i, k := range ev.reachKeys {
		if k == x {
			return i, true
		}
	}
	return 0, false
}

// rule evaluates one permission or prohibition (or obligation) against the request rule.
// Following the FORCE compliance-report model, the report is Attempted (the request is the
// attempt) and has a premise report for each element the rule states and no other: no
// target, no TargetReport; a rule that states nothing is Active.
func (ev *evaluation) rule(r *Rule, path string, qi int) RuleReport {
	if r.Kind == Duty {
		return ev.duty(r, path, qi)
	}
	rr := RuleReport{Kind: r.Kind, Rule: r.UID, Path: path, RuleRequest: qi, Attempt: Attempted}
	n := len(r.Constraints)
	if r.Target != nil {
		n++
	}
	if r.Assignee != nil {
		n++
	}
	if r.Action.IRI != "" {
		n++
	}
	if n > 0 {
		rr.Premises = ev.premises(n)[:n]
	}
	i := 0
	if r.Target != nil {
		ev.target(r, &rr.Premises[i])
		i++
	}
	if r.Assignee != nil {
		ev.party(r, &rr.Premises[i])
		i++
	}
	if r.Action.IRI != "" {
		ev.action(r, &rr.Premises[i])
		i++
	}
	for j := range r.Constraints {
		ev.constraint(&r.Constraints[j], 0, &rr.Premises[i+j])
	}
	state := Satisfied
	for i := range rr.Premises {
		state = and3(state, rr.Premises[i].Satisfaction)
	}
	if len(r.Duties) > 0 {
		rr.Conditions = make([]RuleReport, len(r.Duties))
		for i := range r.Duties {
			d := ev.duty(&r.Duties[i], path+"."+indexPath("duty", i), qi)
			rr.Conditions[i] = d
			if d.Deontic == Violated {
				state = and3(state, Unsatisfied)
			}
		}
	}
	rr.Activation = activation(state)
	if r.Kind == Prohibition {
		rr.Deontic = NonSet
		if rr.Activation == Active {
			rr.Deontic = Violated // the request would act while the prohibition is active
		}
	}
	return rr
}

// duty evaluates a duty or obligation: active when its constraints are satisfied; its
// deontic state and prior report come from the world (NonSet when the world does not
// mention it).
func (ev *evaluation) duty(d *Rule, path string, qi int) RuleReport {
	rr := RuleReport{Kind: Duty, Rule: d.UID, Path: path, RuleRequest: qi, Attempt: Attempted, Deontic: NonSet}
	if d.UID != "" {
		if s, ok := ev.world.Duties[d.UID]; ok {
			rr.Deontic = s
		}
		rr.PriorReport = ev.world.DutyReports[d.UID]
	}
	state := Satisfied
	if len(d.Constraints) > 0 {
		rr.Premises = ev.premises(len(d.Constraints))[:len(d.Constraints)]
		for i := range d.Constraints {
			ev.constraint(&d.Constraints[i], 0, &rr.Premises[i])
			state = and3(state, rr.Premises[i].Satisfaction)
		}
	}
	rr.Activation = activation(state)
	return rr
}

func activation(s Satisfaction) Activation {
	switch s {
	case Satisfied:
		return Active
	case Unsatisfied:
		return Inactive
	}
	return Undetermined
}

func (ev *evaluation) target(r *Rule, pr *PremiseReport) {
	pr.Kind, pr.Satisfaction = TargetPremise, Satisfied
	t := r.Target
	switch q := ev.q.Target; {
	case t == nil:
	case q == nil:
		pr.Satisfaction, pr.Reason = Unknown, "the request names no target"
	case !ev.member(q.id(), q.PartOf, t.UID, t.Source):
		pr.Satisfaction, pr.Reason = Unsatisfied, q.id()+" is not "+t.id()+" nor part of it"
	default:
		ev.refine(pr, t.Refinements)
	}
}

func (ev *evaluation) party(r *Rule, pr *PremiseReport) {
	pr.Kind, pr.Satisfaction = PartyPremise, Satisfied
	a := r.Assignee
	switch q := ev.q.Assignee; {
	case a == nil:
	case q == nil:
		pr.Satisfaction, pr.Reason = Unknown, "the request names no assignee"
	case !ev.member(q.id(), q.PartOf, a.UID, a.Source):
		pr.Satisfaction, pr.Reason = Unsatisfied, q.id()+" is not "+a.id()+" nor a member of it"
	default:
		ev.refine(pr, a.Refinements)
	}
}

func (ev *evaluation) action(r *Rule, pr *PremiseReport) {
	pr.Kind, pr.Satisfaction = ActionPremise, Satisfied
	a, q := r.Action.IRI, ev.q.Action.IRI
	switch {
	case q == "":
		pr.Satisfaction, pr.Reason = Unknown, "the request names no action"
	case IncludedIn(q, a), r.Kind == Prohibition && IncludedIn(a, q):
		ev.refine(pr, r.Action.Refinements)
	default:
		pr.Satisfaction, pr.Reason = Unsatisfied, Short(q)+" is not "+Short(a)+" nor included in it"
	}
}

// refine evaluates the refinements of a matched target, party or action into pr.
func (ev *evaluation) refine(pr *PremiseReport, refinements []Constraint) {
	if len(refinements) == 0 {
		return
	}
	pr.Operands = ev.premises(len(refinements))[:len(refinements)]
	for i := range refinements {
		ev.constraint(&refinements[i], 0, &pr.Operands[i])
		pr.Satisfaction = and3(pr.Satisfaction, pr.Operands[i].Satisfaction)
	}
	if pr.Satisfaction != Satisfied {
		pr.Reason = "refinement: " + explain(&pr.Operands[firstWith(pr.Operands, pr.Satisfaction)])
	}
}

// firstWith returns the index of the first premise in state s, or 0.
func firstWith(ps []PremiseReport, s Satisfaction) int {
	for i := range ps {
		if ps[i].Satisfaction == s {
			return i
		}
	}
	return 0
}

// and3, or3 are Kleene's strong three-valued conjunction and disjunction.
func and3(a, b Satisfaction) Satisfaction {
	switch {
	case a == Unsatisfied || b == Unsatisfied:
		return Unsatisfied
	case a == Unknown || b == Unknown:
		return Unknown
	}
	return Satisfied
}

func or3(a, b Satisfaction) Satisfaction {
	switch {
	case a == Satisfied || b == Satisfied:
		return Satisfied
	case a == Unknown || b == Unknown:
		return Unknown
	}
	return Unsatisfied
}

func not3(a Satisfaction) Satisfaction {
	switch a {
	case Satisfied:
		return Unsatisfied
	case Unsatisfied:
		return Satisfied
	}
	return Unknown
}
