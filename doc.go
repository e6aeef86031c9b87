// Package assay is the shared vocabulary of the Assay library: money, currencies, rounding
// modes, the descriptive record of a data asset, and the errors every package reports with.
//
// Assay values, prices, licenses and shares the income of data assets. The work is done in
// the sub-packages:
//
//   - valuation: spreadsheet-exact depreciation and time value of money, depreciation
//     schedules, data-quality scoring, the cost, income and market approaches;
//   - pricing: price plans, quotes, fee stacks, arbitrage-free menus, auctions, bargaining;
//   - rights: the three separated data rights and signed, hash-linked rights chains
//     (rights/odrl reads and evaluates W3C ODRL 2.2 policies);
//   - distribution: exact money allocation, waterfalls, claims rules, cooperative-game values
//     and inequality measures.
//
// # Money
//
// A [Money] is an exact decimal amount ([decimal.Decimal]) in one [Currency]. Money never
// passes through float64: arithmetic is exact, and rounding to a currency's minor unit
// happens only where a caller asks for it, through an explicit [RoundingMode].
// Arithmetic on two different currencies fails with an error that satisfies
// errors.Is(err, ErrCurrencyMismatch). An amount whose coefficient fits in an int64 is held
// without allocation and computed in machine integers; a larger one in decimal.Decimal, with
// the same results to the digit (see [Money]).
//
// # Concurrency
//
// Every type in this package is an immutable value: store and pass it by value, and use it
// from any number of goroutines at once.
package assay
