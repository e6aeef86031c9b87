package pricing

import (
	"encoding/json"

	"github.com/dataassay/assay"
)

// CapScope says what a Metered plan's cap bounds.
type CapScope uint8

// The scopes of a cap. Snowflake Marketplace's usage-based plans name a "maximum monthly
// charge" without saying which of the two it is (Snowflake documentation, "Pricing plan
// manifest reference"), so both are offered.
const (
	CapVariable CapScope = iota // the cap bounds the usage charge; the base fee comes on top
	CapTotal                    // the cap bounds the whole bill, base fee included
)

var capScopeNames = [...]string{"variable", "total"}

// String returns "variable" or "total".
func (s CapScope) String() string {
	if int(s) < len(capScopeNames) {
		return capScopeNames[s]
	}
	return "CapScope(" + itoa(int64(s)) + ")"
}

// MarshalText encodes the scope by its name.
func (s CapScope) MarshalText() ([]byte, error) {
	if int(s) >= len(capScopeNames) {
		return nil, inputErr("capScope", s.String(), `be "variable" or "total"`)
	}
	return []byte(capScopeNames[s]), nil
}

// UnmarshalText decodes "variable" (or the empty text) and "total".
func (s *CapScope) UnmarshalText(b []byte) error {
	switch string(b) {
	case "", "variable":
		*s = CapVariable
	case "total":
		*s = CapTotal
	default:
		return inputErr("capScope", string(b), `be "variable" or "total"`)
	}
	return nil
}

// MeteredTerms are the terms of a usage-based plan billed in arrears, after Snowflake
// Marketplace's USAGE_BASED pricing plans (base_fee, free_units, usage_unit_price, max_fee;
// Snowflake documentation, "Pricing plan manifest reference"). The zero value of every optional field means "none".
type MeteredTerms struct {
	// BaseFee is charged only in periods with at least one unit of usage (Snowflake charges
	// its monthly fee only in calendar months with a query). Zero: none.
	BaseFee assay.Money `json:"baseFee,omitzero"`
	// FreeUnits are the units of each period that cost nothing (Snowflake's GRACE units).
	FreeUnits int64 `json:"freeUnits,omitzero"`
	// UnitPrice is the price of Per billable units; it sets the plan's currency. At most 9
	// decimal places below the minor unit.
	UnitPrice assay.Money `json:"unitPrice"`
	// Per is the number of units UnitPrice is for; 0 means 1.
	Per int64 `json:"per,omitzero"`
	// Cap is the maximum charge of a period (Snowflake's max_fee); zero means no cap.
	Cap assay.Money `json:"cap,omitzero"`
	// CapScope says whether Cap bounds the usage charge (the zero value) or the whole bill.
	CapScope CapScope `json:"capScope,omitzero"`
	// Rounding rounds the usage charge to the minor unit; the zero value is HalfEven.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// Metered is a usage-based plan billed in arrears: a base fee in active periods, free units,
// a unit price and an optional cap on the variable part or on the whole bill. Its quote has a
// line for the base fee, one for the free units, one for the billable units and, when the cap
// binds, a negative Adjustment line that brings the bill down to the cap (Snowflake's
// MAX_VARIABLE_USAGE_REACHED), so that every unit of usage stays visible.
//
// A Metered is immutable after NewMetered and safe for concurrent use.
type Metered struct {
	terms     MeteredTerms
	base, cap units
	coef, div int64
	capDesc   string
}

type meteredJSON struct {
	Kind string `json:"kind"`
	MeteredTerms
}

// NewMetered validates t and returns the plan. All amounts must share UnitPrice's currency and
// be non-negative; BaseFee and Cap whole minor units; with CapTotal a non-zero cap must not be
// below the base fee (a cap below its floor). Errors are *InputError naming the field.
func NewMetered(t MeteredTerms) (Metered, error) {
	cur := t.UnitPrice.Currency()
	if cur.IsZero() {
		return Metered{}, inputErr("unitPrice", t.UnitPrice.String(), "have a currency")
	}
	if t.UnitPrice.IsNegative() {
		return Metered{}, inputErr("unitPrice", t.UnitPrice.String(), "not be negative")
	}
	sc, ok := toScaled(t.UnitPrice.Amount(), cur.Digits())
	if !ok {
		return Metered{}, inputErr("unitPrice", t.UnitPrice.String(), "have at most 9 decimal places below the minor unit and fit in int64 minor units")
	}
	if t.Per < 0 || t.Per > nano {
		return Metered{}, inputErr("per", itoa(t.Per), "be between 1 and 1,000,000,000 (0 means 1)")
	}
	if t.FreeUnits < 0 {
		return Metered{}, inputErr("freeUnits", itoa(t.FreeUnits), "not be negative")
	}
	if !t.Rounding.Valid() {
		return Metered{}, inputErr("rounding", t.Rounding.String(), "be a defined rounding mode")
	}
	if t.CapScope > CapTotal {
		return Metered{}, inputErr("capScope", t.CapScope.String(), `be "variable" or "total"`)
	}
	base, err := wholeUnits("baseFee", t.BaseFee, cur)
	if err != nil {
		return Metered{}, err
	}
	cp, err := wholeUnits("cap", t.Cap, cur)
	if err != nil {
		return Metered{}, err
	}
	if t.CapScope == CapTotal && cp.minor != 0 && cp.minor < base.minor {
		return Metered{}, inputErr("cap", t.Cap.String(), "not be below the base fee "+t.BaseFee.String()+" when it bounds the whole bill")
	}
	per := max(t.Per, 1)
	m := Metered{terms: t, base: base, cap: cp, coef: sc.coef, div: per * pow10[sc.scale]}
	m.terms.BaseFee, m.terms.Cap = base.m, cp.m
	m.capDesc = "cap of " + cp.m.String() + " on the usage charge reached"
	if t.CapScope == CapTotal {
		m.capDesc = "cap of " + cp.m.String() + " on the bill reached"
	}
	return m, nil
}

// Kind returns "metered".
func (m Metered) Kind() string { return "metered" }

// Currency returns the unit price's currency.
func (m Metered) Currency() assay.Currency { return m.terms.UnitPrice.Currency() }

// Terms returns the plan's terms.
func (m Metered) Terms() MeteredTerms { return m.terms }

func (m Metered) charge(u Usage, dst []line) ([]line, error) {
	if m.Currency().IsZero() {
		return dst, inputErr("plan", "zero Metered", "be built by NewMetered")
	}
	if u.Units < 0 {
		return dst, inputErr("usage.units", itoa(u.Units), "not be negative")
	}
	if u.Units == 0 {
		return dst, nil // no usage, no base fee
	}
	var bill int64
	if m.base.minor != 0 {
		dst = append(dst, line{kind: LineCharge, desc: "base fee (period with usage)", qty: 1, unit: m.base.m, amount: m.base.minor})
		bill = m.base.minor
	}
	free := min(u.Units, m.terms.FreeUnits)
	if free > 0 {
		dst = append(dst, line{kind: LineCharge, desc: "free units", qty: free, unit: money(0, m.Currency())})
	}
	var variable int64
	if billable := u.Units - free; billable > 0 {
		var ok bool
		if variable, ok = mulDiv(billable, m.coef, m.div, m.terms.Rounding); !ok {
			return dst, overflowErr("usage charge")
		}
		dst = append(dst, line{kind: LineCharge, desc: "billable units", qty: billable, unit: m.terms.UnitPrice, per: m.terms.Per, amount: variable})
	}
	if m.cap.minor == 0 {
		return dst, nil
	}
	over := variable - m.cap.minor
	if m.terms.CapScope == CapTotal {
		over = bill + variable - m.cap.minor
	}
	if over > 0 {
		dst = append(dst, line{kind: LineAdjustment, desc: m.capDesc, amount: -over})
	}
	return dst, nil
}

// MarshalJSON writes {"kind":"metered", …the MeteredTerms fields}.
func (m Metered) MarshalJSON() ([]byte, error) {
	return json.Marshal(meteredJSON{Kind: m.Kind(), MeteredTerms: m.terms})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewMetered does.
func (m *Metered) UnmarshalJSON(b []byte) error {
	var w meteredJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	if err := checkKind(w.Kind, m.Kind()); err != nil {
		return err
	}
	v, err := NewMetered(w.MeteredTerms)
	if err == nil {
		*m = v
	}
	return err
}
