package distribution

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// valueOnly hides every fast path of a game (ValueMask, NewState): the samplers then build
// sorted coalitions and call Value, the reference the incremental path must reproduce.
type valueOnly struct{ g Game }

func (v valueOnly) Players() int                  { return v.g.Players() }
func (v valueOnly) Value(coalition []int) float64 { return v.g.Value(coalition) }

// incrementalGames returns one game of each incremental kind, with n players.
func incrementalGames(t testing.TB, rng *rand.Rand, n int) map[string]IncrementalGame {
	t.Helper()
	a := make([]float64, n)
	costs := make([]float64, n)
	weights := make([]int, n)
	covers := make([][]int, n)
	train, trainLabels := make([][]float64, n), make([]int, n)
	total := 0
	for i := range n {
		// Worths spanning many binades with cancellation, so that a plain running sum
		// would depend on the order of the members.
		a[i] = (rng.Float64() - 0.4) * math.Pow(10, float64(rng.IntN(12)-4))
		costs[i] = math.Round(rng.Float64()*1000) / 8
		weights[i] = 1 + rng.IntN(9)
		total += weights[i]
		for range 1 + rng.IntN(4) {
			covers[i] = append(covers[i], rng.IntN(3*n))
		}
		train[i] = []float64{rng.NormFloat64(), rng.NormFloat64()}
		trainLabels[i] = rng.IntN(3)
	}
	test, testLabels := make([][]float64, 7), make([]int, 7)
	for j := range test {
		test[j] = []float64{rng.NormFloat64(), rng.NormFloat64()}
		testLabels[j] = rng.IntN(3)
	}
	add, err := NewAdditiveGame(a)
	if err != nil {
		t.Fatal(err)
	}
	air, err := NewAirportGame(costs)
	if err != nil {
		t.Fatal(err)
	}
	vote, err := NewWeightedVoting(total/2+1, weights)
	if err != nil {
		t.Fatal(err)
	}
	cov, err := NewCoverageGame(covers)
	if err != nil {
		t.Fatal(err)
	}
	knn, err := NewKNNGame(train, trainLabels, test, testLabels, 3)
	if err != nil {
		t.Fatal(err)
	}
	// A market game with three goods, fractional endowments over many binades and one good the
	// recipe ignores: its pooled sums must not depend on the order of the members either.
	endow := make([][]float64, n)
	for i := range endow {
		endow[i] = []float64{rng.Float64() * math.Pow(10, float64(rng.IntN(8)-2)), float64(rng.IntN(4)), rng.Float64()}
	}
	market, err := NewMarketGame(endow, []float64{0.3, 2, 0})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]IncrementalGame{"additive": add, "airport": air, "voting": vote, "coverage": cov, "knn": knn, "market": market}
}

func TestCoalitionState_AddEqualsValueBitForBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	for name, g := range incrementalGames(t, rng, 90) {
		s := g.NewState()
		for trial := range 5 {
			perm := rng.Perm(g.Players())
			if v0 := s.Reset(); v0 != g.Value(nil) {
				t.Fatalf("%s: Reset = %v, Value(∅) = %v", name, v0, g.Value(nil))
			}
			var coal []int
			for k, p := range perm {
				got := s.Add(p)
				i, _ := slices.BinarySearch(coal, p)
				coal = slices.Insert(coal, i, p)
				if want := g.Value(coal); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("%s trial %d step %d: Add = %v, Value = %v", name, trial, k, got, want)
				}
			}
		}
	}
}

func TestSamplers_IncrementalEqualsValueExactly(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 2))
	for _, n := range []int{7, 130} { // below and above the 64-player bitmask limit
		for name, g := range incrementalGames(t, rng, n) {
			for _, opt := range []SampleOptions{
				{Seed: 3, MaxPermutations: 70},
				{Seed: 4, MaxPermutations: 96, Workers: 3},
				{Seed: 5, MaxPermutations: 64, Antithetic: true},
				{Seed: 6, MaxPermutations: 50, Truncation: 0.05},
			} {
				t.Run(fmt.Sprintf("%s/n=%d/%+v", name, n, opt), func(t *testing.T) {
					want, err := SampleShapley(ctx, valueOnly{g}, opt)
					if err != nil {
						t.Fatal(err)
					}
					got, err := SampleShapley(ctx, g, opt)
					if err != nil {
						t.Fatal(err)
					}
					if d := cmp.Diff(want, got); d != "" {
						t.Errorf("SampleShapley incremental vs Value (-want +got):\n%s", d)
					}
					wantB, err := SampleBanzhaf(ctx, valueOnly{g}, opt)
					if err != nil {
						t.Fatal(err)
					}
					gotB, err := SampleBanzhaf(ctx, g, opt)
					if err != nil {
						t.Fatal(err)
					}
					if d := cmp.Diff(wantB, gotB); d != "" {
						t.Errorf("SampleBanzhaf incremental vs Value (-want +got):\n%s", d)
					}
				})
			}
		}
	}
}

// TestExactSum_CorrectlyRoundedInAnyOrder checks exactSum against the exact sum in big.Float
// (enough precision for any sum of float64s) rounded once to float64.
func TestExactSum_CorrectlyRoundedInAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 3))
	cases := [][]float64{
		{},
		{1, 1e100, 1, -1e100}, // math.fsum's documentation: 2
		{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, // 1.0, not 0.9999999999999999
		{1, 0x1p-53, 0x1p-106},                             // half-way case decided by the last partial: 1+2^-52
		{math.Copysign(0, -1)},                             // −0: the sum is written +0 by both paths
	}
	for range 300 {
		x := make([]float64, 1+rng.IntN(20))
		for i := range x {
			x[i] = (rng.Float64() - 0.5) * math.Ldexp(1, rng.IntN(200)-100)
		}
		cases = append(cases, x)
	}
	for _, x := range cases {
		exact := new(big.Float).SetPrec(4096)
		for _, v := range x {
			exact.Add(exact, new(big.Float).SetPrec(4096).SetFloat64(v))
		}
		want, _ := exact.Float64()
		want += 0
		for range 3 {
			var s exactSum
			for _, v := range x {
				s.add(v)
			}
			if got := s.value(); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("sum of %v = %v, want %v", x, got, want)
			}
			rng.Shuffle(len(x), func(i, j int) { x[i], x[j] = x[j], x[i] })
		}
	}
}

func TestCoverageGame_ShapleyClosedFormEqualsExact(t *testing.T) {
	g, err := NewCoverageGame([][]int{{1, 2, 3}, {3, 4}, {4, 5, 1}, {}, {9, 9}})
	if err != nil {
		t.Fatal(err)
	}
	// By hand: items 1,3,4 have two holders each, 2,5,9 one: φ = (1+½+½, ½+½, ½+1+½, 0, 1).
	want := []float64{2, 1, 2, 0, 1}
	if d := cmp.Diff(want, g.Shapley()); d != "" {
		t.Errorf("closed form (-want +got):\n%s", d)
	}
	exact, err := Shapley(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if math.Abs(exact[i]-want[i]) > 1e-12 {
			t.Errorf("Shapley[%d] = %v, want %v", i, exact[i], want[i])
		}
	}
}

// TestKNNGame_ShapleyEqualsKNNShapley checks the game against the closed form of Jia et al.
// 2019, computed independently by KNNShapley.
func TestKNNGame_ShapleyEqualsKNNShapley(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	train, trainLabels := make([][]float64, 9), make([]int, 9)
	for i := range train {
		train[i] = []float64{rng.NormFloat64(), rng.NormFloat64()}
		trainLabels[i] = rng.IntN(2)
	}
	test, testLabels := [][]float64{{0, 0}, {1, -1}, {-0.5, 2}}, []int{0, 1, 1}
	for _, k := range []int{1, 3, 9} { // k ≤ n: KNNShapley's base case 1[match]/N presumes N ≥ K
		g, err := NewKNNGame(train, trainLabels, test, testLabels, k)
		if err != nil {
			t.Fatal(err)
		}
		exact, err := Shapley(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		want, err := KNNShapley(train, trainLabels, test, testLabels, k)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if math.Abs(exact[i]-want[i]) > 1e-12 {
				t.Errorf("k=%d player %d: Shapley of KNNGame = %v, KNNShapley = %v", k, i, exact[i], want[i])
			}
		}
	}
}

func TestNewKNNGame_RejectsBadInput(t *testing.T) {
	_, err := NewKNNGame([][]float64{{1}}, []int{0}, [][]float64{{math.NaN()}}, []int{0}, 1)
	if err == nil || !isInputError(err) {
		t.Fatalf("NaN test point: got %v, want an *InputError", err)
	}
	if _, err := NewCoverageGame(nil); !isInputError(err) {
		t.Fatalf("no players: got %v, want an *InputError", err)
	}
}

func isInputError(err error) bool {
	_, ok := err.(*InputError)
	return ok
}

func TestIncrementalGames_JSONRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 6))
	for name, g := range incrementalGames(t, rng, 6) {
		b, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		into := reflect.New(reflect.TypeOf(g).Elem()).Interface().(Game)
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for m := uint64(0); m < 1<<uint(g.Players()); m++ {
			c := maskMembers(nil, m)
			if a, b := g.Value(c), into.Value(c); a != b {
				t.Errorf("%s after a round trip: v(%v) = %v, want %v", name, c, b, a)
			}
		}
	}
}

// FuzzCoverageGameJSON checks the decoder and the closed form against enumeration.
func FuzzCoverageGameJSON(f *testing.F) {
	f.Add([]byte(`{"covers":[[1,2,3],[3,4],[]]}`))
	f.Add([]byte(`{"covers":[]}`))
	f.Add([]byte(`{"covers":[[-5,9223372036854775807,-5]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g CoverageGame
		fuzzGameDecoder(t, &g, data)
		if g.Players() >= 1 && g.Players() <= 10 {
			exact, err := Shapley(context.Background(), &g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(exact, g.Shapley(), exactTol); diff != "" {
				t.Fatalf("closed form vs enumeration (-want +got):\n%s", diff)
			}
		}
	})
}

func FuzzKNNGameJSON(f *testing.F) {
	f.Add([]byte(`{"train":[[0],[1],[2]],"trainLabels":[0,1,0],"test":[[0.5]],"testLabels":[0],"k":2}`))
	f.Add([]byte(`{"train":[[0]],"trainLabels":[0],"test":[[1,2]],"testLabels":[0],"k":1}`))
	f.Add([]byte(`{"train":[],"k":0}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzGameDecoder(t, new(KNNGame), data) })
}

// A coverage game of 100,000 sensors, each covering three of 200,000 road segments,
// sampled through its incremental form: one permutation costs 100,000 O(1) additions.
func ExampleCoverageGame() {
	rng := rand.New(rand.NewPCG(1, 2))
	covers := make([][]int, 100_000)
	for i := range covers {
		covers[i] = []int{rng.IntN(200_000), rng.IntN(200_000), rng.IntN(200_000)}
	}
	g, _ := NewCoverageGame(covers)
	est, _ := SampleShapley(context.Background(), g, SampleOptions{Seed: 1, MaxPermutations: 2})
	var sum float64
	for _, v := range est.Values {
		sum += v
	}
	// Every permutation's marginal contributions sum to v(N): the segments covered.
	fmt.Println(sum == float64(g.Items()), est.Evaluations)
	// Output: true 200000
}
