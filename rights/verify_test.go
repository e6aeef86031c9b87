package rights_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights"
)

// outcome is what a test expects of a decision: allowed, or the code of the first reason and
// the event at fault.
type outcome struct {
	Allowed bool
	Code    string
	Fault   rights.Hash
}

func outcomeOf(d rights.Decision) outcome {
	if d.Allowed {
		return outcome{Allowed: true}
	}
	h, _ := rights.EventOf(d.Reasons[0])
	return outcome{Code: rights.Code(d.Reasons[0]), Fault: h}
}

func with(s rights.Scope, f func(*rights.Scope)) rights.Scope {
	s.Actions = append([]rights.Action(nil), s.Actions...)
	f(&s)
	return s
}

// Each case builds a chain in a fresh ledger and returns the query and the expected outcome.
// The expectations follow from the semantics documented on Chain, worked by hand.
func TestDecide_Reasons(t *testing.T) {
	tests := []chainCase{
		{"direct license allows", func(l *ledger) (rights.Query, outcome) {
			l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			return readQuery(bob, day(2025, 1, 1)), outcome{Allowed: true}
		}},
		{"before the license was issued", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			return readQuery(bob, day(2024, 1, 15)), outcome{Code: "not-yet-valid", Fault: lic}
		}},
		{"before the scope's start", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 1, 20), useScope) // From 2024-02-01
			return readQuery(bob, day(2024, 1, 25)), outcome{Code: "not-yet-valid", Fault: lic}
		}},
		{"at the scope's end, which is exclusive", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			return readQuery(bob, day(2026, 2, 1)), outcome{Code: "expired", Fault: lic}
		}},
		{"revoked by the grantor", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice})
			return readQuery(bob, day(2025, 1, 1)), outcome{Code: "revoked", Fault: lic}
		}},
		{"the day before the revocation", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice})
			return readQuery(bob, day(2024, 12, 31)), outcome{Allowed: true}
		}},
		{"surrendered by the licensee", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: bob})
			return readQuery(bob, day(2025, 6, 1)), outcome{Code: "revoked", Fault: lic}
		}},
		{"a stranger's cancellation is void", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: carol})
			return readQuery(bob, day(2025, 6, 1)), outcome{Allowed: true}
		}},
		{"suspended by an objection", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.standing(reg, carol)
			l.add(rights.Event{Kind: rights.KindObject, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: carol, Note: "the data was collected without consent"})
			return readQuery(bob, day(2025, 2, 1)), outcome{Code: "suspended", Fault: lic}
		}},
		{"objection withdrawn", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.standing(reg, carol)
			obj := l.add(rights.Event{Kind: rights.KindObject, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: carol})
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 3, 1), Asset: "A-1", Parents: []rights.Hash{obj}, Signer: carol})
			return readQuery(bob, day(2025, 4, 1)), outcome{Allowed: true}
		}},
		{"objection to the registration suspends the licensee", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.standing(reg, carol)
			l.add(rights.Event{Kind: rights.KindObject, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: carol})
			return readQuery(bob, day(2025, 2, 1)), outcome{Code: "suspended", Fault: lic}
		}},
		{"a rival registration of the same asset", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			rival := testAsset
			rival.Holder = "dave"
			l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 3, 1), Asset: "A-1", Record: rival, Signer: dave, Scope: holderScope})
			return readQuery(bob, day(2025, 2, 1)), outcome{Code: "suspended", Fault: lic}
		}},
		{"a license issued while the registration was contested", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			rival := testAsset
			rival.Holder = "dave"
			l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 10), Asset: "A-1", Record: rival, Signer: dave, Scope: holderScope})
			lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			return readQuery(bob, day(2025, 2, 1)), outcome{Code: "not-held/suspended", Fault: lic}
		}},
		{"the rival registration cancelled", func(l *ledger) (rights.Query, outcome) {
			l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			rival := testAsset
			rival.Holder = "dave"
			r := l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 3, 1), Asset: "A-1", Record: rival, Signer: dave, Scope: holderScope})
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2024, 4, 1), Asset: "A-1", Parents: []rights.Hash{r}, Signer: dave})
			return readQuery(bob, day(2025, 2, 1)), outcome{Allowed: true}
		}},
		{"license signed by a party that held nothing", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), carol, dave, day(2024, 2, 1), useScope)
			return readQuery(dave, day(2025, 1, 1)), outcome{Code: "not-held", Fault: lic}
		}},
		{"sublicense wider in regions", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Regions = []string{"CN"} }))
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "scope-escalation", Fault: sub}
		}},
		{"sublicense wider in actions", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Actions = []rights.Action{"use"} }))
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "scope-escalation", Fault: sub}
		}},
		{"sublicense for any purpose", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Purposes = nil }))
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "scope-escalation", Fault: sub}
		}},
		{"sublicense outliving its parent", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Until = day(2027, 1, 1) }))
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "scope-escalation", Fault: sub}
		}},
		{"narrower sublicense allows", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) {
				s.Actions, s.From, s.Until, s.Sublicensable = []rights.Action{"read"}, day(2024, 3, 1), day(2025, 3, 1), false
			}))
			return readQuery(carol, day(2025, 1, 1)), outcome{Allowed: true}
		}},
		{"sublicensing not permitted", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Sublicensable = false }))
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Sublicensable = false }))
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "sublicensing-not-permitted", Fault: sub}
		}},
		{"processing-use cannot grant product operation", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			sub := l.add(rights.Event{Kind: rights.KindLicense, Time: day(2024, 3, 1), Asset: "A-1", Parents: []rights.Hash{lic},
				Signer: bob, Subject: carol, Right: rights.ProductOperation, Scope: with(useScope, func(s *rights.Scope) { s.Sublicensable = false })})
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "sublicensing-not-permitted", Fault: sub}
		}},
		{"overlapping an exclusive license", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(with(holderScope, func(s *rights.Scope) { s.Exclusive = true }))
			l.license(reg, alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Exclusive = true }))
			second := l.license(reg, alice, carol, day(2024, 3, 1), useScope)
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "exclusive", Fault: second}
		}},
		{"beside an exclusive license, in another region", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(with(holderScope, func(s *rights.Scope) { s.Exclusive = true }))
			l.license(reg, alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Exclusive = true }))
			l.license(reg, alice, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Regions = []string{"CN-BJ"} }))
			q := readQuery(carol, day(2025, 1, 1))
			q.Region = "CN-BJ"
			return q, outcome{Allowed: true}
		}},
		{"exclusive license without exclusivity to give", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Exclusive = true }))
			return readQuery(bob, day(2025, 1, 1)), outcome{Code: "scope-escalation", Fault: lic}
		}},
		{"use count exhausted", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			for _, d := range []int{1, 2} {
				l.add(rights.Event{Kind: rights.KindUse, Time: day(2024, 6, d), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: bob,
					Action: "read", Purpose: "research", Region: "CN-GD"})
			}
			return readQuery(bob, day(2025, 1, 1)), outcome{Code: "exhausted", Fault: lic}
		}},
		{"one use left", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			l.add(rights.Event{Kind: rights.KindUse, Time: day(2024, 6, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: bob,
				Action: "read", Purpose: "research", Region: "CN-GD"})
			return readQuery(bob, day(2025, 1, 1)), outcome{Allowed: true}
		}},
		{"volume exhausted", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.MaxVolume = 100 }))
			l.add(rights.Event{Kind: rights.KindUse, Time: day(2024, 6, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: bob,
				Action: "read", Purpose: "research", Region: "CN-GD", Volume: 80})
			q := readQuery(bob, day(2025, 1, 1))
			q.Volume = 30 // 80 + 30 > 100
			return q, outcome{Code: "exhausted", Fault: lic}
		}},
		{"a sublicensee's uses count against the parent", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			for _, d := range []int{1, 2} {
				l.add(rights.Event{Kind: rights.KindUse, Time: day(2024, 6, d), Asset: "A-1", Parents: []rights.Hash{sub}, Signer: carol,
					Action: "read", Purpose: "research", Region: "CN-GD"})
			}
			return readQuery(bob, day(2025, 1, 1)), outcome{Code: "exhausted", Fault: lic}
		}},
		{"action not permitted", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			q := readQuery(bob, day(2025, 1, 1))
			q.Action = "distribute"
			return q, outcome{Code: "action-not-permitted", Fault: lic}
		}},
		{"read is within use", func(l *ledger) (rights.Query, outcome) {
			l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Actions = []rights.Action{"use"} }))
			return readQuery(bob, day(2025, 1, 1)), outcome{Allowed: true}
		}},
		{"purpose not permitted", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			q := readQuery(bob, day(2025, 1, 1))
			q.Purpose = "marketing"
			return q, outcome{Code: "purpose-not-permitted", Fault: lic}
		}},
		{"region not allowed", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			q := readQuery(bob, day(2025, 1, 1))
			q.Region = "CN-BJ"
			return q, outcome{Code: "region-not-allowed", Fault: lic}
		}},
		{"Hong Kong is not within CN", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			q := readQuery(alice, day(2025, 1, 1))
			q.Region = "CN-HK"
			return q, outcome{Code: "region-not-allowed", Fault: reg}
		}},
		{"important data leaving the mainland", func(l *ledger) (rights.Query, outcome) {
			a := testAsset
			a.Classification = assay.Important
			reg := l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: "A-1", Record: a, Signer: alice,
				Scope: with(holderScope, func(s *rights.Scope) { s.Regions = []string{"CN", "HK"} })})
			q := readQuery(alice, day(2025, 1, 1))
			q.Region = "HK"
			return q, outcome{Code: "cross-border", Fault: reg}
		}},
		{"important data leaving after a security assessment", func(l *ledger) (rights.Query, outcome) {
			a := testAsset
			a.Classification = assay.Important
			l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: "A-1", Record: a, Signer: alice,
				Scope: with(holderScope, func(s *rights.Scope) { s.Regions = []string{"CN", "HK"} })})
			q := readQuery(alice, day(2025, 1, 1))
			q.Region, q.Cleared = "HK", rights.RequireAssessment
			return q, outcome{Allowed: true}
		}},
		{"personal information of 150,000 persons without a contract", func(l *ledger) (rights.Query, outcome) {
			reg := l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: "A-1", Record: testAsset, Signer: alice,
				Scope: with(holderScope, func(s *rights.Scope) { s.Regions = nil })})
			q := readQuery(alice, day(2025, 1, 1))
			q.Region, q.Export = "SG", rights.Export{Persons: 150_000}
			return q, outcome{Code: "cross-border", Fault: reg}
		}},
		{"the old holder after a transfer", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			return readQuery(alice, day(2025, 2, 1)), outcome{Code: "revoked", Fault: reg}
		}},
		{"the new holder after a transfer", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			return readQuery(dave, day(2025, 2, 1)), outcome{Allowed: true}
		}},
		{"a license issued before a transfer survives it", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			return readQuery(bob, day(2025, 2, 1)), outcome{Allowed: true}
		}},
		{"the registrant cannot cancel after transferring", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice})
			return readQuery(dave, day(2025, 3, 1)), outcome{Allowed: true}
		}},
		{"the new holder cancels the registration", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: dave})
			return readQuery(dave, day(2025, 3, 1)), outcome{Code: "revoked", Fault: reg}
		}},
		{"the same grant transferred twice", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			second := l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: carol})
			return readQuery(carol, day(2025, 3, 1)), outcome{Code: "not-held/revoked", Fault: second}
		}},
		{"transfer of a license without the transfer action", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			x := l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: bob, Subject: carol})
			return readQuery(carol, day(2025, 2, 1)), outcome{Code: "not-held/action-not-permitted", Fault: x}
		}},
		{"after a change narrowed the actions", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindChange, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice,
				Scope: with(useScope, func(s *rights.Scope) { s.Actions = []rights.Action{"derive"} })})
			return readQuery(bob, day(2025, 2, 1)), outcome{Code: "action-not-permitted", Fault: lic}
		}},
		{"before the change took effect", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindChange, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice,
				Scope: with(useScope, func(s *rights.Scope) { s.Actions = []rights.Action{"derive"} })})
			return readQuery(bob, day(2024, 12, 1)), outcome{Allowed: true}
		}},
		{"a change cannot widen", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindChange, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice,
				Scope: with(useScope, func(s *rights.Scope) { s.Actions = []rights.Action{"read", "derive", "distribute"} })})
			q := readQuery(bob, day(2025, 2, 1))
			q.Action = "distribute"
			return q, outcome{Code: "action-not-permitted", Fault: lic}
		}},
		{"a renewal extends validity", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindRenew, Time: day(2026, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice,
				Scope: with(useScope, func(s *rights.Scope) { s.Until = day(2028, 2, 1) })})
			return readQuery(bob, day(2027, 6, 1)), outcome{Allowed: true}
		}},
		{"a renewal beyond the grantor's own term", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Until = day(2025, 3, 1) }))
			l.add(rights.Event{Kind: rights.KindRenew, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{sub}, Signer: bob,
				Scope: with(useScope, func(s *rights.Scope) { s.Until = day(2027, 3, 1) })})
			return readQuery(carol, day(2025, 6, 1)), outcome{Code: "expired", Fault: sub}
		}},
		{"deriving without the derive action", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Actions = []rights.Action{"read"} }))
			product := assay.Asset{ID: "P-1", Name: "product", Holder: "bob", Region: "CN-GD", Acquired: day(2024, 6, 1), UsefulLife: 3}
			der := l.add(rights.Event{Kind: rights.KindDerive, Time: day(2024, 6, 1), Asset: "P-1", Record: product, Parents: []rights.Hash{lic},
				Signer: bob, Purpose: "research", Scope: rights.Scope{Actions: []rights.Action{"use"}}})
			q := readQuery(bob, day(2025, 1, 1))
			q.Asset = "P-1"
			return q, outcome{Code: "not-held/action-not-permitted", Fault: der}
		}},
		{"a dispute over the source suspends the product", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			product := assay.Asset{ID: "P-1", Name: "product", Holder: "bob", Region: "CN-GD", Acquired: day(2024, 6, 1), UsefulLife: 3}
			der := l.add(rights.Event{Kind: rights.KindDerive, Time: day(2024, 6, 1), Asset: "P-1", Record: product, Parents: []rights.Hash{lic},
				Signer: bob, Purpose: "research", Scope: rights.Scope{Actions: []rights.Action{"use"}}})
			l.standing(reg, carol)
			l.add(rights.Event{Kind: rights.KindObject, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: carol})
			q := readQuery(bob, day(2025, 2, 1))
			q.Asset = "P-1"
			return q, outcome{Code: "suspended", Fault: der}
		}},
		{"no grant at all", func(l *ledger) (rights.Query, outcome) {
			l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
			return readQuery(carol, day(2025, 1, 1)), outcome{Code: "no-grant"}
		}},
	}
	runCases(t, rights.Config{}, tests)
}

// The typed errors carry the details of the failure.
func TestDecide_TypedErrors(t *testing.T) {
	l := &ledger{t: t}
	reg := l.register(holderScope)
	lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
	sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.Regions = []string{"CN"} }))
	cancel := l.add(rights.Event{Kind: rights.KindCancel, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice})
	c, err := rights.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}

	d, err := c.Decide(readQuery(carol, day(2024, 6, 1)))
	if err != nil {
		t.Fatal(err)
	}
	var esc *rights.EscalationError
	if !errors.As(d.Err(), &esc) {
		t.Fatalf("want an *EscalationError, got %v", d.Err())
	}
	wantEsc := &rights.EscalationError{Hash: sub, Grant: lic, Dimension: "regions", Granted: "CN", Held: "CN-GD"}
	if diff := cmp.Diff(wantEsc, esc); diff != "" {
		t.Errorf("escalation (-want +got):\n%s", diff)
	}
	if !errors.Is(c.Status(sub), rights.ErrEscalation) || c.Status(lic) != nil {
		t.Errorf("Status(sub) = %v, Status(lic) = %v", c.Status(sub), c.Status(lic))
	}

	d, err = c.Decide(readQuery(bob, day(2025, 6, 1)))
	if err != nil {
		t.Fatal(err)
	}
	var rev *rights.RevokedError
	if !errors.As(d.Err(), &rev) || !errors.Is(d.Err(), rights.ErrRevoked) {
		t.Fatalf("want a *RevokedError, got %v", d.Err())
	}
	if diff := cmp.Diff(&rights.RevokedError{Hash: lic, By: cancel, At: day(2025, 1, 1)}, rev); diff != "" {
		t.Errorf("revocation (-want +got):\n%s", diff)
	}
}

// Integrity failures reject the whole set: Verify returns an error, not a decision.
func TestVerify_Integrity(t *testing.T) {
	tests := []struct {
		name  string
		build func(l *ledger) []rights.Event
		want  error
	}{
		{"unknown parent", func(l *ledger) []rights.Event {
			l.register(holderScope)
			l.license(rights.Hash{1, 2, 3}, alice, bob, day(2024, 2, 1), useScope)
			return l.events
		}, rights.ErrUnknownParent},
		{"change of a registration", func(l *ledger) []rights.Event {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindChange, Time: day(2024, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Scope: holderScope})
			return l.events
		}, rights.ErrBadLink},
		{"parent later than the event", func(l *ledger) []rights.Event {
			reg := l.register(holderScope)
			l.license(reg, alice, bob, day(2023, 2, 1), useScope)
			return l.events
		}, rights.ErrBadLink},
		{"license about another asset", func(l *ledger) []rights.Event {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindLicense, Time: day(2024, 2, 1), Asset: "A-2", Parents: []rights.Hash{reg},
				Signer: alice, Subject: bob, Right: rights.ProcessingUse, Scope: useScope})
			return l.events
		}, rights.ErrBadLink},
		{"scope widened after signing", func(l *ledger) []rights.Event {
			reg := l.register(holderScope)
			l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.events[1].Scope.Regions = []string{"CN"}
			return l.events
		}, rights.ErrBadSignature},
		{"signed by another key", func(l *ledger) []rights.Event {
			l.register(holderScope)
			l.events[0].Signer = bob
			return l.events
		}, rights.ErrBadSignature},
		{"unsigned", func(l *ledger) []rights.Event {
			l.register(holderScope)
			l.events[0].Signature = nil
			return l.events
		}, rights.ErrBadSignature},
		{"invalid event", func(l *ledger) []rights.Event {
			return []rights.Event{{Kind: rights.KindLicense, Time: day(2024, 1, 1), Asset: "A-1", Signer: alice}}
		}, rights.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rights.Verify(context.Background(), tt.build(&ledger{t: t}), readQuery(bob, day(2025, 1, 1)))
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecide_InvalidQuery(t *testing.T) {
	l := &ledger{t: t}
	l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), useScope)
	c, err := rights.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*rights.Query){
		"no party":          func(q *rights.Query) { q.Party = rights.PartyID{} },
		"deprecated action": func(q *rights.Query) { q.Action = "copy" },
		"no region":         func(q *rights.Query) { q.Region = "" },
		"no time":           func(q *rights.Query) { q.At = zeroTime },
		"no asset":          func(q *rights.Query) { q.Asset = "" },
		"negative volume":   func(q *rights.Query) { q.Volume = -1 },
		"negative persons":  func(q *rights.Query) { q.Export.Persons = -1 },
		"bad thresholds":    func(q *rights.Query) { q.Rules.ContractPersons = -1 },
	} {
		q := readQuery(bob, day(2025, 1, 1))
		edit(&q)
		if _, err := c.Decide(q); !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("%s: Decide = %v, want ErrMalformed", name, err)
		}
	}
}

// With Config.Registrars a registration takes effect only when a listed registrar issues
// it: a stranger's application for the same asset stays pending, so it is no rival claim,
// while the verifier that trusts every registration (the zero Config) sees a dispute.
func TestConfig_Registrars(t *testing.T) {
	l := &ledger{t: t}
	reg := l.register(holderScope)
	l.add(rights.Event{Kind: rights.KindIssue, Time: day(2024, 1, 20), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: registrar, Until: day(2027, 1, 20)})
	l.license(reg, alice, bob, day(2024, 2, 1), useScope)
	rival := testAsset
	rival.Holder = "dave"
	forged := l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 3, 1), Asset: "A-1", Record: rival, Signer: dave, Scope: holderScope})
	q := readQuery(bob, day(2025, 1, 1))

	trusting, err := rights.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := trusting.Decide(q); !errors.Is(d.Err(), rights.ErrSuspended) {
		t.Errorf("trusting every registration: %v, want suspended by the rival claim", d.Err())
	}
	strict, err := rights.Config{Registrars: []rights.PartyID{registrar.ID}}.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := strict.Decide(q); !d.Allowed {
		t.Errorf("with a registrar: %v, want allowed", d.Err())
	}
	// The stranger's application meets the issued registration as a rival claim.
	if st, err := strict.State(forged, day(2025, 1, 1)); st != rights.StateObjected || !errors.Is(err, rights.ErrSuspended) {
		t.Errorf("the stranger's application: %v, %v; want objected by the issued registration", st, err)
	}
}

// chainCase builds a chain in a fresh ledger and returns a query and the expected outcome.
type chainCase struct {
	name  string
	build func(l *ledger) (rights.Query, outcome)
}

// runCases runs each case under cfg and compares the decision with its outcome.
func runCases(t *testing.T, cfg rights.Config, tests []chainCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &ledger{t: t}
			q, want := tt.build(l)
			c, err := cfg.NewChain(context.Background(), l.events)
			if err != nil {
				t.Fatalf("NewChain: %v", err)
			}
			d, err := c.Decide(q)
			if err != nil {
				t.Fatalf("Decide: %v", err)
			}
			if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
				t.Errorf("outcome (-want +got):\n%s\nreasons: %v", diff, d.Err())
			}
		})
	}
}
