// Package jcs implements the JSON Canonicalization Scheme of RFC 8785: the one serialisation
// of a JSON value that signatures over JSON (such as the eddsa-jcs-2022 Data Integrity
// cryptosuite) hash. Object members are sorted by the UTF-16 code units of their names
// (§3.2.3), strings use the shortest escapes (§3.2.2.2), numbers are written as ECMAScript
// writes IEEE 754 doubles (§3.2.2.3), and there is no white space.
//
// Input is untrusted: it must be I-JSON (RFC 7493) — no duplicate member names, no numbers
// outside the double range, valid UTF-8 — and nest at most MaxDepth deep; anything else is an
// error. The functions are safe for concurrent use.
package jcs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects Canonicalize accepts.
const MaxDepth = 64

// Canonicalize returns the RFC 8785 form of the JSON value in data.
func Canonicalize(data []byte) ([]byte, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("jcs: not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parse(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("jcs: trailing data after the value")
	}
	var b []byte
	return appendValue(b, v)
}

// Marshal encodes v with encoding/json and canonicalizes the result.
func Marshal(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return Canonicalize(data)
}

// member is one name/value pair of an object, in input order until sorted.
type member struct {
	name string
	v    any
}

type object []member

// parse reads one value from the token stream, rejecting duplicate names.
func parse(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("jcs: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= MaxDepth {
			return nil, fmt.Errorf("jcs: nested deeper than %d", MaxDepth)
		}
		switch t {
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := parse(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token() // ']'
			return arr, err
		case '{':
			var obj object
			seen := map[string]bool{}
			for dec.More() {
				nt, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("jcs: %w", err)
				}
				name := nt.(string)
				if seen[name] {
					return nil, fmt.Errorf("jcs: duplicate member %q", clip(name))
				}
				seen[name] = true
				v, err := parse(dec, depth+1)
				if err != nil {
					return nil, err
				}
				obj = append(obj, member{name, v})
			}
			_, err := dec.Token() // '}'
			return obj, err
		}
		return nil, fmt.Errorf("jcs: unexpected %v", t)
	default:
		return t, nil
	}
}

func clip(s string) string {
	if len(s) > 32 {
		s = s[:32]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		return s + "…"
	}
	return s
}

func appendValue(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, t), nil
	case string:
		return appendString(b, t), nil
	case json.Number:
		return appendNumber(b, t)
	case []any:
		b = append(b, '[')
		for i, e := range t {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValue(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case object:
		sorted := slices.Clone(t)
		slices.SortFunc(sorted, func(x, y member) int { return compareUTF16(x.name, y.name) })
		b = append(b, '{')
		for i, m := range sorted {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendString(b, m.name), ':')
			var err error
			if b, err = appendValue(b, m.v); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	}
	return nil, fmt.Errorf("jcs: unexpected value of type %T", v)
}

// compareUTF16 orders strings by their UTF-16 code units (RFC 8785 §3.2.3).
func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// appendString writes s as RFC 8785 §3.2.2.2 requires: '"' and '\' escaped, the control
// characters U+0000 to U+001F as \b, \t, \n, \f, \r or \u00xx (lower-case hexadecimal),
// everything else as itself.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c >= 0x20:
			b = append(b, c)
		case c == '\b':
			b = append(b, '\\', 'b')
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\f':
			b = append(b, '\\', 'f')
		case c == '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
	}
	return append(b, '"')
}

// appendNumber writes n as ECMAScript's Number.prototype.toString writes the nearest double
// (ECMA-262, Number::toString; RFC 8785 §3.2.2.3).
func appendNumber(b []byte, n json.Number) ([]byte, error) {
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("jcs: number %s is outside the range of a double", clip(string(n)))
	}
	if f == 0 {
		return append(b, '0'), nil // also -0
	}
	if f < 0 {
		b = append(b, '-')
		f = -f
	}
	// The shortest digits that round-trip, and the decimal exponent: d.ddd × 10^e.
	mant, expText, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(expText)
	k, p := len(digits), e+1 // p: the position of the decimal point, ECMA-262's n
	switch {
	case k <= p && p <= 21:
		b = append(b, digits...)
		for range p - k {
			b = append(b, '0')
		}
	case 0 < p && p <= 21:
		b = append(append(append(b, digits[:p]...), '.'), digits[p:]...)
	case -6 < p && p <= 0:
		b = append(b, '0', '.')
		for range -p {
			b = append(b, '0')
		}
		b = append(b, digits...)
	default:
		b = append(b, digits[0])
		if k > 1 {
			b = append(append(b, '.'), digits[1:]...)
		}
		b = append(b, 'e')
		if p-1 >= 0 {
			b = append(b, '+')
		}
		b = strconv.AppendInt(b, int64(p-1), 10)
	}
	return b, nil
}
