package odrl

import (
	"context"
	"testing"
)

// TestApply_Operators checks each ODRL 2.2 operator on typed values, directly. Expected
// states are worked by hand from the operators' definitions in the ODRL 2.2 Vocabulary
// (§4.4, Constraint Operators), XSD 1.1 Part 2 (§3.3.6 duration and the partial order of
// §E.3.3; dateTime and date as intervals) and Kleene's three-valued logic for the set
// operators (an element that cannot be compared is Unknown, not false).
func TestApply_Operators(t *testing.T) {
	lit := func(lex, dt string) Value {
		v, err := Literal(lex, dt)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	str := func(s string) Value { return Value{Kind: KindString, Lexical: s} }
	dec := func(s string) Value { return lit(s, XSDDecimal) }
	dur := func(s string) Value { return lit(s, XSDDuration) }
	w := &World{PartOf: map[string][]string{"urn:GD": {"urn:CN"}, "urn:HK": {"urn:CN"}, "urn:SZ": {"urn:GD"}}}
	tests := []struct {
		name    string
		left    string // the left operand, which types version comparisons
		l       Value
		op      Operator
		r       Value
		want    Satisfaction
		comment string
	}{
		{"eq decimals", Count, dec("7"), Eq, dec("7.0"), Satisfied, "7 = 7.0 as numbers"},
		{"neq strings", "", str("a"), Neq, str("b"), Satisfied, ""},
		{"eq IRIs", "", IRI("urn:a"), Eq, IRI("urn:b"), Unsatisfied, ""},
		{"lt on IRIs", "", IRI("urn:a"), Lt, IRI("urn:b"), Unknown, "IRIs have no order"},
		{"lt on a list", Count, List(dec("1"), dec("2")), Lt, dec("3"), Unknown, "lt compares single values"},
		{"eq booleans", "", lit("1", XSDBoolean), Eq, lit("true", XSDBoolean), Satisfied, "1 and true are the same xsd:boolean"},
		{"eq untyped against a decimal", Count, str("abc"), Eq, dec("5"), Unknown, "abc is no decimal"},
		{"eq untyped read as a decimal", Count, str("5.00"), Eq, dec("5"), Satisfied, ""},
		// dateTime and date as intervals [start, end): 2027-12-31 is [31 Dec 00:00, 1 Jan 00:00)
		{"instant eq its day", DateTime, lit("2027-12-31T12:00:00Z", XSDDateTime), Eq, lit("2027-12-31", XSDDate), Satisfied, ""},
		{"instant gt its day", DateTime, lit("2027-12-31T12:00:00Z", XSDDateTime), Gt, lit("2027-12-31", XSDDate), Unsatisfied, "not after the day's end"},
		{"instant gteq its day", DateTime, lit("2027-12-31T12:00:00Z", XSDDateTime), Gteq, lit("2027-12-31", XSDDate), Satisfied, "not before the day's start"},
		{"day lt the next day", DateTime, lit("2027-12-30", XSDDate), Lt, lit("2027-12-31", XSDDate), Satisfied, ""},
		{"instants across time zones", DateTime, lit("2027-12-31T08:00:00+08:00", XSDDateTime), Eq, lit("2027-12-31T00:00:00Z", XSDDateTime), Satisfied, "the same instant"},
		// durations: days are 24 h; months compare with days only when every reference agrees
		{"PT24H eq P1D", ElapsedTime, dur("PT24H"), Eq, dur("P1D"), Satisfied, ""},
		{"P1M gt P27D", ElapsedTime, dur("P1M"), Gt, dur("P27D"), Satisfied, "a month is 28 to 31 days"},
		{"P1M lt P30D", ElapsedTime, dur("P1M"), Lt, dur("P30D"), Unknown, "28 < 30 from 1697-02-01, 30 = 30 from 1696-09-01"},
		{"P1Y eq P12M", ElapsedTime, dur("P1Y"), Eq, dur("P12M"), Satisfied, ""},
		{"negative durations", ElapsedTime, dur("-P2D"), Lt, dur("-P1D"), Satisfied, ""},
		// versions compare by dotted components
		{"version 1.10 gt 1.9", Version, str("1.10"), Gt, str("1.9"), Satisfied, ""},
		{"version not numeric", Version, str("1.a"), Gt, str("1.9"), Unknown, ""},
		// set operators (Vocabulary §4.4): isAnyOf — some left value is one of the right
		// list; isAllOf — every right value is among the left values; isNoneOf — no left
		// value is in the right list
		{"isAnyOf hit", "", str("b"), IsAnyOf, List(str("a"), str("b")), Satisfied, ""},
		{"isAnyOf miss", "", List(str("c"), str("d")), IsAnyOf, List(str("a"), str("b")), Unsatisfied, ""},
		{"isAllOf", "", List(str("a"), str("b"), str("c")), IsAllOf, List(str("a"), str("c")), Satisfied, ""},
		{"isAllOf short", "", List(str("a")), IsAllOf, List(str("a"), str("b")), Unsatisfied, ""},
		{"isNoneOf", "", List(str("a"), str("b")), IsNoneOf, List(str("c")), Satisfied, ""},
		{"isNoneOf hit", "", List(str("a")), IsNoneOf, List(str("a")), Unsatisfied, ""},
		{"isAnyOf with an incomparable element, hit", Count, dec("5"), IsAnyOf, List(str("x"), dec("5")), Satisfied, "true or unknown is true"},
		{"isAnyOf with an incomparable element, miss", Count, dec("6"), IsAnyOf, List(str("x"), dec("5")), Unknown, "false or unknown is unknown"},
		{"isNoneOf with an incomparable element", Count, dec("6"), IsNoneOf, List(str("x"), dec("5")), Unknown, "not unknown is unknown"},
		// memberships by the world's partOf, transitive and reflexive
		{"isPartOf transitive", Spatial, IRI("urn:SZ"), IsPartOf, IRI("urn:CN"), Satisfied, "SZ ⊂ GD ⊂ CN"},
		{"isPartOf reflexive", Spatial, IRI("urn:GD"), IsPartOf, IRI("urn:GD"), Satisfied, ""},
		{"isPartOf sibling", Spatial, IRI("urn:GD"), IsPartOf, IRI("urn:HK"), Unsatisfied, ""},
		{"hasPart", Spatial, IRI("urn:CN"), HasPart, IRI("urn:SZ"), Satisfied, "CN contains SZ"},
		{"hasPart reversed", Spatial, IRI("urn:SZ"), HasPart, IRI("urn:CN"), Unsatisfied, ""},
		{"isA every left value", Spatial, List(IRI("urn:GD"), IRI("urn:HK")), IsA, IRI("urn:CN"), Satisfied, ""},
		{"isA one left value outside", Spatial, List(IRI("urn:GD"), IRI("urn:US")), IsA, IRI("urn:CN"), Unsatisfied, ""},
		{"isPartOf some right value", Spatial, IRI("urn:SZ"), IsPartOf, List(IRI("urn:HK"), IRI("urn:GD")), Satisfied, ""},
		{"unknown operator", "", str("a"), Operator("urn:about"), str("a"), Unknown, "outside ODRL 2.2: fails closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := &evaluation{ctx: context.Background(), world: w, lim: Limits{}.effective()}
			got, why := ev.apply(tt.left, tt.l, tt.op, tt.r)
			if got != tt.want {
				t.Errorf("%s %s %s = %s (%s), want %s (%s)", tt.l, Short(string(tt.op)), tt.r, got, why, tt.want, tt.comment)
			}
		})
	}
}

// TestLogic3 checks Kleene's strong connectives on the full truth tables.
func TestLogic3(t *testing.T) {
	S, U, K := Satisfied, Unsatisfied, Unknown
	all := []Satisfaction{S, U, K}
	// rows and columns in the order S, U, K
	and := [3][3]Satisfaction{{S, U, K}, {U, U, U}, {K, U, K}}
	or := [3][3]Satisfaction{{S, S, S}, {S, U, K}, {S, K, K}}
	for i, a := range all {
		for j, b := range all {
			if got := and3(a, b); got != and[i][j] {
				t.Errorf("and3(%s, %s) = %s, want %s", a, b, got, and[i][j])
			}
			if got := or3(a, b); got != or[i][j] {
				t.Errorf("or3(%s, %s) = %s, want %s", a, b, got, or[i][j])
			}
		}
	}
	for _, c := range [][2]Satisfaction{{S, U}, {U, S}, {K, K}} {
		if got := not3(c[0]); got != c[1] {
			t.Errorf("not3(%s) = %s, want %s", c[0], got, c[1])
		}
	}
}
