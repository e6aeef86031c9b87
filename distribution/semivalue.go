package distribution

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"strconv"
)

// MaxExactPlayers is the largest game the exact enumerations (Shapley, Banzhaf, Semivalue,
// BetaShapley) accept under any Limits. They visit all n·2^(n−1) marginal contributions; at
// n = 25 that is 4·10^8 differences and, for a game that is not a *TableGame, a 256 MiB table
// of worths. Beyond it, use SampleShapley or SampleBanzhaf.
const MaxExactPlayers = 25

// Semivalue returns the semivalue of g with coalition-size weights p (Weber 1988; Dubey,
// Neyman & Weber 1981):
//
//	φᵢ = Σ_{S ⊆ N∖{i}} p[|S|] · [v(S ∪ {i}) − v(S)],   len(p) = n.
//
// p[s] is the weight of one coalition of size s that i joins. The semivalue is a probabilistic
// value when Σ_s C(n−1, s)·p[s] = 1, which ShapleyWeights, BanzhafWeights and
// BetaShapleyWeights satisfy; Semivalue does not require it. Only the Shapley value is
// efficient; see NormalizeValues before splitting money by another semivalue.
//
// The enumeration is exact: every marginal contribution is summed once per size, in float64,
// and weighted per size at the end. Games with more players than the default Limits allow
// (DefaultExactPlayers) return a *SizeError (ErrTooLarge); see Limits.Semivalue.
func Semivalue(ctx context.Context, g Game, p []float64) ([]float64, error) {
	return Limits{}.Semivalue(ctx, g, p)
}

// Semivalue is the function Semivalue under these limits.
func (l Limits) Semivalue(ctx context.Context, g Game, p []float64) ([]float64, error) {
	n, err := l.checkExact("Semivalue", g)
	if err != nil {
		return nil, err
	}
	if len(p) != n {
		return nil, &InputError{Field: "len(p)", Value: strconv.Itoa(len(p)), Reason: fmt.Sprintf("equal the number of players %d", n)}
	}
	for s, w := range p {
		if !(w >= 0) || math.IsInf(w, 0) {
			return nil, &InputError{Field: fmt.Sprintf("p[%d]", s), Value: fmtWorth(w), Reason: "be finite and not negative"}
		}
	}
	acc, err := marginalsBySize(ctx, g, n)
	if err != nil {
		return nil, err
	}
	return weighSizes(acc, n, p), nil
}

// marginalsBySize returns acc with acc[i*n+s] = Σ_{S ⊆ N∖{i}, |S| = s} [v(S∪{i}) − v(S)]: the
// sufficient statistic of every semivalue. It walks the table once per player, in contiguous
// runs (S and S∪{i} differ by one bit), allocation-free after the table.
func marginalsBySize(ctx context.Context, g Game, n int) ([]float64, error) {
	v, err := coalitionTable(ctx, g, n)
	if err != nil {
		return nil, err
	}
	size := 1 << uint(n)
	acc := make([]float64, n*n)
	for i := range n {
		bit := 1 << uint(i)
		row := acc[i*n : i*n+n]
		work := 0
		for hi := 0; hi < size; hi += 2 * bit {
			for lo := range bit {
				s := hi | lo
				row[bits.OnesCount64(uint64(s))] += v[s|bit] - v[s]
			}
			if work += bit; work >= ctxCheckEvery {
				work = 0
				if err := ctx.Err(); err != nil {
					return nil, ctxError(err)
				}
			}
		}
	}
	return acc, nil
}

// weighSizes returns φᵢ = Σ_s p[s]·acc[i*n+s].
func weighSizes(acc []float64, n int, p []float64) []float64 {
	phi := make([]float64, n)
	for i := range n {
		var x float64
		for s, a := range acc[i*n : i*n+n] {
			x += p[s] * a
		}
		phi[i] = x
	}
	return phi
}

// ShapleyWeights returns the Shapley value's size weights for n players (Shapley 1953):
// p[s] = s!·(n−1−s)!/n! = 1/(n·C(n−1, s)), s = 0..n−1. Binomials are exact integers up to
// n = 60 and computed in log space (math.Lgamma) beyond, so no weight overflows or
// underflows to a wrong value. It returns nil for n < 1.
func ShapleyWeights(n int) []float64 {
	if n < 1 {
		return nil
	}
	p := make([]float64, n)
	if n <= 60 {
		c := uint64(1) // C(n−1, s), exact: C(59, 29) < 2^64
		for s := range n {
			p[s] = 1 / (float64(n) * float64(c))
			c = c * uint64(n-1-s) / uint64(s+1)
		}
		return p
	}
	ln := lgammaOf(float64(n + 1))
	for s := range n {
		p[s] = math.Exp(lgammaOf(float64(s+1)) + lgammaOf(float64(n-s)) - ln)
	}
	return p
}

// BanzhafWeights returns the raw (probabilistic) Banzhaf value's size weights for n players
// (Banzhaf 1965; Dubey & Shapley 1979): p[s] = 1/2^(n−1) for every s. It returns nil for
// n < 1.
func BanzhafWeights(n int) []float64 {
	if n < 1 {
		return nil
	}
	p := make([]float64, n)
	for s := range p {
		p[s] = math.Ldexp(1, -(n - 1))
	}
	return p
}

// BetaShapleyWeights returns the size weights of Beta Shapley(α, β) for n players (Kwon &
// Zou, "Beta Shapley", AISTATS 2022): a coalition of size s has weight
//
//	p[s] = B(s + β, n − 1 − s + α) / B(α, β),
//
// computed in log space. Beta(1, 1) is the Shapley value; α > β favours small coalitions
// (Kwon & Zou recommend Beta(16, 1) for noisy data valuation; OpenDataVal's default is
// Beta(4, 1)). The weights satisfy Σ_s C(n−1, s)·p[s] = 1 (a beta-binomial distribution of
// the size). α and β must be positive and finite.
func BetaShapleyWeights(n int, alpha, beta float64) ([]float64, error) {
	if n < 1 {
		return nil, &InputError{Field: "n", Value: strconv.Itoa(n), Reason: "be at least 1"}
	}
	if !(alpha > 0) || math.IsInf(alpha, 0) {
		return nil, &InputError{Field: "alpha", Value: fmtWorth(alpha), Reason: "be positive and finite"}
	}
	if !(beta > 0) || math.IsInf(beta, 0) {
		return nil, &InputError{Field: "beta", Value: fmtWorth(beta), Reason: "be positive and finite"}
	}
	lb := logBeta(alpha, beta)
	p := make([]float64, n)
	for s := range p {
		p[s] = math.Exp(logBeta(float64(s)+beta, float64(n-1-s)+alpha) - lb)
	}
	return p, nil
}

// BetaShapley returns the exact Beta Shapley(α, β) value of g (Kwon & Zou 2022), the
// semivalue with BetaShapleyWeights. It is not efficient unless α = β = 1.
//
// Players are bounded by the default Limits; for more, pass BetaShapleyWeights to
// Limits.Semivalue.
func BetaShapley(ctx context.Context, g Game, alpha, beta float64) ([]float64, error) {
	n, err := Limits{}.checkExact("BetaShapley", g)
	if err != nil {
		return nil, err
	}
	p, err := BetaShapleyWeights(n, alpha, beta)
	if err != nil {
		return nil, err
	}
	return Semivalue(ctx, g, p)
}

// NormalizeValues rescales a value vector proportionally so that it sums to total:
// xᵢ·total/Σx. It is the "normalised Banzhaf" convention (divide by the sum) and makes any
// semivalue efficient before a money split (pass total = v(N) − v(∅)). It fails with
// ErrUndefined when Σx is zero, and with ErrInvalidInput on NaN or ±Inf.
func NormalizeValues(x []float64, total float64) ([]float64, error) {
	if math.IsNaN(total) || math.IsInf(total, 0) {
		return nil, &InputError{Field: "total", Value: fmtWorth(total), Reason: "be finite"}
	}
	var s float64
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &InputError{Field: fmt.Sprintf("x[%d]", i), Value: fmtWorth(v), Reason: "be finite"}
		}
		s += v
	}
	if s == 0 || math.IsInf(s, 0) {
		return nil, fmt.Errorf("%w: cannot normalise values that sum to %s", ErrUndefined, fmtWorth(s))
	}
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v / s * total
	}
	return out, nil
}

func lgammaOf(x float64) float64 {
	l, _ := math.Lgamma(x)
	return l
}

// logBeta returns ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b) for a, b > 0.
func logBeta(a, b float64) float64 { return lgammaOf(a) + lgammaOf(b) - lgammaOf(a+b) }
