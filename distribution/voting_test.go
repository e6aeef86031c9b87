package distribution

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWeightedVoting_KnownIndices(t *testing.T) {
	unsc := []int{7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	tests := []struct {
		name          string
		quota         int
		weights       []int
		shapleyShubik []float64
		banzhaf       []float64
		source        string
	}{
		{
			"any two of three", 51, []int{49, 48, 3},
			[]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, []float64{0.5, 0.5, 0.5},
			"by hand: every pair wins, no single player does",
		},
		{
			"UN Security Council", 39, unsc,
			append(repeatFloat(421.0/2145, 5), repeatFloat(4.0/2145, 10)...),
			append(repeatFloat(848.0/16384, 5), repeatFloat(84.0/16384, 10)...),
			"Shapley–Shubik 421/2145 and 4/2145 (Straffin, Game Theory and Strategy, 1993); " +
				"swings by hand: a permanent member with the other 4 and ≥ 4 of 10 others, Σ_{j≥4} C(10,j) = 848; " +
				"a non-permanent member with all 5 and exactly 3 of 9 others, C(9,3) = 84",
		},
		{
			"dictator and dummies", 5, []int{5, 1, 1, 0},
			[]float64{1, 0, 0, 0}, []float64{1, 0, 0, 0},
			"player 0 wins alone and every winning coalition contains it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := NewWeightedVoting(tt.quota, tt.weights)
			if err != nil {
				t.Fatal(err)
			}
			ss, err := g.ShapleyShubik()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.shapleyShubik, ss, exactTol); diff != "" {
				t.Errorf("ShapleyShubik (%s) (-want +got):\n%s", tt.source, diff)
			}
			bz, err := g.Banzhaf()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.banzhaf, bz, exactTol); diff != "" {
				t.Errorf("Banzhaf (%s) (-want +got):\n%s", tt.source, diff)
			}
		})
	}
}

func repeatFloat(x float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = x
	}
	return out
}

func TestWeightedVoting_MatchesEnumerationOracles(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 9))
	for trial := range 12 {
		n := 1 + rng.IntN(6)
		w := make([]int, n)
		total := 0
		for i := range w {
			w[i] = rng.IntN(9)
			total += w[i]
		}
		if total == 0 {
			w[0], total = 1, 1
		}
		q := 1 + rng.IntN(total)
		g, err := NewWeightedVoting(q, w)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprintf("%d:[%d;%v]", trial, q, w), func(t *testing.T) {
			ss, _ := g.ShapleyShubik()
			if diff := cmp.Diff(oracleShapleyPermutations(g), ss, exactTol); diff != "" {
				t.Errorf("ShapleyShubik vs n! orders (-want +got):\n%s", diff)
			}
			bz, _ := g.Banzhaf()
			if diff := cmp.Diff(oracleSemivalue(g, rawBanzhafWeight), bz, exactTol); diff != "" {
				t.Errorf("Banzhaf vs subsets (-want +got):\n%s", diff)
			}
		})
	}
}

// oracleVotingIndex returns player i's Shapley–Shubik and raw Banzhaf indices by counting
// the coalitions of the others by size and weight with a knapsack in big.Int, rebuilt from
// scratch without player i (no deconvolution, no modular arithmetic).
func oracleVotingIndex(q int, w []int, i int) (ss, bz float64) {
	n := len(w)
	if w[i] == 0 {
		return 0, 0
	}
	cnt := make([][]*big.Int, n)
	for k := range cnt {
		cnt[k] = make([]*big.Int, q)
		for v := range cnt[k] {
			cnt[k][v] = new(big.Int)
		}
	}
	cnt[0][0].SetInt64(1)
	size := 0
	for j, x := range w {
		if j == i {
			continue
		}
		size++
		for k := size; k >= 1; k-- {
			for v := q - 1; v >= x; v-- {
				cnt[k][v].Add(cnt[k][v], cnt[k-1][v-x])
			}
		}
	}
	ssNum, swings := new(big.Int), new(big.Int)
	for k := range n {
		for v := max(0, q-w[i]); v < q; v++ {
			c := cnt[k][v]
			swings.Add(swings, c)
			t := new(big.Int).Mul(c, factorialBig(k))
			ssNum.Add(ssNum, t.Mul(t, factorialBig(n-1-k)))
		}
	}
	ss, _ = new(big.Rat).SetFrac(ssNum, factorialBig(n)).Float64()
	bz, _ = new(big.Rat).SetFrac(swings, new(big.Int).Lsh(big.NewInt(1), uint(n-1))).Float64()
	return ss, bz
}

func TestWeightedVoting_LargeGamesMatchBigIntOracle(t *testing.T) {
	// 70 and 128 players: the counts need 2^64 and one prime, then 2^64 and two primes, joined
	// by CRT.
	for _, tc := range []struct{ n, q int }{{70, 71}, {128, 60}} {
		n, q := tc.n, tc.q
		w := make([]int, n)
		for i := range w {
			w[i] = 1 + i%3
		}
		g, err := NewWeightedVoting(q, w)
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := g.ShapleyShubik()
		bz, _ := g.Banzhaf()
		for _, i := range []int{0, 2} { // players of equal weight are symmetric
			s, b := oracleVotingIndex(q, w, i)
			if diff := cmp.Diff([]float64{s, b}, []float64{ss[i], bz[i]}, exactTol); diff != "" {
				t.Errorf("n=%d player %d: (Shapley–Shubik, Banzhaf) vs big.Int knapsack (-want +got):\n%s", n, i, diff)
			}
		}
	}
}

func TestWeightedVoting_DualGameHasSameIndices(t *testing.T) {
	// [W − q + 1; w] is the dual of [q; w] (v*(S) = v(N) − v(N∖S)), and the Shapley and
	// Banzhaf values are self-dual (Dubey, Neyman & Weber 1981), so the indices are identical.
	rng := rand.New(rand.NewPCG(14, 9))
	for range 10 {
		w := make([]int, 2+rng.IntN(20))
		total := 0
		for i := range w {
			w[i] = 1 + rng.IntN(30)
			total += w[i]
		}
		q := 1 + rng.IntN(total)
		g, _ := NewWeightedVoting(q, w)
		d, _ := NewWeightedVoting(total-q+1, w)
		gs, _ := g.ShapleyShubik()
		ds, _ := d.ShapleyShubik()
		gb, _ := g.Banzhaf()
		db, _ := d.Banzhaf()
		if diff := cmp.Diff([][]float64{gs, gb}, [][]float64{ds, db}, exactTol); diff != "" {
			t.Errorf("[%d; %v] vs its dual (-want +got):\n%s", q, w, diff)
		}
		var sum float64
		for _, x := range gs {
			sum += x
		}
		if diff := cmp.Diff(1.0, sum, exactTol); diff != "" {
			t.Errorf("Σ Shapley–Shubik (-want +got):\n%s", diff)
		}
	}
}

func TestNewWeightedVoting_RejectsBadInput(t *testing.T) {
	tests := []struct {
		quota   int
		weights []int
	}{
		{1, nil}, {0, []int{1, 2}}, {4, []int{1, 2}}, {1, []int{1, -1}},
		{1, []int{MaxVotingWeight, 1}}, {1, make([]int, MaxVotingPlayers+1)},
	}
	for _, tt := range tests {
		if _, err := NewWeightedVoting(tt.quota, tt.weights); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("NewWeightedVoting(%d, len %d): error = %v, want ErrInvalidInput", tt.quota, len(tt.weights), err)
		}
	}
}

func FuzzNewWeightedVoting(f *testing.F) {
	f.Add([]byte(`{"quota":51,"weights":[49,48,3]}`))
	f.Add([]byte(`{"quota":39,"weights":[7,7,7,7,7,1,1,1,1,1,1,1,1,1,1]}`))
	f.Add([]byte(`{"quota":0,"weights":[]}`))
	f.Add([]byte(`{"quota":3,"weights":[0,0,3,-1]}`))
	// Issue 21's hostile shape: 1,000 distinct weights at a large quota (8 KB).
	hostile, _ := json.Marshal(weightedVotingJSON{Quota: 67_000, Weights: func() []int {
		w := make([]int, 1000)
		for i := range w {
			w[i] = i + 1
		}
		return w
	}()})
	f.Add(hostile)
	f.Fuzz(func(t *testing.T, data []byte) {
		var g WeightedVoting
		if err := json.Unmarshal(data, &g); err != nil {
			return
		}
		if g.Players() > 12 || g.Quota()*(g.Players()+1) > 1<<16 {
			// Large games: the default Limits answer within a short deadline, with the
			// indices, a *LimitError or the deadline — never hours or gigabytes.
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := g.ShapleyShubikContext(ctx, Limits{})
			if err != nil && !errors.Is(err, ErrTooLarge) && !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("large game: %v", err)
			}
			return
		}
		ss, err := g.ShapleyShubik()
		if err != nil {
			t.Fatal(err)
		}
		bz, err := g.Banzhaf()
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for i := range ss {
			if ss[i] < 0 || ss[i] > 1 || bz[i] < 0 || bz[i] > 1 {
				t.Fatalf("index out of [0, 1]: ss %v, bz %v", ss, bz)
			}
			sum += ss[i]
		}
		if sum < 1-1e-12 || sum > 1+1e-12 {
			t.Fatalf("Σ Shapley–Shubik = %v, want 1", sum)
		}
	})
}

// benchmarkVotingGame is 200 players with total weight 10,000 and 99 distinct weights.
func benchmarkVotingGame(b *testing.B) *WeightedVoting {
	w := make([]int, 200)
	total := 0
	for i := range w {
		w[i] = 1 + (i*47)%99
		total += w[i]
	}
	w[199] += 10_000 - total
	g, err := NewWeightedVoting(5001, w)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

func BenchmarkWeightedVoting_ShapleyShubik200(b *testing.B) {
	g := benchmarkVotingGame(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.ShapleyShubik(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWeightedVoting_Banzhaf200(b *testing.B) {
	g := benchmarkVotingGame(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Banzhaf(); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleWeightedVoting_ShapleyShubik() {
	// UN Security Council: five permanent members (weight 7, a veto) and ten elected members
	// (weight 1); a resolution needs 39 = 5·7 + 4.
	g, _ := NewWeightedVoting(39, []int{7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})
	ss, _ := g.ShapleyShubik()
	fmt.Printf("permanent %.5f, elected %.6f\n", ss[0], ss[14])
	// Output: permanent 0.19627, elected 0.001865
}

func TestWeightedVoting_IndicesAreMonotoneInWeight(t *testing.T) {
	// A heavier player is never weaker (a property of both indices of weighted voting games).
	rng := rand.New(rand.NewPCG(23, 9))
	for range 20 {
		w := make([]int, 2+rng.IntN(30))
		total := 0
		for i := range w {
			w[i] = rng.IntN(40)
			total += w[i]
		}
		if total == 0 {
			continue
		}
		g, _ := NewWeightedVoting(1+rng.IntN(total), w)
		ss, _ := g.ShapleyShubik()
		bz, _ := g.Banzhaf()
		for i := range w {
			for j := range w {
				if w[i] > w[j] && (ss[i] < ss[j]-1e-15 || bz[i] < bz[j]-1e-15) {
					t.Errorf("[%d; %v]: player %d (weight %d) weaker than %d (weight %d): ss %v < %v or bz %v < %v",
						g.Quota(), w, i, w[i], j, w[j], ss[i], ss[j], bz[i], bz[j])
				}
			}
		}
	}
}

func TestWeightedVoting_ManyPlayersUseManyModuli(t *testing.T) {
	// 2,048 unit-weight players, quota 10: symmetric, so each Shapley–Shubik index is 1/2048
	// exactly; the counts need 34 moduli (beyond the digit buffer of the CRT).
	w := make([]int, 2048)
	for i := range w {
		w[i] = 1
	}
	g, err := NewWeightedVoting(10, w)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := g.ShapleyShubik()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(repeatFloat(1.0/2048, 2048), ss); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
