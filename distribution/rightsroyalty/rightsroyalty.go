// Package rightsroyalty is the bridge from verified rights to royalties: it turns the revenue
// shares a rights chain owes along a path of grants into a distribution.RoyaltyChain.
//
// It is a leaf package so that distribution itself links nothing of rights (JSON-LD for ODRL
// policies, and with it net/http and crypto/tls): a program that only measures inequality or
// splits money stays small, and one that settles royalties from a verified chain imports
// this.
package rightsroyalty

import (
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/rights"
)

// Chain builds the RoyaltyChain of the revenue shares that a verified rights
// chain owes upstream, from the terms rights.Chain.Royalties returns for a path of grants
// (typically rights.Decision.Path): each rights.Owed becomes, on its payer's party, a
// RoyaltyTerm to its payee with the license's RevenueShare. Parties are named by their
// PartyID's text form (64 hexadecimal characters), so the seller passed to Distribute is the
// text of the selling party's ID; PartyName gives it.
//
// A rights.Royalty's Fee is a one-off fee for the license, not an amount owed on every
// sale, so it is left out: settle license fees when the license is signed, and pass sales
// through the chain this returns. Terms that owe no revenue share are skipped. When the same
// payer owes the same payee under several licenses, each gives its own term.
//
// The result is a plain value; Validate it, or let Distribute do so, before use.
func Chain(owed []rights.Owed) distribution.RoyaltyChain {
	var chain distribution.RoyaltyChain
	index := map[string]int{}
	party := func(name string) int {
		if i, ok := index[name]; ok {
			return i
		}
		index[name] = len(chain.Parties)
		chain.Parties = append(chain.Parties, distribution.RoyaltyParty{Name: name})
		return len(chain.Parties) - 1
	}
	for _, o := range owed {
		if o.Royalty.RevenueShare.Sign() <= 0 {
			continue
		}
		payer, payee := PartyName(o.Payer), PartyName(o.Payee)
		party(payee)
		i := party(payer)
		chain.Parties[i].Owes = append(chain.Parties[i].Owes, distribution.RoyaltyTerm{Upstream: payee, RevenueShare: o.Royalty.RevenueShare})
	}
	return chain
}

// PartyName is the name Chain gives a party: its ID as text.
func PartyName(id rights.PartyID) string {
	text, _ := id.MarshalText() // never fails: 32 bytes as hexadecimal
	return string(text)
}
