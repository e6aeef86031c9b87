package assaytest

import (
	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
	"github.com/shopspring/decimal"
)

// GraduatedAPIPlan returns an illustrative graduated API plan (tiers per 1,000 calls, as AWS
// API Gateway and Stripe price graduated usage) in the given currency: the first 5,000 calls free,
// then 1.00 per 1,000 calls to 100,000, 0.50 to 1,000,000, 0.25 to 10,000,000 and 0.10 beyond,
// each line rounded half-even. 30,000 calls cost 25.00 and 1,000,000 cost 545.00. It panics if
// currency is not an ISO 4217 code.
func GraduatedAPIPlan(currency string) pricing.Graduated {
	m := func(s string) assay.Money { return assay.MustMoney(s, currency) }
	plan, err := pricing.NewGraduated([]pricing.Tier{
		{UpTo: 5_000, UnitPrice: m("0"), Per: 1000},
		{UpTo: 100_000, UnitPrice: m("1.00"), Per: 1000},
		{UpTo: 1_000_000, UnitPrice: m("0.50"), Per: 1000},
		{UpTo: 10_000_000, UnitPrice: m("0.25"), Per: 1000},
		{UnitPrice: m("0.10"), Per: 1000},
	}, assay.HalfEven)
	if err != nil {
		panic(err)
	}
	return plan
}

// ExchangeFeeStack returns a data exchange's fee stack with three fee components and VAT:
// a 0.5 % exchange service fee paid by the buyer (at least 1.00 in currency), VAT at 6 % on
// the price and that fee (the rate for data services), a 3 % intermediary commission and a
// 0.1 % data-community contribution deducted from the seller; dust goes to the exchange.
// It panics if currency is not an ISO 4217 code.
func ExchangeFeeStack(currency string) pricing.FeeStack {
	rate := decimal.RequireFromString
	fees, err := pricing.NewFeeStack(
		pricing.Fee{Name: "exchange service fee", Recipient: "exchange", Rate: rate("0.005"), Min: assay.MustMoney("1", currency)},
		pricing.Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: rate("0.06"), Tax: true, Compound: true},
		pricing.Fee{Name: "intermediary commission", Recipient: "intermediary", Side: pricing.Seller, Rate: rate("0.03")},
		pricing.Fee{Name: "data community fund", Recipient: "community", Side: pricing.Seller, Rate: rate("0.001")},
	)
	if err != nil {
		panic(err)
	}
	return fees
}

// QueryMenu returns the query-pricing menu of Koutris et al. ("Query-Based Data Pricing",
// JACM 2015, §2 example) in the given
// currency: selections σ_US and σ_CN at 30 each and the full table, their bundle, at 80 — a
// subadditivity arbitrage that ArbitrageFree repairs by pricing the table at 60. It panics if
// currency is not an ISO 4217 code.
func QueryMenu(currency string) pricing.Menu {
	return pricing.Menu{
		{ID: "σ_US", Price: assay.MustMoney("30", currency)},
		{ID: "σ_CN", Price: assay.MustMoney("30", currency)},
		{ID: "table", Price: assay.MustMoney("80", currency), Bundle: []string{"σ_US", "σ_CN"}},
	}
}
