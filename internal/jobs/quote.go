package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/pricing"
)

// QuoteInput is the input of `assay quote`: a price plan (any pricing plan's JSON, chosen by
// its "kind"), what the buyer uses, the exchange's fee stack and, for a quote in another
// currency, the currency and the caller's exchange rates. Schema: quote.input.json.
type QuoteInput struct {
	Buyer    string            `json:"buyer,omitzero"`    // a label for the tables
	Plan     json.RawMessage   `json:"plan"`              // {"kind":"graduated",…}: see pricing.UnmarshalPlan
	Usage    pricing.Usage     `json:"usage,omitzero"`    // units, or a subscription's term and days served
	Fees     pricing.FeeStack  `json:"fees,omitzero"`     // zero: no fees
	Currency assay.Currency    `json:"currency,omitzero"` // zero: the plan's
	Rates    pricing.RateTable `json:"rates,omitempty"`   // a direct rate from the plan's currency to Currency

	plan pricing.Plan
}

// DecodeQuote reads a QuoteInput and its plan.
func DecodeQuote(data []byte) (QuoteInput, error) {
	var in QuoteInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	if len(in.Plan) == 0 || string(in.Plan) == "null" {
		return in, inputErr("plan", "", `is required: a plan object with a "kind" such as "graduated"`)
	}
	p, err := pricing.UnmarshalPlan(in.Plan)
	if err != nil {
		return in, fmt.Errorf("plan: %w", err)
	}
	in.plan = p
	return in, nil
}

// QuoteOutput is the output of `assay quote`. Schema: quote.output.json.
type QuoteOutput struct {
	Buyer     string            `json:"buyer,omitzero"`
	Usage     pricing.Usage     `json:"usage"`
	Quotation pricing.Quotation `json:"quotation"`
}

// Quote prices the plan for the usage with the fees, in the requested currency.
func Quote(ctx context.Context, in QuoteInput) (QuoteOutput, error) {
	if in.plan == nil {
		var err error
		if in.plan, err = pricing.UnmarshalPlan(in.Plan); err != nil {
			return QuoteOutput{}, fmt.Errorf("plan: %w", err)
		}
	}
	q := pricing.Quoter{Fees: in.Fees, Currency: in.Currency, Rates: in.Rates}
	quote, err := q.Quote(ctx, in.plan, in.Usage)
	if err != nil {
		return QuoteOutput{}, err
	}
	return QuoteOutput{Buyer: in.Buyer, Usage: in.Usage, Quotation: quote}, nil
}

// QuoteSheets returns the tables of one or more quotations: "lines" (every line and the
// total) and "payouts" (who is paid what).
func QuoteSheets(title string, quotes ...QuoteOutput) []cli.Sheet {
	lines := cli.Sheet{Name: "lines", Title: title, Header: []string{"buyer", "line", "kind", "quantity", "unit price", "per", "rate", "amount"}}
	payouts := cli.Sheet{Name: "payouts", Title: "Who is paid what", Header: []string{"buyer", "recipient", "for", "amount"}}
	for _, o := range quotes {
		q := o.Quotation
		for _, l := range q.Lines {
			quantity, per := "", ""
			var unit any = ""
			if l.Quantity != 0 {
				quantity, unit = strconv.FormatInt(l.Quantity, 10), l.UnitPrice
				per = strconv.FormatInt(max(l.Per, 1), 10)
			}
			var rate any = ""
			if !l.Rate.IsZero() {
				f, _ := l.Rate.Float64()
				rate = cli.Pct(f)
			}
			lines.Add(o.Buyer, l.Description, l.Kind, quantity, unit, per, rate, l.Amount)
		}
		lines.Add(o.Buyer, "TOTAL (buyer pays)", "total", "", "", "", "", q.Total)
		lines.Add(o.Buyer, "seller receives", "net", "", "", "", "", q.SellerNet)
		if c := q.Conversion; c != nil {
			lines.Notes = append(lines.Notes, strings.TrimSpace(fmt.Sprintf("%s: converted %s→%s at %s (%s, %s)", o.Buyer, c.From, c.To, c.Rate, c.Source, c.AsOf.Format(time.RFC3339))))
		}
		for _, p := range q.Payouts {
			payouts.Add(o.Buyer, p.Recipient, p.For, p.Amount)
		}
	}
	return []cli.Sheet{lines, payouts}
}

// ArbitrageInput is the input of `assay arbitrage`: a menu of priced versions, views or
// bundles with what each can be derived from. Schema: arbitrage.input.json.
type ArbitrageInput struct {
	Menu pricing.Menu `json:"menu"`
}

// DecodeArbitrage reads an ArbitrageInput.
func DecodeArbitrage(data []byte) (ArbitrageInput, error) {
	var in ArbitrageInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	if len(in.Menu) == 0 {
		return in, inputErr("menu", "", "is required: at least one item")
	}
	return in, nil
}

// ArbitrageOutput is the output of `assay arbitrage`: the violations of the menu, the
// largest arbitrage-free prices not above the listed ones, and the check of the repair
// (always empty). Schema: arbitrage.output.json.
type ArbitrageOutput struct {
	Menu       pricing.Menu        `json:"menu"`
	Violations []pricing.Violation `json:"violations"`
	Repaired   pricing.Menu        `json:"repaired"`
	After      []pricing.Violation `json:"violationsAfterRepair"`
}

// Arbitrage checks the menu and repairs it.
func Arbitrage(ctx context.Context, in ArbitrageInput) (ArbitrageOutput, error) {
	out := ArbitrageOutput{Menu: in.Menu}
	var err error
	if out.Violations, err = pricing.CheckArbitrage(ctx, in.Menu); err != nil {
		return out, err
	}
	if out.Repaired, err = pricing.ArbitrageFree(ctx, in.Menu); err != nil {
		return out, err
	}
	if out.After, err = pricing.CheckArbitrage(ctx, out.Repaired); err != nil {
		return out, err
	}
	if out.Violations == nil {
		out.Violations = []pricing.Violation{}
	}
	if out.After == nil {
		out.After = []pricing.Violation{}
	}
	return out, nil
}

// Sheets returns the tables "violations" and "repaired".
func (r ArbitrageOutput) Sheets() []cli.Sheet {
	check := cli.Sheet{Name: "violations", Title: "Menu: arbitrage before repair", Header: []string{"kind", "item", "listed", "witness", "witness price"}}
	for _, v := range r.Violations {
		check.Add(v.Kind, v.Item, v.Price, strings.Join(v.Witness, " + "), v.WitnessPrice)
	}
	if len(r.Violations) == 0 {
		check.Notes = []string{"No arbitrage: no item can be had for less by buying others and deriving it."}
	}
	fixed := cli.Sheet{Name: "repaired", Title: "Menu after repair (largest arbitrage-free prices)", Header: []string{"item", "listed", "arbitrage-free"}}
	for i, it := range r.Repaired {
		fixed.Add(it.ID, r.Menu[i].Price, it.Price)
	}
	fixed.Notes = append(fixed.Notes, fmt.Sprintf("violations after repair: %d", len(r.After)))
	return []cli.Sheet{check, fixed}
}
