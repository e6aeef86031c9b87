package pricing

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dataassay/assay"
)

// TestErrors_MatchAssaySentinels: every input error of this package also matches
// assay.ErrInvalidInput, so a service can map errors of every package with one errors.Is.
func TestErrors_MatchAssaySentinels(t *testing.T) {
	_, err := NewFeeStack(Fee{Recipient: "", Rate: dec("0.1")})
	if !errors.Is(err, ErrInvalidInput) || !errors.Is(err, assay.ErrInvalidInput) {
		t.Fatalf("NewFeeStack error %v: want both pricing.ErrInvalidInput and assay.ErrInvalidInput", err)
	}
}

// TestErrors_ReadableJSONMessages is issue 12's regression: JSON errors named Go internals
// ("Go struct field plain.rate"), and clipping cut a rune in half.
func TestErrors_ReadableJSONMessages(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"fees":[{"recipient":"x","rate":true}]}`, "pricing: fees[0].rate must be well-formed JSON of the documented shape (error decoding string"},
		{`{"fees":[{"recipient":"x","rait":"0.1"}]}`, `pricing: fees[0].rait must be well-formed JSON of the documented shape (unknown field "rait")`},
		{`{"fees":[]} {}`, "pricing: JSON document must be well-formed JSON of the documented shape (trailing data"},
	} {
		var s FeeStack
		err := s.UnmarshalJSON([]byte(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v, want prefix %q", c.in, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), "Go struct") || strings.Contains(err.Error(), "plain")) {
			t.Errorf("%s: message leaks Go internals: %v", c.in, err)
		}
	}
	long := strings.Repeat("数", 40) // 120 bytes: a clip at 64 bytes falls inside a rune
	_, err := NewFeeStack(Fee{Recipient: "x", Rounding: 200, Name: long})
	if err == nil || !utf8.ValidString(err.Error()) {
		t.Errorf("error %q: want valid UTF-8", err)
	}
	if err := inputErr("f", long, "be short"); !utf8.ValidString(err.Error()) {
		t.Errorf("clipped error %q is not valid UTF-8", err)
	}
}
