package pricing

import (
	"math/rand/v2"

	"github.com/dataassay/assay"
)

// Bid is one sealed bid.
type Bid struct {
	Bidder string      `json:"bidder"`
	Amount assay.Money `json:"amount"`
}

// TieBreak says how an auction chooses among equal highest bids.
type TieBreak uint8

// The tie-breaking rules.
const (
	// TieEarliest awards the item to the earliest of equal bids (the lowest index), the
	// time priority of exchange order books. It is the zero value.
	TieEarliest TieBreak = iota
	// TieRandom draws the winner uniformly among equal bids from a PCG generator seeded with
	// AuctionRules.Seed, so the same seed and bids give the same winner.
	TieRandom
)

// AuctionRules configures SecondPrice. The zero value is a second-price auction without a
// reserve, ties to the earliest bid.
type AuctionRules struct {
	// Reserve is the lowest acceptable price (e.g. a valuation of the data asset, or
	// OptimalReserve of the bidders' value distribution); zero means none.
	Reserve assay.Money `json:"reserve,omitzero"`
	Tie     TieBreak    `json:"tie,omitzero"`
	Seed    uint64      `json:"seed,omitzero"`
}

// AuctionResult is the outcome of an auction. With Sold false, Winner is −1 and Price zero.
type AuctionResult struct {
	Sold   bool        `json:"sold"`
	Winner int         `json:"winner"` // index into the bids
	Bidder string      `json:"bidder,omitzero"`
	Price  assay.Money `json:"price"`
}

// SecondPrice runs a sealed-bid second-price (Vickrey) auction with a reserve (Vickrey, 1961;
// Myerson, "Optimal Auction Design", 1981): bids below the reserve are dropped; the highest
// remaining bid wins and pays the larger of the reserve and the second-highest remaining bid;
// ties among highest bids are broken by rules.Tie, and the winner then pays the tied amount.
// Bidding one's value is a dominant strategy. Bids must be non-negative whole minor units in
// one currency; no bid at or above the reserve leaves the item unsold.
func SecondPrice(bids []Bid, rules AuctionRules) (AuctionResult, error) {
	none := AuctionResult{Winner: -1}
	if len(bids) == 0 {
		return none, nil
	}
	cur := bids[0].Amount.Currency()
	reserve, err := wholeUnits("rules.reserve", rules.Reserve, cur)
	if err != nil {
		return none, err
	}
	if rules.Tie > TieRandom {
		return none, inputErr("rules.tie", itoa(int64(rules.Tie)), "be TieEarliest or TieRandom")
	}
	first, second := int64(-1), int64(-1)
	var top []int
	for i, b := range bids {
		u, err := wholeUnits("bids["+itoa(int64(i))+"].amount", b.Amount, cur)
		if err != nil {
			return none, err
		}
		switch a := u.minor; {
		case a < reserve.minor:
		case a > first:
			second, first, top = first, a, append(top[:0], i)
		case a == first:
			second, top = a, append(top, i)
		case a > second:
			second = a
		}
	}
	if first < 0 {
		return none, nil
	}
	w := top[0]
	if len(top) > 1 && rules.Tie == TieRandom {
		w = top[rand.New(rand.NewPCG(rules.Seed, 0)).IntN(len(top))]
	}
	return AuctionResult{Sold: true, Winner: w, Bidder: bids[w].Bidder, Price: money(max(second, reserve.minor), cur)}, nil
}

// PostedPriceResult is the outcome of a posted price.
type PostedPriceResult struct {
	Buyers  []int       `json:"buyers"` // indices of the buyers whose value is at least the price
	Revenue assay.Money `json:"revenue"`
}

// PostedPrice sells a freely replicable good at a take-it-or-leave-it price: every buyer whose
// value is at least the price buys one copy (Goldberg, Hartline and Wright, "Competitive Auctions and Digital Goods", SODA 2001: with unlimited supply VCG
// charges nothing, so revenue needs posted prices or reserves). Values and price must be
// non-negative whole minor units in one currency.
func PostedPrice(price assay.Money, values []assay.Money) (PostedPriceResult, error) {
	p, err := wholeUnits("price", price, assay.Currency{})
	if err != nil {
		return PostedPriceResult{}, err
	}
	out := PostedPriceResult{Buyers: []int{}}
	for i, v := range values {
		u, err := wholeUnits("values["+itoa(int64(i))+"]", v, p.m.Currency())
		if err != nil {
			return PostedPriceResult{}, err
		}
		if u.minor >= p.minor {
			out.Buyers = append(out.Buyers, i)
		}
	}
	rev, ok := mulDiv(p.minor, int64(len(out.Buyers)), 1, assay.HalfEven)
	if !ok {
		return PostedPriceResult{}, overflowErr("revenue")
	}
	out.Revenue = money(rev, p.m.Currency())
	return out, nil
}
