package valuation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dataassay/assay"
)

// TestErrors_MatchAssaySentinelsAndNameTheField is issue 12's regression: input errors match
// assay.ErrInvalidInput as well as this package's sentinel; JSON errors name the field's path
// in JSON words, never a Go type ("Go struct field plain.rate"); an unset field's message does
// not end in an empty value ("inService must be set, got ").
func TestErrors_MatchAssaySentinelsAndNameTheField(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"basis":"split","rate":"x"}`, "valuation: income input field rate must be well-formed JSON of the documented shape (want a number, got a JSON string)"},
		{`{"basis":"split","rait":0.3}`, `valuation: income input field rait must be well-formed JSON of the documented shape (unknown field "rait")`},
	} {
		var in IncomeInput
		err := in.UnmarshalJSON([]byte(c.in))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", c.in, err, c.want)
		}
		if !errors.Is(err, ErrInvalidInput) || !errors.Is(err, assay.ErrInvalidInput) {
			t.Errorf("%s: %v does not match both sentinels", c.in, err)
		}
	}
	var p Plan
	err := json.Unmarshal([]byte(`{"cost":{"amount":"100","currency":"CNY"},"lifeYears":5,"method":"straight-line"}`), &p)
	if err == nil {
		err = p.Validate()
	}
	if err == nil || strings.HasSuffix(err.Error(), "got ") || !errors.Is(err, assay.ErrInvalidInput) {
		t.Errorf("plan without inService: error %q, want one that names the field and matches assay.ErrInvalidInput", err)
	}
}
