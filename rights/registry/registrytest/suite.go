package registrytest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

var bg = context.Background()

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

func collect(t testing.TB, seq iter.Seq2[int64, rights.Event], err error) []rights.Event {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var out []rights.Event
	for _, e := range seq {
		out = append(out, e)
	}
	return out
}

func testLookups(t *testing.T, h Harness) {
	s := assaytest.SeedRights()
	r, _ := h.open(t)
	if idx := appendAll(t, r, s.Events()); !cmp.Equal(idx, []int64{0, 1, 2, 3, 4}) {
		t.Fatalf("indexes = %v", idx)
	}
	asset := func(id string) []rights.Hash { seq, err := r.Asset(bg, id); return hashes(t, collect(t, seq, err)) }
	party := func(id rights.PartyID) []rights.Hash {
		seq, err := r.Party(bg, id)
		return hashes(t, collect(t, seq, err))
	}
	evidence := func(id string) []rights.Hash {
		ev, err := r.Evidence(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		return hashes(t, ev)
	}
	got := map[string][]rights.Hash{
		"traffic": asset(s.Traffic.ID), "index": asset(s.Index.ID), "msme": party(s.MSME.ID),
		"buyer": party(s.Buyer.ID), "evidence index": evidence(s.Index.ID), "evidence traffic": evidence(s.Traffic.ID),
		"nobody": party(Registrar.ID),
	}
	hs := hashes(t, s.Events()) // register, license, sublicense, derive, resale
	want := map[string][]rights.Hash{
		"traffic": {hs[0], hs[1], hs[2]}, "index": {hs[3], hs[4]},
		"msme":  {hs[2], hs[3], hs[4]}, // subject of the sublicense, signer of the rest
		"buyer": {hs[4]},
		// The product's events and everything they build on; the raw data set's evidence
		// includes the product derived from it.
		"evidence index": hs, "evidence traffic": hs,
		"nobody": {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lookups (-want +got):\n%s", diff)
	}
	e, i, err := r.Event(bg, hs[3])
	if err != nil || i != 3 || e.Kind != rights.KindDerive {
		t.Errorf("Event(derive) = %v, %d, %v", e.Kind, i, err)
	}
	if _, _, err := r.Event(bg, rights.Hash{1}); !errors.Is(err, rights.ErrNotFound) {
		t.Errorf("Event(unknown) = %v, want ErrNotFound", err)
	}
	if _, _, err := r.At(bg, 5); !errors.Is(err, rights.ErrNotFound) {
		t.Errorf("At(5) of 5 = %v, want ErrNotFound", err)
	}
	_, rec, err := r.At(bg, 1)
	want1, _ := s.License.MarshalBinary()
	if err != nil || !bytes.Equal(rec, want1) {
		t.Errorf("At(1) record = %x, %v; want the license's record", rec, err)
	}
}

func testAppendRejects(t *testing.T, h Harness) {
	s := assaytest.SeedRights()
	r, _ := h.open(t)
	if _, err := r.Append(bg, s.License); !errors.Is(err, rights.ErrUnknownParent) {
		t.Errorf("license before its registration: %v", err)
	}
	if _, err := r.Append(bg, s.Register); err != nil {
		t.Fatal(err)
	}
	forged := s.License
	forged.Note = "amended"
	if _, err := r.Append(bg, forged); !errors.Is(err, rights.ErrBadSignature) {
		t.Errorf("forged license: %v", err)
	}
	late := s.Sublicense // its parent, the license, is not in the log
	if _, err := r.Append(bg, late); !errors.Is(err, rights.ErrUnknownParent) {
		t.Errorf("sublicense without its license: %v", err)
	}
	if n := length(t, r); n != 1 {
		t.Errorf("Len = %d after rejected appends, want 1", n)
	}
}

func testIdempotent(t *testing.T, h Harness) {
	s := assaytest.SeedRights()
	r, _ := h.open(t)
	appendAll(t, r, s.Events())
	head, err := r.Head(bg)
	if err != nil {
		t.Fatal(err)
	}
	// The same events again, one by one and in a batch with a new one: the old ones keep
	// their indexes, the log grows only by the new one.
	for i, e := range s.Events() {
		if got, err := r.Append(bg, e); err != nil || got != int64(i) {
			t.Errorf("Append(event %d) again = %d, %v; want %d, nil", i, got, err, i)
		}
	}
	extra := Chain("IDEM", 2)
	idx := appendAll(t, r, append([]rights.Event{s.License, extra[0], extra[0]}, extra[1], s.Register))
	if diff := cmp.Diff([]int64{1, 5, 5, 6, 0}, idx); diff != "" {
		t.Errorf("batch with duplicates (-want +got):\n%s", diff)
	}
	after, err := r.Head(bg)
	if err != nil {
		t.Fatal(err)
	}
	if after.N != head.N+2 {
		t.Errorf("size %d after re-appending 5 and appending 2 new, want %d", after.N, head.N+2)
	}
}

func testBatchAtomic(t *testing.T, h Harness) {
	r, _ := h.open(t)
	events := Chain("ATOM", 30)
	appendAll(t, r, events[:10])
	before, err := r.Head(bg)
	if err != nil {
		t.Fatal(err)
	}
	bad := events[20]
	bad.Note = "tampered" // breaks its signature
	batch := append(append([]rights.Event{}, events[10:15]...), bad, events[16])
	_, err = r.AppendBatch(bg, batch)
	var be *rights.BatchError
	if !errors.As(err, &be) || be.Position != 5 || !errors.Is(err, rights.ErrBadSignature) {
		t.Fatalf("batch with a forged event = %v, want a *BatchError at 5 wrapping ErrBadSignature", err)
	}
	// A link failure is found inside the store's transaction, after earlier appends.
	orphan := Chain("ORPHAN", 2)[1]
	_, err = r.AppendBatch(bg, append(append([]rights.Event{}, events[10:15]...), orphan))
	if !errors.As(err, &be) || be.Position != 5 || !errors.Is(err, rights.ErrUnknownParent) {
		t.Fatalf("batch with an orphan = %v, want a *BatchError at 5 wrapping ErrUnknownParent", err)
	}
	after, err := r.Head(bg)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("head after failed batches = %d %x, want %d %x", after.N, after.Hash, before.N, before.Hash)
	}
	if idx := appendAll(t, r, events[10:]); idx[0] != 10 || idx[19] != 29 {
		t.Errorf("indexes after failed batches = %d…%d, want 10…29", idx[0], idx[19])
	}
	if err := r.Check(bg); err != nil {
		t.Error(err)
	}
}

func testRegistrars(t *testing.T, h Harness) {
	s := h.Open(t)
	if _, err := rights.OpenRegistry(bg, s, rights.RegistryOptions{}); !errors.Is(err, rights.ErrNoRegistrars) || !errors.Is(err, assay.ErrInvalidInput) {
		t.Errorf("OpenRegistry without registrars = %v, want ErrNoRegistrars and assay.ErrInvalidInput", err)
	}
	r, err := rights.OpenRegistry(bg, s, Options())
	if err != nil {
		t.Fatal(err)
	}
	// A stranger registers an asset the registrar registered: rejected, so it cannot raise a
	// rival claim that freezes the asset.
	stranger := assaytest.RightsParty("registrytest stranger", rights.Intermediary, "CN-GD")
	reg := Chain("REG", 1)[0]
	appendAll(t, r, []rights.Event{reg})
	rival := reg
	rival.Signer, rival.Signature = stranger, nil
	rival, _, err = rival.Sign(assaytest.RightsKey(stranger.Name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Append(bg, rival); !errors.Is(err, rights.ErrUntrusted) {
		t.Errorf("stranger's registration = %v, want ErrUntrusted", err)
	}
	open, err := rights.OpenRegistry(bg, s, rights.RegistryOptions{AnyRegistrar: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := open.Append(bg, rival); err != nil {
		t.Errorf("stranger's registration with AnyRegistrar = %v", err)
	}
}

func testProofs(t *testing.T, h Harness) {
	r, _ := h.open(t)
	events := Chain("PROOF", 21)
	var records [][]byte
	heads := []tlog.Tree{{}}
	for _, e := range events {
		if _, err := r.Append(bg, e); err != nil {
			t.Fatal(err)
		}
		rec, _ := e.MarshalBinary()
		records = append(records, rec)
		head, err := r.Head(bg)
		if err != nil {
			t.Fatal(err)
		}
		if want := mth(records); rights.Hash(head.Hash) != want || head.N != int64(len(records)) {
			t.Fatalf("Head after %d = %d %x, want RFC 6962 root %x", len(records), head.N, head.Hash, want)
		}
		heads = append(heads, head)
	}
	for n := int64(1); n <= int64(len(events)); n++ {
		for i := range n {
			p, err := r.ProveInclusion(bg, i, n)
			if err != nil {
				t.Fatal(err)
			}
			if err := rights.CheckInclusion(heads[n], i, records[i], p); err != nil {
				t.Errorf("inclusion of %d in %d: %v", i, n, err)
			}
		}
		for m := n; m <= int64(len(events)); m++ {
			p, err := r.ProveConsistency(bg, n, m)
			if err != nil {
				t.Fatal(err)
			}
			if err := rights.CheckConsistency(heads[n], heads[m], p); err != nil {
				t.Errorf("consistency of %d with %d: %v", n, m, err)
			}
		}
	}
	if _, err := r.ProveInclusion(bg, 21, 21); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("ProveInclusion past the end: %v", err)
	}
	if _, err := r.ProveConsistency(bg, 0, 3); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("ProveConsistency from 0: %v", err)
	}
}

func testSignedHeads(t *testing.T, h Harness) {
	signer, verifier, err := rights.NewHeadSigner("registry.example.cn/conformance", assaytest.RightsKey("registrytest head"))
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	opt := Options()
	opt.Signer = signer
	opt.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	s := h.Open(t)
	r, err := rights.OpenRegistry(bg, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	events := Chain("HEAD", 25)
	known := note.VerifierList(verifier)
	var signed [][]byte
	for _, cut := range []int{0, 7, 7, 25} {
		if cut > 0 {
			appendAll(t, r, events[:cut])
		}
		msg, err := r.SignedHead(bg)
		if err != nil {
			t.Fatal(err)
		}
		sh, err := rights.OpenHead(msg, known)
		if err != nil || sh.Tree.N != int64(cut) {
			t.Fatalf("OpenHead after %d events = %+v, %v", cut, sh, err)
		}
		signed = append(signed, msg)
	}
	// Reopening checks the recorded signed head.
	if _, err := rights.OpenRegistry(bg, s, opt); err != nil {
		t.Errorf("reopen with the signer: %v", err)
	}
	proof, err := r.ProveConsistency(bg, 7, 25)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rights.Witness(known, signed[1], signed[3], proof); err != nil {
		t.Errorf("witness 7 → 25: %v", err)
	}
	if _, err := rights.Witness(known, signed[0], signed[3], nil); err != nil {
		t.Errorf("witness 0 → 25: %v", err)
	}
	if _, err := rights.Witness(known, signed[1], signed[2], nil); err != nil {
		t.Errorf("witness 7 → 7: %v", err)
	}
	// Rejections, each with its reason.
	other, otherV, _ := rights.NewHeadSigner("registry.example.cn/conformance", assaytest.RightsKey("registrytest impostor"))
	sh, _ := rights.OpenHead(signed[3], known)
	forkTree := sh.Tree
	forkTree.Hash[0] ^= 1
	fork, _ := rights.SignHead(rights.SignedHead{Origin: sh.Origin, Tree: forkTree, Time: sh.Time.Add(time.Hour)}, signer)
	early, _ := rights.SignHead(rights.SignedHead{Origin: sh.Origin, Tree: sh.Tree, Time: sh.Time.Add(-time.Hour)}, signer)
	elsewhere, _ := rights.SignHead(rights.SignedHead{Origin: "registry.example.hk/other", Tree: sh.Tree, Time: sh.Time}, signer)
	impostor, _ := rights.SignHead(sh, other)
	badProof := append(tlog.TreeProof(nil), proof...)
	badProof[0][0] ^= 1
	for _, c := range []struct {
		name         string
		older, newer []byte
		proof        tlog.TreeProof
		known        note.Verifiers
		want         rights.WitnessReason
	}{
		{"rollback", signed[3], signed[1], proof, known, rights.WitnessRollback},
		{"fork", signed[3], fork, nil, known, rights.WitnessFork},
		{"time reversed", signed[1], early, proof, known, rights.WitnessTime},
		{"different logs", signed[1], elsewhere, proof, known, rights.WitnessOrigin},
		{"unknown key", signed[1], impostor, proof, known, rights.WitnessUnverified},
		{"impostor known by name only", signed[1], signed[3], proof, note.VerifierList(otherV), rights.WitnessUnverified},
		{"bad proof", signed[1], signed[3], badProof, known, rights.WitnessInconsistent},
		{"malformed", []byte("not a note"), signed[3], proof, known, rights.WitnessMalformed},
	} {
		_, err := rights.Witness(c.known, c.older, c.newer, c.proof)
		we, ok := errors.AsType[*rights.WitnessError](err)
		if !ok || we.Reason != c.want || !errors.Is(err, rights.ErrWitness) {
			t.Errorf("%s: Witness = %v, want a *WitnessError with reason %v", c.name, err, c.want)
		}
	}
}

func testConcurrentWriters(t *testing.T, h Harness) {
	r, _ := h.open(t)
	shared := Chain("SHARED", 40) // every writer appends these too: they must land once
	const writers = 4
	own := make([][]rights.Event, writers)
	for w := range own {
		own[w] = Chain(fmt.Sprintf("W%d", w), 40)
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*2)
	for w := range writers {
		wg.Go(func() {
			for k := 0; k < 40; k += 10 {
				if _, err := r.AppendBatch(bg, shared[k:k+10]); err != nil {
					errs <- err
					return
				}
				for _, e := range own[w][k : k+10] {
					if _, err := r.Append(bg, e); err != nil {
						errs <- err
						return
					}
				}
			}
		})
		wg.Go(func() { // a reader alongside
			for range 20 {
				if _, err := r.Head(bg); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := length(t, r); n != 40*(writers+1) {
		t.Errorf("Len = %d, want %d (each event once)", n, 40*(writers+1))
	}
	for _, evs := range append(own, shared) {
		last := int64(-1)
		for _, hh := range hashes(t, evs) {
			_, i, err := r.Event(bg, hh)
			if err != nil {
				t.Fatal(err)
			}
			if i <= last {
				t.Errorf("a writer's events out of order: %d after %d", i, last)
			}
			last = i
		}
	}
	if err := r.Check(bg); err != nil {
		t.Error(err)
	}
}

func testExportImport(t *testing.T, h Harness) {
	r, _ := h.open(t)
	appendAll(t, r, assaytest.SeedRights().Events())
	appendAll(t, r, Chain("EXP", 1010)) // more than one chunk of 1,000
	var buf bytes.Buffer
	if err := r.Export(bg, &buf); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(buf.String(), "\n"); lines != 1015 {
		t.Fatalf("exported %d lines, want 1015", lines)
	}
	exported := bytes.Clone(buf.Bytes())
	r2, _ := h.open(t)
	n, err := r2.Import(bg, &buf)
	if err != nil || n != 1015 {
		t.Fatalf("Import = %d, %v", n, err)
	}
	h1, _ := r.Head(bg)
	h2, err := r2.Head(bg)
	if err != nil || h1 != h2 {
		t.Errorf("imported head %v, %v; want %v", h2, err, h1)
	}
	var again bytes.Buffer
	if err := r2.Export(bg, &again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(exported, again.Bytes()) {
		t.Error("export of the imported registry differs from the original export")
	}
	// Importing the same lines again is idempotent.
	if n, err := r2.Import(bg, bytes.NewReader(exported)); err != nil || n != 1015 || length(t, r2) != 1015 {
		t.Errorf("Import again = %d, %v, Len %d", n, err, length(t, r2))
	}
}

func testImportStops(t *testing.T, h Harness) {
	src, _ := h.open(t)
	appendAll(t, src, Chain("IMP", 1030))
	var buf bytes.Buffer
	if err := src.Export(bg, &buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	lines = lines[:len(lines)-1] // the empty string after the last newline
	// edit returns the first n lines with line replaced by f of itself.
	edit := func(n, line int, f func(string) string) string {
		out := append([]string(nil), lines[:n]...)
		out[line-1] = f(out[line-1])
		return strings.Join(out, "")
	}
	for _, c := range []struct {
		name  string
		input string
		line  int // 0: no error
		want  error
	}{
		// In the second batch of 1,000: the first 1,014 lines go in.
		{"forged note", edit(1030, 1015, func(s string) string {
			return strings.Replace(s, `"signer"`, `"note":"amended","signer"`, 1)
		}), 1015, rights.ErrBadSignature},
		{"not JSON", edit(30, 3, func(string) string { return "{\n" }), 3, rights.ErrMalformed},
		{"unknown field", edit(30, 21, func(s string) string { return strings.Replace(s, `{`, `{"extra":1,`, 1) }), 21, rights.ErrMalformed},
		{"missing parent", strings.Join(lines[1:30], ""), 1, rights.ErrUnknownParent},
		{"blank line", edit(30, 20, func(string) string { return "\n" }), 20, rights.ErrMalformed},
		{"duplicate line", edit(30, 11, func(s string) string { return lines[1] + s }), 0, nil}, // idempotent
	} {
		t.Run(c.name, func(t *testing.T) {
			r, _ := h.open(t)
			n, err := r.Import(bg, strings.NewReader(c.input))
			if c.want == nil {
				if err != nil || n != 31 || length(t, r) != 30 {
					t.Errorf("Import = %d, %v; Len %d; want 31 lines, 30 events", n, err, length(t, r))
				}
				return
			}
			ie, ok := errors.AsType[*rights.ImportError](err)
			if !ok || ie.Line != c.line || !errors.Is(err, c.want) {
				t.Fatalf("Import = %d, %v; want an *ImportError at line %d wrapping %v", n, err, c.line, c.want)
			}
			if n != c.line-1 || length(t, r) != int64(c.line-1) {
				t.Errorf("imported %d (Len %d), want the %d lines before the bad one", n, length(t, r), c.line-1)
			}
		})
	}
}

func testPersistence(t *testing.T, h Harness) {
	if h.Reopen == nil {
		t.Skip("the store does not persist")
	}
	r, s := h.open(t)
	events := Chain("PERSIST", 50)
	appendAll(t, r, events[:30])
	head, _ := r.Head(bg)
	s = h.Reopen(t, s)
	r, err := rights.OpenRegistry(bg, s, Options())
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.Head(bg); err != nil || got != head {
		t.Fatalf("head after reopening = %v, %v; want %v", got, err, head)
	}
	appendAll(t, r, events)
	newer, _ := r.Head(bg)
	p, err := r.ProveConsistency(bg, head.N, newer.N)
	if err != nil {
		t.Fatal(err)
	}
	if err := rights.CheckConsistency(head, newer, p); err != nil {
		t.Error(err)
	}
	if err := r.Check(bg); err != nil {
		t.Error(err)
	}
}

func testTamper(t *testing.T, h Harness) {
	if h.Corrupt == nil {
		t.Skip("the store's bytes are out of the test's reach")
	}
	events := Chain("TAMPER", 20)
	hs := hashes(t, events)
	fresh := func(t *testing.T) rights.Store {
		r, s := h.open(t)
		appendAll(t, r, events)
		return s
	}
	reopen := func(t *testing.T, s rights.Store) (*rights.Registry, error) {
		if h.Reopen != nil {
			s = h.Reopen(t, s)
		}
		return rights.OpenRegistry(bg, s, Options())
	}
	t.Run("record", func(t *testing.T) {
		s := fresh(t)
		h.Corrupt(t, s, Record, 5)
		r, err := reopen(t, s)
		if err != nil {
			t.Fatal(err) // event 5 is not read on open
		}
		if _, _, err := r.At(bg, 5); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("At(5) = %v, want ErrCorrupt", err)
		}
		if _, _, err := r.Event(bg, hs[5]); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("Event(5) = %v, want ErrCorrupt", err)
		}
		if _, err := r.ProveInclusion(bg, 5, 20); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("ProveInclusion(5) = %v, want ErrCorrupt", err)
		}
		if err := r.Check(bg); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("Check = %v, want ErrCorrupt", err)
		}
		if _, _, err := r.At(bg, 6); err != nil {
			t.Errorf("At(6), untouched: %v", err)
		}
	})
	t.Run("last record", func(t *testing.T) {
		s := fresh(t)
		h.Corrupt(t, s, Record, 19)
		if _, err := reopen(t, s); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("open = %v, want ErrCorrupt", err)
		}
	})
	t.Run("root subtree hash", func(t *testing.T) {
		s := fresh(t)
		h.Corrupt(t, s, StoredHash, tlog.StoredHashIndex(4, 0)) // the hash of events 0–15, part of the root
		if _, err := reopen(t, s); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("open = %v, want ErrCorrupt", err)
		}
	})
	t.Run("inner hash", func(t *testing.T) {
		s := fresh(t)
		h.Corrupt(t, s, StoredHash, tlog.StoredHashIndex(1, 2)) // events 4–5: below the root's subtrees
		r, err := reopen(t, s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.ProveInclusion(bg, 6, 20); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("ProveInclusion(6) through the flipped hash = %v, want ErrCorrupt", err)
		}
		if err := r.Check(bg); !errors.Is(err, rights.ErrCorrupt) {
			t.Errorf("Check = %v, want ErrCorrupt", err)
		}
	})
}
