package pricing

import (
	"encoding/json"

	"github.com/dataassay/assay"
)

// Fixed is a one-off price: a file download, a one-time licence, an ADX public offer. The quote
// has one line item of quantity 1.
//
// A Fixed is immutable after NewFixed and safe for concurrent use.
type Fixed struct {
	price units
	desc  string
}

// units is a non-negative Money with its whole number of minor units.
type units struct {
	m     assay.Money
	minor int64
}

// wholeUnits validates m as a non-negative whole number of minor units of cur (cur zero: any).
func wholeUnits(field string, m assay.Money, cur assay.Currency) (units, error) {
	if m.Currency().IsZero() && m.IsZero() && !cur.IsZero() {
		return units{m: assay.MoneyOf(m.Amount(), cur)}, nil
	}
	switch {
	case m.Currency().IsZero():
		return units{}, inputErr(field, m.String(), "have a currency")
	case !cur.IsZero() && m.Currency() != cur:
		return units{}, inputErr(field, m.String(), "be in "+cur.Code()+" like the rest of the plan")
	case m.IsNegative():
		return units{}, inputErr(field, m.String(), "not be negative")
	}
	u, ok := minorUnits(m)
	if !ok {
		return units{}, inputErr(field, m.String(), "be a whole number of minor units within ±9.2e18")
	}
	return units{m: m, minor: u}, nil
}

type fixedJSON struct {
	Kind        string      `json:"kind"`
	Price       assay.Money `json:"price"`
	Description string      `json:"description,omitzero"`
}

// NewFixed returns a fixed price, which must be a non-negative whole number of minor units
// with a currency. The description labels the line item; "" means "fixed price".
func NewFixed(price assay.Money, description string) (Fixed, error) {
	p, err := wholeUnits("price", price, assay.Currency{})
	if err != nil {
		return Fixed{}, err
	}
	if description == "" {
		description = "fixed price"
	}
	return Fixed{price: p, desc: description}, nil
}

// Kind returns "fixed".
func (f Fixed) Kind() string { return "fixed" }

// Currency returns the price's currency.
func (f Fixed) Currency() assay.Currency { return f.price.m.Currency() }

// Price returns the price.
func (f Fixed) Price() assay.Money { return f.price.m }

func (f Fixed) charge(_ Usage, dst []line) ([]line, error) {
	if f.Currency().IsZero() {
		return dst, inputErr("plan", "zero Fixed", "be built by NewFixed")
	}
	return append(dst, line{kind: LineCharge, desc: f.desc, qty: 1, unit: f.price.m, amount: f.price.minor}), nil
}

// MarshalJSON writes {"kind":"fixed","price":{…},"description":"…"}.
func (f Fixed) MarshalJSON() ([]byte, error) {
	return json.Marshal(fixedJSON{Kind: f.Kind(), Price: f.price.m, Description: f.desc})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewFixed does.
func (f *Fixed) UnmarshalJSON(b []byte) error {
	var w fixedJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	if err := checkKind(w.Kind, f.Kind()); err != nil {
		return err
	}
	v, err := NewFixed(w.Price, w.Description)
	if err == nil {
		*f = v
	}
	return err
}

func checkKind(got, want string) error {
	if got != want && got != "" {
		return inputErr("kind", got, `be "`+want+`"`)
	}
	return nil
}
