package distribution

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rawBanzhafWeight is 1/2^(n−1) exactly.
func rawBanzhafWeight(n, _ int) *big.Rat { return new(big.Rat).SetFrac64(1, 1<<uint(n-1)) }

func TestBanzhaf_KnownGames(t *testing.T) {
	glove, _ := NewGloveGame(1, 2)
	add, _ := NewAdditiveGame([]float64{3, -1, 0.5, 7})
	two, _ := NewTableGame([]float64{0, 10, 20, 40})
	tests := []struct {
		name   string
		game   Game
		want   []float64
		source string
	}{
		{"two players", two, []float64{15, 25}, "by hand: β_A = ½[(10−0)+(40−20)], equal to Shapley for n = 2"},
		{"glove 1 left 2 right", glove, []float64{3.0 / 4, 1.0 / 4, 1.0 / 4}, "by hand: left pivotal in 3 of 4 coalitions of the others; each right glove in 1 ({left})"},
		{"additive", add, []float64{3, -1, 0.5, 7}, "additive game: raw Banzhaf = a (pyDVL analytic check)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Banzhaf(context.Background(), tt.game)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, exactTol); diff != "" {
				t.Errorf("Banzhaf (%s) (-want +got):\n%s", tt.source, diff)
			}
		})
	}
}

func TestBanzhaf_MatchesSubsetOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 9))
	for n := 1; n <= 7; n++ {
		g := randomTable(t, rng, n)
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			got, err := Banzhaf(context.Background(), sliceGame{g})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(oracleSemivalue(g, rawBanzhafWeight), got, exactTol); diff != "" {
				t.Errorf("Banzhaf vs subset enumeration (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkBanzhaf_Table20(b *testing.B) {
	g := randomTable(b, rand.New(rand.NewPCG(3, 9)), 20)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Banzhaf(ctx, g); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleBanzhaf() {
	// Glove game: one left glove (player 0) and two right gloves; a pair is worth 1.
	g, _ := NewGloveGame(1, 2)
	beta, _ := Banzhaf(context.Background(), g)
	fmt.Println(beta)
	norm, _ := NormalizeValues(beta, 1)
	fmt.Printf("%.4f\n", norm)
	// Output:
	// [0.75 0.25 0.25]
	// [0.6000 0.2000 0.2000]
}
