package pricing

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/dataassay/assay"
)

// maxJSON bounds the size of a plan, fee stack or menu document read from untrusted input.
const maxJSON = 1 << 20

// decodeStrict decodes one JSON value into v, rejecting unknown fields, trailing data and
// documents over 1 MiB, and reporting errors as *InputError.
func decodeStrict(b []byte, v any) error {
	if len(b) > maxJSON {
		return inputErr("JSON document", itoa(int64(len(b)))+" bytes", "be at most 1 MiB")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// Errors of this package and assay's (an unknown currency, a malformed amount) already
		// name the offending field and value: keep them.
		var ie *InputError
		if errors.As(err, &ie) || errors.Is(err, assay.ErrInvalidCurrency) || errors.Is(err, assay.ErrInvalidAmount) || errors.Is(err, assay.ErrInvalidInput) {
			return err
		}
		return &InputError{Field: "JSON document", Value: clipText(err.Error()), Reason: "be valid for this type"}
	}
	if dec.More() {
		return inputErr("JSON document", "trailing data", "hold exactly one value")
	}
	return nil
}

func clipText(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// UnmarshalPlan decodes any plan from the JSON that json.Marshal writes for it, choosing the
// type by its "kind" field, and validates it as its constructor does. Documents over 1 MiB,
// unknown kinds, unknown fields and invalid values return an *InputError; an unknown currency
// or a malformed amount returns assay's typed error (errors.Is(err, assay.ErrInvalidCurrency)).
func UnmarshalPlan(b []byte) (Plan, error) {
	if len(b) > maxJSON {
		return nil, inputErr("JSON document", itoa(int64(len(b)))+" bytes", "be at most 1 MiB")
	}
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, &InputError{Field: "plan", Value: clipText(err.Error()), Reason: "be a JSON object with a \"kind\""}
	}
	switch head.Kind {
	case "fixed":
		return decodeAs[Fixed](b)
	case "graduated":
		return decodeAs[Graduated](b)
	case "volume":
		return decodeAs[Volume](b)
	case "metered":
		return decodeAs[Metered](b)
	case "subscription":
		return decodeAs[Subscription](b)
	case "quota":
		return decodeAs[Quota](b)
	case "pack":
		return decodeAs[Pack](b)
	}
	return nil, inputErr("plan.kind", head.Kind, `be one of "fixed", "graduated", "volume", "metered", "subscription", "quota", "pack"`)
}

// decodeAs decodes b as the plan type T, through its UnmarshalJSON.
func decodeAs[T Plan, PT interface {
	*T
	json.Unmarshaler
}](b []byte) (Plan, error) {
	var v T
	if err := PT(&v).UnmarshalJSON(b); err != nil {
		return nil, err
	}
	return v, nil
}
