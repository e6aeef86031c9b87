package rights_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

func seedRecords(f *testing.F) [][]byte {
	var out [][]byte
	for _, e := range append(assaytest.SeedRights().Events(), v2Events(f)...) {
		rec, err := e.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, rec)
	}
	return out
}

// Decoding never panics, and whatever decodes re-encodes to the same bytes and survives a
// JSON round trip with its hash.
func FuzzUnmarshalBinary(f *testing.F) {
	for _, rec := range seedRecords(f) {
		f.Add(rec)
	}
	f.Add([]byte("ARE\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e rights.Event
		if e.UnmarshalBinary(data) != nil {
			return
		}
		again, err := e.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("re-encoding differs: %v\n in  %x\n out %x", err, data, again)
		}
		js, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("a decoded event does not marshal to JSON: %v", err)
		}
		var back rights.Event
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("JSON of a decoded event does not decode: %v\n%s", err, js)
		}
		h1, _ := e.Hash()
		h2, err := back.Hash()
		if err != nil || h1 != h2 {
			t.Fatalf("hash changed through JSON: %v %v %v", h1, h2, err)
		}
	})
}

// JSON decoding never panics, and an accepted event keeps its hash through a JSON round trip
// and a binary one.
func FuzzEventJSON(f *testing.F) {
	for _, e := range append(assaytest.SeedRights().Events(), v2Events(f)...) {
		js, _ := json.Marshal(e)
		f.Add(js)
	}
	f.Add([]byte(`{"kind":"cancel","time":"2024-01-01T00:00:00Z","asset":"A"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e rights.Event
		if json.Unmarshal(data, &e) != nil {
			return
		}
		h1, err := e.Hash()
		if err != nil {
			t.Fatalf("an accepted event does not hash: %v", err)
		}
		js, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back rights.Event
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("re-decoding: %v\n%s", err, js)
		}
		bin, err := back.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var fromBin rights.Event
		if err := fromBin.UnmarshalBinary(bin); err != nil {
			t.Fatalf("binary of an accepted event does not decode: %v", err)
		}
		if h2, _ := fromBin.Hash(); h2 != h1 {
			t.Fatalf("hash changed: %v → %v", h1, h2)
		}
	})
}

// Verify never panics on any set of events, and accepts no forgery: the fuzzer holds no
// keys, so whenever a set of decoded events passes NewChain, every event in it must be one
// of the seed chain's own signed events. The input is five records (any that fails to decode
// is left out); the seed chain's records, whole, reordered or mutated, are the corpus.
func FuzzVerify(f *testing.F) {
	recs := seedRecords(f)
	genuine := map[rights.Hash]bool{}
	for _, rec := range recs {
		var e rights.Event
		if err := e.UnmarshalBinary(rec); err != nil {
			f.Fatal(err)
		}
		h, _ := e.Hash()
		genuine[h] = true
	}
	f.Add(recs[0], recs[1], recs[2], recs[3], recs[4])
	f.Add(recs[4], recs[3], recs[2], recs[1], recs[0])
	f.Add(recs[0], recs[1], recs[1], []byte{}, recs[2])
	s := assaytest.SeedRights()
	var queries []rights.Query
	for _, p := range []rights.Party{s.Centre, s.City, s.MSME, s.Buyer} {
		queries = append(queries, rights.Query{Party: p.ID, Action: "read", Purpose: "city-planning", Region: "CN-GD",
			At: day(2025, 1, 1), Asset: s.Traffic.ID, Derived: true})
	}
	f.Fuzz(func(t *testing.T, r0, r1, r2, r3, r4 []byte) {
		var events []rights.Event
		for _, rec := range [][]byte{r0, r1, r2, r3, r4} {
			var e rights.Event
			if e.UnmarshalBinary(rec) == nil {
				events = append(events, e)
			}
		}
		c, err := rights.NewChain(context.Background(), events)
		if err != nil {
			return
		}
		for _, e := range c.Events() {
			if h, _ := e.Hash(); !genuine[h] {
				t.Fatalf("forged event accepted: %+v", e)
			}
		}
		for _, q := range queries {
			if _, err := c.Decide(q); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// The text decoders of the small types never panic, and what they accept re-encodes to the
// same text.
func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{"", "holding", "product-operation", "license", "state-owned",
		"security-assessment", "00ff" + strings.Repeat("ab", 30), strings.Repeat("0", 64)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		type textual interface {
			UnmarshalText([]byte) error
			MarshalText() ([]byte, error)
		}
		for _, v := range []textual{new(rights.Right), new(rights.Kind), new(rights.PartyKind),
			new(rights.Requirement), new(rights.Hash), new(rights.PartyID)} {
			if v.UnmarshalText([]byte(s)) != nil {
				continue
			}
			out, err := v.MarshalText()
			if err != nil || !strings.EqualFold(string(out), s) && s != "" {
				t.Errorf("%T: %q → %q, %v", v, s, out, err)
			}
		}
	})
}

// v2Events are signed events of every kind added in version 2 of the encoding, and a
// registration with declared fields and a digest, to seed the decoders' corpora.
func v2Events(tb testing.TB) []rights.Event {
	l := &ledger{t: tb}
	rec := testAsset
	rec.Source, rec.UpdateFrequency, rec.Bytes = "sensors", assay.Daily, 1<<20
	reg := l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: rec.ID, Record: rec, Signer: alice, Scope: holderScope, Digest: rights.Digest{1}})
	l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
	p := l.pledge(reg, alice, bob, day(2024, 2, 1))
	l.add(rights.Event{Kind: rights.KindRelease, Time: day(2024, 3, 1), Asset: "A-1", Parents: []rights.Hash{p}, Signer: bob})
	l.arbitrate(l.object(reg, dave, day(2024, 1, 5)), rights.Upheld, day(2024, 1, 9))
	return l.events
}

// Manifests decode strictly and never panic; an accepted manifest has a digest and keeps it
// through a JSON round trip.
func FuzzManifestJSON(f *testing.F) {
	f.Add([]byte(`{"files":[{"path":"a.csv","size":3,"sha256":"` + strings.Repeat("ab", 32) + `"}]}`))
	f.Add([]byte(`{"records":2,"recordRoot":"` + strings.Repeat("01", 32) + `"}`))
	f.Add([]byte(`{"files":[{"path":"../a","size":-1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m rights.Manifest
		if json.Unmarshal(data, &m) != nil {
			return
		}
		d, err := m.Digest()
		if err != nil {
			t.Fatalf("an accepted manifest has no digest: %v", err)
		}
		js, _ := json.Marshal(m)
		var back rights.Manifest
		if err := json.Unmarshal(js, &back); err != nil || back.Check(d) != nil {
			t.Fatalf("round trip changed the manifest: %v", err)
		}
	})
}
