package billing

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// TestBadInput_NamesTheRecord: each kind of bad input the issue names is refused with an
// *InputError that names the record and field and matches the sentinel.
func TestBadInput_NamesTheRecord(t *testing.T) {
	ctx := context.Background()
	o := regionalOffer()
	inv := must2(BuildInvoice(ctx, InvoiceInput{ID: "INV-1", Customer: "c", Offer: o, Period: jan,
		Records: []Record{rec("1", "c", day(2025, 1, 3), 3500, "region", "CN-GD")}}))
	// An invoice whose credit line leaves its total below its first line: 100.00 − 60.00.
	small := must2(BuildInvoice(ctx, InvoiceInput{ID: "INV-S", Customer: "c", Offer: flatOffer(cny, "0", "fee", "100"), Period: jan,
		Adjustments: []Adjustment{{Description: "goodwill", Amount: cnym("-60")}}}))
	n1 := must(inv.CreditNote("CN-1", day(2025, 2, 10), "", []Refund{{Line: 0, Amount: cnym("1")}}, nil))
	w := must(must(NewWallet(cny, assay.Money{})).Grant(Credit{ID: "g1", Amount: cnym("10"), Granted: day(2025, 3, 1)}))

	for _, c := range []struct {
		name          string
		run           func() error
		want          error
		record, field string
	}{
		{"overlapping offers", func() error {
			dup := regionalOffer()
			dup.ID = "public-cn-2"
			_, err := NewCatalog(regionalOffer(), dup)
			return err
		}, ErrInvalidInput, `offer "public-cn-2"`, "valid"},
		{"coupon on another offer", func() error {
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan,
				Coupons: []Redemption{{Coupon: Coupon{ID: "HK-ONLY", Percent: dec("0.1"), Offers: []string{"private-hk"}}}}})
			return err
		}, ErrInvalidInput, `coupon "HK-ONLY"`, "offers"},
		{"coupon on a charge the offer lacks", func() error {
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan,
				Coupons: []Redemption{{Coupon: Coupon{ID: "PRO50", Percent: dec("0.5"), Charges: []string{"pro seats"}}}}})
			return err
		}, ErrInvalidInput, `coupon "PRO50"`, "charges"},
		{"credit note above the line", func() error {
			_, err := inv.CreditNote("CN-X", day(2025, 2, 3), "", []Refund{{Line: 1, Amount: cnym("500.01")}}, nil)
			return err
		}, ErrInvalidInput, `credit note "CN-X"`, "refunds[0].amount"},
		{"credit note above the invoice", func() error {
			_, err := small.CreditNote("CN-X", day(2025, 2, 3), "", []Refund{{Line: 0, Amount: cnym("100")}}, nil)
			return err
		}, ErrInvalidInput, `credit note "CN-X"`, "refunds"},
		{"credit note refunding prepaid credit in money", func() error {
			// 100.00 + 6 % VAT = 106.00, of which 100.00 paid by credit: 6.00 is refundable;
			// 10.00 of net refunds 10.60 (by hand: 6 × 10/100 = 0.60 of tax).
			pw := must(must(NewWallet(cny, assay.Money{})).Grant(Credit{ID: "promo", Kind: Promotional, Amount: cnym("100"), Granted: jan.Start}))
			paid := must2(BuildInvoice(ctx, InvoiceInput{ID: "INV-P", Customer: "c", Offer: flatOffer(cny, "0.06", "fee", "100"), Period: jan, Wallet: pw}))
			if _, err := paid.CreditNote("CN-OK", jan.End, "", []Refund{{Line: 0, Amount: cnym("5")}}, nil); err != nil {
				return fmt.Errorf("5.30 of the 6.00 paid in money: %v", err)
			}
			_, err := paid.CreditNote("CN-X", jan.End, "", []Refund{{Line: 0, Amount: cnym("10")}}, nil)
			return err
		}, ErrInvalidInput, `credit note "CN-X"`, "refunds"},
		{"credit note before its invoice's period ends", func() error {
			_, err := inv.CreditNote("CN-X", day(2025, 1, 31), "", []Refund{{Line: 0, Amount: cnym("1")}}, nil)
			return err
		}, ErrOutOfOrder, `credit note "CN-X"`, "issued"},
		{"credit note before an earlier note", func() error {
			_, err := inv.CreditNote("CN-X", day(2025, 2, 9), "", []Refund{{Line: 0, Amount: cnym("1")}}, []CreditNote{n1})
			return err
		}, ErrOutOfOrder, `credit note "CN-X"`, "issued"},
		{"earlier note of another invoice", func() error {
			_, err := small.CreditNote("CN-X", day(2025, 2, 10), "", []Refund{{Line: 0, Amount: cnym("1")}}, []CreditNote{n1})
			return err
		}, ErrInvalidInput, `credit note "CN-X"`, "prior"},
		{"earlier note naming a line the invoice lacks", func() error {
			bad := CreditNote{ID: "CN-0", Invoice: "INV-1", Lines: []CreditLine{{Line: 99, Net: cnym("1"), Tax: cnym("0")}}, Net: cnym("1"), Tax: cnym("0"), Total: cnym("1")}
			_, err := inv.CreditNote("CN-X", day(2025, 2, 10), "", []Refund{{Line: 0, Amount: cnym("1")}}, []CreditNote{bad})
			return err
		}, ErrInvalidInput, `credit note "CN-X"`, "prior"},
		{"negative usage", func() error {
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan,
				Records: []Record{rec("r1", "c", day(2025, 1, 2), 5), rec("r2", "c", day(2025, 1, 2), -5)}})
			return err
		}, ErrInvalidInput, `record "r2"`, "quantity"},
		{"record after its period was invoiced", func() error {
			feb := Period{Start: jan.End, End: day(2025, 3, 1)}
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "INV-2", Customer: "c", Offer: o, Period: feb, InvoicedUntil: jan.End,
				Records: []Record{rec("on-time", "c", day(2025, 2, 2), 5), rec("late", "c", day(2025, 1, 31), 5)}})
			return err
		}, ErrOutOfOrder, `record "late"`, "time"},
		{"period before the last invoiced one ends", func() error {
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "INV-2", Customer: "c", Offer: o, Period: jan, InvoicedUntil: jan.End})
			return err
		}, ErrOutOfOrder, `invoice "INV-2"`, "period.start"},
		{"wallet grant before its last operation", func() error {
			_, err := w.Grant(Credit{ID: "g2", Amount: cnym("5"), Granted: day(2025, 2, 1)})
			return err
		}, ErrOutOfOrder, `credit "g2"`, "granted"},
		{"invoice drawing on a wallet after a later operation", func() error {
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "INV-JAN", Customer: "c", Offer: o, Period: jan, Wallet: w})
			return err
		}, ErrOutOfOrder, `debit "INV-JAN"`, "time"},
		{"wallet debit of a negative amount", func() error {
			_, err := w.Debit(day(2025, 3, 2), cnym("-1"), "D")
			return err
		}, ErrInvalidInput, `debit "D"`, "amount"},
		{"wallet in another currency", func() error {
			hw := must(NewWallet(hkd, assay.Money{}))
			_, _, err := BuildInvoice(ctx, InvoiceInput{ID: "I", Customer: "c", Offer: o, Period: jan, Wallet: hw})
			return err
		}, assay.ErrCurrencyMismatch, `invoice "I"`, "wallet"},
	} {
		err := c.run()
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want *InputError matching %v", c.name, err, c.want)
			continue
		}
		if ie.Record != c.record || ie.Field != c.field {
			t.Errorf("%s: names %s / %s, want %s / %s (%v)", c.name, ie.Record, ie.Field, c.record, c.field, err)
		}
	}
}

// TestMeter_AggregateMatchesOracle checks Aggregate against a brute-force oracle over random
// batches with duplicates, other customers, records outside the period and up to 40 groups
// (beyond the linear search of groupIndex): the oracle keeps the first record of each ID in
// a map and reduces each group's records with the aggregation's definition.
func TestMeter_AggregateMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	for trial := range 300 {
		nGroups := 1 + rng.IntN(40)
		var records []Record
		for k := range rng.IntN(400) {
			if k > 0 && rng.IntN(10) == 0 { // an identical duplicate of an earlier record
				records = append(records, records[rng.IntN(len(records))])
				continue
			}
			cust := "c"
			if rng.IntN(8) == 0 {
				cust = "other"
			}
			at := jan.Start.Add(time.Duration(rng.Int64N(int64(40 * 24 * time.Hour)))) // some fall in February
			records = append(records, rec(fmt.Sprint("r", k), cust, at, rng.Int64N(1000),
				"region", fmt.Sprint("R", rng.IntN(nGroups)), "user", fmt.Sprint("u", rng.IntN(5))))
		}
		for agg := Sum; agg <= Latest; agg++ {
			m := Meter{Metric: "calls", Aggregation: agg, UniqueBy: "user", GroupBy: []string{"region"}}
			got, err := m.Aggregate(records, "c", jan)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(aggregateOracle(m, records, "c", jan), got); d != "" {
				t.Fatalf("trial %d %v (-oracle +got):\n%s", trial, agg, d)
			}
		}
	}
}

func aggregateOracle(m Meter, records []Record, customer string, p Period) []Group {
	first := map[string]bool{}
	byRegion := map[string][]Record{}
	for _, r := range records {
		if r.Customer != customer || r.Metric != m.Metric || !p.Contains(r.Time) || first[r.ID] {
			continue
		}
		first[r.ID] = true
		byRegion[r.Dimensions["region"]] = append(byRegion[r.Dimensions["region"]], r)
	}
	out := []Group{}
	for region, rs := range byRegion {
		g := Group{Dimensions: map[string]string{"region": region}, Records: len(rs)}
		users := map[string]bool{}
		var latest Record
		for i, r := range rs {
			switch m.Aggregation {
			case Sum:
				g.Quantity += r.Quantity
			case Count:
				g.Quantity++
			case Max:
				g.Quantity = max(g.Quantity, r.Quantity)
			case UniqueCount:
				users[r.Dimensions["user"]] = true
				g.Quantity = int64(len(users))
			case Latest:
				if i == 0 || r.Time.After(latest.Time) || (r.Time.Equal(latest.Time) && r.ID > latest.ID) {
					latest = r
				}
				g.Quantity = latest.Quantity
			}
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b Group) int {
		if a.Dimensions["region"] < b.Dimensions["region"] {
			return -1
		}
		return 1
	})
	return out
}

// TestIDSet_Grows: more IDs than the first table holds, each met twice, are all found again.
func TestIDSet_Grows(t *testing.T) {
	records := make([]Record, 5000)
	for i := range records {
		records[i].ID = fmt.Sprint("id-", i%2500)
	}
	s := newIDSet(1) // starts at 1,024 slots: grows twice
	for i := range records {
		j, dup := s.add(records, i)
		if dup != (i >= 2500) || (dup && j != i-2500) {
			t.Fatalf("record %d: add = %d, %v", i, j, dup)
		}
	}
}
