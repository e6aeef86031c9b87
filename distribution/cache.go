package distribution

import (
	"encoding/binary"
	"strconv"
	"sync"
)

// CachedGame remembers the worths of a costly game — one whose Value trains a model or queries
// a database — so that a coalition met twice is evaluated once. Samplers meet coalitions
// again more often than one might think: an n-player game has only 2^n of them, every
// permutation starts with one of n singletons, and truncated Monte Carlo revisits the short
// prefixes (pyDVL offers the same opt-in cache of utility calls, pydvl.utils.caching, for
// the same reason). It is opt-in: wrap a game with NewCachedGame. The cache holds at most
// Capacity coalitions and forgets the oldest first; its keys are exact (the bitmask for
// games of at most 64 players, the member list otherwise), so a cached worth is the very
// worth Value returned and estimates are identical with and without the cache.
//
// A CachedGame is safe for concurrent use when the game it wraps is: Value may run for the
// same coalition on two goroutines at once, and both results are the same.
type CachedGame struct {
	g   Game
	cap int

	mu     sync.Mutex
	worth  map[string]float64
	order  []string // ring of keys, oldest at next
	next   int
	hits   int
	misses int
}

// CacheStats counts the calls of a CachedGame: Hits served from the cache, Misses passed to
// the game, Entries held now.
type CacheStats struct {
	Hits, Misses, Entries int
}

// NewCachedGame returns g behind a cache of at most capacity coalitions (capacity ≥ 1; each
// entry costs about 60 bytes plus 8 bytes per member for games of more than 64 players).
func NewCachedGame(g Game, capacity int) (*CachedGame, error) {
	if g == nil {
		return nil, &InputError{Field: "game", Value: "nil", Reason: "not be nil"}
	}
	if capacity < 1 {
		return nil, &InputError{Field: "capacity", Value: strconv.Itoa(capacity), Reason: "be at least 1"}
	}
	return &CachedGame{g: g, cap: capacity, worth: make(map[string]float64, min(capacity, 1<<16))}, nil
}

// Players returns the wrapped game's number of players.
func (c *CachedGame) Players() int { return c.g.Players() }

// Value returns the cached worth of the coalition, or asks the wrapped game and remembers it.
func (c *CachedGame) Value(coalition []int) float64 {
	var buf [64]byte
	key := c.key(buf[:0], coalition)
	c.mu.Lock()
	v, ok := c.worth[string(key)]
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	c.mu.Unlock()
	if ok {
		return v
	}
	v = c.g.Value(coalition)
	c.mu.Lock()
	if _, again := c.worth[string(key)]; !again {
		k := string(key)
		if len(c.order) < c.cap {
			c.order = append(c.order, k)
		} else {
			delete(c.worth, c.order[c.next])
			c.order[c.next] = k
			c.next = (c.next + 1) % c.cap
		}
		c.worth[k] = v
	}
	c.mu.Unlock()
	return v
}

// key encodes a coalition exactly: its bitmask for games of at most 64 players, else its
// members as varints.
func (c *CachedGame) key(dst []byte, coalition []int) []byte {
	if c.g.Players() <= 64 {
		var m uint64
		for _, p := range coalition {
			m |= 1 << uint(p)
		}
		return binary.LittleEndian.AppendUint64(dst, m)
	}
	for _, p := range coalition {
		dst = binary.AppendUvarint(dst, uint64(p))
	}
	return dst
}

// Stats returns the counts so far.
func (c *CachedGame) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, Entries: len(c.worth)}
}
