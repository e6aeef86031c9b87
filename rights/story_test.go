package rights_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// The seed's chain (issue #6, "Done when"): every question of examples/rights answered as the
// semantics on Chain say, and every tampering attempt failing with its typed reason.
func TestSeedStory(t *testing.T) {
	s := assaytest.SeedRights()
	events := s.Events()
	h := hashesOf(t, events) // register, license, sublicense, derive, resale
	c, err := rights.NewChain(context.Background(), events)
	if err != nil {
		t.Fatal(err)
	}
	at := day(2025, 1, 10)
	tests := []struct {
		name string
		q    rights.Query
		want outcome
		path []rights.Hash
	}{
		{"company reads for planning", rights.Query{Party: s.City.ID, Action: "read", Purpose: "city-planning", Region: "CN-GD", At: at, Asset: s.Traffic.ID},
			outcome{Allowed: true}, h[:2]},
		{"MSME anonymises for planning", rights.Query{Party: s.MSME.ID, Action: "anonymize", Purpose: "city-planning", Region: "CN-GD", At: at, Asset: s.Traffic.ID},
			outcome{Allowed: true}, h[:3]},
		{"MSME reads for advertising", rights.Query{Party: s.MSME.ID, Action: "read", Purpose: "advertising", Region: "CN-GD", At: at, Asset: s.Traffic.ID},
			outcome{Code: "purpose-not-permitted", Fault: h[2]}, nil},
		{"MSME reads in Hong Kong", rights.Query{Party: s.MSME.ID, Action: "read", Purpose: "city-planning", Region: "HK", At: at, Asset: s.Traffic.ID},
			outcome{Code: "region-not-allowed", Fault: h[2]}, nil},
		{"MSME licenses on", rights.Query{Party: s.MSME.ID, Action: "grantUse", Purpose: "city-planning", Region: "CN-GD", At: at, Asset: s.Traffic.ID},
			outcome{Code: "action-not-permitted", Fault: h[2]}, nil},
		{"buyer distributes the index in HK", rights.Query{Party: s.Buyer.ID, Action: "distribute", Region: "HK", At: at, Asset: s.Index.ID},
			outcome{Allowed: true}, h},
		{"buyer reads the raw data", rights.Query{Party: s.Buyer.ID, Action: "read", Region: "HK", At: at, Asset: s.Traffic.ID},
			outcome{Code: "no-grant"}, nil},
		{"buyer reads the data or a product of it", rights.Query{Party: s.Buyer.ID, Action: "read", Region: "HK", At: at, Asset: s.Traffic.ID, Derived: true},
			outcome{Allowed: true}, h},
		{"company reads after three years", rights.Query{Party: s.City.ID, Action: "read", Purpose: "city-planning", Region: "CN-GD", At: day(2027, 6, 1), Asset: s.Traffic.ID},
			outcome{Code: "expired", Fault: h[1]}, nil},
	}
	// A grant is on the asset of the last event of its path: the index for the buyer.
	assetOf := func(path []rights.Hash) string {
		switch {
		case len(path) == 0:
			return ""
		case path[len(path)-1] == h[4]:
			return s.Index.ID
		}
		return s.Traffic.ID
	}
	for _, tt := range tests {
		d, err := c.Decide(tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, outcomeOf(d)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.path, d.Path); diff != "" {
			t.Errorf("%s: path (-want +got):\n%s", tt.name, diff)
		}
		if on := assetOf(tt.path); d.Asset != on {
			t.Errorf("%s: granted on %q, want %q", tt.name, d.Asset, on)
		}
	}

	// Tampering 1: one byte of the sublicense changed (its region CN-GD becomes CN-GX).
	rec, _ := s.Sublicense.MarshalBinary()
	rec[bytes.LastIndex(rec, []byte("CN-GD"))+4] = 'X'
	var forged rights.Event
	if err := forged.UnmarshalBinary(rec); err != nil {
		t.Fatal(err)
	}
	_, err = rights.NewChain(context.Background(), []rights.Event{s.Register, s.License, forged})
	var se *rights.SignatureError
	if !errors.As(err, &se) || se.Signer != s.City.ID {
		t.Errorf("a changed byte: %v, want a *SignatureError for the company's key", err)
	}

	// Tampering 2: the company licenses all of CN, wider than its CN-GD.
	l := &ledger{t: t}
	pearl := party("Pearl River Data Co.")
	wide := l.add(rights.Event{Kind: rights.KindLicense, Time: day(2024, 7, 1), Asset: s.Traffic.ID, Parents: []rights.Hash{h[1]},
		Signer: s.City, Subject: pearl, Right: rights.ProcessingUse,
		Scope: rights.Scope{Actions: []rights.Action{"read"}, Purposes: []string{"city-planning"}, Regions: []string{"CN"}}})
	d, err := rights.Verify(context.Background(), append(events[:5:5], l.events...),
		rights.Query{Party: pearl.ID, Action: "read", Purpose: "city-planning", Region: "CN-BJ", At: at, Asset: s.Traffic.ID})
	var esc *rights.EscalationError
	if err != nil || !errors.As(d.Err(), &esc) || esc.Hash != wide || esc.Dimension != "regions" {
		t.Errorf("a widened scope: %v, %v; want an *EscalationError in regions on %v", d.Err(), err, wide)
	}

	// Tampering 3: the centre revokes the company's license; the company and the MSME below
	// it are refused, while the index derived before the revocation stays licensed.
	l = &ledger{t: t}
	cancel := l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 5, 1), Asset: s.Traffic.ID, Parents: []rights.Hash{h[1]}, Signer: s.Centre})
	c, err = rights.NewChain(context.Background(), append(events[:5:5], l.events...))
	if err != nil {
		t.Fatal(err)
	}
	june := day(2025, 6, 2)
	for _, p := range []rights.Party{s.City, s.MSME} {
		d, _ := c.Decide(rights.Query{Party: p.ID, Action: "read", Purpose: "city-planning", Region: "CN-GD", At: june, Asset: s.Traffic.ID})
		var rev *rights.RevokedError
		if !errors.As(d.Err(), &rev) || rev.Hash != h[1] || rev.By != cancel {
			t.Errorf("%s after the revocation: %v, want a *RevokedError of the license by the cancellation", p.Name, d.Err())
		}
	}
	if d, _ := c.Decide(rights.Query{Party: s.Buyer.ID, Action: "distribute", Region: "HK", At: june, Asset: s.Index.ID}); !d.Allowed {
		t.Errorf("the buyer after the revocation: %v, want allowed", d.Err())
	}
}
