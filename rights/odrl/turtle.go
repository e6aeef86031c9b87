package odrl

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piprate/json-gold/ld"
)

// SyntaxError reports malformed RDF input: where it is (line and column, from 1) and what
// is wrong. It wraps ErrSyntax.
type SyntaxError struct {
	Format RDFFormat
	Line   int
	Column int
	Reason string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("odrl: %s line %d column %d: %s", e.Format, e.Line, e.Column, e.Reason)
}

// Unwrap returns ErrSyntax.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// RDF terms the Turtle reader writes.
const (
	rdfType  = nsRDF + "type"
	rdfFirst = nsRDF + "first"
	rdfRest  = nsRDF + "rest"
	rdfNil   = nsRDF + "nil"
	rdfLang  = nsRDF + "langString"
)

// turtleParser reads RDF 1.1 Turtle (W3C Recommendation, 25 February 2014) into an RDF
// dataset: @prefix/@base and SPARQL-style PREFIX/BASE directives, IRIs (resolved against
// the base, RFC 3986 §5), prefixed names, blank node labels, [] property lists,
// collections, string literals in the four quoting styles with escapes (§6.4), language
// tags, datatypes, and numeric and boolean shorthands (§2.5.2). It is written for untrusted
// input: the caller bounds the bytes, the triples are bounded by maxTriples, nesting of []
// and () by maxDepth, and every error is a *SyntaxError naming the line and column.
type turtleParser struct {
	src        string
	pos        int
	line, col  int
	base       *url.URL
	prefixes   map[string]string
	bnodes     map[string]string
	nextBlank  int
	quads      []*ld.Quad
	maxTriples int
	maxDepth   int
	depth      int
	checked    map[string]bool // json-gold's verdict on each IRI seen
}

// parseTurtle parses src; base is the document's base IRI ("" for none).
func parseTurtle(src string, maxTriples, maxDepth int) (*ld.RDFDataset, error) {
	p := &turtleParser{src: src, line: 1, col: 1, prefixes: map[string]string{}, bnodes: map[string]string{}, maxTriples: maxTriples, maxDepth: maxDepth}
	if !utf8.ValidString(src) {
		return nil, p.fail("input is not UTF-8")
	}
	for {
		p.skip()
		if p.pos >= len(p.src) {
			break
		}
		if err := p.statement(); err != nil {
			return nil, err
		}
	}
	ds := ld.NewRDFDataset()
	ds.Graphs["@default"] = p.quads
	return ds, nil
}

func (p *turtleParser) fail(format string, args ...any) error {
	return &SyntaxError{Format: Turtle, Line: p.line, Column: p.col, Reason: fmt.Sprintf(format, args...)}
}

// advance moves past n bytes, keeping line and column.
func (p *turtleParser) advance(n int) {
	for _, r := range p.src[p.pos : p.pos+n] {
		if r == '\n' {
			p.line, p.col = p.line+1, 1
		} else {
			p.col++
		}
	}
	p.pos += n
}

// skip passes white space and comments.
func (p *turtleParser) skip() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			p.advance(1)
		case c == '#':
			end := strings.IndexByte(p.src[p.pos:], '\n')
			if end < 0 {
				end = len(p.src) - p.pos
			}
			p.advance(end)
		default:
			return
		}
	}
}

func (p *turtleParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *turtleParser) expect(c byte) error {
	p.skip()
	if p.peek() != c {
		return p.fail("want %q, got %s", c, p.near())
	}
	p.advance(1)
	return nil
}

// near shows the input at the current position, for messages.
func (p *turtleParser) near() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	rest := p.src[p.pos:]
	if i := strings.IndexAny(rest, "\r\n"); i >= 0 {
		rest = rest[:i]
	}
	return strconv.Quote(clipRunes(rest, 24))
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i] + "…"
}

// keyword reports whether the input continues with kw (case-insensitively if fold), not
// followed by a name character, and consumes it.
func (p *turtleParser) keyword(kw string, fold bool) bool {
	rest := p.src[p.pos:]
	if len(rest) < len(kw) {
		return false
	}
	if fold && !strings.EqualFold(rest[:len(kw)], kw) || !fold && rest[:len(kw)] != kw {
		return false
	}
	if len(rest) > len(kw) && (isNameByte(rest[len(kw)]) || rest[len(kw)] == ':') {
		return false
	}
	p.advance(len(kw))
	return true
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func (p *turtleParser) statement() error {
	switch {
	case p.keyword("@prefix", false):
		if err := p.prefixDirective(); err != nil {
			return err
		}
		return p.expect('.')
	case p.keyword("@base", false):
		if err := p.baseDirective(); err != nil {
			return err
		}
		return p.expect('.')
	case p.keyword("PREFIX", true):
		return p.prefixDirective()
	case p.keyword("BASE", true):
		return p.baseDirective()
	}
	if err := p.triples(); err != nil {
		return err
	}
	return p.expect('.')
}

func (p *turtleParser) prefixDirective() error {
	p.skip()
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != ':' && isNameByte(p.src[p.pos]) || p.peek() == '.' && p.pos > start {
		p.advance(1)
	}
	name := p.src[start:p.pos]
	if p.peek() != ':' {
		return p.fail("a prefix name ends with ':', got %s", p.near())
	}
	p.advance(1)
	p.skip()
	iri, err := p.iriRef()
	if err != nil {
		return err
	}
	p.prefixes[name] = iri
	return nil
}

func (p *turtleParser) baseDirective() error {
	p.skip()
	iri, err := p.iriRef()
	if err != nil {
		return err
	}
	u, err := url.Parse(iri)
	if err != nil || !u.IsAbs() {
		return p.fail("base IRI %q is not absolute", clipRunes(iri, 64))
	}
	p.base = u
	return nil
}

// triples reads a subject and its predicate-object list.
func (p *turtleParser) triples() error {
	p.skip()
	var subj ld.Node
	var err error
	switch p.peek() {
	case '[':
		if subj, err = p.blankPropertyList(); err != nil {
			return err
		}
		p.skip()
		if p.peek() == '.' {
			return nil // "[ :p :o ] ." states the list alone
		}
	case '(':
		if subj, err = p.collection(); err != nil {
			return err
		}
	default:
		if subj, err = p.iriOrBlank(); err != nil {
			return err
		}
	}
	return p.predicateObjectList(subj)
}

func (p *turtleParser) predicateObjectList(subj ld.Node) error {
	for {
		p.skip()
		var pred string
		if p.peek() == 'a' && (p.pos+1 >= len(p.src) || !isNameByte(p.src[p.pos+1]) && p.src[p.pos+1] != ':') {
			p.advance(1)
			pred = rdfType
		} else {
			n, err := p.iri()
			if err != nil {
				return err
			}
			pred = n
		}
		for {
			obj, err := p.object()
			if err != nil {
				return err
			}
			if err := p.emit(subj, pred, obj); err != nil {
				return err
			}
			p.skip()
			if p.peek() != ',' {
				break
			}
			p.advance(1)
		}
		p.skip()
		if p.peek() != ';' {
			return nil
		}
		for p.peek() == ';' { // repeated semicolons are allowed
			p.advance(1)
			p.skip()
		}
		if c := p.peek(); c == '.' || c == ']' || c == 0 {
			return nil
		}
	}
}

func (p *turtleParser) emit(s ld.Node, pred string, o ld.Node) error {
	if len(p.quads) >= p.maxTriples {
		return &LimitError{Limit: "MaxConstraints", Value: len(p.quads) + 1, Bound: p.maxTriples, What: "RDF triples (16 per constraint allowed)"}
	}
	for _, n := range [...]ld.Node{s, ld.NewIRI(pred), o} {
		if p.invalid(n) {
			// json-gold drops such a term when it turns RDF into JSON-LD and back; refuse it
			// rather than read a graph that cannot be written again
			return p.fail("%q is not a valid IRI or language tag", clipRunes(n.GetValue(), 64))
		}
	}
	p.quads = append(p.quads, ld.NewQuad(s, ld.NewIRI(pred), o, ""))
	return nil
}

// invalid reports whether json-gold would drop the term (ld.InvalidNode), remembering the
// answer per IRI: its URL check is a large regular expression.
func (p *turtleParser) invalid(n ld.Node) bool {
	var key string
	switch n := n.(type) {
	case ld.IRI:
		key = n.Value
	case ld.Literal:
		key = n.Datatype + "@" + n.Language
	default:
		return false
	}
	if bad, ok := p.checked[key]; ok {
		return bad
	}
	bad := ld.InvalidNode(n)
	if p.checked == nil {
		p.checked = map[string]bool{}
	}
	p.checked[key] = bad
	return bad
}

func (p *turtleParser) enter() error {
	if p.depth++; p.depth > p.maxDepth {
		return p.fail("[] and () nested deeper than %d", p.maxDepth)
	}
	return nil
}

func (p *turtleParser) blankPropertyList() (ld.Node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.advance(1) // [
	b := p.blank()
	p.skip()
	if p.peek() != ']' {
		if err := p.predicateObjectList(b); err != nil {
			return nil, err
		}
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	return b, nil
}

func (p *turtleParser) collection() (ld.Node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.advance(1) // (
	var items []ld.Node
	for {
		p.skip()
		if p.peek() == ')' {
			p.advance(1)
			break
		}
		if p.pos >= len(p.src) {
			return nil, p.fail("collection not closed")
		}
		o, err := p.object()
		if err != nil {
			return nil, err
		}
		items = append(items, o)
	}
	if len(items) == 0 {
		return ld.NewIRI(rdfNil), nil
	}
	head := p.blank()
	cur := head
	for i, it := range items {
		if err := p.emit(cur, rdfFirst, it); err != nil {
			return nil, err
		}
		var next ld.Node = ld.NewIRI(rdfNil)
		if i < len(items)-1 {
			next = p.blank()
		}
		if err := p.emit(cur, rdfRest, next); err != nil {
			return nil, err
		}
		cur = next
	}
	return head, nil
}

func (p *turtleParser) blank() ld.Node {
	p.nextBlank++
	return ld.NewBlankNode("_:t" + strconv.Itoa(p.nextBlank))
}

func (p *turtleParser) object() (ld.Node, error) {
	p.skip()
	switch c := p.peek(); {
	case c == '[':
		return p.blankPropertyList()
	case c == '(':
		return p.collection()
	case c == '"' || c == '\'':
		return p.literal()
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return p.number()
	case p.keyword("true", false):
		return ld.NewLiteral("true", XSDBoolean, ""), nil
	case p.keyword("false", false):
		return ld.NewLiteral("false", XSDBoolean, ""), nil
	}
	return p.iriOrBlank()
}

func (p *turtleParser) iriOrBlank() (ld.Node, error) {
	p.skip()
	if strings.HasPrefix(p.src[p.pos:], "_:") {
		p.advance(2)
		start := p.pos
		for p.pos < len(p.src) && (isNameByte(p.src[p.pos]) || p.src[p.pos] == '.' && p.pos+1 < len(p.src) && isNameByte(p.src[p.pos+1])) {
			p.advance(1)
		}
		if p.pos == start {
			return nil, p.fail("blank node label is empty")
		}
		label := p.src[start:p.pos]
		id, ok := p.bnodes[label]
		if !ok {
			id = p.blank().GetValue()
			p.bnodes[label] = id
		}
		return ld.NewBlankNode(id), nil
	}
	iri, err := p.iri()
	if err != nil {
		return nil, err
	}
	return ld.NewIRI(iri), nil
}

// iri reads an IRIREF or a prefixed name and returns the absolute IRI.
func (p *turtleParser) iri() (string, error) {
	p.skip()
	if p.peek() == '<' {
		return p.iriRef()
	}
	start := p.pos
	for p.pos < len(p.src) && isNameByte(p.src[p.pos]) || p.peek() == '.' && p.pos > start && p.pos+1 < len(p.src) && isNameByte(p.src[p.pos+1]) {
		p.advance(1)
	}
	if p.peek() != ':' {
		if p.pos == start {
			return "", p.fail("want an IRI, a prefixed name or a literal, got %s", p.near())
		}
		return "", p.fail("%q is not a prefixed name (no ':')", clipRunes(p.src[start:p.pos], 64))
	}
	prefix := p.src[start:p.pos]
	ns, ok := p.prefixes[prefix]
	if !ok {
		return "", p.fail("unknown prefix %q: declare it with @prefix", clipRunes(prefix, 64))
	}
	p.advance(1)
	var local strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src) && strings.IndexByte("_~.-!$&'()*+,;=/?#@%", p.src[p.pos+1]) >= 0:
			local.WriteByte(p.src[p.pos+1]) // PN_LOCAL_ESC
			p.advance(2)
			continue
		case c == '%' && p.pos+2 < len(p.src) && isHex(p.src[p.pos+1]) && isHex(p.src[p.pos+2]):
			local.WriteString(p.src[p.pos : p.pos+3]) // PERCENT, kept as written
			p.advance(3)
			continue
		case isNameByte(c) || c == ':':
		case c == '.' && p.pos+1 < len(p.src) && (isNameByte(p.src[p.pos+1]) || p.src[p.pos+1] == ':'):
		default:
			return ns + local.String(), nil
		}
		local.WriteByte(c)
		p.advance(1)
	}
	return ns + local.String(), nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// iriRef reads <…>, unescapes \u and \U (§6.4) and resolves it against the base.
func (p *turtleParser) iriRef() (string, error) {
	if p.peek() != '<' {
		return "", p.fail("want <IRI>, got %s", p.near())
	}
	end := strings.IndexByte(p.src[p.pos:], '>')
	if end < 0 {
		return "", p.fail("IRI not closed with '>'")
	}
	raw := p.src[p.pos+1 : p.pos+end]
	if strings.ContainsAny(raw, " <\"{}|^`\n\r\t") {
		return "", p.fail("IRI %q holds a character IRIs may not", clipRunes(raw, 64))
	}
	iri, err := unescapeNumeric(raw)
	if err != nil {
		return "", p.fail("IRI: %v", err)
	}
	p.advance(end + 1)
	if p.base != nil && !hasScheme(iri) {
		u, err := url.Parse(iri)
		if err != nil {
			return "", p.fail("IRI %q: %v", clipRunes(iri, 64), err)
		}
		iri = p.base.ResolveReference(u).String()
	}
	if !hasScheme(iri) {
		return "", p.fail("relative IRI <%s> and no @base to resolve it against (RDF 1.1 Concepts §3.2: IRIs in RDF are absolute)", clipRunes(iri, 64))
	}
	return iri, nil
}

// unescapeNumeric replaces \uXXXX and \UXXXXXXXX.
func unescapeNumeric(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		r, n, err := numericEscape(s[i:])
		if err != nil {
			return "", err
		}
		b.WriteRune(r)
		i += n - 1
	}
	return b.String(), nil
}

// numericEscape reads \uXXXX or \UXXXXXXXX at the start of s.
func numericEscape(s string) (rune, int, error) {
	n := 0
	switch {
	case strings.HasPrefix(s, `\u`):
		n = 4
	case strings.HasPrefix(s, `\U`):
		n = 8
	default:
		return 0, 0, fmt.Errorf("bad escape %q", clipRunes(s, 4))
	}
	if len(s) < 2+n {
		return 0, 0, fmt.Errorf("short escape %q", s)
	}
	v, err := strconv.ParseUint(s[2:2+n], 16, 32)
	if err != nil || v > unicode.MaxRune || v >= 0xD800 && v <= 0xDFFF {
		return 0, 0, fmt.Errorf("bad escape %q", s[:2+n])
	}
	return rune(v), 2 + n, nil
}

func (p *turtleParser) literal() (ld.Node, error) {
	q := p.src[p.pos]
	long := strings.HasPrefix(p.src[p.pos:], strings.Repeat(string(q), 3))
	open := 1
	if long {
		open = 3
	}
	p.advance(open)
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return nil, p.fail("string not closed")
		}
		c := p.src[p.pos]
		switch {
		case c == q && (!long || strings.HasPrefix(p.src[p.pos:], strings.Repeat(string(q), 3))):
			if long {
				// a long string may end with up to two quotes of its own: """a""""" is a""
				for p.pos+3 < len(p.src) && p.src[p.pos+3] == q {
					b.WriteByte(q)
					p.advance(1)
				}
			}
			p.advance(open)
			return p.literalSuffix(b.String())
		case c == '\\':
			if p.pos+1 >= len(p.src) {
				return nil, p.fail("escape at end of input")
			}
			if e := strings.IndexByte(`tbnrf"'\`, p.src[p.pos+1]); e >= 0 {
				b.WriteByte("\t\b\n\r\f\"'\\"[e])
				p.advance(2)
				continue
			}
			r, n, err := numericEscape(p.src[p.pos:])
			if err != nil {
				return nil, p.fail("%v", err)
			}
			b.WriteRune(r)
			p.advance(n)
		case !long && (c == '\n' || c == '\r'):
			return nil, p.fail("line break in a short string; use \"\"\" or \\n")
		default:
			b.WriteByte(c)
			p.advance(1)
		}
	}
}

func (p *turtleParser) literalSuffix(lex string) (ld.Node, error) {
	switch {
	case p.peek() == '@':
		p.advance(1)
		start := p.pos
		for p.pos < len(p.src) && (isNameByte(p.src[p.pos]) && p.src[p.pos] != '_') {
			p.advance(1)
		}
		if p.pos == start {
			return nil, p.fail("empty language tag")
		}
		return ld.NewLiteral(lex, rdfLang, strings.ToLower(p.src[start:p.pos])), nil
	case strings.HasPrefix(p.src[p.pos:], "^^"):
		p.advance(2)
		dt, err := p.iri()
		if err != nil {
			return nil, err
		}
		return ld.NewLiteral(lex, dt, ""), nil
	}
	return ld.NewLiteral(lex, XSDString, ""), nil
}

// number reads INTEGER, DECIMAL or DOUBLE (Turtle §2.5.2) as a typed literal.
func (p *turtleParser) number() (ld.Node, error) {
	start := p.pos
	if c := p.peek(); c == '+' || c == '-' {
		p.advance(1)
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.advance(1)
			n++
		}
		return n
	}
	intDigits := digits()
	dt := XSDInteger
	if p.peek() == '.' && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9' {
		p.advance(1)
		digits()
		dt = XSDDecimal
	} else if intDigits == 0 && p.peek() != 'e' && p.peek() != 'E' {
		return nil, p.fail("want a number, got %s", p.near())
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		p.advance(1)
		if c := p.peek(); c == '+' || c == '-' {
			p.advance(1)
		}
		if digits() == 0 {
			return nil, p.fail("exponent without digits")
		}
		dt = XSDDouble
	}
	lex := p.src[start:p.pos]
	if len(lex) > 64 {
		return nil, p.fail("number of %d characters is too long", len(lex))
	}
	return ld.NewLiteral(lex, dt, ""), nil
}

// hasScheme reports whether iri is absolute (RFC 3986 §3.1: a scheme, then ':').
func hasScheme(iri string) bool {
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
