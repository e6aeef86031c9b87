package rights_test

import (
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// party returns a test party whose key is assaytest.RightsKey(name).
func party(name string) rights.Party {
	return assaytest.RightsParty(name, rights.Intermediary, "CN-GD")
}

// ledger builds signed chains for tests: each add signs with the signer's assaytest key.
type ledger struct {
	t      testing.TB
	events []rights.Event
}

func (l *ledger) add(e rights.Event) rights.Hash {
	l.t.Helper()
	signed, h, err := e.Sign(assaytest.RightsKey(e.Signer.Name))
	if err != nil {
		l.t.Fatalf("signing %v event: %v", e.Kind, err)
	}
	l.events = append(l.events, signed)
	return h
}

var (
	registrar = party("registrar") // a registration authority (登记机构)
	alice     = party("alice")     // the holder
	bob       = party("bob")
	carol     = party("carol")
	dave      = party("dave")
)

var testAsset = assay.Asset{ID: "A-1", Name: "test data", Holder: "alice", Region: "CN-GD",
	Acquired: day(2024, 1, 1), UsefulLife: 5, Records: 1000}

// register adds alice's registration of testAsset with scope s at 2024-01-01.
func (l *ledger) register(s rights.Scope) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: testAsset.ID, Record: testAsset, Signer: alice, Scope: s})
}

// license adds a processing-use license under parent from signer to subject at time at.
func (l *ledger) license(parent rights.Hash, signer, subject rights.Party, at time.Time, s rights.Scope) rights.Hash {
	return l.add(rights.Event{Kind: rights.KindLicense, Time: at, Asset: testAsset.ID, Parents: []rights.Hash{parent},
		Signer: signer, Subject: subject, Right: rights.ProcessingUse, Scope: s})
}

// holderScope is what alice holds in most tests: everything in the mainland, licensable.
var holderScope = rights.Scope{Actions: []rights.Action{"use", "transfer"}, Regions: []string{"CN"}, Sublicensable: true}

// useScope is a plain two-year license to read and derive for research in CN-GD.
var useScope = rights.Scope{Actions: []rights.Action{"read", "derive"}, Purposes: []string{"research"},
	Regions: []string{"CN-GD"}, From: day(2024, 2, 1), Until: day(2026, 2, 1), Sublicensable: true}

// readQuery asks whether p may read testAsset for research in CN-GD at at.
func readQuery(p rights.Party, at time.Time) rights.Query {
	return rights.Query{Party: p.ID, Action: "read", Purpose: "research", Region: "CN-GD", At: at, Asset: testAsset.ID}
}

var zeroTime time.Time

// standing gives p standing to object on testAsset after the publication period: a licence
// from alice under reg, for another purpose, at 2024-01-20.
func (l *ledger) standing(reg rights.Hash, p rights.Party) rights.Hash {
	return l.license(reg, alice, p, day(2024, 1, 20), rights.Scope{Actions: []rights.Action{"read"}, Purposes: []string{"audit"}, Regions: []string{"CN"}})
}
