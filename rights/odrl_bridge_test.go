package rights

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights/odrl"
)

var bridgeTerms = ODRLTerms{
	UID:      "https://exchange.example.cn/licence/1",
	Target:   "https://exchange.example.cn/asset/GZ-BDC-2024-0017",
	Assigner: "https://exchange.example.cn/party/gz-bdc",
	Assignee: "https://exchange.example.cn/party/hk-analytics",
}

func bridgeScopes() map[string]Scope {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	return map[string]Scope{
		"one action":          {Actions: []Action{ActionRead}},
		"use, no sublicense":  {Actions: []Action{ActionUse}},
		"use, sublicensable":  {Actions: []Action{ActionUse}, Sublicensable: true},
		"read, sublicensable": {Actions: []Action{ActionRead, ActionDerive}, Sublicensable: true},
		"research in Guangdong until 2027": {
			Actions: []Action{ActionUse}, Purposes: []string{"https://w3id.org/dpv#AcademicResearch"},
			Regions: []string{"CN-GD"}, Until: end,
		},
		"everything": {
			Actions:  []Action{ActionRead, ActionAggregate, ActionSell},
			Purposes: []string{"city-planning", "https://w3id.org/dpv#AcademicResearch"},
			Regions:  []string{"CN-GD", "HK", "MO"},
			From:     jan, Until: end,
			MaxUses: 1000, MaxVolume: 5_000_000,
			Exclusive: true,
			Royalty:   Royalty{RevenueShare: decimal.RequireFromString("0.05"), Fee: assay.MustMoney("20000.00", "CNY")},
		},
	}
}

// TestScope_ODRLRoundTrip exports scopes to ODRL Agreements, writes them as JSON-LD, reads
// them back and imports them: every dimension must survive.
func TestScope_ODRLRoundTrip(t *testing.T) {
	for name, s := range bridgeScopes() {
		t.Run(name, func(t *testing.T) {
			doc, err := s.MarshalODRL(bridgeTerms)
			if err != nil {
				t.Fatal(err)
			}
			p, err := odrl.ParsePolicy(doc)
			if err != nil {
				t.Fatalf("ParsePolicy: %v\n%s", err, doc)
			}
			got, terms, err := ScopeFromODRL(p)
			if err != nil {
				t.Fatalf("ScopeFromODRL: %v\n%s", err, doc)
			}
			wantTerms := bridgeTerms
			wantTerms.Type = odrl.Agreement
			if diff := cmp.Diff(wantTerms, terms); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(s, got); diff != "" {
				t.Errorf("scope (-want +got):\n%s\n%s", diff, doc)
			}
		})
	}
	// Without an assignee the export is an Offer, which imports the same way.
	offer := bridgeTerms
	offer.Assignee = ""
	p, err := bridgeScopes()["one action"].ODRL(offer)
	if err != nil || p.Type != odrl.Offer {
		t.Fatalf("ODRL without assignee = %v, %v; want an Offer", p, err)
	}
}

// TestScope_ODRLAgreesWithPermits checks the exported Agreement against the scope it came
// from: for random requests, odrl.Evaluate permits exactly when the scope permits (rights'
// own check, an independent implementation). Regions are given to the evaluator as the
// partOf facts that rights' region rule implies.
func TestScope_ODRLAgreesWithPermits(t *testing.T) {
	actions := []Action{ActionUse, ActionRead, ActionDerive, ActionSell, ActionTransfer, ActionExtract, ActionReproduce, ActionGrantUse}
	purposes := []string{"city-planning", "https://w3id.org/dpv#AcademicResearch", "https://w3id.org/dpv#Marketing"}
	regions := []string{"CN", "CN-GD", "CN-BJ", "HK", "MO"}
	// By rights' region rule: the two provinces lie in CN; HK and MO in nothing.
	facts := map[string][]string{RegionIRIPrefix + "CN-GD": {RegionIRIPrefix + "CN"}, RegionIRIPrefix + "CN-BJ": {RegionIRIPrefix + "CN"}}
	if diff := cmp.Diff(facts, ODRLRegionFacts(regions...)); diff != "" {
		t.Fatalf("ODRLRegionFacts (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(facts)
	if err != nil {
		t.Fatal(err)
	}
	partOf := string(b)
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			if rng.IntN(3) == 0 {
				out = append(out, x)
			}
		}
		return out
	}
	checked := map[bool]int{}
	for range 40 {
		s := Scope{Actions: []Action{actions[rng.IntN(len(actions))]}, Purposes: pick(purposes), Regions: pick(regions)}
		if rng.IntN(2) == 0 {
			s.From = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			s.Until = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		p, err := s.ODRL(bridgeTerms)
		if err != nil {
			t.Fatal(err)
		}
		for range 15 {
			a := actions[rng.IntN(len(actions))]
			purpose, region := purposes[rng.IntN(len(purposes))], regions[rng.IntN(len(regions))]
			at := time.Date(2024+rng.IntN(4), time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
			want := s.permits(a, purpose, region, at) == nil
			if a == ActionGrantUse || odrl.IncludedIn(odrl.NS+string(ActionGrantUse), odrl.NS+string(a)) {
				want = want && s.Sublicensable // asking for use includes asking to sublicense
			}
			purposeValue := fmt.Sprintf("%q", purpose)
			if strings.Contains(purpose, ":") {
				purposeValue = fmt.Sprintf(`{"@id": %q}`, purpose)
			}
			req, err := odrl.ParseRequest([]byte(fmt.Sprintf(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Request", "uid": "urn:q",
			  "permission": [{"action": %q, "target": %q, "assignee": %q, "constraint": [
			    {"leftOperand": "purpose", "operator": "eq", "rightOperand": %s},
			    {"leftOperand": "spatial", "operator": "eq", "rightOperand": {"@id": %q}}]}]}`,
				a, bridgeTerms.Target, bridgeTerms.Assignee, purposeValue, RegionIRIPrefix+region)))
			if err != nil {
				t.Fatal(err)
			}
			w, err := odrl.ParseWorld([]byte(fmt.Sprintf(`{"now": %q, "partOf": %s}`, at.Format(time.RFC3339), partOf)))
			if err != nil {
				t.Fatal(err)
			}
			r, err := odrl.Evaluate(p, req, w)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Decision == odrl.Permit; got != want {
				t.Fatalf("scope %+v, request %s %s %s %s: ODRL says %s (%s), the scope says %v", s, a, purpose, region, at.Format(time.DateOnly), r.Decision, r.Reason, want)
			}
			checked[want]++
		}
	}
	if checked[true] < 20 || checked[false] < 20 {
		t.Errorf("too few cases of each outcome: %v", checked)
	}
}

func TestScopeFromODRL_NotExpressible(t *testing.T) {
	const ctx = `"@context": "http://www.w3.org/ns/odrl.jsonld", `
	parties := `"assigner": "urn:a", "assignee": "urn:b", `
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"a Set", `{` + ctx + `"@type": "Set", "uid": "urn:p", "permission": [{"target": "urn:x", "action": "use"}]}`,
			[]string{"policy: a Set is not an Offer or Agreement"}},
		{"media and neq", `{` + ctx + `"@type": "Agreement", "uid": "urn:p", ` + parties + `"permission": [{"target": "urn:x", "action": "use", "constraint": [
		   {"leftOperand": "media", "operator": "eq", "rightOperand": "print"}, {"leftOperand": "purpose", "operator": "neq", "rightOperand": "ads"}]}]}`,
			[]string{"permission[0].constraint[0]: constraint media eq is not expressible", "permission[0].constraint[1]: constraint purpose neq is not expressible"}},
		{"different constraints", `{` + ctx + `"@type": "Agreement", "uid": "urn:p", ` + parties + `"permission": [
		   {"target": "urn:x", "action": "read", "constraint": [{"leftOperand": "count", "operator": "lteq", "rightOperand": 5}]},
		   {"target": "urn:x", "action": "derive"}]}`,
			[]string{"permission[1]: constraints differ from permission[0]'s; a scope has one set of constraints"}},
		{"two targets", `{` + ctx + `"@type": "Agreement", "uid": "urn:p", ` + parties + `"permission": [{"target": ["urn:x", "urn:y"], "action": "read"}]}`,
			[]string{"permission[1]: target or parties differ from permission[0]'s; a scope names one of each"}},
		{"a duty and a prohibition of sale", `{` + ctx + `"@type": "Agreement", "uid": "urn:p", ` + parties + `"permission": [{"target": "urn:x", "action": "read", "duty": [{"action": "attribute"}]}],
		   "prohibition": [{"target": "urn:x", "action": "sell"}]}`,
			[]string{"permission[0]: duties are not expressible", "prohibition[0]: only an unconstrained prohibition of grantUse on the target is expressible"}},
		{"a region that is no ISO code", `{` + ctx + `"@type": "Agreement", "uid": "urn:p", ` + parties + `"permission": [{"target": "urn:x", "action": "read",
		   "constraint": [{"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": {"@id": "http://sws.geonames.org/1809858/"}}]}]}`,
			[]string{"permission[0].constraint[0]: spatial isPartOf http://sws.geonames.org/1809858/ is not a region a scope can hold"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := odrl.ParsePolicy([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = ScopeFromODRL(p)
			var ne *NotExpressibleError
			if !errors.As(err, &ne) || !errors.Is(err, ErrNotExpressible) {
				t.Fatalf("err = %v, want *NotExpressibleError", err)
			}
			if diff := cmp.Diff(tt.want, ne.Reasons); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScopeFromODRL_Validity reads date bounds as the half-open interval a scope holds.
func TestScopeFromODRL_Validity(t *testing.T) {
	doc := `{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Agreement", "uid": "urn:p", "assigner": "urn:a", "assignee": "urn:b",
	  "permission": [{"target": "urn:x", "action": "read", "constraint": [
	    {"leftOperand": "dateTime", "operator": "gt", "rightOperand": {"@value": "2024-12-31", "@type": "xsd:date"}},
	    {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": {"@value": "2027-12-31", "@type": "xsd:date"}},
	    {"leftOperand": "count", "operator": "lt", "rightOperand": 11}]}]}`
	p, err := odrl.ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := ScopeFromODRL(p)
	if err != nil {
		t.Fatal(err)
	}
	// By hand: after the day 2024-12-31 is from 2025-01-01; up to the end of 2027-12-31 is
	// until 2028-01-01 (exclusive); count < 11 is at most 10 uses. read does not include
	// grantUse, so the scope is not sublicensable.
	want := Scope{Actions: []Action{ActionRead}, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC), MaxUses: 10}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scope (-want +got):\n%s", diff)
	}
}

func TestODRLRegionFacts(t *testing.T) {
	p := RegionIRIPrefix
	want := map[string][]string{p + "CN-GD": {p + "CN"}, p + "CN-HK": {p + "HK"}, p + "US-CA": {p + "US"}}
	if diff := cmp.Diff(want, ODRLRegionFacts("CN", "CN-GD", "CN-HK", "HK", "US-CA", "not a region")); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
}

func TestScope_ODRLBadTerms(t *testing.T) {
	s := Scope{Actions: []Action{ActionRead}}
	for _, terms := range []ODRLTerms{
		{},
		{UID: "urn:p", Target: "urn:x"},
		{UID: "urn:p", Target: "urn:x", Assigner: "urn:a", Type: odrl.Agreement},
		{UID: "urn:p", Target: "urn:x", Assigner: "urn:a", Type: odrl.Set},
	} {
		if _, err := s.ODRL(terms); !errors.Is(err, ErrNotExpressible) {
			t.Errorf("terms %+v: err = %v, want ErrNotExpressible", terms, err)
		}
	}
	if _, err := (Scope{}).ODRL(bridgeTerms); !errors.Is(err, ErrNotExpressible) {
		t.Errorf("empty scope: err = %v, want ErrNotExpressible", err)
	}
}

// FuzzScopeFromODRL imports fuzzed policies: no panic, errors wrap ErrNotExpressible, and an
// imported scope exports to a policy that imports back to the same scope.
func FuzzScopeFromODRL(f *testing.F) {
	for _, s := range bridgeScopes() {
		doc, err := s.MarshalODRL(bridgeTerms)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(doc)
	}
	f.Add([]byte(`{"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Agreement", "uid": "urn:p", "assigner": "urn:a", "assignee": "urn:b",
	  "permission": [{"target": "urn:x", "action": "read", "constraint": [{"leftOperand": "media", "operator": "eq", "rightOperand": "print"}]}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := odrl.ParsePolicy(doc)
		if err != nil {
			return
		}
		s, terms, err := ScopeFromODRL(p)
		if err != nil {
			if !errors.Is(err, ErrNotExpressible) {
				t.Fatalf("error %v does not wrap ErrNotExpressible", err)
			}
			return
		}
		back, err := s.ODRL(terms)
		if err != nil {
			t.Fatalf("exporting the imported scope: %v", err)
		}
		again, _, err := ScopeFromODRL(back)
		if err != nil {
			t.Fatalf("re-importing: %v", err)
		}
		if diff := cmp.Diff(s, again); diff != "" {
			t.Fatalf("scope changed in a round trip (-first +second):\n%s", diff)
		}
	})
}

// A research licence in Guangdong until the end of 2027, as an ODRL Agreement and back.
func ExampleScope_ODRL() {
	scope := Scope{
		Actions:  []Action{ActionRead},
		Purposes: []string{"https://w3id.org/dpv#AcademicResearch"},
		Regions:  []string{"CN-GD"},
		Until:    time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	p, err := scope.ODRL(ODRLTerms{
		UID:      "https://exchange.example.cn/licence/1",
		Target:   "https://exchange.example.cn/asset/GZ-BDC-2024-0017",
		Assigner: "https://exchange.example.cn/party/gz-bdc",
		Assignee: "https://exchange.example.cn/party/hk-analytics",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Type, p.UID, "conflict", p.Conflict)
	for _, r := range append(p.Permissions, p.Prohibitions...) {
		fmt.Println(r.Kind, odrl.Short(r.Action.IRI))
		for _, c := range r.Constraints {
			fmt.Println(" ", odrl.Short(c.LeftOperand), odrl.Short(string(c.Operator)), c.RightOperand)
		}
	}
	back, _, err := ScopeFromODRL(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Actions, back.Purposes, back.Regions, back.Until.Format(time.RFC3339), back.Sublicensable)
	// Output:
	// Agreement https://exchange.example.cn/licence/1 conflict prohibit
	// Permission read
	//   purpose eq https://w3id.org/dpv#AcademicResearch
	//   spatial isPartOf https://www.iso.org/obp/ui/#iso:code:3166:CN-GD
	//   dateTime lt 2028-01-01T00:00:00Z
	// Prohibition grantUse
	// [read] [https://w3id.org/dpv#AcademicResearch] [CN-GD] 2028-01-01T00:00:00Z false
}
