package pricing

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// shapiroVarian is the versioning example of Shapiro and Varian (Information Rules,
// 1998, ch. 3, and its teaching slides): 40 A-types value speedy/slow at $100/$40, 60 B-types at $50/$30.
func shapiroVarian() []BuyerType {
	return []BuyerType{
		{Name: "A", Count: 40, Values: []assay.Money{usdm("100"), usdm("40")}},
		{Name: "B", Count: 60, Values: []assay.Money{usdm("50"), usdm("30")}},
	}
}

func TestOptimalVersions_ShapiroVarian(t *testing.T) {
	got, err := OptimalVersions(context.Background(), shapiroVarian())
	if err != nil {
		t.Fatal(err)
	}
	// Source: Shapiro and Varian, ch. 3, by hand: 100 − p = 40 − 30 gives p = 90; revenue 40 × 90 + 60 × 30
	// = 5,400 (against 5,000 for speedy-only at 50).
	want := VersionMenu{Prices: []assay.Money{usdm("90"), usdm("30")}, Assign: []int{0, 1}, Revenue: usdm("5400")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("menu (-want +got):\n%s", diff)
	}
	if v, err := CheckIncentives(shapiroVarian(), got.Prices, got.Assign); err != nil || len(v) != 0 {
		t.Errorf("optimal menu: violations %v, err %v", v, err)
	}
}

func TestCheckIncentives(t *testing.T) {
	// Source: Shapiro and Varian, ch. 3, by hand: the menu (100, 30) breaks A's incentive constraint,
	// 100 − 100 = 0 < 40 − 30 = 10.
	got, err := CheckIncentives(shapiroVarian(), []assay.Money{usdm("100"), usdm("30")}, []int{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []IncentiveViolation{{Type: "A", Intended: 0, Prefers: 1, Surplus: usdm("0"), Better: usdm("10")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	// Individual rationality, by hand: at (120, 30) B meant for speedy gets 50 − 120 = −70 and
	// would rather buy nothing (0; slow also gives 0, and ties name the lowest index, −1).
	// A, meant for slow, gets 40 − 30 = 10, more than speedy (−20) or nothing.
	got, err = CheckIncentives(shapiroVarian(), []assay.Money{usdm("120"), usdm("30")}, []int{1, 0})
	if err != nil {
		t.Fatal(err)
	}
	want = []IncentiveViolation{{Type: "B", Intended: 0, Prefers: -1, Surplus: usdm("-70"), Better: usdm("0")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

// TestOptimalVersions_MatchesGrid compares the revenue with a brute-force search over integer
// price grids, where each type buys its best version and ties go to the dearer one (the
// convention under which the revenue maximum is attained).
func TestOptimalVersions_MatchesGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := range 200 {
		nt, nv := 1+rng.IntN(3), 1+rng.IntN(2)
		types := make([]BuyerType, nt)
		for i := range types {
			types[i] = BuyerType{Name: string(rune('A' + i)), Count: 1 + rng.Int64N(5)}
			for range nv {
				types[i].Values = append(types[i].Values, assay.MoneyFromMinor(rng.Int64N(7), jpy))
			}
		}
		got, err := OptimalVersions(context.Background(), types)
		if err != nil {
			t.Fatal(err)
		}
		best := int64(0)
		const off = 8 // a price of 8 withholds the version
		prices := make([]int64, nv)
		var walk func(k int)
		walk = func(k int) {
			if k < nv {
				for p := int64(0); p <= off; p++ {
					prices[k] = p
					walk(k + 1)
				}
				return
			}
			var rev int64
			for _, bt := range types {
				bestS, bestP := int64(0), int64(0)
				for v := range nv {
					val, _ := bt.Values[v].MinorUnits()
					if prices[v] == off {
						continue
					}
					if s := val - prices[v]; s > bestS || s == bestS && prices[v] > bestP {
						bestS, bestP = s, prices[v]
					}
				}
				rev += bt.Count * bestP
			}
			best = max(best, rev)
		}
		walk(0)
		if want := assay.MoneyFromMinor(best, jpy); !got.Revenue.Equal(want) {
			t.Fatalf("trial %d: revenue %v, grid %v; types %+v menu %+v", trial, got.Revenue, want, types, got)
		}
		if v, err := CheckIncentives(types, got.Prices, got.Assign); err != nil || len(v) != 0 {
			t.Fatalf("trial %d: optimal menu fails IC/IR: %v %v", trial, v, err)
		}
	}
}
