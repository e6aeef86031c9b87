package rights_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dataassay/assay/rights"
)

// The abuse suite of issue 21 for package rights: each hostile shape either finishes with a
// correct result or is stopped by its context, within a generous time and a memory ceiling
// measured with runtime.ReadMemStats. The ceilings are far above what the fixed algorithms
// need and far below what the old ones took (seconds, hundreds of megabytes), so they do not
// flake on a loaded machine yet catch a regression to the explosive algorithms.

const (
	abuseDeadline = 500 * time.Millisecond // the ctx deadline of issue 21
	abuseGrace    = 150 * time.Millisecond // how late after the deadline a stop may come: issue 21 asks 50 ms, which holds on an idle machine (a check every 16 signatures, about 1 ms); the margin absorbs a shared CI machine
	abuseMemory   = 64 << 20               // bytes allocated during the call
)

// bounded runs f under a 0.5 s deadline and fails if it allocated more than abuseMemory or
// returned later than the deadline plus abuseGrace. It returns f's error.
func bounded(t *testing.T, f func(ctx context.Context) error) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), abuseDeadline)
	defer cancel()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	err := f(ctx)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if took > abuseDeadline+abuseGrace {
		t.Errorf("took %v, want at most %v (deadline %v)", took, abuseDeadline+abuseGrace, abuseDeadline)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > abuseMemory {
		t.Errorf("allocated %d MB, want at most %d MB", alloc>>20, abuseMemory>>20)
	}
	t.Logf("took %v, allocated %d KB, err %v", took, (after.TotalAlloc-before.TotalAlloc)>>10, err)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("unexpected error %v", err)
	}
	return err
}

// sign signs e with the bench key i, which must be the signer's.
func sign(t testing.TB, e rights.Event, i int) (rights.Event, rights.Hash) {
	t.Helper()
	k, p := benchKey(i)
	if p.ID != e.Signer.ID {
		t.Fatalf("key %d is not the signer's", i)
	}
	s, h, err := e.Sign(k)
	if err != nil {
		t.Fatal(err)
	}
	return s, h
}

var abuseScope = rights.Scope{Actions: []rights.Action{"use", "transfer"}, Regions: []string{"CN"}, Sublicensable: true, Exclusive: true}

// diamond returns a registration and layers of two products, each derived by the same party
// from both products of the layer below: 1 + 2·layers events whose derivation paths double
// with every layer.
func diamond(t testing.TB, layers int) ([]rights.Event, string) {
	_, p := benchKey(0)
	reg, h := sign(t, rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: testAsset.ID, Record: testAsset, Signer: p, Scope: abuseScope}, 0)
	events := []rights.Event{reg}
	below := []rights.Hash{h}
	var last string
	for l := range layers {
		var next []rights.Hash
		for s := range 2 {
			rec := testAsset
			rec.ID = fmt.Sprintf("P-%d-%d", l, s)
			e, h := sign(t, rights.Event{Kind: rights.KindDerive, Time: day(2024, 1, 2).Add(time.Duration(l) * time.Hour), Asset: rec.ID, Record: rec,
				Parents: below, Signer: p, Scope: abuseScope}, 0)
			events = append(events, e)
			next = append(next, h)
			last = rec.ID
		}
		below = next
	}
	return events, last
}

func TestAbuse_DerivationDiamond(t *testing.T) {
	events, product := diamond(t, 26) // 53 events, 2^26 paths
	_, p := benchKey(0)
	q := rights.Query{Party: p.ID, Action: "read", Region: "CN-GD", At: day(2025, 1, 1), Asset: product}
	var d rights.Decision
	err := bounded(t, func(ctx context.Context) (err error) {
		d, err = rights.Verify(ctx, events, q)
		return err
	})
	if err == nil && !d.Allowed {
		t.Errorf("the deepest product: %v, want allowed", d.Err())
	}
}

// An objection at the bottom of the diamond suspends the top: the memoised dispute search
// still finds it through every path.
func TestAbuse_DerivationDiamondObjected(t *testing.T) {
	events, product := diamond(t, 26)
	_, o := benchKey(1)
	root, _ := events[0].VerifySignature()
	obj, oh := sign(t, rights.Event{Kind: rights.KindObject, Time: day(2024, 6, 1), Asset: testAsset.ID, Parents: []rights.Hash{root}, Signer: o}, 1)
	events = append(events, obj)
	_, p := benchKey(0)
	q := rights.Query{Party: p.ID, Action: "read", Region: "CN-GD", At: day(2025, 1, 1), Asset: product}
	c, err := rights.Config{OpenObjections: true}.NewChain(context.Background(), events)
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Decide(q)
	if err != nil {
		t.Fatal(err)
	}
	var se *rights.SuspendedError
	if !errors.As(d.Err(), &se) || se.Objection != oh {
		t.Errorf("the deepest product after an objection to the source: %v, want suspended by %s", d.Err(), oh.Short())
	}
}

// fanOut returns a registration and n licences from its holder to distinct parties.
func fanOut(t testing.TB, n int, exclusiveEvery int) []rights.Event {
	_, p := benchKey(0)
	reg, h := sign(t, rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: testAsset.ID, Record: testAsset, Signer: p, Scope: abuseScope}, 0)
	events := []rights.Event{reg}
	k, _ := benchKey(0)
	for i := 1; i <= n; i++ {
		_, sub := benchKey(i)
		s := rights.Scope{Actions: []rights.Action{"read"}, Purposes: []string{fmt.Sprint("purpose-", i)}, Regions: []string{"CN"}, From: day(2024, 2, 1), Until: day(2027, 1, 1)}
		s.Exclusive = exclusiveEvery > 0 && i%exclusiveEvery == 0
		e, _, err := rights.Event{Kind: rights.KindLicense, Time: day(2024, 1, 1).Add(time.Duration(i) * time.Second), Asset: testAsset.ID,
			Parents: []rights.Hash{h}, Signer: p, Subject: sub, Right: rights.ProcessingUse, Scope: s}.Sign(k)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	return events
}

func TestAbuse_LicencesUnderOneGrant(t *testing.T) {
	// The result at a size any machine verifies quickly: every licence valid, the exclusive
	// ones included (each in its own purpose), the last licensee allowed.
	small := fanOut(t, 2000, 100)
	_, p2000 := benchKey(2000)
	if d, err := rights.Verify(context.Background(), small, rights.Query{Party: p2000.ID, Action: "read", Purpose: "purpose-2000",
		Region: "CN-GD", At: day(2025, 1, 1), Asset: testAsset.ID}); err != nil || !d.Allowed {
		t.Errorf("the 2,000th licensee: %v %v, want allowed", d.Err(), err)
	}
	events := fanOut(t, 20_000, 100) // every 100th exclusive in its own purpose: no conflicts
	_, last := benchKey(20_000)
	q := rights.Query{Party: last.ID, Action: "read", Purpose: "purpose-20000", Region: "CN-GD", At: day(2025, 1, 1), Asset: testAsset.ID}
	var d rights.Decision
	err := bounded(t, func(ctx context.Context) (err error) {
		d, err = rights.Verify(ctx, events, q)
		return err
	})
	if err == nil && !d.Allowed {
		t.Errorf("the last licensee: %v, want allowed", d.Err())
	}
	// A deadline far shorter than the work (20,000 signatures alone take longer) stops it
	// within abuseGrace.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = rights.Verify(ctx, events, q)
	if took := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || took > 20*time.Millisecond+abuseGrace {
		t.Errorf("a 20 ms deadline: %v after %v, want DeadlineExceeded within %v", err, took, 20*time.Millisecond+abuseGrace)
	}
}

// sublicenceChain returns a registration and a chain of n licences, each granted by the
// previous licensee with a use limit, and one use by each licensee: about 2n events.
func sublicenceChain(t testing.TB, n int) ([]rights.Event, rights.Query) {
	_, p := benchKey(0)
	scope := rights.Scope{Actions: []rights.Action{"use"}, Regions: []string{"CN"}, Sublicensable: true, MaxUses: int64(2 * n), MaxVolume: int64(1000 * n)}
	reg, h := sign(t, rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: testAsset.ID, Record: testAsset, Signer: p, Scope: scope}, 0)
	events := []rights.Event{reg}
	at := day(2024, 1, 1)
	for i := 1; i <= n; i++ {
		_, sub := benchKey(i)
		at = at.Add(time.Minute)
		s := scope
		s.MaxUses, s.MaxVolume = scope.MaxUses-int64(i), scope.MaxVolume-int64(i)
		var lic rights.Event
		lic, h = sign(t, rights.Event{Kind: rights.KindLicense, Time: at, Asset: testAsset.ID, Parents: []rights.Hash{h}, Signer: p, Subject: sub,
			Right: rights.ProcessingUse, Scope: s}, i-1)
		at = at.Add(time.Minute)
		use, _ := sign(t, rights.Event{Kind: rights.KindUse, Time: at, Asset: testAsset.ID, Parents: []rights.Hash{h}, Signer: sub,
			Action: "read", Region: "CN-GD", Volume: 1}, i)
		events = append(events, lic, use)
		p = sub
	}
	return events, rights.Query{Party: p.ID, Action: "read", Region: "CN-GD", At: at.Add(time.Hour), Asset: testAsset.ID, Volume: 1}
}

func TestAbuse_SublicenceChainWithUseLimits(t *testing.T) {
	events, q := sublicenceChain(t, 1200) // 2,401 events
	// The result, whatever the machine's load. Hand count: licence i allows 2·1200 − i uses
	// and has 1201 − i uses at or under it (its licensee's and those below), so one more use
	// fits everywhere; the path runs through all 1200 licences and the registration.
	d, err := rights.Verify(context.Background(), events, q)
	if err != nil || !d.Allowed || len(d.Path) != 1201 {
		t.Errorf("the last licensee: %v %v, path of %d grants; want allowed through 1201", d.Err(), err, len(d.Path))
	}
	bounded(t, func(ctx context.Context) error {
		_, err := rights.Verify(ctx, events, q)
		return err
	})
}

// A chain far larger than the deadline allows is stopped by ctx, not run to the end.
func TestAbuse_ContextStopsVerification(t *testing.T) {
	events, product := diamond(t, 2000)
	_, p := benchKey(0)
	q := rights.Query{Party: p.ID, Action: "read", Region: "CN-GD", At: day(2025, 1, 1), Asset: product}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rights.Verify(ctx, events, q); !errors.Is(err, context.Canceled) {
		t.Errorf("Verify with a cancelled ctx: %v, want context.Canceled", err)
	}
}

// Issue 21: a stranger cannot freeze an asset by objecting. 5,000 objections by parties
// without standing, after the publication period, are void; the holder's queries are still
// allowed, within the time and memory bounds.
func TestAbuse_ObjectionsWithoutStanding(t *testing.T) {
	_, p := benchKey(0)
	reg, h := sign(t, rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: testAsset.ID, Record: testAsset, Signer: p, Scope: abuseScope}, 0)
	events := []rights.Event{reg}
	for i := 1; i <= 5000; i++ {
		_, o := benchKey(i)
		obj, _ := sign(t, rights.Event{Kind: rights.KindObject, Time: day(2024, 3, 1).Add(time.Duration(i) * time.Second), Asset: testAsset.ID,
			Parents: []rights.Hash{h}, Signer: o}, i)
		events = append(events, obj)
	}
	q := rights.Query{Party: p.ID, Action: "read", Region: "CN-GD", At: day(2025, 1, 1), Asset: testAsset.ID}
	// The result, whatever the machine's load; then the bounds.
	if d, err := rights.Verify(context.Background(), events, q); err != nil || !d.Allowed {
		t.Errorf("the holder after 5,000 strangers' objections: %v %v, want allowed", d.Err(), err)
	}
	bounded(t, func(ctx context.Context) error {
		_, err := rights.Verify(ctx, events, q)
		return err
	})
}
