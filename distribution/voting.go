package distribution

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Bounds of NewWeightedVoting. What the power indices of a game cost is bounded apart, by
// Limits.
const (
	MaxVotingPlayers = 1 << 12
	MaxVotingWeight  = 1 << 24 // total weight Σw
)

// WeightedVoting is the weighted voting game [q; w₁, …, wₙ]: a coalition wins (worth 1) when
// its total weight reaches the quota q, and loses (worth 0) otherwise. It models a data
// consortium that acts only when members holding q of the W records (or votes) agree.
//
// A WeightedVoting is immutable after NewWeightedVoting and safe for concurrent use. It is a
// Game (and a MaskGame for n ≤ 64), so the generic methods apply too. Its JSON form is
// {"quota":q,"weights":[...]}.
type WeightedVoting struct {
	quota   int
	weights []int
	total   int
}

// NewWeightedVoting returns the game [quota; weights]. Weights must be non-negative with
// 1 ≤ n ≤ MaxVotingPlayers and Σw ≤ MaxVotingWeight, and 1 ≤ quota ≤ Σw. Games with
// quota ≤ Σw/2 are accepted (they are improper: disjoint coalitions can both win). The
// weights are copied.
func NewWeightedVoting(quota int, weights []int) (*WeightedVoting, error) {
	n := len(weights)
	if n < 1 || n > MaxVotingPlayers {
		return nil, &InputError{Field: "len(weights)", Value: strconv.Itoa(n), Reason: fmt.Sprintf("be in [1, %d]", MaxVotingPlayers)}
	}
	total := 0
	for i, w := range weights {
		if w < 0 || w > MaxVotingWeight {
			return nil, &InputError{Field: fmt.Sprintf("weights[%d]", i), Value: strconv.Itoa(w), Reason: fmt.Sprintf("be in [0, %d]", MaxVotingWeight)}
		}
		if total += w; total > MaxVotingWeight {
			return nil, &InputError{Field: "sum of weights", Value: "more than " + strconv.Itoa(MaxVotingWeight), Reason: fmt.Sprintf("be at most %d", MaxVotingWeight)}
		}
	}
	if quota < 1 || quota > total {
		return nil, &InputError{Field: "quota", Value: strconv.Itoa(quota), Reason: fmt.Sprintf("be in [1, Σw = %d]", total)}
	}
	return &WeightedVoting{quota: quota, weights: append([]int(nil), weights...), total: total}, nil
}

// Quota returns q.
func (w *WeightedVoting) Quota() int { return w.quota }

// Weights returns a copy of the weights.
func (w *WeightedVoting) Weights() []int { return append([]int(nil), w.weights...) }

// Players returns n.
func (w *WeightedVoting) Players() int { return len(w.weights) }

// Value returns 1 if the coalition's weight reaches the quota, else 0.
func (w *WeightedVoting) Value(coalition []int) float64 {
	s := 0
	for _, p := range coalition {
		s += w.weights[p]
	}
	return indicator(s >= w.quota)
}

// ValueMask returns Value of the coalition of the set bits of mask below Players().
func (w *WeightedVoting) ValueMask(mask uint64) float64 {
	s := 0
	for m := mask; m != 0; m &= m - 1 {
		if i := bits.TrailingZeros64(m); i < len(w.weights) {
			s += w.weights[i]
		}
	}
	return indicator(s >= w.quota)
}

// indicator returns 1 for true and 0 for false.
func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

type weightedVotingJSON struct {
	Quota   int   `json:"quota"`
	Weights []int `json:"weights"`
}

// MarshalJSON writes {"quota":q,"weights":[...]}.
func (w *WeightedVoting) MarshalJSON() ([]byte, error) {
	return json.Marshal(weightedVotingJSON{Quota: w.quota, Weights: w.weights})
}

// UnmarshalJSON reads {"quota":q,"weights":[...]} and validates it as NewWeightedVoting does;
// documents over 1 MiB are refused before decoding.
func (w *WeightedVoting) UnmarshalJSON(data []byte) error {
	var raw weightedVotingJSON
	if err := decodeJSON("weighted voting game", data, &raw, 1<<20); err != nil {
		return err
	}
	g, err := NewWeightedVoting(raw.Quota, raw.Weights)
	if err != nil {
		return err
	}
	*w = *g
	return nil
}

// ShapleyShubik returns the exact Shapley–Shubik power index (Shapley & Shubik 1954): the
// probability that player i is pivotal — turns a losing coalition into a winning one — when
// the players arrive in a uniformly random order,
//
//	φᵢ = Σ_k k!(n−1−k)!/n! · #{S ⊆ N∖{i} : |S| = k, q − wᵢ ≤ w(S) < q}.
//
// The counts come from the pseudo-polynomial dynamic program over (size, weight) of the
// generating function Π(1 + t·z^wᵢ) (Bilbao, Fernández, Jiménez & López, "Generating
// functions for computing power indices efficiently", TOP 8(2), 2000; maxlit/powerindex), truncated to
// weights below q, O(n²·q) word operations per modulus. Removing a player of weight x divides
// it by (1 + t·z^x), an alternating sum that prefix sums turn into O(n·min(n, q/x)) work per
// distinct weight, instead of a deconvolution pass over the table. Counts reach C(n−1, k),
// beyond int64 from n ≈ 63, so they are computed exactly modulo 2^64 and, from n = 65 on,
// primes below 2^63, joined by the Chinese remainder theorem (the moduli run in
// parallel); each φᵢ is then the correctly rounded float64 of an exact rational. The values
// sum to 1 up to that rounding.
//
// ShapleyShubik runs under the default Limits, without a context: games whose estimated
// work or memory exceeds DefaultVotingWork or DefaultVotingBytes return a *LimitError
// (ErrTooLarge) at once. ShapleyShubikContext chooses the bounds and honours a context.
func (w *WeightedVoting) ShapleyShubik() ([]float64, error) {
	return w.ShapleyShubikContext(context.Background(), Limits{})
}

// ShapleyShubikContext is ShapleyShubik under lim, checking ctx between the dynamic
// program's passes (at most a few milliseconds apart under the default Limits); when ctx is
// done it returns an error wrapping ctx.Err().
func (w *WeightedVoting) ShapleyShubikContext(ctx context.Context, lim Limits) ([]float64, error) {
	n := len(w.weights)
	counts, err := w.swingCounts(ctx, lim, "WeightedVoting.ShapleyShubik", true)
	if err != nil {
		return nil, err
	}
	fact := make([]*big.Int, n+1)
	fact[0] = big.NewInt(1)
	for k := 1; k <= n; k++ {
		fact[k] = new(big.Int).Mul(fact[k-1], big.NewInt(int64(k)))
	}
	byWeight := make(map[int]float64, len(counts)) // players of equal weight are symmetric
	num, term := new(big.Int), new(big.Int)
	for x, t := range counts {
		if err := ctx.Err(); err != nil {
			return nil, ctxError(err)
		}
		num.SetInt64(0)
		for k, c := range t[:n] { // sizes 0..n−1 of the other players
			if c.Sign() != 0 {
				term.Mul(c, fact[k])
				num.Add(num, term.Mul(term, fact[n-1-k]))
			}
		}
		byWeight[x], _ = new(big.Rat).SetFrac(num, fact[n]).Float64()
	}
	phi := make([]float64, n)
	for i, x := range w.weights {
		phi[i] = byWeight[x] // weight 0: never pivotal, 0
	}
	return phi, nil
}

// Banzhaf returns the exact raw Banzhaf index (Banzhaf 1965; Dubey & Shapley 1979): the
// number of coalitions of the others for which player i is a swing, divided by 2^(n−1),
//
//	βᵢ = #{S ⊆ N∖{i} : q − wᵢ ≤ w(S) < q} / 2^(n−1),
//
// by the same exact multi-modular dynamic program over weights alone, O(n·q) per modulus.
// It is not normalised (see NormalizeValues); for the Penrose–Banzhaf "absolute" index this
// is the value itself. Like ShapleyShubik it runs under the default Limits;
// BanzhafContext chooses them and honours a context.
func (w *WeightedVoting) Banzhaf() ([]float64, error) {
	return w.BanzhafContext(context.Background(), Limits{})
}

// BanzhafContext is Banzhaf under lim, checking ctx as ShapleyShubikContext does.
func (w *WeightedVoting) BanzhafContext(ctx context.Context, lim Limits) ([]float64, error) {
	n := len(w.weights)
	counts, err := w.swingCounts(ctx, lim, "WeightedVoting.Banzhaf", false)
	if err != nil {
		return nil, err
	}
	byWeight := make(map[int]float64, len(counts))
	for x, t := range counts {
		byWeight[x], _ = new(big.Float).SetMantExp(new(big.Float).SetInt(t[0]), -(n - 1)).Float64()
	}
	beta := make([]float64, n)
	for i, x := range w.weights {
		beta[i] = byWeight[x]
	}
	return beta, nil
}

// swingCounts returns, for every distinct positive weight x of the game, the exact numbers
// T[k] of coalitions of the other n−1 players, of size k (bySize) or of any size (T[0]), whose
// weight lies in [q−x, q): the coalitions for which a player of weight x is a swing. It
// estimates the work and memory first and refuses what exceeds lim.
func (w *WeightedVoting) swingCounts(ctx context.Context, lim Limits, method string, bySize bool) (map[int][]*big.Int, error) {
	n, q := len(w.weights), w.quota
	var distinct []int
	seen := make(map[int]bool)
	minWeight := q
	for _, x := range w.weights {
		if x > 0 && !seen[x] {
			seen[x] = true
			distinct = append(distinct, x)
			minWeight = min(minWeight, x)
		}
	}
	rows, kmax := 1, 0
	var lo []int // lo[k]: the least weight of k players
	if bySize {
		rows = n + 1
		sorted := slices.Sorted(slices.Values(w.weights))
		lo = make([]int, rows)
		for k := 1; k < rows; k++ {
			lo[k] = lo[k-1] + sorted[k-1]
		}
		for kmax+1 < rows && lo[kmax+1] < q { // the largest size that can weigh less than q
			kmax++
		}
	}
	// The largest count is at most 2^(n−1): 2^64 (written 0, wrap-around arithmetic) and
	// primes above 2^62 cover it.
	moduli := []uint64{0}
	for covered, p := 64, uint64(1)<<63-1; covered < n; covered += 62 {
		p = prevPrime(p)
		moduli = append(moduli, p)
		p--
	}
	tableRows := kmax + 1 // sizes above kmax never weigh less than q
	perModulus := float64(tableRows) * float64(q) * 8
	if limit := lim.votingBytes(); perModulus > float64(limit) {
		return nil, &LimitError{Method: method, Limit: "VotingBytes", Value: clampInt(perModulus), Max: limit}
	}
	if work, limit := votingWork(n, q, tableRows, rows, len(distinct), minWeight, len(moduli), bySize), lim.votingWork(); work > float64(limit) {
		return nil, &LimitError{Method: method, Limit: "VotingWork", Value: clampInt(work), Max: limit}
	}

	residues := make([][]uint64, len(moduli)) // residues[j][d*rows+k]
	errs := make([]error, len(moduli))
	parallel := max(1, min(runtime.GOMAXPROCS(0), len(moduli), int(float64(lim.votingBytes())/perModulus)))
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallel)
	for j, m := range moduli {
		sem <- struct{}{}
		if err := ctx.Err(); err != nil { // no more tables once the run is over
			<-sem
			errs[j] = err
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			residues[j], errs[j] = w.swingResidues(ctx, m, rows, tableRows, distinct, lo)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, ctxError(err)
		}
	}

	basis := newCRTBasis(moduli)
	out := make(map[int][]*big.Int, len(distinct))
	r := make([]uint64, len(moduli))
	for d, x := range distinct {
		if err := ctx.Err(); err != nil {
			return nil, ctxError(err)
		}
		t := make([]*big.Int, rows)
		for k := range t {
			for j := range moduli {
				r[j] = residues[j][d*rows+k]
			}
			t[k] = basis.join(r)
		}
		out[x] = t
	}
	return out, nil
}

// votingWork estimates the word operations of swingCounts and of ShapleyShubik's exact
// weighting: per modulus the table passes (n players × tableRows × q), the prefix sums and
// the removal of each distinct weight (tableRows × min(tableRows, q/x) terms, or q/x without
// sizes); then the CRT joins (distinct × rows × moduli²) and, with sizes, the products of
// factorials (distinct × n multiplications of numbers of log₂ n! bits, quadratic in words).
func votingWork(n, q, tableRows, rows, distinct, minWeight, moduli int, bySize bool) float64 {
	fn, fq, ft, fd, fm := float64(n), float64(q), float64(tableRows), float64(distinct), float64(moduli)
	removal := fq/float64(minWeight) + 1
	if bySize {
		removal = ft * min(ft, removal)
	}
	work := fm*(fn*ft*fq+ft*fq+fd*removal) + fd*float64(rows)*fm*fm
	if bySize {
		words := (fn*math.Log2(max(fn, 2)) + 64) / 64 // log₂ n! < n·log₂ n bits
		work += fd * fn * words * words
	}
	return work
}

// clampInt converts a non-negative estimate to int, saturating at math.MaxInt.
func clampInt(x float64) int {
	if x >= math.MaxInt {
		return math.MaxInt
	}
	return int(x)
}

// swingResidues runs the dynamic program modulo m, a prime below 2^63 (so a+b never
// overflows) or 0 for 2^64, and returns, for each distinct weight d and size k, the swing
// count modulo m at index d*rows+k. Only the band where counts can be non-zero is visited: a
// coalition of k players weighs at least lo[k], the sum of the k smallest weights, and sizes
// from tableRows on (lo[k] ≥ q) never lose. ctx is checked after every player's pass and
// every distinct weight's removal.
func (w *WeightedVoting) swingResidues(ctx context.Context, m uint64, rows, tableRows int, distinct []int, lo []int) ([]uint64, error) {
	q := w.quota
	kmax := tableRows - 1
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// all[k*q+v]: coalitions of all n players of size k (any size when rows = 1) and weight v < q.
	all := make([]uint64, tableRows*q)
	all[0] = 1
	for size, x := range w.weights {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if rows == 1 {
			row := all[:q]
			for v := q - 1; v >= x; v-- {
				row[v] = addMod(row[v], row[v-x], m)
			}
			continue
		}
		for k := min(size+1, kmax); k >= 1; k-- {
			dst := all[k*q : (k+1)*q]
			src := all[(k-1)*q : k*q]
			for v := q - 1; v >= max(x, lo[k]); v-- {
				dst[v] = addMod(dst[v], src[v-x], m)
			}
		}
	}
	// Removing one player of weight x divides the generating function Π(1 + t·z^wᵢ) by
	// (1 + t·z^x): others[k][v] = Σ_j (−1)^j all[k−j][v−j·x]. Summed over the swing window
	// [q−x, q), each term is a difference of prefix sums of a row of all, so a distinct
	// weight costs O(rows·min(rows, q/x)) instead of a pass over the table.
	for k := range tableRows {
		row := all[k*q : (k+1)*q]
		var p uint64
		for v, c := range row {
			p = addMod(p, c, m)
			row[v] = p
		}
	}
	prefix := func(k, v int) uint64 { // Σ_{u ≤ v} all[k][u]; 0 for v < 0
		if v < 0 {
			return 0
		}
		return all[k*q+v]
	}
	out := make([]uint64, len(distinct)*rows)
	for d, x := range distinct {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		window := max(0, q-x)
		for k := range max(1, min(kmax+1, rows-1)) {
			var t uint64
			for j := 0; j <= k || rows == 1; j++ {
				hi := q - 1 - j*x
				if hi < 0 {
					break
				}
				r := k - j
				if rows == 1 {
					r = 0
				}
				term := subMod(prefix(r, hi), prefix(r, window-1-j*x), m)
				if j%2 == 0 {
					t = addMod(t, term, m)
				} else {
					t = subMod(t, term, m)
				}
			}
			out[d*rows+k] = t
		}
	}
	return out, nil
}

// addMod returns a+b mod m for a, b < m < 2^63, without a branch (the sums are random, so a
// branch would be mispredicted half the time). m = 0 stands for 2^64: plain wrap-around.
func addMod(a, b, m uint64) uint64 {
	t, borrow := bits.Sub64(a+b, m, 0)
	return t + m&-borrow
}

// subMod returns a−b mod m for a, b < m (m = 0 standing for 2^64), without a branch.
func subMod(a, b, m uint64) uint64 {
	d, borrow := bits.Sub64(a, b, 0)
	return d + m&-borrow
}

// prevPrime returns the largest prime ≤ p (p odd or even, p ≥ 3). big.Int.ProbablyPrime is
// exact below 2^64 (Baillie–PSW).
func prevPrime(p uint64) uint64 {
	b := new(big.Int)
	for ; ; p-- {
		if b.SetUint64(p).ProbablyPrime(0) {
			return p
		}
	}
}

// crtBasis reconstructs integers from their residues modulo 2^64 and primes below 2^63 by
// Garner's mixed-radix algorithm (Knuth TAOCP vol. 2 §4.3.2): the digits are found in uint64
// arithmetic, and only the final sum Σ aⱼ·Mⱼ, Mⱼ = Π_{i<j} mᵢ, uses math/big.
type crtBasis struct {
	moduli []uint64   // moduli[0] = 0 stands for 2^64
	mModP  [][]uint64 // mModP[j][i] = Mᵢ mod moduli[j], i < j
	inv    []uint64   // inv[j] = (Mⱼ mod moduli[j])⁻¹ mod moduli[j]
	m      []*big.Int // Mⱼ
}

func newCRTBasis(moduli []uint64) *crtBasis {
	c := &crtBasis{moduli: moduli, mModP: make([][]uint64, len(moduli)), inv: make([]uint64, len(moduli)), m: make([]*big.Int, len(moduli))}
	c.m[0] = big.NewInt(1)
	p, r := new(big.Int), new(big.Int)
	for j := 1; j < len(moduli); j++ {
		prev := new(big.Int).SetUint64(moduli[j-1])
		if moduli[j-1] == 0 {
			prev.Lsh(big.NewInt(1), 64)
		}
		c.m[j] = new(big.Int).Mul(c.m[j-1], prev)
		p.SetUint64(moduli[j])
		c.mModP[j] = make([]uint64, j)
		for i := range j {
			c.mModP[j][i] = r.Mod(c.m[i], p).Uint64()
		}
		c.inv[j] = r.ModInverse(r.Mod(c.m[j], p), p).Uint64()
	}
	return c
}

// join returns the integer in [0, Π moduli) with residues r.
func (c *crtBasis) join(r []uint64) *big.Int {
	var digits [32]uint64 // enough moduli for n ≤ 1986; larger games allocate
	a := digits[:0]
	if len(r) > len(digits) {
		a = make([]uint64, 0, len(r))
	}
	zero := true
	for j, rj := range r {
		zero = zero && rj == 0
		if j == 0 {
			a = append(a, rj)
			continue
		}
		p := c.moduli[j]
		var s uint64 // Σ_{i<j} aᵢ·Mᵢ mod p
		for i, ai := range a {
			s = addMod(s, mulMod(ai, c.mModP[j][i], p), p)
		}
		a = append(a, mulMod(subMod(rj%p, s, p), c.inv[j], p))
	}
	x := new(big.Int)
	if zero {
		return x
	}
	t := new(big.Int)
	for j, aj := range a {
		x.Add(x, t.Mul(c.m[j], t.SetUint64(aj)))
	}
	return x
}

// mulMod returns a·b mod p for b < p (a may be any uint64, so a·b < 2^64·p and the high word
// of the product is below p, as bits.Div64 requires).
func mulMod(a, b, p uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	_, rem := bits.Div64(hi, lo, p)
	return rem
}
