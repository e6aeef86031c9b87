package rights_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights"
)

var court = party("court") // an arbitration commission

// registryConfig is a registry with one registrar, one court and the default two-week
// publication period: alice's registration of 2024-01-01 may be issued from 2024-01-15.
var registryConfig = rights.Config{Registrars: []rights.PartyID{registrar.ID}, Arbiters: []rights.PartyID{court.ID}}

func (l *ledger) issue(root rights.Hash, at, until time.Time) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindIssue, Time: at, Asset: "A-1", Parents: []rights.Hash{root}, Signer: registrar, Until: until})
}

func (l *ledger) object(target rights.Hash, by rights.Party, at time.Time) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindObject, Time: at, Asset: "A-1", Parents: []rights.Hash{target}, Signer: by, Note: "the data is ours"})
}

func (l *ledger) arbitrate(objection rights.Hash, o rights.Outcome, at time.Time) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindArbitrate, Time: at, Asset: "A-1", Parents: []rights.Hash{objection}, Signer: court, Outcome: o})
}

func (l *ledger) pledge(grant rights.Hash, by, to rights.Party, at time.Time) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindPledge, Time: at, Asset: "A-1", Parents: []rights.Hash{grant}, Signer: by, Subject: to,
		Amount: assay.MustMoney("5000000.00", "CNY"), Until: at.AddDate(1, 0, 0)})
}

func transfer(l *ledger, grant rights.Hash, from, to rights.Party, at time.Time) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindTransfer, Time: at, Asset: "A-1", Parents: []rights.Hash{grant}, Signer: from, Subject: to})
}

// Adversarial and ordinary cases of the registry procedure under registryConfig, each worked
// by hand from the rules documented on Config: the decision on a query and, where it
// matters, the event at fault.
func TestLifecycle_Decisions(t *testing.T) {
	tests := []chainCase{
		{"pending: registered, never issued", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			return readQuery(alice, day(2024, 6, 1)), outcome{Code: "pending", Fault: reg}
		}},
		{"issued after the publication period", func(l *ledger) (rights.Query, outcome) {
			l.issue(l.register(holderScope), day(2024, 1, 15), day(2027, 1, 15))
			return readQuery(alice, day(2024, 6, 1)), outcome{Allowed: true}
		}},
		{"issued before the publication period ended", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 14), day(2027, 1, 14)) // void: 13 days after
			return readQuery(alice, day(2024, 6, 1)), outcome{Code: "pending", Fault: reg}
		}},
		{"a license before issue is void", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			lic := l.license(reg, alice, bob, day(2024, 1, 10), useScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			return readQuery(bob, day(2024, 6, 1)), outcome{Code: "not-held/pending", Fault: lic}
		}},
		{"the certificate expired", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2025, 1, 15))
			return readQuery(alice, day(2025, 1, 15)), outcome{Code: "certificate-expired", Fault: reg}
		}},
		{"a licensee's grant ends with the certificate", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2025, 1, 15))
			l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			return readQuery(bob, day(2025, 6, 1)), outcome{Code: "certificate-expired", Fault: reg}
		}},
		{"renewed after expiry (续展)", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2025, 1, 15))
			l.issue(reg, day(2025, 2, 1), day(2028, 2, 1))
			return readQuery(alice, day(2025, 6, 1)), outcome{Allowed: true}
		}},
		{"objected during publication by a stranger", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.object(reg, dave, day(2024, 1, 10))
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15)) // void: the objection is pending
			return readQuery(alice, day(2024, 6, 1)), outcome{Code: "suspended", Fault: reg}
		}},
		{"objection dismissed, then issued", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.arbitrate(l.object(reg, dave, day(2024, 1, 10)), rights.Dismissed, day(2024, 2, 1))
			l.issue(reg, day(2024, 2, 2), day(2027, 2, 2))
			return readQuery(alice, day(2024, 6, 1)), outcome{Allowed: true}
		}},
		{"objection upheld: the registration is refused", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.arbitrate(l.object(reg, dave, day(2024, 1, 10)), rights.Upheld, day(2024, 2, 1))
			l.issue(reg, day(2024, 2, 2), day(2027, 2, 2)) // void: cancelled by the arbitration
			return readQuery(alice, day(2024, 6, 1)), outcome{Code: "revoked", Fault: reg}
		}},
		{"a stranger's objection after publication has no standing", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			l.object(reg, dave, day(2024, 3, 1))
			return readQuery(alice, day(2024, 6, 1)), outcome{Allowed: true}
		}},
		{"a licensee's objection after publication suspends", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.object(reg, bob, day(2024, 3, 1))
			return readQuery(alice, day(2024, 6, 1)), outcome{Code: "suspended", Fault: reg}
		}},
		{"an arbitration by a stranger is void", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			obj := l.object(reg, dave, day(2024, 1, 10))
			l.add(rights.Event{Kind: rights.KindArbitrate, Time: day(2024, 2, 1), Asset: "A-1", Parents: []rights.Hash{obj}, Signer: dave, Outcome: rights.Dismissed})
			return readQuery(alice, day(2024, 6, 1)), outcome{Code: "suspended", Fault: reg}
		}},
		{"a pledged registration cannot be transferred", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			l.pledge(reg, alice, bob, day(2024, 2, 1))
			x := transfer(l, reg, alice, dave, day(2024, 3, 1))
			return readQuery(dave, day(2024, 6, 1)), outcome{Code: "not-held/pledged", Fault: x}
		}},
		{"transferred after the pledgee's release", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			p := l.pledge(reg, alice, bob, day(2024, 2, 1))
			l.add(rights.Event{Kind: rights.KindRelease, Time: day(2024, 3, 1), Asset: "A-1", Parents: []rights.Hash{p}, Signer: bob})
			transfer(l, reg, alice, dave, day(2024, 3, 2)) // after the release: events at one instant are ordered by hash
			return readQuery(dave, day(2024, 6, 1)), outcome{Allowed: true}
		}},
		{"only the pledgee releases", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			p := l.pledge(reg, alice, bob, day(2024, 2, 1))
			l.add(rights.Event{Kind: rights.KindRelease, Time: day(2024, 3, 1), Asset: "A-1", Parents: []rights.Hash{p}, Signer: alice})
			x := transfer(l, reg, alice, dave, day(2024, 3, 1))
			return readQuery(dave, day(2024, 6, 1)), outcome{Code: "not-held/pledged", Fault: x}
		}},
		{"a pledged registration cannot be cancelled", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			l.pledge(reg, alice, bob, day(2024, 2, 1))
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2024, 3, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice}) // void
			return readQuery(alice, day(2024, 6, 1)), outcome{Allowed: true}
		}},
		{"a pledged registration stays in force for its holder", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			l.pledge(reg, alice, bob, day(2024, 2, 1))
			return readQuery(alice, day(2024, 6, 1)), outcome{Allowed: true}
		}},
		{"a pledge by someone who does not hold the grant is void", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
			l.pledge(reg, dave, bob, day(2024, 2, 1))
			transfer(l, reg, alice, carol, day(2024, 3, 1))
			return readQuery(carol, day(2024, 6, 1)), outcome{Allowed: true}
		}},
	}
	runCases(t, registryConfig, tests)
}

// The states of one registration through its life, with the typed reason at each step:
// applied 2024-01-01, objected by a stranger on 01-10 (publication), objection dismissed
// 02-01, issue attempted during the objection (void), issued 02-02 until 2025-02-02,
// expired, renewed 2025-03-01.
func TestLifecycle_States(t *testing.T) {
	l := &ledger{t: t}
	reg := l.register(holderScope)
	early := l.issue(reg, day(2024, 1, 12), day(2027, 1, 12))
	obj := l.object(reg, dave, day(2024, 1, 10))
	during := l.issue(reg, day(2024, 1, 20), day(2027, 1, 20))
	l.arbitrate(obj, rights.Dismissed, day(2024, 2, 1))
	first := l.issue(reg, day(2024, 2, 2), day(2025, 2, 2))
	renewal := l.issue(reg, day(2025, 3, 1), day(2028, 3, 1))
	c, err := registryConfig.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Status(early); !errors.Is(err, rights.ErrPublication) || rights.Code(err) != "publication" {
		t.Errorf("issue during publication: %v (code %q), want publication", err, rights.Code(err))
	}
	if err := c.Status(during); !errors.Is(err, rights.ErrSuspended) {
		t.Errorf("issue during an objection: %v, want suspended", err)
	}
	for _, tt := range []struct {
		at   time.Time
		want rights.State
		err  error
	}{
		{day(2024, 1, 5), rights.StatePending, rights.ErrPending},
		{day(2024, 1, 10), rights.StateObjected, rights.ErrSuspended},
		{day(2024, 2, 1), rights.StatePending, rights.ErrPending},
		{day(2024, 2, 2), rights.StateIssued, nil},
		{day(2025, 2, 2), rights.StateExpired, rights.ErrCertificateExpired},
		{day(2025, 3, 1), rights.StateIssued, nil},
	} {
		st, err := c.State(reg, tt.at)
		if st != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("at %s: %v, %v; want %v, %v", tt.at.Format(time.DateOnly), st, err, tt.want, tt.err)
		}
	}
	cert, err := c.Certificate(renewal)
	if err != nil {
		t.Fatal(err)
	}
	want := rights.Certificate{Issue: renewal, Registration: reg, Registrar: registrar, Holder: alice, Asset: testAsset,
		Right: rights.Holding, Scope: holderScope, ValidFrom: day(2025, 3, 1), ValidUntil: day(2028, 3, 1)}
	if diff := cmp.Diff(want, cert, cmp.Comparer(func(a, b assay.Money) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("certificate (-want +got):\n%s", diff)
	}
	if _, err := c.Certificate(first); err != nil {
		t.Errorf("the first certificate: %v", err)
	}
	if _, err := c.Certificate(reg); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("a registration is no certificate: %v", err)
	}
}

// Without registrars an issue event is void (no one is trusted to issue) and registrations
// are in force from their time: the state is "recorded".
func TestLifecycle_TrustingConfig(t *testing.T) {
	l := &ledger{t: t}
	reg := l.register(holderScope)
	is := l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
	c, err := rights.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Status(is); !errors.Is(err, rights.ErrUntrusted) {
		t.Errorf("issue without registrars: %v, want untrusted", err)
	}
	if st, err := c.State(reg, day(2024, 1, 2)); st != rights.StateRecorded || err != nil {
		t.Errorf("state: %v, %v; want recorded", st, err)
	}
	if _, err := (rights.Config{Publication: -time.Hour}).NewChain(context.Background(), l.events); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("negative publication: %v, want ErrMalformed", err)
	}
}
