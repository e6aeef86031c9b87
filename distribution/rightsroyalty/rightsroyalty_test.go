package rightsroyalty_test

import (
	"context"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/distribution/rightsroyalty"
	"github.com/dataassay/assay/rights"
	"github.com/google/go-cmp/cmp"
)

// The story's chain (assaytest.SeedRights): the centre licenses the company at 10 % of its
// downstream revenue, the company sublicenses Lingnan at 5 %, Lingnan derives an index and
// licenses it to Harbour Analytics at 15 %. Sales flow up the verified path of grants; the
// expected nets are worked by hand in each case.
func TestChain(t *testing.T) {
	s := assaytest.SeedRights()
	chain, err := rights.NewChain(context.Background(), s.Events())
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, time.January, 10, 0, 0, 0, 0, time.UTC)
	name := func(p rights.Party) string { return rightsroyalty.PartyName(p.ID) }
	tests := []struct {
		name   string
		query  rights.Query
		seller rights.Party
		sale   assay.Money
		want   map[string]assay.Money // net income of each party
	}{
		{
			// Lingnan pays 5 % of 1,000,000.00 = 50,000.00 to the company, which pays 10 % of
			// that, 5,000.00, to the centre. The 200,000.00 CNY license fee is one-off: not here.
			name:   "Lingnan sells a city-planning study",
			query:  rights.Query{Party: s.MSME.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GD", At: at, Asset: s.Traffic.ID},
			seller: s.MSME,
			sale:   assay.MustMoney("1000000.00", "CNY"),
			want: map[string]assay.Money{
				name(s.MSME):   assay.MustMoney("950000.00", "CNY"),
				name(s.City):   assay.MustMoney("45000.00", "CNY"),
				name(s.Centre): assay.MustMoney("5000.00", "CNY"),
			},
		},
		{
			// Harbour pays 15 % of 100,000.00 = 15,000.00 to Lingnan; Lingnan 5 % of that,
			// 750.00, to the company; the company 10 % of 750.00, 75.00, to the centre.
			name:   "Harbour Analytics sells reports built on the derived index",
			query:  rights.Query{Party: s.Buyer.ID, Action: rights.ActionRead, Region: "HK", At: at, Asset: s.Traffic.ID, Derived: true},
			seller: s.Buyer,
			sale:   assay.MustMoney("100000.00", "HKD"),
			want: map[string]assay.Money{
				name(s.Buyer):  assay.MustMoney("85000.00", "HKD"),
				name(s.MSME):   assay.MustMoney("14250.00", "HKD"),
				name(s.City):   assay.MustMoney("675.00", "HKD"),
				name(s.Centre): assay.MustMoney("75.00", "HKD"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := chain.Decide(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Allowed {
				t.Fatalf("query denied: %v", d.Err())
			}
			royalties := rightsroyalty.Chain(chain.Royalties(d.Path, tt.query.At))
			r, err := royalties.Distribute(tt.sale, name(tt.seller))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]assay.Money{}
			for _, p := range r.Parties {
				got[p.Party] = p.Net
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("net incomes (-want +got):\n%s", diff)
			}
		})
	}
}
