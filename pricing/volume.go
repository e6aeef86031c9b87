package pricing

import (
	"context"
	"fmt"

	"github.com/dataassay/assay"
)

// PackCount is a number of packs of one size, part of a volume arbitrage.
type PackCount struct {
	Units int64 `json:"units"` // units in one pack
	Count int64 `json:"count"`
}

// VolumeViolation is a volume arbitrage: Units units, listed at Price, can be had as Buy for
// Cost < Price.
type VolumeViolation struct {
	Kind  ViolationKind `json:"kind"` // Monotonicity if a single purchase of more units costs less
	Units int64         `json:"units"`
	Price assay.Money   `json:"price"`
	Buy   []PackCount   `json:"buy"`
	Cost  assay.Money   `json:"cost"`
}

// CheckPacks checks a set of prepaid pack offers for volume arbitrage: for each pack, the
// cheapest combination of other packs (any number of each) holding at least as many units,
// reported if it costs less — buying two smaller packs must not beat one larger one, and a
// larger pack must not cost less than a smaller one. It is the subadditivity and monotonicity
// of the menu check (Deep and Koutris, ICDT 2017, §2) over quantities, solved exactly by dynamic
// programming over multiples of the packs' greatest common divisor, with at most 2^20 states
// per pack (else ErrSearchLimit). Packs must share one currency.
func CheckPacks(ctx context.Context, packs []Pack) ([]VolumeViolation, error) {
	if len(packs) == 0 {
		return nil, inputErr("packs", "[]", "have at least one pack")
	}
	if len(packs) > maxItems {
		return nil, inputErr("packs", itoa(int64(len(packs)))+" packs", "have at most 64 packs")
	}
	cur := packs[0].Currency()
	g := int64(0)
	for i, p := range packs {
		if p.units == 0 {
			return nil, inputErr("packs["+itoa(int64(i))+"]", "zero Pack", "be built by NewPack")
		}
		if p.Currency() != cur {
			return nil, inputErr("packs["+itoa(int64(i))+"].price", p.price.m.String(), "be in "+cur.Code()+" like packs[0]")
		}
		g = gcd(g, p.units)
	}
	var out []VolumeViolation
	for t, target := range packs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("pricing: pack check: %w", err)
		}
		n := target.units / g
		if n > maxPackStates {
			return nil, fmt.Errorf("%w: %d states for a pack of %d units", ErrSearchLimit, n, target.units)
		}
		// cost[u]: cheapest way to hold at least u·g units with packs other than t;
		// choice[u]: the pack bought last on that way.
		const none = int64(-1)
		cost := make([]int64, n+1)
		choice := make([]int, n+1)
		for u := int64(1); u <= n; u++ {
			cost[u], choice[u] = none, -1
			for k, p := range packs {
				if k == t {
					continue
				}
				prev := max(u-p.units/g, 0)
				if cost[prev] == none {
					continue
				}
				c, ok := add(cost[prev], p.price.minor)
				if ok && (cost[u] == none || c < cost[u]) {
					cost[u], choice[u] = c, k
				}
			}
		}
		if cost[n] == none || cost[n] >= target.price.minor {
			continue
		}
		counts := make([]int64, len(packs))
		for u := n; u > 0; {
			k := choice[u]
			counts[k]++
			u = max(u-packs[k].units/g, 0)
		}
		v := VolumeViolation{Kind: Subadditivity, Units: target.units, Price: target.price.m, Cost: money(cost[n], cur)}
		var copies int64
		for k, c := range counts {
			if c > 0 {
				v.Buy = append(v.Buy, PackCount{Units: packs[k].units, Count: c})
				copies += c
			}
		}
		if copies == 1 {
			v.Kind = Monotonicity
		}
		out = append(out, v)
	}
	return out, nil
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// Arbitrage reports the boundaries where a volume schedule is not monotone: buying the first
// unit of the next tier costs less than the last unit of the tier before (with tiers "to 100
// at 1.00, then 0.80", 100 units cost 100.00 but 101 cost 80.80). Graduated schedules with
// non-negative prices are always monotone. Each violation says that Units units at Price can
// be beaten by buying Buy (more units) at Cost.
func (v Volume) Arbitrage() ([]VolumeViolation, error) {
	if v.s == nil {
		return nil, inputErr("plan", "zero Volume", "be built by NewVolume")
	}
	var out []VolumeViolation
	for _, c := range v.s.compiled[:len(v.s.compiled)-1] { // every tier with a successor
		at, err := v.total(c.upTo)
		if err != nil {
			return nil, err
		}
		next, err := v.total(c.upTo + 1)
		if err != nil {
			return nil, err
		}
		if next < at {
			out = append(out, VolumeViolation{Kind: Monotonicity, Units: c.upTo, Price: money(at, v.s.cur),
				Buy: []PackCount{{Units: c.upTo + 1, Count: 1}}, Cost: money(next, v.s.cur)})
		}
	}
	return out, nil
}
