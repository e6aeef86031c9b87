package rights_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// Verify answers "may this party do this, for this purpose, here, now?" from a set of signed
// events, with the path of grants or the reasons.
func Example() {
	s := assaytest.SeedRights() // centre → smart-city company → MSME → congestion index → HK buyer
	at := time.Date(2025, time.January, 10, 0, 0, 0, 0, time.UTC)

	d, err := rights.Verify(context.Background(), s.Events(), rights.Query{
		Party: s.MSME.ID, Action: rights.ActionAnonymize, Purpose: "city-planning",
		Region: "CN-GD", At: at, Asset: s.Traffic.ID,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("anonymise for city planning:", d.Allowed, "via", len(d.Path), "grants, a", d.Right, "right")

	d, _ = rights.Verify(context.Background(), s.Events(), rights.Query{
		Party: s.MSME.ID, Action: rights.ActionRead, Purpose: "advertising",
		Region: "CN-GD", At: at, Asset: s.Traffic.ID,
	})
	var se *rights.ScopeError
	if errors.As(d.Err(), &se) {
		fmt.Println("read for advertising:", d.Allowed, "—", se.Dimension, "allowed:", se.Allowed)
	}
	// Output:
	// anonymise for city planning: true via 3 grants, a processing-use right
	// read for advertising: false — purpose allowed: city-planning
}

// A registration is signed by the holder's Ed25519 key; any change to it breaks the
// signature.
func ExampleEvent_Sign() {
	seed := sha256.Sum256([]byte("example holder"))
	key := ed25519.NewKeyFromSeed(seed[:])
	id, _ := rights.PartyIDOf(key.Public().(ed25519.PublicKey))
	asset := assay.Asset{ID: "SZ-2024-001", Name: "Port container movements", Holder: "Port authority",
		Region: "CN-GD", Acquired: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), UsefulLife: 5, Records: 1_000_000}

	reg := rights.Event{
		Kind: rights.KindRegister, Time: asset.Acquired, Asset: asset.ID, Record: asset,
		Signer: rights.Party{ID: id, Name: "Port authority", Kind: rights.Government, Region: "CN-GD"},
		Scope:  rights.Scope{Actions: []rights.Action{rights.ActionUse, rights.ActionTransfer}, Sublicensable: true},
	}
	signed, _, err := reg.Sign(key)
	if err != nil {
		panic(err)
	}
	_, err = signed.VerifySignature()
	fmt.Println("signature valid:", err == nil)

	signed.Scope.Regions = []string{"HK"} // tampered after signing
	_, err = signed.VerifySignature()
	fmt.Println("after tampering:", errors.Is(err, rights.ErrBadSignature))
	// Output:
	// signature valid: true
	// after tampering: true
}

// A license cannot be wider than what its grantor holds.
func ExampleScope_Within() {
	held := rights.Scope{Actions: []rights.Action{rights.ActionUse}, Regions: []string{"CN-GD"}}
	fine := rights.Scope{Actions: []rights.Action{rights.ActionRead}, Regions: []string{"CN-GD"}}
	wide := rights.Scope{Actions: []rights.Action{rights.ActionRead}, Regions: []string{"CN"}}
	fmt.Println(fine.Within(held))
	fmt.Println(wide.Within(held))
	// Output:
	// <nil>
	// rights: scope escalation in regions: grants CN, grantor held CN-GD
}

// The thresholds of the CAC Provisions of 2024 decide what a provision of data from the
// mainland requires.
func ExampleCrossBorderRules_Required() {
	var rules rights.CrossBorderRules // the zero value holds the 2024 thresholds
	for _, x := range []rights.Export{
		{Persons: 99_999},
		{Persons: 100_000},
		{SensitivePersons: 10_000},
		{Classification: assay.Important},
	} {
		req, _ := rules.Required(x)
		fmt.Println(req)
	}
	// Output:
	// none
	// standard-contract
	// security-assessment
	// security-assessment
}

// A registry logs events in a Merkle tree; a client holding the tree head checks that an
// event is in the log without trusting the registry.
func ExampleRegistry() {
	ctx := context.Background()
	s := assaytest.SeedRights()
	var r rights.Registry
	if _, err := r.AppendBatch(ctx, s.Events()); err != nil {
		panic(err)
	}
	head, _ := r.Head(ctx)
	proof, _ := r.ProveInclusion(ctx, 1, head.N)
	record, _ := s.License.MarshalBinary()
	fmt.Println("events:", head.N)
	fmt.Println("license included:", rights.CheckInclusion(head, 1, record, proof) == nil)
	about, _ := r.Asset(ctx, s.Index.ID)
	for i, e := range about {
		fmt.Println("event", i, "about the index:", e.Kind)
	}
	// Output:
	// events: 5
	// license included: true
	// event 3 about the index: derive
	// event 4 about the index: license
}

// A registration under a registry: pending through its publication period, effective when a
// registrar issues it, expired when the certificate ends, and exported as a W3C Verifiable
// Credential that anyone can check offline.
func ExampleChain_State() {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	centre := assaytest.RightsParty("Guangzhou Municipal Big Data Centre", rights.Government, "CN-GD")
	registry := assaytest.RightsParty("Guangzhou Data Exchange Registry", rights.StateOwned, "CN-GD")
	sign := func(e rights.Event) (rights.Event, rights.Hash) {
		e, h, err := e.Sign(assaytest.RightsKey(e.Signer.Name))
		if err != nil {
			panic(err)
		}
		return e, h
	}
	asset := assaytest.SampleAsset()
	reg, rh := sign(rights.Event{Kind: rights.KindRegister, Time: day(2025, 2, 3), Asset: asset.ID, Record: asset, Signer: centre,
		Scope: rights.Scope{Actions: []rights.Action{rights.ActionUse}}})
	issue, ih := sign(rights.Event{Kind: rights.KindIssue, Time: day(2025, 2, 20), Asset: asset.ID, Parents: []rights.Hash{rh},
		Signer: registry, Until: day(2028, 2, 20)})

	chain, err := rights.Config{Registrars: []rights.PartyID{registry.ID}}.NewChain(context.Background(), []rights.Event{reg, issue})
	if err != nil {
		panic(err)
	}
	for _, at := range []time.Time{day(2025, 2, 10), day(2025, 3, 1), day(2028, 2, 20)} {
		state, _ := chain.State(rh, at)
		fmt.Println(at.Format(time.DateOnly), state)
	}

	cert, _ := chain.Certificate(ih)
	vc, _ := cert.Credential(assaytest.RightsKey(registry.Name), day(2025, 2, 20))
	v, err := rights.VerifyCredential(vc, day(2025, 3, 1))
	fmt.Println("credential:", err == nil, v.Right, v.Asset, "until", v.ValidUntil.Format(time.DateOnly))
	_, err = rights.VerifyCredential(vc, day(2028, 3, 1))
	fmt.Println("in 2028:", errors.Is(err, rights.ErrCertificateExpired))
	// Output:
	// 2025-02-10 pending
	// 2025-03-01 issued
	// 2028-02-20 expired
	// credential: true holding GZ-BDC-2024-0017 until 2028-02-20
	// in 2028: true
}
