package rights_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// The seed chain's royalties, read off the path of the Hong Kong buyer's grant: 10 % and
// 200,000.00 CNY from the company to the centre, 5 % from the MSME to the company, 15 % and
// 50,000.00 HKD from the buyer to the MSME (the terms of assaytest.SeedRights).
func TestChain_Royalties(t *testing.T) {
	s := assaytest.SeedRights()
	c, err := rights.NewChain(context.Background(), s.Events())
	if err != nil {
		t.Fatal(err)
	}
	at := day(2025, 1, 10)
	d, err := c.Decide(rights.Query{Party: s.Buyer.ID, Action: "distribute", Region: "HK", At: at, Asset: s.Index.ID})
	if err != nil || !d.Allowed {
		t.Fatal(d.Err(), err)
	}
	h := hashesOf(t, s.Events())
	want := []rights.Owed{
		{License: h[1], Payer: s.City.ID, Payee: s.Centre.ID, Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.1"), Fee: assay.MustMoney("200000", "CNY")}},
		{License: h[2], Payer: s.MSME.ID, Payee: s.City.ID, Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.05")}},
		{License: h[4], Payer: s.Buyer.ID, Payee: s.MSME.ID, Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.15"), Fee: assay.MustMoney("50000", "HKD")}},
	}
	if diff := cmp.Diff(want, c.Royalties(d.Path, at)); diff != "" {
		t.Errorf("Royalties (-want +got):\n%s", diff)
	}
}
