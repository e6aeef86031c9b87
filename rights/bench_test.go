package rights_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// benchKey derives a key from i, quickly and deterministically.
func benchKey(i int) (ed25519.PrivateKey, rights.Party) {
	seed := sha256.Sum256(binary.BigEndian.AppendUint64([]byte("bench"), uint64(i)))
	k := ed25519.NewKeyFromSeed(seed[:])
	id, _ := rights.PartyIDOf(k.Public().(ed25519.PublicKey))
	return k, rights.Party{ID: id, Name: fmt.Sprint("party ", i), Kind: rights.Intermediary, Region: "CN-GD"}
}

// linearChain returns a registration followed by n−1 licenses, each granted by the previous
// licensee to a new party, and the query its last licensee asks.
func linearChain(b *testing.B, n int) ([]rights.Event, rights.Query) {
	b.Helper()
	scope := rights.Scope{Actions: []rights.Action{"use"}, Purposes: []string{"research"}, Regions: []string{"CN-GD"}, Sublicensable: true}
	k, p := benchKey(0)
	events := make([]rights.Event, 0, n)
	reg, h, err := rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: testAsset.ID, Record: testAsset, Signer: p, Scope: scope}.Sign(k)
	if err != nil {
		b.Fatal(err)
	}
	events = append(events, reg)
	for i := 1; i < n; i++ {
		nk, np := benchKey(i)
		lic, nh, err := rights.Event{Kind: rights.KindLicense, Time: day(2024, 1, 1).AddDate(0, 0, i), Asset: testAsset.ID,
			Parents: []rights.Hash{h}, Signer: p, Subject: np, Right: rights.ProcessingUse, Scope: scope}.Sign(k)
		if err != nil {
			b.Fatal(err)
		}
		events = append(events, lic)
		k, p, h = nk, np, nh
	}
	return events, rights.Query{Party: p.ID, Action: "read", Purpose: "research", Region: "CN-GD", At: day(2025, 1, 1), Asset: testAsset.ID}
}

// The budget of issue #6: verifying a 100-event linear chain costs at most 1.2 times 100
// ed25519.Verify calls. BenchmarkEd25519Verify100 is the baseline, run beside it.
func BenchmarkVerifyChain100(b *testing.B) {
	events, q := linearChain(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		d, err := rights.Verify(context.Background(), events, q)
		if err != nil || !d.Allowed {
			b.Fatal(d.Err(), err)
		}
	}
}

func BenchmarkEd25519Verify100(b *testing.B) {
	verify := ed25519Baseline(100)
	b.ReportAllocs()
	for b.Loop() {
		verify()
	}
}

// ed25519Baseline returns a function making n ed25519.Verify calls on 32-byte messages, the
// size of the event hashes that rights signs.
func ed25519Baseline(n int) func() {
	type signed struct{ pub, msg, sig []byte }
	var set []signed
	for i := range n {
		k, _ := benchKey(i)
		msg := sha256.Sum256([]byte(fmt.Sprint("event ", i)))
		set = append(set, signed{k.Public().(ed25519.PublicKey), msg[:], ed25519.Sign(k, msg[:])})
	}
	return func() {
		for _, s := range set {
			if !ed25519.Verify(s.pub, s.msg, s.sig) {
				panic("bad signature")
			}
		}
	}
}

// The two halves of the budget timed alternately in one loop, so that the load of a shared
// machine weighs on both alike; the metric "ratio" is Verify's time over the baseline's.
func BenchmarkVerifyChain100_Ratio(b *testing.B) {
	events, q := linearChain(b, 100)
	baseline := ed25519Baseline(100)
	var tv, tb time.Duration
	for b.Loop() {
		start := time.Now()
		if d, err := rights.Verify(context.Background(), events, q); err != nil || !d.Allowed {
			b.Fatal(d.Err(), err)
		}
		mid := time.Now()
		baseline()
		tv, tb = tv+mid.Sub(start), tb+time.Since(mid)
	}
	b.ReportMetric(float64(tv)/float64(tb), "ratio")
}

// Deciding on a chain built once: what a backend pays per question.
func BenchmarkDecide_Depth100(b *testing.B) {
	events, q := linearChain(b, 100)
	c, err := rights.NewChain(context.Background(), events)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d, _ := c.Decide(q); !d.Allowed {
			b.Fatal(d.Err())
		}
	}
}

func BenchmarkUnmarshalBinary(b *testing.B) {
	events, _ := linearChain(b, 2)
	rec, err := events[1].MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	for b.Loop() {
		var e rights.Event
		if err := e.UnmarshalBinary(rec); err != nil {
			b.Fatal(err)
		}
	}
}

// registryEvents is the size of the registry the lookup benchmarks search: 10,000 assets,
// each registered by its own holder and licensed nine times to parties drawn from 10,000.
// Building it signs and verifies every event, about 100 µs each.
const registryEvents = 100_000

var bigRegistry = sync.OnceValues(func() (*rights.Registry, []rights.Hash) {
	r := new(rights.Registry)
	var hashes []rights.Hash
	keys := make([]ed25519.PrivateKey, 10_000)
	parties := make([]rights.Party, len(keys))
	for i := range keys {
		keys[i], parties[i] = benchKey(i)
	}
	scope := rights.Scope{Actions: []rights.Action{"use"}, Regions: []string{"CN"}, Sublicensable: true}
	for a := 0; len(hashes) < registryEvents; a++ {
		asset := testAsset
		asset.ID = fmt.Sprintf("A-%05d", a)
		holder := a % len(keys)
		reg, h, err := rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: asset.ID, Record: asset,
			Signer: parties[holder], Scope: scope}.Sign(keys[holder])
		if err != nil {
			panic(err)
		}
		if _, err := r.Append(context.Background(), reg); err != nil {
			panic(err)
		}
		hashes = append(hashes, h)
		for j := 1; j < 10; j++ {
			sub := (a*7919 + j*104729) % len(keys)
			if sub == holder {
				sub = (sub + 1) % len(keys)
			}
			lic, lh, err := rights.Event{Kind: rights.KindLicense, Time: day(2024, 2, j), Asset: asset.ID, Parents: []rights.Hash{h},
				Signer: parties[holder], Subject: parties[sub], Right: rights.ProcessingUse, Scope: scope}.Sign(keys[holder])
			if err != nil {
				panic(err)
			}
			if _, err := r.Append(context.Background(), lic); err != nil {
				panic(err)
			}
			hashes = append(hashes, lh)
		}
	}
	return r, hashes
})

func BenchmarkRegistry100k(b *testing.B) {
	r, hashes := bigRegistry()
	_, holder := benchKey(4242)
	b.Run("ByHash", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, _, err := r.Event(context.Background(), hashes[i%len(hashes)]); err != nil {
				b.Fatal(err)
			}
			i += 7919
		}
	})
	b.Run("ByAsset", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			seq, err := r.Asset(context.Background(), "A-04242")
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range seq {
				n += len(e.Parents)
			}
			if n != 9 {
				b.Fatal("want 9 licenses")
			}
		}
	})
	b.Run("ByParty", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			seq, err := r.Party(context.Background(), holder.ID)
			if err != nil {
				b.Fatal(err)
			}
			for range seq {
				n++
			}
			if n < 10 {
				b.Fatal("want at least 10 events")
			}
		}
	})
	b.Run("InclusionProof", func(b *testing.B) {
		head, err := r.Head(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.ProveInclusion(context.Background(), 54321, head.N); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Issue 21 shapes at normal size: a diamond of derivations 20 layers deep (41 events,
// 2^20 paths) and 1,000 licences under one grant.
func BenchmarkVerifyDiamond20(b *testing.B) {
	events, product := diamond(b, 20)
	_, p := benchKey(0)
	q := rights.Query{Party: p.ID, Action: "read", Region: "CN-GD", At: day(2025, 1, 1), Asset: product}
	b.ReportAllocs()
	for b.Loop() {
		if d, err := rights.Verify(context.Background(), events, q); err != nil || !d.Allowed {
			b.Fatal(d.Err(), err)
		}
	}
}

func BenchmarkVerifyFanOut1000(b *testing.B) {
	events := fanOut(b, 1000, 100)
	_, last := benchKey(1000)
	q := rights.Query{Party: last.ID, Action: "read", Purpose: "purpose-1000", Region: "CN-GD", At: day(2025, 1, 1), Asset: testAsset.ID}
	b.ReportAllocs()
	for b.Loop() {
		if d, err := rights.Verify(context.Background(), events, q); err != nil || !d.Allowed {
			b.Fatal(d.Err(), err)
		}
	}
}

// Checking a certificate's Verifiable Credential offline: JCS, JSON-LD expansion against the
// embedded VC 2.0 context, one Ed25519 verification.
func BenchmarkVerifyCredential(b *testing.B) {
	l := &ledger{t: b}
	reg := l.register(holderScope)
	is := l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
	c, err := registryConfig.NewChain(context.Background(), l.events)
	if err != nil {
		b.Fatal(err)
	}
	cert, _ := c.Certificate(is)
	vc, err := cert.Credential(assaytest.RightsKey("registrar"), day(2024, 1, 15))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rights.VerifyCredential(vc, day(2025, 1, 1)); err != nil {
			b.Fatal(err)
		}
	}
}
