package distribution

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// countingGame counts the calls of Value of the game it wraps.
type countingGame struct {
	g     Game
	calls *atomic.Int64
}

func (c countingGame) Players() int { return c.g.Players() }
func (c countingGame) Value(coalition []int) float64 {
	c.calls.Add(1)
	return c.g.Value(coalition)
}

func TestCachedGame_SameEstimateFewerCalls(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 11))
	for _, tc := range []struct {
		name     string
		g        Game
		capacity int
		maxCalls int64 // distinct coalitions the game can be asked for (2^n), when bounded
	}{
		{"table n=5, room for all", randomTable(t, rng, 5), 1 << 10, 32},
		{"table n=5, evicting", randomTable(t, rng, 5), 4, 0},
		{"additive n=70, keys beyond a bitmask", incrementalGames(t, rng, 70)["additive"], 1 << 12, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, opt := range []SampleOptions{{Seed: 1, MaxPermutations: 400}, {Seed: 2, MaxPermutations: 400, Workers: 4}} {
				want, err := SampleShapley(ctx, valueOnly{tc.g}, opt)
				if err != nil {
					t.Fatal(err)
				}
				var calls atomic.Int64
				c, err := NewCachedGame(countingGame{tc.g, &calls}, tc.capacity)
				if err != nil {
					t.Fatal(err)
				}
				got, err := SampleShapley(ctx, c, opt)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("cached estimate differs (-uncached +cached):\n%s", d)
				}
				st := c.Stats()
				if st.Entries > tc.capacity {
					t.Errorf("%d entries, capacity %d", st.Entries, tc.capacity)
				}
				// Value(nil) is asked once more than the estimate's evaluations count.
				if int64(st.Misses) != calls.Load() || st.Hits+st.Misses != got.Evaluations+1 {
					t.Errorf("stats %+v, game calls %d, evaluations %d", st, calls.Load(), got.Evaluations)
				}
				if tc.maxCalls > 0 && opt.Workers == 0 && calls.Load() > tc.maxCalls {
					t.Errorf("the game was called %d times, want at most once per coalition (%d)", calls.Load(), tc.maxCalls)
				}
			}
		})
	}
}

func TestNewCachedGame_RejectsBadArguments(t *testing.T) {
	g, _ := NewAdditiveGame([]float64{1})
	if _, err := NewCachedGame(g, 0); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("capacity 0: got %v", err)
	}
	if _, err := NewCachedGame(nil, 10); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("nil game: got %v", err)
	}
}

func ExampleNewCachedGame() {
	// Stands for a game that trains a model per call: v(S) = |S|².
	v := make([]float64, 16)
	for m := range v {
		v[m] = float64(bits.OnesCount(uint(m)) * bits.OnesCount(uint(m)))
	}
	costly, _ := NewTableGame(v)
	c, _ := NewCachedGame(valueOnly{costly}, 1<<10)
	if _, err := SampleShapley(context.Background(), c, SampleOptions{Seed: 1, MaxPermutations: 100}); err != nil {
		fmt.Println(err)
	}
	st := c.Stats()
	fmt.Println(st.Misses <= 16, st.Hits+st.Misses) // 16 coalitions; v(∅) + 100·4 calls
	// Output: true 401
}
