package pricing

import (
	"context"
	"fmt"
	"testing"

	"github.com/dataassay/assay"
)

// BenchmarkQuote_Graduated5Tiers3FeesVAT is the budget: a quote on a 5-tier graduated
// plan with 3 fee components and VAT, ≤ 2 µs and ≤ 30 allocs.
func BenchmarkQuote_Graduated5Tiers3FeesVAT(b *testing.B) {
	var plan Plan = mustPlan(NewGraduated(apiTiers("CNY"), assay.HalfEven))
	fees := mustStack(NewFeeStack(
		Fee{Name: "exchange service fee", Recipient: "exchange", Rate: dec("0.005"), Min: cnym("1")},
		Fee{Name: "intermediary commission", Recipient: "intermediary", Side: Seller, Rate: dec("0.03")},
		Fee{Name: "data community fund", Recipient: "community", Side: Seller, Rate: dec("0.001")},
		Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: dec("0.06"), Tax: true, Compound: true},
	))
	q := Quoter{Fees: fees}
	ctx := context.Background()
	u := Usage{Units: 12_345_678} // reaches all five tiers
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Quote(ctx, plan, u); err != nil {
			b.Fatal(err)
		}
	}
}

// benchMenu is a 20-item query menu: 16 selection views over a table with four regions and four
// years, the four region slices (bundles of four selections each) … priced so that the search
// has work to do.
func benchMenu() Menu {
	var m Menu
	regions := []string{"BJ", "SH", "SZ", "GBA"}
	for _, r := range regions {
		for y := range 4 {
			m = append(m, Item{ID: fmt.Sprintf("σ_%s_%d", r, 2021+y), Price: usdm(fmt.Sprint(20 + 3*y))})
		}
	}
	for i, r := range regions {
		var parts []string
		for y := range 4 {
			parts = append(parts, fmt.Sprintf("σ_%s_%d", r, 2021+y))
		}
		m = append(m, Item{ID: "region_" + r, Price: usdm(fmt.Sprint(70 + 10*i)), Bundle: parts})
	}
	return m
}

// BenchmarkCheckArbitrage_20Items is the budget: an arbitrage check of a 20-item menu
// in ≤ 10 ms.
func BenchmarkCheckArbitrage_20Items(b *testing.B) {
	m := benchMenu()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CheckArbitrage(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckArbitrage_20ItemsOneBigCover: a target derivable only from all 19 others, each
// cheap, and listed below their sum: without the lower bound on what must still be bought,
// every subset below the target's price would be visited.
func BenchmarkCheckArbitrage_20ItemsOneBigCover(b *testing.B) {
	var m Menu
	var all []string
	for i := range 19 {
		m = append(m, Item{ID: fmt.Sprint("s", i), Price: usdm("1")})
		all = append(all, fmt.Sprint("s", i))
	}
	m = append(m, Item{ID: "all", Price: usdm("15"), DerivableFrom: [][]string{all}})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CheckArbitrage(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOptimalReserve(b *testing.B) {
	d := exp2()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OptimalReserve(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOptimalVersions_3Types3Versions(b *testing.B) {
	types := []BuyerType{
		{Name: "A", Count: 40, Values: []assay.Money{usdm("100"), usdm("60"), usdm("40")}},
		{Name: "B", Count: 60, Values: []assay.Money{usdm("50"), usdm("40"), usdm("30")}},
		{Name: "C", Count: 100, Values: []assay.Money{usdm("30"), usdm("25"), usdm("20")}},
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OptimalVersions(ctx, types); err != nil {
			b.Fatal(err)
		}
	}
}
