package rights

import "time"

// Owed is a royalty one party owes another under a license on a path of grants: the
// licensee (or whoever holds the license by transfer at the time) pays the grantor.
type Owed struct {
	License Hash    `json:"license"` // the license that sets the terms
	Payer   PartyID `json:"payer"`   // who holds the license at the time asked
	Payee   PartyID `json:"payee"`   // the grantor who signed it
	Royalty Royalty `json:"royalty"` // the terms in force at the time asked (after changes and renewals)
}

// Royalties returns what is owed upstream along path — typically Decision.Path — at time
// at: one Owed for each license on the path whose terms, as changed or renewed by then, owe
// a revenue share or a fee, in path order. Revenue a party earns from a product derived from
// licensed data is downstream revenue of the licenses above the derivation, so those are
// included. Hashes not in the chain, and events that are not licenses, are skipped. The
// distribution package splits income along these terms.
func (c *Chain) Royalties(path []Hash, at time.Time) []Owed {
	var out []Owed
	for _, h := range path {
		i, ok := c.index[h]
		if !ok || c.nodes[i].ev.Kind != KindLicense {
			continue
		}
		r := c.scopeAt(i, at).Royalty
		if r.IsZero() {
			continue
		}
		out = append(out, Owed{License: h, Payer: c.holderAt(i, at), Payee: c.nodes[i].ev.Signer.ID, Royalty: r})
	}
	return out
}
