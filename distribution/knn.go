package distribution

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strconv"

	"github.com/dataassay/assay/internal/mcrun"
)

// KNNShapley returns the exact Shapley value of every training point for the K-nearest-
// neighbour classifier, averaged over the test points (Jia et al., "Efficient task-specific
// data valuation for nearest neighbor algorithms", PVLDB 12(11) 2019, Theorem 1). For one test
// point the utility of a training subset S is the fraction of its K nearest members (by
// Euclidean distance) that carry the test label, U(S) = (1/K)·Σ_{k ≤ min(K,|S|)} 1[y_αk = y],
// U(∅) = 0, and with the training points sorted by distance, α₁ nearest,
//
//	s_αN = 1[y_αN = y]/N · min(K, N)/K,
//	s_αi = s_αi+1 + (1[y_αi = y] − 1[y_αi+1 = y])/K · min(K, i)/i,
//
// in O(N·d + N log N) per test point instead of 2^N. The paper states the base case as
// 1[y_αN = y]/N, assuming K ≤ N; the farthest point adds 1[y_αN = y]/K to every coalition of
// fewer than K others, which is the factor min(K, N)/K for any K (so with K > N every point
// is worth 1[y_αi = y]/K). Ties in distance go to the lower training index (a stable
// secondary key, so results are deterministic). By linearity the average over test points is
// the Shapley value of the mean utility, so the values sum to the mean test accuracy of K-NN
// on the whole training set. Values can be negative: a point that displaces a correct
// neighbour hurts.
//
// All points must have the same dimension d ≥ 1 and finite coordinates; labels are arbitrary
// integers; k ≥ 1. Test points are processed in parallel on GOMAXPROCS goroutines, in fixed
// blocks summed in order (internal/mcrun), so the result does not depend on GOMAXPROCS.
//
// KNNShapley runs to the end; KNNShapleyContext stops when a context ends.
func KNNShapley(train [][]float64, trainLabels []int, test [][]float64, testLabels []int, k int) ([]float64, error) {
	return KNNShapleyContext(context.Background(), train, trainLabels, test, testLabels, k)
}

// KNNShapleyContext is KNNShapley checking ctx before every test point (each costs
// O(N·d + N) for N training points of dimension d); when ctx is done it returns an error
// wrapping ctx.Err().
func KNNShapleyContext(ctx context.Context, train [][]float64, trainLabels []int, test [][]float64, testLabels []int, k int) ([]float64, error) {
	if err := checkKNN(train, trainLabels, test, testLabels, k); err != nil {
		return nil, err
	}
	n := len(train)
	values := make([]float64, n)
	// Blocks of knnBlock test points on the module's one parallel runner: each block sums its
	// test points into its own vector, and the vectors are added to values in block order.
	_, err := mcrun.Run(ctx, mcrun.Job[[]float64]{
		Draws: len(test), Block: knnBlock, Workers: runtime.GOMAXPROCS(0),
		NewState: func() []float64 { return make([]float64, n) },
		Reset:    func(acc []float64) { clear(acc) },
		NewDraw: func() func(int, []float64) error {
			var scratch knnScratch
			return func(t int, acc []float64) error {
				scratch.addTestPoint(acc, train, trainLabels, test[t], testLabels[t], k)
				return nil
			}
		},
		Reduce: func(_, _ int, acc []float64) bool {
			for i, x := range acc {
				values[i] += x
			}
			return false
		},
	})
	if err != nil { // no draw fails: the context ended
		return nil, ctxError(err)
	}
	m := float64(len(test))
	for i := range values {
		values[i] /= m
	}
	return values, nil
}

// knnBlock is the number of test points per unit of parallel work.
const knnBlock = 4

// knnScratch holds one goroutine's buffers.
type knnScratch struct {
	order, tmp []knnNeighbour
}

type knnNeighbour struct {
	key   uint64 // bits of the squared Euclidean distance: ordered as the distance (≥ 0)
	index int
}

// addTestPoint adds the Shapley values of every training point for one test point to acc.
func (s *knnScratch) addTestPoint(acc []float64, train [][]float64, labels []int, x []float64, y, k int) {
	n := len(train)
	if cap(s.order) < n {
		s.order = make([]knnNeighbour, n)
	}
	order := s.order[:n]
	if cap(s.tmp) < n {
		s.tmp = make([]knnNeighbour, n)
	}
	sortByDistance(order, s.tmp[:n], train, x)
	match := func(r int) float64 { return indicator(labels[order[r].index] == y) }
	kf := float64(k)
	sv := match(n-1) * float64(min(k, n)) / (float64(n) * kf) // 1[y]/N when K ≤ N, 1[y]/K when K > N
	acc[order[n-1].index] += sv
	for r := n - 2; r >= 0; r-- {
		i := r + 1 // 1-based rank of order[r]
		sv += (match(r) - match(r+1)) / kf * float64(min(k, i)) / float64(i)
		acc[order[r].index] += sv
	}
}

// sortByDistance fills order with the training points sorted by squared Euclidean distance
// to x, ties to the lower index; tmp is scratch of the same length.
func sortByDistance(order, tmp []knnNeighbour, train [][]float64, x []float64) {
	for i, p := range train {
		var d float64
		for c, v := range p {
			e := v - x[c]
			d += e * e
		}
		order[i] = knnNeighbour{math.Float64bits(d), i}
	}
	radixSortStable(order, tmp)
}

// radixSortStable sorts a by key with a least-significant-digit radix sort on bytes (Knuth
// TAOCP vol. 3 §5.2.5), stable, so equal distances keep the index order they arrive in. Bytes
// on which all keys agree (typically the exponent) are skipped. tmp has len(a).
func radixSortStable(a, tmp []knnNeighbour) {
	var count [8][256]int
	for _, e := range a {
		for d := range 8 {
			count[d][byte(e.key>>(8*d))]++
		}
	}
	src, dst := a, tmp
	for d := range 8 {
		c := &count[d]
		if c[byte(a[0].key>>(8*d))] == len(a) {
			continue
		}
		pos := 0
		for b := range c {
			c[b], pos = pos, pos+c[b]
		}
		for _, e := range src {
			b := byte(e.key >> (8 * d))
			dst[c[b]] = e
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

func checkKNN(train [][]float64, trainLabels []int, test [][]float64, testLabels []int, k int) error {
	switch {
	case len(train) == 0:
		return &InputError{Field: "len(train)", Value: "0", Reason: "be at least 1"}
	case len(trainLabels) != len(train):
		return &InputError{Field: "len(trainLabels)", Value: strconv.Itoa(len(trainLabels)), Reason: fmt.Sprintf("equal len(train) = %d", len(train))}
	case len(test) == 0:
		return &InputError{Field: "len(test)", Value: "0", Reason: "be at least 1"}
	case len(testLabels) != len(test):
		return &InputError{Field: "len(testLabels)", Value: strconv.Itoa(len(testLabels)), Reason: fmt.Sprintf("equal len(test) = %d", len(test))}
	case k < 1:
		return &InputError{Field: "k", Value: strconv.Itoa(k), Reason: "be at least 1"}
	}
	d := len(train[0])
	if d == 0 {
		return &InputError{Field: "len(train[0])", Value: "0", Reason: "be at least 1"}
	}
	for _, set := range []struct {
		name   string
		points [][]float64
	}{{"train", train}, {"test", test}} {
		for i, p := range set.points {
			if len(p) != d {
				return &InputError{Field: fmt.Sprintf("len(%s[%d])", set.name, i), Value: strconv.Itoa(len(p)), Reason: fmt.Sprintf("equal the dimension %d", d)}
			}
			for c, v := range p {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return &InputError{Field: fmt.Sprintf("%s[%d][%d]", set.name, i, c), Value: fmtWorth(v), Reason: "be finite"}
				}
			}
		}
	}
	return nil
}
