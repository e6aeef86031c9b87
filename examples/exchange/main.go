// Command exchange lists a data product on a data exchange and prices it for three buyers: a
// graduated API plan, a subscription and a three-version menu, each quoted with the
// exchange's fee stack and VAT (one buyer pays in Hong Kong dollars at a rate the exchange
// supplies); then it checks the version menu for arbitrage and repairs it.
//
//	go run ./examples/exchange               # readable tables
//	go run ./examples/exchange -format json  # for notebooks
//	go run ./examples/exchange -format csv
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/examples/internal/cli"
	"github.com/dataassay/assay/pricing"
	"github.com/shopspring/decimal"
)

func main() { cli.Main(run) }

// buyerQuote is one buyer's quotation in the JSON output.
type buyerQuote struct {
	Buyer     string            `json:"buyer"`
	Product   string            `json:"product"`
	Usage     pricing.Usage     `json:"usage"`
	Quotation pricing.Quotation `json:"quotation"`
}

// report is the JSON form of the example's output.
type report struct {
	Product    string              `json:"product"`
	Plans      map[string]any      `json:"plans"`
	Fees       pricing.FeeStack    `json:"fees"`
	Quotes     []buyerQuote        `json:"quotes"`
	Menu       pricing.Menu        `json:"menu"`
	Violations []pricing.Violation `json:"violations"`
	Repaired   pricing.Menu        `json:"repaired"`
	After      []pricing.Violation `json:"violationsAfterRepair"`
}

func cny(s string) assay.Money { return assay.MustMoney(s, "CNY") }

func run() error {
	fs := flag.NewFlagSet("exchange", flag.ContinueOnError)
	format := cli.FormatFlag(fs)
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	ctx := context.Background()
	const product = "Guangzhou traffic flows (loop detectors and bus GPS)"

	// The API plan: the first 5,000 calls of a month free, then cheaper by volume.
	api, err := pricing.NewGraduated([]pricing.Tier{
		{UpTo: 5_000, UnitPrice: cny("0"), Per: 1000},
		{UpTo: 100_000, UnitPrice: cny("8.00"), Per: 1000},
		{UpTo: 1_000_000, UnitPrice: cny("4.00"), Per: 1000},
		{UpTo: 10_000_000, UnitPrice: cny("2.00"), Per: 1000},
		{UnitPrice: cny("0.80"), Per: 1000},
	}, assay.HalfEven)
	if err != nil {
		return err
	}
	// A one-year subscription to the daily files, paid up front, prorated by days.
	sub, err := pricing.NewSubscription(cny("36000"), 12, assay.HalfEven)
	if err != nil {
		return err
	}
	// Three versions of the data set: coarser ones are derivable from finer ones. The raw
	// feed is listed below the hourly version it determines — an arbitrage.
	menu := pricing.Menu{
		{ID: "daily aggregates", Price: cny("8000"), DerivableFrom: [][]string{{"hourly aggregates"}, {"raw 5-minute feed"}}},
		{ID: "hourly aggregates", Price: cny("20000"), DerivableFrom: [][]string{{"raw 5-minute feed"}}},
		{ID: "raw 5-minute feed", Price: cny("18000")},
	}
	// The exchange's fee stack: a service fee and VAT on top, commissions deducted.
	rate := decimal.RequireFromString
	fees, err := pricing.NewFeeStack(
		pricing.Fee{Name: "exchange service fee 0.5 %", Recipient: "exchange", Rate: rate("0.005"), Min: cny("10")},
		pricing.Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: rate("0.06"), Tax: true, Compound: true},
		pricing.Fee{Name: "intermediary commission 3 %", Recipient: "intermediary (rights confirmation, pricing)", Side: pricing.Seller, Rate: rate("0.03")},
		pricing.Fee{Name: "public data fund 0.1 %", Recipient: "data community fund", Side: pricing.Seller, Rate: rate("0.001")},
	)
	if err != nil {
		return err
	}

	violations, err := pricing.CheckArbitrage(ctx, menu)
	if err != nil {
		return err
	}
	repaired, err := pricing.ArbitrageFree(ctx, menu)
	if err != nil {
		return err
	}
	after, err := pricing.CheckArbitrage(ctx, repaired)
	if err != nil {
		return err
	}
	if after == nil {
		after = []pricing.Violation{} // "[]" rather than null in JSON
	}
	hourly, err := pricing.NewFixed(repaired[1].Price, "hourly aggregates, perpetual licence (repaired menu price)")
	if err != nil {
		return err
	}

	// The exchange supplies the rate; the package never fetches one.
	rates := pricing.RateTable{{From: assay.MustCurrency("CNY"), To: assay.MustCurrency("HKD"), Rate: rate("1.0852"),
		AsOf: time.Date(2025, 3, 14, 9, 15, 0, 0, time.UTC), Source: "exchange settlement rate"}}
	hkdFees, err := pricing.NewFeeStack(withoutAbsolute(fees.Fees())...)
	if err != nil {
		return err
	}
	orders := []struct {
		buyer  string
		plan   pricing.Plan
		usage  pricing.Usage
		quoter pricing.Quoter
	}{
		{"logistics start-up", api, pricing.Usage{Units: 1_200_000}, pricing.Quoter{Fees: fees}},
		{"city planning institute", sub, pricing.Usage{
			Term:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			Start: time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC)}, pricing.Quoter{Fees: fees}},
		{"Hong Kong insurer", hourly, pricing.Usage{}, pricing.Quoter{Fees: hkdFees, Currency: assay.MustCurrency("HKD"), Rates: rates}},
	}
	out := report{Product: product, Fees: fees, Menu: menu, Violations: violations, Repaired: repaired, After: after,
		Plans: map[string]any{"api": api, "subscription": sub}}
	quotes := cli.Sheet{Title: "Quotes: " + product, Header: []string{"buyer", "line", "quantity", "unit price", "amount"}}
	payouts := cli.Sheet{Title: "Who is paid what", Header: []string{"buyer", "recipient", "for", "amount"}}
	for _, o := range orders {
		q, err := o.quoter.Quote(ctx, o.plan, o.usage)
		if err != nil {
			return fmt.Errorf("%s: %w", o.buyer, err)
		}
		out.Quotes = append(out.Quotes, buyerQuote{Buyer: o.buyer, Product: o.plan.Kind(), Usage: o.usage, Quotation: q})
		for _, l := range q.Lines {
			quantity, unit := "", ""
			if l.Quantity != 0 {
				quantity = fmt.Sprint(l.Quantity)
				unit = l.UnitPrice.String()
				if l.Per > 1 {
					unit += fmt.Sprintf(" per %d", l.Per)
				}
			}
			if !l.Rate.IsZero() {
				unit = l.Rate.Shift(2).String() + "%"
			}
			quotes.Add(o.buyer, l.Description, quantity, unit, l.Amount)
		}
		quotes.Add(o.buyer, "TOTAL (buyer pays)", "", "", q.Total)
		if c := q.Conversion; c != nil {
			quotes.Notes = append(quotes.Notes, fmt.Sprintf("%s: converted %s→%s at %s (%s, %s)", o.buyer, c.From, c.To, c.Rate, c.Source, c.AsOf.Format(time.RFC3339)))
		}
		for _, p := range q.Payouts {
			payouts.Add(o.buyer, p.Recipient, p.For, p.Amount)
		}
	}

	check := cli.Sheet{Title: "Version menu: arbitrage before repair", Header: []string{"kind", "item", "listed", "witness", "witness price"}}
	for _, v := range violations {
		check.Add(v.Kind, v.Item, v.Price, strings.Join(v.Witness, " + "), v.WitnessPrice)
	}
	fixed := cli.Sheet{Title: "Version menu after repair (largest arbitrage-free prices)", Header: []string{"item", "listed", "arbitrage-free"}}
	for i, it := range repaired {
		fixed.Add(it.ID, menu[i].Price, it.Price)
	}
	fixed.Notes = append(fixed.Notes, fmt.Sprintf("violations after repair: %d", len(after)))
	return cli.Emit(os.Stdout, *format, out, quotes, payouts, check, fixed)
}

// withoutAbsolute drops absolute amounts (floors, caps, fixed fees) from fee components, whose
// amounts are in one currency, so that the stack applies to quotes in another.
func withoutAbsolute(fees []pricing.Fee) []pricing.Fee {
	for i := range fees {
		fees[i].Fixed, fees[i].Min, fees[i].Max = assay.Money{}, assay.Money{}, assay.Money{}
	}
	return fees
}
