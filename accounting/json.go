package accounting

import (
	"errors"

	"github.com/dataassay/assay/internal/jsonin"
)

// ParseBook decodes a Book from JSON strictly (internal/jsonin): at most 8 MiB, one value,
// unknown fields and trailing data rejected. It checks the form only; NewLedger checks the
// content. Errors are *InputError naming the field's path, matching ErrInvalidInput; an error
// from a nested value (a money amount, a date, an income-approach input) is wrapped in one.
//
// The form, abridged (see examples/balance-sheet/company.json for a whole book):
//
//	{"entity":"…","currency":"CNY","fromYear":2024,"toYear":2028,
//	 "resources":[{"id":"traffic","route":"purchased","use":"own-use",
//	   "criteria":{"controlled":true,"identifiable":true,"probableBenefits":true,"reliableCost":true},
//	   "ready":"2024-03-31","life":{"years":5,"method":"straight-line"},
//	   "costs":[{"kind":"purchase-price","date":"2024-02-20","amount":{"amount":"1200000.00","currency":"CNY"}}],
//	   "events":[{"kind":"impairment-test","date":"2026-12-31","fairValueLessCosts":{…}}]}]}
func ParseBook(data []byte) (Book, error) {
	var b Book
	if err := jsonin.Decode(data, &b, maxJSONBytes); err != nil {
		var je *jsonin.Error
		var ie *InputError
		switch {
		case errors.As(err, &je):
			field := je.Path
			if field == "" {
				field = "book"
			}
			return Book{}, &InputError{Field: field, Value: "JSON", Reason: "be well-formed: " + je.Reason}
		case errors.As(err, &ie):
			return Book{}, err
		}
		return Book{}, &InputError{Field: "book", Value: "JSON", Reason: "decode: " + err.Error(), Err: err}
	}
	return b, nil
}
