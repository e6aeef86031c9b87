package distribution

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// Issue 21: a total of exactly 2⁶³ minor units came back negative (an int64 wrap in the
// apportionment). These totals sit on the 64-bit edge; every expected share is a hand
// calculation from 2⁶³ = 9,223,372,036,854,775,808.

func TestAllocate_Int64Edge(t *testing.T) {
	w := func(xs ...int64) []decimal.Decimal {
		ds := make([]decimal.Decimal, len(xs))
		for i, x := range xs {
			ds[i] = decimal.NewFromInt(x)
		}
		return ds
	}
	tests := []struct {
		total   string
		weights []decimal.Decimal
		want    []string
	}{
		{"92233720368547758.08", w(1), []string{"92233720368547758.08"}},                            // 2⁶³ fen to one party
		{"-92233720368547758.08", w(1), []string{"-92233720368547758.08"}},                          // −2⁶³ fen
		{"92233720368547758.07", w(1, 0), []string{"92233720368547758.07", "0.00"}},                 // 2⁶³ − 1
		{"92233720368547758.08", w(1, 1), []string{"46116860184273879.04", "46116860184273879.04"}}, // 2⁶² each
		{"92233720368547758.08", w(3, 1), []string{"69175290276410818.56", "23058430092136939.52"}}, // 3·2⁶¹, 2⁶¹
		{"92233720368547758.09", w(1, 1), []string{"46116860184273879.05", "46116860184273879.04"}}, // (2⁶³+1)/2: the odd fen first
		{"184467440737095516.16", w(1), []string{"184467440737095516.16"}},                          // 2⁶⁴
	}
	for _, tt := range tests {
		total := assay.MustMoney(tt.total, "CNY")
		want := make([]assay.Money, len(tt.want))
		for i, s := range tt.want {
			want[i] = assay.MustMoney(s, "CNY")
		}
		got, err := Allocate(total, tt.weights)
		if err != nil {
			t.Fatalf("Allocate(%v, %v): %v", total, tt.weights, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Allocate(%v, %v) mismatch (-want +got):\n%s", total, tt.weights, diff)
		}
		got, err = AllocateBounded(total, tt.weights, make([]Bounds, len(tt.weights)))
		if err != nil {
			t.Fatalf("AllocateBounded(%v, %v): %v", total, tt.weights, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("AllocateBounded(%v, %v) mismatch (-want +got):\n%s", total, tt.weights, diff)
		}
		if len(tt.weights) == 1 {
			if got, err := Split(total, 1); err != nil || !got[0].Equal(want[0]) {
				t.Errorf("Split(%v, 1) = %v, %v", total, got, err)
			}
			if got, err := ToMoney([]float64{0.5}, total); err != nil || !got[0].Equal(want[0]) {
				t.Errorf("ToMoney(0.5, %v) = %v, %v", total, got, err)
			}
		}
	}
	// JPY has no minor digits: 2⁶³ yen, split 2 ways by Split.
	got, err := Split(assay.MustMoney("9223372036854775808", "JPY"), 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]assay.Money{assay.MustMoney("4611686018427387904", "JPY"), assay.MustMoney("4611686018427387904", "JPY")}, got); diff != "" {
		t.Errorf("Split(2⁶³ JPY, 2) mismatch (-want +got):\n%s", diff)
	}
	if got, err := Split(assay.MoneyFromMinor(math.MinInt64, assay.MustCurrency("JPY")), 1); err != nil || got[0].String() != "-9223372036854775808 JPY" {
		t.Errorf("Split(−2⁶³ JPY, 1) = %v, %v", got, err)
	}
}

// TestWaterfall_Int64Edge is issue 21's report: a one-recipient JSON waterfall paid
// −92,233,720,368,547,758.08 CNY out of an income of +2⁶³ fen.
func TestWaterfall_Int64Edge(t *testing.T) {
	w, err := ParseWaterfall([]byte(`{"tiers":[{"name":"all","kind":"residual","recipients":[{"name":"a"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	income := assay.MustMoney("92233720368547758.08", "CNY")
	res, err := w.Apply(income)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Payees) != 1 || !res.Payees[0].Amount.Equal(income) || !res.Remainder.IsZero() {
		t.Fatalf("Apply(%v) = payees %v, remainder %v; want all of it to a", income, res.Payees, res.Remainder)
	}
}

// FuzzAllocateInt64Edge splits totals within 2¹⁶ minor units of ±2⁶³ (either side of the
// int64 range) among up to eight weights, and checks against the big.Rat quota: the parts
// sum exactly to the total, each is within one minor unit of its quota, and zero weights get
// zero.
func FuzzAllocateInt64Edge(f *testing.F) {
	f.Add(int32(0), false, uint64(1), uint64(0), uint64(0))
	f.Add(int32(0), true, uint64(1), uint64(1), uint64(0))
	f.Add(int32(-1), false, uint64(3), uint64(1), uint64(0))
	f.Add(int32(1), true, uint64(math.MaxUint64), uint64(1), uint64(7))
	f.Fuzz(func(t *testing.T, offset int32, neg bool, w0, w1, w2 uint64) {
		units := new(big.Int).Lsh(big.NewInt(1), 63)
		units.Add(units, big.NewInt(int64(offset>>15))) // within ±2¹⁶
		if neg {
			units.Neg(units)
		}
		total := assay.MoneyOf(decimal.NewFromBigInt(units, -2), assay.MustCurrency("CNY"))
		weights := []decimal.Decimal{decimal.NewFromUint64(w0), decimal.NewFromUint64(w1), decimal.NewFromUint64(w2)}
		if w0|w1|w2 == 0 {
			return
		}
		parts, err := Allocate(total, weights)
		if err != nil {
			t.Fatalf("Allocate(%v, %v): %v", total, weights, err)
		}
		wsum := new(big.Rat)
		for _, w := range weights {
			wsum.Add(wsum, w.Rat())
		}
		sum := new(big.Rat)
		for i, p := range parts {
			got := p.Amount().Shift(2).Rat()
			sum.Add(sum, got)
			quota := new(big.Rat).Quo(new(big.Rat).Mul(new(big.Rat).SetInt(units), weights[i].Rat()), wsum)
			if gap := new(big.Rat).Sub(quota, got); gap.Abs(gap).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("Allocate(%v, %v)[%d] = %v, quota %s fen", total, weights, i, p, quota.FloatString(3))
			}
			if weights[i].IsZero() && !p.IsZero() {
				t.Fatalf("zero weight %d got %v", i, p)
			}
		}
		if sum.Cmp(new(big.Rat).SetInt(units)) != 0 {
			t.Fatalf("Allocate(%v, %v) = %v sums to %s fen", total, weights, parts, sum.RatString())
		}
	})
}

// TestAllocate_HostileExponent: a total built in code with an exponent of −2·10⁹ is rejected
// by its exponent, without writing out its two billion digits.
func TestAllocate_HostileExponent(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.New(7, -2_000_000_000), decimal.New(7, 2_000_000_000)} {
		total := assay.MoneyOf(d, assay.MustCurrency("CNY"))
		_, err := Allocate(total, []decimal.Decimal{decimal.NewFromInt(1)})
		var ie *InputError
		if !errors.As(err, &ie) || ie.Value != "7e"+strconv.Itoa(int(d.Exponent())) {
			t.Errorf("Allocate(7e%d) error = %v, want an *InputError naming 7e%d", d.Exponent(), err, d.Exponent())
		}
	}
}
