package pricing

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func TestCheckModelPricing(t *testing.T) {
	cmpOpt := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(a)) })
	for _, c := range []struct {
		name     string
		source   string
		versions []ModelVersion
		want     []ModelArbitrage
	}{
		{
			name: "p(δ) = 1/δ² is superadditive in precision",
			// Reference sheet §1.3 [C]: q(x) = x² is superadditive, so two copies at δ = 2
			// (price 1/4 each) average to 1/(1/2 + 1/2) = 1 at 0.50, half of p(1) = 1.00.
			versions: []ModelVersion{{1, usdm("1.00")}, {2, usdm("0.25")}},
			want: []ModelArbitrage{{Kind: Subadditivity, Target: 1, Price: usdm("1.00"),
				Buy: []ModelPurchase{{Variance: 2, Count: 2}}, Achieved: 1, Cost: usdm("0.50")}},
		},
		{
			name: "p(δ) = c/δ is the additive boundary",
			// Reference sheet §1.3 [C]: linear q(x) = x; two δ = 2 copies cost 0.50 + 0.50 = p(1).
			versions: []ModelVersion{{1, usdm("1.00")}, {2, usdm("0.50")}, {4, usdm("0.25")}},
		},
		{
			name: "concave q(x) = √x is arbitrage-free",
			// Hand calculation: p(1) = 1.00, p(4) = √(1/4) = 0.50; four δ = 4 copies cost 2.00.
			versions: []ModelVersion{{1, usdm("1.00")}, {4, usdm("0.50")}},
		},
		{
			name: "a less noisy version priced below a noisier one",
			// Hand calculation: δ = 0.5 at 0.80 is better than δ = 1 at 1.00 by itself.
			versions: []ModelVersion{{1, usdm("1.00")}, {0.5, usdm("0.80")}},
			want: []ModelArbitrage{{Kind: Monotonicity, Target: 1, Price: usdm("1.00"),
				Buy: []ModelPurchase{{Variance: 0.5, Count: 1}}, Achieved: 0.5, Cost: usdm("0.80")}},
		},
		{
			name: "mixed versions",
			// Hand calculation: target δ = 1 (precision 1) at 1.00; δ = 2 at 0.30 (precision
			// 0.5) and δ = 4 at 0.10 (0.25): one δ = 2 and two δ = 4 give precision 1 for 0.50;
			// four δ = 4 give precision 1 for 0.40, the cheapest. And δ = 2 (0.30) from two δ = 4
			// (0.20).
			versions: []ModelVersion{{1, usdm("1.00")}, {2, usdm("0.30")}, {4, usdm("0.10")}},
			want: []ModelArbitrage{
				{Kind: Subadditivity, Target: 1, Price: usdm("1.00"), Buy: []ModelPurchase{{Variance: 4, Count: 4}}, Achieved: 1, Cost: usdm("0.40")},
				{Kind: Subadditivity, Target: 2, Price: usdm("0.30"), Buy: []ModelPurchase{{Variance: 4, Count: 2}}, Achieved: 2, Cost: usdm("0.20")},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckModelPricing(context.Background(), c.versions)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got, cmpOpt); diff != "" {
				t.Errorf("arbitrage (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckModelPricing_BadInput(t *testing.T) {
	for _, vs := range [][]ModelVersion{
		nil,
		{{0, usdm("1")}},
		{{math.Inf(1), usdm("1")}},
		{{math.NaN(), usdm("1")}},
		{{1, usdm("-1")}},
		{{1, usdm("1")}, {2, assay.MustMoney("1", "CNY")}},
	} {
		if _, err := CheckModelPricing(context.Background(), vs); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%v: err %v, want ErrInvalidInput", vs, err)
		}
	}
}
