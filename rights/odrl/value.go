package odrl

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay/internal/errs"
	"github.com/shopspring/decimal"
)

// ValueKind is the type of an operand value.
type ValueKind string

// The kinds of operand values. An untyped literal (a JSON string without @type) is a
// String; it is read as a decimal, instant or duration when its left operand needs one.
const (
	KindIRI      ValueKind = "iri"      // an IRI (JSON-LD {"@id": …})
	KindString   ValueKind = "string"   // a plain or xsd:string literal, or a literal of an unknown datatype
	KindDecimal  ValueKind = "decimal"  // xsd:decimal, xsd:integer and their subtypes, xsd:double, JSON numbers
	KindDateTime ValueKind = "dateTime" // xsd:dateTime; without a time zone it is read as UTC
	KindDate     ValueKind = "date"     // xsd:date: the whole UTC day, [00:00, 24:00)
	KindDuration ValueKind = "duration" // xsd:duration and its subtypes
	KindBoolean  ValueKind = "boolean"  // xsd:boolean
	KindList     ValueKind = "list"     // several values (a JSON-LD set or @list), for the set operators
)

// Value is an operand: a typed literal, an IRI or a list of values, in the lexical form the
// policy gave it (IRIs expanded). Its parsed form is kept alongside, so evaluation does not
// parse again. Compare Values with Equal (go-cmp uses it): two Values are equal when kind,
// datatype and lexical form (or list) are equal. A Value is immutable and safe for
// concurrent use; the zero Value is "no value".
type Value struct {
	Kind     ValueKind `json:"kind"`
	Lexical  string    `json:"value,omitempty"`
	Datatype string    `json:"datatype,omitempty"` // the literal's datatype IRI, as given or as read; "" for plain strings and IRIs
	List     []Value   `json:"list,omitempty"`

	x *parsed // the parsed form of a decimal, instant, day or duration; shared, never modified
}

// parsed is the parsed form of a literal.
type parsed struct {
	dec    decimal.Decimal
	lo, hi time.Time // instant or day: [lo, hi)
	dur    duration
}

// IsZero reports whether v is the zero Value.
func (v Value) IsZero() bool { return v.Kind == "" && v.Lexical == "" && len(v.List) == 0 }

// Equal reports whether v and w have the same kind, datatype and lexical form or list.
func (v Value) Equal(w Value) bool {
	if v.Kind != w.Kind || v.Lexical != w.Lexical || v.Datatype != w.Datatype || len(v.List) != len(w.List) {
		return false
	}
	for i := range v.List {
		if !v.List[i].Equal(w.List[i]) {
			return false
		}
	}
	return true
}

// String returns the value as policy text: an IRI or ODRL term, a literal's lexical form,
// or a list as "[a, b]".
func (v Value) String() string {
	switch v.Kind {
	case KindIRI:
		return Short(v.Lexical)
	case KindList:
		parts := make([]string, len(v.List))
		for i, e := range v.List {
			parts[i] = e.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return v.Lexical
}

// IRI returns an IRI value. It does not check the IRI.
func IRI(iri string) Value { return Value{Kind: KindIRI, Lexical: iri} }

// Literal returns the value of a literal with the given lexical form and datatype IRI
// ("" for a plain string). Its kind comes from the datatype; it fails with ErrOperandType if
// the lexical form is not valid for it.
func Literal(lexical, datatype string) (Value, error) {
	kind := KindString
	switch datatype {
	case XSDDecimal, XSDInteger, XSDDouble, nsXSD + "float", nsXSD + "int", nsXSD + "long",
		nsXSD + "short", nsXSD + "nonNegativeInteger", nsXSD + "positiveInteger",
		nsXSD + "nonPositiveInteger", nsXSD + "negativeInteger", nsXSD + "unsignedInt",
		nsXSD + "unsignedLong":
		kind = KindDecimal
	case XSDDateTime, nsXSD + "dateTimeStamp":
		kind = KindDateTime
	case XSDDate:
		kind = KindDate
	case XSDDuration, nsXSD + "dayTimeDuration", nsXSD + "yearMonthDuration":
		kind = KindDuration
	case XSDBoolean:
		kind = KindBoolean
	case XSDAnyURI:
		return IRI(lexical), nil
	}
	return (Value{Lexical: lexical, Datatype: datatype}).as(kind)
}

// List returns a list value.
func List(vs ...Value) Value { return Value{Kind: KindList, List: vs} }

// as returns v read as kind k, with its parsed form, or an ErrOperandType error.
func (v Value) as(k ValueKind) (Value, error) {
	if v.Kind == k && (v.x != nil || !typed(k) || k == KindBoolean) {
		return v, nil
	}
	if v.Kind == KindList && k != KindList {
		out := v
		out.List = make([]Value, len(v.List))
		for i, e := range v.List {
			var err error
			if out.List[i], err = e.as(k); err != nil {
				return Value{}, err
			}
		}
		return out, nil
	}
	out := Value{Lexical: v.Lexical, Datatype: v.Datatype, Kind: k}
	var x parsed
	var ok bool
	switch k {
	case KindDecimal:
		x.dec, ok = parseDecimal(v.Lexical)
	case KindDateTime:
		if x.lo, ok = parseDateTime(v.Lexical); ok {
			x.hi = x.lo.Add(time.Nanosecond)
		} else if v.Kind != KindDateTime && v.Datatype != XSDDateTime {
			// an untyped "2027-12-31" given where an instant is expected means the day
			if x.lo, ok = parseDate(v.Lexical); ok {
				out.Kind, x.hi = KindDate, x.lo.AddDate(0, 0, 1)
			}
		}
	case KindDate:
		if x.lo, ok = parseDate(v.Lexical); ok {
			x.hi = x.lo.AddDate(0, 0, 1)
		}
	case KindDuration:
		x.dur, ok = parseDuration(v.Lexical)
	case KindBoolean:
		ok = v.Lexical == "true" || v.Lexical == "false" || v.Lexical == "1" || v.Lexical == "0"
	case KindIRI, KindString:
		ok = v.Kind != KindList
	}
	if !ok {
		return Value{}, fmt.Errorf("%w: %q is not a valid %s", ErrOperandType, errs.Clip(v.Lexical, 64), k)
	}
	if typed(k) && k != KindBoolean {
		out.x = &x
	}
	if out.Datatype == "" {
		out.Datatype = kindDatatype[out.Kind] // an untyped literal read as a type says which
	}
	return out, nil
}

// ready returns v with its parsed form, parsing a Value built without one (a Value literal
// in Go code); ok is false if its lexical form is invalid for its kind.
func (v Value) ready() (Value, bool) {
	if v.x != nil || !typed(v.Kind) || v.Kind == KindBoolean {
		return v, true
	}
	w, err := v.as(v.Kind)
	return w, err == nil
}

// decimalSyntax is the lexical space of xsd:decimal, with the exponent JSON numbers and
// xsd:double may carry.
var decimalSyntax = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,4})?$`)

// parseDecimal parses a bounded decimal: at most 64 characters and an exponent of at most
// ±9999, so untrusted input cannot ask for a huge coefficient.
func parseDecimal(s string) (decimal.Decimal, bool) {
	if len(s) > 64 || !decimalSyntax.MatchString(s) {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// parseDateTime parses an xsd:dateTime; without a time zone the instant is read as UTC.
// Seconds may be omitted, as ODRL's own examples do ("2017-01-01T12:00").
func parseDateTime(s string) (time.Time, bool) {
	if len(s) > 64 || strings.IndexByte(s, 'T') < 0 {
		return time.Time{}, false
	}
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// parseDate parses an xsd:date, with an optional time zone, to the instant its day starts.
func parseDate(s string) (time.Time, bool) {
	if len(s) > 32 {
		return time.Time{}, false
	}
	for _, layout := range [...]string{time.DateOnly, "2006-01-02Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// duration is an xsd:duration: a signed number of months and of nanoseconds (XSD 1.1 Part 2
// §3.3.6, the (months, seconds) value space).
type duration struct {
	months int64
	nanos  int64
}

var durationSyntax = regexp.MustCompile(`^(-)?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]{1,9})?)S)?)?$`)

// parseDuration parses an xsd:duration of at most 10,000 years of months and 290 years of
// days, hours, minutes and seconds together; a longer one is invalid (ok false), never
// wrapped around.
func parseDuration(s string) (duration, bool) {
	if len(s) > 64 || s == "P" || s == "-P" || strings.HasSuffix(s, "T") {
		return duration{}, false
	}
	m := durationSyntax.FindStringSubmatch(s)
	if m == nil {
		return duration{}, false
	}
	num := func(x string, limit int64) (int64, bool) {
		if x == "" {
			return 0, true
		}
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil && n <= limit
	}
	y, ok1 := num(m[2], 10_000)
	mo, ok2 := num(m[3], 120_000)
	d, ok3 := num(m[4], 100_000)
	h, ok4 := num(m[5], 2_400_000)
	mi, ok5 := num(m[6], 144_000_000)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return duration{}, false
	}
	var secNanos int64
	if m[7] != "" {
		sec, err := decimal.NewFromString(m[7])
		if err != nil || sec.GreaterThan(decimal.NewFromInt(9_000_000_000)) {
			return duration{}, false
		}
		secNanos = sec.Shift(9).IntPart()
	}
	// Every field is bounded above, so minutes fit an int64; their nanoseconds may not
	// (P100000DT2400000H is 584 years): check before multiplying, then check the sum.
	const maxNanos = 290 * 365 * 24 * int64(time.Hour)
	minutes := (d*24+h)*60 + mi
	if minutes > maxNanos/int64(time.Minute) {
		return duration{}, false
	}
	out := duration{months: y*12 + mo, nanos: minutes * int64(time.Minute)}
	if secNanos > maxNanos-out.nanos {
		return duration{}, false
	}
	out.nanos += secNanos
	if m[1] == "-" {
		out.months, out.nanos = -out.months, -out.nanos
	}
	return out, true
}

// durationReferences are the four starting instants of XSD 1.1 Part 2 §E.3.3 (the order
// relation on duration): two durations compare the same way from each of them, or they are
// incomparable.
var durationReferences = [4]time.Time{
	time.Date(1696, 9, 1, 0, 0, 0, 0, time.UTC),
	time.Date(1697, 2, 1, 0, 0, 0, 0, time.UTC),
	time.Date(1903, 3, 1, 0, 0, 0, 0, time.UTC),
	time.Date(1903, 7, 1, 0, 0, 0, 0, time.UTC),
}

// compareDurations orders two durations by XSD's partial order; ok is false when they are
// incomparable (P1M and P30D).
func compareDurations(a, b duration) (c int, ok bool) {
	if a.months == b.months {
		return cmpInt(a.nanos, b.nanos), true
	}
	for i, ref := range durationReferences {
		ta := ref.AddDate(0, int(a.months), 0).Add(time.Duration(a.nanos))
		tb := ref.AddDate(0, int(b.months), 0).Add(time.Duration(b.nanos))
		ci := ta.Compare(tb)
		if i > 0 && ci != c {
			return 0, false
		}
		c = ci
	}
	return c, true
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareVersions orders dotted version numbers ("1.10" > "1.9"); ok is false when either
// is not a sequence of decimal integers.
func compareVersions(a, b string) (c int, ok bool) {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range max(len(as), len(bs)) {
		var x, y int64
		var err error
		if i < len(as) {
			if x, err = strconv.ParseInt(as[i], 10, 64); err != nil || x < 0 {
				return 0, false
			}
		}
		if i < len(bs) {
			if y, err = strconv.ParseInt(bs[i], 10, 64); err != nil || y < 0 {
				return 0, false
			}
		}
		if c = cmpInt(x, y); c != 0 {
			return c, true
		}
	}
	return 0, true
}
