package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// substitutes is the replication example: any non-empty coalition of sellers yields the
// product (v = 1), so sellers are perfect substitutes.
func substitutes(n int) Game {
	return funcGame{n: n, f: func(m uint64) float64 { return indicator(m != 0) }}
}

func TestReplicationRobust_DuplicationDoesNotPay(t *testing.T) {
	ctx := context.Background()
	// Sellers A and B with orthogonal features; then A enters a copy of its data, A'.
	before, _ := Shapley(ctx, substitutes(2))
	after, _ := Shapley(ctx, substitutes(3)) // players A, A', B
	// Plain Shapley, by hand: A alone gets ½; A + A' get ⅔ > ½ — the replication gain of
	// Agarwal, Dahleh & Sarkar, "A marketplace for data", EC 2019, §4.
	if diff := cmp.Diff([]float64{0.5, 2.0 / 3}, []float64{before[0], after[0] + after[1]}, exactTol); diff != "" {
		t.Errorf("plain Shapley shares of A before and after duplication (-want +got):\n%s", diff)
	}
	features := [][]float64{{1, 0}, {1, 0}, {0, 1}} // A, A', B
	sim, err := CosineSimilarity(features)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}, sim); diff != "" {
		t.Errorf("similarities (-want +got):\n%s", diff)
	}
	// λ = ln 4: each copy is worth ⅓·¼ = 1/12, B keeps ⅓ (by hand).
	robust, err := ReplicationRobust(after, sim, math.Log(4))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{1.0 / 12, 1.0 / 12, 1.0 / 3}, robust, exactTol); diff != "" {
		t.Errorf("penalised values (-want +got):\n%s", diff)
	}
	// Renormalised to the revenue, A's copies share (1/6)/(1/6 + 1/3) = ⅓ ≤ ½.
	norm, _ := NormalizeValues(robust, 1)
	if got := norm[0] + norm[1]; got > 0.5 {
		t.Errorf("A's renormalised share after duplicating = %v > ½", got)
	}
	if diff := cmp.Diff(1.0/3, norm[0]+norm[1], exactTol); diff != "" {
		t.Errorf("A's renormalised share (-want +got):\n%s", diff)
	}
}

func TestReplicationRobust_RejectsBadInput(t *testing.T) {
	ok := [][]float64{{1, 0}, {0, 1}}
	for _, tc := range []struct {
		values []float64
		sim    [][]float64
		lambda float64
	}{
		{[]float64{1, 1}, ok, -1},
		{[]float64{1, 1}, ok, math.Inf(1)},
		{[]float64{1}, ok, 1},
		{[]float64{1, math.NaN()}, ok, 1},
		{[]float64{1, 1}, [][]float64{{1, 2}, {0, 1}}, 1},
		{[]float64{1, 1}, [][]float64{{1}, {0, 1}}, 1},
	} {
		if _, err := ReplicationRobust(tc.values, tc.sim, tc.lambda); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("ReplicationRobust(%v, %v, %v): error = %v, want ErrInvalidInput", tc.values, tc.sim, tc.lambda, err)
		}
	}
	if _, err := CosineSimilarity([][]float64{{1, 0}, {1}}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("ragged features: error = %v, want ErrInvalidInput", err)
	}
}

func ExampleReplicationRobust() {
	// Sellers A and B of substitutable data; A enters a copy of its data as A'. Plain Shapley
	// pays the three equally, so A's copies take 2/3. Penalised by their similarity (λ = ln 4),
	// A's copies are worth 1/12 each and B keeps 1/3.
	shapley := []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}
	sim, _ := CosineSimilarity([][]float64{{1, 0}, {1, 0}, {0, 1}})
	robust, _ := ReplicationRobust(shapley, sim, math.Log(4))
	fmt.Printf("%.4f\n", robust)
	// Output: [0.0833 0.0833 0.3333]
}
