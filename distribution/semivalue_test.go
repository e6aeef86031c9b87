package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// exactBetaWeight returns B(s+β, n−1−s+α)/B(α, β) for integer α, β as an exact rational,
// using B(a, b) = (a−1)!(b−1)!/(a+b−1)! for positive integers.
func exactBetaWeight(alpha, beta int) func(n, s int) *big.Rat {
	b := func(x, y int) *big.Rat {
		num := new(big.Int).Mul(factorialBig(x-1), factorialBig(y-1))
		return new(big.Rat).SetFrac(num, factorialBig(x+y-1))
	}
	return func(n, s int) *big.Rat {
		return new(big.Rat).Quo(b(s+beta, n-1-s+alpha), b(alpha, beta))
	}
}

func TestBetaShapley_MatchesRationalOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for _, ab := range [][2]int{{1, 1}, {4, 1}, {16, 1}, {2, 3}} {
		for n := 1; n <= 6; n++ {
			g := randomTable(t, rng, n)
			t.Run(fmt.Sprintf("Beta(%d,%d)/n=%d", ab[0], ab[1], n), func(t *testing.T) {
				got, err := BetaShapley(context.Background(), g, float64(ab[0]), float64(ab[1]))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(oracleSemivalue(g, exactBetaWeight(ab[0], ab[1])), got, exactTol); diff != "" {
					t.Errorf("BetaShapley vs rational weights (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestSizeWeights_AreProbabilistic(t *testing.T) {
	// Σ_s C(n−1, s)·p[s] = 1: a semivalue's weights are a probability over the coalitions of
	// the others (Dubey, Neyman & Weber, "Value theory without efficiency", Math. Oper. Res.
	// 1981; pyDVL test_log_coefficients checks it to 1e-10).
	beta := func(n int) []float64 { p, _ := BetaShapleyWeights(n, 16, 1); return p }
	for name, weights := range map[string]func(int) []float64{"Shapley": ShapleyWeights, "Banzhaf": BanzhafWeights, "Beta(16,1)": beta} {
		for _, n := range []int{1, 2, 5, 25, 60, 61, 200, 1000} {
			p := weights(n)
			var s float64
			for k, w := range p {
				s += math.Exp(lgammaOf(float64(n)) - lgammaOf(float64(k+1)) - lgammaOf(float64(n-k)) + math.Log(w))
			}
			if math.Abs(s-1) > 1e-10 {
				t.Errorf("%s n=%d: Σ C(n−1,s)·p[s] = %.15g, want 1", name, n, s)
			}
		}
	}
}

func TestBetaShapley_OneOneIsShapleyAndFourOneIsNotEfficient(t *testing.T) {
	ctx := context.Background()
	glove, _ := NewGloveGame(1, 2)
	sh, _ := Shapley(ctx, glove)
	b11, _ := BetaShapley(ctx, glove, 1, 1)
	if diff := cmp.Diff(sh, b11, exactTol); diff != "" {
		t.Errorf("Beta(1,1) vs Shapley (-want +got):\n%s", diff)
	}
	// Beta Shapley is not efficient (Kwon & Zou, "Beta Shapley", AISTATS 2022, §3): Beta(4,1)
	// on the 3-player glove game sums to less than v(N) = 1.
	// By hand, n = 3, B(4,1) = 1/4: p[s] = 4·B(s+1, 6−s) = (2/3, 2/15, 1/15) for s = 0, 1, 2.
	// The left glove contributes 0, 1+1, 1 by size, each right glove 0, 1, 0, so
	// Beta(4,1) = (2·2/15 + 1/15, 2/15, 2/15) = (1/3, 2/15, 2/15), summing to 3/5.
	b41, _ := BetaShapley(ctx, glove, 4, 1)
	if diff := cmp.Diff([]float64{1.0 / 3, 2.0 / 15, 2.0 / 15}, b41, exactTol); diff != "" {
		t.Errorf("Beta(4,1) on the glove game (-want +got):\n%s", diff)
	}
}

func TestSemivalue_RejectsBadWeights(t *testing.T) {
	g, _ := NewGloveGame(1, 1)
	for _, p := range [][]float64{{1}, {1, -1}, {math.NaN(), 1}} {
		if _, err := Semivalue(context.Background(), g, p); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Semivalue(p=%v): error = %v, want ErrInvalidInput", p, err)
		}
	}
	for _, ab := range [][2]float64{{0, 1}, {1, -1}, {math.Inf(1), 1}, {1, math.NaN()}} {
		if _, err := BetaShapleyWeights(3, ab[0], ab[1]); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("BetaShapleyWeights(3, %v, %v): error = %v, want ErrInvalidInput", ab[0], ab[1], err)
		}
	}
}

func TestNormalizeValues(t *testing.T) {
	got, err := NormalizeValues([]float64{0.75, 0.25, 0.25}, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Normalised Banzhaf of the glove game: (3/4, 1/4, 1/4)/(5/4).
	if diff := cmp.Diff([]float64{0.6, 0.2, 0.2}, got, exactTol); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := NormalizeValues([]float64{1, -1}, 1); !errors.Is(err, ErrUndefined) {
		t.Errorf("values summing to 0: error = %v, want ErrUndefined", err)
	}
	if _, err := NormalizeValues([]float64{1, math.Inf(1)}, 1); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("infinite value: error = %v, want ErrInvalidInput", err)
	}
}

func ExampleBetaShapley() {
	// Beta(4,1) weights small coalitions more; on the glove game (one left, two right gloves)
	// it is not efficient: the values sum to 3/5, not v(N) = 1.
	g, _ := NewGloveGame(1, 2)
	phi, _ := BetaShapley(context.Background(), g, 4, 1)
	fmt.Printf("%.4f\n", phi)
	// Output: [0.3333 0.1333 0.1333]
}
