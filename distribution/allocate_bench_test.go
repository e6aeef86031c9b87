package distribution

import (
	"cmp"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// allocReferenceInt64 is the yardstick of issue #8: the same largest-remainder split done in
// plain int64 minor units with 128-bit products (t ≥ 0, weights ≥ 0 with a sum that fits in
// uint64), the leftover units handed out after sorting the indices by remainder (ties by index). Allocate
// must stay within 2× of it on a 1,000-way split.
func allocReferenceInt64(t int64, weights []int64) []int64 {
	var sum uint64
	for _, w := range weights {
		sum += uint64(w)
	}
	shares := make([]int64, len(weights))
	rems := make([]uint64, len(weights))
	order := make([]int, len(weights))
	var given int64
	for i, w := range weights {
		hi, lo := bits.Mul64(uint64(t), uint64(w))
		q, r := bits.Div64(hi, lo, sum)
		shares[i], rems[i], order[i] = int64(q), r, i
		given += int64(q)
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(rems[b], rems[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for _, i := range order[:t-given] {
		shares[i]++
	}
	return shares
}

// allocBenchInput returns n random integer weights (as int64 and as decimals) and a total of
// about 10^12 fen.
func allocBenchInput(n int) (assay.Money, int64, []int64, []decimal.Decimal) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	ints := make([]int64, n)
	decs := make([]decimal.Decimal, n)
	for i := range ints {
		ints[i] = 1 + rng.Int64N(1_000_000)
		decs[i] = decimal.New(ints[i], 0)
	}
	const units = 123_456_789_012_34
	return assay.MoneyFromMinor(units, assay.MustCurrency("CNY")), units, ints, decs
}

// BenchmarkAllocate1000 and BenchmarkAllocateReference1000 run in one invocation so that their
// ratio (target ≤ 2) is measured under the same load.
func BenchmarkAllocate1000(b *testing.B) {
	total, _, _, weights := allocBenchInput(1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Allocate(total, weights); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllocateReference1000(b *testing.B) {
	_, units, weights, _ := allocBenchInput(1000)
	b.ReportAllocs()
	for b.Loop() {
		allocReferenceInt64(units, weights)
	}
}

// BenchmarkAllocate1e6 has a target of 200 ms per 1,000,000-way split.
func BenchmarkAllocate1e6(b *testing.B) {
	total, _, _, weights := allocBenchInput(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Allocate(total, weights); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplit1000(b *testing.B) {
	total := assay.MustMoney("1000000.01", "CNY")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Split(total, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllocate3 is the everyday split: a fee among three parties.
func BenchmarkAllocate3(b *testing.B) {
	total := assay.MustMoney("1234.56", "CNY")
	weights := []decimal.Decimal{decimal.RequireFromString("0.5"), decimal.RequireFromString("0.3"), decimal.RequireFromString("0.2")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Allocate(total, weights); err != nil {
			b.Fatal(err)
		}
	}
}
