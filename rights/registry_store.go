package rights

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/mod/sumdb/tlog"
)

// Store is where a Registry keeps its log: the events' binary records in append order, the
// Merkle tree's stored hashes (golang.org/x/mod/sumdb/tlog's StoredHashIndex layout, the
// checksum database's own cut between a log and its storage), the lookup keys of each event
// and the latest tree head. The Registry does every check and every hash; a Store only keeps
// rows, atomically.
//
// The zero Registry keeps its log in memory; rights/registry/sqlite (an embedded file, the
// default for durable use) and rights/registry/postgres (an exchange's server) keep it on
// disk. rights/registry/registrytest holds the conformance suite that every Store passes.
//
// A Store must be safe for concurrent use. Update transactions are serialised among all
// writers of the same log — other goroutines and, for a shared database, other processes —
// so that two appends never claim the same index: this is what keeps the log from forking.
type Store interface {
	// View runs fn in a read-only transaction that sees one consistent state of the log.
	View(ctx context.Context, fn func(StoreReader) error) error
	// Update runs fn in a read-write transaction, serialised with every other Update of the
	// log. If fn returns nil, every write it made commits together (and is durable when
	// Update returns, as far as the store's documented durability goes); if fn or the commit
	// fails, none does.
	Update(ctx context.Context, fn func(StoreWriter) error) error
	// Close releases the store's resources.
	Close() error
}

// StoreReader reads a Store inside a transaction. Its methods read the state as of the
// transaction, including the writes the transaction made itself.
type StoreReader interface {
	// Len returns the number of events in the log.
	Len() (int64, error)
	// Record returns the binary record of the event at index i (0 ≤ i < Len).
	Record(i int64) ([]byte, error)
	// Find returns the index of the event whose hash is h, or false.
	Find(h Hash) (int64, bool, error)
	// Lookup returns the indexes of the events filed under k, ascending.
	Lookup(k Key) ([]int64, error)
	// ReadHashes returns the tree's stored hashes at the given stored-hash indexes
	// (tlog.StoredHashIndex), in the order asked; the signature of tlog.HashReader.
	ReadHashes(indexes []int64) ([]tlog.Hash, error)
	// Checkpoint returns the tree head recorded by the last Update (zero if none).
	Checkpoint() (Checkpoint, error)
}

// StoreWriter writes a Store inside an Update transaction.
type StoreWriter interface {
	StoreReader
	// Append adds the event at index s.Index, which must be Len(): its record, its hash, its
	// lookup keys and its new stored hashes (stored-hash indexes tlog.StoredHashCount(s.Index)
	// onwards). A store rejects an index other than Len() and a hash already stored.
	Append(s StoredEvent) error
	// SetCheckpoint records the tree head after the transaction's appends.
	SetCheckpoint(c Checkpoint) error
}

// StoredEvent is one event as a Store keeps it.
type StoredEvent struct {
	Index  int64
	Hash   Hash
	Record []byte      // Event.MarshalBinary: the leaf of the tree
	Keys   []Key       // the lookups that find it
	Hashes []tlog.Hash // the stored hashes tlog.StoredHashes returns for the record
	Event  Event       // the event decoded, for a store that keeps it (the in-memory store)
}

// KeyKind says what a Key indexes.
type KeyKind uint8

const (
	// KeyAsset files an event under the asset it is about (Event.Asset).
	KeyAsset KeyKind = 1
	// KeyParty files an event under its signer and its subject.
	KeyParty KeyKind = 2
	// KeyDerivedFrom files a derivation under the asset of each of its parents.
	KeyDerivedFrom KeyKind = 3
)

// Key is a lookup key of the log: an asset ID, a party ID (its 32 bytes) or the asset a
// product is derived from.
type Key struct {
	Kind  KeyKind
	Value string
}

// keysOf returns the lookup keys of e; parentAssets are the assets of its parents.
func keysOf(e Event, parentAssets []string) []Key {
	keys := []Key{{KeyAsset, e.Asset}, {KeyParty, string(e.Signer.ID[:])}}
	if !e.Subject.IsZero() {
		keys = append(keys, Key{KeyParty, string(e.Subject.ID[:])})
	}
	if e.Kind == KindDerive {
		for _, a := range parentAssets {
			if k := (Key{KeyDerivedFrom, a}); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// Checkpoint is the tree head a Store records with each Update: the size and RFC 6962 root
// of the log, and, if the registry signs its heads, the signed note of that head. On open
// the registry recomputes the root from the stored hashes and compares.
type Checkpoint struct {
	N      int64
	Root   Hash
	Signed []byte // a note (golang.org/x/mod/sumdb/note) as SignHead makes it; nil if unsigned
}

// memStore is the in-memory Store of the zero Registry. Update holds the write lock; an
// Update whose fn fails truncates what it appended, so a failed batch leaves no trace.
//
// The in-memory store keeps each event decoded beside its record and serves it without
// re-checking it against its leaf hash: its bytes are out of reach of anything but the
// registry, which checked them when they were appended.
type memStore struct {
	mu      sync.RWMutex
	events  []Event
	records [][]byte
	hashes  []tlog.Hash
	index   map[Hash]int64
	keys    map[Key][]int64
	head    Checkpoint
}

// NewMemoryStore returns an empty Store kept in memory, the store of the zero Registry: for
// tests, and for a registry that must sign its heads (OpenRegistry) without persisting.
func NewMemoryStore() Store { return newMemStore() }

func newMemStore() *memStore {
	return &memStore{index: make(map[Hash]int64), keys: make(map[Key][]int64)}
}

func (m *memStore) View(ctx context.Context, fn func(StoreReader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	return fn(&memTx{m: m})
}

func (m *memStore) Update(ctx context.Context, fn func(StoreWriter) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{m: m, head: m.head}
	if err := fn(tx); err != nil {
		tx.rollback()
		return err
	}
	return nil
}

func (m *memStore) Close() error { return nil }

// memTx reads and writes a memStore under its lock, and remembers what it appended so that
// a failed Update can take it back.
type memTx struct {
	m        *memStore
	appended []StoredEvent
	head     Checkpoint // the head before the transaction
}

// rollback forgets what the transaction appended, newest first.
func (t *memTx) rollback() {
	m := t.m
	for _, s := range slices.Backward(t.appended) {
		delete(m.index, s.Hash)
		for _, k := range s.Keys {
			if idx := m.keys[k]; len(idx) > 0 && idx[len(idx)-1] == s.Index {
				if len(idx) == 1 {
					delete(m.keys, k)
				} else {
					m.keys[k] = idx[:len(idx)-1]
				}
			}
		}
		m.records[s.Index], m.events[s.Index] = nil, Event{}
		m.records, m.events = m.records[:s.Index], m.events[:s.Index]
		m.hashes = m.hashes[:tlog.StoredHashCount(s.Index)]
	}
	m.head = t.head
}

func (t *memTx) Len() (int64, error) { return int64(len(t.m.records)), nil }

func (t *memTx) Record(i int64) ([]byte, error) {
	if i < 0 || i >= int64(len(t.m.records)) {
		return nil, fmt.Errorf("rights: registry: record %d of %d: %w", i, len(t.m.records), ErrNotFound)
	}
	return t.m.records[i], nil
}

// decoded returns the event at index i as it was appended (see memStore).
func (t *memTx) decoded(i int64) (Event, []byte, bool) {
	if i < 0 || i >= int64(len(t.m.events)) {
		return Event{}, nil, false
	}
	return t.m.events[i], t.m.records[i], true
}

func (t *memTx) committed() []Event { return t.m.events }

func (t *memTx) Find(h Hash) (int64, bool, error) {
	i, ok := t.m.index[h]
	return i, ok, nil
}

func (t *memTx) Lookup(k Key) ([]int64, error) { return slices.Clone(t.m.keys[k]), nil }

func (t *memTx) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, k := range idx {
		if k < 0 || k >= int64(len(t.m.hashes)) {
			return nil, fmt.Errorf("rights: registry: stored hash %d of %d: %w", k, len(t.m.hashes), ErrNotFound)
		}
		out[i] = t.m.hashes[k]
	}
	return out, nil
}

func (t *memTx) Checkpoint() (Checkpoint, error) { return t.m.head, nil }

func (t *memTx) Append(s StoredEvent) error {
	m := t.m
	if s.Index != int64(len(m.records)) {
		return fmt.Errorf("rights: registry: append at %d to a log of %d", s.Index, len(m.records))
	}
	if _, ok := m.index[s.Hash]; ok {
		return fmt.Errorf("rights: event %s: %w", s.Hash.Short(), ErrDuplicate)
	}
	if want := tlog.StoredHashCount(s.Index); int64(len(m.hashes)) != want {
		return fmt.Errorf("rights: registry: %d stored hashes before event %d, want %d", len(m.hashes), s.Index, want)
	}
	m.records = append(m.records, s.Record)
	m.events = append(m.events, s.Event)
	m.hashes = append(m.hashes, s.Hashes...)
	m.index[s.Hash] = s.Index
	for _, k := range s.Keys {
		m.keys[k] = append(m.keys[k], s.Index)
	}
	t.appended = append(t.appended, s)
	return nil
}

func (t *memTx) SetCheckpoint(c Checkpoint) error {
	t.m.head = c
	return nil
}
