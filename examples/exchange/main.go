// Command exchange lists a data product on a data exchange and prices it for three buyers: a
// graduated API plan, a subscription and a three-version menu, each quoted with the
// exchange's fee stack and VAT (one buyer pays in Hong Kong dollars at a rate the exchange
// supplies); then it checks the version menu for arbitrage and repairs it.
//
//	go run ./examples/exchange               # readable tables
//	go run ./examples/exchange -format json  # for notebooks
//	go run ./examples/exchange -format csv -table lines
//
// The quotes and the menu check are the jobs of `assay quote` (examples/data/quote.json)
// and `assay arbitrage` (examples/data/menu.json).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
	"github.com/dataassay/assay/pricing"
	"github.com/shopspring/decimal"
)

func main() { cli.Main("exchange", run) }

// report is the JSON form of the example's output.
type report struct {
	Product   string               `json:"product"`
	Plans     map[string]any       `json:"plans"`
	Fees      pricing.FeeStack     `json:"fees"`
	Quotes    []jobs.QuoteOutput   `json:"quotes"`
	Arbitrage jobs.ArbitrageOutput `json:"arbitrage"`
}

func cny(s string) assay.Money { return assay.MustMoney(s, "CNY") }

func run(args []string) error {
	fs := flag.NewFlagSet("exchange", flag.ContinueOnError)
	output := cli.OutputFlags(fs)
	if err := cli.Parse(fs, args); err != nil {
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

	arb, err := jobs.Arbitrage(ctx, jobs.ArbitrageInput{Menu: menu})
	if err != nil {
		return err
	}
	hourly, err := pricing.NewFixed(arb.Repaired[1].Price, "hourly aggregates, perpetual licence (repaired menu price)")
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
	out := report{Product: product, Fees: fees, Arbitrage: arb, Plans: map[string]any{"api": api, "subscription": sub}}
	for _, o := range orders {
		q, err := o.quoter.Quote(ctx, o.plan, o.usage)
		if err != nil {
			return fmt.Errorf("%s: %w", o.buyer, err)
		}
		out.Quotes = append(out.Quotes, jobs.QuoteOutput{Buyer: o.buyer, Usage: o.usage, Quotation: q})
	}
	sheets := append(jobs.QuoteSheets("Quotes: "+product, out.Quotes...), arb.Sheets()...)
	return output.Emit(os.Stdout, out, sheets...)
}

// withoutAbsolute drops absolute amounts (floors, caps, fixed fees) from fee components, whose
// amounts are in one currency, so that the stack applies to quotes in another.
func withoutAbsolute(fees []pricing.Fee) []pricing.Fee {
	for i := range fees {
		fees[i].Fixed, fees[i].Min, fees[i].Max = assay.Money{}, assay.Money{}, assay.Money{}
	}
	return fees
}
