package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// knnUtilityGame is the K-NN utility of Jia et al. as a plain Game over training subsets,
// averaged over the test points, written from the definition (sort the subset by distance
// and index, count the label matches among the first K): the brute-force side of the oracle.
type knnUtilityGame struct {
	train       [][]float64
	trainLabels []int
	test        [][]float64
	testLabels  []int
	k           int
}

func (g knnUtilityGame) Players() int { return len(g.train) }
func (g knnUtilityGame) Value(s []int) float64 {
	var total float64
	for t, x := range g.test {
		members := slices.Clone(s)
		dist := func(i int) float64 {
			var d float64
			for c := range x {
				d += (g.train[i][c] - x[c]) * (g.train[i][c] - x[c])
			}
			return d
		}
		slices.SortStableFunc(members, func(a, b int) int {
			if da, db := dist(a), dist(b); da != db {
				if da < db {
					return -1
				}
				return 1
			}
			return a - b
		})
		hits := 0
		for _, i := range members[:min(g.k, len(members))] {
			if g.trainLabels[i] == g.testLabels[t] {
				hits++
			}
		}
		total += float64(hits) / float64(g.k)
	}
	return total / float64(len(g.test))
}

func TestKNNShapley_ReferenceExample(t *testing.T) {
	// Jia et al. 2019, Theorem 1, by hand (and equal to brute force): labels matching y_test from nearest
	// to farthest [1, 0, 1], K = 1 → s = [5/6, −1/6, 1/3].
	train := [][]float64{{1}, {2}, {3}}
	got, err := KNNShapley(train, []int{7, 8, 7}, [][]float64{{0}}, []int{7}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{5.0 / 6, -1.0 / 6, 1.0 / 3}, got, exactTol); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestKNNShapley_MatchesBruteForceShapley(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 9))
	for trial := range 10 {
		n, d, m := 2+rng.IntN(5), 1+rng.IntN(3), 1+rng.IntN(3)
		g := knnUtilityGame{k: 1 + rng.IntN(3)}
		// Integer coordinates in a small range make ties in distance common.
		point := func() []float64 {
			p := make([]float64, d)
			for c := range p {
				p[c] = float64(rng.IntN(3))
			}
			return p
		}
		for range n {
			g.train = append(g.train, point())
			g.trainLabels = append(g.trainLabels, rng.IntN(2))
		}
		for range m {
			g.test = append(g.test, point())
			g.testLabels = append(g.testLabels, rng.IntN(2))
		}
		t.Run(fmt.Sprintf("trial=%d/N=%d/K=%d", trial, n, g.k), func(t *testing.T) {
			got, err := KNNShapley(g.train, g.trainLabels, g.test, g.testLabels, g.k)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(oracleShapleyPermutations(g), got, exactTol); diff != "" {
				t.Errorf("closed form vs n! orders of the K-NN utility (-want +got):\n%s", diff)
			}
		})
	}
}

// TestKNNShapley_KLargerThanTrainingSet is the regression test of issue 12: with K > N the
// base case divided by N where U(S) divides by K, and the values summed to more than U(N).
// Every subset then keeps all its members, U(S) = matches(S)/K is additive, and each point is
// worth 1[yᵢ = y]/K: here labels [7, 8, 7] against 7 with K = 5 give [1/5, 0, 1/5], summing to
// U(N) = 2/5. The brute-force oracle agrees.
func TestKNNShapley_KLargerThanTrainingSet(t *testing.T) {
	g := knnUtilityGame{train: [][]float64{{1}, {2}, {3}}, trainLabels: []int{7, 8, 7}, test: [][]float64{{0}}, testLabels: []int{7}, k: 5}
	got, err := KNNShapley(g.train, g.trainLabels, g.test, g.testLabels, g.k)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{0.2, 0, 0.2}, got, exactTol); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(oracleShapleyPermutations(g), got, exactTol); diff != "" {
		t.Errorf("vs brute force (-want +got):\n%s", diff)
	}
	for _, k := range []int{3, 4, 100} { // K = N and beyond: Σs = U(N) = 2/K
		got, err := KNNShapley(g.train, g.trainLabels, g.test, g.testLabels, k)
		if err != nil {
			t.Fatal(err)
		}
		if sum := got[0] + got[1] + got[2]; math.Abs(sum-2/float64(k)) > 1e-15 {
			t.Errorf("K = %d: Σs = %v, want U(N) = 2/%d", k, sum, k)
		}
	}
}

func TestKNNShapleyContext_Stops(t *testing.T) {
	train := [][]float64{{1}, {2}, {3}}
	test := make([][]float64, 1000)
	labels := make([]int, len(test))
	for i := range test {
		test[i] = []float64{float64(i % 4)}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := KNNShapleyContext(ctx, train, []int{0, 1, 0}, test, labels, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	want, _ := KNNShapley(train, []int{0, 1, 0}, test, labels, 1)
	got, err := KNNShapleyContext(context.Background(), train, []int{0, 1, 0}, test, labels, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-KNNShapley +KNNShapleyContext):\n%s", diff)
	}
}

func TestKNNShapley_RejectsBadInput(t *testing.T) {
	tr, trl, te, tel := [][]float64{{0, 1}, {1, 1}}, []int{0, 1}, [][]float64{{0, 0}}, []int{1}
	tests := []struct {
		name        string
		train       [][]float64
		trainLabels []int
		test        [][]float64
		testLabels  []int
		k           int
	}{
		{"k = 0", tr, trl, te, tel, 0},
		{"no training points", nil, nil, te, tel, 1},
		{"label count", tr, []int{0}, te, tel, 1},
		{"test label count", tr, trl, te, []int{1, 2}, 1},
		{"no test points", tr, trl, nil, nil, 1},
		{"ragged", [][]float64{{0, 1}, {1}}, trl, te, tel, 1},
		{"test dimension", tr, trl, [][]float64{{0}}, tel, 1},
		{"NaN", tr, trl, [][]float64{{0, math.NaN()}}, tel, 1},
		{"zero dimension", [][]float64{{}, {}}, trl, [][]float64{{}}, tel, 1},
	}
	for _, tt := range tests {
		if _, err := KNNShapley(tt.train, tt.trainLabels, tt.test, tt.testLabels, tt.k); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error = %v, want ErrInvalidInput", tt.name, err)
		}
	}
}

func BenchmarkKNNShapley_N100k_Test100_K5_D10(b *testing.B) {
	rng := rand.New(rand.NewPCG(16, 9))
	points := func(n int) ([][]float64, []int) {
		x, y := make([][]float64, n), make([]int, n)
		for i := range x {
			x[i] = make([]float64, 10)
			for c := range x[i] {
				x[i][c] = rng.NormFloat64()
			}
			y[i] = rng.IntN(3)
		}
		return x, y
	}
	train, trainLabels := points(100_000)
	test, testLabels := points(100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := KNNShapley(train, trainLabels, test, testLabels, 5); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleKNNShapley() {
	// Three training points on a line, the test point at 0 with label 7. The middle point has
	// the wrong label and stands between the test point and a correct neighbour.
	train := [][]float64{{1}, {2}, {3}}
	values, _ := KNNShapley(train, []int{7, 8, 7}, [][]float64{{0}}, []int{7}, 1)
	fmt.Printf("%.4f\n", values)
	// Output: [0.8333 -0.1667 0.3333]
}

func TestKNNShapley_IsEfficient(t *testing.T) {
	// Σ s = mean over test points of U(N): the K-NN accuracy on the full training set.
	rng := rand.New(rand.NewPCG(24, 9))
	for trial := range 5 {
		n, m := 50+rng.IntN(200), 1+rng.IntN(20)
		g := knnUtilityGame{k: 1 + rng.IntN(7)}
		for range n {
			g.train = append(g.train, []float64{rng.NormFloat64(), float64(rng.IntN(4))})
			g.trainLabels = append(g.trainLabels, rng.IntN(3))
		}
		for range m {
			g.test = append(g.test, []float64{rng.NormFloat64(), float64(rng.IntN(4))})
			g.testLabels = append(g.testLabels, rng.IntN(3))
		}
		values, err := KNNShapley(g.train, g.trainLabels, g.test, g.testLabels, g.k)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, v := range values {
			sum += v
		}
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		if diff := cmp.Diff(g.Value(all), sum, exactTol); diff != "" {
			t.Errorf("trial %d (N=%d, K=%d): Σ values vs U(N) (-want +got):\n%s", trial, n, g.k, diff)
		}
	}
}
