package billing

import (
	"context"
	"encoding/json"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
)

// Charge prices one meter of an offer: each group of the meter's records is quoted with the
// plan for the group's value of Dimension in ByValue (per-region tiers, per-API rates), or with
// Plan when ByValue has none. A charge whose Meter names no metric is a flat charge, quoted
// once per period with no units (a subscription or a fixed fee).
//
// Charge is a plain value; its plans are immutable and safe for concurrent use.
type Charge struct {
	Name      string                  `json:"name"`
	Meter     Meter                   `json:"meter,omitzero"`
	Plan      pricing.Plan            `json:"-"`
	Dimension string                  `json:"dimension,omitzero"`
	ByValue   map[string]pricing.Plan `json:"-"`
}

type chargeJSON struct {
	Name      string                     `json:"name"`
	Meter     Meter                      `json:"meter,omitzero"`
	Plan      json.RawMessage            `json:"plan,omitempty"`
	Dimension string                     `json:"dimension,omitzero"`
	ByValue   map[string]json.RawMessage `json:"byValue,omitempty"`
}

// MarshalJSON writes the charge with its plans in pricing's JSON form.
func (c Charge) MarshalJSON() ([]byte, error) {
	w := chargeJSON{Name: c.Name, Meter: c.Meter, Dimension: c.Dimension}
	var err error
	if c.Plan != nil {
		if w.Plan, err = json.Marshal(c.Plan); err != nil {
			return nil, err
		}
	}
	if len(c.ByValue) > 0 {
		w.ByValue = make(map[string]json.RawMessage, len(c.ByValue))
		for k, p := range c.ByValue {
			if w.ByValue[k], err = json.Marshal(p); err != nil {
				return nil, err
			}
		}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the form MarshalJSON writes, as strictly as ParseOffer reads the offer
// around it (an unknown field, such as a misspelt "groupBy", is an error, not a meter without
// groups); plans are decoded by pricing.UnmarshalPlan.
func (c *Charge) UnmarshalJSON(b []byte) error {
	var w chargeJSON
	if err := decodeAt(b, &w, "charge"); err != nil {
		return err
	}
	out := Charge{Name: w.Name, Meter: w.Meter, Dimension: w.Dimension}
	if len(w.Plan) > 0 {
		p, err := pricing.UnmarshalPlan(w.Plan)
		if err != nil {
			return err
		}
		out.Plan = p
	}
	if len(w.ByValue) > 0 {
		out.ByValue = make(map[string]pricing.Plan, len(w.ByValue))
		for k, raw := range w.ByValue {
			p, err := pricing.UnmarshalPlan(raw)
			if err != nil {
				return err
			}
			out.ByValue[k] = p
		}
	}
	*c = out
	return nil
}

func (c Charge) check(offer string, cur assay.Currency) error {
	rec := quoted("offer", offer)
	if c.Name == "" {
		return inputErr(rec, "charges[].name", "", "name the charge")
	}
	if c.Plan == nil && len(c.ByValue) == 0 {
		return inputErr(rec, "charges["+c.Name+"].plan", "", "be set")
	}
	if c.Meter.Metric != "" {
		if err := c.Meter.check(); err != nil {
			return err
		}
	}
	if len(c.ByValue) > 0 && c.Dimension == "" {
		return inputErr(rec, "charges["+c.Name+"].dimension", "", "name the dimension whose values byValue prices")
	}
	for _, p := range c.plans() {
		if p.Currency() != cur {
			return inputErr(rec, "charges["+c.Name+"].plan", p.Currency().Code(), "be in the offer's currency "+cur.Code())
		}
	}
	return nil
}

func (c Charge) plans() []pricing.Plan {
	out := make([]pricing.Plan, 0, 1+len(c.ByValue))
	if c.Plan != nil {
		out = append(out, c.Plan)
	}
	for _, p := range c.ByValue {
		out = append(out, p)
	}
	return out
}

// planFor returns the plan of a group: ByValue's for its value of Dimension, else Plan.
func (c Charge) planFor(g Group) (pricing.Plan, bool) {
	if p, ok := c.ByValue[g.Dimensions[c.Dimension]]; ok && c.Dimension != "" {
		return p, true
	}
	return c.Plan, c.Plan != nil
}

// lines quotes the charge's groups (one group of no units for a flat charge).
func (c Charge) lines(ctx context.Context, offer string, groups []Group) ([]Line, error) {
	out := make([]Line, 0, len(groups))
	for _, g := range groups {
		plan, ok := c.planFor(g)
		if !ok {
			return nil, inputErr(quoted("offer", offer), "charges["+c.Name+"].byValue", g.Dimensions[c.Dimension], "price every value of "+c.Dimension+" or set a default plan")
		}
		q, err := pricing.Quote(ctx, plan, pricing.Usage{Units: g.Quantity})
		if err != nil {
			return nil, err
		}
		desc := c.Name
		if l := groupLabel(c.Meter, g); l != "" {
			desc += " (" + l + ")"
		}
		kind := UsageLine
		if c.Meter.Metric == "" {
			kind = FlatLine
		}
		out = append(out, Line{Kind: kind, Charge: c.Name, Description: desc, Quantity: g.Quantity, Amount: q.Subtotal})
	}
	return out, nil
}
