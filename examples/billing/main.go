// Command billing runs a year of billing for a city data product sold to three buyers on a
// data exchange: a Hong Kong insurer on a private offer in HKD paid in quarterly instalments,
// a logistics start-up whose free trial converts and who prepays credit, and a city planning
// institute that upgrades mid-month with a coupon and is refunded after an outage. It prints
// every invoice with its lines, the credit notes, each wallet's ledger and each buyer's
// statement (invoiced − credited − credits used = owed).
//
//	go run ./examples/billing               # readable tables
//	go run ./examples/billing -format json  # for notebooks
//	go run ./examples/billing -format csv
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/pricing"
	"github.com/dataassay/assay/pricing/billing"
	"github.com/shopspring/decimal"
)

func main() { cli.Main("billing", run) }

const product = "Guangzhou traffic flows (loop detectors and bus GPS)"

// account is one buyer's year: invoices, credit notes, wallet and statement.
type account struct {
	Buyer     string               `json:"buyer"`
	Offer     string               `json:"offer"`
	Invoices  []billing.Invoice    `json:"invoices"`
	Notes     []billing.CreditNote `json:"creditNotes"`
	Ledger    []billing.Entry      `json:"walletLedger"`
	Statement billing.Statement    `json:"statement"`
	Schedule  []billing.Instalment `json:"instalments,omitempty"`
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func month(y int, m time.Month) billing.Period {
	return billing.Period{Start: day(y, m, 1), End: day(y, m+1, 1)}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func run(args []string) error {
	fs := flag.NewFlagSet("billing", flag.ContinueOnError)
	output := cli.OutputFlags(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	catalog, err := offers()
	if err != nil {
		return err
	}
	ctx := context.Background()
	var accounts []account
	for _, b := range []func(context.Context, billing.Catalog) (account, error){insurer, startup, institute} {
		a, err := b(ctx, catalog)
		if err != nil {
			return err
		}
		accounts = append(accounts, a)
	}
	return output.Emit(os.Stdout, map[string]any{"product": product, "accounts": accounts}, sheets(accounts)...)
}

// offers: a public CNY offer with per-region API tiers, a platform fee (Basic), a Pro
// variant, a 30-day trial, VAT 6 % on data services; and a private HKD offer for one insurer.
func offers() (billing.Catalog, error) {
	cny := assay.MustCurrency("CNY")
	m := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	gd := must(pricing.NewGraduated([]pricing.Tier{
		{UpTo: 100_000, UnitPrice: m("0"), Per: 1000},
		{UpTo: 1_000_000, UnitPrice: m("8"), Per: 1000},
		{UnitPrice: m("4"), Per: 1000},
	}, assay.HalfEven))
	elsewhere := must(pricing.NewGraduated([]pricing.Tier{{UnitPrice: m("10"), Per: 1000}}, assay.HalfEven))
	calls := billing.Charge{Name: "API calls", Meter: billing.Meter{Metric: "calls", GroupBy: []string{"region"}},
		Plan: elsewhere, Dimension: "region", ByValue: map[string]pricing.Plan{"CN-GD": gd}}
	public := func(id, tier, fee string, valid billing.Period) billing.Offer {
		return billing.Offer{ID: id, Product: product + " " + tier, Valid: valid, Currency: cny,
			Charges: []billing.Charge{calls, {Name: "platform fee", Plan: must(pricing.NewFixed(m(fee), tier+" platform fee"))}},
			Trial:   billing.Trial{Days: 30, Units: 50_000}, TaxRate: decimal.RequireFromString("0.06")}
	}
	hk := func(s string) assay.Money { return assay.MustMoney(s, "HKD") }
	private := billing.Offer{ID: "private-hk-insurer", Product: product + " Basic", Buyers: []string{"Hong Kong insurer"}, Regions: []string{"HK"},
		Valid: billing.Period{Start: day(2025, 1, 1), End: day(2026, 1, 1)}, Currency: assay.MustCurrency("HKD"),
		Charges: []billing.Charge{
			{Name: "API calls", Meter: billing.Meter{Metric: "calls"}, Plan: must(pricing.NewGraduated([]pricing.Tier{{UnitPrice: hk("6.50"), Per: 1000}}, assay.HalfEven))},
			{Name: "licence instalment", Plan: must(pricing.NewFixed(hk("30000"), "annual licence, quarterly instalment"))},
		},
		Commitment: hk("32000")} // Hong Kong levies no VAT
	return billing.NewCatalog(
		public("public-basic", "Basic", "500", billing.Period{Start: day(2025, 1, 1)}),
		public("public-pro", "Pro", "2000", billing.Period{Start: day(2025, 1, 1)}),
		private)
}

// usage draws a month's API calls for a customer, seeded by its name and month.
func usage(customer string, p billing.Period, perDay int64, regions []string) []billing.Record {
	seed := uint64(p.Start.Unix())
	for _, c := range customer {
		seed = seed*31 + uint64(c)
	}
	rng := rand.New(rand.NewPCG(seed, 2025))
	var out []billing.Record
	for d := p.Start; d.Before(p.End); d = d.AddDate(0, 0, 1) {
		for _, r := range regions {
			out = append(out, billing.Record{ID: fmt.Sprintf("%s-%s-%s", customer, d.Format("20060102"), r), Customer: customer, Metric: "calls",
				Time: d.Add(12 * time.Hour), Quantity: perDay/2 + rng.Int64N(perDay), Dimensions: map[string]string{"region": r}})
		}
	}
	return out
}

func finish(a *account, w billing.Wallet, cur assay.Currency) error {
	a.Ledger = w.Entries()
	s, err := billing.Summarize(cur, a.Invoices, a.Notes)
	a.Statement = s
	return err
}

// insurer: the private HKD offer, four quarterly invoices whose licence line is the
// instalment of the annual 120,000 HKD contract.
func insurer(ctx context.Context, c billing.Catalog) (account, error) {
	const buyer = "Hong Kong insurer"
	o, err := c.Select(product+" Basic", buyer, "HK", day(2025, 1, 1))
	if err != nil {
		return account{}, err
	}
	a := account{Buyer: buyer, Offer: o.ID}
	if a.Schedule, err = billing.Instalments(assay.MustMoney("120000", "HKD"), 4, day(2025, 1, 1), 3); err != nil {
		return account{}, err
	}
	for q := range 4 {
		p := billing.Period{Start: day(2025, time.Month(1+3*q), 1), End: day(2025, time.Month(4+3*q), 1)}
		inv, _, err := billing.BuildInvoice(ctx, billing.InvoiceInput{ID: fmt.Sprintf("HK-2025Q%d", q+1), Customer: buyer, Offer: o, Period: p,
			Records: usage(buyer, p, 2_000, []string{"HK"})})
		if err != nil {
			return account{}, err
		}
		a.Invoices = append(a.Invoices, inv)
	}
	return a, finish(&a, billing.Wallet{}, o.Currency)
}

// startup: subscribes on 2025-03-10 to Basic with a 30-day trial and 50,000 free calls, gets
// 500 CNY of promotional credit expiring in three months and tops up 2,000 CNY in June.
func startup(ctx context.Context, c billing.Catalog) (account, error) {
	const buyer = "logistics start-up"
	start := day(2025, 3, 10)
	o, err := c.Select(product+" Basic", buyer, "CN-GD", start)
	if err != nil {
		return account{}, err
	}
	a := account{Buyer: buyer, Offer: o.ID}
	w := must(billing.NewWallet(o.Currency, assay.Money{}))
	if w, err = w.Grant(billing.Credit{ID: "welcome", Kind: billing.Promotional, Amount: assay.MustMoney("500", "CNY"), Granted: start, Expires: start.AddDate(0, 3, 0)}); err != nil {
		return account{}, err
	}
	for m := time.March; m <= time.December; m++ {
		p := month(2025, m)
		if m == time.March {
			p.Start = start
		}
		if m == time.June {
			if w, err = w.Grant(billing.Credit{ID: "top-up-june", Kind: billing.Paid, Amount: assay.MustMoney("2000", "CNY"), Granted: p.Start}); err != nil {
				return account{}, err
			}
		}
		inv, w2, err := billing.BuildInvoice(ctx, billing.InvoiceInput{ID: fmt.Sprintf("SU-2025%02d", m), Customer: buyer, Offer: o, Period: p,
			Records: usage(buyer, p, 6_000, []string{"CN-GD", "CN-SZ"}), SubscriptionStart: start, Wallet: w})
		if err != nil {
			return account{}, err
		}
		a.Invoices, w = append(a.Invoices, inv), w2
	}
	return a, finish(&a, w, o.Currency)
}

// institute: Basic from January, upgraded to Pro on 2025-05-16 with immediate effect and a
// 20 % coupon on the platform fee for three months; refunded a third of August's usage after
// an outage.
func institute(ctx context.Context, c billing.Catalog) (account, error) {
	const buyer = "city planning institute"
	basic := must(c.Select(product+" Basic", buyer, "CN-GD", day(2025, 1, 1)))
	pro := must(c.Select(product+" Pro", buyer, "CN-GD", day(2025, 5, 16)))
	a := account{Buyer: buyer, Offer: basic.ID + " → " + pro.ID}
	coupon := []billing.Redemption{{Coupon: billing.Coupon{ID: "PRO20", Percent: decimal.RequireFromString("0.20"), Periods: 3,
		Offers: []string{pro.ID}, Charges: []string{"platform fee"}}}}
	for m := time.January; m <= time.December; m++ {
		p := month(2025, m)
		in := billing.InvoiceInput{ID: fmt.Sprintf("CPI-2025%02d", m), Customer: buyer, Offer: basic, Period: p,
			Records: usage(buyer, p, 40_000, []string{"CN-GD"})}
		if m > time.January {
			in.InvoicedUntil = p.Start // a record of an invoiced month arriving late would be refused
		}
		switch {
		case m == time.May:
			// The upgrade: May is billed on Basic plus the proration to Pro.
			adj, err := billing.Prorate(p, billing.Change{At: day(2025, 5, 16), From: assay.MustMoney("500", "CNY"), To: assay.MustMoney("2000", "CNY")})
			if err != nil {
				return account{}, err
			}
			in.Adjustments = adj
		case m > time.May:
			in.Offer, in.Coupons = pro, coupon
		}
		inv, _, err := billing.BuildInvoice(ctx, in)
		if err != nil {
			return account{}, err
		}
		if len(inv.Coupons) > 0 {
			coupon[0].Used++
		}
		a.Invoices = append(a.Invoices, inv)
		if m == time.August {
			usageNet, _ := inv.Lines[0].Net.MinorUnits()
			note, err := inv.CreditNote("CN-CPI-202508", day(2025, 9, 2), "outage 2025-08-12 to 2025-08-21: a third of August's API calls refunded",
				[]billing.Refund{{Line: 0, Amount: assay.MoneyFromMinor(usageNet/3, inv.Currency)}}, nil)
			if err != nil {
				return account{}, err
			}
			a.Notes = append(a.Notes, note)
		}
	}
	return a, finish(&a, billing.Wallet{}, basic.Currency)
}

func sheets(accounts []account) []cli.Sheet {
	invoices := cli.Sheet{Name: "invoices", Title: "Invoices", Header: []string{"buyer", "invoice", "period", "subtotal", "discount", "tax", "total", "credits", "due", "coupons"}}
	lines := cli.Sheet{Name: "lines", Title: "Invoice lines", Header: []string{"invoice", "kind", "description", "quantity", "amount", "discount", "net", "tax"}}
	notes := cli.Sheet{Name: "credit-notes", Title: "Credit notes", Header: []string{"note", "invoice", "issued", "net", "tax", "total", "reason"}}
	ledger := cli.Sheet{Name: "wallet-ledgers", Title: "Wallet ledgers", Header: []string{"buyer", "time", "kind", "credit", "ref", "amount", "balance"}}
	statements := cli.Sheet{Name: "statements", Title: "Statements (invoiced − credited − credits used = owed)", Header: []string{"buyer", "invoiced", "credited", "credits used", "owed"}}
	for _, a := range accounts {
		for _, inv := range a.Invoices {
			coupons := strings.Join(inv.Coupons, " ")
			invoices.Add(a.Buyer, inv.ID, inv.Period.Start.Format(time.DateOnly)+" to "+inv.Period.End.AddDate(0, 0, -1).Format(time.DateOnly),
				inv.Subtotal, inv.Discount, inv.Tax, inv.Total, inv.CreditsApplied, inv.AmountDue, coupons)
			for _, l := range inv.Lines {
				q := ""
				if l.Quantity != 0 {
					q = fmt.Sprint(l.Quantity)
				}
				lines.Add(inv.ID, l.Kind.String(), l.Description, q, l.Amount, l.Discount, l.Net, l.Tax)
			}
		}
		for _, n := range a.Notes {
			notes.Add(n.ID, n.Invoice, n.Issued.Format(time.DateOnly), n.Net, n.Tax, n.Total, n.Reason)
		}
		for _, e := range a.Ledger {
			ledger.Add(a.Buyer, e.Time.Format(time.DateOnly), e.Kind.String(), e.Credit, e.Ref, e.Amount, e.Balance)
		}
		s := a.Statement
		statements.Add(a.Buyer, s.Invoiced, s.Credited, s.CreditsUsed, s.Owed)
	}
	return []cli.Sheet{statements, invoices, lines, notes, ledger}
}
