package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// owenByOrders is the brute-force oracle of the Owen value: the mean marginal contribution,
// in exact rational arithmetic, over all n! orders of arrival in which every group's members
// arrive together (Owen 1977's definition).
func owenByOrders(g Game, groups [][]int) []float64 {
	of := make([]int, g.Players())
	for k, grp := range groups {
		for _, p := range grp {
			of[p] = k
		}
	}
	return oracleOrders(g, func(perm []int) bool {
		seen := map[int]bool{}
		for i, p := range perm {
			k := of[p]
			if i > 0 && of[perm[i-1]] != k && seen[k] {
				return false // group k arrived in two pieces
			}
			seen[k] = true
		}
		return true
	})
}

func TestOwen_EqualsBruteForceOverConsistentOrders(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 7))
	for _, groups := range [][][]int{
		{{0, 1}, {2}, {3, 4, 5}},
		{{5, 0, 3}, {1, 4, 2}},
		{{0, 1, 2, 3, 4, 5}},
		{{0}, {1}, {2}, {3}, {4}, {5}},
		{{2}, {0, 1, 3, 4}, {5}},
	} {
		g := randomTable(t, rng, 6)
		want := owenByOrders(g, groups)
		got, err := Owen(context.Background(), g, groups)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got, exactTol); d != "" {
			t.Errorf("groups %v (-brute force +Owen):\n%s", groups, d)
		}
	}
}

// TestOwen_GroupsSumToQuotientShapley checks Owen's quotient game property, and that the
// trivial structures give the Shapley value.
func TestOwen_GroupsSumToQuotientShapley(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 8))
	g := randomTable(t, rng, 7)
	groups := [][]int{{0, 6}, {1, 2, 3}, {4}, {5}}
	owen, err := Owen(ctx, g, groups)
	if err != nil {
		t.Fatal(err)
	}
	q, err := NewQuotientGame(g, groups)
	if err != nil {
		t.Fatal(err)
	}
	groupValue, err := Shapley(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for k, grp := range groups {
		var s float64
		for _, p := range grp {
			s += owen[p]
		}
		if math.Abs(s-groupValue[k]) > 1e-12 {
			t.Errorf("group %d: Owen values sum to %v, quotient Shapley %v", k, s, groupValue[k])
		}
	}
	shapley, err := Shapley(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	one, err := Owen(ctx, g, [][]int{allPlayers(7)})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(shapley, one, exactTol); d != "" {
		t.Errorf("one group (-Shapley +Owen):\n%s", d)
	}
}

func TestSampleOwen_WithinFourStdErrOfExactAnyWorkers(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 9))
	cov := incrementalGames(t, rng, 9)["coverage"]
	groups := [][]int{{0, 1, 2}, {3}, {4, 5, 6, 7}, {8}}
	exact, err := Owen(ctx, cov, groups)
	if err != nil {
		t.Fatal(err)
	}
	var first Estimate
	for i, opt := range []SampleOptions{{Seed: 1, MaxPermutations: 4000}, {Seed: 1, MaxPermutations: 4000, Workers: 4}} {
		est, err := SampleOwen(ctx, cov, groups, opt)
		if err != nil {
			t.Fatal(err)
		}
		withinStdErrs(t, exact, est, 4)
		if est.Method != "owen" {
			t.Errorf("Method = %q, want owen", est.Method)
		}
		if i == 0 {
			first = est
		} else if d := cmp.Diff(first, est); d != "" {
			t.Errorf("Workers 4 differs from Workers 1 (-1 +4):\n%s", d)
		}
	}
	anti, err := SampleOwen(ctx, cov, groups, SampleOptions{Seed: 2, MaxPermutations: 4000, Antithetic: true})
	if err != nil {
		t.Fatal(err)
	}
	withinStdErrs(t, exact, anti, 4)
}

func TestOwen_RejectsBadStructures(t *testing.T) {
	g, _ := NewAdditiveGame([]float64{1, 2, 3})
	for _, groups := range [][][]int{nil, {{0, 1}}, {{0, 1}, {1, 2}}, {{0, 1, 2}, {}}, {{0, 1, 3}}} {
		_, err1 := Owen(context.Background(), g, groups)
		_, err2 := SampleOwen(context.Background(), g, groups, SampleOptions{})
		_, err3 := NewQuotientGame(g, groups)
		for _, err := range []error{err1, err2, err3} {
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("groups %v: got %v, want ErrInvalidInput", groups, err)
			}
		}
	}
}

func ExampleOwen() {
	// Three sensors in two districts: sensors 0 and 1 cover the same street, sensor 2
	// covers another. Grouped by district {0, 1} and {2}, each district earns one street.
	g, _ := NewCoverageGame([][]int{{1}, {1}, {2}})
	owen, _ := Owen(context.Background(), g, [][]int{{0, 1}, {2}})
	fmt.Printf("%.2f\n", owen)
	// Output: [0.50 0.50 1.00]
}
