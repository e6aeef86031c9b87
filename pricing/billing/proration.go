package billing

import (
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/civil"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/dataassay/assay/pricing"
)

// ProrationUnit is the granularity of a proration.
type ProrationUnit uint8

// The proration units.
const (
	ByDay    ProrationUnit = iota // whole calendar days, as Lago prorates (getlago.com/docs, "Upgrades and downgrades")
	BySecond                      // seconds, as Stripe prorates by default (docs.stripe.com/billing/scripts/prorations)
)

// Effect says when a plan change takes effect.
type Effect uint8

// The effects of a change.
const (
	Immediately Effect = iota // now: credit the unused time of the old price, charge the new one
	AtPeriodEnd               // at the next period: nothing to prorate
)

// Change is a change of a period's price at At: from From to To per full period.
type Change struct {
	At     time.Time     `json:"at"`
	From   assay.Money   `json:"from"`
	To     assay.Money   `json:"to"`
	Effect Effect        `json:"effect,omitzero"`
	Unit   ProrationUnit `json:"unit,omitzero"`
}

// Prorate returns the adjustments of a mid-period change, as Stripe's prorations compute them:
// a credit of the unused time at the old price, −From × unused/period, and a charge of the
// remaining time at the new price, To × unused/period, each rounded once by
// pricing.InvoiceRounding. Stripe's worked example (docs.stripe.com/billing/subscriptions/
// prorations): from 10 USD to 20 USD a month, halfway through, credits −5 USD and charges
// 10 USD. Lago's (getlago.com/docs, "Upgrades and downgrades"): €100 to €200 on January 15th
// leaves €45.16 for the 14 days used, 100 less the credit of 17/31 × 100. By day, unused is
// the calendar days from At to the period's end, so a change during a day counts that day as
// unused. A change at the period's end (AtPeriodEnd, or At on the end) has no adjustments. Errors: *InputError for a change outside the period, amounts
// in another currency or not whole minor units.
func Prorate(p Period, c Change) ([]Adjustment, error) {
	if err := p.check("", "period"); err != nil {
		return nil, err
	}
	if c.At.Before(p.Start) || c.At.After(p.End) {
		return nil, inputErr("", "change.at", c.At.Format(time.RFC3339), "fall in the period "+p.Start.Format(time.RFC3339)+" to "+p.End.Format(time.RFC3339))
	}
	cur := c.From.Currency()
	for _, m := range []struct {
		f string
		v assay.Money
	}{{"change.from", c.From}, {"change.to", c.To}} {
		u, err := minor("", m.f, m.v, cur)
		if err != nil {
			return nil, err
		}
		if u < 0 {
			return nil, inputErr("", m.f, m.v.String(), "not be negative")
		}
	}
	if c.Effect == AtPeriodEnd || c.At.Equal(p.End) {
		return nil, nil
	}
	var unused, whole int64
	switch c.Unit {
	case ByDay:
		unused, whole = civil.Day(p.End)-civil.Day(c.At), civil.Day(p.End)-civil.Day(p.Start)
	case BySecond:
		unused, whole = p.End.Unix()-c.At.Unix(), p.End.Unix()-p.Start.Unix()
	default:
		return nil, inputErr("", "change.unit", "", "be by day or by second")
	}
	if whole <= 0 {
		return nil, inputErr("", "period", "", "span at least one "+map[ProrationUnit]string{ByDay: "day", BySecond: "second"}[c.Unit])
	}
	mode := pricing.InvoiceRounding(cur)
	share := func(m assay.Money) assay.Money {
		u, _ := m.MinorUnits()
		s, _ := rounding.MulDivInt64(u, unused, whole, rounding.Mode(mode)) // unused ≤ whole: no overflow
		return assay.MoneyFromMinor(s, cur)
	}
	return []Adjustment{
		{Description: "unused time on " + c.From.String() + " (credit)", Amount: share(c.From).Neg()},
		{Description: "remaining time on " + c.To.String(), Amount: share(c.To)},
	}, nil
}
