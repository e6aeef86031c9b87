package odrl

import (
	"errors"
	"strings"
	"testing"

	"github.com/dataassay/assay"
)

// TestErrors_MatchAssay: every input error of the package matches its own sentinel,
// odrl.ErrInvalidInput and assay.ErrInvalidInput, so a backend handles bad input from any
// package of the module the same way.
func TestErrors_MatchAssay(t *testing.T) {
	_, syntax := ParsePolicy([]byte(`{`))
	_, world := ParseWorld([]byte(`{"now": "yesterday"}`))
	_, unknown := ParseWorld([]byte(`{"nwo": "2024-01-01T00:00:00Z"}`))
	_, turtle := ParsePolicyRDF([]byte(`<urn:p> a ex:Set .`), Turtle)
	_, limit := ParseOptions{Limits: Limits{MaxInputBytes: 1}}.ParsePolicy([]byte(`{}`))
	_, remote := ParsePolicy([]byte(`{"@context": "https://evil.example/ctx", "@type": "Set"}`))
	for _, tt := range []struct {
		err  error
		want error
	}{
		{syntax, ErrSyntax}, {world, ErrInvalidWorld}, {unknown, ErrSyntax}, {turtle, ErrSyntax},
		{limit, ErrTooLarge}, {remote, ErrRemoteContext},
	} {
		if !errors.Is(tt.err, tt.want) || !errors.Is(tt.err, ErrInvalidInput) || !errors.Is(tt.err, assay.ErrInvalidInput) {
			t.Errorf("%v: want it to match %v, odrl.ErrInvalidInput and assay.ErrInvalidInput", tt.err, tt.want)
		}
		if !strings.HasPrefix(tt.err.Error(), "odrl: ") {
			t.Errorf("%q does not start with the package name", tt.err)
		}
	}
	if !strings.Contains(unknown.Error(), `"nwo"`) {
		t.Errorf("%q does not name the unknown field", unknown)
	}
}

// TestErrors_ClipUTF8: untrusted text copied into a message is clipped without cutting a
// UTF-8 sequence.
func TestErrors_ClipUTF8(t *testing.T) {
	uid := "urn:" + strings.Repeat("数据", 200)
	_, err := ParsePolicy([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Agreement", "uid": "` + uid + `", "permission": [{"action": "use", "target": "urn:x"}]}`))
	if err == nil {
		t.Fatal("an Agreement without parties parsed")
	}
	if msg := err.Error(); !strings.Contains(msg, "…") || !isValidUTF8(msg) {
		t.Errorf("message not clipped cleanly: %q", msg)
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
