package distribution

import (
	"github.com/dataassay/assay/rights"
)

// RoyaltiesFromRights builds the RoyaltyChain of the revenue shares that a verified rights
// chain owes upstream, from the terms rights.Chain.Royalties returns for a path of grants
// (typically rights.Decision.Path): each rights.Owed becomes, on its payer's party, a
// RoyaltyTerm to its payee with the license's RevenueShare. Parties are named by their
// PartyID's text form (64 hexadecimal characters), so the seller passed to Distribute is the
// text of the selling party's ID; RoyaltyPartyName gives it.
//
// A rights.Royalty's Fee is a one-off fee for the license, not an amount owed on every
// sale, so it is left out: settle license fees when the license is signed, and pass sales
// through the chain this returns. Terms that owe no revenue share are skipped. When the same
// payer owes the same payee under several licenses, each gives its own term.
//
// The result is a plain value; Validate it, or let Distribute do so, before use.
func RoyaltiesFromRights(owed []rights.Owed) RoyaltyChain {
	var chain RoyaltyChain
	index := map[string]int{}
	party := func(name string) int {
		if i, ok := index[name]; ok {
			return i
		}
		index[name] = len(chain.Parties)
		chain.Parties = append(chain.Parties, RoyaltyParty{Name: name})
		return len(chain.Parties) - 1
	}
	for _, o := range owed {
		if o.Royalty.RevenueShare.Sign() <= 0 {
			continue
		}
		payer, payee := RoyaltyPartyName(o.Payer), RoyaltyPartyName(o.Payee)
		party(payee)
		i := party(payer)
		chain.Parties[i].Owes = append(chain.Parties[i].Owes, RoyaltyTerm{Upstream: payee, RevenueShare: o.Royalty.RevenueShare})
	}
	return chain
}

// RoyaltyPartyName is the name RoyaltiesFromRights gives a party: its ID as text.
func RoyaltyPartyName(id rights.PartyID) string {
	text, _ := id.MarshalText() // never fails: 32 bytes as hexadecimal
	return string(text)
}
