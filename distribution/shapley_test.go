package distribution

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestShapley_KnownGames(t *testing.T) {
	glove, _ := NewGloveGame(1, 2)
	add, _ := NewAdditiveGame([]float64{3, -1, 0.5, 7})
	two, _ := NewTableGame([]float64{0, 10, 20, 40})
	tests := []struct {
		name   string
		game   Game
		want   []float64
		source string
	}{
		{"two players", two, []float64{15, 25}, "by hand from Shapley 1953: φ_A = ½[(10−0)+(40−20)]"},
		{"glove 1 left 2 right", glove, []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}, "textbook glove game; by hand over 6 orders: left glove pivotal in 4"},
		{"additive", add, []float64{3, -1, 0.5, 7}, "additive game: φ = a (pyDVL analytic check)"},
		{"additive via Value", sliceGame{add}, []float64{3, -1, 0.5, 7}, "as above, through Game.Value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Shapley(context.Background(), tt.game)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, exactTol); diff != "" {
				t.Errorf("Shapley (%s) (-want +got):\n%s", tt.source, diff)
			}
		})
	}
}

func TestShapley_MatchesPermutationOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 9))
	for n := 1; n <= 6; n++ {
		for trial := range 3 {
			g := randomTable(t, rng, n)
			for _, game := range []Game{g, sliceGame{g}} {
				t.Run(fmt.Sprintf("n=%d/trial=%d/%T", n, trial, game), func(t *testing.T) {
					got, err := Shapley(context.Background(), game)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(oracleShapleyPermutations(g), got, exactTol); diff != "" {
						t.Errorf("Shapley vs n! orders (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

func TestShapley_IsEfficient(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 9))
	for n := 1; n <= 14; n++ {
		g := randomTable(t, rng, n)
		phi, err := Shapley(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		var s float64
		for _, x := range phi {
			s += x
		}
		total := g.ValueMask(1<<uint(n)-1) - g.ValueMask(0)
		if math.Abs(s-total) > 1e-9 {
			t.Errorf("n=%d: Σφ = %.15g, want v(N) − v(∅) = %.15g", n, s, total)
		}
	}
}

func BenchmarkShapley_Table20(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 9))
	g := randomTable(b, rng, 20)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Shapley(ctx, g); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleShapley() {
	// Two data holders: alone their data earn 10 and 20; pooled, 40.
	g, _ := NewTableGame([]float64{0, 10, 20, 40})
	phi, _ := Shapley(context.Background(), g)
	fmt.Println(phi)
	// Output: [15 25]
}

func TestShapley_Axioms(t *testing.T) {
	// Shapley's axioms on random games: additivity, symmetry and the null player.
	rng := rand.New(rand.NewPCG(22, 9))
	ctx := context.Background()
	for n := 2; n <= 8; n++ {
		a, b := randomTable(t, rng, n), randomTable(t, rng, n)
		sumVals := a.Values()
		for m, x := range b.Values() {
			sumVals[m] += x
		}
		sum, _ := NewTableGame(sumVals)
		pa, _ := Shapley(ctx, a)
		pb, _ := Shapley(ctx, b)
		ps, _ := Shapley(ctx, sum)
		for i := range pa {
			pa[i] += pb[i]
		}
		if diff := cmp.Diff(pa, ps, exactTol); diff != "" {
			t.Errorf("n=%d: φ(v+w) vs φ(v)+φ(w) (-want +got):\n%s", n, diff)
		}

		// Make player 0 null (v(S ∪ {0}) = v(S)) and players 1 and 2 interchangeable.
		vals := a.Values()
		for m := range vals {
			if m&1 != 0 {
				vals[m] = vals[m&^1]
			}
		}
		if n >= 3 {
			for m := range vals {
				if swapped := m&^6 | (m>>1&1)<<2 | (m>>2&1)<<1; m&6 == 2 {
					vals[swapped] = vals[m]
				}
			}
		}
		g, _ := NewTableGame(vals)
		phi, _ := Shapley(ctx, g)
		if phi[0] != 0 {
			t.Errorf("n=%d: null player gets %v, want 0", n, phi[0])
		}
		if n >= 3 {
			if diff := cmp.Diff(phi[1], phi[2], exactTol); diff != "" {
				t.Errorf("n=%d: symmetric players (-1 +2):\n%s", n, diff)
			}
		}
	}
}
