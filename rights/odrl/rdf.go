package odrl

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dataassay/assay/internal/errs"
	"github.com/piprate/json-gold/ld"
)

// RDFFormat is a concrete RDF syntax that policies, requests, states of the world and
// reports can be read from or written in, beside JSON-LD.
type RDFFormat int

// The RDF syntaxes. N-Triples is read and written as N-Quads of the default graph (RDF 1.1
// N-Quads §1: every N-Triples document is an N-Quads document).
const (
	NQuads   RDFFormat = iota // RDF 1.1 N-Quads (W3C Recommendation, 25 February 2014)
	NTriples                  // RDF 1.1 N-Triples
	Turtle                    // RDF 1.1 Turtle (W3C Recommendation, 25 February 2014)
)

func (f RDFFormat) String() string {
	switch f {
	case NQuads:
		return "N-Quads"
	case NTriples:
		return "N-Triples"
	case Turtle:
		return "Turtle"
	}
	return "RDFFormat(" + strconv.Itoa(int(f)) + ")"
}

// maxTriples is the bound on the triples of an RDF document: 16 per constraint the Limits
// allow, ample for the triples of rules, parties and assets around them.
func (l Limits) maxTriples() int { return 16 * l.MaxConstraints }

// ParsePolicyRDF reads a policy from RDF in format f (Turtle, N-Triples or N-Quads), as
// ParsePolicy reads JSON-LD: the RDF is turned into expanded JSON-LD (JSON-LD 1.1 API,
// Serialize RDF as JSON-LD) and read the same way, so the same policy in Turtle and in
// JSON-LD parses to the same Policy. Errors are those of ParsePolicy, and a *SyntaxError
// (wrapping ErrSyntax) for malformed RDF, an unknown prefix among them.
func ParsePolicyRDF(data []byte, f RDFFormat) (*Policy, error) {
	return ParseOptions{}.ParsePolicyRDF(data, f)
}

// ParseRequestRDF reads an odrl:Request (or a FORCE sotw:EvaluationRequest) from RDF, as
// ParseRequest does from JSON-LD.
func ParseRequestRDF(data []byte, f RDFFormat) (*Policy, error) {
	return ParseOptions{}.ParseRequestRDF(data, f)
}

// ParseWorldRDF reads a state of the world written in RDF, the form the FORCE test suite
// uses, within the default Limits: see ParseOptions.ParseWorldRDF.
func ParseWorldRDF(data []byte, f RDFFormat) (*World, error) {
	return ParseOptions{}.ParseWorldRDF(data, f)
}

// ParsePolicyRDF is ParsePolicyRDF within o's Limits, checked with Validate(Strict) if
// o.Strict.
func (o ParseOptions) ParsePolicyRDF(data []byte, f RDFFormat) (*Policy, error) {
	nodes, err := o.rdfNodes(data, f)
	if err != nil {
		return nil, err
	}
	return o.read(nodes, false)
}

// ParseRequestRDF is ParseRequestRDF within o's Limits.
func (o ParseOptions) ParseRequestRDF(data []byte, f RDFFormat) (*Policy, error) {
	nodes, err := o.rdfNodes(data, f)
	if err != nil {
		return nil, err
	}
	return o.read(nodes, true)
}

// rdfNodes parses RDF and maps its nodes as flatten does for JSON-LD.
func (o ParseOptions) rdfNodes(data []byte, f RDFFormat) (map[string]map[string]any, error) {
	lim := o.Limits.effective()
	ds, err := o.dataset(data, f, lim.MaxInputBytes, "MaxInputBytes")
	if err != nil {
		return nil, err
	}
	expanded, err := ld.NewJsonLdApi().FromRDF(ds, ld.NewJsonLdOptions(""))
	if err != nil {
		return nil, &PolicyError{Reason: "RDF: " + errs.Clip(err.Error(), 300), Err: ErrSyntax}
	}
	return nodeMap(any(expanded))
}

// dataset parses RDF within o's Limits and maxBytes, the limit named limit.
func (o ParseOptions) dataset(data []byte, f RDFFormat, maxBytes int, limit string) (*ld.RDFDataset, error) {
	lim := o.Limits.effective()
	if len(data) > maxBytes {
		return nil, &LimitError{Limit: limit, Value: len(data), Bound: maxBytes, What: "bytes of the document"}
	}
	switch f {
	case Turtle:
		return parseTurtle(string(data), lim.maxTriples(), 4*lim.MaxDepth)
	case NQuads, NTriples:
		if n := bytes.Count(data, []byte{'\n'}); n > lim.maxTriples() {
			return nil, &LimitError{Limit: "MaxConstraints", Value: n, Bound: lim.maxTriples(), What: "lines of N-Quads (16 per constraint allowed)"}
		}
		ds, err := ld.ParseNQuads(string(data))
		if err != nil {
			return nil, &SyntaxError{Format: f, Reason: errs.Clip(err.Error(), 300)}
		}
		return ds, nil
	}
	return nil, fmt.Errorf("%w: unknown RDF format %d", ErrSyntax, int(f))
}

// FORCE and other vocabularies a state of the world is written in.
const (
	dctIssued         = nsDCT + "issued"
	reportDutyReport  = ReportNS + "DutyReport"
	reportRule        = ReportNS + "rule"
	reportDeontic     = ReportNS + "deonticState"
	odrlPartOf        = NS + "partOf"
	currentTimeSuffix = "currentTime"
)

// ParseWorldRDF reads a state of the world from RDF in format f, as the FORCE test suite
// writes it:
//
//   - the current time as the dct:issued xsd:dateTime of a node whose IRI ends in
//     "currentTime" (the suite's temp:currentTime);
//   - memberships as odrl:partOf triples (World.PartOf);
//   - duties already assessed as report:DutyReport nodes with report:rule (the duty) and
//     report:deonticState (World.Duties, NonSet when absent); the report's IRI becomes
//     World.DutyReports, which a permission's report links as its report:conditionReport.
//
// Operand values have no RDF form in FORCE; give them in the JSON of ParseWorld or supply
// them with an OperandFunc. Bounds are o's Limits (MaxWorldBytes, MaxWorldEntries,
// MaxListLength, and 16 triples per MaxConstraints). Errors wrap ErrSyntax, ErrInvalidWorld or ErrTooLarge.
func (o ParseOptions) ParseWorldRDF(data []byte, f RDFFormat) (*World, error) {
	lim := o.Limits.effective()
	ds, err := o.dataset(data, f, lim.MaxWorldBytes, "MaxWorldBytes")
	if err != nil {
		return nil, err
	}
	w := &World{}
	rules, states := map[string]string{}, map[string]string{}
	var dutyReports []string
	entries := 0
	for _, name := range slices.Sorted(maps.Keys(ds.Graphs)) {
		for _, q := range ds.Graphs[name] {
			s, pred := q.Subject.GetValue(), q.Predicate.GetValue()
			switch {
			case pred == dctIssued && strings.HasSuffix(s, currentTimeSuffix):
				t, ok := parseDateTime(q.Object.GetValue())
				if !ok {
					return nil, worldErr("currentTime", q.Object.GetValue(), "is not an xsd:dateTime")
				}
				w.Now = t
			case pred == odrlPartOf:
				if w.PartOf == nil {
					w.PartOf = map[string][]string{}
				}
				if _, seen := w.PartOf[s]; !seen {
					entries++
				}
				if n := len(w.PartOf[s]); n >= lim.MaxListLength {
					return nil, &LimitError{Limit: "MaxListLength", Value: n + 1, Bound: lim.MaxListLength, What: "collections in partOf of " + strconv.Quote(errs.Clip(s, 100))}
				}
				w.PartOf[s] = append(w.PartOf[s], q.Object.GetValue())
			case pred == rdfType && q.Object.GetValue() == reportDutyReport:
				dutyReports = append(dutyReports, s)
			case pred == reportRule:
				rules[s] = q.Object.GetValue()
			case pred == reportDeontic:
				states[s] = q.Object.GetValue()
			}
			if entries > lim.MaxWorldEntries {
				return nil, &LimitError{Limit: "MaxWorldEntries", Value: entries, Bound: lim.MaxWorldEntries, What: "entries of the state of the world"}
			}
		}
	}
	for _, r := range dutyReports {
		duty := rules[r]
		if duty == "" {
			continue
		}
		state := NonSet
		if v, ok := states[r]; ok {
			s, ok := deonticStates[strings.ToLower(strings.TrimPrefix(v, ReportNS))]
			if !ok {
				return nil, worldErr("report:deonticState", v, "is not Fulfilled, Violated or NonSet")
			}
			state = s
		}
		if w.Duties == nil {
			w.Duties, w.DutyReports = map[string]DeonticState{}, map[string]string{}
		}
		if entries++; entries > lim.MaxWorldEntries {
			return nil, &LimitError{Limit: "MaxWorldEntries", Value: entries, Bound: lim.MaxWorldEntries, What: "entries of the state of the world"}
		}
		w.Duties[duty] = state
		if !strings.HasPrefix(r, "_:") {
			w.DutyReports[duty] = r
		}
	}
	return w, nil
}

// MarshalRDF writes the report in format f: the triples of MarshalJSONLD's compliance
// report, as N-Quads (N-Triples) or as Turtle with the report:, odrl:, dct:, xsd: and rdf:
// prefixes. Blank nodes are labelled in report order, so the output is deterministic.
func (r *Report) MarshalRDF(f RDFFormat) ([]byte, error) {
	doc, err := r.MarshalJSONLD()
	if err != nil {
		return nil, err
	}
	return jsonldToRDF(doc, f)
}

// MarshalRDF writes the policy in format f: the triples of MarshalJSONLD's JSON-LD, as
// N-Quads (N-Triples) or Turtle.
func (p *Policy) MarshalRDF(f RDFFormat) ([]byte, error) {
	doc, err := p.MarshalJSONLD()
	if err != nil {
		return nil, err
	}
	return jsonldToRDF(doc, f)
}

func jsonldToRDF(doc []byte, f RDFFormat) ([]byte, error) {
	v, err := decodeJSON(doc)
	if err != nil {
		return nil, err
	}
	out, err := ld.NewJsonLdProcessor().ToRDF(v, offlineOptions())
	if err != nil {
		return nil, fmt.Errorf("odrl: writing RDF: %v", err)
	}
	ds := out.(*ld.RDFDataset)
	switch f {
	case NQuads, NTriples:
		var buf bytes.Buffer
		if err := (&ld.NQuadRDFSerializer{}).SerializeTo(&buf, ds); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	case Turtle:
		return writeTurtle(ds.GetQuads("@default")), nil
	}
	return nil, fmt.Errorf("odrl: unknown RDF format %d", int(f))
}

// turtlePrefixes are the prefixes writeTurtle declares and uses.
var turtlePrefixes = [...]struct{ name, ns string }{
	{"report", ReportNS}, {"odrl", NS}, {"dct", nsDCT}, {"xsd", nsXSD}, {"rdf", nsRDF},
}

// writeTurtle writes triples as Turtle, one subject block each, subjects and predicates in
// sorted order.
func writeTurtle(quads []*ld.Quad) []byte {
	var b bytes.Buffer
	for _, p := range turtlePrefixes {
		fmt.Fprintf(&b, "@prefix %s: <%s> .\n", p.name, p.ns)
	}
	bySubject := map[string][]*ld.Quad{}
	subjects := []string{}
	for _, q := range quads {
		s := turtleTerm(q.Subject)
		if _, ok := bySubject[s]; !ok {
			subjects = append(subjects, s)
		}
		bySubject[s] = append(bySubject[s], q)
	}
	slices.Sort(subjects)
	for _, s := range subjects {
		qs := bySubject[s]
		slices.SortStableFunc(qs, func(a, c *ld.Quad) int {
			return strings.Compare(a.Predicate.GetValue()+" "+turtleTerm(a.Object), c.Predicate.GetValue()+" "+turtleTerm(c.Object))
		})
		b.WriteString("\n")
		b.WriteString(s)
		for i, q := range qs {
			if i > 0 {
				b.WriteString(" ;")
			}
			pred := turtleTerm(q.Predicate)
			if q.Predicate.GetValue() == rdfType {
				pred = "a"
			}
			b.WriteString("\n    ")
			b.WriteString(pred)
			b.WriteByte(' ')
			b.WriteString(turtleTerm(q.Object))
		}
		b.WriteString(" .\n")
	}
	return b.Bytes()
}

// turtleTerm writes an IRI (as a prefixed name where it is safe), a blank node or a literal.
func turtleTerm(n ld.Node) string {
	switch n := n.(type) {
	case ld.IRI:
		for _, p := range turtlePrefixes {
			if local, ok := strings.CutPrefix(n.Value, p.ns); ok && safeLocal(local) {
				return p.name + ":" + local
			}
		}
		return "<" + escapeIRI(n.Value) + ">"
	case ld.BlankNode:
		return n.Attribute
	case ld.Literal:
		s := turtleString(n.Value)
		switch {
		case n.Language != "":
			return s + "@" + n.Language
		case n.Datatype == "" || n.Datatype == XSDString:
			return s
		}
		return s + "^^" + turtleTerm(ld.NewIRI(n.Datatype))
	}
	return `""`
}

func safeLocal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' && i > 0) {
			return false
		}
	}
	return true
}

// escapeIRI escapes the characters IRIREF excludes (Turtle §6.4, production [18]).
func escapeIRI(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// turtleString quotes a literal's lexical form with Turtle's escapes (§6.4: ECHAR for the
// quote, the backslash and the common controls, UCHAR for the other control characters).
func turtleString(v string) string {
	var b strings.Builder
	b.Grow(len(v) + 2)
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
