package rights

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Registry is an append-only log of events, like the chain of record of a data property
// rights registry (Shenzhen's Interim Measures keep records on a blockchain or similar
// technology, and vouchers for at least 30 years). It indexes events by hash, by asset and by
// party, and keeps a Merkle tree over the log — RFC 6962 hashing through
// golang.org/x/mod/sumdb/tlog, the Go checksum database's implementation — so that a client
// holding a tree head can check that an event is in the log (an inclusion proof) and that a
// later head extends an earlier one (a consistency proof); the operator can sign its heads
// (SignHead) for auditors to witness (Witness).
//
// The leaves of the tree are the events' binary records (Event.MarshalBinary), signature
// included, in append order. The log, its indexes and its tree live in a Store: the zero
// Registry keeps them in memory; OpenRegistry opens one on a durable Store
// (rights/registry/sqlite, rights/registry/postgres). Every record read back is checked
// against its leaf hash, so bytes changed behind the registry's back are reported as a
// *CorruptError, never served.
//
// # Who may register
//
// Append does not judge authority — a license by a party that held nothing is recorded, and
// Verify will say it is void — because a registry records what is filed. Registrations are
// the exception: in a registry that strangers can append to, anyone could register an
// existing asset's ID and so raise a rival claim that freezes it. OpenRegistry therefore
// requires RegistryOptions.Registrars, the keys whose registrations the registry accepts,
// unless AnyRegistrar says the registry is private. The zero Registry is private: it is
// in memory, in one process, and accepts registrations by any key.
//
// The zero Registry is empty and ready to use. A Registry is safe for concurrent use by any
// number of readers and writers; appends are serialised by the Store, across processes for a
// shared database. It must not be copied after first use.
type Registry struct {
	once  sync.Once
	store Store
	opt   RegistryOptions
}

// RegistryOptions configures OpenRegistry. The zero value is not enough for OpenRegistry:
// name the Registrars, or set AnyRegistrar.
type RegistryOptions struct {
	// Registrars lists the keys whose registrations (KindRegister events) the registry
	// accepts; a registration signed by another key returns an *AuthorityError wrapping
	// ErrUntrusted. OpenRegistry requires it unless AnyRegistrar is set.
	Registrars []PartyID
	// AnyRegistrar accepts registrations signed by any key. Set it only for a private
	// registry whose every appender is trusted.
	AnyRegistrar bool
	// Signer, if not nil, signs the tree head recorded with every append, and OpenRegistry
	// checks the signature of the recorded head. Make one with NewHeadSigner.
	Signer note.Signer
	// Now returns the time written into signed heads; nil means time.Now.
	Now func() time.Time
}

// ErrNotFound reports an event, index or proof that is not in the registry.
var ErrNotFound = errors.New("rights: not in the registry")

// ErrCorrupt reports a store whose contents do not match their hashes: a record changed
// behind the registry's back, a stored hash flipped, a tree head that does not match.
var ErrCorrupt = errors.New("rights: registry store corrupt")

// ErrNoRegistrars reports OpenRegistry without a registrar list on a shared registry. It
// also matches assay.ErrInvalidInput.
var ErrNoRegistrars = errs.Sentinel("rights: a shared registry needs a registrar list", assay.ErrInvalidInput)

// CorruptError reports a stored record or hash that does not match the tree. It wraps
// ErrCorrupt.
type CorruptError struct {
	Index  int64  // the event (or, for a tree head, the log size) concerned
	Reason string // what did not match
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("rights: registry store corrupt at %d: %s", e.Index, e.Reason)
}

// Unwrap returns ErrCorrupt.
func (e *CorruptError) Unwrap() error { return ErrCorrupt }

// OpenRegistry returns a registry over s, after checking that the tree head recorded in s
// matches the stored tree (the root recomputed from the stored hashes, the last record
// against its leaf, and the head's signature when opt.Signer is set): a store changed behind
// the registry's back returns a *CorruptError. Check verifies every record and hash.
//
// A registry opened on a Store is shared — other processes may append to the same database —
// so opt must name the Registrars or set AnyRegistrar (else ErrNoRegistrars). The registry
// does not close s.
func OpenRegistry(ctx context.Context, s Store, opt RegistryOptions) (*Registry, error) {
	if s == nil {
		return nil, &FormatError{Field: "registry store", Reason: "must not be nil"}
	}
	if len(opt.Registrars) == 0 && !opt.AnyRegistrar {
		return nil, fmt.Errorf("%w: set RegistryOptions.Registrars (or AnyRegistrar for a private registry)", ErrNoRegistrars)
	}
	opt.Registrars = slices.Clone(opt.Registrars)
	r := &Registry{store: s, opt: opt}
	r.once.Do(func() {})
	err := s.View(ctx, func(tx StoreReader) error {
		n, err := tx.Len()
		if err != nil {
			return err
		}
		cp, err := tx.Checkpoint()
		if err != nil {
			return err
		}
		if n == 0 && cp.N == 0 {
			return nil
		}
		if cp.N != n {
			return &CorruptError{Index: n, Reason: fmt.Sprintf("the recorded tree head has size %d", cp.N)}
		}
		if _, _, err := readAt(tx, n-1); err != nil {
			return err
		}
		return r.checkHead(tx, cp)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// checkHead checks that cp is the head of the stored tree (and, if signed, that the signature
// is good and names the same head).
func (r *Registry) checkHead(tx StoreReader, cp Checkpoint) error {
	th, err := tlog.TreeHash(cp.N, hashReader(tx))
	if err != nil {
		return storeErr(err)
	}
	if Hash(th) != cp.Root {
		return &CorruptError{Index: cp.N, Reason: "the stored hashes do not give the recorded root"}
	}
	if v, ok := verifierOf(r.opt.Signer); ok && cp.Signed != nil {
		sh, err := OpenHead(cp.Signed, note.VerifierList(v))
		if err != nil {
			return &CorruptError{Index: cp.N, Reason: "the recorded signed head: " + err.Error()}
		}
		if sh.Tree.N != cp.N || Hash(sh.Tree.Hash) != cp.Root {
			return &CorruptError{Index: cp.N, Reason: "the recorded signed head names another tree"}
		}
	}
	return nil
}

// storeErr keeps the typed errors of this package and marks any other error of a hash read
// as a store failure.
func storeErr(err error) error {
	if errors.Is(err, ErrCorrupt) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("rights: registry tree: %w", err)
}

// st returns the registry's store, making the in-memory one on first use of a zero Registry.
func (r *Registry) st() Store {
	r.once.Do(func() {
		if r.store == nil {
			r.store = newMemStore()
			r.opt.AnyRegistrar = true
		}
	})
	return r.store
}

// Append checks e and adds it to the end of the log, returning its index. e must be valid
// and correctly signed (a *SignatureError), and every parent must be in the log and one it
// may build on (a *LinkError), so the log is always a closed, acyclic set; a registration
// must be signed by a registrar (see Registry). Appending an event already in the log is
// idempotent: it returns the event's index and changes nothing (an event with the same hash
// but another record — another signature — returns ErrDuplicate).
func (r *Registry) Append(ctx context.Context, e Event) (int64, error) {
	idx, _, err := r.appendBatch(ctx, []Event{e})
	if err != nil {
		return 0, err
	}
	return idx[0], nil
}

// AppendBatch appends events in order in one transaction, as Append would one by one, and
// returns their indexes: either every event is appended (or found already in the log) or, on
// the first event that fails, none is, and the error is a *BatchError naming it. A batch
// costs one commit — one fsync for the SQLite store — which is what makes bulk loading fast.
func (r *Registry) AppendBatch(ctx context.Context, events []Event) ([]int64, error) {
	idx, k, err := r.appendBatch(ctx, events)
	if err != nil {
		return nil, &BatchError{Position: k, Err: err}
	}
	return idx, nil
}

// BatchError reports the event of a batch that failed; no event of the batch was appended.
type BatchError struct {
	Position int // the failing event's position in the batch, from 0
	Err      error
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("rights: batch event %d: %v", e.Position, e.Err)
}

// Unwrap returns the event's error.
func (e *BatchError) Unwrap() error { return e.Err }

// prepared is an event checked outside the store's transaction: encoded, hashed, signature
// verified.
type prepared struct {
	ev   Event
	data []byte
	hash Hash
}

// appendBatch appends events and returns their indexes, or the position of the first failing
// event and its error.
func (r *Registry) appendBatch(ctx context.Context, events []Event) ([]int64, int, error) {
	s := r.st()
	ps := make([]prepared, len(events))
	for k, e := range events {
		data, err := e.MarshalBinary()
		if err != nil {
			return nil, k, err
		}
		h := Hash(sha256.Sum256(data[:len(data)-4-len(e.Signature)])) // the body, without the signature
		if !e.verifySignature(h) {
			return nil, k, &SignatureError{Hash: h, Signer: e.Signer.ID}
		}
		if e.Kind == KindRegister && !r.opt.AnyRegistrar && !slices.Contains(r.opt.Registrars, e.Signer.ID) {
			return nil, k, &AuthorityError{Hash: h, Signer: e.Signer.ID, At: e.Time, Err: ErrUntrusted}
		}
		ps[k] = prepared{ev: e, data: data, hash: h}
	}
	out := make([]int64, len(ps))
	failed := 0
	err := s.Update(ctx, func(tx StoreWriter) error {
		n, err := tx.Len()
		if err != nil {
			return err
		}
		n0 := n
		for k, p := range ps {
			failed = k
			if k%256 == 255 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			i, err := r.appendOne(tx, n, p)
			if err != nil {
				return err
			}
			out[k] = i
			if i == n {
				n++
			}
		}
		failed = len(ps)
		if n == n0 {
			return nil
		}
		return r.setCheckpoint(tx, n)
	})
	if err != nil {
		return nil, min(failed, len(ps)-1), err
	}
	return out, 0, nil
}

// appendOne appends p at index n, or returns the index it already has.
func (r *Registry) appendOne(tx StoreWriter, n int64, p prepared) (int64, error) {
	if i, ok, err := tx.Find(p.hash); err != nil {
		return 0, err
	} else if ok {
		rec, err := tx.Record(i)
		if err != nil {
			return 0, err
		}
		if !bytes.Equal(rec, p.data) {
			return 0, fmt.Errorf("rights: event %s at %d with another signature: %w", p.hash.Short(), i, ErrDuplicate)
		}
		return i, nil
	}
	self := &node{ev: p.ev, hash: p.hash}
	var parentAssets []string
	for _, ph := range p.ev.Parents {
		i, ok, err := tx.Find(ph)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, &LinkError{Hash: p.hash, Parent: ph}
		}
		pe, _, err := readAt(tx, i)
		if err != nil {
			return 0, err
		}
		if err := checkLink(self, &node{ev: pe, hash: ph}); err != nil {
			return 0, err
		}
		parentAssets = append(parentAssets, pe.Asset)
	}
	hashes, err := tlog.StoredHashes(n, p.data, hashReader(tx))
	if err != nil {
		return 0, storeErr(err)
	}
	err = tx.Append(StoredEvent{Index: n, Hash: p.hash, Record: p.data, Keys: keysOf(p.ev, parentAssets), Hashes: hashes, Event: p.ev})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// setCheckpoint records the head of the tree of size n, signed if the registry signs.
func (r *Registry) setCheckpoint(tx StoreWriter, n int64) error {
	th, err := tlog.TreeHash(n, hashReader(tx))
	if err != nil {
		return storeErr(err)
	}
	cp := Checkpoint{N: n, Root: Hash(th)}
	if r.opt.Signer != nil {
		now := time.Now
		if r.opt.Now != nil {
			now = r.opt.Now
		}
		cp.Signed, err = SignHead(SignedHead{Origin: r.opt.Signer.Name(), Tree: tlog.Tree{N: n, Hash: th}, Time: now()}, r.opt.Signer)
		if err != nil {
			return err
		}
	}
	return tx.SetCheckpoint(cp)
}

// hashReader reads the stored hashes of tx.
func hashReader(tx StoreReader) tlog.HashReader { return tlog.HashReaderFunc(tx.ReadHashes) }

// trusted is a store whose events need no re-checking when read (the in-memory store).
type trusted interface {
	decoded(i int64) (Event, []byte, bool)
	// committed returns the log's events; entries below its length never change, so the
	// slice may be read after the transaction ends.
	committed() []Event
}

// readAt reads the event at index i and checks its record against its leaf hash.
func readAt(tx StoreReader, i int64) (Event, []byte, error) {
	if t, ok := tx.(trusted); ok {
		if e, rec, ok := t.decoded(i); ok {
			return e, rec, nil
		}
	}
	rec, err := tx.Record(i)
	if err != nil {
		return Event{}, nil, err
	}
	leaf, err := tx.ReadHashes([]int64{tlog.StoredHashIndex(0, i)})
	if err != nil {
		return Event{}, nil, err
	}
	if tlog.RecordHash(rec) != leaf[0] {
		return Event{}, nil, &CorruptError{Index: i, Reason: "the record does not match its leaf hash"}
	}
	e, _, err := decodeEvent(rec)
	if err != nil {
		return Event{}, nil, &CorruptError{Index: i, Reason: "the record does not decode: " + err.Error()}
	}
	return e, rec, nil
}

// readHash reads the event with hash h; ok is false if it is not in the log.
func readHash(tx StoreReader, h Hash) (e Event, i int64, ok bool, err error) {
	i, ok, err = tx.Find(h)
	if err != nil || !ok {
		return Event{}, 0, false, err
	}
	e, rec, err := readAt(tx, i)
	if err != nil {
		return Event{}, 0, false, err
	}
	if _, ok := tx.(trusted); ok {
		return e, i, true, nil
	}
	if Hash(sha256.Sum256(rec[:len(rec)-4-len(e.Signature)])) != h {
		return Event{}, 0, false, &CorruptError{Index: i, Reason: "the event at the index of hash " + h.Short() + " has another hash"}
	}
	return e, i, true, nil
}

// Len returns the number of events in the log.
func (r *Registry) Len(ctx context.Context) (int64, error) {
	var n int64
	err := r.st().View(ctx, func(tx StoreReader) (err error) {
		n, err = tx.Len()
		return err
	})
	return n, err
}

// Event returns the event with hash h and its index in the log; an event not in the log
// returns an error wrapping ErrNotFound.
func (r *Registry) Event(ctx context.Context, h Hash) (Event, int64, error) {
	var e Event
	var i int64
	err := r.st().View(ctx, func(tx StoreReader) error {
		var ok bool
		var err error
		e, i, ok, err = readHash(tx, h)
		if err == nil && !ok {
			err = fmt.Errorf("rights: event %s: %w", h.Short(), ErrNotFound)
		}
		return err
	})
	return e, i, err
}

// At returns the event at index i of the log and its binary record, the leaf of the tree;
// an index outside the log returns an error wrapping ErrNotFound.
func (r *Registry) At(ctx context.Context, i int64) (Event, []byte, error) {
	var e Event
	var rec []byte
	err := r.st().View(ctx, func(tx StoreReader) error {
		n, err := tx.Len()
		if err != nil {
			return err
		}
		if i < 0 || i >= n {
			return fmt.Errorf("rights: registry index %d of %d: %w", i, n, ErrNotFound)
		}
		e, rec, err = readAt(tx, i)
		return err
	})
	return e, slices.Clone(rec), err
}

// Asset returns the events about asset id, in log order, with their indexes:
//
//	events, err := r.Asset(ctx, "GZ-BDC-2024-0017")
//	for i, e := range events { … }
//
// The events are read before Asset returns: the sequence is a snapshot, and iterating it
// touches neither the store nor a lock.
func (r *Registry) Asset(ctx context.Context, id string) (iter.Seq2[int64, Event], error) {
	return r.lookup(ctx, Key{KeyAsset, id})
}

// Party returns the events that party id signed or is the subject of, in log order, with
// their indexes; a snapshot, as Asset's.
func (r *Registry) Party(ctx context.Context, id PartyID) (iter.Seq2[int64, Event], error) {
	return r.lookup(ctx, Key{KeyParty, string(id[:])})
}

func (r *Registry) lookup(ctx context.Context, k Key) (iter.Seq2[int64, Event], error) {
	var idx []int64
	var evs []Event // evs[j] is the event at idx[j]; or, from a trusted store, evs[idx[j]]
	direct := false
	err := r.st().View(ctx, func(tx StoreReader) error {
		var err error
		if idx, err = tx.Lookup(k); err != nil {
			return err
		}
		if t, ok := tx.(trusted); ok {
			evs, direct = t.committed(), true
			return nil
		}
		evs, err = readAll(ctx, tx, idx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return func(yield func(int64, Event) bool) {
		for j, i := range idx {
			e := evs[j]
			if direct {
				e = evs[i]
			}
			if !yield(i, e) {
				return
			}
		}
	}, nil
}

// readAll reads the events at indexes idx.
func readAll(ctx context.Context, tx StoreReader, idx []int64) ([]Event, error) {
	out := make([]Event, len(idx))
	for j, i := range idx {
		if j%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		e, _, err := readAt(tx, i)
		if err != nil {
			return nil, err
		}
		out[j] = e
	}
	return out, nil
}

// Evidence returns what a client needs to verify offline any query about asset id: every
// event about it, about each product derived from it, and about each asset those events
// build on (so rival claims, objections and cancellations are included), with everything
// they link to, in log order. Verify(evidence, q) decides any q about id, with or without
// Derived, as it would on the whole log.
func (r *Registry) Evidence(ctx context.Context, id string) ([]Event, error) {
	var out []Event
	err := r.st().View(ctx, func(tx StoreReader) error {
		seen := make(map[int64]Event)
		seenAsset := make(map[string]bool)
		var stack []int64
		addAsset := func(a string) error {
			if seenAsset[a] {
				return nil
			}
			seenAsset[a] = true
			idx, err := tx.Lookup(Key{KeyAsset, a})
			if err != nil {
				return err
			}
			for _, i := range idx {
				if _, ok := seen[i]; !ok {
					e, _, err := readAt(tx, i)
					if err != nil {
						return err
					}
					seen[i] = e
					stack = append(stack, i)
				}
			}
			return nil
		}
		// The asset and, transitively, the products derived from it.
		assets := []string{id}
		for a := 0; a < len(assets); a++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := addAsset(assets[a]); err != nil {
				return err
			}
			derivs, err := tx.Lookup(Key{KeyDerivedFrom, assets[a]})
			if err != nil {
				return err
			}
			for _, i := range derivs {
				e, _, err := readAt(tx, i)
				if err != nil {
					return err
				}
				if !slices.Contains(assets, e.Asset) {
					assets = append(assets, e.Asset)
				}
			}
		}
		// Everything those events build on, and the rest of each such asset's events.
		for len(stack) > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			e := seen[stack[len(stack)-1]]
			stack = stack[:len(stack)-1]
			for _, p := range e.Parents {
				pe, _, ok, err := readHash(tx, p)
				if err != nil {
					return err
				}
				if !ok {
					return &CorruptError{Reason: "a logged event's parent " + p.Short() + " is not in the log"}
				}
				if err := addAsset(pe.Asset); err != nil {
					return err
				}
			}
		}
		idx := make([]int64, 0, len(seen))
		for i := range seen {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		out = make([]Event, len(idx))
		for j, i := range idx {
			out[j] = seen[i]
		}
		return nil
	})
	return out, err
}

// Head returns the tree head of the log: its size and Merkle root hash (RFC 6962),
// recomputed from the stored hashes.
func (r *Registry) Head(ctx context.Context) (tlog.Tree, error) {
	var t tlog.Tree
	err := r.st().View(ctx, func(tx StoreReader) error {
		n, err := tx.Len()
		if err != nil {
			return err
		}
		th, err := tlog.TreeHash(n, hashReader(tx))
		if err != nil {
			return storeErr(err)
		}
		t = tlog.Tree{N: n, Hash: th}
		return nil
	})
	return t, err
}

// ProveInclusion returns a proof that the event at index i is in the tree of size n
// (i < n ≤ Len()); check it with CheckInclusion. The registry checks the proof against the
// stored record and head before returning it, so a corrupted store returns a *CorruptError
// rather than a proof that fails at the client.
func (r *Registry) ProveInclusion(ctx context.Context, i, n int64) (tlog.RecordProof, error) {
	var p tlog.RecordProof
	err := r.st().View(ctx, func(tx StoreReader) error {
		size, err := tx.Len()
		if err != nil {
			return err
		}
		if i < 0 || n <= i || n > size {
			return &FormatError{Field: "inclusion proof", Value: fmt.Sprint(i, " of ", n), Reason: fmt.Sprint("want 0 ≤ index < size ≤ ", size)}
		}
		hr := hashReader(tx)
		if p, err = tlog.ProveRecord(n, i, hr); err != nil {
			return storeErr(err)
		}
		th, err := tlog.TreeHash(n, hr)
		if err != nil {
			return storeErr(err)
		}
		_, rec, err := readAt(tx, i)
		if err != nil {
			return err
		}
		if tlog.CheckRecord(p, n, th, i, tlog.RecordHash(rec)) != nil {
			return &CorruptError{Index: i, Reason: fmt.Sprint("the stored hashes give no valid inclusion proof in the tree of size ", n)}
		}
		return nil
	})
	return p, err
}

// ProveConsistency returns a proof that the tree of size n is a prefix of the tree of size
// m (0 < n ≤ m ≤ Len()); check it with CheckConsistency. Like ProveInclusion, it checks the
// proof before returning it.
func (r *Registry) ProveConsistency(ctx context.Context, n, m int64) (tlog.TreeProof, error) {
	var p tlog.TreeProof
	err := r.st().View(ctx, func(tx StoreReader) error {
		size, err := tx.Len()
		if err != nil {
			return err
		}
		if n <= 0 || m < n || m > size {
			return &FormatError{Field: "consistency proof", Value: fmt.Sprint(n, " to ", m), Reason: fmt.Sprint("want 0 < old ≤ new ≤ ", size)}
		}
		hr := hashReader(tx)
		if p, err = tlog.ProveTree(m, n, hr); err != nil {
			return storeErr(err)
		}
		hn, err := tlog.TreeHash(n, hr)
		if err != nil {
			return storeErr(err)
		}
		hm, err := tlog.TreeHash(m, hr)
		if err != nil {
			return storeErr(err)
		}
		if tlog.CheckTree(p, m, hm, n, hn) != nil {
			return &CorruptError{Index: m, Reason: fmt.Sprint("the stored hashes give no valid consistency proof from size ", n)}
		}
		return nil
	})
	return p, err
}

// Check reads the whole log and verifies that every record decodes and matches its leaf hash,
// that every stored hash is the hash of its children, and that the recorded tree head is the
// tree's: a full audit of the store, linear in its size (about 1 µs per event in memory, a
// few µs on disk). It returns the first mismatch as a *CorruptError.
func (r *Registry) Check(ctx context.Context) error {
	return r.st().View(ctx, func(tx StoreReader) error {
		n, err := tx.Len()
		if err != nil {
			return err
		}
		hr := hashReader(tx)
		for i := range n {
			if i%1024 == 1023 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			_, rec, err := readAt(tx, i)
			if err != nil {
				return err
			}
			// The stored hashes for record i are a function of the record and of stored
			// hashes of earlier records, all already checked.
			want, err := tlog.StoredHashes(i, rec, hr)
			if err != nil {
				return storeErr(err)
			}
			first := tlog.StoredHashCount(i)
			idx := make([]int64, len(want))
			for j := range idx {
				idx[j] = first + int64(j)
			}
			got, err := tx.ReadHashes(idx)
			if err != nil {
				return storeErr(err)
			}
			if !slices.Equal(want, got) {
				return &CorruptError{Index: i, Reason: "a stored hash is not the hash of its children"}
			}
		}
		cp, err := tx.Checkpoint()
		if err != nil {
			return err
		}
		if cp.N != n {
			return &CorruptError{Index: n, Reason: fmt.Sprintf("the recorded tree head has size %d", cp.N)}
		}
		if n == 0 {
			return nil
		}
		return r.checkHead(tx, cp)
	})
}

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

// ErrProof reports an inclusion or consistency proof that does not check.
var ErrProof = errors.New("rights: proof does not verify")
