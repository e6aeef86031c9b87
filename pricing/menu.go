package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sort"

	"github.com/dataassay/assay"
)

// ErrSearchLimit reports an arbitrage search that exceeded its budget of closed sets.
var ErrSearchLimit = errors.New("pricing: arbitrage search exceeds its budget")

// Bounds of a menu: at most maxItems items (one bit each in a uint64) and maxStates subsets
// visited per item, which makes the search exact for every menu of up to 21 items.
const (
	maxItems  = 64
	maxStates = 1 << 20
)

// Item is a priced item of a menu: a view or query answer, a bundle, a version of a data set.
//
// The "determines" relation between items is given by DerivableFrom and Bundle. A buyer who
// holds every item of a set in DerivableFrom can compute this item (the views that answer a
// query; a finer version from which a coarser one is derived is a set of one); a Bundle is
// exactly the union of its parts, so it determines each part and its parts together determine
// it. Determinacy composes: what a set determines, together with the set, determines more.
//
// Item is a plain value: safe for concurrent reads; this package never modifies one it is given.
type Item struct {
	ID            string      `json:"id"`
	Price         assay.Money `json:"price"`
	DerivableFrom [][]string  `json:"derivableFrom,omitempty"`
	Bundle        []string    `json:"bundle,omitempty"`
}

// Menu is a list of priced items with their determines relation. It is a plain value; the
// functions that read it do not modify it.
type Menu []Item

// UnmarshalJSON reads a JSON array of items, at most 1 MiB and 64 items, and validates it
// (unique ids, one currency, known references).
func (m *Menu) UnmarshalJSON(b []byte) error {
	var items []Item
	if err := decodeStrict(b, &items); err != nil {
		return err
	}
	if _, err := compileMenu(items); err != nil {
		return err
	}
	*m = items
	return nil
}

// ViolationKind names the kind of an arbitrage.
// It is a small immutable value, safe for concurrent use.
type ViolationKind uint8

// The kinds of arbitrage (Deep and Koutris, "The Design of Arbitrage-Free Data Pricing Schemes",
// ICDT 2017; reference sheet §1.2).
const (
	// Monotonicity: an item costs more than a single item that determines it
	// (information arbitrage).
	Monotonicity ViolationKind = iota
	// Subadditivity: an item costs more than a cheaper set of other items that together
	// determine it (bundle arbitrage).
	Subadditivity
)

var violationNames = [...]string{"monotonicity", "subadditivity"}

// String returns "monotonicity" or "subadditivity".
func (k ViolationKind) String() string {
	if int(k) < len(violationNames) {
		return violationNames[k]
	}
	return "ViolationKind(" + itoa(int64(k)) + ")"
}

// MarshalText encodes the kind by its name.
func (k ViolationKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Violation is an arbitrage opportunity: Item, listed at Price, can be had for WitnessPrice
// by buying the Witness items and deriving it.
//
// Violation is a plain value: safe for concurrent reads; this package never modifies one it is given.
type Violation struct {
	Kind         ViolationKind `json:"kind"`
	Item         string        `json:"item"`
	Price        assay.Money   `json:"price"`
	Witness      []string      `json:"witness"`
	WitnessPrice assay.Money   `json:"witnessPrice"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s at %v is determined by %v at %v", v.Kind, v.Item, v.Price, v.Witness, v.WitnessPrice)
}

// rule says that the items of set together determine target.
type rule struct {
	set    uint64
	target int
}

type compiledMenu struct {
	items  []Item
	price  []int64
	cur    assay.Currency
	rules  []rule
	source []uint64 // source[i]: items that appear in some rule for i, transitively
}

func compileMenu(items []Item) (compiledMenu, error) {
	if len(items) == 0 {
		return compiledMenu{}, inputErr("menu", "[]", "have at least one item")
	}
	if len(items) > maxItems {
		return compiledMenu{}, inputErr("menu", itoa(int64(len(items)))+" items", "have at most 64 items")
	}
	c := compiledMenu{items: items, price: make([]int64, len(items)), cur: items[0].Price.Currency()}
	index := make(map[string]int, len(items))
	for i, it := range items {
		field := fmt.Sprintf("items[%q]", clipText(it.ID))
		if it.ID == "" {
			return compiledMenu{}, inputErr("items["+itoa(int64(i))+"].id", `""`, "not be empty")
		}
		if _, dup := index[it.ID]; dup {
			return compiledMenu{}, inputErr(field+".id", it.ID, "be unique")
		}
		index[it.ID] = i
		u, err := wholeUnits(field+".price", it.Price, c.cur)
		if err != nil {
			return compiledMenu{}, err
		}
		c.price[i] = u.minor
	}
	lookup := func(field, id string, self int) (int, error) {
		j, ok := index[id]
		switch {
		case !ok:
			return 0, inputErr(field, id, "name an item of the menu")
		case j == self:
			return 0, inputErr(field, id, "name an item other than the item itself")
		}
		return j, nil
	}
	for i, it := range items {
		field := fmt.Sprintf("items[%q]", clipText(it.ID))
		if len(it.DerivableFrom)+len(it.Bundle) > 4*maxItems {
			return compiledMenu{}, inputErr(field+".derivableFrom", itoa(int64(len(it.DerivableFrom)))+" sets", "have at most 256 sets")
		}
		for k, set := range it.DerivableFrom {
			var mask uint64
			for _, id := range set {
				j, err := lookup(fmt.Sprintf("%s.derivableFrom[%d]", field, k), id, i)
				if err != nil {
					return compiledMenu{}, err
				}
				mask |= 1 << j
			}
			if mask == 0 {
				return compiledMenu{}, inputErr(fmt.Sprintf("%s.derivableFrom[%d]", field, k), "[]", "name at least one item")
			}
			c.rules = append(c.rules, rule{mask, i})
		}
		if len(it.Bundle) > 0 {
			var mask uint64
			for _, id := range it.Bundle {
				j, err := lookup(field+".bundle", id, i)
				if err != nil {
					return compiledMenu{}, err
				}
				mask |= 1 << j
				c.rules = append(c.rules, rule{1 << i, j})
			}
			c.rules = append(c.rules, rule{mask, i})
		}
	}
	// source[i]: the items that can take part in deriving i (ancestors in the rule graph).
	c.source = make([]uint64, len(items))
	for i := range items {
		frontier := uint64(1) << i
		for frontier != 0 {
			next := uint64(0)
			for _, r := range c.rules {
				if frontier&(1<<r.target) != 0 {
					next |= r.set &^ c.source[i]
				}
			}
			c.source[i] |= next
			frontier = next
		}
		c.source[i] &^= 1 << i
	}
	return c, nil
}

// closure returns every item determined by the items of set.
func (c compiledMenu) closure(set uint64) uint64 {
	for changed := true; changed; {
		changed = false
		for _, r := range c.rules {
			if set&(1<<r.target) == 0 && r.set&set == r.set {
				set |= 1 << r.target
				changed = true
			}
		}
	}
	return set
}

// cover is a set of items bought, its closure and what it cost.
type cover struct {
	cost   int64
	closed uint64
	bought uint64
}

// cheapestCover returns the cheapest set of items other than i whose closure contains i, if
// one costs less than i's price. It is a depth-first branch and bound over the subsets of the
// items that can take part in deriving i, each subset enumerated once with its items in order
// of increasing price, so that a branch stops at the first item that would reach the best cost
// found; items already determined are never bought, and a branch is cut when the items it
// must still buy (lowerBound) cost too much.
func (c compiledMenu) cheapestCover(ctx context.Context, i int) (cover, bool, error) {
	s := coverSearch{ctx: ctx, c: c, target: i, best: cover{cost: c.price[i]}}
	if c.source[i] == 0 || s.best.cost == 0 {
		return cover{}, false, nil
	}
	for rest := c.source[i]; rest != 0; rest &= rest - 1 {
		s.order = append(s.order, bits.TrailingZeros64(rest))
	}
	sort.SliceStable(s.order, func(a, b int) bool { return c.price[s.order[a]] < c.price[s.order[b]] })
	s.suffix = make([]uint64, len(s.order)+1)
	for k := len(s.order) - 1; k >= 0; k-- {
		s.suffix[k] = s.suffix[k+1] | 1<<s.order[k]
	}
	s.underivable = 1<<len(c.items) - 1
	if len(c.items) == 64 {
		s.underivable = ^uint64(0)
	}
	for _, r := range c.rules {
		s.underivable &^= 1 << r.target
		if r.target == i {
			s.last = append(s.last, r.set)
		}
	}
	if err := s.search(0, cover{}); err != nil {
		return cover{}, false, err
	}
	return s.best, s.found, nil
}

type coverSearch struct {
	ctx         context.Context
	c           compiledMenu
	target      int
	order       []int    // candidate purchases, cheapest first
	suffix      []uint64 // suffix[k]: the candidates order[k:]
	underivable uint64   // items no rule derives: they can only be bought
	last        []uint64 // the sets of the rules that derive the target
	best        cover
	found       bool
	visited     int
}

// lowerBound returns a lower bound on what must still be spent to derive the target from
// closed when only order[start:] may be bought, and false if that is impossible. The last
// step of any derivation is a rule for the target; the items of its set that no rule derives
// must be bought, each once.
func (s *coverSearch) lowerBound(start int, closed uint64) (int64, bool) {
	bound, ok := int64(0), false
	for _, set := range s.last {
		hard := set &^ closed & s.underivable
		if hard&^s.suffix[start] != 0 {
			continue // needs an item this branch will not buy
		}
		var lb int64
		for ; hard != 0; hard &= hard - 1 {
			var fits bool
			if lb, fits = add(lb, s.c.price[bits.TrailingZeros64(hard)]); !fits {
				lb = math.MaxInt64
				break
			}
		}
		if !ok || lb < bound {
			bound, ok = lb, true
		}
	}
	return bound, ok
}

func (s *coverSearch) search(start int, cur cover) error {
	if s.visited++; s.visited > maxStates {
		return fmt.Errorf("%w: more than %d sets for item %q", ErrSearchLimit, maxStates, s.c.items[s.target].ID)
	}
	if s.visited&1023 == 0 {
		if err := s.ctx.Err(); err != nil {
			return fmt.Errorf("pricing: arbitrage check: %w", err)
		}
	}
	if lb, ok := s.lowerBound(start, cur.closed); !ok || lb >= s.best.cost-cur.cost {
		return nil
	}
	for k := start; k < len(s.order); k++ {
		j := s.order[k]
		if cur.closed&(1<<j) != 0 {
			continue
		}
		cost, ok := add(cur.cost, s.c.price[j])
		if !ok || cost >= s.best.cost {
			break // the items after j cost at least as much
		}
		next := cover{cost: cost, closed: s.c.closure(cur.closed | 1<<j), bought: cur.bought | 1<<j}
		if next.closed&(1<<s.target) != 0 {
			s.best, s.found = next, true
			break // a sibling after j would cost at least as much
		}
		if err := s.search(k+1, next); err != nil {
			return err
		}
	}
	return nil
}

func (c compiledMenu) ids(set uint64) []string {
	out := make([]string, 0, bits.OnesCount64(set))
	for ; set != 0; set &= set - 1 {
		out = append(out, c.items[bits.TrailingZeros64(set)].ID)
	}
	return out
}

// CheckArbitrage reports every arbitrage of a menu (Koutris et al., "Query-Based Data
// Pricing", JACM 2015; Deep and Koutris, ICDT 2017): every pair of items where one determines
// the other and costs less (Monotonicity), and, for each item, the cheapest set of two or
// more other items that determines it when that set costs less (Subadditivity), each with its
// witness. Violations are listed item by item in menu order, monotonicity first. An empty
// result means the menu is arbitrage-free.
//
// The search for cheapest covers is exact: a branch and bound over the subsets of the items
// that can help derive each item (set cover is NP-hard, Koutris et al. §4), visiting at most
// 2^20 subsets per item — every subset of 20 other items, so every menu of up to 21 items —
// and returning ErrSearchLimit beyond. Errors: *InputError
// for an invalid menu, ErrSearchLimit, or ctx.Err() wrapped.
func CheckArbitrage(ctx context.Context, menu Menu) ([]Violation, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pricing: arbitrage check: %w", err)
	}
	c, err := compileMenu(menu)
	if err != nil {
		return nil, err
	}
	var out []Violation
	single := make([]uint64, len(menu))
	for j := range menu {
		single[j] = c.closure(1 << j)
	}
	for i, it := range menu {
		for j := range menu {
			if j != i && single[j]&(1<<i) != 0 && c.price[j] < c.price[i] {
				out = append(out, Violation{Kind: Monotonicity, Item: it.ID, Price: it.Price,
					Witness: []string{menu[j].ID}, WitnessPrice: menu[j].Price})
			}
		}
		cv, ok, err := c.cheapestCover(ctx, i)
		if err != nil {
			return nil, err
		}
		if ok && bits.OnesCount64(cv.bought) > 1 {
			out = append(out, Violation{Kind: Subadditivity, Item: it.ID, Price: it.Price,
				Witness: c.ids(cv.bought), WitnessPrice: money(cv.cost, c.cur)})
		}
	}
	return out, nil
}

// ArbitrageFree returns the largest arbitrage-free menu priced at or below the given one: each
// item's price becomes the cheapest price at which it can be had, by itself or by any set of
// other items that determines it — the unique arbitrage-free extension of Koutris et al.
// (JACM 2015, reference sheet §1.1) restricted to the menu. Example: selections σ_US and σ_CN at
// 30 each determine the full table listed at 80, so the table is repriced to 60. The menu is
// not modified; the items of the result share its DerivableFrom and Bundle slices. Bounds and
// errors are those of CheckArbitrage.
func ArbitrageFree(ctx context.Context, menu Menu) (Menu, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pricing: arbitrage repair: %w", err)
	}
	c, err := compileMenu(menu)
	if err != nil {
		return nil, err
	}
	out := append(Menu(nil), menu...)
	for i := range menu {
		cv, ok, err := c.cheapestCover(ctx, i)
		if err != nil {
			return nil, err
		}
		if ok {
			out[i].Price = money(cv.cost, c.cur)
		}
	}
	return out, nil
}

// MarshalJSON writes the items as a JSON array.
func (m Menu) MarshalJSON() ([]byte, error) { return json.Marshal([]Item(m)) }
