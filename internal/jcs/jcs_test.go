package jcs

import (
	"encoding/json"
	"strings"
	"testing"
)

// RFC 8785 §3.2.4, the sample input and its canonical form.
func TestCanonicalize_RFC8785Sample(t *testing.T) {
	in := `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	want := `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`
	got, err := Canonicalize([]byte(in))
	if err != nil || string(got) != want {
		t.Errorf("Canonicalize:\n got %s, %v\nwant %s", got, err, want)
	}
}

// ECMA-262 Number::toString on values worked by hand, and RFC 8785 Appendix B's IEEE 754
// table entries that need no bit patterns.
func TestCanonicalize_Numbers(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "1": "1", "-1.5": "-1.5", "100": "100", "1e21": "1e+21", "1e20": "100000000000000000000",
		"123456789012345680000": "123456789012345680000", "0.000001": "0.000001", "0.0000001": "1e-7",
		"9007199254740992": "9007199254740992", "5e-324": "5e-324", "1.7976931348623157e308": "1.7976931348623157e+308",
		"295147905179352830000": "295147905179352830000", "1.5e-7": "1.5e-7",
	} {
		got, err := Canonicalize([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("%s: got %s, %v; want %s", in, got, err, want)
		}
	}
}

// Members are sorted by UTF-16 code units, which differs from UTF-8 byte order above the
// BMP: U+10000 (a surrogate pair D800 DC00) sorts before U+FB33.
func TestCanonicalize_SortsByUTF16(t *testing.T) {
	got, err := Canonicalize([]byte(`{"\uFB33":1,"\uD800\uDC00":2,"a":3,"":4}`))
	want := "{\"\":4,\"a\":3,\"\U00010000\":2,\"\uFB33\":1}"
	if err != nil || string(got) != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
}

func TestCanonicalize_Rejects(t *testing.T) {
	for name, in := range map[string]string{
		"duplicate": `{"a":1,"a":2}`,
		"trailing":  `{} {}`,
		"too large": `1e400`,
		"bad utf-8": "\"\xff\"",
		"too deep":  strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1),
		"truncated": `{"a":`,
		"not json":  `{a:1}`,
		"empty":     ``,
	} {
		if _, err := Canonicalize([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// Canonicalizing is idempotent and keeps the value: a property of every accepted input.
func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{`{"b":[1,2.5e-9,"x"],"a":{"\u00e9":null}}`, `[1e21,0.1,-0]`, `"\u001f\""`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Canonicalize(data)
		if err != nil {
			return
		}
		again, err := Canonicalize(c)
		if err != nil || string(again) != string(c) {
			t.Fatalf("not idempotent: %s -> %s (%v)", c, again, err)
		}
		var a, b any
		if json.Unmarshal(data, &a) != nil || json.Unmarshal(c, &b) != nil {
			t.Fatalf("canonical form does not parse: %s", c)
		}
	})
}
