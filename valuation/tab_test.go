package valuation

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestRateBuildUp_Rate(t *testing.T) {
	tests := []struct {
		name string
		b    RateBuildUp
		want float64
	}{
		// 2.5 % + 2 % + 2.5 % + 2 % + 1.5 % = 10.5 % exactly; float64 addition gives 0.10500000000000001.
		{"CAS premiums", RateBuildUp{RiskFree: 0.025, Management: 0.02, Circulation: 0.025, Security: 0.02, Regulatory: 0.015}, 0.105},
		// 0.1 + 0.2 = 0.3 as decimals; float64 addition gives 0.30000000000000004.
		{"tenths", RateBuildUp{RiskFree: 0.1, Other: 0.2}, 0.3},
		{"zero", RateBuildUp{}, 0},
		// 3 % − 1 % = 2 %: a negative premium (a discount) subtracts exactly.
		{"negative premium", RateBuildUp{RiskFree: 0.03, Other: -0.01}, 0.02},
		// Integers above 10 have positive decimal exponents: 100 + 0.5 = 100.5.
		{"whole numbers", RateBuildUp{RiskFree: 100, Other: 0.5}, 100.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.b.Rate()); diff != "" {
				t.Errorf("Rate() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// decimalSum is the oracle of shortestSum: the exact sum of the terms' shortest decimals in
// shopspring arithmetic, rounded once to float64.
func decimalSum(terms []float64) float64 {
	var sum decimal.Decimal
	for _, v := range terms {
		sum = sum.Add(decimal.NewFromFloat(v))
	}
	return sum.InexactFloat64()
}

// TestShortestSum_MatchesDecimals checks the int64 fast path against decimal arithmetic on
// rates of every magnitude the build-up sees, on values that leave the fast path, and on
// random floats; where the fast path declines, Rate's decimal path is the oracle itself.
func TestShortestSum_MatchesDecimals(t *testing.T) {
	cases := [][]float64{
		{0.025, 0.02, 0.02, 0.015, 0.01},
		{1e-22, 1},            // exponent −22: the edge of the fast path
		{1e-23, 1},            // beyond it
		{1 << 53, 1},          // coefficient above 2^53
		{0.1, 0.2, -0.3},      // exact zero
		{123456789.125, 1e-9}, // 17 significant digits at a common exponent
		{1e300, 1},
		{-0.07, 0.5e-3, 3},
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 2000 {
		n := 1 + rng.IntN(6)
		terms := make([]float64, n)
		for i := range terms {
			switch rng.IntN(3) {
			case 0: // a rate in basis points
				terms[i] = float64(rng.IntN(2001)-1000) / 10000
			case 1: // any float of moderate magnitude
				terms[i] = (rng.Float64() - 0.5) * math.Pow10(rng.IntN(12)-6)
			default: // a short decimal
				terms[i] = float64(rng.IntN(1000)) / math.Pow10(rng.IntN(8))
			}
		}
		cases = append(cases, terms)
	}
	var fast int
	for _, terms := range cases {
		got, ok := shortestSum(terms)
		if !ok {
			continue
		}
		fast++
		if want := decimalSum(terms); got != want {
			t.Errorf("shortestSum(%v) = %v, want %v (exact decimal sum)", terms, got, want)
		}
	}
	// The fast path must serve ordinary rates, or it is dead code; random 17-digit floats
	// at mixed magnitudes often leave it.
	if _, ok := shortestSum(cases[0]); !ok || fast < len(cases)/4 {
		t.Errorf("fast path taken for %d of %d cases, and for the CAS premiums: %v", fast, len(cases), ok)
	}
	for _, terms := range [][]float64{{1e-23, 1}, {1 << 53, 1}, {1e300, 1}, {math.NaN()}} {
		if _, ok := shortestSum(terms); ok {
			t.Errorf("shortestSum(%v) took the fast path, want the decimal fallback", terms)
		}
	}
}

// TestShortestProduct_MatchesDecimals checks shortestDecimal and shortestProduct coefficient
// and exponent alike against the decimal arithmetic they replace: decimal.NewFromFloat for
// one value, a chain of Mul from 1 for a product, including products beyond int64.
func TestShortestProduct_MatchesDecimals(t *testing.T) {
	type digits struct {
		Coef string
		Exp  int32
	}
	of := func(d decimal.Decimal) digits { return digits{d.Coefficient().String(), d.Exponent()} }
	cases := [][]float64{
		{},                // 1
		{1.05, 1.02, 0.9}, // a comparable's factors: 1.05 × 1.02 × 0.9 = 0.96390
		{1.1, 0.98},
		{-0.5, 3, 1e300},
		{123456789.12345678, 987654321.98765432, 3.3333333333333335}, // beyond int64
		{5e-324, 2},
		{1000000, 0.001},
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 1000 {
		f := make([]float64, rng.IntN(6))
		for i := range f {
			f[i] = (rng.Float64() + 0.01) * math.Pow10(rng.IntN(9)-4)
			if rng.IntN(4) == 0 {
				f[i] = float64(rng.IntN(400)) / 100
			}
		}
		cases = append(cases, f)
	}
	for _, factors := range cases {
		want := decimal.NewFromInt(1)
		for _, f := range factors {
			want = want.Mul(decimal.NewFromFloat(f))
			if m, e := shortestDecimal(f); m != decimal.NewFromFloat(f).CoefficientInt64() || int32(e) != decimal.NewFromFloat(f).Exponent() {
				t.Errorf("shortestDecimal(%v) = %d×10^%d, want %v", f, m, e, decimal.NewFromFloat(f))
			}
		}
		if diff := cmp.Diff(of(want), of(shortestProduct(factors))); diff != "" {
			t.Errorf("shortestProduct(%v) mismatch (-want +got):\n%s", factors, diff)
		}
	}
}
