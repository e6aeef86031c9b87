package billing_test

import (
	"fmt"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/pricing/billing"
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
