package distribution

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sort"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/shopspring/decimal"
)

// maxWeightExponent bounds the decimal exponent of a weight or amount, as assay.NewMoney does for
// parsed amounts: a decimal built in code can carry any int32 exponent, and scaling 1e-2000000000
// against 1 to a common integer would allocate without bound. shopspring decimals cannot hold
// NaN or infinities; such an exponent is the one way a weight can be "not a number" here.
const maxWeightExponent = 1000

// maxSplitParts bounds n in Split, so that an untrusted count cannot allocate without bound.
const maxSplitParts = 1 << 24

// InexactError reports an amount that is not a whole number of its currency's minor units
// (12.345 CNY) where the operation needs one it can split exactly; round it first with
// assay.Money.Round. It satisfies errors.Is(err, assay.ErrInexact) and
// errors.Is(err, ErrInvalidInput). Like every error here, it is not modified after it is
// returned and is safe to read from any goroutine.
type InexactError struct {
	Field  string      // the argument or field, e.g. "total"
	Amount assay.Money // the amount as given
}

func (e *InexactError) Error() string {
	return fmt.Sprintf("distribution: %s %s is not a whole number of minor units; round it first",
		e.Field, clipText(e.Amount.String()))
}

// Unwrap returns assay.ErrInexact and ErrInvalidInput.
func (e *InexactError) Unwrap() []error { return []error{assay.ErrInexact, ErrInvalidInput} }

// Allocate splits total among parties in proportion to weights by the largest-remainder
// (Hamilton) method, in whole minor units of total's currency:
//
//  1. the exact quota of party i is qᵢ = T·wᵢ/Σw minor units;
//  2. every party gets ⌊qᵢ⌋;
//  3. the T − Σ⌊qᵢ⌋ leftover units (fewer than the number of parties) go one each to the
//     largest fractional parts of qᵢ, ties to the lower index.
//
// So every share is the floor or the ceiling of its exact quota (the quota rule), the shares
// sum exactly to total, a zero weight gets exactly zero, and equal weights get shares that
// differ by at most one minor unit, the extra units going to the first parties. A negative
// total is the mirror of the positive one: Allocate(−T, w) = −Allocate(T, w). Like every
// quota method it shows the Alabama paradox: raising T can lower a share (Balinski & Young,
// Fair Representation, 1982).
//
// The arithmetic is exact for any total and any weights: 64×64→128-bit products (math/bits)
// while the integers fit, math/big beyond, so nothing overflows for any amount representable
// in int64 minor units, nor beyond. Weights are any non-negative decimals (0.25, 3, 1e-9);
// only their ratios matter.
//
// Errors: a total that is not a whole number of minor units returns an *InexactError
// (errors.Is(err, assay.ErrInexact)); empty weights, a negative weight, weights that are all
// zero, or a weight or total whose decimal exponent is beyond ±1000 return an *InputError
// (errors.Is(err, ErrInvalidInput)).
//
// Source: Hamilton's method of apportionment (1792); M. L. Balinski and H. P. Young, Fair
// Representation (1982), ch. 2; M. Fowler, Patterns of Enterprise Application Architecture
// (2002), "Money" (allocate), whose leftover rule this improves on.
func Allocate(total assay.Money, weights []decimal.Decimal) ([]assay.Money, error) {
	neg, units, err := minorUnitsOf("total", total)
	if err != nil {
		return nil, err
	}
	ws, err := readWeights("weights", weights)
	if err != nil {
		return nil, err
	}
	return apportion(total.Currency(), neg, units, ws), nil
}

// Split splits total into n parts that differ by at most one minor unit, the larger parts
// first: Split(100.00 CNY, 3) is 33.34, 33.33, 33.33; Split(−100.00 CNY, 3) is −33.34,
// −33.33, −33.33. It is Allocate with n equal weights.
//
// Errors: total not a whole number of minor units returns an *InexactError; n < 1 or
// n > 16,777,216 an *InputError.
func Split(total assay.Money, n int) ([]assay.Money, error) {
	if n < 1 || n > maxSplitParts {
		return nil, &InputError{Field: "n", Value: fmt.Sprint(n), Reason: "be between 1 and 16777216"}
	}
	neg, units, err := minorUnitsOf("total", total)
	if err != nil {
		return nil, err
	}
	parts := make([]assay.Money, n)
	if u, ok := smallUnits(neg, units); ok {
		q, r := u/uint64(n), u%uint64(n)
		for i := range parts {
			parts[i] = moneyOfSmall(total.Currency(), neg, q+boolUnit(uint64(i) < r))
		}
		return parts, nil
	}
	q, r := new(big.Int).QuoRem(units, big.NewInt(int64(n)), new(big.Int))
	exp := -int32(total.Currency().Digits())
	small := moneyOfUnits(total.Currency(), exp, neg, q)
	large := moneyOfUnits(total.Currency(), exp, neg, q.Add(q, big.NewInt(1)))
	extra := int(r.Int64()) // r < n ≤ 2^24
	for i := range parts {
		if i < extra {
			parts[i] = large
		} else {
			parts[i] = small
		}
	}
	return parts, nil
}

// weightSet holds validated weights scaled to a common decimal exponent as integers: in
// uint64 (small, with sum) when every scaled weight and their sum fit, else in big.Int.
type weightSet struct {
	n      int
	small  []uint64
	sum    uint64
	bigs   []*big.Int // nil entries for zero weights
	bigSum *big.Int
}

// readWeights validates weights and scales them to integers: wᵢ = cᵢ·10^eᵢ becomes
// cᵢ·10^(eᵢ−min e), which keeps every ratio.
func readWeights(field string, weights []decimal.Decimal) (weightSet, error) {
	if len(weights) == 0 {
		return weightSet{}, &InputError{Field: field, Value: "[]", Reason: "not be empty"}
	}
	emin, emax := int32(math.MaxInt32), int32(math.MinInt32)
	fits := true
	positive := 0
	// While every coefficient fits in 18 digits, keep it: the common case then reads each
	// decimal once.
	coef := make([]uint64, len(weights))
	for i, w := range weights {
		switch w.Sign() {
		case -1:
			return weightSet{}, &InputError{Field: fmt.Sprintf("%s[%d]", field, i), Value: clipText(w.String()), Reason: "not be negative"}
		case 0:
			continue
		}
		e := w.Exponent()
		if e > maxWeightExponent || e < -maxWeightExponent {
			return weightSet{}, &InputError{Field: fmt.Sprintf("%s[%d]", field, i), Value: clipText(w.String()), Reason: "have a decimal exponent within ±1000"}
		}
		positive++
		emin, emax = min(emin, e), max(emax, e)
		if fits = fits && w.NumDigits() <= 18; fits {
			coef[i] = uint64(w.CoefficientInt64())
		}
	}
	if positive == 0 {
		return weightSet{}, &InputError{Field: field, Value: "all zero", Reason: "have a positive sum"}
	}
	ws := weightSet{n: len(weights)}
	if fits && emax-emin <= 18 {
		for i, c := range coef {
			if c == 0 {
				continue
			}
			p, _ := rounding.Pow10(int64(weights[i].Exponent() - emin)) // ≤ 18
			hi, v := bits.Mul64(c, p)
			var carry uint64
			ws.sum, carry = bits.Add64(ws.sum, v, 0)
			if hi != 0 || carry != 0 {
				fits = false
				break
			}
			coef[i] = v
		}
		if fits {
			ws.small = coef
			return ws, nil
		}
		ws.sum = 0
	}
	ws.bigs = make([]*big.Int, len(weights))
	ws.bigSum = new(big.Int)
	ten := big.NewInt(10)
	for i, w := range weights {
		if w.Sign() == 0 {
			continue
		}
		v := w.Coefficient()
		if d := w.Exponent() - emin; d > 0 {
			v.Mul(v, new(big.Int).Exp(ten, big.NewInt(int64(d)), nil))
		}
		ws.bigs[i] = v
		ws.bigSum.Add(ws.bigSum, v)
	}
	return ws, nil
}

// minorUnitsOf returns m as a sign and a magnitude in minor units, or an *InexactError when m
// is not a whole number of them (an *InputError when its exponent is beyond ±1000).
func minorUnitsOf(field string, m assay.Money) (neg bool, units *big.Int, err error) {
	// The common case, without decimal or big-number arithmetic: a success implies an
	// exponent within a few tens of zero.
	if u, err := m.MinorUnits(); err == nil {
		neg = u < 0
		mag := uint64(u)
		if neg {
			mag = -mag // 2^63 for MinInt64
		}
		return neg, new(big.Int).SetUint64(mag), nil
	}
	a := m.Amount()
	if a.Sign() == 0 {
		return false, new(big.Int), nil
	}
	if a.Exponent() > maxWeightExponent || a.Exponent() < -maxWeightExponent {
		// Not m.String(), which would write every digit of an exponent of ±10⁹.
		return false, nil, &InputError{Field: field, Value: clipText(a.Coefficient().String()) + "e" + strconv.Itoa(int(a.Exponent())),
			Reason: "have a decimal exponent within ±1000"}
	}
	e := a.Exponent() + int32(m.Currency().Digits())
	units = a.Coefficient()
	neg = units.Sign() < 0
	units.Abs(units)
	switch {
	case e > 0:
		units.Mul(units, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	case e < 0:
		var r big.Int
		units.QuoRem(units, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil), &r)
		if r.Sign() != 0 {
			return false, nil, &InexactError{Field: field, Amount: m}
		}
	}
	return neg, units, nil
}

// apportion splits units (≥ 0; the parts are negated when neg) by the largest-remainder method
// and returns the parts as Money of currency c.
func apportion(c assay.Currency, neg bool, units *big.Int, ws weightSet) []assay.Money {
	exp := -int32(c.Digits())
	parts := make([]assay.Money, ws.n)
	if t, ok := smallUnits(neg, units); ok && ws.small != nil {
		for i, s := range apportionSmall(t, ws.small, ws.sum) {
			parts[i] = moneyOfSmall(c, neg, s) // s ≤ t: fits
		}
		return parts
	}
	bigs, sum := ws.bigs, ws.bigSum
	if bigs == nil {
		bigs, sum = make([]*big.Int, ws.n), new(big.Int).SetUint64(ws.sum)
		for i, w := range ws.small {
			if w != 0 {
				bigs[i] = new(big.Int).SetUint64(w)
			}
		}
	}
	for i, s := range apportionBig(units, bigs, sum) {
		parts[i] = moneyOfUnits(c, exp, neg, s)
	}
	return parts
}

// smallUnits returns units as a uint64 when ±units fits in int64 minor units: at most 2^63 − 1
// for a positive total, 2^63 for a negative one. Every share of such a total fits too.
func smallUnits(neg bool, units *big.Int) (uint64, bool) {
	if !units.IsUint64() {
		return 0, false
	}
	u := units.Uint64()
	if neg {
		return u, u <= 1<<63
	}
	return u, u <= math.MaxInt64
}

// moneyOfSmall returns ±units minor units of c, for units within smallUnits' bound; it does
// not allocate.
func moneyOfSmall(c assay.Currency, neg bool, units uint64) assay.Money {
	if neg {
		return assay.MoneyFromMinor(-int64(units), c) // −2^63 wraps to MinInt64, as intended
	}
	return assay.MoneyFromMinor(int64(units), c)
}

func boolUnit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// moneyOfUnits returns ±units × 10^exp in currency c.
func moneyOfUnits(c assay.Currency, exp int32, neg bool, units *big.Int) assay.Money {
	if neg {
		return assay.MoneyOf(decimal.NewFromBigInt(new(big.Int).Neg(units), exp), c)
	}
	return assay.MoneyOf(decimal.NewFromBigInt(units, exp), c)
}

// apportionSmall is the largest-remainder method in 64-bit integers: t ≤ 2^63, Σw = sum
// < 2^64. Each quota t·wᵢ/sum is computed from its 128-bit product; since wᵢ ≤ sum the
// quotient fits in 64 bits, so bits.Div64 cannot panic. The shares overwrite w.
func apportionSmall(t uint64, w []uint64, sum uint64) []uint64 {
	shares := w
	scratch := make([]uint64, 2*len(w))
	rems, positive := scratch[:len(w)], scratch[len(w):len(w)]
	var given uint64
	for i, wi := range w {
		if wi == 0 {
			continue
		}
		hi, lo := bits.Mul64(t, wi)
		shares[i], rems[i] = bits.Div64(hi, lo, sum)
		given += shares[i]
		if rems[i] > 0 {
			positive = append(positive, rems[i])
		}
	}
	left := t - given // Σ fractional parts: fewer than the number of positive weights
	if left == 0 {
		return shares
	}
	// The threshold is the left-th largest remainder. The leftover units go to every
	// remainder above it and to the first remainders equal to it, in index order. Remainders
	// of the units handed out are all positive, so zero weights (remainder 0) never get one.
	threshold := nthLargest(positive, int(left))
	ties := left
	for _, r := range rems {
		if r > threshold {
			ties--
		}
	}
	for i, r := range rems {
		switch {
		case r > threshold:
			shares[i]++
		case r == threshold && ties > 0:
			shares[i]++
			ties--
		}
	}
	return shares
}

// nthLargest returns the k-th largest of xs (1 ≤ k ≤ len(xs)), reordering xs. It is
// quickselect (Hoare, CACM 4(7), 1961, Algorithm 65 FIND) with a median-of-three pivot, in
// expected linear time; after 2·log₂ n rounds that have not converged it sorts what is left,
// so the worst case stays O(n log n), as in introselect (Musser, 1997).
func nthLargest(xs []uint64, k int) uint64 {
	lo, hi := 0, len(xs)-1
	target := len(xs) - k // index of the answer in ascending order
	for budget := 2 * bits.Len(uint(len(xs))); lo < hi; budget-- {
		if budget == 0 {
			slices.Sort(xs[lo : hi+1])
			break
		}
		mid := lo + (hi-lo)/2
		a, b, c := xs[lo], xs[mid], xs[hi]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case target <= j:
			hi = j
		case target >= i:
			lo = i
		default:
			return xs[target] // between j and i every element equals the pivot
		}
	}
	return xs[target]
}

// apportionBig is apportionSmall in math/big for totals or weights beyond 64 bits; nil
// weights are zero.
func apportionBig(t *big.Int, w []*big.Int, sum *big.Int) []*big.Int {
	shares := make([]*big.Int, len(w))
	rems := make([]*big.Int, len(w))
	given := new(big.Int)
	var order []int
	for i, wi := range w {
		shares[i] = new(big.Int)
		if wi == nil || wi.Sign() == 0 {
			continue
		}
		rems[i] = new(big.Int)
		shares[i].QuoRem(new(big.Int).Mul(t, wi), sum, rems[i])
		given.Add(given, shares[i])
		if rems[i].Sign() > 0 {
			order = append(order, i)
		}
	}
	left := new(big.Int).Sub(t, given).Int64() // fewer than len(w)
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for _, i := range order[:left] {
		shares[i].Add(shares[i], big.NewInt(1))
	}
	return shares
}

// clipText shortens untrusted text before it goes into an error message, UTF-8-safely.
func clipText(s string) string { return errs.Clip(s, 64) }

// Bounds limits one party's share in AllocateBounded. Both limits are whole minor units of
// the total's currency. The zero value imposes no limit. A Bounds is a plain value, safe for
// concurrent use.
//
// JSON: {"floor":{"amount":"100.00","currency":"CNY"},"cap":{…}}, either omitted when zero.
type Bounds struct {
	// Floor is the least the party gets; zero means no floor (a share is never negative).
	Floor assay.Money `json:"floor,omitzero"`
	// Cap is the most the party gets; zero means no cap. To pay a party nothing, give it
	// weight zero.
	Cap assay.Money `json:"cap,omitzero"`
}

// AllocateBounded splits total in proportion to weights subject to a floor and a cap on
// each share: the exact shares are xᵢ = clamp(λ·wᵢ, floorᵢ, capᵢ) with the one λ ≥ 0 that
// makes them sum to total (weighted proportional division with limits, the "water-filling"
// solution), and the shares of the parties strictly between their limits are then rounded
// to minor units by Allocate's largest-remainder rule. Shares sum exactly to total, every
// share is within its bounds, and a zero-weight party gets exactly its floor. bounds may be
// nil (no limits), else it has one entry per weight.
//
// A negative total is the mirror of the positive one: floors and caps then bound the
// magnitudes of the (negative) shares.
//
// Errors: those of Allocate; bounds of another length than weights, a negative floor, a
// cap below its floor or a limit that is not a whole number of minor units (*InputError,
// *InexactError); a limit in another currency (*assay.MismatchError); and an
// *InfeasibleError (ErrInfeasible) when the floors exceed the total, or when the caps of the
// parties with positive weight plus the floors of the others fall short of it (zero-weight
// parties never take more than their floor).
//
// Source: the constrained proportional rule of claims problems (W. Thomson, "Axiomatic and
// game-theoretic analysis of bankruptcy and taxation problems: an update", Mathematical
// Social Sciences 74, 2015, §2), with Hamilton rounding.
func AllocateBounded(total assay.Money, weights []decimal.Decimal, bounds []Bounds) ([]assay.Money, error) {
	if bounds == nil {
		return Allocate(total, weights)
	}
	neg, units, err := minorUnitsOf("total", total)
	if err != nil {
		return nil, err
	}
	if _, err := readWeights("weights", weights); err != nil {
		return nil, err
	}
	if len(bounds) != len(weights) {
		return nil, &InputError{Field: "bounds", Value: fmt.Sprintf("%d bounds", len(bounds)),
			Reason: fmt.Sprintf("have one entry per weight (%d)", len(weights))}
	}
	lo, hi := make([]*big.Int, len(bounds)), make([]*big.Int, len(bounds)) // hi nil: no cap
	for i, b := range bounds {
		if lo[i], err = boundUnits(fmt.Sprintf("bounds[%d].floor", i), b.Floor, total.Currency()); err != nil {
			return nil, err
		}
		if lo[i] == nil {
			lo[i] = new(big.Int)
		}
		if hi[i], err = boundUnits(fmt.Sprintf("bounds[%d].cap", i), b.Cap, total.Currency()); err != nil {
			return nil, err
		}
		if hi[i] != nil && hi[i].Cmp(lo[i]) < 0 {
			return nil, &InputError{Field: fmt.Sprintf("bounds[%d].cap", i), Value: b.Cap.String(), Reason: "not be below the floor " + b.Floor.String()}
		}
	}
	lambda, err := waterLevel(units, weights, lo, hi)
	if err != nil {
		if e, ok := err.(*InfeasibleError); ok { // name the limits in money, as given
			e.Sum, e.Total = unitsMoney(e.sumUnits, total.Currency()), total.Abs()
		}
		return nil, err
	}
	// Parties at a limit get it; the others share the rest in proportion to their weights.
	exp := -int32(total.Currency().Digits())
	parts := make([]assay.Money, len(weights))
	rest := new(big.Int).Set(units)
	var free []int
	for i, w := range weights {
		share := new(big.Rat).Mul(lambda, w.Rat())
		switch {
		case share.Cmp(new(big.Rat).SetInt(lo[i])) <= 0:
			parts[i] = moneyOfUnits(total.Currency(), exp, neg, lo[i])
			rest.Sub(rest, lo[i])
		case hi[i] != nil && share.Cmp(new(big.Rat).SetInt(hi[i])) >= 0:
			parts[i] = moneyOfUnits(total.Currency(), exp, neg, hi[i])
			rest.Sub(rest, hi[i])
		default:
			free = append(free, i)
		}
	}
	if len(free) > 0 {
		fw := make([]decimal.Decimal, len(free))
		for k, i := range free {
			fw[k] = weights[i]
		}
		ws, err := readWeights("weights", fw)
		if err != nil {
			return nil, err
		}
		for k, p := range apportion(total.Currency(), neg, rest, ws) {
			parts[free[k]] = p
		}
	}
	return parts, nil
}

// InfeasibleError reports per-party limits that no allocation of the total satisfies: the
// floors sum to more than the total, or the caps (with the floors of zero-weight parties,
// which take nothing more) sum to less. Amounts are magnitudes, as the limits bound the
// magnitudes of shares. It wraps ErrInfeasible.
type InfeasibleError struct {
	Limit    string      // "floors" or "caps"
	Sum      assay.Money // what the limits sum to
	Total    assay.Money // the magnitude of the total
	sumUnits *big.Int
}

func (e *InfeasibleError) Error() string {
	if e.Limit == "floors" {
		return fmt.Sprintf("distribution: infeasible: the floors sum to %v, more than the total %v", e.Sum, e.Total)
	}
	return fmt.Sprintf("distribution: infeasible: the caps (and the floors of zero-weight parties) sum to %v, less than the total %v", e.Sum, e.Total)
}

// Unwrap returns ErrInfeasible.
func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// boundUnits returns a limit in minor units, nil for a zero (absent) limit.
func boundUnits(field string, m assay.Money, c assay.Currency) (*big.Int, error) {
	if m.IsZero() {
		return nil, nil
	}
	return nonNegativeUnits(field, m, c)
}

// waterLevel returns the λ ≥ 0 at which g(λ) = Σ clamp(λ·wᵢ, loᵢ, hiᵢ) equals t, exactly.
// g is continuous, piecewise linear and non-decreasing, with kinks at loᵢ/wᵢ and hiᵢ/wᵢ: a
// binary search over the kinks finds the segment, where g is linear and λ follows.
func waterLevel(t *big.Int, weights []decimal.Decimal, lo, hi []*big.Int) (*big.Rat, error) {
	tr := new(big.Rat).SetInt(t)
	w := make([]*big.Rat, len(weights))
	floors, reach := new(big.Int), new(big.Int) // Σ floors; the most g can reach
	unbounded := false
	kinks := []*big.Rat{new(big.Rat)}
	for i, wd := range weights {
		w[i] = wd.Rat()
		floors.Add(floors, lo[i])
		switch {
		case w[i].Sign() == 0:
			reach.Add(reach, lo[i])
		case hi[i] == nil:
			unbounded = true
			kinks = append(kinks, new(big.Rat).Quo(new(big.Rat).SetInt(lo[i]), w[i]))
		default:
			reach.Add(reach, hi[i])
			kinks = append(kinks, new(big.Rat).Quo(new(big.Rat).SetInt(lo[i]), w[i]),
				new(big.Rat).Quo(new(big.Rat).SetInt(hi[i]), w[i]))
		}
	}
	if floors.Cmp(t) > 0 {
		return nil, &InfeasibleError{Limit: "floors", sumUnits: floors}
	}
	if !unbounded && reach.Cmp(t) < 0 {
		return nil, &InfeasibleError{Limit: "caps", sumUnits: reach}
	}
	g := func(lambda *big.Rat) *big.Rat {
		s := new(big.Rat)
		for i := range w {
			v := new(big.Rat).Mul(lambda, w[i])
			if l := new(big.Rat).SetInt(lo[i]); v.Cmp(l) < 0 {
				v = l
			} else if hi[i] != nil {
				if h := new(big.Rat).SetInt(hi[i]); v.Cmp(h) > 0 {
					v = h
				}
			}
			s.Add(s, v)
		}
		return s
	}
	slices.SortFunc(kinks, func(a, b *big.Rat) int { return a.Cmp(b) })
	kinks = slices.CompactFunc(kinks, func(a, b *big.Rat) bool { return a.Cmp(b) == 0 })
	// The last kink with g ≤ t (g(0) = Σ floors ≤ t).
	k := max(0, sort.Search(len(kinks), func(i int) bool { return g(kinks[i]).Cmp(tr) > 0 })-1)
	at := g(kinks[k])
	if at.Cmp(tr) == 0 {
		return kinks[k], nil
	}
	// Past kinks[k], g rises with slope Σ wᵢ over the parties strictly between their limits.
	slope := new(big.Rat)
	for i := range w {
		if w[i].Sign() == 0 {
			continue
		}
		v := new(big.Rat).Mul(kinks[k], w[i])
		if v.Cmp(new(big.Rat).SetInt(lo[i])) >= 0 && (hi[i] == nil || v.Cmp(new(big.Rat).SetInt(hi[i])) < 0) {
			slope.Add(slope, w[i])
		}
	}
	lambda := new(big.Rat).Sub(tr, at)
	return lambda.Add(kinks[k], lambda.Quo(lambda, slope)), nil
}
