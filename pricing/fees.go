package pricing

import (
	"encoding/json"
	"slices"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Side says who bears a fee.
type Side uint8

// The sides of a fee.
const (
	Buyer  Side = iota // added on top of the price; the buyer pays it
	Seller             // deducted from what the seller receives
)

var sideNames = [...]string{"buyer", "seller"}

// String returns "buyer" or "seller".
func (s Side) String() string {
	if int(s) < len(sideNames) {
		return sideNames[s]
	}
	return "Side(" + itoa(int64(s)) + ")"
}

// MarshalText encodes the side by its name.
func (s Side) MarshalText() ([]byte, error) {
	if int(s) >= len(sideNames) {
		return nil, inputErr("side", s.String(), `be "buyer" or "seller"`)
	}
	return []byte(sideNames[s]), nil
}

// UnmarshalText decodes "buyer" (or the empty text) and "seller".
func (s *Side) UnmarshalText(b []byte) error {
	switch string(b) {
	case "", "buyer":
		*s = Buyer
	case "seller":
		*s = Seller
	default:
		return inputErr("side", string(b), `be "buyer" or "seller"`)
	}
	return nil
}

// Fee is one component of a FeeStack: a percentage of a base and/or an absolute amount,
// optionally bounded by a floor and a ceiling, borne by the buyer or the seller and paid to a
// named recipient (an exchange, an intermediary, a protocol community, a tax authority).
//
// The component's exact amount is Rate × base + Fixed, raised to Min and lowered to Max; the
// base is the quote's subtotal or, with Compound, the subtotal plus the (rounded) components
// on the same side before this one (VAT charged on a platform fee line). The line is that
// amount rounded once to the minor unit by Rounding, whose zero value is the invoice rule of
// the quote's currency (see FeeRounding); the recipient is credited exactly the line. The zero
// value of every other optional field means "none".
type Fee struct {
	Name      string `json:"name"`      // label of the line item, e.g. "exchange service fee", "VAT"
	Recipient string `json:"recipient"` // who is paid, e.g. "exchange"; required
	Side      Side   `json:"side"`      // "buyer" (the zero value) or "seller"
	// Rate is the percentage as a fraction, 0 ≤ Rate ≤ 1 (0.001 is 0.1 %), with at most 9
	// decimal places.
	Rate decimal.Decimal `json:"rate,omitzero"`
	// Fixed is an absolute amount added to the percentage, in the quote's currency.
	Fixed assay.Money `json:"fixed,omitzero"`
	// Min and Max bound the component (zero: no bound); Max must not be below Min.
	Min assay.Money `json:"min,omitzero"`
	Max assay.Money `json:"max,omitzero"`
	// Tax marks a tax (VAT): its line is a Tax line and it counts in Quotation.Taxes.
	Tax bool `json:"tax,omitzero"`
	// Compound applies Rate to the subtotal plus the components on the same side before it.
	Compound bool `json:"compound,omitzero"`
	// Rounding rounds the line to the minor unit; the zero value, InvoiceRule, rounds as an
	// invoice in the quote's currency does (InvoiceRounding).
	Rounding FeeRounding `json:"rounding,omitzero"`
}

// FeeRounding says how a fee or tax line is rounded to its currency's minor unit. The zero
// value, InvoiceRule, rounds by InvoiceRounding of the quote's currency; RoundFeeBy names any
// assay.RoundingMode instead. Its JSON and text form is "invoice" for InvoiceRule (the empty
// text also reads as InvoiceRule) and the mode's name otherwise ("half-even", "down", …).
type FeeRounding uint8

// InvoiceRule rounds a line as an invoice in its currency is rounded: see InvoiceRounding.
const InvoiceRule FeeRounding = 0

// RoundFeeBy returns the FeeRounding that rounds by m.
func RoundFeeBy(m assay.RoundingMode) FeeRounding { return FeeRounding(m) + 1 }

// Mode returns the rounding mode of a line in currency c, and false if r is undefined.
func (r FeeRounding) Mode(c assay.Currency) (assay.RoundingMode, bool) {
	if r == InvoiceRule {
		return InvoiceRounding(c), true
	}
	m := assay.RoundingMode(r - 1)
	return m, m.Valid()
}

// String returns "invoice" or the mode's name.
func (r FeeRounding) String() string {
	if r == InvoiceRule {
		return "invoice"
	}
	return assay.RoundingMode(r - 1).String()
}

// MarshalText encodes the rounding by its name; an undefined one is an error.
func (r FeeRounding) MarshalText() ([]byte, error) {
	if _, ok := r.Mode(assay.Currency{}); !ok {
		return nil, inputErr("rounding", r.String(), "be \"invoice\" or a rounding mode")
	}
	return []byte(r.String()), nil
}

// UnmarshalText decodes "invoice" (or the empty text) and the names of assay.RoundingMode.
func (r *FeeRounding) UnmarshalText(b []byte) error {
	if len(b) == 0 || string(b) == "invoice" {
		*r = InvoiceRule
		return nil
	}
	var m assay.RoundingMode
	if err := m.UnmarshalText(b); err != nil {
		return inputErr("rounding", clipText(string(b)), `be "invoice", "half-even", "half-up", "half-down", "down", "up", "floor" or "ceiling"`)
	}
	*r = RoundFeeBy(m)
	return nil
}

// InvoiceRounding returns how a tax or fee line of an invoice in currency c is rounded to the
// minor unit: each line's tax is computed on the line's amount and rounded once, and the
// invoice total is the sum of the rounded lines.
//
// It is assay.HalfUp for every currency. For CNY this is 四舍五入 to the fen, the rule by
// which the VAT invoice system computes 税额 = 金额 × 税率 on each line of a 增值税发票
// (State Taxation Administration, 《增值税发票开具指南》, 2019); Hong Kong and Macau levy no
// VAT, and fees in HKD and MOP are rounded to the cent and avo half away from zero by
// commercial convention; the EU leaves the rule to member states (Council Directive
// 2006/112/EC, Art. 226(8)–(10) requires the VAT amount per rate, not a rounding mode), whose
// usual rule is the same commercial rounding. A jurisdiction whose rule differs (a
// truncating one, say) is served by Fee.Rounding.
func InvoiceRounding(c assay.Currency) assay.RoundingMode { return assay.HalfUp }

// compiledFee is a validated Fee in minor units.
type compiledFee struct {
	rate             int64 // nanos of a unit fraction
	fixed, min, max  int64 // minor units
	hasMin, hasMax   bool
	cur              assay.Currency // currency of Fixed/Min/Max, zero if none is set
	rounding         FeeRounding
	kind             LineKind
	rateDisplay      decimal.Decimal
	name, recipient  string
	seller, compound bool
}

// FeeStack is an ordered list of fee and tax components applied to a quote's subtotal, rounded
// as an invoice is: each component is one line, computed on its base and rounded once to the
// minor unit (Fee.Rounding, by default the currency's invoice rule); what the buyer pays is the
// subtotal plus the buyer-side lines, and what the seller receives is the subtotal minus the
// seller-side lines. Every recipient is credited exactly its line, so the buyer's total equals
// the seller's net plus every credit, to the minor unit, and no rounding remainder arises. A
// zero subtotal (no usage, a free data set) carries no fees at all, not even minimum or fixed
// ones.
//
// A FeeStack is immutable after NewFeeStack and safe for concurrent use. The zero FeeStack
// has no components.
type FeeStack struct {
	fees []compiledFee
	spec []Fee
}

type feeStackJSON struct {
	Fees []Fee `json:"fees"`
}

// maxFees bounds the components of a stack.
const maxFees = 64

// NewFeeStack validates the components, in order, and returns the stack. Errors are
// *InputError naming the component: a rate below 0 or over 100 %, more than 9 decimal places,
// a negative amount, a Max below Min, amounts in different currencies, a missing recipient, an
// undefined rounding.
func NewFeeStack(fees ...Fee) (FeeStack, error) {
	if len(fees) > maxFees {
		return FeeStack{}, inputErr("fees", itoa(int64(len(fees)))+" components", "have at most 64 components")
	}
	s := FeeStack{fees: make([]compiledFee, len(fees)), spec: slices.Clone(fees)}
	for i, f := range fees {
		field := "fees[" + itoa(int64(i)) + "]"
		c := compiledFee{name: f.Name, recipient: f.Recipient, seller: f.Side == Seller, compound: f.Compound,
			rateDisplay: f.Rate, kind: LineFee}
		if c.name == "" {
			c.name = f.Recipient + " fee"
		}
		if f.Recipient == "" {
			return FeeStack{}, inputErr(field+".recipient", `""`, "name who receives the fee")
		}
		if f.Side > Seller {
			return FeeStack{}, inputErr(field+".side", f.Side.String(), `be "buyer" or "seller"`)
		}
		if f.Rate.Sign() < 0 || f.Rate.Cmp(decimal.New(1, 0)) > 0 {
			return FeeStack{}, inputErr(field+".rate", f.Rate.String(), "be between 0 and 1 (0 % to 100 %)")
		}
		r, ok := toScaled(f.Rate, maxScale)
		if !ok || r.scale != 0 {
			return FeeStack{}, inputErr(field+".rate", f.Rate.String(), "have at most 9 decimal places")
		}
		c.rate = r.coef
		if f.Tax {
			c.kind = LineTax
		}
		if c.seller {
			c.kind = LineDeduction
		}
		if _, ok := f.Rounding.Mode(assay.Currency{}); !ok {
			return FeeStack{}, inputErr(field+".rounding", f.Rounding.String(), `be "invoice" or a defined rounding mode`)
		}
		c.rounding = f.Rounding
		for _, a := range []struct {
			name string
			m    assay.Money
			dst  *int64
			set  *bool
		}{{"fixed", f.Fixed, &c.fixed, nil}, {"min", f.Min, &c.min, &c.hasMin}, {"max", f.Max, &c.max, &c.hasMax}} {
			if a.m.IsZero() {
				continue
			}
			u, err := wholeUnits(field+"."+a.name, a.m, c.cur)
			if err != nil {
				return FeeStack{}, err
			}
			c.cur = a.m.Currency()
			*a.dst = u.minor
			if a.set != nil {
				*a.set = true
			}
		}
		if c.hasMin && c.hasMax && c.max < c.min {
			return FeeStack{}, inputErr(field+".max", f.Max.String(), "not be below min "+f.Min.String())
		}
		s.fees[i] = c
	}
	return s, nil
}

// Fees returns a copy of the components.
func (s FeeStack) Fees() []Fee { return slices.Clone(s.spec) }

// MarshalJSON writes {"fees":[…]}.
func (s FeeStack) MarshalJSON() ([]byte, error) {
	fees := s.spec
	if fees == nil {
		fees = []Fee{}
	}
	return json.Marshal(feeStackJSON{Fees: fees})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewFeeStack does.
func (s *FeeStack) UnmarshalJSON(b []byte) error {
	var w feeStackJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	v, err := NewFeeStack(w.Fees...)
	if err == nil {
		*s = v
	}
	return err
}

// applied is the outcome of a fee stack on a subtotal, in minor units.
type applied struct {
	credit      []int64 // per component: its rounded line
	buyerPays   int64
	sellerGets  int64
	fees, taxes int64 // buyer-side lines
	deducted    int64 // seller-side lines
}

// apply runs the stack on subtotal (minor units of cur, ≥ 0), writing the lines into credit.
func (s FeeStack) apply(subtotal int64, cur assay.Currency, credit []int64) (applied, error) {
	a := applied{credit: credit, buyerPays: subtotal, sellerGets: subtotal}
	if subtotal == 0 {
		return a, nil // nothing is sold: no fees, not even minimum or fixed ones
	}
	var side [2]int64 // rounded lines per side: buyer, seller
	for i, f := range s.fees {
		if !f.cur.IsZero() && f.cur != cur {
			return a, &assay.MismatchError{Op: "fee " + f.name, A: f.cur, B: cur}
		}
		k := 0
		if f.seller {
			k = 1
		}
		base := subtotal
		if f.compound {
			var ok bool
			if base, ok = add(base, side[k]); !ok {
				return a, overflowErr(f.name)
			}
		}
		amt := fraction(max(base, 0), f.rate)
		var ok bool
		if amt.units, ok = add(amt.units, f.fixed); !ok {
			return a, overflowErr(f.name)
		}
		if f.hasMin && amt.less(f.min) {
			amt = exact{f.min, 0}
		}
		if f.hasMax && amt.greater(f.max) {
			amt = exact{f.max, 0}
		}
		mode, _ := f.rounding.Mode(cur)
		c, ok := amt.rounded(mode)
		if !ok {
			return a, overflowErr(f.name)
		}
		credit[i] = c
		if side[k], ok = add(side[k], c); !ok {
			return a, overflowErr("fees")
		}
		switch {
		case f.seller:
			a.deducted += c
		case f.kind == LineTax:
			a.taxes += c
		default:
			a.fees += c
		}
	}
	var ok bool
	if a.buyerPays, ok = add(subtotal, side[0]); !ok {
		return a, overflowErr("total")
	}
	a.sellerGets = subtotal - side[1]
	if a.sellerGets < 0 {
		return a, inputErr("seller-side fees", money(side[1], cur).String(), "not exceed the subtotal "+money(subtotal, cur).String())
	}
	return a, nil
}
