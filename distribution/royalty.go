package distribution

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
	"github.com/shopspring/decimal"
)

// RoyaltyTerm is what a party owes one upstream party out of its income from a sale: a
// share of that income, a fixed fee, or both. Its fields match rights.Royalty (the terms of
// a grant in a rights chain), so a license from grantor G to licensee L becomes, on L's
// party, RoyaltyTerm{Upstream: G, RevenueShare: royalty.RevenueShare, Fee: royalty.Fee}.
//
// JSON: {"upstream":"city-data-centre","revenueShare":"0.05","fee":{"amount":"100.00","currency":"CNY"}}.
// A plain value, safe for concurrent use.
type RoyaltyTerm struct {
	Upstream string `json:"upstream"` // name of the party owed
	// RevenueShare is the fraction of the party's income owed, in [0, 1]; zero: none.
	RevenueShare decimal.Decimal `json:"revenueShare,omitzero"`
	// Fee is a fixed amount owed per sale, a whole number of minor units; zero: none.
	Fee assay.Money `json:"fee,omitzero"`
}

// RoyaltyParty is a holder in a rights chain and the royalties it owes upstream. A party may
// owe several upstream parties (a product derived from several data assets), and several
// parties may owe the same one. A plain value: safe for concurrent use as long as nobody
// modifies Owes.
type RoyaltyParty struct {
	Name string        `json:"name"`
	Owes []RoyaltyTerm `json:"owes,omitempty"`
}

// RoyaltyChain is the royalty structure of a rights chain: a directed acyclic graph of
// parties, each owing shares of its income and fixed fees to upstream parties. When a
// product is sold, the sale is the seller's income; each party pays what it owes out of its
// income, and what a party receives from downstream is income on which it owes its own
// upstream parties (royalties cascade: a 30 % share upstream of a 20 % share takes 6 % of the
// sale).
//
// Per party with income I, the shares are rounded once, together: P = round(I·Σsᵢ) by
// Rounding, split among the upstream parties in proportion to their shares by Allocate; the
// fees are added. If what the party owes exceeds I, it pays all of I, divided in proportion to
// what it owes (the Proportional claims rule), and keeps nothing. So every payment is a whole
// number of minor units, and the parties' net incomes sum exactly to the sale.
//
// The zero RoyaltyChain has no parties. A RoyaltyChain is a plain value: safe for concurrent
// use as long as nobody modifies it.
//
// JSON: {"parties":[{"name":"operator","owes":[{"upstream":"processor","revenueShare":"0.2"}]},…],
// "rounding":"half-even"}.
//
// Model: the separated rights of the Data 20 Articles (2022, Art. 3) — holding, processing-use,
// product operation — passed down by grants that each carry a rights.Royalty; royalties on
// sublicensing receipts compound as in the royalty stacks of licensing chains. No standard
// prescribes the per-party rounding; the rule above is this package's.
type RoyaltyChain struct {
	Parties []RoyaltyParty `json:"parties"`
	// Rounding rounds each party's percentage royalties to the minor unit; the zero value
	// is HalfEven.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// RoyaltyPayment is one payment up the chain. A plain value.
type RoyaltyPayment struct {
	From   string      `json:"from"`
	To     string      `json:"to"`
	Amount assay.Money `json:"amount"`
}

// RoyaltyIncome is one party's account for a sale: what it received (the sale itself, for the
// seller, plus royalties from downstream), what it paid upstream, and what it keeps. A plain
// value.
type RoyaltyIncome struct {
	Party    string      `json:"party"`
	Received assay.Money `json:"received"`
	Paid     assay.Money `json:"paid"`
	Net      assay.Money `json:"net"`
}

// RoyaltyResult is the ledger of a sale: every payment (one per term, zero amounts included)
// from downstream to upstream, and the account of every party the sale reached, both in the
// order they were settled (a party after everyone downstream of it). The Net amounts sum
// exactly to the sale. Its slices are its own; safe for concurrent reads.
type RoyaltyResult struct {
	Sale     assay.Money      `json:"sale"`
	Seller   string           `json:"seller"`
	Payments []RoyaltyPayment `json:"payments"`
	Parties  []RoyaltyIncome  `json:"parties"`
}

// Limits on the size of a royalty chain, so that untrusted JSON cannot demand unbounded work.
const (
	maxRoyaltyParties = 100_000
	maxRoyaltyTerms   = 1_000
)

// ParseRoyaltyChain decodes a RoyaltyChain from JSON (at most 16 MiB, 100,000 parties and
// 1,000 terms per party) and validates it.
func ParseRoyaltyChain(data []byte) (RoyaltyChain, error) {
	var c RoyaltyChain
	if err := decodeJSON("royalty chain", data, &c, maxJSONBytes); err != nil {
		return RoyaltyChain{}, err
	}
	return c, c.Validate()
}

// Validate reports the first problem of c as an *InputError: too many parties or terms, an
// empty or repeated name, a term owed to an unknown party, shares outside [0, 1] or summing
// above 1 for one party, a negative or inexact fee (*InexactError), an undefined rounding
// mode, or terms that form a cycle.
func (c RoyaltyChain) Validate() error {
	_, err := c.index()
	return err
}

// index validates c and returns the position of each party by name.
func (c RoyaltyChain) index() (map[string]int, error) {
	if len(c.Parties) > maxRoyaltyParties {
		return nil, &InputError{Field: "parties", Value: fmt.Sprintf("%d parties", len(c.Parties)), Reason: "number at most 100000"}
	}
	if !c.Rounding.Valid() {
		return nil, &InputError{Field: "rounding", Value: c.Rounding.String(), Reason: "be a defined rounding mode"}
	}
	pos := make(map[string]int, len(c.Parties))
	for i, p := range c.Parties {
		if p.Name == "" {
			return nil, &InputError{Field: fmt.Sprintf("parties[%d].name", i), Value: `""`, Reason: "not be empty"}
		}
		if _, dup := pos[p.Name]; dup {
			return nil, &InputError{Field: fmt.Sprintf("parties[%d].name", i), Value: errs.Clip(p.Name, 64), Reason: "be unique"}
		}
		pos[p.Name] = i
	}
	for i, p := range c.Parties {
		if len(p.Owes) > maxRoyaltyTerms {
			return nil, &InputError{Field: fmt.Sprintf("parties[%d].owes", i), Value: fmt.Sprintf("%d terms", len(p.Owes)), Reason: "number at most 1000"}
		}
		shares := decimal.Zero
		for j, t := range p.Owes {
			field := fmt.Sprintf("parties[%d].owes[%d]", i, j)
			if _, ok := pos[t.Upstream]; !ok {
				return nil, &InputError{Field: field + ".upstream", Value: errs.Clip(t.Upstream, 64), Reason: "name a party of the chain"}
			}
			if err := checkUnitRate(field+".revenueShare", t.RevenueShare); err != nil {
				return nil, err
			}
			shares = shares.Add(t.RevenueShare)
			if t.Fee.IsNegative() {
				return nil, &InputError{Field: field + ".fee", Value: t.Fee.String(), Reason: "not be negative"}
			}
			if !t.Fee.IsRounded() {
				return nil, &InexactError{Field: field + ".fee", Amount: t.Fee}
			}
		}
		if shares.GreaterThan(decimal.NewFromInt(1)) {
			return nil, &InputError{Field: fmt.Sprintf("parties[%d].owes", i), Value: "revenue shares summing to " + errs.Clip(shares.String(), 64), Reason: "sum to at most 1"}
		}
	}
	if cyclic := c.findCycle(pos); cyclic >= 0 {
		return nil, &InputError{Field: fmt.Sprintf("parties[%d]", cyclic), Value: errs.Clip(c.Parties[cyclic].Name, 64), Reason: "not owe royalties to itself through a cycle of terms"}
	}
	return pos, nil
}

// findCycle returns a party on a cycle of terms, or −1. Iterative depth-first search with
// three colours, so deep chains cannot overflow the stack.
func (c RoyaltyChain) findCycle(pos map[string]int) int {
	const (
		white = iota
		grey
		black
	)
	colour := make([]uint8, len(c.Parties))
	type frame struct{ party, next int }
	for start := range c.Parties {
		if colour[start] != white {
			continue
		}
		stack := []frame{{start, 0}}
		colour[start] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			owes := c.Parties[top.party].Owes
			if top.next == len(owes) {
				colour[top.party] = black
				stack = stack[:len(stack)-1]
				continue
			}
			up := pos[owes[top.next].Upstream]
			top.next++
			switch colour[up] {
			case grey:
				return up
			case white:
				colour[up] = grey
				stack = append(stack, frame{up, 0})
			}
		}
	}
	return -1
}

// Distribute settles a sale of the seller's product up the chain and returns the ledger.
// The sale must be a non-negative whole number of minor units; fees must be in its currency.
//
// Errors: those of Validate; an unknown seller, a negative or inexact sale (*InputError,
// *InexactError); a fee in another currency (*assay.MismatchError).
func (c RoyaltyChain) Distribute(sale assay.Money, seller string) (RoyaltyResult, error) {
	pos, err := c.index()
	if err != nil {
		return RoyaltyResult{}, err
	}
	start, ok := pos[seller]
	if !ok {
		return RoyaltyResult{}, &InputError{Field: "seller", Value: errs.Clip(seller, 64), Reason: "name a party of the chain"}
	}
	cur := sale.Currency()
	if _, err := nonNegativeUnits("sale", sale, cur); err != nil {
		return RoyaltyResult{}, err
	}
	for i, p := range c.Parties {
		for j, t := range p.Owes {
			if !t.Fee.IsZero() && t.Fee.Currency() != cur {
				return RoyaltyResult{}, &assay.MismatchError{Op: fmt.Sprintf("parties[%d].owes[%d].fee", i, j), A: cur, B: t.Fee.Currency()}
			}
		}
	}

	// Settle parties in topological order of the part of the chain the sale reaches (Kahn's
	// algorithm): a party pays only once everyone downstream of it has paid it.
	reached := []int{start}
	waiting := make(map[int]int) // reached party → terms owed to it by reached parties
	seen := map[int]bool{start: true}
	for k := 0; k < len(reached); k++ {
		for _, t := range c.Parties[reached[k]].Owes {
			up := pos[t.Upstream]
			waiting[up]++
			if !seen[up] {
				seen[up] = true
				reached = append(reached, up)
			}
		}
	}
	income := make(map[int]decimal.Decimal, len(reached))
	income[start] = sale.Amount()
	digits := int32(cur.Digits())
	res := RoyaltyResult{Sale: sale, Seller: seller}
	queue := []int{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		in := income[p]
		owes := c.Parties[p].Owes
		pays, err := c.settle(assay.MoneyOf(in, cur), owes, digits)
		if err != nil {
			return RoyaltyResult{}, err
		}
		paid := decimal.Zero
		for j, t := range owes {
			up := pos[t.Upstream]
			res.Payments = append(res.Payments, RoyaltyPayment{From: c.Parties[p].Name, To: t.Upstream, Amount: pays[j]})
			paid = paid.Add(pays[j].Amount())
			income[up] = income[up].Add(pays[j].Amount())
			if waiting[up]--; waiting[up] == 0 {
				queue = append(queue, up)
			}
		}
		res.Parties = append(res.Parties, RoyaltyIncome{Party: c.Parties[p].Name,
			Received: assay.MoneyOf(in, cur), Paid: assay.MoneyOf(paid, cur), Net: assay.MoneyOf(in.Sub(paid), cur)})
	}
	return res, nil
}

// settle returns what a party with income in pays on each of its terms.
func (c RoyaltyChain) settle(in assay.Money, owes []RoyaltyTerm, digits int32) ([]assay.Money, error) {
	cur := in.Currency()
	owed := make([]assay.Money, len(owes))
	shares := make([]decimal.Decimal, len(owes))
	total := decimal.Zero
	for j, t := range owes {
		shares[j] = t.RevenueShare
		total = total.Add(t.RevenueShare)
	}
	pct := make([]assay.Money, len(owes))
	if total.Sign() > 0 {
		p := assay.RoundDecimal(in.Amount().Mul(total), digits, c.Rounding)
		var err error
		if pct, err = Allocate(assay.MoneyOf(p, cur), shares); err != nil {
			return nil, err
		}
	}
	sum := decimal.Zero
	for j, t := range owes {
		owed[j] = assay.MoneyOf(pct[j].Amount().Add(t.Fee.Amount()), cur)
		sum = sum.Add(owed[j].Amount())
	}
	if sum.LessThanOrEqual(in.Amount()) {
		return owed, nil
	}
	return Proportional.Divide(in, owed)
}
