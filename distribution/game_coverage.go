package distribution

import (
	"encoding/json"
	"slices"
)

// CoverageGame is the set-cover game: player i covers a set of items (districts, road
// segments, hours of a day), and a coalition is worth the number of distinct items its
// members cover, v(S) = |∪_{i∈S} Cᵢ|. It models sensors or riders pooled into one map, where
// overlapping coverage is worth nothing twice (Deng & Papadimitriou, "On the complexity of
// cooperative solution concepts", Math. Oper. Res. 1994, treat the weighted form). Its
// Shapley value has the closed form φᵢ = Σ_{e∈Cᵢ} 1/|{j : e ∈ Cⱼ}| — every item is shared
// equally by the players who cover it — which the tests use as the exact reference.
//
// A CoverageGame is immutable after NewCoverageGame and safe for concurrent use; it is an
// IncrementalGame. Its JSON form is {"covers":[[item, …], …]}.
type CoverageGame struct {
	covers [][]int // dense item indices per player, sorted, distinct
	items  int     // number of distinct items
	ids    []int   // ids[dense] = the item as given
}

// NewCoverageGame returns the coverage game in which player i covers the items covers[i]
// (any integers; repeats within a player count once). There must be at least one player;
// a player may cover nothing. The input is copied.
func NewCoverageGame(covers [][]int) (*CoverageGame, error) {
	if len(covers) == 0 {
		return nil, &InputError{Field: "len(covers)", Value: "0", Reason: "be at least 1"}
	}
	dense := make(map[int]int)
	g := &CoverageGame{covers: make([][]int, len(covers))}
	for i, c := range covers {
		d := make([]int, 0, len(c))
		for _, e := range c {
			k, ok := dense[e]
			if !ok {
				k = len(dense)
				dense[e] = k
				g.ids = append(g.ids, e)
			}
			d = append(d, k)
		}
		slices.Sort(d)
		g.covers[i] = slices.Compact(d)
	}
	g.items = len(dense)
	return g, nil
}

// Players returns the number of players.
func (g *CoverageGame) Players() int { return len(g.covers) }

// Items returns the number of distinct items covered by all players together: v(N).
func (g *CoverageGame) Items() int { return g.items }

// Value returns the number of distinct items covered by the coalition.
func (g *CoverageGame) Value(coalition []int) float64 {
	seen := make([]uint64, (g.items+63)/64)
	n := 0
	for _, p := range coalition {
		for _, e := range g.covers[p] {
			if w, b := e/64, uint64(1)<<uint(e%64); seen[w]&b == 0 {
				seen[w] |= b
				n++
			}
		}
	}
	return float64(n)
}

// Shapley returns the exact Shapley value by the closed form φᵢ = Σ_{e∈Cᵢ} 1/mₑ, where mₑ is
// the number of players covering item e. O(Σ|Cᵢ|).
func (g *CoverageGame) Shapley() []float64 {
	holders := make([]int, g.items)
	for _, c := range g.covers {
		for _, e := range c {
			holders[e]++
		}
	}
	phi := make([]float64, len(g.covers))
	for i, c := range g.covers {
		for _, e := range c {
			phi[i] += 1 / float64(holders[e])
		}
	}
	return phi
}

// NewState returns the incremental form: a stamp per item, so that adding a player costs
// O(|Cᵢ|) and a reset O(1).
func (g *CoverageGame) NewState() CoalitionState {
	return &coverageState{g: g, stamp: make([]uint32, g.items)}
}

type coverageState struct {
	g     *CoverageGame
	stamp []uint32 // stamp[e] == gen: item e is covered
	gen   uint32
	n     int
}

func (s *coverageState) Reset() float64 {
	s.gen++
	if s.gen == 0 { // wrapped after 2^32 resets: clear once
		clear(s.stamp)
		s.gen = 1
	}
	s.n = 0
	return 0
}

func (s *coverageState) Add(p int) float64 {
	if s.gen == 0 {
		s.Reset()
	}
	for _, e := range s.g.covers[p] {
		if s.stamp[e] != s.gen {
			s.stamp[e] = s.gen
			s.n++
		}
	}
	return float64(s.n)
}

type coverageGameJSON struct {
	Covers [][]int `json:"covers"`
}

// MarshalJSON writes {"covers":[[item, …], …]}: each player's distinct items, in the order
// in which the items first appeared in the input.
func (g *CoverageGame) MarshalJSON() ([]byte, error) {
	out := make([][]int, len(g.covers))
	for i, c := range g.covers {
		out[i] = make([]int, len(c))
		for j, e := range c {
			out[i][j] = g.ids[e]
		}
	}
	return json.Marshal(coverageGameJSON{Covers: out})
}

// UnmarshalJSON reads {"covers":[[…], …]} (at most 16 MiB) and validates it as
// NewCoverageGame does.
func (g *CoverageGame) UnmarshalJSON(data []byte) error {
	var raw coverageGameJSON
	if err := decodeJSON("coverage game", data, &raw, maxGameJSONBytes); err != nil {
		return err
	}
	ng, err := NewCoverageGame(raw.Covers)
	if err != nil {
		return err
	}
	*g = *ng
	return nil
}
