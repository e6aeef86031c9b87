package billing_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing"
	"github.com/dataassay/assay/pricing/billing"
	"github.com/shopspring/decimal"
)

// Stripe's proration example: a customer upgrades from 10 USD to 20 USD a month halfway
// through the period and is billed an additional 5 USD.
func ExampleProrate() {
	april := billing.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}
	adj, err := billing.Prorate(april, billing.Change{
		At:   time.Date(2025, 4, 16, 0, 0, 0, 0, time.UTC),
		From: assay.MustMoney("10", "USD"), To: assay.MustMoney("20", "USD"),
		Unit: billing.BySecond,
	})
	if err != nil {
		panic(err)
	}
	for _, a := range adj {
		fmt.Printf("%-34s %10v\n", a.Description, a.Amount)
	}
	// Output:
	// unused time on 10.00 USD (credit)   -5.00 USD
	// remaining time on 20.00 USD         10.00 USD
}

// A contract of 100,000 HKD in three instalments: the first carries the odd cent.
func ExampleInstalments() {
	first := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	parts, _ := billing.Instalments(assay.MustMoney("100000", "HKD"), 3, first, 4)
	for _, p := range parts {
		fmt.Println(p.Due.Format(time.DateOnly), p.Amount)
	}
	// Output:
	// 2025-01-15 33333.34 HKD
	// 2025-05-15 33333.33 HKD
	// 2025-09-15 33333.33 HKD
}

// A month's invoice on Lago's published figures (a 50 USD subscription, 20 USD of usage, a
// 10 USD coupon, 30 USD of prepaid credit, 10 % tax): the coupon comes off before tax, the
// credit after.
func ExampleBuildInvoice() {
	usd := func(s string) assay.Money { return assay.MustMoney(s, "USD") }
	sub, _ := pricing.NewFixed(usd("50"), "subscription")
	perCall, _ := pricing.NewGraduated([]pricing.Tier{{UnitPrice: usd("1")}}, assay.HalfEven)
	offer := billing.Offer{ID: "starter", Product: "city traffic API", Currency: assay.MustCurrency("USD"),
		Valid: billing.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		Charges: []billing.Charge{
			{Name: "subscription", Plan: sub},
			{Name: "calls", Meter: billing.Meter{Metric: "calls"}, Plan: perCall},
		},
		TaxRate: decimal.RequireFromString("0.10")}
	jan := billing.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}
	wallet, _ := billing.NewWallet(offer.Currency, assay.Money{})
	wallet, _ = wallet.Grant(billing.Credit{ID: "prepaid", Amount: usd("30"), Granted: jan.Start})
	inv, wallet, err := billing.BuildInvoice(context.Background(), billing.InvoiceInput{
		ID: "INV-2025-01", Customer: "acme", Offer: offer, Period: jan, Wallet: wallet,
		Records: []billing.Record{{ID: "evt-1", Customer: "acme", Metric: "calls", Time: jan.Start.Add(36 * time.Hour), Quantity: 20}},
		Coupons: []billing.Redemption{{Coupon: billing.Coupon{ID: "WELCOME10", Amount: usd("10")}}},
	})
	if err != nil {
		panic(err)
	}
	for _, l := range inv.Lines {
		fmt.Printf("%-13s %10v %10v %10v\n", l.Description, l.Amount, l.Discount, l.Tax)
	}
	fmt.Println("total", inv.Total, "credits", inv.CreditsApplied, "due", inv.AmountDue, "wallet", wallet.Balance())
	// Output:
	// subscription   50.00 USD  10.00 USD   4.00 USD
	// calls          20.00 USD   0.00 USD   2.00 USD
	// total 66.00 USD credits 30.00 USD due 36.00 USD wallet 0.00 USD
}
