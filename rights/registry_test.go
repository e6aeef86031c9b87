package rights_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// mth is the Merkle Tree Hash of RFC 6962 §2.1, written from the RFC as an oracle: a leaf is
// SHA-256(0x00 ‖ d), a node SHA-256(0x01 ‖ left ‖ right), split at the largest power of two
// smaller than n.
func mth(records [][]byte) rights.Hash {
	switch len(records) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return sha256.Sum256(append([]byte{0}, records[0]...))
	}
	k := 1
	for k*2 < len(records) {
		k *= 2
	}
	l, r := mth(records[:k]), mth(records[k:])
	return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
}

// events collects a registry lookup.
func events(seq iter.Seq2[int64, rights.Event]) []rights.Event {
	var out []rights.Event
	for _, e := range seq {
		out = append(out, e)
	}
	return out
}

func hashesOf(t *testing.T, events []rights.Event) []rights.Hash {
	t.Helper()
	out := make([]rights.Hash, len(events))
	for i, e := range events {
		h, err := e.Hash()
		if err != nil {
			t.Fatal(err)
		}
		out[i] = h
	}
	return out
}

func TestRegistry_Lookups(t *testing.T) {
	s := assaytest.SeedRights()
	var r rights.Registry
	for i, e := range s.Events() {
		n, err := r.Append(e)
		if err != nil || n != int64(i) {
			t.Fatalf("Append %d = %d, %v", i, n, err)
		}
	}
	got := map[string][]rights.Hash{
		"traffic":  hashesOf(t, events(r.Asset(s.Traffic.ID))),
		"index":    hashesOf(t, events(r.Asset(s.Index.ID))),
		"msme":     hashesOf(t, events(r.Party(s.MSME.ID))),
		"buyer":    hashesOf(t, events(r.Party(s.Buyer.ID))),
		"evidence": hashesOf(t, r.Evidence(s.Index.ID)),
		"nobody":   hashesOf(t, events(r.Party(dave.ID))),
	}
	h := hashesOf(t, s.Events()) // register, license, sublicense, derive, resale
	want := map[string][]rights.Hash{
		"traffic":  {h[0], h[1], h[2]},
		"index":    {h[3], h[4]},
		"msme":     {h[2], h[3], h[4]}, // subject of the sublicense, signer of the rest
		"buyer":    {h[4]},
		"evidence": h, // the product's events and everything they build on
		"nobody":   {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lookups (-want +got):\n%s", diff)
	}
	e, i, ok := r.Event(h[3])
	if !ok || i != 3 || e.Kind != rights.KindDerive {
		t.Errorf("Event(derive) = %v, %d, %v", e.Kind, i, ok)
	}
	// The evidence for the raw data set includes the products derived from it.
	if diff := cmp.Diff(h, hashesOf(t, r.Evidence(s.Traffic.ID))); diff != "" {
		t.Errorf("Evidence(traffic) (-want +got):\n%s", diff)
	}
}

func TestRegistry_AppendRejects(t *testing.T) {
	s := assaytest.SeedRights()
	var r rights.Registry
	if _, err := r.Append(s.License); !errors.Is(err, rights.ErrUnknownParent) {
		t.Errorf("license before its registration: %v", err)
	}
	if _, err := r.Append(s.Register); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Append(s.Register); !errors.Is(err, rights.ErrDuplicate) {
		t.Errorf("registration twice: %v", err)
	}
	forged := s.License
	forged.Note = "amended"
	if _, err := r.Append(forged); !errors.Is(err, rights.ErrBadSignature) {
		t.Errorf("forged license: %v", err)
	}
	if r.Len() != 1 {
		t.Errorf("Len = %d after rejected appends, want 1", r.Len())
	}
}

func TestRegistry_Proofs(t *testing.T) {
	s := assaytest.SeedRights()
	var r rights.Registry
	var records [][]byte
	heads := []tlog.Tree{{}}
	for _, e := range s.Events() {
		if _, err := r.Append(e); err != nil {
			t.Fatal(err)
		}
		rec, _ := e.MarshalBinary()
		records = append(records, rec)
		head, err := r.Head()
		if err != nil {
			t.Fatal(err)
		}
		if want := mth(records); rights.Hash(head.Hash) != want || head.N != int64(len(records)) {
			t.Fatalf("Head after %d = %d %x, want RFC 6962 root %x", len(records), head.N, head.Hash, want)
		}
		heads = append(heads, head)
	}
	for n := int64(1); n <= r.Len(); n++ {
		for i := range n {
			p, err := r.ProveInclusion(i, n)
			if err != nil {
				t.Fatal(err)
			}
			_, rec, _ := r.At(i)
			if err := rights.CheckInclusion(heads[n], i, rec, p); err != nil {
				t.Errorf("inclusion of %d in %d: %v", i, n, err)
			}
			rec[len(rec)-1] ^= 1
			if err := rights.CheckInclusion(heads[n], i, rec, p); !errors.Is(err, rights.ErrProof) {
				t.Errorf("inclusion of a tampered record %d in %d: %v", i, n, err)
			}
		}
		for m := n; m <= r.Len(); m++ {
			p, err := r.ProveConsistency(n, m)
			if err != nil {
				t.Fatal(err)
			}
			if err := rights.CheckConsistency(heads[n], heads[m], p); err != nil {
				t.Errorf("consistency of %d with %d: %v", n, m, err)
			}
			if m > n {
				forked := heads[n]
				forked.Hash[0] ^= 1
				if err := rights.CheckConsistency(forked, heads[m], p); !errors.Is(err, rights.ErrProof) {
					t.Errorf("consistency of a forked head %d with %d: %v", n, m, err)
				}
			}
		}
	}
	if _, err := r.ProveInclusion(5, 5); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("ProveInclusion past the end: %v", err)
	}
	if _, err := r.ProveConsistency(0, 3); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("ProveConsistency from 0: %v", err)
	}
}

// One writer appends while readers look up; run with -race.
func TestRegistry_ConcurrentReaders(t *testing.T) {
	l := &ledger{t: t}
	for i := range 200 {
		a := testAsset
		a.ID = fmt.Sprintf("A-%03d", i)
		l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: a.ID, Record: a, Signer: alice, Scope: holderScope})
	}
	var r rights.Registry
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				n := r.Len()
				if n == 0 {
					continue
				}
				e, _, ok := r.At(n - 1)
				if !ok || len(events(r.Asset(e.Asset))) != 1 {
					t.Errorf("event %d not found by asset", n-1)
					return
				}
				if _, err := r.Head(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for _, e := range l.events {
		if _, err := r.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if got := len(events(r.Party(alice.ID))); got != 200 {
		t.Errorf("alice has %d events, want 200", got)
	}
}
