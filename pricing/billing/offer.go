package billing

import (
	"slices"
	"strconv"
	"time"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Offer is the terms on which a product is sold: to everyone (a public offer) or to named
// buyers (a private offer, which may override the public price), in some regions, within a
// validity window, with its charges, a free trial, a minimum commitment per period and the VAT
// rate of its invoices — the shape of AWS Data Exchange and Snowflake Marketplace offers.
type Offer struct {
	ID      string   `json:"id"`
	Product string   `json:"product"`
	Buyers  []string `json:"buyers,omitempty"`  // private offer: only these; empty: public
	Regions []string `json:"regions,omitempty"` // e.g. "CN-GD", "HK"; empty: everywhere
	// Valid is the window in which the offer can be accepted; a zero End is open-ended.
	Valid    Period         `json:"valid"`
	Currency assay.Currency `json:"currency"`
	Charges  []Charge       `json:"charges"`
	Trial    Trial          `json:"trial,omitzero"`
	// Commitment is the minimum spend per billing period, before tax; a period that spends
	// less is trued up to it at period end. Zero: none.
	Commitment assay.Money `json:"commitment,omitzero"`
	// TaxRate is the VAT rate charged on every line (0.06 for data services in China); each
	// line's tax is rounded once by pricing.InvoiceRounding.
	TaxRate decimal.Decimal `json:"taxRate,omitzero"`
}

// Trial is a free trial: usage in the first Days days of a subscription is free, and so are
// the first Units units of usage billed in the period in which those days end. Flat charges
// are billed for the days of a period after the trial, as Lago prorates a plan's fee after
// its trial days (see BuildInvoice). Lago's trial frees only the fee and bills usage in the
// trial days; here the trial frees the data too, as an exchange's trial lets a buyer try it.
type Trial struct {
	Days  int   `json:"days,omitzero"`
	Units int64 `json:"units,omitzero"`
}

// Private reports whether the offer names its buyers.
func (o Offer) Private() bool { return len(o.Buyers) > 0 }

// Check reports the first invalid field of the offer as an *InputError naming it.
func (o Offer) Check() error {
	rec := quoted("offer", o.ID)
	switch {
	case o.ID == "":
		return inputErr("", "offer.id", "", "be set")
	case o.Product == "":
		return inputErr(rec, "product", "", "be set")
	case o.Currency.IsZero():
		return inputErr(rec, "currency", "", "be set")
	case o.Valid.Start.IsZero():
		return inputErr(rec, "valid.start", "", "be set")
	case !o.Valid.End.IsZero() && !o.Valid.End.After(o.Valid.Start):
		return inputErr(rec, "valid.end", o.Valid.End.Format(time.RFC3339), "be after valid.start")
	case len(o.Charges) == 0:
		return inputErr(rec, "charges", "[]", "hold at least one charge")
	case o.Trial.Days < 0 || o.Trial.Days > 366:
		return inputErr(rec, "trial.days", strconv.Itoa(o.Trial.Days), "be 0 to 366")
	case o.Trial.Units < 0:
		return inputErr(rec, "trial.units", strconv.FormatInt(o.Trial.Units, 10), "not be negative")
	case o.TaxRate.Sign() < 0 || o.TaxRate.GreaterThan(decimal.New(1, 0)):
		return inputErr(rec, "taxRate", o.TaxRate.String(), "be between 0 and 1")
	}
	if !o.Commitment.IsZero() {
		if _, err := minor(rec, "commitment", o.Commitment, o.Currency); err != nil {
			return err
		}
		if o.Commitment.IsNegative() {
			return inputErr(rec, "commitment", o.Commitment.String(), "not be negative")
		}
	}
	names := make(map[string]bool, len(o.Charges))
	for _, c := range o.Charges {
		if names[c.Name] {
			return inputErr(rec, "charges["+c.Name+"].name", c.Name, "be unique")
		}
		names[c.Name] = true
		if err := c.check(o.ID, o.Currency); err != nil {
			return err
		}
	}
	return nil
}

// covers reports whether the offer can be accepted by buyer in region at t.
func (o Offer) covers(buyer, region string, t time.Time) bool {
	if t.Before(o.Valid.Start) || (!o.Valid.End.IsZero() && !t.Before(o.Valid.End)) {
		return false
	}
	if o.Private() && !slices.Contains(o.Buyers, buyer) {
		return false
	}
	return len(o.Regions) == 0 || slices.Contains(o.Regions, region)
}

// overlaps reports whether two offers of one product compete for some buyer, region and time:
// both public or sharing a buyer, sharing a region (or either everywhere), windows overlapping.
func (o Offer) overlaps(p Offer) bool {
	if o.Product != p.Product || o.Private() != p.Private() {
		return false
	}
	if o.Private() && !slices.ContainsFunc(o.Buyers, func(b string) bool { return slices.Contains(p.Buyers, b) }) {
		return false
	}
	if len(o.Regions) > 0 && len(p.Regions) > 0 && !slices.ContainsFunc(o.Regions, func(r string) bool { return slices.Contains(p.Regions, r) }) {
		return false
	}
	endsAfter := func(a Offer, t time.Time) bool { return a.Valid.End.IsZero() || a.Valid.End.After(t) }
	return endsAfter(o, p.Valid.Start) && endsAfter(p, o.Valid.Start)
}

// Catalog is a validated set of offers in which no two offers of a product compete for the
// same buyer, region and time (a private offer may shadow a public one: it is the buyer's
// negotiated price). A Catalog is immutable and safe for concurrent use.
type Catalog struct{ offers []Offer }

// NewCatalog validates the offers and their overlaps. Errors: *InputError naming the offer.
func NewCatalog(offers ...Offer) (Catalog, error) {
	for i, o := range offers {
		if err := o.Check(); err != nil {
			return Catalog{}, err
		}
		for _, p := range offers[:i] {
			if o.ID == p.ID {
				return Catalog{}, inputErr(quoted("offer", o.ID), "id", o.ID, "be unique")
			}
			if o.overlaps(p) {
				return Catalog{}, inputErr(quoted("offer", o.ID), "valid", o.Valid.Start.Format(time.DateOnly),
					"not overlap offer "+strconv.Quote(p.ID)+" of the same product for the same buyers and regions")
			}
		}
	}
	return Catalog{offers: slices.Clone(offers)}, nil
}

// Select returns the offer under which buyer may buy product in region at t: a private offer
// naming the buyer before a public one. Errors: *InputError if none applies.
func (c Catalog) Select(product, buyer, region string, t time.Time) (Offer, error) {
	var public *Offer
	for i := range c.offers {
		o := &c.offers[i]
		if o.Product != product || !o.covers(buyer, region, t) {
			continue
		}
		if o.Private() {
			return *o, nil
		}
		public = o
	}
	if public == nil {
		return Offer{}, inputErr(quoted("product", product), "offer", buyer+" in "+region+" at "+t.Format(time.RFC3339), "exist for this buyer, region and time")
	}
	return *public, nil
}

// Instalment is one payment of a contract's schedule.
type Instalment struct {
	Due    time.Time   `json:"due"`
	Amount assay.Money `json:"amount"`
}

// Instalments splits a contract value into n payments due every months months from first, as
// AWS Marketplace's flexible payment schedules do: each is ⌊contract/n⌋ minor units and the
// first contract mod n payments carry one minor unit more, so they sum to the contract
// exactly. n is 1 to 60 (AWS allows up to 60 instalments). A due date falls on first's day of
// the month, or on the month's last day when it is shorter, as Stripe's billing cycle anchor
// does (docs.stripe.com/billing/subscriptions/billing-cycle: an anchor of January 31 bills
// February 28 or 29, then March 31, April 30), never spilling into the next month as
// time.AddDate would (January 31 + 1 month = March 3).
func Instalments(contract assay.Money, n int, first time.Time, months int) ([]Instalment, error) {
	if n < 1 || n > 60 {
		return nil, inputErr("", "instalments", strconv.Itoa(n), "be 1 to 60")
	}
	if months < 1 || months > 12 {
		return nil, inputErr("", "months", strconv.Itoa(months), "be 1 to 12")
	}
	if first.IsZero() {
		return nil, inputErr("", "first", "", "be set")
	}
	total, err := minor("", "contract", contract, contract.Currency())
	if err != nil {
		return nil, err
	}
	if total <= 0 {
		return nil, inputErr("", "contract", contract.String(), "be positive")
	}
	q, r := total/int64(n), total%int64(n)
	out := make([]Instalment, n)
	for i := range out {
		amt := q
		if int64(i) < r {
			amt++
		}
		out[i] = Instalment{Due: addMonths(first, i*months), Amount: assay.MoneyFromMinor(amt, contract.Currency())}
	}
	return out, nil
}

// addMonths moves t on by n calendar months, keeping its day of the month or clamping it to
// the month's last day, and keeping its time of day and location.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	last := time.Date(y, m+time.Month(n)+1, 0, 0, 0, 0, 0, t.Location()).Day() // day 0 is the last of the month before
	hh, mm, ss := t.Clock()
	return time.Date(y, m+time.Month(n), min(d, last), hh, mm, ss, t.Nanosecond(), t.Location())
}

// minor returns m in minor units of cur: m must be in cur and a whole number of minor units.
func minor(record, field string, m assay.Money, cur assay.Currency) (int64, error) {
	if m.IsZero() {
		return 0, nil
	}
	if m.Currency() != cur {
		return 0, &InputError{Record: record, Field: field, Value: m.String(), Reason: "be in " + cur.Code(), Err: assay.ErrCurrencyMismatch}
	}
	u, err := m.MinorUnits()
	if err != nil {
		return 0, inputErr(record, field, m.String(), "be a whole number of minor units within ±2^63")
	}
	return u, nil
}
