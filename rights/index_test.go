package rights_test

import (
	"testing"

	"github.com/dataassay/assay/rights"
)

// The exclusivity index and the use counters of issue 21 must decide exactly as the pairwise
// and recursive checks they replace. Each expectation is worked from the semantics on Chain.
func TestIndex_SameDecisions(t *testing.T) {
	excl := with(useScope, func(s *rights.Scope) { s.Exclusive = true })
	exclHolder := with(holderScope, func(s *rights.Scope) { s.Exclusive = true })
	tests := []chainCase{
		{"an exclusive license after an overlapping one expired", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(exclHolder)
			l.license(reg, alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.Until = day(2024, 6, 1) }))
			l.license(reg, alice, carol, day(2024, 7, 1), with(excl, func(s *rights.Scope) { s.From = day(2024, 7, 1) }))
			return readQuery(carol, day(2025, 1, 1)), outcome{Allowed: true}
		}},
		{"an exclusive license after an overlapping one was revoked", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(exclHolder)
			lic := l.license(reg, alice, bob, day(2024, 2, 1), useScope)
			l.add(rights.Event{Kind: rights.KindCancel, Time: day(2024, 3, 1), Asset: "A-1", Parents: []rights.Hash{lic}, Signer: alice})
			l.license(reg, alice, carol, day(2024, 4, 1), excl)
			return readQuery(carol, day(2025, 1, 1)), outcome{Allowed: true}
		}},
		{"a license overlapping an exclusive one, behind many others", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(exclHolder)
			for i, p := range []rights.Party{bob, carol} {
				l.license(reg, alice, p, day(2024, 2, 1+i), with(useScope, func(s *rights.Scope) { s.Purposes = []string{p.Name} }))
			}
			l.license(reg, alice, carol, day(2024, 3, 1), excl)
			late := l.license(reg, alice, dave, day(2024, 4, 1), useScope)
			return readQuery(dave, day(2025, 1, 1)), outcome{Code: "exclusive", Fault: late}
		}},
		{"an expired exclusive license renewed blocks again", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(exclHolder)
			first := l.license(reg, alice, bob, day(2024, 2, 1), with(excl, func(s *rights.Scope) { s.Until = day(2024, 6, 1) }))
			l.license(reg, alice, carol, day(2024, 7, 1), with(useScope, func(s *rights.Scope) { s.Purposes = []string{"other"} })) // drops first from the index
			l.add(rights.Event{Kind: rights.KindRenew, Time: day(2024, 8, 1), Asset: "A-1", Parents: []rights.Hash{first}, Signer: alice,
				Scope: with(excl, func(s *rights.Scope) { s.Until = day(2026, 2, 1) })})
			late := l.license(reg, alice, dave, day(2024, 9, 1), useScope)
			return readQuery(dave, day(2025, 1, 1)), outcome{Code: "exclusive", Fault: late}
		}},
		{"uses after the query time do not count", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			for _, d := range []int{1, 2} { // the second use exhausts lic from 2024-06-02
				l.add(rights.Event{Kind: rights.KindUse, Time: day(2024, 6, d), Asset: "A-1", Parents: []rights.Hash{sub}, Signer: carol,
					Action: "read", Purpose: "research", Region: "CN-GD"})
			}
			return readQuery(bob, day(2024, 6, 1)), outcome{Allowed: true} // one use by then: 1 + 1 ≤ 2
		}},
		{"uses up to the query time count", func(l *ledger) (rights.Query, outcome) {
			lic := l.license(l.register(holderScope), alice, bob, day(2024, 2, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			sub := l.license(lic, bob, carol, day(2024, 3, 1), with(useScope, func(s *rights.Scope) { s.MaxUses = 2 }))
			for _, d := range []int{1, 2, 3} { // the third is void: lic is exhausted
				l.add(rights.Event{Kind: rights.KindUse, Time: day(2024, 6, d), Asset: "A-1", Parents: []rights.Hash{sub}, Signer: carol,
					Action: "read", Purpose: "research", Region: "CN-GD"})
			}
			return readQuery(bob, day(2024, 6, 2)), outcome{Code: "exhausted", Fault: lic}
		}},
	}
	runCases(t, rights.Config{}, tests)
}
