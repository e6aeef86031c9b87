package distribution

import (
	"fmt"
	"math/big"
	"math/bits"
	"slices"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// ClaimsRule is a rule for dividing an estate among claimants whose claims exceed it (a
// bankruptcy or claims problem): the creditors of a failed data platform, contributors owed
// more than a pool holds. Every rule gives each claimant between 0 and its claim, and the
// awards sum exactly to the estate. The zero value is Proportional.
//
// With claims (100, 200, 300), the rules award:
//
//	estate            100               200              300
//	Proportional      16⅔, 33⅓, 50      33⅓, 66⅔, 100    50, 100, 150
//	CEA               33⅓, 33⅓, 33⅓     66⅔, 66⅔, 66⅔    100, 100, 100
//	CEL               0, 0, 100         0, 50, 150       0, 100, 200
//	Talmud            33⅓, 33⅓, 33⅓     50, 75, 75       50, 100, 150
//
// In money the exact awards are rounded to minor units by largest remainder (ties to the
// lower index), so 33⅓ × 3 of 100.00 CNY is 33.34, 33.33, 33.33. A ClaimsRule is a small
// value, safe for concurrent use.
//
// JSON: "proportional", "cea", "cel", "talmud", "random-arrival".
//
// Source: B. O'Neill, "A problem of rights arbitration from the Talmud", Mathematical Social
// Sciences 2(4), 1982; R. J. Aumann and M. Maschler, "Game theoretic analysis of a bankruptcy
// problem from the Talmud", Journal of Economic Theory 36(2), 1985; W. Thomson, Mathematical
// Social Sciences 74, 2015; R package ClaimsProblems.
type ClaimsRule uint8

// The claims rules.
const (
	// Proportional awards E·dᵢ/D.
	Proportional ClaimsRule = iota
	// ConstrainedEqualAwards (CEA, Maimonides) awards min(dᵢ, λ), λ chosen so the awards sum
	// to E: small claims are paid in full first.
	ConstrainedEqualAwards
	// ConstrainedEqualLosses (CEL) awards max(0, dᵢ − λ): every claimant loses the same,
	// no award below zero.
	ConstrainedEqualLosses
	// Talmud (Aumann–Maschler) awards CEA(E, d/2) if E ≤ D/2, else d − CEA(D − E, d/2). It is
	// the nucleolus of the bankruptcy game v(S) = max(0, E − Σ_{j∉S} dⱼ).
	Talmud
	// RandomArrival (O'Neill) pays claimants in full in their order of arrival until the
	// estate runs out, averaged over all n! orders: the Shapley value of the bankruptcy
	// game. Exact, in O(n·2ⁿ); at most 20 claimants and claims summing below 2⁶³ minor units
	// (else ErrTooLarge).
	RandomArrival
)

// maxRandomArrival bounds the claimants of RandomArrival: its exact value enumerates 2ⁿ
// coalitions.
const maxRandomArrival = 20

var claimsRuleNames = [...]string{
	Proportional:           "proportional",
	ConstrainedEqualAwards: "cea",
	ConstrainedEqualLosses: "cel",
	Talmud:                 "talmud",
	RandomArrival:          "random-arrival",
}

// String returns the rule's JSON name.
func (r ClaimsRule) String() string {
	if int(r) < len(claimsRuleNames) {
		return claimsRuleNames[r]
	}
	return fmt.Sprintf("ClaimsRule(%d)", uint8(r))
}

// MarshalText encodes the rule by name; an undefined rule is an error.
func (r ClaimsRule) MarshalText() ([]byte, error) {
	if int(r) >= len(claimsRuleNames) {
		return nil, &InputError{Field: "claims rule", Value: r.String(), Reason: "be a defined rule"}
	}
	return []byte(claimsRuleNames[r]), nil
}

// UnmarshalText decodes a rule by name; the empty text is Proportional.
func (r *ClaimsRule) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*r = Proportional
		return nil
	}
	for i, name := range claimsRuleNames {
		if string(text) == name {
			*r = ClaimsRule(i)
			return nil
		}
	}
	return &InputError{Field: "claims rule", Value: errs.Clip(string(text), 64),
		Reason: "be one of proportional, cea, cel, talmud, random-arrival"}
}

// Divide divides estate among claims by the rule and returns the awards, rounded to minor
// units by largest remainder so that they sum exactly to estate and each lies between 0
// and its claim.
//
// Errors: an estate or claim that is negative (*InputError) or not a whole number of minor
// units (*InexactError); claims in another currency (*assay.MismatchError); no claims, or an
// estate above the sum of the claims (*InputError); an undefined rule (*InputError);
// RandomArrival beyond its size limits (ErrTooLarge).
func (r ClaimsRule) Divide(estate assay.Money, claims []assay.Money) ([]assay.Money, error) {
	if int(r) >= len(claimsRuleNames) {
		return nil, &InputError{Field: "claims rule", Value: r.String(), Reason: "be a defined rule"}
	}
	if len(claims) == 0 {
		return nil, &InputError{Field: "claims", Value: "[]", Reason: "not be empty"}
	}
	// The currency is the estate's, or, for the zero Money (no currency), the first claim's.
	cur := estate.Currency()
	for _, c := range claims {
		if !cur.IsZero() {
			break
		}
		cur = c.Currency()
	}
	e, err := nonNegativeUnits("estate", estate, cur)
	if err != nil {
		return nil, err
	}
	d := make([]*big.Int, len(claims))
	total := new(big.Int)
	for i, c := range claims {
		if d[i], err = nonNegativeUnits(fmt.Sprintf("claims[%d]", i), c, cur); err != nil {
			return nil, err
		}
		total.Add(total, d[i])
	}
	if e.Cmp(total) > 0 {
		return nil, &InputError{Field: "estate", Value: estate.String(),
			Reason: "not exceed the sum of the claims, " + unitsMoney(total, cur).String()}
	}
	var awards []*big.Rat
	switch r {
	case Proportional:
		awards = proportionalAwards(e, d, total)
	case ConstrainedEqualAwards:
		awards = equalAwards(new(big.Rat).SetInt(e), ratsOf(d))
	case ConstrainedEqualLosses:
		awards = complementAwards(d, equalAwards(new(big.Rat).SetInt(new(big.Int).Sub(total, e)), ratsOf(d)))
	case Talmud:
		awards = talmudAwards(e, d, total)
	case RandomArrival:
		if awards, err = randomArrivalAwards(e, d, total); err != nil {
			return nil, err
		}
	}
	out := make([]assay.Money, len(claims))
	for i, u := range roundRationalShares(e, awards) {
		out[i] = unitsMoney(u, cur)
	}
	return out, nil
}

// nonNegativeUnits returns m in minor units, requiring currency c and m ≥ 0. The zero Money
// counts as zero of c.
func nonNegativeUnits(field string, m assay.Money, c assay.Currency) (*big.Int, error) {
	if m.IsZero() {
		return new(big.Int), nil
	}
	if m.Currency() != c {
		return nil, &assay.MismatchError{Op: field, A: c, B: m.Currency()}
	}
	neg, units, err := minorUnitsOf(field, m)
	if err != nil {
		return nil, err
	}
	if neg {
		return nil, &InputError{Field: field, Value: m.String(), Reason: "not be negative"}
	}
	return units, nil
}

// unitsMoney returns units minor units of c.
func unitsMoney(units *big.Int, c assay.Currency) assay.Money {
	return moneyOfUnits(c, -int32(c.Digits()), false, units)
}

func ratsOf(xs []*big.Int) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = new(big.Rat).SetInt(x)
	}
	return out
}

func proportionalAwards(e *big.Int, d []*big.Int, total *big.Int) []*big.Rat {
	out := make([]*big.Rat, len(d))
	for i, di := range d {
		if total.Sign() == 0 {
			out[i] = new(big.Rat)
			continue
		}
		out[i] = new(big.Rat).SetFrac(new(big.Int).Mul(e, di), total)
	}
	return out
}

// equalAwards is the constrained-equal-awards rule on exact rationals: min(dᵢ, λ) with
// Σ = e ≤ Σd. Claims in ascending order are paid in full while the remainder shared equally
// among those left would cover them; the rest get that equal share λ.
func equalAwards(e *big.Rat, d []*big.Rat) []*big.Rat {
	order := make([]int, len(d))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return d[a].Cmp(d[b]) })
	out := make([]*big.Rat, len(d))
	rest := new(big.Rat).Set(e)
	for k, i := range order {
		left := big.NewRat(int64(len(d)-k), 1)
		if new(big.Rat).Mul(d[i], left).Cmp(rest) <= 0 {
			out[i] = new(big.Rat).Set(d[i])
			rest.Sub(rest, d[i])
			continue
		}
		lambda := new(big.Rat).Quo(rest, left)
		for _, j := range order[k:] {
			out[j] = lambda
		}
		break
	}
	return out
}

// complementAwards returns d − losses.
func complementAwards(d []*big.Int, losses []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(d))
	for i := range d {
		out[i] = new(big.Rat).Sub(new(big.Rat).SetInt(d[i]), losses[i])
	}
	return out
}

func talmudAwards(e *big.Int, d []*big.Int, total *big.Int) []*big.Rat {
	half := make([]*big.Rat, len(d))
	for i, di := range d {
		half[i] = new(big.Rat).SetFrac(di, big.NewInt(2))
	}
	er := new(big.Rat).SetInt(e)
	if new(big.Rat).Mul(er, big.NewRat(2, 1)).Cmp(new(big.Rat).SetInt(total)) <= 0 {
		return equalAwards(er, half)
	}
	return complementAwards(d, equalAwards(new(big.Rat).SetInt(new(big.Int).Sub(total, e)), half))
}

// randomArrivalAwards computes xᵢ = Σ_{S ⊆ N∖i} |S|!(n−1−|S|)!/n! · min(dᵢ, max(0, E − d(S))),
// the Shapley value of the bankruptcy game: the claimants of S arrived before i and were paid
// in full. Each numerator term is below 2⁶³·19! and their sum below 2⁶³·20! < 2¹²⁸, so the sums
// are exact in 128-bit integers.
func randomArrivalAwards(e *big.Int, d []*big.Int, total *big.Int) ([]*big.Rat, error) {
	n := len(d)
	if n > maxRandomArrival || !total.IsInt64() {
		return nil, fmt.Errorf("%w: random arrival is exact for at most %d claimants with claims below 2^63 minor units, got %d claimants",
			ErrTooLarge, maxRandomArrival, n)
	}
	claim := make([]uint64, n)
	for i, di := range d {
		claim[i] = di.Uint64()
	}
	estate := e.Uint64()
	fact := make([]uint64, n+1) // fact[k] = k!, ≤ 20! < 2⁶⁴
	fact[0] = 1
	for k := 1; k <= n; k++ {
		fact[k] = fact[k-1] * uint64(k)
	}
	sums := make([]uint64, 1<<n) // sums[S] = d(S)
	hi, lo := make([]uint64, n), make([]uint64, n)
	for s := range sums {
		if s > 0 {
			low := bits.TrailingZeros(uint(s))
			sums[s] = sums[s&(s-1)] + claim[low]
		}
		left := uint64(0)
		if sums[s] < estate {
			left = estate - sums[s]
		}
		if left == 0 {
			continue
		}
		size := bits.OnesCount(uint(s))
		coef := fact[size] * fact[n-1-min(size, n-1)]
		for i := range n {
			if s&(1<<i) != 0 {
				continue
			}
			ph, pl := bits.Mul64(coef, min(claim[i], left))
			var carry uint64
			lo[i], carry = bits.Add64(lo[i], pl, 0)
			hi[i] += ph + carry
		}
	}
	nf := new(big.Int).SetUint64(fact[n])
	out := make([]*big.Rat, n)
	for i := range out {
		num := new(big.Int).Lsh(new(big.Int).SetUint64(hi[i]), 64)
		num.Or(num, new(big.Int).SetUint64(lo[i]))
		out[i] = new(big.Rat).SetFrac(num, nf)
	}
	return out, nil
}

// roundRationalShares rounds exact non-negative shares that sum to the integer total to
// integers that sum to it too: each share's floor, and the leftover units to the largest
// fractional parts, ties to the lower index (Hamilton's rule, as in Allocate).
func roundRationalShares(total *big.Int, shares []*big.Rat) []*big.Int {
	out := make([]*big.Int, len(shares))
	fracs := make([]*big.Rat, len(shares))
	given := new(big.Int)
	var order []int
	for i, s := range shares {
		out[i] = new(big.Int).Quo(s.Num(), s.Denom()) // s ≥ 0: truncation is the floor
		fracs[i] = new(big.Rat).Sub(s, new(big.Rat).SetInt(out[i]))
		given.Add(given, out[i])
		if fracs[i].Sign() > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return fracs[b].Cmp(fracs[a]) })
	for _, i := range order[:new(big.Int).Sub(total, given).Int64()] {
		out[i].Add(out[i], big.NewInt(1))
	}
	return out
}
