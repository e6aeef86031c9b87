package rights_test

import (
	"testing"

	"github.com/dataassay/assay/rights"
)

// A transfer moves the grant (see Kind): the assignee may license, derive from and transfer
// again what it now holds, naming the original grant as parent — exactly as it may already
// cancel it. Issue 12: these were rejected as "not held". Each expectation follows from the
// semantics documented on Chain.
func TestTransferredGrant_NewHolderExercisesIt(t *testing.T) {
	tests := []chainCase{
		{"the assignee licenses under the registration", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.license(reg, dave, bob, day(2025, 2, 1), useScope)
			return readQuery(bob, day(2025, 3, 1)), outcome{Allowed: true}
		}},
		{"the assignee licenses under the transfer", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			x := l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.license(x, dave, bob, day(2025, 2, 1), useScope)
			return readQuery(bob, day(2025, 3, 1)), outcome{Allowed: true}
		}},
		{"the assignee transfers again", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: dave, Subject: carol})
			return readQuery(carol, day(2025, 3, 1)), outcome{Allowed: true}
		}},
		{"the first holder's licence after the second transfer", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: dave, Subject: carol})
			lic := l.license(reg, dave, bob, day(2025, 3, 1), useScope)
			return readQuery(bob, day(2025, 4, 1)), outcome{Code: "not-held/revoked", Fault: lic}
		}},
		{"the assignee derives a product", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			p := testAsset
			p.ID, p.Holder = "P-1", "dave"
			l.add(rights.Event{Kind: rights.KindDerive, Time: day(2025, 2, 1), Asset: "P-1", Record: p, Parents: []rights.Hash{reg}, Signer: dave,
				Scope: holderScope})
			q := readQuery(dave, day(2025, 3, 1))
			q.Asset, q.Purpose = "P-1", ""
			return q, outcome{Allowed: true}
		}},
		{"the first holder, asked about a time before the transfers", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: dave, Subject: carol})
			return readQuery(alice, day(2024, 12, 1)), outcome{Allowed: true}
		}},
		{"the second holder, asked about a time before it received the grant", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			x := l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: dave, Subject: carol})
			return readQuery(carol, day(2025, 1, 15)), outcome{Code: "not-yet-valid", Fault: x}
		}},
		{"the middle holder after passing it on", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			first := l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 2, 1), Asset: "A-1", Parents: []rights.Hash{first}, Signer: dave, Subject: carol})
			return readQuery(dave, day(2025, 3, 1)), outcome{Code: "revoked", Fault: first}
		}},
		{"a stranger still cannot license", func(l *ledger) (rights.Query, outcome) {
			reg := l.register(holderScope)
			l.add(rights.Event{Kind: rights.KindTransfer, Time: day(2025, 1, 1), Asset: "A-1", Parents: []rights.Hash{reg}, Signer: alice, Subject: dave})
			lic := l.license(reg, carol, bob, day(2025, 2, 1), useScope)
			return readQuery(bob, day(2025, 3, 1)), outcome{Code: "not-held", Fault: lic}
		}},
	}
	runCases(t, rights.Config{}, tests)
}
