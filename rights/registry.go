package rights

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"

	"golang.org/x/mod/sumdb/tlog"
)

// Registry is an in-memory, append-only log of events, like the chain of record of a data
// property rights registry (Shenzhen's Interim Measures keep records on a blockchain or
// similar technology, and vouchers for at least 30 years). It indexes events by hash, by
// asset and by party, and keeps a Merkle tree over the log — RFC 6962 hashing through golang.org/x/mod/sumdb/tlog, the
// Go checksum database's implementation — so that a client holding a tree head can check
// that an event is in the log (an inclusion proof) and that a later head extends an earlier
// one (a consistency proof).
//
// The leaves of the tree are the events' binary records (Event.MarshalBinary), signature
// included, in append order. A backend that persists the records and appends them again in
// order rebuilds an identical registry and tree.
//
// The zero Registry is empty and ready to use. A Registry is safe for concurrent use by any
// number of readers and writers; appends are serialised. It must not be copied after first
// use.
type Registry struct {
	mu      sync.RWMutex
	events  []Event
	index   map[Hash]int64
	byAsset map[string][]int64
	byParty map[PartyID][]int64
	derived map[string][]string // asset → products derived directly from it
	stored  []tlog.Hash         // the tree's stored hashes (tlog.StoredHashIndex layout)
}

// Append checks e and adds it to the end of the log, returning its index. e must be valid
// and correctly signed, must not be in the log already (ErrDuplicate), and every parent must
// be in the log and one it may build on (a *LinkError), so the log is always a closed,
// acyclic set. Append does not judge authority — a license by a party that held nothing is
// recorded, and Verify will say it is void — because a registry records what is filed, and
// objections and cancellations can only be judged against the time they concern.
func (r *Registry) Append(e Event) (int64, error) {
	data, err := e.MarshalBinary()
	if err != nil {
		return 0, err
	}
	h := Hash(sha256.Sum256(data[:len(data)-4-len(e.Signature)])) // the body, without the signature
	if !e.verifySignature(h) {
		return 0, &SignatureError{Hash: h, Signer: e.Signer.ID}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.index == nil {
		r.index = make(map[Hash]int64)
		r.byAsset = make(map[string][]int64)
		r.byParty = make(map[PartyID][]int64)
		r.derived = make(map[string][]string)
	}
	if _, ok := r.index[h]; ok {
		return 0, fmt.Errorf("rights: event %s: %w", h.Short(), ErrDuplicate)
	}
	self := &node{ev: e, hash: h}
	for _, p := range e.Parents {
		i, ok := r.index[p]
		if !ok {
			return 0, &LinkError{Hash: h, Parent: p}
		}
		if err := checkLink(self, &node{ev: r.events[i], hash: p}); err != nil {
			return 0, err
		}
	}
	n := int64(len(r.events))
	hashes, err := tlog.StoredHashes(n, data, r.reader())
	if err != nil {
		return 0, fmt.Errorf("rights: registry tree: %w", err)
	}
	r.stored = append(r.stored, hashes...)
	r.events = append(r.events, e)
	r.index[h] = n
	r.byAsset[e.Asset] = append(r.byAsset[e.Asset], n)
	r.byParty[e.Signer.ID] = append(r.byParty[e.Signer.ID], n)
	if !e.Subject.IsZero() {
		r.byParty[e.Subject.ID] = append(r.byParty[e.Subject.ID], n)
	}
	if e.Kind == KindDerive {
		for _, p := range e.Parents {
			pa := r.events[r.index[p]].Asset
			if !slices.Contains(r.derived[pa], e.Asset) {
				r.derived[pa] = append(r.derived[pa], e.Asset)
			}
		}
	}
	return n, nil
}

// reader reads the stored hashes; the caller holds r.mu.
func (r *Registry) reader() tlog.HashReader {
	return tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, k := range idx {
			if k < 0 || k >= int64(len(r.stored)) {
				return nil, fmt.Errorf("rights: registry: stored hash %d out of range", k)
			}
			out[i] = r.stored[k]
		}
		return out, nil
	})
}

// Len returns the number of events in the log.
func (r *Registry) Len() int64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return int64(len(r.events))
}

// Event returns the event with hash h and its index in the log.
func (r *Registry) Event(h Hash) (Event, int64, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	i, ok := r.index[h]
	if !ok {
		return Event{}, 0, false
	}
	return r.events[i], i, true
}

// At returns the event at index i of the log and its binary record, the leaf of the tree
// (re-encoded on demand: the registry keeps events, not records).
func (r *Registry) At(i int64) (Event, []byte, bool) {
	r.mu.RLock()
	if i < 0 || i >= int64(len(r.events)) {
		r.mu.RUnlock()
		return Event{}, nil, false
	}
	e := r.events[i]
	r.mu.RUnlock()
	rec, _ := e.MarshalBinary() // Append encoded it once already, so it encodes
	return e, rec, true
}

// Asset returns the events about asset id, in log order, with their indexes. The sequence
// is a snapshot: events appended while it is iterated are not in it, and iterating holds no
// lock, so a slow consumer never blocks appends:
//
//	for i, e := range r.Asset("GZ-BDC-2024-0017") { … }
func (r *Registry) Asset(id string) iter.Seq2[int64, Event] {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.snapshot(r.byAsset[id])
}

// Party returns the events that party id signed or is the subject of, in log order, with
// their indexes; a snapshot, as Asset's.
func (r *Registry) Party(id PartyID) iter.Seq2[int64, Event] {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.snapshot(r.byParty[id])
}

// snapshot returns a sequence over the events at indexes idx; the caller holds r.mu. The
// log is append-only and its events are never modified, so the slice headers taken here
// stay valid without the lock: appends write only past their lengths, or to new arrays.
func (r *Registry) snapshot(idx []int64) iter.Seq2[int64, Event] {
	events := r.events
	return func(yield func(int64, Event) bool) {
		for _, i := range idx {
			if !yield(i, events[i]) {
				return
			}
		}
	}
}

func (r *Registry) collect(idx []int64) []Event {
	if len(idx) == 0 {
		return nil
	}
	out := make([]Event, len(idx))
	for i, k := range idx {
		out[i] = r.events[k]
	}
	return out
}

// Evidence returns what a client needs to verify offline any query about asset id: every
// event about it, about each product derived from it, and about each asset those events
// build on (so rival claims, objections and cancellations are included), with everything
// they link to, in log order. Verify(r.Evidence(id), q) decides any q about id, with or
// without Derived, as it would on the whole log.
func (r *Registry) Evidence(id string) []Event {
	r.mu.RLock()
	defer r.mu.RUnlock()
	seen := make(map[int64]bool)
	seenAsset := make(map[string]bool)
	var stack []int64
	addAsset := func(a string) {
		if seenAsset[a] {
			return
		}
		seenAsset[a] = true
		for _, i := range r.byAsset[a] {
			if !seen[i] {
				seen[i] = true
				stack = append(stack, i)
			}
		}
	}
	assets := []string{id}
	for a := 0; a < len(assets); a++ {
		addAsset(assets[a])
		for _, p := range r.derived[assets[a]] {
			if !slices.Contains(assets, p) {
				assets = append(assets, p)
			}
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range r.events[i].Parents {
			addAsset(r.events[r.index[p]].Asset)
		}
	}
	idx := make([]int64, 0, len(seen))
	for i := range seen {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	return r.collect(idx)
}

// Head returns the tree head of the log: its size and Merkle root hash (RFC 6962).
func (r *Registry) Head() (tlog.Tree, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := int64(len(r.events))
	th, err := tlog.TreeHash(n, r.reader())
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("rights: registry tree: %w", err)
	}
	return tlog.Tree{N: n, Hash: th}, nil
}

// ProveInclusion returns a proof that the event at index i is in the tree of size n
// (i < n ≤ Len()); check it with CheckInclusion.
func (r *Registry) ProveInclusion(i, n int64) (tlog.RecordProof, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if i < 0 || n <= i || n > int64(len(r.events)) {
		return nil, &FormatError{Field: "inclusion proof", Value: fmt.Sprint(i, " of ", n), Reason: fmt.Sprint("want 0 ≤ index < size ≤ ", len(r.events))}
	}
	return tlog.ProveRecord(n, i, r.reader())
}

// ProveConsistency returns a proof that the tree of size n is a prefix of the tree of size
// m (0 < n ≤ m ≤ Len()); check it with CheckConsistency.
func (r *Registry) ProveConsistency(n, m int64) (tlog.TreeProof, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if n <= 0 || m < n || m > int64(len(r.events)) {
		return nil, &FormatError{Field: "consistency proof", Value: fmt.Sprint(n, " to ", m), Reason: fmt.Sprint("want 0 < old ≤ new ≤ ", len(r.events))}
	}
	return tlog.ProveTree(m, n, r.reader())
}

// ErrProof reports an inclusion or consistency proof that does not check.
var ErrProof = errors.New("rights: proof does not verify")

// CheckInclusion checks that record — an event's binary record — is at index i of the tree
// with head tree, by proof. It needs nothing but its arguments: a client runs it offline.
func CheckInclusion(tree tlog.Tree, i int64, record []byte, proof tlog.RecordProof) error {
	if err := tlog.CheckRecord(proof, tree.N, tree.Hash, i, tlog.RecordHash(record)); err != nil {
		return fmt.Errorf("%w: inclusion of record %d in tree of size %d: %v", ErrProof, i, tree.N, err)
	}
	return nil
}

// CheckConsistency checks that the tree with head old is a prefix of the tree with head
// newer, by proof: the log was only appended to between the two heads.
func CheckConsistency(old, newer tlog.Tree, proof tlog.TreeProof) error {
	if err := tlog.CheckTree(proof, newer.N, newer.Hash, old.N, old.Hash); err != nil {
		return fmt.Errorf("%w: consistency of tree %d with tree %d: %v", ErrProof, old.N, newer.N, err)
	}
	return nil
}
