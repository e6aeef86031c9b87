package billing

import (
	"errors"

	"github.com/dataassay/assay/internal/jsonin"
)

// maxJSON bounds one JSON document of this package read from untrusted input: an offer, or
// a batch of usage records (about 100,000 records of 160 bytes).
const maxJSON = 16 << 20

// ParseOffer decodes an offer from JSON (the form json.Marshal writes, plans in pricing's JSON
// form) and checks it. Errors: *InputError naming the field, or the nested value's typed error.
func ParseOffer(data []byte) (Offer, error) {
	var o Offer
	if err := decode(data, &o); err != nil {
		return Offer{}, err
	}
	return o, o.Check()
}

// ParseRecords decodes a JSON array of usage records. Each record is checked when it is
// aggregated (Meter.Aggregate), where its errors name it.
func ParseRecords(data []byte) ([]Record, error) {
	var rs []Record
	if err := decode(data, &rs); err != nil {
		return nil, err
	}
	return rs, nil
}

// ParseInvoice reads an invoice as json.Marshal writes it, from untrusted JSON, and checks that
// it reconciles (Invoice.Check), so that a stored invoice can be refunded by a credit note.
func ParseInvoice(data []byte) (Invoice, error) {
	var inv Invoice
	if err := decode(data, &inv); err != nil {
		return Invoice{}, err
	}
	return inv, inv.Check()
}

func decode(data []byte, v any) error { return decodeAt(data, v, "") }

// decodeAt decodes strictly, naming a field by its path under prefix ("charge" for a charge
// decoded inside an offer).
func decodeAt(data []byte, v any, prefix string) error {
	err := jsonin.Decode(data, v, maxJSON)
	var je *jsonin.Error
	if !errors.As(err, &je) {
		return err
	}
	field := je.Path
	switch {
	case prefix != "" && field != "":
		field = prefix + "." + field
	case prefix != "":
		field = prefix
	case field == "":
		field = "JSON document"
	}
	return &InputError{Field: field, Reason: "be well-formed JSON of the documented shape (" + je.Reason + ")"}
}
