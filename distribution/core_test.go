package distribution

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// balancedCollection is a minimal balanced collection of coalitions of n players with its
// unique positive weights: Σ_{S∋i} λ_S = 1 for every player i.
type balancedCollection struct {
	sets    []uint64
	weights []float64
}

// minimalBalanced enumerates the minimal balanced collections of n players other than {N}:
// the sets of at most n proper coalitions whose indicator vectors are linearly independent
// and combine to the all-ones vector with positive weights (Peleg 1965; Shapley 1967). It is
// brute force — every collection of up to n coalitions — and so no linear program.
func minimalBalanced(n int) []balancedCollection {
	all := uint64(1)<<uint(n) - 1
	var out []balancedCollection
	var pick []uint64
	var rec func(next uint64)
	rec = func(next uint64) {
		if len(pick) > 0 {
			if w, ok := balancingWeights(n, pick); ok {
				out = append(out, balancedCollection{sets: append([]uint64(nil), pick...), weights: w})
			}
		}
		if len(pick) == n {
			return
		}
		for s := next; s < all; s++ {
			pick = append(pick, s)
			rec(s + 1)
			pick = pick[:len(pick)-1]
		}
	}
	rec(1)
	return out
}

// balancingWeights solves Σ_k λ_k 1_{S_k} = 1_N by Gauss–Jordan elimination; ok is true when
// the indicator vectors are independent, the system is consistent and every λ_k > 0.
func balancingWeights(n int, sets []uint64) ([]float64, bool) {
	k := len(sets)
	a := make([][]float64, n)
	for i := range n {
		a[i] = make([]float64, k+1)
		for j, s := range sets {
			a[i][j] = float64(s >> uint(i) & 1)
		}
		a[i][k] = 1
	}
	row := 0
	for c := range k {
		p := row
		for i := row + 1; i < n; i++ {
			if math.Abs(a[i][c]) > math.Abs(a[p][c]) {
				p = i
			}
		}
		if math.Abs(a[p][c]) < 1e-9 {
			return nil, false // dependent: not minimal
		}
		a[p], a[row] = a[row], a[p]
		for i := range n {
			if i != row && a[i][c] != 0 {
				f := a[i][c] / a[row][c]
				for q := c; q <= k; q++ {
					a[i][q] -= f * a[row][q]
				}
			}
		}
		row++
	}
	for i := k; i < n; i++ {
		if math.Abs(a[i][k]) > 1e-9 {
			return nil, false // inconsistent
		}
	}
	w := make([]float64, k)
	for c := range k {
		w[c] = a[c][k] / a[c][c]
		if w[c] <= 1e-9 {
			return nil, false
		}
	}
	return w, true
}

// smallGame returns a random table game of n players, or a bankruptcy game with small
// integer claims, whose dual programs are highly degenerate.
func smallGame(t *testing.T, r *rand.Rand, n int, bankruptcy bool) *TableGame {
	t.Helper()
	if !bankruptcy {
		return randomTable(t, r, n)
	}
	claims := make([]float64, n)
	var d float64
	for i := range claims {
		claims[i] = float64(1 + r.IntN(20))
		d += claims[i]
	}
	return bankruptcyGame(t, float64(r.IntN(int(d)+1)), claims...)
}

// TestLeastCore_EpsilonByBalancedCollections checks that LeastCore's ε is the least-core
// value without solving a linear program. For a balanced collection λ, summing
// x(S) ≥ v(S) − ε with weights λ_S gives v(N) ≥ Σ λ_S v(S) − ε Σ λ_S, a lower bound on ε;
// by LP duality the largest of these bounds over the minimal balanced collections — the
// vertices of the dual's feasible set — is ε itself (Bondareva 1963; Shapley 1967). The
// point returned must also meet every constraint x(S) ≥ v(S) − ε.
func TestLeastCore_EpsilonByBalancedCollections(t *testing.T) {
	r := rand.New(rand.NewPCG(77, 1))
	// Counts of minimal balanced collections, {N} excluded. For n = 3 by hand: the three
	// partitions {i}{jk}, the singletons, and {12}{13}{23} with weights ½. For n = 4 and 5 the
	// literature counts 42 and 1292 with {N} (Laplace Mermoud, Grabisch & Sudhölter,
	// "Minimal balanced collections: generation, applications and generalization", 2023).
	counts := map[int]int{2: 1, 3: 5, 4: 41, 5: 1291}
	for n := 2; n <= 5; n++ {
		collections := minimalBalanced(n)
		if len(collections) != counts[n] {
			t.Fatalf("n=%d: %d minimal balanced collections, want %d", n, len(collections), counts[n])
		}
		for trial := range 40 {
			g := smallGame(t, r, n, trial%2 == 1)
			v := g.Values()
			all := len(v) - 1
			want := math.Inf(-1)
			for _, c := range collections {
				var num, den float64
				for k, s := range c.sets {
					num += c.weights[k] * (v[s] - v[0])
					den += c.weights[k]
				}
				want = max(want, (num-(v[all]-v[0]))/den)
			}
			x, eps, err := LeastCore(context.Background(), g)
			if err != nil {
				t.Fatalf("n=%d trial %d: %v", n, trial, err)
			}
			if diff := cmp.Diff(want, eps, lpTol); diff != "" {
				t.Fatalf("n=%d trial %d, game %v: ε (-want +got):\n%s", n, trial, v, diff)
			}
			for s := 1; s < all; s++ {
				var xs float64
				for i := range n {
					if s>>i&1 == 1 {
						xs += x[i]
					}
				}
				if excess := v[s] - v[0] - xs; excess > eps+1e-7 {
					t.Fatalf("n=%d trial %d: coalition %b has excess %v > ε = %v", n, trial, s, excess, eps)
				}
			}
		}
	}
}

// kohlberg reports whether the efficient allocation x of the game with worths v (relative
// to v[0]) meets Kohlberg's criterion, which characterises the prenucleolus (Kohlberg 1971;
// Peleg & Sudhölter, Introduction to the Theory of Cooperative Games, Theorem 5.2.7): for
// every level α, the coalitions ∅ ≠ S ≠ N with excess ≥ α form, if any, a balanced
// collection. A collection is balanced exactly when it is the union of the minimal balanced
// collections it contains, which the enumeration supplies — no linear program.
func kohlberg(n int, v, x []float64, collections []balancedCollection) bool {
	all := 1<<n - 1
	excess := make([]float64, all)
	for s := 1; s < all; s++ {
		e := v[s] - v[0]
		for i := range n {
			if s>>i&1 == 1 {
				e -= x[i]
			}
		}
		excess[s] = e
	}
	masks := make([]uint64, len(collections)) // bit s for coalition s; n ≤ 6
	for k, c := range collections {
		for _, s := range c.sets {
			masks[k] |= 1 << s
		}
	}
	for _, alpha := range excess[1:] {
		var d uint64
		for s := 1; s < all; s++ {
			if excess[s] >= alpha-1e-7 {
				d |= 1 << uint(s)
			}
		}
		var covered uint64
		for _, m := range masks {
			if m&^d == 0 {
				covered |= m
			}
		}
		if covered != d {
			return false
		}
	}
	return true
}

// TestPrenucleolus_KohlbergCriterion checks lexicographic optimality, not just the first
// stage: the prenucleolus of random and bankruptcy games of 2–5 players meets Kohlberg's
// criterion, and a point moved slightly off it does not (so the check can fail).
func TestPrenucleolus_KohlbergCriterion(t *testing.T) {
	r := rand.New(rand.NewPCG(78, 2))
	for n := 2; n <= 5; n++ {
		collections := minimalBalanced(n)
		for trial := range 30 {
			g := smallGame(t, r, n, trial%2 == 1)
			v := g.Values()
			x, err := Prenucleolus(context.Background(), g)
			if err != nil {
				t.Fatalf("n=%d trial %d: %v", n, trial, err)
			}
			if !kohlberg(n, v, x, collections) {
				t.Fatalf("n=%d trial %d, game %v: prenucleolus %v fails Kohlberg's criterion", n, trial, v, x)
			}
			off := slices.Clone(x)
			off[0] += 0.01
			off[1] -= 0.01
			if kohlberg(n, v, off, collections) {
				t.Fatalf("n=%d trial %d, game %v: %v, off the prenucleolus %v, passes Kohlberg's criterion", n, trial, v, off, x)
			}
		}
	}
}
