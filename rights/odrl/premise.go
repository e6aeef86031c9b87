package odrl

import (
	"time"
)

// evaluation holds what one Evaluate call knows: the world, the request rule being
// evaluated and the operand values that request gives.
type evaluation struct {
	world     *World
	q         *Rule
	overrides []operandValueOf
	known     []knownValue    // world operands used so far, addressable for the report
	now       *Value          // the world's now as a dateTime value; nil if unknown
	queue     []string        // scratch space for partOf walks
	arena     []PremiseReport // backing store for the premises of all rule reports
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

// premiseCount is the number of premise reports evaluating rs takes.
func premiseCount(rs []Rule) int {
	n := 0
	for i := range rs {
		n += len(rs[i].Constraints) + premiseCount(rs[i].Duties)
		if rs[i].Kind != Duty {
			n += 3
		}
	}
	return n
}

type operandValueOf struct {
	iri string
	v   *Value
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
// from the request, then the world, then, for dateTime, the world's now; nil if none.
func (ev *evaluation) operand(iri string) *Value {
	for i := range ev.overrides {
		if ev.overrides[i].iri == iri {
			return ev.overrides[i].v
		}
	}
	for i := range ev.known {
		if ev.known[i].iri == iri {
			return &ev.known[i].v
		}
	}
	if v, ok := ev.world.Operands[iri]; ok {
		if ev.known == nil {
			ev.known = make([]knownValue, 0, len(ev.world.Operands))
		}
		ev.known = append(ev.known, knownValue{iri, v})
		return &ev.known[len(ev.known)-1].v
	}
	if iri == DateTime {
		return ev.now
	}
	return nil
}

// within reports whether x is y or is partOf y, transitively, by the world's memberships
// and the memberships declared on the element itself.
func (ev *evaluation) within(x string, declared []string, y string) bool {
	if x == y {
		return true
	}
	q := append(ev.queue[:0], declared...)
	q = append(q, ev.world.PartOf[x]...)
	for i := 0; i < len(q) && i < 1<<14; i++ {
		if q[i] == y {
			ev.queue = q
			return true
		}
		for _, z := range ev.world.PartOf[q[i]] {
			if !containsString(q, z) {
				q = append(q, z)
			}
		}
	}
	ev.queue = q
	return false
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// rule evaluates one permission or prohibition (or obligation) against the request rule.
func (ev *evaluation) rule(r *Rule, path string, qi int) RuleReport {
	if r.Kind == Duty {
		return ev.duty(r, path, qi)
	}
	rr := RuleReport{Kind: r.Kind, Rule: r.UID, Path: path, RuleRequest: qi, Attempt: NotAttempted}
	rr.Premises = ev.premises(3 + len(r.Constraints))[:3+len(r.Constraints)]
	ev.target(r, &rr.Premises[0])
	ev.party(r, &rr.Premises[1])
	ev.action(r, &rr.Premises[2])
	if rr.Premises[2].Satisfaction == Satisfied {
		rr.Attempt = Attempted
	}
	for i := range r.Constraints {
		ev.constraint(&r.Constraints[i], 0, &rr.Premises[3+i])
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
			if d.Deontic != Fulfilled {
				switch d.Activation {
				case Active:
					state = and3(state, Unsatisfied)
				case Undetermined:
					state = and3(state, Unknown)
				}
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
// deontic state comes from the world.
func (ev *evaluation) duty(d *Rule, path string, qi int) RuleReport {
	rr := RuleReport{Kind: Duty, Rule: d.UID, Path: path, RuleRequest: qi, Attempt: NotAttempted, Deontic: NonSet}
	if s, ok := ev.world.Duties[d.UID]; ok && d.UID != "" {
		rr.Deontic, rr.Attempt = s, Attempted
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
	case !ev.within(q.id(), q.PartOf, t.id()):
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
	case !ev.within(q.id(), q.PartOf, a.id()):
		pr.Satisfaction, pr.Reason = Unsatisfied, q.id()+" is not "+a.id()+" nor a member of it"
	default:
		ev.refine(pr, a.Refinements)
	}
}

func (ev *evaluation) action(r *Rule, pr *PremiseReport) {
	pr.Kind, pr.Satisfaction = ActionPremise, Satisfied
	a, q := r.Action.IRI, ev.q.Action.IRI
	switch {
	case a == "":
		pr.Satisfaction, pr.Reason = Unknown, "the rule has no action"
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
	pr.Operands = make([]PremiseReport, len(refinements))
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
