package odrl

import (
	"errors"
	"testing"
	"time"
)

// TestLiteral checks the lexical spaces of XSD 1.1 Part 2 that right operands use; the
// parsed values are worked out by hand.
func TestLiteral(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		lexical, datatype string
		kind              ValueKind
		check             func(Value) bool
	}{
		{"500.00", XSDDecimal, KindDecimal, func(v Value) bool { return v.x.dec.String() == "500" }},
		{"-0.5", XSDDecimal, KindDecimal, func(v Value) bool { return v.x.dec.IsNegative() }},
		{"17", XSDInteger, KindDecimal, func(v Value) bool { return v.x.dec.IntPart() == 17 }},
		{"2027-12-31", XSDDate, KindDate, func(v Value) bool { return v.x.lo.Equal(day(2027, 12, 31)) && v.x.hi.Equal(day(2028, 1, 1)) }},
		// 23:00 at UTC+08:00 is 15:00 UTC.
		{"2027-12-31T23:00:00+08:00", XSDDateTime, KindDateTime, func(v Value) bool {
			return v.x.lo.Equal(time.Date(2027, 12, 31, 15, 0, 0, 0, time.UTC))
		}},
		{"2027-12-31T23:00:00", XSDDateTime, KindDateTime, func(v Value) bool { // no zone: UTC
			return v.x.lo.Equal(time.Date(2027, 12, 31, 23, 0, 0, 0, time.UTC))
		}},
		// P1Y2M3DT4H5M6.5S = 14 months and ((3·24+4)·60+5)·60+6.5 s = 273906.5 s.
		{"P1Y2M3DT4H5M6.5S", XSDDuration, KindDuration, func(v Value) bool {
			return v.x.dur == duration{months: 14, nanos: 273906_500_000_000}
		}},
		{"-PT1M", XSDDuration, KindDuration, func(v Value) bool { return v.x.dur == duration{nanos: -60_000_000_000} }},
		{"true", XSDBoolean, KindBoolean, nil},
		{"http://example.org/x", XSDAnyURI, KindIRI, nil},
		{"research", "", KindString, nil},
		{"research", "http://example.org/myType", KindString, nil},
	}
	for _, tt := range tests {
		v, err := Literal(tt.lexical, tt.datatype)
		if err != nil {
			t.Errorf("Literal(%q, %s): %v", tt.lexical, tt.datatype, err)
			continue
		}
		if v.Kind != tt.kind || (tt.check != nil && !tt.check(v)) {
			t.Errorf("Literal(%q, %s) = %+v (parsed %+v)", tt.lexical, tt.datatype, v, v.x)
		}
	}
	for _, bad := range [][2]string{
		{"12,5", XSDDecimal}, {"1e99999", XSDDecimal}, {"NaN", XSDDouble}, {"2027-12-31", XSDDateTime},
		{"2027-02-30", XSDDate}, {"P", XSDDuration}, {"PT", XSDDuration}, {"P1H", XSDDuration}, {"yes", XSDBoolean},
	} {
		if v, err := Literal(bad[0], bad[1]); !errors.Is(err, ErrOperandType) {
			t.Errorf("Literal(%q, %s) = %v, %v; want ErrOperandType", bad[0], bad[1], v, err)
		}
	}
}

// TestCompareDurations checks XSD's partial order on durations (XSD 1.1 Part 2 §E.3.3,
// which gives P1M <> P30D and P1Y <> P365D as incomparable).
func TestCompareDurations(t *testing.T) {
	d := func(s string) duration {
		v, ok := parseDuration(s)
		if !ok {
			t.Fatalf("parseDuration(%q) failed", s)
		}
		return v
	}
	tests := []struct {
		a, b string
		c    int
		ok   bool
	}{
		{"P1M", "P30D", 0, false},
		{"P1Y", "P365D", 0, false},
		{"P1Y", "P364D", 1, true},
		{"P1Y", "P367D", -1, true},
		{"P1M", "P27D", 1, true},
		{"P1M", "P32D", -1, true},
		{"PT24H", "P1D", 0, true},
		{"P2Y", "P24M", 0, true},
	}
	for _, tt := range tests {
		c, ok := compareDurations(d(tt.a), d(tt.b))
		if c != tt.c || ok != tt.ok {
			t.Errorf("compare(%s, %s) = %d, %v; want %d, %v", tt.a, tt.b, c, ok, tt.c, tt.ok)
		}
	}
}
