package pricing_test

import (
	"context"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat/distuv"
)

func eur(s string) assay.Money { return assay.MustMoney(s, "EUR") }
func cny(s string) assay.Money { return assay.MustMoney(s, "CNY") }

// A graduated API plan: first 5,000 calls free, then €1.00, €0.50, €0.25 and €0.10 per 1,000.
func ExampleNewGraduated() {
	plan, err := pricing.NewGraduated([]pricing.Tier{
		{UpTo: 5_000, UnitPrice: eur("0"), Per: 1000},
		{UpTo: 100_000, UnitPrice: eur("1.00"), Per: 1000},
		{UpTo: 1_000_000, UnitPrice: eur("0.50"), Per: 1000},
		{UpTo: 10_000_000, UnitPrice: eur("0.25"), Per: 1000},
		{UnitPrice: eur("0.10"), Per: 1000},
	}, assay.HalfEven)
	if err != nil {
		panic(err)
	}
	for _, calls := range []int64{30_000, 1_000_000} {
		q, err := pricing.Quote(context.Background(), plan, pricing.Usage{Units: calls})
		if err != nil {
			panic(err)
		}
		fmt.Println(calls, "calls:", q.Total)
	}
	// Output:
	// 30000 calls: 25.00 EUR
	// 1000000 calls: 545.00 EUR
}

// A data product on an exchange: a service fee and VAT on top, an intermediary's commission
// deducted from the seller.
func ExampleQuoter_Quote() {
	plan, _ := pricing.NewFixed(cny("1000"), "traffic data set, one-year licence")
	fees, err := pricing.NewFeeStack(
		pricing.Fee{Name: "exchange service fee", Recipient: "exchange", Rate: decimal.RequireFromString("0.005")},
		pricing.Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: decimal.RequireFromString("0.06"), Tax: true, Compound: true},
		pricing.Fee{Name: "intermediary commission", Recipient: "intermediary", Side: pricing.Seller, Rate: decimal.RequireFromString("0.03")},
	)
	if err != nil {
		panic(err)
	}
	q, err := pricing.Quoter{Fees: fees}.Quote(context.Background(), plan, pricing.Usage{})
	if err != nil {
		panic(err)
	}
	for _, l := range q.Lines {
		fmt.Printf("%-36s %12s\n", l.Description, l.Amount)
	}
	fmt.Printf("%-36s %12s\n", "buyer pays", q.Total)
	for _, p := range q.Payouts {
		fmt.Printf("  to %-32s %12s\n", p.Recipient, p.Amount)
	}
	// Output:
	// traffic data set, one-year licence    1000.00 CNY
	// exchange service fee                     5.00 CNY
	// VAT 6 %                                 60.30 CNY
	// buyer pays                            1065.30 CNY
	//   to seller                             970.00 CNY
	//   to exchange                             5.00 CNY
	//   to tax authority                       60.30 CNY
	//   to intermediary                        30.00 CNY
}

// Ocean Protocol's fixed-rate exchange: 1 datatoken at rate 10 with a 0.1 % publish-market
// fee and a 0.1 % community fee.
func ExampleNewFeeStack() {
	plan, _ := pricing.NewFixed(eur("10"), "1 datatoken")
	fees, _ := pricing.NewFeeStack(
		pricing.Fee{Name: "publish market fee", Recipient: "publish market", Rate: decimal.RequireFromString("0.001")},
		pricing.Fee{Name: "community fee", Recipient: "Ocean community", Rate: decimal.RequireFromString("0.001")},
	)
	q, _ := pricing.Quoter{Fees: fees}.Quote(context.Background(), plan, pricing.Usage{})
	fmt.Println("buyer pays", q.Total)
	// Output:
	// buyer pays 10.02 EUR
}

// Two selections of a table at 30 each determine the whole table, listed at 80.
func ExampleArbitrageFree() {
	menu := pricing.Menu{
		{ID: "σ_US", Price: eur("30")},
		{ID: "σ_CN", Price: eur("30")},
		{ID: "table", Price: eur("80"), Bundle: []string{"σ_US", "σ_CN"}},
	}
	violations, _ := pricing.CheckArbitrage(context.Background(), menu)
	for _, v := range violations {
		fmt.Println(v)
	}
	repaired, _ := pricing.ArbitrageFree(context.Background(), menu)
	fmt.Println("table repriced to", repaired[2].Price)
	// Output:
	// subadditivity: table at 80.00 EUR is determined by [σ_US σ_CN] at 60.00 EUR
	// table repriced to 60.00 EUR
}

// Model versions priced p(δ) = 1/δ²: two noisy copies average to the precise model.
func ExampleCheckModelPricing() {
	arbs, _ := pricing.CheckModelPricing(context.Background(), []pricing.ModelVersion{
		{Variance: 1, Price: eur("1.00")},
		{Variance: 2, Price: eur("0.25")},
	})
	for _, a := range arbs {
		fmt.Printf("δ=%g at %v: buy %d × δ=%g for %v\n", a.Target, a.Price, a.Buy[0].Count, a.Buy[0].Variance, a.Cost)
	}
	// Output:
	// δ=1 at 1.00 EUR: buy 2 × δ=2 for 0.50 EUR
}

// Shapiro and Varian's versioning example.
func ExampleOptimalVersions() {
	usd := func(s string) assay.Money { return assay.MustMoney(s, "USD") }
	menu, _ := pricing.OptimalVersions(context.Background(), []pricing.BuyerType{
		{Name: "professionals", Count: 40, Values: []assay.Money{usd("100"), usd("40")}},
		{Name: "students", Count: 60, Values: []assay.Money{usd("50"), usd("30")}},
	})
	fmt.Println("speedy", menu.Prices[0], "slow", menu.Prices[1], "revenue", menu.Revenue)
	// Output:
	// speedy 90.00 USD slow 30.00 USD revenue 5400.00 USD
}

// Myerson's optimal reserve for values uniform on [0, 1] and exponential with rate 2.
func ExampleOptimalReserve() {
	for _, d := range []pricing.ValueDistribution{distuv.Uniform{Min: 0, Max: 1}, distuv.Exponential{Rate: 2}} {
		r, _ := pricing.OptimalReserve(d)
		fmt.Printf("%T: %.6f\n", d, r)
	}
	rev, _ := pricing.ExpectedRevenue(distuv.Uniform{Min: 0, Max: 1}, 2, 0.5)
	fmt.Printf("two bidders, reserve 1/2: %.6f\n", rev)
	// Output:
	// distuv.Uniform: 0.500000
	// distuv.Exponential: 0.500000
	// two bidders, reserve 1/2: 0.416667
}

func ExampleSecondPrice() {
	bids := []pricing.Bid{{Bidder: "fund", Amount: cny("120000")}, {Bidder: "bank", Amount: cny("95000")}}
	res, _ := pricing.SecondPrice(bids, pricing.AuctionRules{Reserve: cny("100000")})
	fmt.Println(res.Bidder, "pays", res.Price)
	// Output:
	// fund pays 100000.00 CNY
}

func ExampleNashPrice() {
	for _, beta := range []float64{0.5, 0.7} {
		p, _ := pricing.NashPrice(cny("100"), cny("300"), beta)
		fmt.Println(beta, p)
	}
	_, err := pricing.NashPrice(cny("300"), cny("100"), 0.5)
	fmt.Println(err)
	// Output:
	// 0.5 200.00 CNY
	// 0.7 240.00 CNY
	// pricing: no deal: buyer's value 100.00 CNY is below the seller's reservation 300.00 CNY
}

// Public-data operation under a cost cap: revenue above the allowance is deducted next period.
func ExampleSettleCap() {
	allowed := pricing.AllowedRevenue{Cost: cny("800000"), Profit: cny("120000"), Tax: cny("80000")}
	p1, _ := pricing.SettleCap(allowed, cny("0"), cny("1150000"))
	p2, _ := pricing.SettleCap(allowed, p1.CarryForward, cny("800000"))
	fmt.Println("period 1 excess", p1.Excess, "→ period 2 cap", p2.Cap)
	// Output:
	// period 1 excess 150000.00 CNY → period 2 cap 850000.00 CNY
}

// Prepaid packs: two packs of 1,000 for 400 each beat one pack of 2,000 for 1,000.
func ExampleCheckPacks() {
	small, _ := pricing.NewPack(1000, eur("400"))
	large, _ := pricing.NewPack(2000, eur("1000"))
	vs, _ := pricing.CheckPacks(context.Background(), []pricing.Pack{small, large})
	for _, v := range vs {
		fmt.Println(v.Units, "units at", v.Price, "cost", v.Cost, "as", v.Buy)
	}
	// Output:
	// 2000 units at 1000.00 EUR cost 800.00 EUR as [{1000 2}]
}
