package pricing

import (
	"encoding/json"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Side says who bears a fee.
// It is a small immutable value, safe for concurrent use.
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
// base is the quote's subtotal or, with Compound, the subtotal plus the components on the same
// side before this one (VAT charged on a platform fee). The recipient is credited that amount
// rounded to the minor unit by Rounding, which defaults to Down; see FeeStack for where the
// rounded-off fractions go. The zero value of every optional field means "none".
//
// Fee is a plain value: safe for concurrent reads; this package never modifies one it is given.
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
	// Rounding rounds the credited amount; nil means Down, so that no recipient is credited
	// more than its exact share and the remainder goes to the stack's dust recipient.
	Rounding *assay.RoundingMode `json:"rounding,omitempty"`
}

// compiledFee is a validated Fee in minor units.
type compiledFee struct {
	rate             int64 // nanos of a unit fraction
	fixed, min, max  int64 // minor units
	hasMin, hasMax   bool
	cur              assay.Currency // currency of Fixed/Min/Max, zero if none is set
	mode             assay.RoundingMode
	kind             LineKind
	rateDisplay      decimal.Decimal
	name, recipient  string
	seller, compound bool
}

// FeeStack is an ordered list of fee and tax components applied to a quote's subtotal, with the
// rounding rule that never lets dust vanish (reference sheet §6: floor division on the base
// makes dust purchases free, as Ocean Protocol's contracts do):
//
//   - what the buyer pays is the subtotal plus the exact buyer-side components, rounded up;
//   - what the seller receives is the subtotal minus the exact seller-side components, rounded
//     down;
//   - each component's recipient is credited its amount rounded by its Rounding (Down);
//   - the difference — never negative, less than one minor unit per component plus two — is
//     paid to the stack's dust recipient and shown as a Rounding line on the buyer's side.
//
// So the buyer's total always equals the seller's net plus every credit plus the dust, to the
// minor unit. If a component's stated rounding rounds up, the totals widen to cover it. A zero
// subtotal (no usage, a free data set) carries no fees at all, not even minimum or fixed ones.
//
// A FeeStack is immutable after NewFeeStack and safe for concurrent use. The zero FeeStack
// has no components.
type FeeStack struct {
	fees []compiledFee
	spec []Fee
	dust string
}

type feeStackJSON struct {
	DustRecipient string `json:"dustRecipient,omitzero"`
	Fees          []Fee  `json:"fees"`
}

// maxFees bounds the components of a stack.
const maxFees = 64

// NewFeeStack validates the components, in order, and returns the stack. dustRecipient names
// who receives rounding dust; "" means "exchange". Errors are *InputError naming the
// component: a rate below 0 or over 100 %, more than 9 decimal places, a negative amount, a
// Max below Min, amounts in different currencies, a missing recipient.
func NewFeeStack(dustRecipient string, fees ...Fee) (FeeStack, error) {
	if len(fees) > maxFees {
		return FeeStack{}, inputErr("fees", itoa(int64(len(fees)))+" components", "have at most 64 components")
	}
	if dustRecipient == "" {
		dustRecipient = "exchange"
	}
	s := FeeStack{fees: make([]compiledFee, len(fees)), spec: copyFees(fees), dust: dustRecipient}
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
		c.mode = assay.Down
		if f.Rounding != nil {
			if !f.Rounding.Valid() {
				return FeeStack{}, inputErr(field+".rounding", f.Rounding.String(), "be a defined rounding mode")
			}
			c.mode = *f.Rounding
		}
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
func (s FeeStack) Fees() []Fee { return copyFees(s.spec) }

// copyFees copies fees deeply, Rounding pointers included, so that no caller can change a
// stack after it is built.
func copyFees(fees []Fee) []Fee {
	out := append([]Fee(nil), fees...)
	for i, f := range out {
		if f.Rounding != nil {
			m := *f.Rounding
			out[i].Rounding = &m
		}
	}
	return out
}

// DustRecipient returns who receives rounding dust ("exchange" for the zero FeeStack).
func (s FeeStack) DustRecipient() string {
	if s.dust == "" {
		return "exchange"
	}
	return s.dust
}

// MarshalJSON writes {"dustRecipient":"exchange","fees":[…]}.
func (s FeeStack) MarshalJSON() ([]byte, error) {
	fees := s.spec
	if fees == nil {
		fees = []Fee{}
	}
	return json.Marshal(feeStackJSON{DustRecipient: s.DustRecipient(), Fees: fees})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewFeeStack does.
func (s *FeeStack) UnmarshalJSON(b []byte) error {
	var w feeStackJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	v, err := NewFeeStack(w.DustRecipient, w.Fees...)
	if err == nil {
		*s = v
	}
	return err
}

// applied is the outcome of a fee stack on a subtotal, in minor units.
type applied struct {
	credit      []int64 // per component
	buyerPays   int64
	sellerGets  int64
	buyerDust   int64
	sellerDust  int64
	fees, taxes int64 // buyer-side credits
	deducted    int64 // seller-side credits
}

// apply runs the stack on subtotal (minor units of cur, ≥ 0), writing the credits into credit.
func (s FeeStack) apply(subtotal int64, cur assay.Currency, credit []int64) (applied, error) {
	a := applied{credit: credit, buyerPays: subtotal, sellerGets: subtotal}
	if subtotal == 0 {
		return a, nil // nothing is sold: no fees, not even minimum or fixed ones
	}
	var exactSide [2]exact // exact sums of the components per side
	var credited [2]int64  // rounded credits per side
	for i, f := range s.fees {
		if !f.cur.IsZero() && f.cur != cur {
			return a, &assay.MismatchError{Op: "fee " + f.name, A: f.cur, B: cur}
		}
		side := 0
		if f.seller {
			side = 1
		}
		base := subtotal
		if f.compound {
			var ok bool
			if base, ok = add(base, credited[side]); !ok {
				return a, overflowErr(f.name)
			}
		}
		if base < 0 {
			base = 0
		}
		amt := fraction(base, f.rate)
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
		c, ok := amt.rounded(f.mode)
		if !ok {
			return a, overflowErr(f.name)
		}
		credit[i] = c
		if exactSide[side], ok = exactSide[side].plus(amt); !ok {
			return a, overflowErr("fees")
		}
		if credited[side], ok = add(credited[side], c); !ok {
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
	buyerUp, ok1 := exactSide[0].rounded(assay.Ceiling)
	sellerUp, ok2 := exactSide[1].rounded(assay.Ceiling)
	if !ok1 || !ok2 {
		return a, overflowErr("fees")
	}
	buyerUp, sellerUp = max(buyerUp, credited[0]), max(sellerUp, credited[1])
	a.buyerDust, a.sellerDust = buyerUp-credited[0], sellerUp-credited[1]
	var ok bool
	if a.buyerPays, ok = add(subtotal, buyerUp); !ok {
		return a, overflowErr("total")
	}
	a.sellerGets = subtotal - sellerUp
	if a.sellerGets < 0 {
		return a, inputErr("seller-side fees", money(sellerUp, cur).String(), "not exceed the subtotal "+money(subtotal, cur).String())
	}
	return a, nil
}
