package distribution

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// moneyStrings renders amounts for comparison ("37.50 CNY").
func moneyStrings(ms []assay.Money) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}

func TestToMoney(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		total  string
		want   []string
		source string
	}{
		{"Shapley of the two-player example", []float64{15, 25}, "100.00", []string{"37.50 CNY", "62.50 CNY"}, "15/40 and 25/40 of 100.00"},
		{"equal values", []float64{1, 1, 1}, "100.00", []string{"33.34 CNY", "33.33 CNY", "33.33 CNY"}, "Fowler's $100 over (1,1,1); the extra cent to the lower index"},
		{"negative value paid nothing", []float64{5.0 / 6, -1.0 / 6, 1.0 / 3}, "100.00", []string{"71.43 CNY", "0.00 CNY", "28.57 CNY"},
			"KNN-Shapley example: weights 5/6 and 1/3 → 5/7 = 71.428…, 2/7 = 28.571…; the leftover cent to the larger remainder .857"},
		{"thirds as float64", []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}, "1000.00", []string{"666.66 CNY", "166.67 CNY", "166.67 CNY"},
			"the weights are 0.6666666666666666 and 0.16666666666666666 (shortest decimals), summing to " +
				"0.99999999999999992; quota fractions .666666666666665 < .666666666666668, so the two leftover " +
				"cents go to players 1 and 2: float rounding, not a tie, decides"},
		{"values already summing to total", []float64{1200.25, 799.75}, "2000.00", []string{"1200.25 CNY", "799.75 CNY"}, "paid themselves"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToMoney(tt.values, assay.MustMoney(tt.total, "CNY"))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, moneyStrings(got)); diff != "" {
				t.Errorf("ToMoney (%s) (-want +got):\n%s", tt.source, diff)
			}
		})
	}
}

func TestToMoney_ConservesTotal(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 9))
	for trial := range 200 {
		values := make([]float64, 1+rng.IntN(12))
		for i := range values {
			values[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-6))
		}
		values[0] = math.Abs(values[0]) + 1e-9
		total := assay.MoneyFromMinor(rng.Int64N(1e12), assay.MustCurrency("HKD"))
		parts, err := ToMoney(values, total)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		sum, _ := assay.Sum(parts...)
		if !sum.Equal(total) {
			t.Fatalf("trial %d: parts sum to %s, want %s", trial, sum, total)
		}
		for i, v := range values {
			if v <= 0 && !parts[i].IsZero() {
				t.Fatalf("trial %d: value %v ≤ 0 was paid %s", trial, v, parts[i])
			}
		}
	}
}

func TestToMoney_Errors(t *testing.T) {
	total := assay.MustMoney("10.00", "CNY")
	for _, values := range [][]float64{nil, {math.NaN()}, {1, math.Inf(1)}} {
		if _, err := ToMoney(values, total); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("ToMoney(%v): error = %v, want ErrInvalidInput", values, err)
		}
	}
	if _, err := ToMoney([]float64{0, -1}, total); !errors.Is(err, ErrUndefined) {
		t.Errorf("no positive value: error = %v, want ErrUndefined", err)
	}
}

func ExampleToMoney() {
	// Normalised values of three data holders, then 999.99 CNY of revenue split exactly: the
	// quotas 519.9948, 309.9969 and 169.9983 are floored and the two leftover cents go to
	// the largest remainders (.83 and .69).
	parts, _ := ToMoney([]float64{0.52, 0.31, 0.17}, assay.MustMoney("999.99", "CNY"))
	fmt.Println(parts)
	// Output: [519.99 CNY 310.00 CNY 170.00 CNY]
}
