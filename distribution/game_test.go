package distribution

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// approx compares float64 results of exact methods with rational oracles: the only
// differences allowed are float64 rounding.
var exactTol = cmpopts.EquateApprox(1e-12, 1e-12)

// lpApprox compares results of the simplex-based methods, exact up to the LP tolerance.
var lpTol = cmpopts.EquateApprox(1e-9, 1e-7)

// sliceGame hides the MaskGame fast path of the game it wraps, so tests exercise Value.
type sliceGame struct{ g Game }

func (s sliceGame) Players() int                  { return s.g.Players() }
func (s sliceGame) Value(coalition []int) float64 { return s.g.Value(coalition) }

// funcGame is a game given by a function of the coalition bitmask, without the fast path.
type funcGame struct {
	n int
	f func(mask uint64) float64
}

func (g funcGame) Players() int { return g.n }
func (g funcGame) Value(c []int) float64 {
	var m uint64
	for _, p := range c {
		m |= 1 << uint(p)
	}
	return g.f(m)
}

// randomTable returns a seeded random game of n players with worths in [−50, 100) on a grid
// of 1/8, so that oracle arithmetic in big.Rat is exact.
func randomTable(t testing.TB, rng *rand.Rand, n int) *TableGame {
	t.Helper()
	v := make([]float64, 1<<uint(n))
	for m := 1; m < len(v); m++ {
		v[m] = float64(rng.IntN(1200)-400) / 8
	}
	g, err := NewTableGame(v)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// ratValue returns v(S) of a game for the coalition of mask as an exact rational.
func ratValue(g Game, mask uint64) *big.Rat {
	var c []int
	for i := range g.Players() {
		if mask&(1<<uint(i)) != 0 {
			c = append(c, i)
		}
	}
	return new(big.Rat).SetFloat64(g.Value(c))
}

// oracleShapleyPermutations computes the Shapley value by its other definition — the mean
// marginal contribution over all n! orders of arrival — in exact rational arithmetic (Heap's
// algorithm enumerates the orders). It shares no code with Shapley.
func oracleShapleyPermutations(g Game) []float64 { return oracleOrders(g, nil) }

// oracleOrders is the mean marginal contribution, in exact rational arithmetic, over the
// orders of arrival that keep accepts (all n! when keep is nil).
func oracleOrders(g Game, keep func(perm []int) bool) []float64 {
	n := g.Players()
	sum := make([]*big.Rat, n)
	for i := range sum {
		sum[i] = new(big.Rat)
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	count := 0
	visit := func() {
		if keep != nil && !keep(perm) {
			return
		}
		count++
		var mask uint64
		prev := ratValue(g, 0)
		for _, p := range perm {
			mask |= 1 << uint(p)
			cur := ratValue(g, mask)
			sum[p].Add(sum[p], new(big.Rat).Sub(cur, prev))
			prev = cur
		}
	}
	c := make([]int, n)
	visit()
	for i := 0; i < n; {
		if c[i] < i {
			if i%2 == 0 {
				perm[0], perm[i] = perm[i], perm[0]
			} else {
				perm[c[i]], perm[i] = perm[i], perm[c[i]]
			}
			visit()
			c[i]++
			i = 0
		} else {
			c[i] = 0
			i++
		}
	}
	out := make([]float64, n)
	for i := range out {
		out[i], _ = new(big.Rat).Quo(sum[i], big.NewRat(int64(count), 1)).Float64()
	}
	return out
}

// oracleSemivalue computes Σ_{S∌i} p(|S|)·[v(S∪i) − v(S)] with exact rational weights p,
// coalition by coalition through Game.Value.
func oracleSemivalue(g Game, p func(n, s int) *big.Rat) []float64 {
	n := g.Players()
	out := make([]float64, n)
	for i := range n {
		sum := new(big.Rat)
		for m := uint64(0); m < 1<<uint(n); m++ {
			if m&(1<<uint(i)) != 0 {
				continue
			}
			d := new(big.Rat).Sub(ratValue(g, m|1<<uint(i)), ratValue(g, m))
			sum.Add(sum, d.Mul(d, p(n, bitCount(m))))
		}
		out[i], _ = sum.Float64()
	}
	return out
}

func bitCount(m uint64) int {
	c := 0
	for ; m != 0; m >>= 1 {
		c += int(m & 1)
	}
	return c
}

func factorialBig(k int) *big.Int { return new(big.Int).MulRange(1, int64(max(k, 1))) }

func TestNewTableGame_RejectsBadInput(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		want   error
	}{
		{"empty", nil, ErrInvalidInput},
		{"one value is no player", []float64{0}, ErrInvalidInput},
		{"not a power of two", []float64{0, 1, 2}, ErrInvalidInput},
		{"NaN", []float64{0, math.NaN()}, ErrInvalidInput},
		{"Inf", []float64{0, 1, math.Inf(-1), 3}, ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTableGame(tt.values)
			if !errors.Is(err, tt.want) {
				t.Fatalf("NewTableGame(%v) error = %v, want %v", tt.values, err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not an *InputError", err)
			}
		})
	}
}

func TestTableGame_IndexesByBitmask(t *testing.T) {
	// The bitmask order, player i = bit i: (v∅, v1, v2, v12, v3, v13, v23, v123).
	g, err := NewTableGame([]float64{0, 1, 2, 12, 3, 13, 23, 123})
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{g.Value(nil), g.Value([]int{0}), g.Value([]int{1}), g.Value([]int{0, 1}),
		g.Value([]int{2}), g.Value([]int{0, 2}), g.Value([]int{1, 2}), g.Value([]int{0, 1, 2}), g.ValueMask(0b101)}
	want := []float64{0, 1, 2, 12, 3, 13, 23, 123, 13}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

func TestTableGame_JSONRoundTrip(t *testing.T) {
	g, err := NewTableGame([]float64{0, 10, 20, 40})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"values":[0,10,20,40]}`; string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
	var back TableGame
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(g.Values(), back.Values()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"values":[0,1,2]}`), &back); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("decoding 3 values: error = %v, want ErrInvalidInput", err)
	}
}

func TestHelperGames_AgreeOnBothPaths(t *testing.T) {
	add, _ := NewAdditiveGame([]float64{1.5, -2, 4})
	glove, _ := NewGloveGame(2, 3)
	market, _ := NewMarketGame([][]float64{{2, 0, 1}, {0, 3, 0}, {1, 1, 5}}, []float64{1, 2, 0})
	for _, g := range []MaskGame{add, glove, market} {
		n := g.Players()
		for m := uint64(0); m < 1<<uint(n); m++ {
			if a, b := g.ValueMask(m), g.Value(maskMembers(nil, m)); a != b {
				t.Errorf("%T: ValueMask(%b) = %v, Value = %v", g, m, a, b)
			}
		}
	}
	// Market worth by hand: players {0, 2} pool goods (3, 1, 6); units = min(3/1, 1/2) = 0.5.
	if got := market.Value([]int{0, 2}); got != 0.5 {
		t.Errorf("market v({0,2}) = %v, want 0.5", got)
	}
}

func TestGameErrors_AreTyped(t *testing.T) {
	ctx := context.Background()
	big := funcGame{n: MaxExactPlayers + 1, f: func(uint64) float64 { return 0 }}
	var se *SizeError
	if _, err := Shapley(ctx, big); !errors.As(err, &se) || !errors.Is(err, ErrTooLarge) {
		t.Errorf("Shapley on %d players: error = %v, want *SizeError wrapping ErrTooLarge", big.n, err)
	}
	nan := funcGame{n: 3, f: func(m uint64) float64 {
		if m == 5 {
			return math.NaN()
		}
		return 1
	}}
	var ve *ValueError
	if _, err := Banzhaf(ctx, nan); !errors.As(err, &ve) || ve.Coalition != 5 || !errors.Is(err, ErrInvalidInput) {
		t.Errorf("Banzhaf on a NaN game: error = %v, want *ValueError for coalition 5", err)
	}
	if _, err := Shapley(ctx, nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("Shapley(nil): error = %v, want ErrInvalidInput", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	slow := funcGame{n: 18, f: func(uint64) float64 { return 1 }}
	if _, err := Shapley(cancelled, slow); !errors.Is(err, context.Canceled) {
		t.Errorf("Shapley with a cancelled context: error = %v, want context.Canceled", err)
	}
}

func FuzzNewTableGame(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte(`{"values":[0,10,20,40]}`))
	f.Add([]byte(`{"values":[0,1,2]}`))
	f.Add([]byte(`{"values":[1e308,-1e308,0,5]}`))
	f.Add([]byte(`{"values":null}`))
	f.Add([]byte(`{"values":[0,1],"extra":true}`))     // unknown field
	f.Add([]byte(`{"values":[0,1]} {"values":[0,2]}`)) // trailing data
	f.Add([]byte(`{"values":[` + strings.Repeat("0,", 1<<12) + `0]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g TableGame
		if err := json.Unmarshal(data, &g); err != nil {
			return
		}
		n := g.Players()
		if n < 1 || len(g.Values()) != 1<<uint(n) {
			t.Fatalf("accepted a table of %d values as %d players", len(g.Values()), n)
		}
		phi, err := Shapley(context.Background(), &g)
		if err != nil {
			t.Fatal(err)
		}
		var s float64
		for _, x := range phi {
			s += x
		}
		total := g.ValueMask(1<<uint(n)-1) - g.ValueMask(0)
		if math.IsInf(total, 0) {
			return // the worths overflow when differenced
		}
		if math.Abs(s-total) > 1e-9*(1+math.Abs(total)+maxAbsFloat(g.Values())) {
			t.Fatalf("Σφ = %v, want v(N) − v(∅) = %v", s, total)
		}
	})
}

func maxAbsFloat(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = max(m, math.Abs(v))
	}
	return m
}
