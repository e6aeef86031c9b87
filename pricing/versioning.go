package pricing

import (
	"context"
	"fmt"

	"github.com/dataassay/assay"
)

// BuyerType is a segment of buyers who value each version of a product alike (second-degree
// price discrimination by versioning: Varian, "Versioning Information Goods", 1997; Shapiro
// and Varian, Information Rules, 1998, ch. 3).
type BuyerType struct {
	Name   string        `json:"name"`
	Count  int64         `json:"count"`  // number of buyers (or any positive integer weight)
	Values []assay.Money `json:"values"` // what one buyer would pay for each version, in version order
}

// IncentiveViolation reports a buyer type that would not take the version meant for it: it
// prefers version Prefers (−1: buying nothing, a failure of individual rationality), whose
// surplus Better exceeds the surplus Surplus of the intended version.
type IncentiveViolation struct {
	Type     string      `json:"type"`
	Intended int         `json:"intended"` // version index, −1 for none
	Prefers  int         `json:"prefers"`  // version index, −1 for none
	Surplus  assay.Money `json:"surplus"`
	Better   assay.Money `json:"better"`
}

// VersionMenu is a menu of versions: a price per version and the version each buyer type takes
// (−1: none). A version no type takes is priced just high enough that no type prefers it.
type VersionMenu struct {
	Prices  []assay.Money `json:"prices"`
	Assign  []int         `json:"assign"`
	Revenue assay.Money   `json:"revenue"`
}

// versioning is a validated problem in minor units.
type versioning struct {
	types []BuyerType
	value [][]int64
	count []int64
	nv    int
	cur   assay.Currency
}

func compileVersioning(types []BuyerType) (versioning, error) {
	if len(types) == 0 {
		return versioning{}, inputErr("types", "[]", "have at least one buyer type")
	}
	if len(types) > maxItems {
		return versioning{}, inputErr("types", itoa(int64(len(types)))+" types", "have at most 64 types")
	}
	p := versioning{types: types, value: make([][]int64, len(types)), count: make([]int64, len(types)), nv: len(types[0].Values)}
	if p.nv == 0 || p.nv > maxItems {
		return versioning{}, inputErr("types[0].values", itoa(int64(p.nv))+" values", "have 1 to 64 versions")
	}
	p.cur = types[0].Values[0].Currency()
	for t, bt := range types {
		field := "types[" + itoa(int64(t)) + "]"
		if bt.Count < 1 {
			return versioning{}, inputErr(field+".count", itoa(bt.Count), "be positive")
		}
		if len(bt.Values) != p.nv {
			return versioning{}, inputErr(field+".values", itoa(int64(len(bt.Values)))+" values", "have one value per version ("+itoa(int64(p.nv))+")")
		}
		p.count[t] = bt.Count
		p.value[t] = make([]int64, p.nv)
		for k, v := range bt.Values {
			u, err := wholeUnits(fmt.Sprintf("%s.values[%d]", field, k), v, p.cur)
			if err != nil {
				return versioning{}, err
			}
			if u.minor >= 1<<60 { // keeps the sums of the shortest-path search within int64
				return versioning{}, inputErr(fmt.Sprintf("%s.values[%d]", field, k), v.String(), "be below 2^60 minor units")
			}
			p.value[t][k] = u.minor
		}
	}
	return p, nil
}

// surplus returns type t's surplus from version k at prices (k = −1: none, 0).
func (p versioning) surplus(t, k int, prices []int64) int64 {
	if k < 0 {
		return 0
	}
	return p.value[t][k] - prices[k]
}

// CheckIncentives checks a versioning menu: each buyer type t, meant to take version
// assign[t] (−1: nothing), must like it at least as much as every other version
// (incentive compatibility, v_t(a_t) − p_{a_t} ≥ v_t(s) − p_s) and as much as buying nothing
// (individual rationality, v_t(a_t) − p_{a_t} ≥ 0); Varian, "Versioning Information Goods", 1997. Ties go to the
// intended version. It returns one violation per type that fails, naming the alternative the
// type likes best (the lowest index among equals). Example (Shapiro–Varian): at prices
// (100, 30), A-types valuing (100, 40) get 0 from the speedy version but 10 from the slow one.
func CheckIncentives(types []BuyerType, prices []assay.Money, assign []int) ([]IncentiveViolation, error) {
	p, err := compileVersioning(types)
	if err != nil {
		return nil, err
	}
	if len(prices) != p.nv {
		return nil, inputErr("prices", itoa(int64(len(prices)))+" prices", "have one price per version ("+itoa(int64(p.nv))+")")
	}
	if len(assign) != len(types) {
		return nil, inputErr("assign", itoa(int64(len(assign)))+" entries", "have one entry per buyer type")
	}
	pr := make([]int64, p.nv)
	for k, m := range prices {
		u, err := wholeUnits("prices["+itoa(int64(k))+"]", m, p.cur)
		if err != nil {
			return nil, err
		}
		pr[k] = u.minor
	}
	var out []IncentiveViolation
	for t, a := range assign {
		if a < -1 || a >= p.nv {
			return nil, inputErr("assign["+itoa(int64(t))+"]", itoa(int64(a)), "be a version index or −1")
		}
		own := p.surplus(t, a, pr)
		best, bestK := own, a
		for k := -1; k < p.nv; k++ {
			if s := p.surplus(t, k, pr); s > best {
				best, bestK = s, k
			}
		}
		if bestK != a {
			out = append(out, IncentiveViolation{Type: types[t].Name, Intended: a, Prefers: bestK,
				Surplus: money(own, p.cur), Better: money(best, p.cur)})
		}
	}
	return out, nil
}

// maxAssignments bounds the assignments OptimalVersions enumerates.
const maxAssignments = 1 << 20

// OptimalVersions returns the revenue-maximising versioning menu for a small type space. It
// enumerates every assignment of types to versions (or to nothing) and, for each, the highest
// prices that make it incentive compatible and individually rational: the constraints
// p_a ≤ v_t(a) and p_a ≤ p_s + v_t(a) − v_t(s) are difference constraints, whose
// componentwise-largest solution is a shortest-path tree (Bellman–Ford), and the largest
// prices also maximise revenue. Types meant to buy nothing add the lower bounds p_s ≥ v_t(s).
// Prices are never negative. Ties in revenue go to the first assignment in enumeration order
// (type 0 varies slowest, "nothing" before version 0).
//
// Example (Shapiro and Varian, Information Rules, 1998, ch. 3): 40 buyers valuing
// speedy/slow at 100/40 and 60 at 50/30 get the menu (90, 30) and revenue 5,400.
//
// At most 2^20 assignments ((versions+1)^types) are tried, else ErrSearchLimit.
func OptimalVersions(ctx context.Context, types []BuyerType) (VersionMenu, error) {
	p, err := compileVersioning(types)
	if err != nil {
		return VersionMenu{}, err
	}
	total := int64(1)
	for range types {
		if total *= int64(p.nv + 1); total > maxAssignments {
			return VersionMenu{}, fmt.Errorf("%w: more than %d assignments", ErrSearchLimit, maxAssignments)
		}
	}
	assign := make([]int, len(types))
	for t := range assign {
		assign[t] = -1
	}
	bestRev := int64(-1)
	var bestPrices []int64
	var bestAssign []int
	prices := make([]int64, p.nv)
	for n := int64(0); n < total; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return VersionMenu{}, fmt.Errorf("pricing: optimal versions: %w", err)
			}
		}
		if n > 0 { // next assignment, odometer style with the last type fastest
			for t := len(assign) - 1; t >= 0; t-- {
				if assign[t]++; assign[t] < p.nv {
					break
				}
				assign[t] = -1
			}
		}
		if !p.maxPrices(assign, prices) {
			continue
		}
		var rev int64
		ok := true
		for t, a := range assign {
			if a >= 0 {
				r, ok1 := mulDiv(p.count[t], prices[a], 1, assay.HalfEven)
				if rev, ok = add(rev, r); !ok || !ok1 {
					return VersionMenu{}, overflowErr("revenue")
				}
			}
		}
		if rev > bestRev {
			bestRev, bestPrices, bestAssign = rev, append(bestPrices[:0], prices...), append(bestAssign[:0], assign...)
		}
	}
	// bestRev ≥ 0 always: assigning every type to nothing is feasible.
	out := VersionMenu{Prices: make([]assay.Money, p.nv), Assign: bestAssign, Revenue: money(bestRev, p.cur)}
	for k, pr := range bestPrices {
		out.Prices[k] = money(pr, p.cur)
	}
	return out, nil
}

// maxPrices writes the largest IC and IR prices for assign into prices and reports whether
// they exist. Versions no type takes are priced at the least price no type prefers.
func (p versioning) maxPrices(assign []int, prices []int64) bool {
	offered := make([]bool, p.nv)
	const inf = int64(1) << 62
	for k := range prices {
		prices[k] = inf
	}
	for t, a := range assign {
		if a >= 0 {
			offered[a] = true
			prices[a] = min(prices[a], p.value[t][a]) // IR: edges from the source
		}
	}
	// Bellman–Ford relaxation of p_a ≤ p_s + v_t(a) − v_t(s); a change in round nv means a
	// negative cycle, i.e. no feasible prices.
	for round := 0; ; round++ {
		changed := false
		for t, a := range assign {
			if a < 0 {
				continue
			}
			for s := range p.nv {
				if s == a || !offered[s] || prices[s] == inf {
					continue
				}
				if c := prices[s] + p.value[t][a] - p.value[t][s]; c < prices[a] {
					prices[a], changed = c, true
				}
			}
		}
		if !changed {
			break
		}
		if round >= p.nv {
			return false
		}
	}
	for k := range prices {
		if offered[k] && prices[k] < 0 {
			return false
		}
	}
	// Types that buy nothing must not want any offered version: p_s ≥ v_t(s).
	for t, a := range assign {
		if a < 0 {
			for s := range p.nv {
				if offered[s] && prices[s] < p.value[t][s] {
					return false
				}
			}
		}
	}
	// Withheld versions: the least price at which no type gains by switching to them.
	for k := range prices {
		if offered[k] {
			continue
		}
		prices[k] = 0
		for t, a := range assign {
			if c := p.value[t][k] - p.surplus(t, a, prices); c > prices[k] {
				prices[k] = c
			}
		}
	}
	return true
}
