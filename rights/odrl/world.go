package odrl

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
)

// DeonticState is the state of a duty, an obligation or a prohibition (ODRL Formal
// Semantics draft; FORCE compliance-report vocabulary).
type DeonticState string

// The deontic states.
const (
	NonSet    DeonticState = "NonSet"    // not yet fulfilled nor violated
	Fulfilled DeonticState = "Fulfilled" // a duty performed, a prohibition respected
	Violated  DeonticState = "Violated"  // a duty not performed in time, a prohibition acted against
)

// World is a state of the world for an evaluation (ODRL Formal Semantics draft, "State of
// the World"): the current instant, the memberships of parties, assets and concepts, the
// states of duties already assessed, and the current value of any other left operand.
//
// Its JSON form, read by ParseWorld, is (JSON-LD keywords @context and @id are tolerated and
// ignored; duty states are read case-insensitively, with or without the report: prefix)
//
//	{"now":      "2024-02-12T11:20:10.999Z",
//	 "partOf":   {"http://example.org/alice": ["http://example.org/partyCollection"]},
//	 "duties":   {"urn:uuid:a0b12cb7-…": "Fulfilled"},
//	 "operands": {"http://www.w3.org/ns/odrl/2/purpose": "http://example.org/research"}}
//
// partOf is the transitive membership relation used for party and asset collections and
// for the set operators isA, isPartOf and hasPart (a region within a country, a purpose
// within a broader purpose). Operand keys are IRIs or ODRL terms ("purpose"); values are
// strings, numbers, booleans, lists of them, or JSON-LD value objects
// ({"@value": "P30D", "@type": "xsd:duration"}, {"@id": "…"}). Absent facts are unknown to
// constraints (a missing operand makes its constraint unknown, never silently false) and
// false to memberships.
//
// The zero World knows nothing, not even the time. A World is read-only once built and safe
// for concurrent use.
type World struct {
	Now      time.Time
	PartOf   map[string][]string
	Duties   map[string]DeonticState
	Operands map[string]Value
	// DutyReports names, per duty IRI, the IRI of the duty's report:DutyReport in the state
	// of the world, which a permission's report links as its report:conditionReport. It is
	// read from RDF states of the world (ParseWorldRDF) and from the JSON key "dutyReports".
	DutyReports map[string]string
}

// Bounds on a state of the world read by ParseWorld.
const (
	MaxWorldBytes   = 4 << 20 // bytes of JSON
	MaxWorldEntries = 65536   // keys of partOf, duties and operands together
)

// worldJSON is the wire form of World.
type worldJSON struct {
	Context     json.RawMessage            `json:"@context,omitempty"` // tolerated, ignored
	ID          json.RawMessage            `json:"@id,omitempty"`      // tolerated, ignored
	Now         string                     `json:"now,omitempty"`
	PartOf      map[string][]string        `json:"partOf,omitempty"`
	Duties      map[string]string          `json:"duties,omitempty"`
	Operands    map[string]json.RawMessage `json:"operands,omitempty"`
	DutyReports map[string]string          `json:"dutyReports,omitempty"`
}

// ParseWorld reads a state of the world from the JSON form documented on World, within the
// default Limits; it is ParseOptions{}.ParseWorld. Values of left operands with a known type
// (dateTime, elapsedTime, count, payAmount, percentage, …) must be valid for it. The JSON is
// read strictly (internal/jsonin: one value, unknown fields and trailing data rejected,
// errors naming the field). A document that does not start with '{' is read as a Turtle
// state of the world (ParseWorldRDF). Errors wrap ErrInvalidWorld, ErrSyntax or ErrTooLarge.
func ParseWorld(data []byte) (*World, error) { return ParseOptions{}.ParseWorld(data) }

// ParseWorld reads a state of the world as the package-level ParseWorld does, within o's
// Limits (MaxWorldBytes, MaxWorldEntries, MaxListLength).
func (o ParseOptions) ParseWorld(data []byte) (*World, error) {
	lim := o.Limits.effective()
	if len(data) > lim.MaxWorldBytes {
		return nil, &LimitError{Limit: "MaxWorldBytes", Value: len(data), Bound: lim.MaxWorldBytes, What: "bytes of the state of the world"}
	}
	if isTurtle(data) {
		return o.ParseWorldRDF(data, Turtle)
	}
	var wire worldJSON
	if err := jsonin.Decode(data, &wire, lim.MaxWorldBytes); err != nil {
		return nil, fmt.Errorf("%w: state of the world: %w", ErrSyntax, err)
	}
	if n := len(wire.PartOf) + len(wire.Duties) + len(wire.Operands) + len(wire.DutyReports); n > lim.MaxWorldEntries {
		return nil, &LimitError{Limit: "MaxWorldEntries", Value: n, Bound: lim.MaxWorldEntries, What: "entries of the state of the world"}
	}
	w := &World{}
	if wire.Now != "" {
		t, ok := parseDateTime(wire.Now)
		if !ok {
			t, ok = parseDate(wire.Now) // a day: its first instant, UTC
		}
		if !ok {
			return nil, worldErr("now", wire.Now, "is not an xsd:dateTime")
		}
		w.Now = t
	}
	if len(wire.PartOf) > 0 {
		w.PartOf = make(map[string][]string, len(wire.PartOf))
		for k, v := range wire.PartOf {
			if len(v) > lim.MaxListLength {
				return nil, &LimitError{Limit: "MaxListLength", Value: len(v), Bound: lim.MaxListLength, What: "collections in partOf of " + strconv.Quote(errs.Clip(k, 100))}
			}
			w.PartOf[k] = v
		}
	}
	if len(wire.Duties) > 0 {
		w.Duties = make(map[string]DeonticState, len(wire.Duties))
		for k, v := range wire.Duties {
			s, ok := deonticStates[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(v, ReportNS), "report:"))]
			if !ok {
				return nil, worldErr("duties", v, "is not Fulfilled, Violated or NonSet")
			}
			w.Duties[k] = s
		}
	}
	if len(wire.DutyReports) > 0 {
		w.DutyReports = wire.DutyReports
	}
	if len(wire.Operands) > 0 {
		w.Operands = make(map[string]Value, len(wire.Operands))
		for k, raw := range wire.Operands {
			iri := operandKey(k)
			v, err := operandValue(iri, raw)
			if err != nil {
				return nil, worldErr("operands", k, err.Error())
			}
			w.Operands[iri] = v
		}
	}
	return w, nil
}

// deonticStates reads duty states case-insensitively, with NotSet for NonSet.
var deonticStates = map[string]DeonticState{
	"nonset": NonSet, "notset": NonSet, "fulfilled": Fulfilled, "violated": Violated,
}

func worldErr(field, value, reason string) error {
	return fmt.Errorf("%w: %s %q %s", ErrInvalidWorld, field, errs.Clip(value, 100), reason)
}

// operandKey expands an ODRL term ("purpose") or CURIE ("odrl:purpose") to its IRI.
func operandKey(k string) string {
	if rest, ok := strings.CutPrefix(k, "odrl:"); ok {
		return NS + rest
	}
	if !strings.Contains(k, ":") {
		return NS + k
	}
	return k
}

// operandValue reads a world operand value and types it by its left operand.
func operandValue(left string, raw json.RawMessage) (Value, error) {
	x, err := decodeJSON(raw)
	if err != nil {
		return Value{}, err
	}
	v, err := jsonValue(x, 0)
	if err != nil {
		return Value{}, err
	}
	return typeOperand(left, v)
}

// typeOperand reads a value given for a left operand (by the world or an OperandFunc) as
// the type its left operand needs (ODRL 2.2 Vocabulary §4.5 gives each left operand's
// range): an instant, a duration, a decimal or an IRI.
func typeOperand(left string, v Value) (Value, error) {
	switch leftOperandKinds[left] {
	case kindDateTime:
		return v.as(KindDateTime)
	case kindDuration:
		return v.as(KindDuration)
	case kindDecimal:
		return v.as(KindDecimal)
	case kindIRI:
		if v.Kind == KindString {
			v.Kind = KindIRI
		}
	}
	return v, nil
}

func jsonValue(x any, depth int) (Value, error) {
	switch x := x.(type) {
	case string:
		return Value{Kind: KindString, Lexical: x}, nil
	case json.Number:
		return Literal(x.String(), XSDDecimal)
	case bool:
		return Literal(fmt.Sprint(x), XSDBoolean)
	case []any:
		if depth > 0 {
			return Value{}, fmt.Errorf("lists may not nest")
		}
		if len(x) > MaxListLength {
			return Value{}, fmt.Errorf("list longer than %d", MaxListLength)
		}
		out := make([]Value, len(x))
		for i, e := range x {
			var err error
			if out[i], err = jsonValue(e, depth+1); err != nil {
				return Value{}, err
			}
		}
		return List(out...), nil
	case map[string]any:
		if id, ok := x["@id"].(string); ok {
			return IRI(id), nil
		}
		lex, ok := x["@value"].(string)
		if !ok {
			return Value{}, fmt.Errorf(`want {"@value": "…", "@type": "…"} or {"@id": "…"}`)
		}
		dt, _ := x["@type"].(string)
		return Literal(lex, expandXSD(dt))
	}
	return Value{}, fmt.Errorf("unsupported value")
}

// MarshalJSON writes the World in the form ParseWorld reads, with operand values as JSON-LD
// value objects so that their types survive.
func (w World) MarshalJSON() ([]byte, error) {
	wire := worldJSON{PartOf: w.PartOf, DutyReports: w.DutyReports}
	if !w.Now.IsZero() {
		wire.Now = w.Now.UTC().Format(time.RFC3339Nano)
	}
	if len(w.Duties) > 0 {
		wire.Duties = make(map[string]string, len(w.Duties))
		for k, v := range w.Duties {
			wire.Duties[k] = string(v)
		}
	}
	if len(w.Operands) > 0 {
		wire.Operands = make(map[string]json.RawMessage, len(w.Operands))
		for _, k := range slices.Sorted(maps.Keys(w.Operands)) {
			b, err := json.Marshal(valueJSON(w.Operands[k]))
			if err != nil {
				return nil, err
			}
			wire.Operands[k] = b
		}
	}
	return json.Marshal(wire)
}

// valueJSON is the JSON-LD form of a value: {"@id"}, {"@value", "@type"} or a list.
func valueJSON(v Value) any {
	switch v.Kind {
	case KindIRI:
		return map[string]any{"@id": v.Lexical}
	case KindList:
		out := make([]any, len(v.List))
		for i, e := range v.List {
			out[i] = valueJSON(e)
		}
		return out
	}
	m := map[string]any{"@value": v.Lexical}
	if v.Datatype != "" {
		m["@type"] = v.Datatype
	}
	return m
}

// kindDatatype is the datatype written for a value of a kind whose datatype was not given.
var kindDatatype = map[ValueKind]string{
	KindDecimal: XSDDecimal, KindDateTime: XSDDateTime, KindDate: XSDDate,
	KindDuration: XSDDuration, KindBoolean: XSDBoolean,
}
