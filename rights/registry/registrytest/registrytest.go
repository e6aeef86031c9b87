// Package registrytest is the conformance suite of rights.Store: one set of tests that every
// store passes — the in-memory store of the zero rights.Registry, rights/registry/sqlite and
// rights/registry/postgres — and the child-process harness for the crash and two-writer
// tests (Crash, TwoWriters, ChildMain).
//
// A store package runs it from its tests:
//
//	func TestConformance(t *testing.T) {
//		registrytest.Run(t, registrytest.Harness{Open: openTemp, Reopen: reopen, Corrupt: corrupt})
//	}
//
// The events come from deterministic keys (assaytest.RightsKey), so a child process and its
// parent build the same chain.
package registrytest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// Harness says how to open, reopen and corrupt the store under test.
type Harness struct {
	// Open returns a new, empty store, closed by the test's cleanup. Required.
	Open func(t testing.TB) rights.Store
	// Reopen closes s and opens the same log again (as a restarted process would); nil for
	// a store that does not persist.
	Reopen func(t testing.TB, s rights.Store) rights.Store
	// Corrupt changes stored bytes behind the registry's back: it flips the lowest bit of
	// the last byte of event i's record (Record) or of stored hash i (StoredHash). nil for a
	// store whose bytes a test cannot reach.
	Corrupt func(t testing.TB, s rights.Store, target Target, i int64)
}

// Target is what Harness.Corrupt changes.
type Target int

const (
	Record     Target = iota // an event's binary record
	StoredHash               // a stored hash of the tree (tlog.StoredHashIndex)
)

// Registrar is the party whose registrations the suite's registries accept.
var Registrar = assaytest.RightsParty("registrytest registrar", rights.Government, "CN-GD")

// Options returns the registry options the suite uses: Registrar and the seed story's
// registering centre as registrars.
func Options() rights.RegistryOptions {
	return rights.RegistryOptions{Registrars: []rights.PartyID{Registrar.ID, assaytest.SeedRights().Centre.ID}}
}

var licensees = func() []rights.Party {
	ps := make([]rights.Party, 16)
	for i := range ps {
		ps[i] = assaytest.RightsParty(fmt.Sprintf("registrytest licensee %d", i), rights.Intermediary, "CN-GD")
	}
	return ps
}()

var chainScope = rights.Scope{Actions: []rights.Action{rights.ActionUse}, Regions: []string{"CN"}, Sublicensable: true}

// Chain returns n signed events: for each asset prefix-00000, prefix-00001, …, a
// registration by Registrar followed by nine licences to licensees — every event valid, each
// licence building on its registration. The same prefix and n give the same events.
func Chain(prefix string, n int) []rights.Event { return ChainRange(prefix, 0, n) }

// ChainRange returns events from to to-1 of the chain of prefix: Chain(prefix, to)[from:]
// without signing the events before from (but the registration they build on).
func ChainRange(prefix string, from, to int) []rights.Event {
	key := assaytest.RightsKey(Registrar.Name)
	out := make([]rights.Event, 0, to-from)
	var reg rights.Hash
	for i := from / 10 * 10; i < to; i++ {
		j := i % 10
		var e rights.Event
		if j == 0 {
			a := assay.Asset{ID: fmt.Sprintf("%s-%05d", prefix, i/10), Name: "conformance data", Holder: Registrar.Name,
				Region: "CN-GD", Acquired: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), UsefulLife: 5, Records: 1000}
			e = rights.Event{Kind: rights.KindRegister, Time: a.Acquired, Asset: a.ID, Record: a, Signer: Registrar, Scope: chainScope}
		} else {
			e = rights.Event{Kind: rights.KindLicense, Time: time.Date(2024, 2, j, 0, 0, 0, 0, time.UTC),
				Asset: fmt.Sprintf("%s-%05d", prefix, i/10), Parents: []rights.Hash{reg},
				Signer: Registrar, Subject: licensees[(i*7+j)%len(licensees)], Right: rights.ProcessingUse, Scope: chainScope}
		}
		signed, h, err := e.Sign(key)
		if err != nil {
			panic("registrytest: invalid chain: " + err.Error())
		}
		if j == 0 {
			reg = h
		}
		if i >= from {
			out = append(out, signed)
		}
	}
	return out
}

// hashes returns the hashes of events.
func hashes(t testing.TB, events []rights.Event) []rights.Hash {
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

// open opens a registry with Options on a new store of h.
func (h Harness) open(t testing.TB) (*rights.Registry, rights.Store) {
	t.Helper()
	s := h.Open(t)
	r, err := rights.OpenRegistry(context.Background(), s, Options())
	if err != nil {
		t.Fatal(err)
	}
	return r, s
}

// appendAll appends events in one batch.
func appendAll(t testing.TB, r *rights.Registry, events []rights.Event) []int64 {
	t.Helper()
	idx, err := r.AppendBatch(context.Background(), events)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

// length returns r's length or fails the test.
func length(t testing.TB, r *rights.Registry) int64 {
	t.Helper()
	n, err := r.Len(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Run runs the conformance suite against the store h opens.
func Run(t *testing.T, h Harness) {
	for _, c := range []struct {
		name string
		run  func(*testing.T, Harness)
	}{
		{"Lookups", testLookups},
		{"AppendRejects", testAppendRejects},
		{"Idempotent", testIdempotent},
		{"BatchAtomic", testBatchAtomic},
		{"Registrars", testRegistrars},
		{"Proofs", testProofs},
		{"SignedHeads", testSignedHeads},
		{"ConcurrentWriters", testConcurrentWriters},
		{"ExportImport", testExportImport},
		{"ImportStopsAtBadLine", testImportStops},
		{"Persistence", testPersistence},
		{"Tamper", testTamper},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, h) })
	}
}
