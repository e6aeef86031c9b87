package distribution

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"strconv"
)

// Game is a transferable-utility cooperative game: n players and a characteristic function
// v that gives every coalition its worth (revenue, accuracy, coverage — any float64 unit).
// Players are numbered 0..Players()-1; Value receives the coalition as a sorted slice of
// distinct players, possibly empty, which it must not retain or modify.
//
// The functions of this package call Value from one goroutine at a time unless their
// documentation says otherwise (SampleShapley and SampleBanzhaf with Workers > 1 call it
// concurrently).
type Game interface {
	Players() int
	Value(coalition []int) float64 // players are 0..Players()-1; coalition is sorted, may be empty
}

// MaskGame is an optional fast path for games of at most 64 players: ValueMask returns the
// worth of the coalition whose members are the set bits of mask (player i is bit i). It must
// agree with Value. Exact methods and samplers use it when a game implements it, which
// avoids building coalition slices.
type MaskGame interface {
	Game
	ValueMask(mask uint64) float64
}

// MaxTablePlayers bounds NewTableGame: a table of 2^30 float64 values already takes 8 GiB.
const MaxTablePlayers = 30

// TableGame is a game given by the worth of every coalition, indexed by bitmask: values[mask]
// is v(S) where player i is in S when bit i of mask is set. This is the order of a bitmask
// table (v∅, v1, v2, v12, v3, v13, v23, v123), not R CoopGame's order by cardinality.
//
// A TableGame is immutable after NewTableGame and safe for concurrent use. Its JSON form is
// {"values":[...]}.
type TableGame struct {
	n      int
	values []float64
}

// NewTableGame returns the game whose characteristic function is values, of length 2^n with
// 1 ≤ n ≤ MaxTablePlayers; values[mask] is the worth of the coalition of the set bits of
// mask. The slice is copied. Values must be finite; v(∅) need not be zero (the values of
// this package measure v(S) − v(∅) contributions, which are unaffected by it).
func NewTableGame(values []float64) (*TableGame, error) {
	l := len(values)
	if l < 2 || l&(l-1) != 0 {
		return nil, &InputError{Field: "len(values)", Value: strconv.Itoa(l), Reason: "be a power of two 2^n with n ≥ 1"}
	}
	n := bits.TrailingZeros(uint(l))
	if n > MaxTablePlayers {
		return nil, &SizeError{Method: "NewTableGame", Players: n, Max: MaxTablePlayers}
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &InputError{Field: fmt.Sprintf("values[%d]", i), Value: fmtWorth(v), Reason: "be finite"}
		}
	}
	return &TableGame{n: n, values: append([]float64(nil), values...)}, nil
}

// Players returns n.
func (g *TableGame) Players() int { return g.n }

// Value returns v(coalition). It panics if a player is outside 0..n-1, as indexing does.
func (g *TableGame) Value(coalition []int) float64 {
	var m uint64
	for _, p := range coalition {
		if p < 0 || p >= g.n {
			panic(fmt.Sprintf("distribution: player %d out of range [0, %d)", p, g.n))
		}
		m |= 1 << uint(p)
	}
	return g.values[m]
}

// ValueMask returns values[mask]; bits above n are ignored.
func (g *TableGame) ValueMask(mask uint64) float64 { return g.values[mask&(1<<uint(g.n)-1)] }

// Values returns a copy of the table.
func (g *TableGame) Values() []float64 { return append([]float64(nil), g.values...) }

type tableGameJSON struct {
	Values []float64 `json:"values"`
}

// MarshalJSON writes {"values":[v∅, v1, v2, v12, ...]}.
func (g *TableGame) MarshalJSON() ([]byte, error) {
	return json.Marshal(tableGameJSON{Values: g.values})
}

// Bounds on decoding untrusted JSON: at most 2^20 values (20 players) in at most 32 MiB of
// text (2^20 numbers of up to 30 characters).
const (
	maxTableJSONPlayers = 20
	maxTableJSONBytes   = 32 << 20
)

// UnmarshalJSON reads {"values":[...]} and validates it as NewTableGame does. It accepts at
// most 2^20 values (20 players), and counts them before decoding: a valid document holds
// only numbers, so its commas bound its values, and an oversized array is refused before a
// byte of it is allocated.
func (g *TableGame) UnmarshalJSON(data []byte) error {
	if commas := bytes.Count(data, []byte{','}); commas >= 1<<maxTableJSONPlayers {
		return &InputError{Field: "table game JSON values", Value: fmt.Sprintf("at least %d numbers", commas+1),
			Reason: fmt.Sprintf("hold at most 2^%d = %d values (%d players)", maxTableJSONPlayers, 1<<maxTableJSONPlayers, maxTableJSONPlayers)}
	}
	var raw tableGameJSON
	if err := decodeJSON("table game", data, &raw, maxTableJSONBytes); err != nil {
		return err
	}
	t, err := NewTableGame(raw.Values)
	if err != nil {
		return err
	}
	*g = *t
	return nil
}

// SizeError reports a game with more players than an exact method accepts. It wraps
// ErrTooLarge; its message suggests sampling.
type SizeError struct {
	Method  string // the function that refused, e.g. "Shapley"
	Players int    // players in the game
	Max     int    // the most the method accepts
	Limit   string // the setting that raises Max, e.g. "Limits.ExactPlayers"; "" when none does
}

func (e *SizeError) Error() string {
	raise := ""
	if e.Limit != "" {
		raise = ", or raise " + e.Limit
	}
	return fmt.Sprintf("distribution: %s: %d players exceed the exact limit of %d (use SampleShapley or SampleBanzhaf%s)", e.Method, e.Players, e.Max, raise)
}

// Unwrap returns ErrTooLarge.
func (e *SizeError) Unwrap() error { return ErrTooLarge }

// ValueError reports a game whose characteristic function returned NaN or ±Inf.
// It wraps ErrInvalidInput.
type ValueError struct {
	Coalition uint64 // the coalition as a bitmask (player i is bit i), for games of ≤ 64 players
	Value     float64
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("distribution: game value of coalition %#x must be finite, got %s", e.Coalition, fmtWorth(e.Value))
}

// Unwrap returns ErrInvalidInput.
func (e *ValueError) Unwrap() error { return ErrInvalidInput }

func fmtWorth(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// checkGamePlayers validates a game handed to an exact method that enumerates 2^n coalitions.
func checkGamePlayers(method string, g Game, max int) (int, error) {
	if g == nil {
		return 0, &InputError{Field: "game", Value: "nil", Reason: "not be nil"}
	}
	n := g.Players()
	if n < 1 {
		return 0, &InputError{Field: "game.Players()", Value: strconv.Itoa(n), Reason: "be at least 1"}
	}
	if n > max {
		return 0, &SizeError{Method: method, Players: n, Max: max}
	}
	return n, nil
}

// ctxCheckEvery is how many coalitions the enumerations handle between context checks: a
// few milliseconds of work.
const ctxCheckEvery = 1 << 16

// coalitionTable returns v(S) for every mask S of an n-player game (n ≤ 30): the game's own
// table when it is a *TableGame, else a table filled through ValueMask or Value. The slice
// of a TableGame is shared and must not be modified.
func coalitionTable(ctx context.Context, g Game, n int) ([]float64, error) {
	if t, ok := g.(*TableGame); ok {
		return t.values, nil
	}
	size := 1 << uint(n)
	v := make([]float64, size)
	mg, isMask := g.(MaskGame)
	coalition := make([]int, 0, n)
	for m := range size {
		if m%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, ctxError(err)
			}
		}
		var x float64
		if isMask {
			x = mg.ValueMask(uint64(m))
		} else {
			coalition = maskMembers(coalition[:0], uint64(m))
			x = g.Value(coalition)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, &ValueError{Coalition: uint64(m), Value: x}
		}
		v[m] = x
	}
	return v, nil
}

// maskMembers appends the set bits of m, in increasing order, to dst.
func maskMembers(dst []int, m uint64) []int {
	for m != 0 {
		dst = append(dst, bits.TrailingZeros64(m))
		m &= m - 1
	}
	return dst
}

// ctxError wraps a context error so that errors.Is(err, context.Canceled) holds.
func ctxError(err error) error { return fmt.Errorf("distribution: stopped: %w", err) }
