package rights_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

// The in-memory store passes the conformance suite that the SQLite and PostgreSQL stores
// pass (rights/registry/registrytest).
func TestRegistry_Conformance(t *testing.T) {
	registrytest.Run(t, registrytest.Harness{Open: func(testing.TB) rights.Store { return rights.NewMemoryStore() }})
}

// The zero Registry is a private in-memory registry: ready to use, and accepting
// registrations by any key.
func TestRegistry_ZeroValue(t *testing.T) {
	ctx := context.Background()
	var r rights.Registry
	if n, err := r.Len(ctx); n != 0 || err != nil {
		t.Fatalf("zero Registry Len = %d, %v", n, err)
	}
	s := assaytest.SeedRights()
	for i, e := range s.Events() {
		if n, err := r.Append(ctx, e); err != nil || n != int64(i) {
			t.Fatalf("Append %d = %d, %v", i, n, err)
		}
	}
	stranger := alice // not a registrar of anything in the story
	reg, _, err := rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: s.Traffic.ID, Record: s.Traffic,
		Signer: stranger, Scope: holderScope}.Sign(assaytest.RightsKey(stranger.Name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Append(ctx, reg); err != nil {
		t.Errorf("a private registry refused a registration: %v", err)
	}
	if err := r.Check(ctx); err != nil {
		t.Error(err)
	}
	if _, err := r.SignedHead(ctx); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("SignedHead without a signer = %v, want ErrMalformed", err)
	}
}

// One writer appends while readers look up; run with -race.
func TestRegistry_ConcurrentReaders(t *testing.T) {
	ctx := context.Background()
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
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				n, err := r.Len(ctx)
				if err != nil || n == 0 {
					continue
				}
				e, _, err := r.At(ctx, n-1)
				if err != nil {
					t.Error(err)
					return
				}
				seq, err := r.Asset(ctx, e.Asset)
				if got := len(events(seq)); err != nil || got != 1 {
					t.Errorf("event %d found %d times by asset: %v", n-1, got, err)
					return
				}
				if _, err := r.Head(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for _, e := range l.events {
		if _, err := r.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	seq, err := r.Party(ctx, alice.ID)
	if got := len(events(seq)); err != nil || got != 200 {
		t.Errorf("alice has %d events (%v), want 200", got, err)
	}
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
