// Package pricing computes prices, quotes and fees for data products.
//
// It holds price plans (fixed, graduated and volume tiers, metered usage, subscriptions,
// prepaid packs and quotas, cost-capped public-data pricing), quotes with line items that
// reconcile to the cent, fee stacks and taxes, arbitrage checks and repair of price menus
// (query-based and noise-versioned model pricing), versioning menus, auctions with reserve
// prices and Nash bargaining. The formulas and marketplace semantics, with their sources, are
// cited where they are used: each function's doc names its standard, paper or marketplace document.
//
// # Plans and quotes
//
// A Plan — Fixed, Graduated, Volume, Metered, Subscription, Quota or Pack — is an immutable
// value built by its constructor (NewGraduated …), which validates it; built plans are safe
// for concurrent use and have a stable JSON form that UnmarshalPlan reads back. Quote prices a
// plan for a Usage; a Quoter adds a FeeStack and, with a caller-supplied RateTable, quotes in
// another currency, showing the rate and its timestamp on the Quotation:
//
//	plan, _ := pricing.NewGraduated(tiers, assay.HalfEven)
//	q, err := pricing.Quoter{Fees: exchangeFees}.Quote(ctx, plan, pricing.Usage{Units: 30_000})
//
// A Quotation's lines sum exactly to its total, and its payouts — to the seller and to each
// fee's recipient — sum to the same total.
//
// # Rounding
//
// Each plan line is rounded once to its currency's minor unit by the plan's RoundingMode (the
// zero value is HalfEven); the subtotal is the sum of the rounded lines. A FeeStack rounds each
// fee and tax line once, as a VAT invoice does (by default by InvoiceRounding: half up, 四舍五入
// for CNY), and the totals are sums of lines, so every recipient is credited exactly its line
// and nothing is left over. Quotes run in int64 minor units with 128-bit intermediate products;
// a result beyond ±9.2e18 minor units is assay.ErrOverflow.
//
// # Concurrency
//
// Built plans, fee stacks, menus and quoters are immutable and safe for concurrent use by any
// number of goroutines. Every other type of this package (Item, Violation, Quotation, LineItem,
// Tier, Fee …) is a plain value, safe for concurrent reads; no function of this package
// modifies a value it is given.
//
// # Arbitrage
//
// CheckArbitrage reports every monotonicity and subadditivity violation of a Menu whose items
// determine one another (bundles, derivable queries, coarser versions), with witnesses;
// ArbitrageFree reprices each item to its cheapest cover, the largest arbitrage-free menu
// below the given prices. CheckModelPricing does the same for models sold with noise of a
// given variance, CheckPacks for prepaid packs, Volume.Arbitrage for volume-tier cliffs.
//
// # Mechanisms
//
// CheckIncentives and OptimalVersions check and optimise versioning menus; SecondPrice and
// PostedPrice sell to bidders; VirtualValue, OptimalReserve, ExpectedRevenue and
// SimulateRevenue implement Myerson's optimal auction for any gonum distuv distribution;
// NashPrice splits a deal's surplus; SettleCap carries public-data revenue above its allowed
// level into the next period.
//
// # Concurrency
//
// Nothing in this package holds mutable state. Plans and fee stacks are immutable once built
// and safe for concurrent use; every other type is a plain value that the package never
// modifies; the functions keep nothing between calls. A price book shared by an exchange's
// goroutines needs no locking.
//
// # Errors
//
// Invalid input returns an *InputError naming the offending element ("tiers[2].upTo"),
// wrapping ErrInvalidInput; other sentinels are ErrQuotaExceeded (*QuotaError), ErrNoRate
// (*RateError), ErrNoDeal, ErrNoConvergence and ErrSearchLimit. Long searches take a context
// and return its error wrapped.
package pricing
