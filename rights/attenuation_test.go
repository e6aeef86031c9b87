package rights_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dataassay/assay/rights"
)

// The universe of requests the attenuation property is checked over.
var (
	uActions  = []rights.Action{"use", "read", "reproduce", "extract", "derive", "distribute", "transfer", "sell"}
	uPurposes = []string{"research", "planning", "marketing"}
	uRegions  = []string{"CN", "CN-GD", "CN-BJ", "HK"}
	uMonths   = 36 // request times: the first of each month from 2024-01
)

// randomScope draws a scope over the universe; every dimension is sometimes unrestricted.
func randomScope(r *rand.Rand) rights.Scope {
	pick := func(n int) []int {
		var idx []int
		for i := range n {
			if r.IntN(2) == 0 {
				idx = append(idx, i)
			}
		}
		return idx
	}
	var s rights.Scope
	for _, i := range pick(len(uActions)) {
		s.Actions = append(s.Actions, uActions[i])
	}
	if len(s.Actions) == 0 {
		s.Actions = []rights.Action{uActions[r.IntN(len(uActions))]}
	}
	if r.IntN(3) > 0 {
		for _, i := range pick(len(uPurposes)) {
			s.Purposes = append(s.Purposes, uPurposes[i])
		}
	}
	if r.IntN(3) > 0 {
		for _, i := range pick(len(uRegions)) {
			s.Regions = append(s.Regions, uRegions[i])
		}
	}
	if r.IntN(3) > 0 {
		s.From = day(2024, 1, 1).AddDate(0, r.IntN(uMonths), 0)
	}
	if r.IntN(3) > 0 {
		s.Until = day(2024, 1, 1).AddDate(0, r.IntN(uMonths)+1, 0)
		if !s.From.IsZero() && !s.From.Before(s.Until) {
			s.Until = s.From.AddDate(0, 1, 0)
		}
	}
	s.Sublicensable = r.IntN(4) > 0
	return s
}

// Property (issue #6): a license never grants more than its grantor held. Random chains of
// up to three licenses, each with a random scope (often wider than its grantor's), are built
// under a registration; for every request in the universe, if the last licensee is allowed
// then so is every grantor above it, at the same time.
func TestLicense_NeverGrantsMoreThanHeld(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 2024))
	parties := []rights.Party{alice, bob, carol, dave}
	allowedSome := 0
	for trial := range 100 {
		l := &ledger{t: t}
		reg := l.register(rights.Scope{Actions: []rights.Action{"use", "transfer"}, Sublicensable: true})
		parent, depth := reg, 1+r.IntN(3)
		for k := range depth {
			s := randomScope(r)
			parent = l.license(parent, parties[k], parties[k+1], day(2024, 1, 1), s)
		}
		c, err := rights.NewChain(context.Background(), l.events)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range uActions {
			for _, p := range uPurposes {
				for _, region := range uRegions {
					for m := 0; m < uMonths; m += 7 {
						q := rights.Query{Action: a, Purpose: p, Region: region, At: day(2024, 1, 1).AddDate(0, m, 0), Asset: testAsset.ID}
						q.Party = parties[depth].ID
						d, err := c.Decide(q)
						if err != nil {
							t.Fatal(err)
						}
						if !d.Allowed {
							continue
						}
						allowedSome++
						for k := depth - 1; k >= 0; k-- {
							q.Party = parties[k].ID
							up, _ := c.Decide(q)
							if !up.Allowed {
								t.Fatalf("trial %d: %s is allowed %v %s in %s at %v, but its grantor %s is not: %v",
									trial, parties[depth].Name, a, p, region, q.At, parties[k].Name, up.Err())
							}
						}
					}
				}
			}
		}
	}
	if allowedSome == 0 {
		t.Fatal("no licensee was ever allowed anything: the property was not exercised")
	}
}

// Scope.Within is sound: when it accepts a child, no request in the universe is permitted by
// the child's scope and refused by the parent's — checked by brute force with an
// independent reading of the scope rules.
func TestScopeWithin_AgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 7))
	permits := func(s rights.Scope, a rights.Action, p, region string, m int) bool {
		at := day(2024, 1, 1).AddDate(0, m, 0)
		okAction := slices.ContainsFunc(s.Actions, a.Within)
		okPurpose := len(s.Purposes) == 0 || slices.Contains(s.Purposes, p)
		okRegion := len(s.Regions) == 0 || slices.ContainsFunc(s.Regions, func(x string) bool {
			return x == region || x == "CN" && (region == "CN-GD" || region == "CN-BJ")
		})
		okTime := (s.From.IsZero() || !at.Before(s.From)) && (s.Until.IsZero() || at.Before(s.Until))
		return okAction && okPurpose && okRegion && okTime
	}
	accepted := 0
	for range 800 {
		parent, child := randomScope(r), randomScope(r)
		parent.Sublicensable, child.Sublicensable = true, false
		wider := false
		// Times range over months −12 … uMonths+12, so unbounded windows are caught.
		for _, a := range uActions {
			for _, p := range uPurposes {
				for _, region := range uRegions {
					for m := -12; m < uMonths+12 && !wider; m++ {
						wider = permits(child, a, p, region, m) && !permits(parent, a, p, region, m)
					}
				}
			}
		}
		within := child.Within(parent) == nil
		if wider && within {
			t.Fatalf("Within accepts a child wider than its parent:\nchild  %+v\nparent %+v", child, parent)
		}
		if within {
			accepted++
		}
	}
	if accepted == 0 {
		t.Fatal("no child was within its parent: the property was not exercised")
	}
}
