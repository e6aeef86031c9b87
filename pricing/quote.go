package pricing

import (
	"context"
	"fmt"
	"time"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Quotation is the price of a plan for a usage: line items, totals and who is paid what, all
// in one currency and rounded to its minor unit. It reconciles exactly:
//
//	Σ Lines = Subtotal + Fees + Taxes = Total
//	Σ Payouts = Total;  SellerNet = Subtotal − Deducted
//
// Lines hold the plan's charges and adjustments, then the buyer-side fees and taxes, each
// rounded once as on an invoice (see FeeStack); Deductions hold the seller-side components.
// Its JSON is stable, with amounts as strings.
type Quotation struct {
	Plan       string         `json:"plan"` // the plan's Kind
	Currency   assay.Currency `json:"currency"`
	Lines      []LineItem     `json:"lines"`
	Subtotal   assay.Money    `json:"subtotal"` // the plan's charge: Σ of its lines
	Fees       assay.Money    `json:"fees"`     // buyer-side fees, taxes excluded
	Taxes      assay.Money    `json:"taxes"`    // buyer-side taxes
	Total      assay.Money    `json:"total"`    // what the buyer pays
	Deductions []LineItem     `json:"deductions,omitempty"`
	Deducted   assay.Money    `json:"deducted"`  // Σ Deductions
	SellerNet  assay.Money    `json:"sellerNet"` // what the seller receives
	Payouts    []Payout       `json:"payouts"`   // the seller, then each component's recipient
	Conversion *Conversion    `json:"conversion,omitempty"`
}

// Payout is an amount paid out of a quotation's total to one party.
type Payout struct {
	Recipient string      `json:"recipient"`
	For       string      `json:"for"` // "sale" or a component's name
	Amount    assay.Money `json:"amount"`
}

// Conversion records the exchange rate a quotation was converted with.
type Conversion struct {
	From   assay.Currency  `json:"from"`
	To     assay.Currency  `json:"to"`
	Rate   decimal.Decimal `json:"rate"`
	AsOf   time.Time       `json:"asOf,omitzero"` // the rate's time, as in Rate.AsOf (RFC 3339 in JSON)
	Source string          `json:"source,omitzero"`
}

// Quoter quotes plans with a fee stack and, optionally, in another currency. The zero Quoter
// quotes in the plan's currency with no fees. A Quoter is safe for concurrent use as long as
// its Rates are not modified.
type Quoter struct {
	// Fees are applied to the plan's subtotal; the zero FeeStack has none.
	Fees FeeStack
	// Currency is the currency of the quotation; the zero Currency means the plan's.
	Currency assay.Currency
	// Rates must hold a direct rate from the plan's currency to Currency when they differ.
	// Each line of the plan is converted and rounded half-even to the minor unit, so that the
	// converted lines still sum to the converted subtotal; unit prices are converted exactly.
	Rates RateTable
}

// Quote prices plan for usage with no fees, in the plan's currency: Quoter{}.Quote.
func Quote(ctx context.Context, plan Plan, usage Usage) (Quotation, error) {
	return Quoter{}.Quote(ctx, plan, usage)
}

// Quote prices plan for usage: the plan's line items, the fee stack's fees, taxes and
// deductions, the buyer's total and the payouts, which reconcile to the minor unit (see
// Quotation). Errors: *InputError for invalid usage or a zero plan, *QuotaError beyond a quota,
// *RateError for a missing rate, assay.ErrCurrencyMismatch for a fee amount in another
// currency, assay.ErrOverflow beyond int64 minor units, and ctx.Err() wrapped if ctx is done.
func (q Quoter) Quote(ctx context.Context, plan Plan, usage Usage) (Quotation, error) {
	if err := ctx.Err(); err != nil {
		return Quotation{}, fmt.Errorf("pricing: quote: %w", err)
	}
	if plan == nil {
		return Quotation{}, inputErr("plan", "nil", "be a plan")
	}
	var buf [8]line
	lines, err := chargeOf(plan, usage, buf[:0])
	if err != nil {
		return Quotation{}, err
	}
	from, cur := plan.Currency(), plan.Currency()
	var conv *Conversion
	if !q.Currency.IsZero() && q.Currency != from {
		cur = q.Currency
		if conv, err = convert(lines, from, cur, q.Rates); err != nil {
			return Quotation{}, err
		}
	}
	var subtotal int64
	for _, l := range lines {
		var ok bool
		if subtotal, ok = add(subtotal, l.amount); !ok {
			return Quotation{}, overflowErr("subtotal")
		}
	}
	if subtotal < 0 {
		return Quotation{}, fmt.Errorf("pricing: %s plan charged %d minor units: %w", plan.Kind(), subtotal, assay.ErrInvalidAmount)
	}

	var credit [8]int64
	var credits []int64
	if n := len(q.Fees.fees); n <= len(credit) {
		credits = credit[:n]
	} else {
		credits = make([]int64, n)
	}
	a, err := q.Fees.apply(subtotal, cur, credits)
	if err != nil {
		return Quotation{}, err
	}

	nSeller := 0
	for _, f := range q.Fees.fees {
		if f.seller {
			nSeller++
		}
	}
	nBuyer := len(q.Fees.fees) - nSeller
	amt := func(units int64) assay.Money { return money(units, cur) }
	out := Quotation{Plan: plan.Kind(), Currency: cur, Conversion: conv}
	// Items and payouts are filled field by field in place: appending whole LineItem values
	// costs a bulk write barrier per item (runtime.wbMove) whenever the GC is marking.
	items := make([]LineItem, len(lines), len(lines)+nBuyer+nSeller)
	for i, l := range lines {
		it := &items[i]
		it.Kind, it.Description, it.Quantity, it.UnitPrice, it.Per = l.kind, l.desc, l.qty, l.unit, l.per
		it.Amount = amt(l.amount)
	}
	payouts := make([]Payout, 1+len(q.Fees.fees))
	payouts[0].Recipient, payouts[0].For = "seller", "sale"
	for i, f := range q.Fees.fees {
		p := &payouts[i+1]
		p.Recipient, p.For, p.Amount = f.recipient, f.name, amt(a.credit[i])
		if !f.seller {
			items = appendItem(items, f.kind, f.name, f.rateDisplay, p.Amount, f.recipient)
		}
	}
	if nSeller > 0 {
		out.Deductions = items[len(items):len(items):cap(items)]
		for i, f := range q.Fees.fees {
			if f.seller {
				out.Deductions = appendItem(out.Deductions, LineDeduction, f.name, f.rateDisplay, payouts[i+1].Amount, f.recipient)
			}
		}
	}
	out.Lines = items[:len(items):len(items)] // appending to Lines must not overwrite Deductions
	out.Subtotal = amt(subtotal)
	out.Fees = amt(a.fees)
	out.Taxes = amt(a.taxes)
	out.Total = amt(a.buyerPays)
	out.Deducted = amt(a.deducted)
	out.SellerNet = amt(a.sellerGets)
	payouts[0].Amount = out.SellerNet
	out.Payouts = payouts
	return out, nil
}

// appendItem appends a fee, tax or deduction item to items, which has room for it,
// writing its fields in place (see Quote).
func appendItem(items []LineItem, kind LineKind, desc string, rate decimal.Decimal, amount assay.Money, recipient string) []LineItem {
	items = items[:len(items)+1]
	it := &items[len(items)-1]
	it.Kind, it.Description, it.Rate, it.Amount, it.Recipient = kind, desc, rate, amount, recipient
	return items
}

// convert rewrites lines from one currency to another with the caller's rate, rounding each
// amount half-even to the target's minor unit.
func convert(lines []line, from, to assay.Currency, rates RateTable) (*Conversion, error) {
	r, err := rates.Lookup(from, to)
	if err != nil {
		return nil, err
	}
	for i := range lines {
		l := &lines[i]
		m := assay.MoneyOf(assay.MoneyFromMinor(l.amount, from).Amount().Mul(r.Rate), to).Round(assay.HalfEven)
		u, err := m.MinorUnits()
		if err != nil {
			return nil, fmt.Errorf("pricing: converting %s: %w", l.desc, err)
		}
		l.amount = u
		if !l.unit.Currency().IsZero() {
			l.unit = assay.MoneyOf(l.unit.Amount().Mul(r.Rate), to)
		}
	}
	return &Conversion{From: from, To: to, Rate: r.Rate, AsOf: r.AsOf, Source: r.Source}, nil
}

// chargeOf calls plan.charge on the concrete type, so that the line buffer the caller passes
// can stay on its stack (an interface call would make it escape).
func chargeOf(plan Plan, u Usage, dst []line) ([]line, error) {
	switch p := plan.(type) {
	case Graduated:
		return p.charge(u, dst)
	case Volume:
		return p.charge(u, dst)
	case Metered:
		return p.charge(u, dst)
	case Fixed:
		return p.charge(u, dst)
	case Subscription:
		return p.charge(u, dst)
	case Quota:
		return p.charge(u, dst)
	case Pack:
		return p.charge(u, dst)
	}
	// A type that embeds a plan: through the interface, with a fresh buffer, since dst would
	// escape.
	return plan.charge(u, nil)
}
