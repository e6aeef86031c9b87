package odrl

import "github.com/dataassay/assay/internal/errs"

// constraint evaluates a constraint in three-valued logic into pr. Once the evaluation has
// hit a limit or its context is done, it leaves the premise Unknown and returns.
func (ev *evaluation) constraint(c *Constraint, depth int, pr *PremiseReport) {
	pr.Kind, pr.Constraint, pr.Satisfaction = ConstraintPremise, c.UID, Unknown
	if ev.step(1) {
		pr.Reason = "not evaluated: the evaluation stopped"
		return
	}
	if c.Logic != "" {
		ev.logical(c, pr, depth)
		return
	}
	pr.LeftOperand, pr.Operator, pr.RightOperand = c.LeftOperand, c.Operator, &c.RightOperand
	right := &c.RightOperand
	if c.RightOperandReference != "" {
		v, _ := ev.operand(c.RightOperandReference)
		if v == nil {
			pr.Reason = "rightOperandReference " + errs.Clip(c.RightOperandReference, 200) + " is not dereferenced; give its value in the world's operands"
			return
		}
		right, pr.RightOperand = v, v
	}
	if right.Kind == KindIRI && right.Lexical == policyUsage {
		if ev.now == nil {
			pr.Reason = "policyUsage needs the world's now"
			return
		}
		right = ev.now
	}
	left, why := ev.operand(c.LeftOperand)
	if left == nil {
		pr.Reason = why
		return
	}
	pr.Value = left
	pr.Satisfaction, pr.Reason = ev.apply(c.LeftOperand, *left, c.Operator, *right)
}

// logical evaluates and, or, xone and andSequence over the operands (Information Model
// §2.5.2, Logical Constraint) in Kleene's three-valued logic. Every operand is evaluated
// and reported, as the FORCE compliance-report model asks (each operand's
// ConstraintReport is a premiseReport of the logical one): there is no short circuit, and
// andSequence, whose operands the Information Model orders, has the truth value of and.
func (ev *evaluation) logical(c *Constraint, pr *PremiseReport, depth int) {
	pr.Logic = c.Logic
	var state Satisfaction
	switch c.Logic {
	case And, AndSequence:
		state = Satisfied
	case Or:
		state = Unsatisfied
	case Xone:
	default:
		pr.Satisfaction, pr.Reason = Unknown, "logical operator "+Short(string(c.Logic))+" is not supported"
		return
	}
	pr.Operands = ev.premises(len(c.Operands))[:len(c.Operands)]
	satisfied, unknown := 0, 0
	for i := range c.Operands {
		op := &pr.Operands[i]
		ev.constraint(&c.Operands[i], depth+1, op)
		switch c.Logic {
		case And, AndSequence:
			state = and3(state, op.Satisfaction)
		case Or:
			state = or3(state, op.Satisfaction)
		case Xone:
			switch op.Satisfaction {
			case Satisfied:
				satisfied++
			case Unknown:
				unknown++
			}
		}
	}
	if c.Logic == Xone {
		// exactly one operand satisfied; with unknowns, Unknown unless two are already
		// satisfied or none could be
		switch {
		case satisfied > 1:
			state = Unsatisfied
		case unknown > 0:
			state = Unknown
		case satisfied == 1:
			state = Satisfied
		default:
			state = Unsatisfied
		}
	}
	pr.Satisfaction = state
}

// apply applies an operator to a left value and a right operand.
func (ev *evaluation) apply(leftOperand string, l Value, op Operator, r Value) (Satisfaction, string) {
	switch op {
	case IsA, IsPartOf, HasPart:
		return ev.membership(l, op, r), ""
	case IsAnyOf, IsAllOf, IsNoneOf:
		ev.step(count(l) * count(r))
		return setOp(l, op, r)
	case Eq, Neq, Lt, Lteq, Gt, Gteq:
	default:
		return Unknown, "operator " + Short(string(op)) + " is not supported; unknown fails closed"
	}
	if l.Kind == KindList || r.Kind == KindList {
		return Unknown, Short(string(op)) + " compares single values, got a list"
	}
	l, r, why := unify(l, r)
	if why != "" {
		return Unknown, why
	}
	if op == Eq || op == Neq {
		s := eq3(leftOperand, l, r)
		if op == Neq {
			s = not3(s)
		}
		return s, ""
	}
	return order3(leftOperand, l, op, r)
}

// unify reads an untyped value as the type of the other side.
func unify(l, r Value) (Value, Value, string) {
	var ok bool
	if l, ok = l.ready(); !ok {
		return l, r, "value " + errs.Clip(l.Lexical, 64) + " is not a valid " + string(l.Kind)
	}
	if r, ok = r.ready(); !ok {
		return l, r, "right operand " + errs.Clip(r.Lexical, 64) + " is not a valid " + string(r.Kind)
	}
	switch {
	case typed(r.Kind) && l.Kind != r.Kind && !(timeKind(l.Kind) && timeKind(r.Kind)):
		t, err := l.as(asKind(r.Kind))
		if err != nil {
			return l, r, "value " + errs.Clip(l.Lexical, 64) + " is not a " + string(r.Kind)
		}
		return t, r, ""
	case typed(l.Kind) && r.Kind == KindString:
		t, err := r.as(asKind(l.Kind))
		if err != nil {
			return l, r, "right operand " + errs.Clip(r.Lexical, 64) + " is not a " + string(l.Kind)
		}
		return l, t, ""
	}
	return l, r, ""
}

func typed(k ValueKind) bool {
	return k == KindDecimal || timeKind(k) || k == KindDuration || k == KindBoolean
}

func timeKind(k ValueKind) bool { return k == KindDateTime || k == KindDate }

// asKind is the kind to read a value as to compare it with one of kind k: an instant is
// compared with a day as an instant.
func asKind(k ValueKind) ValueKind {
	if k == KindDate {
		return KindDateTime
	}
	return k
}

// eq3 tests equality of two unified values.
func eq3(leftOperand string, l, r Value) Satisfaction {
	switch {
	case l.Kind == KindDecimal && r.Kind == KindDecimal:
		return bool3(l.x.dec.Equal(r.x.dec))
	case timeKind(l.Kind) && timeKind(r.Kind):
		// an instant equals a day it falls in; two days or two instants must coincide
		return bool3(!l.x.lo.Before(r.x.lo) && !l.x.hi.After(r.x.hi) || !r.x.lo.Before(l.x.lo) && !r.x.hi.After(l.x.hi))
	case l.Kind == KindDuration && r.Kind == KindDuration:
		c, ok := compareDurations(l.x.dur, r.x.dur)
		if !ok {
			return Unknown
		}
		return bool3(c == 0)
	case l.Kind == KindBoolean && r.Kind == KindBoolean:
		return bool3((l.Lexical == "true" || l.Lexical == "1") == (r.Lexical == "true" || r.Lexical == "1"))
	case leftOperandKinds[leftOperand] == kindVersion:
		if c, ok := compareVersions(l.Lexical, r.Lexical); ok {
			return bool3(c == 0)
		}
	}
	return bool3(l.Lexical == r.Lexical)
}

// order3 applies lt, lteq, gt or gteq. Instants and days are compared as intervals
// [start, end): "dateTime lteq 2027-12-31" holds until the end of that day.
func order3(leftOperand string, l Value, op Operator, r Value) (Satisfaction, string) {
	var c int
	switch {
	case timeKind(l.Kind) && timeKind(r.Kind):
		var ok bool
		switch op {
		case Lt:
			ok = !l.x.hi.After(r.x.lo)
		case Lteq:
			ok = !l.x.hi.After(r.x.hi)
		case Gt:
			ok = !l.x.lo.Before(r.x.hi)
		case Gteq:
			ok = !l.x.lo.Before(r.x.lo)
		}
		return bool3(ok), ""
	case l.Kind == KindDecimal && r.Kind == KindDecimal:
		c = l.x.dec.Cmp(r.x.dec)
	case l.Kind == KindDuration && r.Kind == KindDuration:
		var ok bool
		if c, ok = compareDurations(l.x.dur, r.x.dur); !ok {
			return Unknown, "durations " + l.Lexical + " and " + r.Lexical + " are not comparable (XSD partial order)"
		}
	case leftOperandKinds[leftOperand] == kindVersion:
		var ok bool
		if c, ok = compareVersions(l.Lexical, r.Lexical); !ok {
			return Unknown, "version " + errs.Clip(l.Lexical, 64) + " is not dotted numbers"
		}
	default:
		return Unknown, Short(string(op)) + " needs ordered values, got " + string(l.Kind) + " and " + string(r.Kind)
	}
	switch op {
	case Lt:
		return bool3(c < 0), ""
	case Lteq:
		return bool3(c <= 0), ""
	case Gt:
		return bool3(c > 0), ""
	}
	return bool3(c >= 0), ""
}

// membership applies isA, isPartOf and hasPart by the world's transitive partOf relation,
// reflexively (a region is part of itself). A list on either side needs every left value
// to stand in the relation to some right value.
func (ev *evaluation) membership(l Value, op Operator, r Value) Satisfaction {
	for i := range count(l) {
		found := false
		for j := range count(r) {
			if ev.step(1) {
				return Unknown
			}
			x, y := at(l, i).Lexical, at(r, j).Lexical
			if op == HasPart {
				x, y = y, x
			}
			if ev.within(x, nil, y) {
				found = true
				break
			}
		}
		if !found {
			return Unsatisfied
		}
	}
	return bool3(count(l) > 0)
}

// setOp applies isAnyOf, isAllOf and isNoneOf (Vocabulary §4.4): some left value is one of
// the right list; every right value is among the left values; no left value is in it.
func setOp(l Value, op Operator, r Value) (Satisfaction, string) {
	in := func(x Value, set Value) Satisfaction {
		s := Unsatisfied
		for j := range count(set) {
			a, b, why := unify(x, at(set, j))
			if why != "" {
				s = or3(s, Unknown)
				continue
			}
			if s = or3(s, eq3("", a, b)); s == Satisfied {
				return s
			}
		}
		return s
	}
	switch op {
	case IsAnyOf:
		s := Unsatisfied
		for i := range count(l) {
			s = or3(s, in(at(l, i), r))
		}
		return s, ""
	case IsAllOf:
		s := Satisfied
		for j := range count(r) {
			s = and3(s, in(at(r, j), l))
		}
		return s, ""
	}
	s := Satisfied
	for i := range count(l) {
		s = and3(s, not3(in(at(l, i), r)))
	}
	return s, ""
}

// count and at view a value as a list: a list's elements, or the value alone.
func count(v Value) int {
	if v.Kind == KindList {
		return len(v.List)
	}
	return 1
}

func at(v Value, i int) Value {
	if v.Kind == KindList {
		return v.List[i]
	}
	return v
}

func bool3(b bool) Satisfaction {
	if b {
		return Satisfied
	}
	return Unsatisfied
}
