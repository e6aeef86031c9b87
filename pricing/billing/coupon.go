package billing

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
	"github.com/shopspring/decimal"
)

// Coupon is a discount on the lines of some charges for some billing periods: a percentage
// (Percent, a fraction in (0, 1]) or an amount per period (Amount), as Stripe's and Lago's
// coupons are. It applies to Periods periods from redemption (zero: one, Stripe's "once"), or
// to every period when Forever is set, to the offers named in Offers (empty: every offer; Lago's
// coupon plan_codes) and to the charges named in Charges (empty: every charge; Lago's
// billable_metric_codes). Discounts reduce a line before its tax, as VAT is charged on the
// price actually paid and as Lago deducts coupons before tax (Lago changelog, "Coupons applied
// before tax"); prepaid credits are drawn after tax (Wallet.Apply).
type Coupon struct {
	ID      string          `json:"id"`
	Percent decimal.Decimal `json:"percent,omitzero"`
	Amount  assay.Money     `json:"amount,omitzero"`
	Periods int             `json:"periods,omitzero"`
	Forever bool            `json:"forever,omitzero"`
	Offers  []string        `json:"offers,omitempty"`
	Charges []string        `json:"charges,omitempty"`
}

// Redemption is a coupon redeemed by a customer and the number of periods it has discounted.
type Redemption struct {
	Coupon Coupon `json:"coupon"`
	Used   int    `json:"used,omitzero"`
}

// Active reports whether the redemption still discounts a period.
func (r Redemption) Active() bool { return r.Coupon.Forever || r.Used < max(r.Coupon.Periods, 1) }

func (c Coupon) check(o Offer) error {
	rec := quoted("coupon", c.ID)
	switch {
	case c.ID == "":
		return inputErr("", "coupon.id", "", "be set")
	case c.Percent.IsZero() == c.Amount.IsZero():
		return inputErr(rec, "percent", c.Percent.String(), "be set, or amount be set, but not both")
	case c.Percent.Sign() < 0 || c.Percent.GreaterThan(decimal.New(1, 0)):
		return inputErr(rec, "percent", c.Percent.String(), "be a fraction in (0, 1]")
	case c.Periods < 0:
		return inputErr(rec, "periods", strconv.Itoa(c.Periods), "not be negative")
	}
	if !c.Amount.IsZero() {
		amt, err := minor(rec, "amount", c.Amount, o.Currency)
		if err != nil {
			return err
		}
		if amt <= 0 {
			return inputErr(rec, "amount", c.Amount.String(), "be positive")
		}
	}
	if len(c.Offers) > 0 && !slices.Contains(c.Offers, o.ID) {
		return inputErr(rec, "offers", strings.Join(c.Offers, ", "), "include offer "+strconv.Quote(o.ID)+" (the coupon is for another plan)")
	}
	for _, name := range c.Charges {
		if !slices.ContainsFunc(o.Charges, func(ch Charge) bool { return ch.Name == name }) {
			return inputErr(rec, "charges", name, "name a charge of offer "+strconv.Quote(o.ID)+" (the coupon is for another plan)")
		}
	}
	return nil
}

func (c Coupon) appliesTo(charge string) bool {
	return len(c.Charges) == 0 || slices.Contains(c.Charges, charge)
}

// discount applies the coupon to the lines' nets (minor units), writing each line's discount
// into disc and returning whether it discounted anything. A percentage discounts each line by
// its net × Percent rounded half up; an amount discounts the lines in order until it is used.
func (c Coupon) discount(lines []Line, net, disc []int64, cur assay.Currency) {
	if !c.Percent.IsZero() {
		for i, l := range lines {
			if !c.appliesTo(l.Charge) || net[i] <= 0 {
				continue
			}
			d := assay.MoneyFromMinor(net[i], cur).MulDecimal(c.Percent).Round(pricing.InvoiceRounding(cur))
			u, _ := d.MinorUnits()
			u = min(u, net[i])
			net[i] -= u
			disc[i] += u
		}
		return
	}
	left, _ := c.Amount.MinorUnits()
	for i, l := range lines {
		if left == 0 {
			break
		}
		if !c.appliesTo(l.Charge) || net[i] <= 0 {
			continue
		}
		u := min(left, net[i])
		net[i] -= u
		disc[i] += u
		left -= u
	}
}
