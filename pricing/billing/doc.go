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
// # Where the engines differ
//
// The tests hold the worked examples Lago, Stripe and Kong/OpenMeter publish, each citing its
// page. Where the engines disagree, or differ from this package, the choice is stated:
//
//   - Coupons discount before tax (Lago since "Coupons applied before tax"; VAT is due on the
//     price paid); prepaid credits are drawn after tax, against the invoice's total (Lago).
//   - Credits are drawn by priority, then promotional before paid (Stigg), then earliest
//     expiry (Kong/OpenMeter: priority, then expiry).
//   - A trial frees the flat charges for its days, prorated by day as Lago does, and frees the
//     usage of those days too, which Lago bills.
//   - A minimum commitment is trued up per period in full; Lago prorates it for a partial one.
//   - Proration is by day (Lago) or by second (Stripe), as the Change says.
//   - A record that arrives after its period was invoiced is an error (InvoiceInput.
//     InvoicedUntil), never dropped silently.
//
// # Determinism
//
// Aggregation does not depend on the order of the records (groups are sorted by their
// dimension values, ties of Latest broken by record ID), a record ID is counted once, and a
// wallet's draw-down order is total (see Wallet.Consume). Values are immutable: operations on
// a Wallet return a new Wallet. Every type is safe for concurrent reads.
package billing
