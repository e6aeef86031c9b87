// Command rights proves, offline, who may do what with a data asset, from a chain of signed
// registration events (package rights).
//
// The chain is Assay's story (assaytest.SeedRights): a municipal big-data centre registers a
// city traffic data set; it licenses processing-use to a state-owned smart-city investment
// company for city planning in CN-GD for three years, with sublicensing; the company
// sublicenses a narrower scope to an MSME intermediary, which derives an anonymised
// congestion index and licenses product-operation of it to a Hong Kong buyer. The program
// answers verification questions with their reasons, shows three tampering attempts failing
// (a byte changed, a scope widened, a revoked license used), checks the cross-border
// thresholds of the CAC Provisions of 2024, and logs the chain in a Merkle-tree registry.
// Last, it tells a registration's whole lifecycle as registries practise it (lifecycle.go):
// the data's digest, publication, an objection and its arbitration, a certificate exported
// as a W3C Verifiable Credential and checked offline, a record proved, a pledge blocking a
// transfer until released, expiry and renewal.
//
//	go run ./examples/rights               # readable tables
//	go run ./examples/rights -format json  # for notebooks
//	go run ./examples/rights -db registry.sqlite  # keep the registry in a file across runs
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/rights"
)

func main() { cli.Main("rights", run) }

// report is the JSON form of the output.
type report struct {
	Parties     []rights.Party  `json:"parties"`
	Events      []eventRow      `json:"events"`
	Questions   []answer        `json:"questions"`
	Tampering   []answer        `json:"tampering"`
	CrossBorder []exportRow     `json:"crossBorder"`
	Registry    registryRow     `json:"registry"`
	Lifecycle   lifecycleReport `json:"lifecycle"`
	Persistent  *persistRow     `json:"persistent,omitempty"` // with -db
}

type eventRow struct {
	Hash  rights.Hash  `json:"hash"`
	Event rights.Event `json:"event"`
}

type answer struct {
	Question string          `json:"question"`
	Query    *rights.Query   `json:"query,omitempty"`
	Decision rights.Decision `json:"decision"`
	Error    string          `json:"error,omitempty"` // the evidence itself was rejected
	Code     string          `json:"code,omitempty"`
}

type exportRow struct {
	Case     string             `json:"case"`
	Export   rights.Export      `json:"export"`
	Required rights.Requirement `json:"required"`
}

type registryRow struct {
	Size            int64       `json:"size"`
	Root            rights.Hash `json:"root"`
	InclusionOf     rights.Hash `json:"inclusionOf"`
	InclusionProven bool        `json:"inclusionProven"`
	ConsistentFrom  int64       `json:"consistentFrom"`
	ConsistencyOK   bool        `json:"consistencyProven"`
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func run(args []string) error {
	fs := flag.NewFlagSet("rights", flag.ContinueOnError)
	output := cli.OutputFlags(fs)
	db := fs.String("db", "", "keep the registry in this SQLite `file` across runs and check the previous run's signed head")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	s := assaytest.SeedRights()
	events := s.Events()
	var out report
	names := map[rights.PartyID]string{}
	for _, p := range []rights.Party{s.Centre, s.City, s.MSME, s.Buyer} {
		out.Parties = append(out.Parties, p)
		names[p.ID] = p.Name
	}

	chainSheet := cli.Sheet{Name: "chain", Title: "Rights chain", Header: []string{"#", "hash", "kind", "time", "asset", "signer", "subject", "right", "scope"}}
	hashes := make([]rights.Hash, len(events))
	for i, e := range events {
		h, err := e.Hash()
		if err != nil {
			return err
		}
		hashes[i] = h
		out.Events = append(out.Events, eventRow{Hash: h, Event: e})
		chainSheet.Add(i+1, h.Short(), e.Kind, e.Time.Format(time.DateOnly), e.Asset, e.Signer.Name, e.Subject.Name, e.Grants(), describe(e.Scope))
	}

	chain, err := rights.NewChain(context.Background(), events)
	if err != nil {
		return err
	}
	at := day(2025, time.January, 10)
	ask := func(q rights.Query) rights.Query { q.At = at; return q }
	questions := []struct {
		text string
		q    rights.Query
	}{
		{"Smart City reads the traffic data for city planning in CN-GD", ask(rights.Query{Party: s.City.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GD", Asset: s.Traffic.ID})},
		{"Lingnan anonymises the traffic data for city planning in CN-GD", ask(rights.Query{Party: s.MSME.ID, Action: rights.ActionAnonymize, Purpose: "city-planning", Region: "CN-GD", Asset: s.Traffic.ID})},
		{"Lingnan reads the traffic data for advertising", ask(rights.Query{Party: s.MSME.ID, Action: rights.ActionRead, Purpose: "advertising", Region: "CN-GD", Asset: s.Traffic.ID})},
		{"Lingnan reads the traffic data in Hong Kong", ask(rights.Query{Party: s.MSME.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "HK", Asset: s.Traffic.ID})},
		{"Lingnan licenses the traffic data on (grantUse)", ask(rights.Query{Party: s.MSME.ID, Action: rights.ActionGrantUse, Purpose: "city-planning", Region: "CN-GD", Asset: s.Traffic.ID})},
		{"Harbour Analytics distributes the congestion index in HK", ask(rights.Query{Party: s.Buyer.ID, Action: rights.ActionDistribute, Region: "HK", Asset: s.Index.ID})},
		{"Harbour Analytics reads the raw traffic data in HK", ask(rights.Query{Party: s.Buyer.ID, Action: rights.ActionRead, Region: "HK", Asset: s.Traffic.ID})},
		{"Harbour Analytics reads the traffic data or a product derived from it, in HK", ask(rights.Query{Party: s.Buyer.ID, Action: rights.ActionRead, Region: "HK", Asset: s.Traffic.ID, Derived: true})},
		{"Smart City reads the traffic data in June 2027", rights.Query{Party: s.City.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GD", Asset: s.Traffic.ID, At: day(2027, time.June, 1)}},
	}
	qSheet := cli.Sheet{Name: "questions", Title: "Questions (at 2025-01-10 unless stated)", Header: []string{"question", "answer", "because"}}
	for _, x := range questions {
		d, err := chain.Decide(x.q)
		if err != nil {
			return err
		}
		q := x.q
		out.Questions = append(out.Questions, answer{Question: x.text, Query: &q, Decision: d, Code: rights.Code(d.Err())})
		qSheet.Add(x.text, verdict(d), because(d, events, hashes))
	}

	// Three tampering attempts.
	tSheet := cli.Sheet{Name: "tampering", Title: "Tampering attempts", Header: []string{"attempt", "answer", "because"}}
	tamper := func(text string, evs []rights.Event, q rights.Query) {
		d, err := rights.Verify(context.Background(), evs, q)
		a := answer{Question: text, Query: &q, Decision: d}
		if err != nil {
			a.Error, a.Code = err.Error(), rights.Code(err)
			tSheet.Add(text, "rejected", a.Code+": "+trim(err))
		} else {
			a.Code = rights.Code(d.Err())
			tSheet.Add(text, verdict(d), because(d, evs, hashes))
		}
		out.Tampering = append(out.Tampering, a)
	}

	// 1. One byte of the sublicense's record changed: its region CN-GD becomes CN-GX.
	rec, err := s.Sublicense.MarshalBinary()
	if err != nil {
		return err
	}
	i := bytes.LastIndex(rec, []byte("CN-GD"))
	rec[i+4] = 'X'
	var forged rights.Event
	if err := forged.UnmarshalBinary(rec); err != nil {
		return err
	}
	tamper("a byte changed: the sublicense's region CN-GD rewritten as CN-GX",
		[]rights.Event{s.Register, s.License, forged},
		ask(rights.Query{Party: s.MSME.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GX", Asset: s.Traffic.ID}))

	// 2. Smart City licenses all of mainland China, wider than its own CN-GD.
	pearl := assaytest.RightsParty("Pearl River Data Co.", rights.Intermediary, "CN-GD")
	wide := rights.Event{
		Kind: rights.KindLicense, Time: day(2024, time.July, 1), Asset: s.Traffic.ID, Parents: []rights.Hash{hashes[1]},
		Signer: s.City, Subject: pearl, Right: rights.ProcessingUse,
		Scope: rights.Scope{Actions: []rights.Action{rights.ActionRead}, Purposes: []string{"city-planning"}, Regions: []string{"CN"},
			From: day(2024, time.July, 1), Until: day(2026, time.July, 1)},
	}
	wide, _, err = wide.Sign(s.Key(s.City))
	if err != nil {
		return err
	}
	tamper("a scope widened: Smart City licenses Pearl River Data in all of CN (it holds CN-GD)",
		append(events[:len(events):len(events)], wide),
		ask(rights.Query{Party: pearl.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-BJ", Asset: s.Traffic.ID}))

	// 3. The centre revokes the company's license on 2025-05-01; the company reads in June.
	cancel := rights.Event{
		Kind: rights.KindCancel, Time: day(2025, time.May, 1), Asset: s.Traffic.ID, Parents: []rights.Hash{hashes[1]},
		Signer: s.Centre, Note: "licensee used the data outside city planning",
	}
	cancel, _, err = cancel.Sign(s.Key(s.Centre))
	if err != nil {
		return err
	}
	revoked := append(events[:len(events):len(events)], cancel)
	june := day(2025, time.June, 2)
	tamper("a revoked license used: Smart City reads on 2025-06-02, after the centre revoked its license",
		revoked, rights.Query{Party: s.City.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GD", Asset: s.Traffic.ID, At: june})
	tamper("… and Lingnan, whose sublicense hangs from it",
		revoked, rights.Query{Party: s.MSME.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GD", Asset: s.Traffic.ID, At: june})
	tamper("… while the index Lingnan derived before the revocation stays licensed",
		revoked, rights.Query{Party: s.Buyer.ID, Action: rights.ActionDistribute, Region: "HK", Asset: s.Index.ID, At: june})

	// Cross-border thresholds (CAC Provisions, 2024-03-22).
	xSheet := cli.Sheet{Name: "cross-border", Title: "Leaving the mainland: what the CAC Provisions of 2024 require", Header: []string{"case", "required"}}
	var rules rights.CrossBorderRules // zero value: the 2024 thresholds
	for _, c := range []struct {
		text string
		x    rights.Export
	}{
		{"the congestion index: general data, no personal information", rights.Export{}},
		{"personal information of 90,000 persons", rights.Export{Persons: 90_000}},
		{"personal information of 100,000 persons", rights.Export{Persons: 100_000}},
		{"sensitive personal information of 5,000 persons", rights.Export{SensitivePersons: 5_000}},
		{"personal information of 1,000,000 persons", rights.Export{Persons: 1_000_000}},
		{"the raw traffic data: important data", rights.Export{Classification: assay.Important}},
		{"a CIIO providing 10 persons' personal information", rights.Export{Persons: 10, CIIO: true}},
	} {
		req, err := rules.Required(c.x)
		if err != nil {
			return err
		}
		out.CrossBorder = append(out.CrossBorder, exportRow{Case: c.text, Export: c.x, Required: req})
		xSheet.Add(c.text, req)
	}

	// The registry: log the chain and the two later events, prove inclusion and consistency.
	ctx := context.Background()
	var reg rights.Registry
	if _, err := reg.AppendBatch(ctx, append(events, wide, cancel)); err != nil {
		return err
	}
	head, err := reg.Head(ctx)
	if err != nil {
		return err
	}
	_, record, err := reg.At(ctx, 4)
	if err != nil {
		return err
	}
	proof, err := reg.ProveInclusion(ctx, 4, head.N)
	if err != nil {
		return err
	}
	tp, err := reg.ProveConsistency(ctx, 5, head.N)
	if err != nil {
		return err
	}
	var old rights.Registry
	if _, err := old.AppendBatch(ctx, events); err != nil {
		return err
	}
	oldHead, err := old.Head(ctx)
	if err != nil {
		return err
	}
	out.Registry = registryRow{
		Size: head.N, Root: rights.Hash(head.Hash), InclusionOf: hashes[4],
		InclusionProven: rights.CheckInclusion(head, 4, record, proof) == nil,
		ConsistentFrom:  oldHead.N, ConsistencyOK: rights.CheckConsistency(oldHead, head, tp) == nil,
	}
	rSheet := cli.Sheet{Name: "registry", Title: "Registry (RFC 6962 Merkle log)", Header: []string{"field", "value"}}
	rSheet.Add("events logged", head.N)
	rSheet.Add("tree root", rights.Hash(head.Hash).String())
	rSheet.Add("resale license included (inclusion proof)", out.Registry.InclusionProven)
	rSheet.Add("log of 5 extended only by appends (consistency proof)", out.Registry.ConsistencyOK)

	pSheet := cli.Sheet{Name: "parties", Title: "Parties", Header: []string{"name", "kind", "region", "key"}}
	for _, p := range out.Parties {
		pSheet.Add(p.Name, p.Kind, p.Region, p.ID.Short())
	}
	var lSheet cli.Sheet
	if out.Lifecycle, lSheet, err = lifecycle(s); err != nil {
		return err
	}
	sheets := []cli.Sheet{pSheet, chainSheet, qSheet, tSheet, xSheet, rSheet, lSheet}
	if *db != "" {
		row, dbSheet, err := persist(ctx, *db)
		if err != nil {
			return err
		}
		out.Persistent, sheets = &row, append(sheets, dbSheet)
	}
	return output.Emit(os.Stdout, out, sheets...)
}

// describe summarises a scope in one cell.
func describe(s rights.Scope) string {
	if s.IsZero() {
		return ""
	}
	var parts []string
	acts := make([]string, len(s.Actions))
	for i, a := range s.Actions {
		acts[i] = string(a)
	}
	parts = append(parts, strings.Join(acts, "+"))
	if len(s.Purposes) > 0 {
		parts = append(parts, "for "+strings.Join(s.Purposes, ", "))
	}
	if len(s.Regions) > 0 {
		parts = append(parts, "in "+strings.Join(s.Regions, ", "))
	}
	if !s.Until.IsZero() {
		parts = append(parts, "until "+s.Until.Format(time.DateOnly))
	}
	if s.Sublicensable {
		parts = append(parts, "sublicensable")
	}
	if !s.Royalty.RevenueShare.IsZero() {
		parts = append(parts, s.Royalty.RevenueShare.Shift(2).String()+"% of revenue")
	}
	if !s.Royalty.Fee.IsZero() {
		parts = append(parts, "fee "+s.Royalty.Fee.String())
	}
	return strings.Join(parts, "; ")
}

func verdict(d rights.Decision) string {
	if d.Allowed {
		return "allowed"
	}
	return "denied"
}

// because explains a decision: the path of event numbers that grants it, or the reasons.
func because(d rights.Decision, events []rights.Event, hashes []rights.Hash) string {
	if d.Allowed {
		var steps []string
		for _, h := range d.Path {
			steps = append(steps, h.Short())
			for i, k := range hashes {
				if k == h {
					steps[len(steps)-1] = fmt.Sprintf("#%d %s", i+1, events[i].Kind)
				}
			}
		}
		return "path " + strings.Join(steps, " → ") + "; cross-border: " + d.CrossBorder.String()
	}
	var rs []string
	for _, r := range d.Reasons {
		rs = append(rs, rights.Code(r)+": "+trim(r))
	}
	return strings.Join(rs, "; ")
}

func trim(err error) string {
	return strings.TrimPrefix(err.Error(), "rights: ")
}
