package distribution

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAirportGame_Shapley(t *testing.T) {
	// By hand with the Littlechild–Owen formula, costs sorted 1 ≤ 2 ≤ 3:
	// 1/3; 1/3 + 1/2 = 5/6; 5/6 + 1/1 = 11/6 (sum 3 = max cost). Ties share a level equally.
	tests := []struct {
		costs []float64
		want  []float64
	}{
		{[]float64{3, 1, 2}, []float64{11.0 / 6, 1.0 / 3, 5.0 / 6}},
		{[]float64{4, 4}, []float64{2, 2}},
		{[]float64{0, 6, 6, 3}, []float64{0, 1 + 1.5, 1 + 1.5, 1}},
	}
	for _, tt := range tests {
		g, err := NewAirportGame(tt.costs)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, g.Shapley(), exactTol); diff != "" {
			t.Errorf("costs %v (-want +got):\n%s", tt.costs, diff)
		}
	}
}

func TestAirportGame_ClosedFormMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 9))
	for trial := range 8 {
		costs := make([]float64, 1+rng.IntN(6))
		for i := range costs {
			costs[i] = float64(rng.IntN(5)) // repeated costs exercise ties
		}
		g, _ := NewAirportGame(costs)
		t.Run(fmt.Sprint(trial), func(t *testing.T) {
			if diff := cmp.Diff(oracleShapleyPermutations(sliceGame{g}), g.Shapley(), exactTol); diff != "" {
				t.Errorf("costs %v: closed form vs n! orders (-want +got):\n%s", costs, diff)
			}
			exact, _ := Shapley(context.Background(), g)
			if diff := cmp.Diff(exact, g.Shapley(), exactTol); diff != "" {
				t.Errorf("costs %v: closed form vs enumeration (-want +got):\n%s", costs, diff)
			}
		})
	}
	if _, err := NewAirportGame([]float64{1, -1}); err == nil {
		t.Error("NewAirportGame accepted a negative cost")
	}
}

func ExampleAirportGame_Shapley() {
	// Three holders need storage of 1, 2 and 3 TB; a 3 TB tier serves all of them.
	g, _ := NewAirportGame([]float64{1, 2, 3})
	fmt.Printf("%.4f\n", g.Shapley())
	// Output: [0.3333 0.8333 1.8333]
}
