package distribution

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// Defaults of Limits, chosen so that a game decoded from untrusted input costs at most tens of
// milliseconds and tens of megabytes by default, while the sizes a caller means to run stay a
// field away.
const (
	// DefaultExactPlayers is the default bound of the exact enumerations: 2^20 coalitions,
	// an 8 MiB table and tens of milliseconds.
	DefaultExactPlayers = 20
	// DefaultVotingWork is the default bound on the word operations of WeightedVoting's
	// dynamic programs, summed over the moduli: about 2^31, a few seconds at most.
	DefaultVotingWork = 1 << 31
	// DefaultVotingBytes is the default bound on the memory their tables hold at once.
	DefaultVotingBytes = 64 << 20
)

// Limits bounds the work of the exact methods, so that their cost is visible and chosen by
// the caller: each bound is checked before the expensive work starts, and exceeding one
// returns a *SizeError or *LimitError (both ErrTooLarge) naming the bound and the value. The
// zero value is a safe default for games decoded from untrusted input; Shapley, Banzhaf,
// WeightedVoting.ShapleyShubik and WeightedVoting.Banzhaf use it.
//
// A Limits is a plain value, safe to copy and to use from several goroutines.
type Limits struct {
	// ExactPlayers bounds the players of Shapley, Banzhaf and Semivalue, which enumerate all
	// 2^n coalitions and, for a game that is not a *TableGame, hold a table of 8·2^n bytes.
	// Zero (or negative) means DefaultExactPlayers (20); at most MaxExactPlayers (25: 256 MiB
	// and seconds), larger values count as MaxExactPlayers.
	ExactPlayers int
	// VotingWork bounds the word operations of the dynamic programs of
	// WeightedVoting.ShapleyShubikContext and BanzhafContext, estimated before they start
	// (moduli × n × sizes × quota for Shapley–Shubik, moduli × n × quota for Banzhaf).
	// Zero (or negative) means DefaultVotingWork.
	VotingWork int
	// VotingBytes bounds the memory of those dynamic programs' tables held at once; the
	// moduli run in parallel only as far as it allows. Zero (or negative) means
	// DefaultVotingBytes (64 MiB).
	VotingBytes int
}

func (l Limits) exactPlayers() int {
	if l.ExactPlayers <= 0 {
		return DefaultExactPlayers
	}
	return min(l.ExactPlayers, MaxExactPlayers)
}

// checkExact validates g for an exact enumeration under l.
func (l Limits) checkExact(method string, g Game) (int, error) {
	n, err := checkGamePlayers(method, g, l.exactPlayers())
	var se *SizeError
	if errors.As(err, &se) && se.Max < MaxExactPlayers {
		se.Limit = fmt.Sprintf("Limits.ExactPlayers (at most %d)", MaxExactPlayers)
	}
	return n, err
}

func (l Limits) votingWork() int {
	if l.VotingWork <= 0 {
		return DefaultVotingWork
	}
	return l.VotingWork
}

func (l Limits) votingBytes() int {
	if l.VotingBytes <= 0 {
		return DefaultVotingBytes
	}
	return l.VotingBytes
}

// Shapley is the function Shapley under these limits: games of up to l.ExactPlayers players.
func (l Limits) Shapley(ctx context.Context, g Game) ([]float64, error) {
	return l.enumerate(ctx, "Shapley", g, ShapleyWeights)
}

// Banzhaf is the function Banzhaf under these limits.
func (l Limits) Banzhaf(ctx context.Context, g Game) ([]float64, error) {
	return l.enumerate(ctx, "Banzhaf", g, BanzhafWeights)
}

// enumerate computes the semivalue of g with the coalition-size weights of its size, after
// checking the players against l.
func (l Limits) enumerate(ctx context.Context, method string, g Game, weights func(n int) []float64) ([]float64, error) {
	n, err := l.checkExact(method, g)
	if err != nil {
		return nil, err
	}
	acc, err := marginalsBySize(ctx, g, n)
	if err != nil {
		return nil, err
	}
	return weighSizes(acc, n, weights(n)), nil
}

// LimitError reports a problem whose estimated cost exceeds a bound of Limits. It wraps
// ErrTooLarge.
type LimitError struct {
	Method string // the function that refused, e.g. "WeightedVoting.ShapleyShubik"
	Limit  string // the bound, e.g. "VotingWork"
	Value  int    // the estimated cost, in the bound's unit (word operations, bytes)
	Max    int    // the bound in force
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("distribution: %s: Limits.%s must be at least %s for this game, got %s (raise it to run it)",
		e.Method, e.Limit, strconv.Itoa(e.Value), strconv.Itoa(e.Max))
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }
