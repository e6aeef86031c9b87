package pricing

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/dataassay/assay"
)

// ModelVersion is a version of a machine-learning model sold with Gaussian noise of variance
// Variance added to its parameters (Chen, Koutris and Kumar, "Towards Model-based Pricing for
// Machine Learning in a Data Marketplace", SIGMOD 2019, §3). Less noise is
// a better model.
type ModelVersion struct {
	Variance float64     `json:"variance"` // noise variance δ > 0
	Price    assay.Money `json:"price"`
}

// ModelPurchase is a number of copies of one version, part of an arbitrage.
type ModelPurchase struct {
	Variance float64 `json:"variance"`
	Count    int64   `json:"count"`
}

// ModelArbitrage is a cheaper way to a version: buying Buy and averaging the copies with
// inverse-variance weights yields noise variance Achieved = 1/Σ(count/δ) ≤ the Target's, for
// Cost < Price. (A buyer can always add noise to reach exactly the target.)
type ModelArbitrage struct {
	Kind     ViolationKind   `json:"kind"` // Monotonicity if one copy of a less noisy version suffices
	Target   float64         `json:"target"`
	Price    assay.Money     `json:"price"`
	Buy      []ModelPurchase `json:"buy"`
	Achieved float64         `json:"achieved"`
	Cost     assay.Money     `json:"cost"`
}

// maxModelNodes bounds the branch-and-bound search of CheckModelPricing.
const maxModelNodes = 1 << 22

// CheckModelPricing checks a noise-versioned price curve for arbitrage. By Chen, Koutris and
// Kumar (SIGMOD 2019, Theorem on arbitrage-freeness), prices p(δ) are arbitrage-free iff
// q(x) = p(1/x) is non-decreasing and subadditive in the precision x = 1/δ, because k copies
// averaged with inverse-variance weights have precision Σ 1/δᵢ. For each version this finds
// the cheapest multiset of other versions whose precisions add up to at least its own, and
// reports it if it costs less: with p(δ) = 1/δ², two δ = 2 models (0.25 each) average to δ = 1
// (price 1) at half the price. Precisions are compared with a relative tolerance of 1e-12.
//
// The search is exact (branch and bound, at most 2^22 nodes, else ErrSearchLimit). Errors:
// *InputError for an empty list, a variance that is not positive and finite, prices that are
// negative, fractional minor units or in mixed currencies.
func CheckModelPricing(ctx context.Context, versions []ModelVersion) ([]ModelArbitrage, error) {
	if len(versions) == 0 {
		return nil, inputErr("versions", "[]", "have at least one version")
	}
	if len(versions) > maxItems {
		return nil, inputErr("versions", itoa(int64(len(versions)))+" versions", "have at most 64 versions")
	}
	cur := versions[0].Price.Currency()
	price := make([]int64, len(versions))
	for i, v := range versions {
		field := "versions[" + itoa(int64(i)) + "]"
		if !(v.Variance > 0) || math.IsInf(v.Variance, 0) {
			return nil, inputErr(field+".variance", fmt.Sprint(v.Variance), "be positive and finite")
		}
		u, err := wholeUnits(field+".price", v.Price, cur)
		if err != nil {
			return nil, err
		}
		price[i] = u.minor
	}
	var out []ModelArbitrage
	for t, target := range versions {
		s := modelSearch{ctx: ctx, need: 1 / target.Variance, best: price[t]}
		for k, v := range versions {
			if k != t {
				s.opts = append(s.opts, modelOpt{k: k, x: 1 / v.Variance, p: price[k]})
			}
		}
		// Cheapest precision first, so that good covers are found early and prune the rest.
		sort.SliceStable(s.opts, func(a, b int) bool {
			return float64(s.opts[a].p)*s.opts[b].x < float64(s.opts[b].p)*s.opts[a].x
		})
		s.count = make([]int64, len(s.opts))
		if err := s.search(0, 0, 0); err != nil {
			return nil, err
		}
		if s.bestCount == nil {
			continue
		}
		arb := ModelArbitrage{Kind: Subadditivity, Target: target.Variance, Price: target.Price, Cost: money(s.best, cur)}
		var prec float64
		var copies int64
		for i, n := range s.bestCount {
			if n > 0 {
				o := s.opts[i]
				arb.Buy = append(arb.Buy, ModelPurchase{Variance: versions[o.k].Variance, Count: n})
				prec += float64(n) * o.x
				copies += n
			}
		}
		sort.Slice(arb.Buy, func(a, b int) bool { return arb.Buy[a].Variance < arb.Buy[b].Variance })
		if copies == 1 {
			arb.Kind = Monotonicity
		}
		arb.Achieved = 1 / prec
		out = append(out, arb)
	}
	return out, nil
}

type modelOpt struct {
	k int
	x float64 // precision 1/δ
	p int64   // price in minor units
}

type modelSearch struct {
	ctx       context.Context
	opts      []modelOpt
	need      float64
	best      int64 // cheapest cost found; starts at the target's own price
	count     []int64
	bestCount []int64
	nodes     int
}

// search tries every count of opts[i:], given precision got and cost so far.
func (s *modelSearch) search(i int, got float64, cost int64) error {
	if s.nodes++; s.nodes > maxModelNodes {
		return fmt.Errorf("%w: more than %d nodes", ErrSearchLimit, maxModelNodes)
	}
	if s.nodes&4095 == 0 {
		if err := s.ctx.Err(); err != nil {
			return fmt.Errorf("pricing: model pricing check: %w", err)
		}
	}
	if got >= s.need*(1-1e-12) {
		if cost < s.best {
			s.best = cost
			s.bestCount = append(s.bestCount[:0], s.count...)
		}
		return nil
	}
	if i == len(s.opts) {
		return nil
	}
	o := s.opts[i]
	// Lower bound: the rest at this option's price per precision, the cheapest remaining.
	if float64(cost)+(s.need-got)*float64(o.p)/o.x >= float64(s.best) && o.p > 0 {
		return nil
	}
	need := math.Ceil((s.need - got) / o.x)
	maxN, minN := int64(math.MaxInt64), int64(0)
	if need < float64(math.MaxInt64) {
		maxN = int64(need)
	}
	if o.p == 0 {
		minN = maxN // free copies: taking all that are needed is never worse
	} else {
		maxN = min(maxN, (s.best-cost-1)/o.p) // dearer than the best cover found
	}
	for n := maxN; n >= minN; n-- {
		c := cost + n*o.p
		s.count[i] = n
		if err := s.search(i+1, got+float64(n)*o.x, c); err != nil {
			return err
		}
	}
	s.count[i] = 0
	return nil
}
