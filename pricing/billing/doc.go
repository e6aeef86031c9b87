// Package billing runs the billing lifecycle around pricing's quotes, the way data exchanges
// and the billing engines their users run (Lago, OpenMeter, Orb, Stripe Billing; AWS Data
// Exchange and Snowflake Marketplace offers) do: usage records with dimensions aggregated by
// meters, charges priced per dimension value, public and private offers with trials,
// instalments and minimum commitments, money wallets of prepaid credits, coupons, a period's
// invoice with tax per line, credit notes, and proration of plan changes.
//
// # Money
//
// Every amount is an assay.Money rounded to its currency's minor unit. Each invoice line is
// rounded once (by the plan, then tax per line by pricing.InvoiceRounding), so the invoice's
// totals are sums of its lines; instalments, refunds and wallet movements conserve their
// totals to the minor unit. For any history,
//
//	Σ invoice totals − Σ credit notes − Σ credits used = what the buyer owes
//
// which Summarize computes and the tests check over random histories.
//
// # Determinism
//
// Aggregation does not depend on the order of the records (groups are sorted by their
// dimension values, ties of Latest broken by record ID), a record ID is counted once, and a
// wallet's draw-down order is total (see Wallet.Consume). Values are immutable: operations on
// a Wallet return a new Wallet. Every type is safe for concurrent reads.
package billing
