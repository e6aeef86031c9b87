package pricing

import (
	"encoding/json"
	"errors"

	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
)

// maxJSON bounds the size of a plan, fee stack or menu document read from untrusted input.
const maxJSON = 1 << 20

// decodeStrict decodes one JSON value into v with internal/jsonin: documents over 1 MiB,
// unknown fields and trailing data are rejected, and its errors become *InputError naming the
// field's path. Errors of nested values (an unknown currency, a malformed amount) already name
// what is wrong and are returned as they are.
func decodeStrict(b []byte, v any) error {
	err := jsonin.Decode(b, v, maxJSON)
	var je *jsonin.Error
	if !errors.As(err, &je) {
		return err
	}
	field := "JSON document"
	if je.Path != "" {
		field = je.Path
	}
	return &InputError{Field: field, Reason: "be well-formed JSON of the documented shape (" + je.Reason + ")"}
}

// clipText shortens untrusted text before it is copied into an error message.
func clipText(s string) string { return errs.Clip(s, 64) }

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
