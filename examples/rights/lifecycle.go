package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/rights"
)

// lifecycleReport is the JSON form of the registration lifecycle.
type lifecycleReport struct {
	Digest     rights.Digest   `json:"digest"`
	Steps      []lifecycleStep `json:"steps"`
	Credential string          `json:"credential"` // the W3C VC 2.0 certificate, JSON-LD
}

type lifecycleStep struct {
	Date   string `json:"date"`
	Step   string `json:"step"`
	Result string `json:"result"`
	Code   string `json:"code,omitempty"`
}

// sampleRecords are the first lines of the traffic data set: date, road segment, vehicles.
const sampleRecords = "2024-01-01,Huangpu Ave W 1,15203\n2024-01-01,Huangpu Ave W 2,14880\n2024-01-01,Tianhe Rd 1,9321\n2024-01-01,Tianhe Rd 2,8770\n"

// lifecycle tells the registration of the traffic data as a registry practises it: evidence
// of the data (a Merkle root over its records), application with the declared fields,
// publication and an objection, arbitration, issue of a three-year certificate exported as a
// W3C Verifiable Credential, a pledge that blocks a transfer until released, expiry and
// renewal. Its events are its own chain, judged under a Config naming the registrar.
func lifecycle(s assaytest.RightsStory) (lifecycleReport, cli.Sheet, error) {
	ctx := context.Background()
	var out lifecycleReport
	sheet := cli.Sheet{Name: "lifecycle", Title: "Registration lifecycle (Config with a registrar; publication 14 days)", Header: []string{"date", "step", "result"}}
	registrar := assaytest.RightsParty("Guangzhou Data Exchange Registry", rights.StateOwned, "CN-GD")
	bank := assaytest.RightsParty("Pearl River Bank", rights.StateOwned, "CN-GD")
	rival := assaytest.RightsParty("Yuexiu Traffic Tech", rights.PrivatePlatform, "CN-GD")
	cfg := rights.Config{Registrars: []rights.PartyID{registrar.ID}}

	// 存证: the digest of the data, a Merkle root over its records.
	m, err := rights.ManifestRecords(ctx, strings.NewReader(sampleRecords))
	if err != nil {
		return out, sheet, err
	}
	if out.Digest, err = m.Digest(); err != nil {
		return out, sheet, err
	}
	traffic := s.Traffic
	traffic.ID = s.Traffic.ID + "-R"
	traffic.Source = "municipal traffic sensors, own collection under the city's data regulations"
	traffic.UpdateFrequency = assay.Daily
	traffic.Algorithm = "hourly vehicle counts per road segment; faulty sensors interpolated"
	traffic.CollectedFrom, traffic.CollectedUntil, traffic.Bytes = day(2023, time.January, 1), day(2023, time.December, 31), 48<<30

	var events []rights.Event
	var chain *rights.Chain
	add := func(e rights.Event, by rights.Party) rights.Hash {
		e.Asset = traffic.ID
		signed, h, serr := e.Sign(assaytest.RightsKey(by.Name))
		if serr != nil && err == nil {
			err = serr
		}
		events = append(events, signed)
		return h
	}
	step := func(at time.Time, what string, result string, code string) {
		out.Steps = append(out.Steps, lifecycleStep{Date: at.Format(time.DateOnly), Step: what, Result: result, Code: code})
		sheet.Add(at.Format(time.DateOnly), what, result)
	}
	rebuild := func() error {
		var cerr error
		chain, cerr = cfg.NewChain(ctx, events)
		return cerr
	}
	state := func(h rights.Hash, at time.Time, what string) error {
		if err := rebuild(); err != nil {
			return err
		}
		st, why := chain.State(h, at)
		res := st.String()
		if why != nil {
			res += " — " + trim(why)
		}
		step(at, what, res, rights.Code(why))
		return nil
	}
	status := func(h rights.Hash, at time.Time, what string) error {
		if err := rebuild(); err != nil {
			return err
		}
		why := chain.Status(h)
		res := "valid"
		if why != nil {
			res = "void — " + trim(why)
		}
		step(at, what, res, rights.Code(why))
		return nil
	}

	applied := day(2025, time.February, 3)
	reg := add(rights.Event{Kind: rights.KindRegister, Time: applied, Record: traffic, Signer: s.Centre, Digest: out.Digest,
		Scope: rights.Scope{Actions: []rights.Action{rights.ActionUse, rights.ActionTransfer}, Regions: []string{"CN"}, Sublicensable: true}}, s.Centre)
	if err := state(reg, applied, "the centre applies, with the data's digest "+out.Digest.String()[:12]+"…"); err != nil {
		return out, sheet, err
	}
	obj := add(rights.Event{Kind: rights.KindObject, Time: day(2025, time.February, 7), Parents: []rights.Hash{reg}, Signer: rival,
		Note: "claims the road-segment counts as its own"}, rival)
	if err := state(reg, day(2025, time.February, 7), "a rival objects during publication (公示)"); err != nil {
		return out, sheet, err
	}
	early := add(rights.Event{Kind: rights.KindIssue, Time: day(2025, time.February, 10), Parents: []rights.Hash{reg}, Signer: registrar,
		Until: day(2028, time.February, 10)}, registrar)
	if err := status(early, day(2025, time.February, 10), "the registrar tries to issue early"); err != nil {
		return out, sheet, err
	}
	add(rights.Event{Kind: rights.KindArbitrate, Time: day(2025, time.March, 3), Parents: []rights.Hash{obj}, Signer: registrar, Outcome: rights.Dismissed}, registrar)
	if err := state(reg, day(2025, time.March, 3), "the registrar dismisses the objection"); err != nil {
		return out, sheet, err
	}
	issued := day(2025, time.March, 4)
	issue := add(rights.Event{Kind: rights.KindIssue, Time: issued, Parents: []rights.Hash{reg}, Signer: registrar,
		Until: issued.AddDate(3, 0, 0)}, registrar) // Beijing Measures Art. 13: three years
	if err := state(reg, issued, "the registrar issues a three-year certificate"); err != nil {
		return out, sheet, err
	}
	if err != nil {
		return out, sheet, err
	}

	// The certificate as a Verifiable Credential, checked offline, then tampered with.
	cert, err := chain.Certificate(issue)
	if err != nil {
		return out, sheet, err
	}
	vc, err := cert.Credential(assaytest.RightsKey(registrar.Name), issued)
	if err != nil {
		return out, sheet, err
	}
	out.Credential = string(vc)
	check := func(data []byte, at time.Time, what string) {
		v, err := rights.VerifyCredential(data, at)
		if err != nil {
			step(at, what, "rejected — "+trim(err), rights.Code(err))
			return
		}
		step(at, what, fmt.Sprintf("verified: %s holds %s of %s until %s", s.Centre.Name, v.Right, v.Asset, v.ValidUntil.Format(time.DateOnly)), "")
	}
	check(vc, issued, fmt.Sprintf("the credential (%d bytes, eddsa-jcs-2022) checked offline", len(vc)))
	check(bytes.Replace(vc, []byte(`"classification":"important"`), []byte(`"classification":"general"`), 1), issued,
		"the same credential with its classification rewritten")

	// A record proved to be in the registered set, and one that is not.
	proof, record, err := rights.ProveRecord(ctx, strings.NewReader(sampleRecords), 2)
	if err != nil {
		return out, sheet, err
	}
	proveRec := func(rec []byte, what string) {
		res, code := "in the registered set", ""
		if err := m.CheckRecord(rec, proof); err != nil {
			res, code = "rejected — "+trim(err), rights.Code(err)
		}
		step(issued, what, res, code)
	}
	proveRec(record, fmt.Sprintf("record 2 %q with its Merkle proof", record))
	proveRec([]byte("2024-01-01,Tianhe Rd 1,19321"), "the same record with a count changed")

	// A pledge for a loan blocks a transfer until the bank releases it.
	pledge := add(rights.Event{Kind: rights.KindPledge, Time: day(2025, time.April, 1), Parents: []rights.Hash{reg}, Signer: s.Centre,
		Subject: bank, Amount: assay.MustMoney("5000000.00", "CNY"), Until: day(2026, time.April, 1)}, s.Centre)
	if err := status(pledge, day(2025, time.April, 1), "the centre pledges the registration to "+bank.Name+" for 5,000,000.00 CNY"); err != nil {
		return out, sheet, err
	}
	blocked := add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, time.May, 1), Parents: []rights.Hash{reg}, Signer: s.Centre, Subject: s.City}, s.Centre)
	if err := status(blocked, day(2025, time.May, 1), "the centre transfers it to "+s.City.Name); err != nil {
		return out, sheet, err
	}
	add(rights.Event{Kind: rights.KindRelease, Time: day(2026, time.March, 20), Parents: []rights.Hash{pledge}, Signer: bank}, bank)
	moved := add(rights.Event{Kind: rights.KindTransfer, Time: day(2026, time.March, 21), Parents: []rights.Hash{reg}, Signer: s.Centre, Subject: s.City}, s.Centre)
	if err := status(moved, day(2026, time.March, 21), "after the loan is repaid and the bank releases the pledge, the transfer again"); err != nil {
		return out, sheet, err
	}

	// Expiry and renewal (续展).
	if err := state(reg, issued.AddDate(3, 0, 0), "three years after issue"); err != nil {
		return out, sheet, err
	}
	add(rights.Event{Kind: rights.KindIssue, Time: day(2028, time.March, 10), Parents: []rights.Hash{reg}, Signer: registrar,
		Until: day(2031, time.March, 10)}, registrar)
	if err := state(reg, day(2028, time.March, 10), "the registrar renews the certificate"); err != nil {
		return out, sheet, err
	}
	return out, sheet, err
}
