package pricing

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/dataassay/assay"
)

// ErrSearchLimit reports an arbitrage search that exceeded its budget of steps
// (ArbitrageOptions.MaxSteps).
var ErrSearchLimit = errors.New("pricing: arbitrage search exceeds its budget")

// maxItems bounds a menu: one bit per item in a uint64.
const maxItems = 64

// maxSetsPerItem bounds the DerivableFrom sets of one item, so that a menu holds at most
// 64 × (256 + 64) determines rules.
const maxSetsPerItem = 4 * maxItems

// DefaultArbitrageSteps is the search budget of the zero ArbitrageOptions: 2^25 steps, where
// a step is one determines rule or one cover bound examined — about 30 to 60 ms on one core
// of a 2020s server, whatever the menu, so that a hostile menu cannot hold a request for long.
// Every menu of up to 21 items with a few rules per item fits well inside it (the 20-item
// benchmark uses under 10^5 steps).
const DefaultArbitrageSteps = 1 << 25

// ArbitrageOptions bounds an arbitrage check or repair. The zero value is the safe default for
// menus from untrusted sources; CheckArbitrage and ArbitrageFree use it.
type ArbitrageOptions struct {
	// MaxSteps bounds the work of one call, summed over every item of the menu; beyond it the
	// call returns an error wrapping ErrSearchLimit. Zero means DefaultArbitrageSteps.
	MaxSteps int64
}

// Item is a priced item of a menu: a view or query answer, a bundle, a version of a data set.
//
// The "determines" relation between items is given by DerivableFrom and Bundle. A buyer who
// holds every item of a set in DerivableFrom can compute this item (the views that answer a
// query; a finer version from which a coarser one is derived is a set of one); a Bundle is
// exactly the union of its parts, so it determines each part and its parts together determine
// it. Determinacy composes: what a set determines, together with the set, determines more.
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
type ViolationKind uint8

// The kinds of arbitrage (Deep and Koutris, "The Design of Arbitrage-Free Data Pricing Schemes",
// ICDT 2017, §2).
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

// maxPackStates bounds the dynamic program of CheckPacks: unit counts per pack, in units of
// the packs' greatest common divisor.
const maxPackStates = 1 << 20

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
	with   [][]int32 // with[j]: the rules whose set holds item j
	source []uint64  // source[i]: items that appear in some rule for i, transitively
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
		if it.ID == "" {
			return compiledMenu{}, inputErr("items["+itoa(int64(i))+"].id", `""`, "not be empty")
		}
		if _, dup := index[it.ID]; dup {
			return compiledMenu{}, inputErr(fmt.Sprintf("items[%q].id", clipText(it.ID)), it.ID, "be unique")
		}
		index[it.ID] = i
		u, err := wholeUnits("", it.Price, c.cur)
		if err != nil {
			return compiledMenu{}, reField(err, fmt.Sprintf("items[%q].price", clipText(it.ID)))
		}
		if err != nil {
			return compiledMenu{}, err
		}
		c.price[i] = u.minor
	}
	// Field names are built only for an error: a large valid menu formats none.
	field := func(i int, leaf string, k int) string {
		f := fmt.Sprintf("items[%q].%s", clipText(items[i].ID), leaf)
		if k >= 0 {
			f += "[" + itoa(int64(k)) + "]"
		}
		return f
	}
	lookup := func(id string, self int, leaf string, k int) (int, error) {
		j, ok := index[id]
		switch {
		case !ok:
			return 0, inputErr(field(self, leaf, k), id, "name an item of the menu")
		case j == self:
			return 0, inputErr(field(self, leaf, k), id, "name an item other than the item itself")
		}
		return j, nil
	}
	seen := make(map[rule]bool)
	addRule := func(r rule) {
		if !seen[r] {
			seen[r] = true
			c.rules = append(c.rules, r)
		}
	}
	for i, it := range items {
		if n := len(it.DerivableFrom); n > maxSetsPerItem {
			return compiledMenu{}, inputErr(field(i, "derivableFrom", -1), itoa(int64(n))+" sets", "have at most 256 sets")
		}
		if n := len(it.Bundle); n > maxItems {
			return compiledMenu{}, inputErr(field(i, "bundle", -1), itoa(int64(n))+" parts", "have at most 64 parts")
		}
		for k, set := range it.DerivableFrom {
			var mask uint64
			for _, id := range set {
				j, err := lookup(id, i, "derivableFrom", k)
				if err != nil {
					return compiledMenu{}, err
				}
				mask |= 1 << j
			}
			if mask == 0 {
				return compiledMenu{}, inputErr(field(i, "derivableFrom", k), "[]", "name at least one item")
			}
			addRule(rule{mask, i})
		}
		if len(it.Bundle) > 0 {
			var mask uint64
			for _, id := range it.Bundle {
				j, err := lookup(id, i, "bundle", -1)
				if err != nil {
					return compiledMenu{}, err
				}
				mask |= 1 << j
				addRule(rule{1 << i, j})
			}
			addRule(rule{mask, i})
		}
	}
	c.with = make([][]int32, len(items))
	for k, r := range c.rules {
		for set := r.set; set != 0; set &= set - 1 {
			j := bits.TrailingZeros64(set)
			c.with[j] = append(c.with[j], int32(k))
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

// budget counts the steps of one check against ArbitrageOptions.MaxSteps.
type budget struct {
	ctx  context.Context
	left int64
	max  int64
	item string // the item being searched, for the error
}

// spend charges n steps, and checks ctx every 2^16 steps.
func (b *budget) spend(n int64) error {
	before := b.left
	b.left -= n
	if b.left < 0 {
		return fmt.Errorf("%w: more than %d steps (ArbitrageOptions.MaxSteps) at item %q", ErrSearchLimit, b.max, b.item)
	}
	if before>>16 != b.left>>16 {
		if err := b.ctx.Err(); err != nil {
			return fmt.Errorf("pricing: arbitrage check: %w", err)
		}
	}
	return nil
}

// close returns the closure of closed ∪ added under the determines rules, given that closed
// is already closed: only the rules holding a newly added item can fire, so each is examined
// when one of its items arrives (a worklist, as in the linear-time closure of Horn clauses,
// Dowling and Gallier, J. Logic Programming 1984).
func (c compiledMenu) close(closed, added uint64, b *budget) (uint64, error) {
	added &^= closed
	closed |= added
	for queue := added; queue != 0; {
		j := bits.TrailingZeros64(queue)
		queue &^= 1 << j
		if err := b.spend(int64(len(c.with[j])) + 1); err != nil {
			return 0, err
		}
		for _, k := range c.with[j] {
			r := c.rules[k]
			if t := uint64(1) << r.target; closed&t == 0 && r.set&closed == r.set {
				closed |= t
				queue |= t
			}
		}
	}
	return closed, nil
}

// cover is a set of items bought, its closure and what it cost.
type cover struct {
	cost   int64
	closed uint64
	bought uint64
}

// cheapestBundleCover returns the cheapest set of two or more items other than i that
// determines i, if one costs less than limit. No item that determines i by itself can be part
// of a minimal such set, so those are never bought: the single-item covers are the
// monotonicity check's, and this search finds the cheapest set among the others even when a
// single item is cheaper still (V1 = 10 and V2 = 15 determine Q at 30 as V3 = 20 does: the
// bundle {V1, V2} at 25 is reported too).
//
// It is a depth-first branch and bound over the subsets of the items that can take part in
// deriving i, each subset enumerated once with its items in order of increasing price, so
// that a branch stops at the first item that would reach the best cost found; items already
// determined are never bought, and a branch is cut when the items it must still buy
// (lowerBound) cost too much.
func (c compiledMenu) cheapestBundleCover(i int, single []uint64, limit int64, b *budget) (cover, bool, error) {
	s := coverSearch{c: c, target: i, b: b, best: cover{cost: limit}}
	candidates := c.source[i]
	for rest := candidates; rest != 0; rest &= rest - 1 {
		if j := bits.TrailingZeros64(rest); single[j]&(1<<i) != 0 {
			candidates &^= 1 << j
		}
	}
	if bits.OnesCount64(candidates) < 2 || limit <= 0 {
		return cover{}, false, nil
	}
	for rest := candidates; rest != 0; rest &= rest - 1 {
		s.order = append(s.order, bits.TrailingZeros64(rest))
	}
	slices.SortStableFunc(s.order, func(a, b int) int { return cmp.Compare(c.price[a], c.price[b]) })
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
	c           compiledMenu
	target      int
	b           *budget
	order       []int    // candidate purchases, cheapest first
	suffix      []uint64 // suffix[k]: the candidates order[k:]
	underivable uint64   // items no rule derives: they can only be bought
	last        []uint64 // the sets of the rules that derive the target
	best        cover
	found       bool
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
	if err := s.b.spend(int64(len(s.last)) + 1); err != nil {
		return err
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
		closed, err := s.c.close(cur.closed, 1<<j, s.b)
		if err != nil {
			return err
		}
		next := cover{cost: cost, closed: closed, bought: cur.bought | 1<<j}
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

// prepare validates the menu and computes what each item determines by itself.
func (o ArbitrageOptions) prepare(ctx context.Context, menu Menu, what string) (compiledMenu, []uint64, *budget, error) {
	if err := ctx.Err(); err != nil {
		return compiledMenu{}, nil, nil, fmt.Errorf("pricing: %s: %w", what, err)
	}
	if o.MaxSteps < 0 {
		return compiledMenu{}, nil, nil, inputErr("maxSteps", itoa(o.MaxSteps), "not be negative")
	}
	c, err := compileMenu(menu)
	if err != nil {
		return compiledMenu{}, nil, nil, err
	}
	b := &budget{ctx: ctx, left: o.MaxSteps, max: o.MaxSteps}
	if b.max == 0 {
		b.left, b.max = DefaultArbitrageSteps, DefaultArbitrageSteps
	}
	single := make([]uint64, len(menu))
	for j := range menu {
		b.item = menu[j].ID
		if single[j], err = c.close(0, 1<<j, b); err != nil {
			return compiledMenu{}, nil, nil, err
		}
	}
	return c, single, b, nil
}

// Check reports every arbitrage of a menu (Koutris et al., "Query-Based Data Pricing", JACM
// 2015; Deep and Koutris, "The Design of Arbitrage-Free Data Pricing Schemes", ICDT 2017):
// every pair of items where one determines the other and costs less (Monotonicity), and, for
// each item, the cheapest set of two or more other items that determines it when that set
// costs less (Subadditivity) — reported even when a single item is cheaper still — each with
// its witness. Violations are listed item by item in menu order, monotonicity first. An empty
// result means the menu is arbitrage-free.
//
// The search for cheapest covers is exact: a branch and bound over the subsets of the items
// that can help derive each item (set cover is NP-hard, Koutris et al. §4), within the budget
// of o.MaxSteps steps for the whole menu. Errors: *InputError for an invalid menu, an error
// wrapping ErrSearchLimit when the budget runs out, or ctx.Err() wrapped.
func (o ArbitrageOptions) Check(ctx context.Context, menu Menu) ([]Violation, error) {
	c, single, b, err := o.prepare(ctx, menu, "arbitrage check")
	if err != nil {
		return nil, err
	}
	var out []Violation
	for i, it := range menu {
		for j := range menu {
			if j != i && single[j]&(1<<i) != 0 && c.price[j] < c.price[i] {
				out = append(out, Violation{Kind: Monotonicity, Item: it.ID, Price: it.Price,
					Witness: []string{menu[j].ID}, WitnessPrice: menu[j].Price})
			}
		}
		b.item = it.ID
		cv, ok, err := c.cheapestBundleCover(i, single, c.price[i], b)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, Violation{Kind: Subadditivity, Item: it.ID, Price: it.Price,
				Witness: c.ids(cv.bought), WitnessPrice: money(cv.cost, c.cur)})
		}
	}
	return out, nil
}

// Repair returns the largest arbitrage-free menu priced at or below the given one: each item's
// price becomes the cheapest price at which it can be had, by itself or by any set of other
// items that determines it — the unique arbitrage-free extension of Koutris et al. (JACM 2015,
// §3, the min-cover price) restricted to the menu. Example: selections σ_US and σ_CN at 30 each
// determine the full table listed at 80, so the table is repriced to 60. The menu is not
// modified; the items of the result share its DerivableFrom and Bundle slices. Bounds and
// errors are those of Check.
func (o ArbitrageOptions) Repair(ctx context.Context, menu Menu) (Menu, error) {
	c, single, b, err := o.prepare(ctx, menu, "arbitrage repair")
	if err != nil {
		return nil, err
	}
	out := append(Menu(nil), menu...)
	for i := range menu {
		best := c.price[i]
		for j := range menu {
			if j != i && single[j]&(1<<i) != 0 {
				best = min(best, c.price[j])
			}
		}
		b.item = menu[i].ID
		cv, ok, err := c.cheapestBundleCover(i, single, best, b)
		if err != nil {
			return nil, err
		}
		if ok {
			best = cv.cost
		}
		if best < c.price[i] {
			out[i].Price = money(best, c.cur)
		}
	}
	return out, nil
}

// CheckArbitrage is ArbitrageOptions{}.Check: every arbitrage of a menu, within the default
// search budget.
func CheckArbitrage(ctx context.Context, menu Menu) ([]Violation, error) {
	return ArbitrageOptions{}.Check(ctx, menu)
}

// ArbitrageFree is ArbitrageOptions{}.Repair: the largest arbitrage-free menu priced at or
// below the given one, within the default search budget.
func ArbitrageFree(ctx context.Context, menu Menu) (Menu, error) {
	return ArbitrageOptions{}.Repair(ctx, menu)
}

// MarshalJSON writes the items as a JSON array.
func (m Menu) MarshalJSON() ([]byte, error) { return json.Marshal([]Item(m)) }

// reField names field in an *InputError made without one, so that a field's name is
// formatted only when there is an error to report.
func reField(err error, field string) error {
	var ie *InputError
	if errors.As(err, &ie) && ie.Field == "" {
		e := *ie
		e.Field = field
		return &e
	}
	return err
}
