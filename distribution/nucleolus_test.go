package distribution

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bankruptcyGame is v(S) = max(0, E − Σ_{j∉S} d_j) (O'Neill 1982).
func bankruptcyGame(t testing.TB, estate float64, claims ...float64) *TableGame {
	t.Helper()
	n := len(claims)
	v := make([]float64, 1<<uint(n))
	for m := range v {
		rest := 0.0
		for j, d := range claims {
			if m&(1<<uint(j)) == 0 {
				rest += d
			}
		}
		v[m] = max(0, estate-rest)
	}
	g, err := NewTableGame(v)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestNucleolus_ContestedGarment(t *testing.T) {
	// Reference sheet §7 example 4 (Aumann & Maschler 1985): the Talmud's division of an estate
	// among claims 100, 200, 300 is the nucleolus of the bankruptcy game.
	tests := []struct {
		estate float64
		want   []float64
	}{
		{100, []float64{100.0 / 3, 100.0 / 3, 100.0 / 3}},
		{200, []float64{50, 75, 75}},
		{300, []float64{50, 100, 150}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.estate), func(t *testing.T) {
			g := bankruptcyGame(t, tt.estate, 100, 200, 300)
			got, err := Nucleolus(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, lpTol); diff != "" {
				t.Errorf("Nucleolus (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLeastCore_ContestedGarment300(t *testing.T) {
	// Reference sheet §7 example 4: at E = 300 the least core is the segment from (50, 50, 200)
	// to (50, 150, 100) with e* = −50; the point returned is the prenucleolus, its midpoint.
	g := bankruptcyGame(t, 300, 100, 200, 300)
	x, eps, err := LeastCore(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{50, 100, 150}, x, lpTol); diff != "" {
		t.Errorf("LeastCore point (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(-50.0, eps, lpTol); diff != "" {
		t.Errorf("LeastCore ε (-want +got):\n%s", diff)
	}
}

func TestLeastCore_KnownGames(t *testing.T) {
	glove, _ := NewGloveGame(1, 2)
	// Three-player majority game: any two players win 1. By hand: x = (⅓, ⅓, ⅓) gives every
	// pair x(S) = ⅔ = 1 − ⅓, so ε = ⅓; the core is empty.
	majority, _ := NewTableGame([]float64{0, 0, 0, 1, 0, 1, 1, 1})
	tests := []struct {
		name  string
		game  Game
		x     []float64
		eps   float64
		noIR  bool
		notes string
	}{
		{"glove 1 left 2 right", glove, []float64{1, 0, 0}, 0, false, "core = {(1, 0, 0)}: the left glove takes all"},
		{"majority", majority, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, 1.0 / 3, false, "symmetric, empty core"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, eps, err := LeastCore(context.Background(), tt.game)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.x, x, lpTol); diff != "" {
				t.Errorf("x (%s) (-want +got):\n%s", tt.notes, diff)
			}
			if diff := cmp.Diff(tt.eps, eps, lpTol); diff != "" {
				t.Errorf("ε (%s) (-want +got):\n%s", tt.notes, diff)
			}
			nu, err := Nucleolus(context.Background(), tt.game)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.x, nu, lpTol); diff != "" {
				t.Errorf("Nucleolus (-want +got):\n%s", diff)
			}
		})
	}
}

// oracleNucleolusGrid finds the nucleolus of a 3-player game with integer worths by brute
// force: it scans every imputation on the grid of step 1/60 (the nucleolus of a 3-player
// integer game solves 0/1 linear systems of small determinant, so it lies on that grid) and
// keeps the one whose excesses, sorted decreasingly, are lexicographically smallest. All
// arithmetic is in integers scaled by 60.
func oracleNucleolusGrid(v [8]int) []float64 {
	const q = 60
	var best []int
	var bestX [3]int
	lo := [3]int{v[1] * q, v[2] * q, v[4] * q}
	total := v[7] * q
	for a := lo[0]; a <= total-lo[1]-lo[2]; a++ {
		for b := lo[1]; a+b <= total-lo[2]; b++ {
			x := [3]int{a, b, total - a - b}
			ex := make([]int, 0, 6)
			for s := 1; s < 7; s++ {
				xs := 0
				for i := range 3 {
					if s&(1<<i) != 0 {
						xs += x[i]
					}
				}
				ex = append(ex, v[s]*q-xs)
			}
			slices.Sort(ex)
			slices.Reverse(ex)
			if best == nil || slices.Compare(ex, best) < 0 {
				best, bestX = ex, x
			}
		}
	}
	return []float64{float64(bestX[0]) / q, float64(bestX[1]) / q, float64(bestX[2]) / q}
}

func TestNucleolus_MatchesGridOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 9))
	for trial := range 25 {
		var v [8]int
		for s := 1; s < 8; s++ {
			v[s] = rng.IntN(7)
		}
		v[7] = max(v[7], v[1]+v[2]+v[4]) + rng.IntN(3) // a non-empty imputation set
		vals := make([]float64, 8)
		for i, x := range v {
			vals[i] = float64(x)
		}
		g, _ := NewTableGame(vals)
		t.Run(fmt.Sprintf("%d:%v", trial, v), func(t *testing.T) {
			got, err := Nucleolus(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(oracleNucleolusGrid(v), got, lpTol); diff != "" {
				t.Errorf("Nucleolus vs grid search (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNucleolus_PropertiesOnRandomGames(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 9))
	for n := 2; n <= 7; n++ {
		g := randomTable(t, rng, n)
		vals := g.Values()
		x, eps, err := LeastCore(context.Background(), g)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		// Efficiency and the least-core constraints.
		var sum float64
		for _, xi := range x {
			sum += xi
		}
		all := len(vals) - 1
		if diff := cmp.Diff(vals[all]-vals[0], sum, lpTol); diff != "" {
			t.Errorf("n=%d: Σx (-want +got):\n%s", n, diff)
		}
		worst := -1e300
		for s := 1; s < all; s++ {
			xs := 0.0
			for i := range n {
				if s&(1<<i) != 0 {
					xs += x[i]
				}
			}
			worst = max(worst, vals[s]-vals[0]-xs)
		}
		// ε is the largest excess at the least-core point.
		if diff := cmp.Diff(eps, worst, lpTol); diff != "" {
			t.Errorf("n=%d: largest excess vs ε (-want +got):\n%s", n, diff)
		}
		// Symmetry: relabelling the players relabels the prenucleolus.
		perm := rng.Perm(n)
		pv := make([]float64, len(vals))
		for s := range vals {
			t := 0
			for i := range n {
				if s&(1<<i) != 0 {
					t |= 1 << perm[i]
				}
			}
			pv[t] = vals[s]
		}
		pg, _ := NewTableGame(pv)
		px, _, err := LeastCore(context.Background(), pg)
		if err != nil {
			t.Fatal(err)
		}
		relabelled := make([]float64, n)
		for i := range n {
			relabelled[i] = px[perm[i]]
		}
		if diff := cmp.Diff(x, relabelled, lpTol); diff != "" {
			t.Errorf("n=%d: prenucleolus of the relabelled game (-want +got):\n%s", n, diff)
		}
	}
}

func TestNucleolus_Errors(t *testing.T) {
	// Σ v({i}) = 3 > v(N) = 2: no imputation.
	g, _ := NewTableGame([]float64{0, 1, 1, 2, 1, 2, 2, 2})
	if _, err := Nucleolus(context.Background(), g); !errors.Is(err, ErrInfeasible) {
		t.Errorf("empty imputation set: error = %v, want ErrInfeasible", err)
	}
	if _, err := Prenucleolus(context.Background(), g); err != nil {
		t.Errorf("Prenucleolus of the same game: %v", err)
	}
	big := funcGame{n: MaxLPPlayers + 1, f: func(uint64) float64 { return 0 }}
	if _, _, err := LeastCore(context.Background(), big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("LeastCore on %d players: error = %v, want ErrTooLarge", big.n, err)
	}
}

func BenchmarkPrenucleolus_Random12(b *testing.B) {
	g := randomTable(b, rand.New(rand.NewPCG(19, 9)), 12)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prenucleolus(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleNucleolus() {
	// The Talmud's contested estate: 300 among claims of 100, 200 and 300 (Aumann & Maschler).
	claims := []float64{100, 200, 300}
	v := make([]float64, 8)
	for s := range v {
		rest := 0.0
		for j, d := range claims {
			if s&(1<<j) == 0 {
				rest += d
			}
		}
		v[s] = max(0, 300-rest)
	}
	g, _ := NewTableGame(v)
	x, _ := Nucleolus(context.Background(), g)
	fmt.Printf("%.2f\n", x)
	// Output: [50.00 100.00 150.00]
}

func ExampleLeastCore() {
	// Three-player majority game: any two of the three win 1. The core is empty (ε > 0).
	g, _ := NewTableGame([]float64{0, 0, 0, 1, 0, 1, 1, 1})
	x, eps, _ := LeastCore(context.Background(), g)
	fmt.Printf("x = %.4f, ε = %.4f\n", x, eps)
	// Output: x = [0.3333 0.3333 0.3333], ε = 0.3333
}
