package assaytest_test

import (
	"context"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/pricing"
)

func TestPricingFixtures(t *testing.T) {
	ctx := context.Background()
	plan := assaytest.GraduatedAPIPlan("EUR")
	// Reference sheet §5.5: 30,000 calls → 25.00; 1,000,000 → 545.00.
	for calls, want := range map[int64]string{30_000: "25.00", 1_000_000: "545.00"} {
		q, err := pricing.Quote(ctx, plan, pricing.Usage{Units: calls})
		if err != nil || !q.Total.Equal(assay.MustMoney(want, "EUR")) {
			t.Errorf("%d calls: %v, %v; want %s", calls, q.Total, err, want)
		}
	}
	// Hand calculation on 1,000 CNY: fee 5.00, VAT 6 % of 1,005 = 60.30, buyer pays 1,065.30;
	// commission 30.00 and fund 1.00 leave the seller 969.00.
	fixed, _ := pricing.NewFixed(assay.MustMoney("1000", "CNY"), "")
	q, err := pricing.Quoter{Fees: assaytest.ExchangeFeeStack("CNY")}.Quote(ctx, fixed, pricing.Usage{})
	if err != nil || !q.Total.Equal(assay.MustMoney("1065.30", "CNY")) || !q.SellerNet.Equal(assay.MustMoney("969", "CNY")) {
		t.Errorf("exchange fees on 1,000 CNY: total %v, seller %v, err %v", q.Total, q.SellerNet, err)
	}
	// Reference sheet §5.3: the table is repaired from 80 to 60.
	repaired, err := pricing.ArbitrageFree(ctx, assaytest.QueryMenu("USD"))
	if err != nil || !repaired[2].Price.Equal(assay.MustMoney("60", "USD")) {
		t.Errorf("query menu: %v, %v", repaired, err)
	}
}
