// Package pricing computes prices, quotes and fees for data products.
//
// It holds price plans (fixed, graduated and volume tiers, metered usage, subscriptions,
// prepaid packs, cost-capped public-data pricing), quotes with line items that reconcile to
// the cent, fee stacks and taxes, arbitrage checks and repair of price menus (query-based and
// noise-versioned model pricing), versioning menus, auctions with reserve prices and Nash
// bargaining.
package pricing
