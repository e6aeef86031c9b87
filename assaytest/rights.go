package assaytest

import (
	"crypto/ed25519"
	"crypto/sha256"
	"time"

	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights"
)

// RightsKey returns a deterministic Ed25519 key for name: its seed is
// SHA-256("assaytest rights key: " + name). The same name gives the same key on every
// machine, so tests can pin hashes and signatures. The keys are public knowledge: use them in
// tests only.
func RightsKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("assaytest rights key: " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

// RightsParty returns a party named name whose key is RightsKey(name).
func RightsParty(name string, kind rights.PartyKind, region string) rights.Party {
	id, _ := rights.PartyIDOf(RightsKey(name).Public().(ed25519.PublicKey))
	return rights.Party{ID: id, Name: name, Kind: kind, Region: region}
}

// RightsStory is the rights chain of Assay's story, signed with RightsKey keys:
//
//  1. Register: the Guangzhou Municipal Big Data Centre registers its city traffic data set
//     (2024-01-15), holding it for use and transfer in the mainland, sublicensable.
//  2. License: it licenses processing-use to Guangzhou Smart City Investment Co., a
//     state-owned platform, for city planning in CN-GD, 2024-03-01 to 2027-03-01, with
//     sublicensing, for 10 % of downstream revenue and a 200,000.00 CNY fee.
//  3. Sublicense: the company sublicenses a narrower scope (read, aggregate, anonymize and
//     derive, 2024-06-01 to 2026-06-01, not sublicensable, 5 %) to Lingnan Data Services, an
//     MSME intermediary.
//  4. Derive: Lingnan derives an anonymised congestion-index product (2024-09-01).
//  5. Resale: Lingnan licenses product-operation of the index to Harbour Analytics Ltd in
//     Hong Kong (read and distribute in HK, 2024-10-01 to 2025-10-01, 15 % and 50,000.00 HKD).
type RightsStory struct {
	Centre, City, MSME, Buyer rights.Party
	Traffic, Index            assay.Asset

	Register, License, Sublicense, Derive, Resale rights.Event
}

// Events returns the story's events in order.
func (s RightsStory) Events() []rights.Event {
	return []rights.Event{s.Register, s.License, s.Sublicense, s.Derive, s.Resale}
}

// Key returns the private key of a party of the story.
func (s RightsStory) Key(p rights.Party) ed25519.PrivateKey { return RightsKey(p.Name) }

// SeedRights builds and signs the RightsStory. It panics only if the fixture itself is
// invalid, which this package's tests rule out.
func SeedRights() RightsStory {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	s := RightsStory{
		Centre: RightsParty("Guangzhou Municipal Big Data Centre", rights.Government, "CN-GD"),
		City:   RightsParty("Guangzhou Smart City Investment Co.", rights.StateOwned, "CN-GD"),
		MSME:   RightsParty("Lingnan Data Services", rights.Intermediary, "CN-GD"),
		Buyer:  RightsParty("Harbour Analytics Ltd", rights.PrivatePlatform, "HK"),
		Traffic: assay.Asset{
			ID: "GZ-BDC-2024-0017", Name: "City traffic flows (loop detectors and bus GPS), 2019–2024",
			Holder: "Guangzhou Municipal Big Data Centre", Region: "CN-GD", Classification: assay.Important,
			Acquired: day(2024, time.January, 15), UsefulLife: 5, Records: 182_500_000,
		},
		Index: assay.Asset{
			ID: "LN-CGI-2024-0003", Name: "Guangzhou congestion index, hourly, anonymised",
			Holder: "Lingnan Data Services", Region: "CN-GD", Classification: assay.General,
			Acquired: day(2024, time.September, 1), UsefulLife: 3, Records: 43_800,
		},
	}
	sign := func(e rights.Event, by rights.Party) (rights.Event, rights.Hash) {
		signed, h, err := e.Sign(RightsKey(by.Name))
		if err != nil {
			panic("assaytest: invalid rights fixture: " + err.Error())
		}
		return signed, h
	}
	var reg, lic, sub, der rights.Hash
	s.Register, reg = sign(rights.Event{
		Kind: rights.KindRegister, Time: day(2024, time.January, 15), Asset: s.Traffic.ID, Record: s.Traffic,
		Signer: s.Centre,
		Scope: rights.Scope{
			Actions: []rights.Action{rights.ActionUse, rights.ActionTransfer}, Regions: []string{"CN"},
			Sublicensable: true,
		},
	}, s.Centre)
	s.License, lic = sign(rights.Event{
		Kind: rights.KindLicense, Time: day(2024, time.March, 1), Asset: s.Traffic.ID, Parents: []rights.Hash{reg},
		Signer: s.Centre, Subject: s.City, Right: rights.ProcessingUse,
		Scope: rights.Scope{
			Actions:  []rights.Action{rights.ActionUse},
			Purposes: []string{"city-planning"}, Regions: []string{"CN-GD"},
			From: day(2024, time.March, 1), Until: day(2027, time.March, 1), Sublicensable: true,
			Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.10"), Fee: assay.MustMoney("200000.00", "CNY")},
		},
	}, s.Centre)
	s.Sublicense, sub = sign(rights.Event{
		Kind: rights.KindLicense, Time: day(2024, time.June, 1), Asset: s.Traffic.ID, Parents: []rights.Hash{lic},
		Signer: s.City, Subject: s.MSME, Right: rights.ProcessingUse,
		Scope: rights.Scope{
			Actions:  []rights.Action{rights.ActionRead, rights.ActionAggregate, rights.ActionAnonymize, rights.ActionDerive},
			Purposes: []string{"city-planning"}, Regions: []string{"CN-GD"},
			From: day(2024, time.June, 1), Until: day(2026, time.June, 1),
			Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.05")},
		},
	}, s.City)
	s.Derive, der = sign(rights.Event{
		Kind: rights.KindDerive, Time: day(2024, time.September, 1), Asset: s.Index.ID, Record: s.Index,
		Parents: []rights.Hash{sub}, Signer: s.MSME, Purpose: "city-planning",
		Scope: rights.Scope{
			Actions: []rights.Action{rights.ActionUse, rights.ActionGrantUse}, Regions: []string{"CN", "HK", "MO"},
			Sublicensable: true,
		},
	}, s.MSME)
	s.Resale, _ = sign(rights.Event{
		Kind: rights.KindLicense, Time: day(2024, time.October, 1), Asset: s.Index.ID, Parents: []rights.Hash{der},
		Signer: s.MSME, Subject: s.Buyer, Right: rights.ProductOperation,
		Scope: rights.Scope{
			Actions: []rights.Action{rights.ActionRead, rights.ActionDistribute}, Regions: []string{"HK"},
			From: day(2024, time.October, 1), Until: day(2025, time.October, 1),
			Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.15"), Fee: assay.MustMoney("50000.00", "HKD")},
		},
	}, s.MSME)
	return s
}
