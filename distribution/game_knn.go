package distribution

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// maxKNNGameCells bounds NewKNNGame's rank table, len(test)·len(train) int32 (1 GiB).
const maxKNNGameCells = 1 << 28

// KNNGame is the K-nearest-neighbour accuracy game of Jia et al. ("Efficient task-specific
// data valuation for nearest neighbor algorithms", PVLDB 12(11) 2019, eq. 6): the players are
// training points, and a coalition S is worth the mean over the test points of the fraction
// of the K nearest members of S that carry the test point's label,
//
//	v(S) = (1/T)·Σ_t (1/K)·Σ_{k ≤ min(K,|S|)} 1[y_{α_k(t)} = y_t],
//
// computed as one integer count divided by K·T, so that every path to it rounds the same.
// Ties in distance go to the lower training index, as in KNNShapley, whose exact values are
// this game's Shapley value.
//
// A KNNGame is immutable after NewKNNGame and safe for concurrent use. It is an
// IncrementalGame: adding a training point updates a bounded max-heap of the K nearest per
// test point, O(T·log K) whatever the coalition's size.
type KNNGame struct {
	in      knnGameJSON // the input, copied, for MarshalJSON
	n, t, k int
	rank    [][]int32 // rank[t][i]: the position of training point i by distance to test point t
	hit     [][]bool  // hit[t][i]: training point i carries test point t's label
}

// NewKNNGame returns the K-NN accuracy game of the training points on the test points,
// validated as KNNShapley validates them; len(test)·len(train) must not exceed 2^28.
func NewKNNGame(train [][]float64, trainLabels []int, test [][]float64, testLabels []int, k int) (*KNNGame, error) {
	if err := checkKNN(train, trainLabels, test, testLabels, k); err != nil {
		return nil, err
	}
	n, t := len(train), len(test)
	if n > math.MaxInt32 || t > maxKNNGameCells/n {
		return nil, &InputError{Field: "len(test)·len(train)", Value: strconv.Itoa(t) + "·" + strconv.Itoa(n), Reason: "be at most 2^28"}
	}
	g := &KNNGame{n: n, t: t, k: k, rank: make([][]int32, t), hit: make([][]bool, t),
		in: knnGameJSON{Train: cloneRows(train), TrainLabels: slices.Clone(trainLabels), Test: cloneRows(test), TestLabels: slices.Clone(testLabels), K: k}}
	order, tmp := make([]knnNeighbour, n), make([]knnNeighbour, n)
	for j, x := range test {
		sortByDistance(order, tmp, train, x)
		g.rank[j], g.hit[j] = make([]int32, n), make([]bool, n)
		for r, nb := range order {
			g.rank[j][nb.index] = int32(r)
		}
		for i, y := range trainLabels {
			g.hit[j][i] = y == testLabels[j]
		}
	}
	return g, nil
}

// Players returns the number of training points.
func (g *KNNGame) Players() int { return g.n }

// Value returns the mean K-NN accuracy of the coalition's training points on the test points.
func (g *KNNGame) Value(coalition []int) float64 {
	return worthOf(g.NewState(), coalition)
}

// NewState returns the incremental form: per test point, a max-heap (by rank) of the K
// nearest training points added so far, and the number of label matches in all heaps.
func (g *KNNGame) NewState() CoalitionState {
	return &knnState{g: g, heap: make([]int32, g.t*g.k), size: make([]int, g.t)}
}

type knnState struct {
	g    *KNNGame
	heap []int32 // heap[t·K : t·K+size[t]]: the players nearest to test point t, farthest first
	size []int
	hits int
}

func (s *knnState) Reset() float64 {
	clear(s.size)
	s.hits = 0
	return 0
}

func (s *knnState) Add(p int) float64 {
	g, k := s.g, s.g.k
	for t := range g.t {
		h, rank, hit := s.heap[t*k:t*k+k], g.rank[t], g.hit[t]
		switch m := s.size[t]; {
		case m < k: // sift up
			i := m
			for i > 0 && rank[h[(i-1)/2]] < rank[p] {
				h[i] = h[(i-1)/2]
				i = (i - 1) / 2
			}
			h[i] = int32(p)
			s.size[t]++
			if hit[p] {
				s.hits++
			}
		case rank[p] < rank[h[0]]: // replace the farthest, sift down
			if hit[h[0]] {
				s.hits--
			}
			if hit[p] {
				s.hits++
			}
			i := 0
			for {
				c := 2*i + 1
				if c >= k {
					break
				}
				if c+1 < k && rank[h[c+1]] > rank[h[c]] {
					c++
				}
				if rank[h[c]] <= rank[p] {
					break
				}
				h[i] = h[c]
				i = c
			}
			h[i] = int32(p)
		}
	}
	return float64(s.hits) / float64(k*g.t)
}

func cloneRows(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, r := range x {
		out[i] = slices.Clone(r)
	}
	return out
}

type knnGameJSON struct {
	Train       [][]float64 `json:"train"`
	TrainLabels []int       `json:"trainLabels"`
	Test        [][]float64 `json:"test"`
	TestLabels  []int       `json:"testLabels"`
	K           int         `json:"k"`
}

// MarshalJSON writes {"train":[[…]],"trainLabels":[…],"test":[[…]],"testLabels":[…],"k":K}.
func (g *KNNGame) MarshalJSON() ([]byte, error) { return json.Marshal(g.in) }

// UnmarshalJSON reads the form MarshalJSON writes (at most 16 MiB) and validates it as
// NewKNNGame does.
func (g *KNNGame) UnmarshalJSON(data []byte) error {
	var raw knnGameJSON
	if err := decodeJSON("knn game", data, &raw, maxGameJSONBytes); err != nil {
		return err
	}
	ng, err := NewKNNGame(raw.Train, raw.TrainLabels, raw.Test, raw.TestLabels, raw.K)
	if err != nil {
		return err
	}
	*g = *ng
	return nil
}
