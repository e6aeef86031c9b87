package billing

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/civil"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/dataassay/assay/pricing"
)

// LineKind says what an invoice line is.
type LineKind uint8

// The kinds of invoice line.
const (
	UsageLine      LineKind = iota // a metered charge for one group of usage
	FlatLine                       // a flat charge for the period (subscription, fixed fee)
	TrueUpLine                     // the shortfall of a minimum commitment
	AdjustmentLine                 // a proration or one-off line; negative for a credit
)

var lineKindNames = [...]string{"usage", "flat", "true-up", "adjustment"}

// String returns "usage", "flat", "true-up" or "adjustment".
func (k LineKind) String() string {
	if int(k) < len(lineKindNames) {
		return lineKindNames[k]
	}
	return "LineKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes the kind by its name.
func (k LineKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a line kind by its name, so that a stored invoice can be read back.
func (k *LineKind) UnmarshalText(b []byte) error {
	if i := slices.Index(lineKindNames[:], string(b)); i >= 0 {
		*k = LineKind(i)
		return nil
	}
	return inputErr("", "line kind", string(b), `be "usage", "flat", "true-up" or "adjustment"`)
}

// Line is one line of an invoice: Amount before discounts, Discount from coupons, Net =
// Amount − Discount, and Tax on Net at TaxRate rounded once (pricing.InvoiceRounding).
type Line struct {
	Kind        LineKind    `json:"kind"`
	Charge      string      `json:"charge,omitzero"`
	Description string      `json:"description"`
	Quantity    int64       `json:"quantity,omitzero"`
	Amount      assay.Money `json:"amount"`
	Discount    assay.Money `json:"discount"`
	Net         assay.Money `json:"net"`
	Tax         assay.Money `json:"tax"`
}

// Adjustment is a line added to an invoice as it is: a proration (Prorate) or a one-off
// charge or credit (negative).
type Adjustment struct {
	Description string      `json:"description"`
	Amount      assay.Money `json:"amount"`
}

// Invoice is a period's bill for one customer under one offer. It reconciles exactly:
//
//	Subtotal = Σ Amount,  Discount = Σ Discount,  Tax = Σ Tax
//	Total = Subtotal − Discount + Tax,  AmountDue = Total − CreditsApplied
type Invoice struct {
	ID             string         `json:"id"`
	Customer       string         `json:"customer"`
	Offer          string         `json:"offer"`
	Period         Period         `json:"period"`
	Currency       assay.Currency `json:"currency"`
	Lines          []Line         `json:"lines"`
	Subtotal       assay.Money    `json:"subtotal"`
	Discount       assay.Money    `json:"discount"`
	Tax            assay.Money    `json:"tax"`
	Total          assay.Money    `json:"total"`
	CreditsApplied assay.Money    `json:"creditsApplied"`
	AmountDue      assay.Money    `json:"amountDue"`
	Coupons        []string       `json:"coupons,omitempty"` // the coupons that discounted it
}

// InvoiceInput is what a period's invoice is built from.
type InvoiceInput struct {
	ID       string
	Customer string
	Offer    Offer
	Period   Period
	// Records are usage records; those of other customers or outside Period are skipped.
	Records []Record
	// InvoicedUntil is the end of the customer's last invoiced period under this offer; zero:
	// none. Records then hold what arrived since that invoice, and a record of the customer
	// and of a metric the offer meters dated before InvoicedUntil arrived after its period was
	// billed: it is rejected with ErrOutOfOrder naming it rather than dropped unbilled, so
	// that the caller decides (bill it next period as an adjustment, or write it off); Orb
	// takes late events only within a grace period before a period closes (docs.withorb.com,
	// "Prepurchase"). Period must not start before InvoicedUntil.
	InvoicedUntil time.Time
	// SubscriptionStart is when the customer subscribed; the offer's trial starts then, and
	// flat charges are billed only for the days of Period after the trial (after
	// SubscriptionStart when there is none). Zero: no trial, flat charges billed whole.
	SubscriptionStart time.Time
	// Coupons are the customer's redemptions; the active ones discount the invoice and the
	// invoice names them, so that the caller counts one more Used period for each.
	Coupons []Redemption
	// Wallet holds the customer's prepaid credits; the zero Wallet has none. Credits are
	// drawn against the invoice's total at the period's end.
	Wallet Wallet
	// Adjustments are added as lines (prorations, one-off charges and credits).
	Adjustments []Adjustment
}

// Check reports whether the invoice reconciles as BuildInvoice makes it: every amount in its
// currency and in whole minor units, each line's Net = Amount − Discount, and Subtotal,
// Discount and Tax the sums of the lines', Total = Subtotal − Discount + Tax, AmountDue =
// Total − CreditsApplied. An invoice read back from storage (ParseInvoice) is checked before
// a credit note is drawn on it. Errors: *InputError naming the invoice and field.
func (inv Invoice) Check() error {
	rec := quoted("invoice", inv.ID)
	if inv.ID == "" {
		return inputErr("", "invoice.id", "", "be set")
	}
	if inv.Currency.IsZero() {
		return inputErr(rec, "currency", "", "be set")
	}
	u := func(field string, m assay.Money) (int64, error) { return minor(rec, field, m, inv.Currency) }
	var sub, dis, tax int64
	for i, l := range inv.Lines {
		f := "lines[" + strconv.Itoa(i) + "]"
		a, err := u(f+".amount", l.Amount)
		if err != nil {
			return err
		}
		d, err := u(f+".discount", l.Discount)
		if err != nil {
			return err
		}
		n, err := u(f+".net", l.Net)
		if err != nil {
			return err
		}
		t, err := u(f+".tax", l.Tax)
		if err != nil {
			return err
		}
		if n != a-d || d < 0 {
			return inputErr(rec, f+".net", l.Net.String(), "be the amount less a discount that is not negative")
		}
		if (n >= 0) != (t >= 0) && t != 0 {
			return inputErr(rec, f+".tax", l.Tax.String(), "have the sign of the net")
		}
		sub, dis, tax = sub+a, dis+d, tax+t
	}
	for _, c := range []struct {
		field string
		m     assay.Money
		want  int64
	}{{"subtotal", inv.Subtotal, sub}, {"discount", inv.Discount, dis}, {"tax", inv.Tax, tax}, {"total", inv.Total, sub - dis + tax}} {
		got, err := u(c.field, c.m)
		if err != nil {
			return err
		}
		if got != c.want {
			return inputErr(rec, c.field, c.m.String(), "be the sum of the lines, "+assay.MoneyFromMinor(c.want, inv.Currency).String())
		}
	}
	credits, err := u("creditsApplied", inv.CreditsApplied)
	if err != nil {
		return err
	}
	due, err := u("amountDue", inv.AmountDue)
	if err != nil {
		return err
	}
	if credits < 0 || due != sub-dis+tax-credits {
		return inputErr(rec, "amountDue", inv.AmountDue.String(), "be the total less the credits applied")
	}
	return nil
}

// BuildInvoice builds the invoice of a period: each charge's lines (usage groups priced per
// dimension value; flat charges for the days after the trial), free trial units, the
// commitment's true-up, adjustments, coupon discounts, tax per line, then credits drawn from
// the wallet. It returns the invoice and the wallet after the draw. Errors: *InputError naming
// the record, offer, coupon or field; pricing's errors for a plan that cannot quote.
func BuildInvoice(ctx context.Context, in InvoiceInput) (Invoice, Wallet, error) {
	if err := ctx.Err(); err != nil {
		return Invoice{}, in.Wallet, fmt.Errorf("billing: invoice: %w", err)
	}
	o := in.Offer
	if in.ID == "" {
		return Invoice{}, in.Wallet, inputErr("", "invoice.id", "", "be set")
	}
	rec := quoted("invoice", in.ID)
	if err := o.Check(); err != nil {
		return Invoice{}, in.Wallet, err
	}
	if err := in.Period.check(rec, "period"); err != nil {
		return Invoice{}, in.Wallet, err
	}
	if !in.Wallet.cur.IsZero() && in.Wallet.cur != o.Currency {
		return Invoice{}, in.Wallet, &InputError{Record: rec, Field: "wallet", Value: in.Wallet.cur.Code(), Reason: "be in the offer's currency " + o.Currency.Code(), Err: assay.ErrCurrencyMismatch}
	}
	for _, r := range in.Coupons {
		if err := r.Coupon.check(o); err != nil {
			return Invoice{}, in.Wallet, err
		}
	}
	if err := checkLate(in, rec); err != nil {
		return Invoice{}, in.Wallet, err
	}
	cur := o.Currency
	trialEnd := in.SubscriptionStart
	if !trialEnd.IsZero() {
		trialEnd = trialEnd.AddDate(0, 0, o.Trial.Days)
	}
	records := in.Records
	var lines []Line
	var origin []lineOrigin // per charge line: its charge and group, to requote trial units
	for ci, c := range o.Charges {
		var groups []Group
		if c.Meter.Metric == "" {
			if !in.Period.End.After(trialEnd) {
				continue // the whole period is in the trial
			}
			groups = []Group{{}}
		} else {
			p := in.Period
			if p.Start.Before(trialEnd) {
				p.Start = trialEnd // usage in the trial days is free
				if p.End.Before(p.Start) {
					p.Start = p.End
				}
			}
			if !p.End.After(p.Start) {
				continue
			}
			var err error
			if groups, err = c.Meter.Aggregate(records, in.Customer, p); err != nil {
				return Invoice{}, in.Wallet, err
			}
		}
		ls, err := c.lines(ctx, o.ID, groups)
		if err != nil {
			return Invoice{}, in.Wallet, err
		}
		if c.Meter.Metric == "" && in.Period.Start.Before(trialEnd) {
			prorateFlat(&ls[0], in.Period, trialEnd)
		}
		lines = append(lines, ls...)
		for _, g := range groups {
			origin = append(origin, lineOrigin{charge: ci, group: g})
		}
	}
	amount := make([]int64, len(lines), len(lines)+1+len(in.Adjustments))
	for i, l := range lines {
		amount[i], _ = l.Amount.MinorUnits() // quotes are rounded to the minor unit
	}
	if o.Trial.Units > 0 && !in.SubscriptionStart.IsZero() && in.Period.Contains(trialEnd) {
		// The first Units units of usage billed after the trial days are free: requote each
		// usage group of the period in which the trial days end with its free units taken off,
		// in line order.
		if err := freeTrialUnits(ctx, o, lines, origin, amount); err != nil {
			return Invoice{}, in.Wallet, err
		}
	}
	if !o.Commitment.IsZero() {
		var spent int64
		for _, a := range amount {
			spent += a
		}
		if c, _ := o.Commitment.MinorUnits(); spent < c {
			lines = append(lines, Line{Kind: TrueUpLine, Description: "minimum commitment true-up to " + o.Commitment.String()})
			amount = append(amount, c-spent)
		}
	}
	for i, a := range in.Adjustments {
		u, err := minor(rec, "adjustments["+strconv.Itoa(i)+"].amount", a.Amount, cur)
		if err != nil {
			return Invoice{}, in.Wallet, err
		}
		lines = append(lines, Line{Kind: AdjustmentLine, Description: a.Description})
		amount = append(amount, u)
	}
	net := append([]int64(nil), amount...)
	disc := make([]int64, len(lines))
	inv := Invoice{ID: in.ID, Customer: in.Customer, Offer: o.ID, Period: in.Period, Currency: cur}
	for _, r := range in.Coupons {
		if r.Active() {
			r.Coupon.discount(lines, net, disc, cur)
			inv.Coupons = append(inv.Coupons, r.Coupon.ID)
		}
	}
	mode := pricing.InvoiceRounding(cur)
	var sub, dis, tax int64
	for i := range lines {
		l := &lines[i]
		l.Amount = assay.MoneyFromMinor(amount[i], cur)
		l.Discount = assay.MoneyFromMinor(disc[i], cur)
		l.Net = assay.MoneyFromMinor(net[i], cur)
		l.Tax = l.Net.MulDecimal(o.TaxRate).Round(mode)
		t, _ := l.Tax.MinorUnits()
		sub, dis, tax = sub+amount[i], dis+disc[i], tax+t
	}
	inv.Lines = lines
	inv.Subtotal = assay.MoneyFromMinor(sub, cur)
	inv.Discount = assay.MoneyFromMinor(dis, cur)
	inv.Tax = assay.MoneyFromMinor(tax, cur)
	total := sub - dis + tax
	inv.Total = assay.MoneyFromMinor(total, cur)
	w, used, err := in.Wallet.Apply(in.Period.End, inv.Total, in.ID)
	if err != nil {
		return Invoice{}, in.Wallet, err
	}
	u, _ := used.MinorUnits()
	inv.CreditsApplied = assay.MoneyFromMinor(u, cur)
	inv.AmountDue = assay.MoneyFromMinor(total-u, cur)
	return inv, w, nil
}

// checkLate rejects a period that starts before the last invoiced one ends and a record that
// arrived after its period was invoiced (see InvoiceInput.InvoicedUntil).
func checkLate(in InvoiceInput, rec string) error {
	until := in.InvoicedUntil
	if until.IsZero() {
		return nil
	}
	if in.Period.Start.Before(until) {
		return orderErr(rec, "period.start", in.Period.Start.Format(time.RFC3339), "not be before the end of the last invoiced period, "+until.Format(time.RFC3339))
	}
	metered := func(metric string) bool {
		return slices.ContainsFunc(in.Offer.Charges, func(c Charge) bool { return c.Meter.Metric != "" && c.Meter.Metric == metric })
	}
	for i := range in.Records {
		r := &in.Records[i]
		if r.Customer == in.Customer && !r.Time.IsZero() && r.Time.Before(until) && metered(r.Metric) {
			return orderErr(quoted("record", r.ID), "time", r.Time.Format(time.RFC3339),
				"not be before "+until.Format(time.RFC3339)+", the end of the period already invoiced (the record arrived late)")
		}
	}
	return nil
}

// prorateFlat bills a flat line for the days of the period after the trial, as Lago prorates
// a plan's fee for the days of a period that its trial leaves (getlago.com/docs, "Plan model",
// trial period: a 50 USD monthly plan with a 5-day trial from April 1 bills
// 50 × 25/30 = 41.67): amount × days after trialEnd / days in the period, rounded once by
// pricing.InvoiceRounding. Days are calendar days; a period within one day is billed whole.
func prorateFlat(l *Line, p Period, trialEnd time.Time) {
	left, whole := civil.Day(p.End)-civil.Day(trialEnd), civil.Day(p.End)-civil.Day(p.Start)
	if whole <= 0 || left >= whole {
		return
	}
	cur := l.Amount.Currency()
	u, _ := l.Amount.MinorUnits()
	s, _ := rounding.MulDivInt64(u, left, whole, rounding.Mode(pricing.InvoiceRounding(cur))) // left < whole: |s| ≤ |u|
	l.Amount = assay.MoneyFromMinor(s, cur)
	l.Description += " (" + strconv.FormatInt(left, 10) + " of " + strconv.FormatInt(whole, 10) + " days after the trial)"
}

// lineOrigin is the charge (an index into Offer.Charges) and group a charge line was quoted for.
type lineOrigin struct {
	charge int
	group  Group
}

// freeTrialUnits requotes the usage lines with the trial's free units taken off, in order.
func freeTrialUnits(ctx context.Context, o Offer, lines []Line, origin []lineOrigin, amount []int64) error {
	free := o.Trial.Units
	for i := range origin {
		l := &lines[i]
		if free == 0 {
			break
		}
		if l.Kind != UsageLine || l.Quantity == 0 {
			continue
		}
		take := min(free, l.Quantity)
		free -= take
		g := origin[i].group
		g.Quantity -= take
		ls, err := o.Charges[origin[i].charge].lines(ctx, o.ID, []Group{g})
		if err != nil {
			return err
		}
		amount[i], _ = ls[0].Amount.MinorUnits()
		l.Description += " (" + strconv.FormatInt(take, 10) + " trial units free)"
	}
	return nil
}
