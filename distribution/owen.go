package distribution

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Players in groups: a coalition structure (a priori unions) is a partition of the players
// into groups — all sensors of one district, all riders of one cooperative — that bargain as
// blocks. Two questions follow: what is each group worth (the Shapley value of the quotient
// game, where the groups are the players), and how is that split within the group (the Owen
// value). Owen, "Values of games with a priori unions", in Henn & Moeschlin (eds.),
// Mathematical Economics and Game Theory, Springer 1977, pp. 76–88.

// checkGroups validates a partition of 0..n-1 and returns, per player, its group.
func checkGroups(n int, groups [][]int) ([]int, error) {
	if len(groups) == 0 {
		return nil, &InputError{Field: "len(groups)", Value: "0", Reason: "be at least 1"}
	}
	of := make([]int, n)
	for i := range of {
		of[i] = -1
	}
	for k, grp := range groups {
		if len(grp) == 0 {
			return nil, &InputError{Field: fmt.Sprintf("groups[%d]", k), Value: "[]", Reason: "not be empty"}
		}
		for j, p := range grp {
			switch {
			case p < 0 || p >= n:
				return nil, &InputError{Field: fmt.Sprintf("groups[%d][%d]", k, j), Value: strconv.Itoa(p), Reason: fmt.Sprintf("be a player in [0, %d)", n)}
			case of[p] >= 0:
				return nil, &InputError{Field: fmt.Sprintf("groups[%d][%d]", k, j), Value: strconv.Itoa(p), Reason: fmt.Sprintf("not repeat a player of groups[%d]", of[p])}
			}
			of[p] = k
		}
	}
	for p, k := range of {
		if k < 0 {
			return nil, &InputError{Field: "groups", Value: fmt.Sprintf("%d groups", len(groups)), Reason: fmt.Sprintf("cover every player; player %d is in none", p)}
		}
	}
	return of, nil
}

// QuotientGame is the game whose players are the groups of a coalition structure of g:
// v_Q(R) = v(∪_{k∈R} B_k). Its Shapley value is what each group earns as a block, and the
// Owen values of a group's members sum to it (Owen 1977, the quotient game property). It is
// an IncrementalGame when g is one (adding a group adds its members), and safe for concurrent
// use when g is.
type QuotientGame struct {
	g      Game
	groups [][]int
}

// NewQuotientGame returns the quotient game of g for groups, a partition of g's players (every
// player in exactly one non-empty group). groups is copied.
func NewQuotientGame(g Game, groups [][]int) (*QuotientGame, error) {
	if g == nil {
		return nil, &InputError{Field: "game", Value: "nil", Reason: "not be nil"}
	}
	if _, err := checkGroups(g.Players(), groups); err != nil {
		return nil, err
	}
	cp := make([][]int, len(groups))
	for k, grp := range groups {
		cp[k] = append([]int(nil), grp...)
	}
	return &QuotientGame{g: g, groups: cp}, nil
}

// Players returns the number of groups.
func (q *QuotientGame) Players() int { return len(q.groups) }

// Value returns the worth in g of the union of the groups in coalition.
func (q *QuotientGame) Value(coalition []int) float64 {
	var members []int
	for _, k := range coalition {
		members = append(members, q.groups[k]...)
	}
	return q.g.Value(sortedCopy(members))
}

// NewState returns the incremental form when g is an IncrementalGame, and a state that
// re-evaluates the union through Value otherwise.
func (q *QuotientGame) NewState() CoalitionState {
	return &quotientState{q: q, inner: incrementalState(q.g)}
}

type quotientState struct {
	q       *QuotientGame
	inner   CoalitionState // nil: through Value
	members []int
}

func (s *quotientState) Reset() float64 {
	s.members = s.members[:0]
	if s.inner != nil {
		return s.inner.Reset()
	}
	return s.q.g.Value(nil)
}

func (s *quotientState) Add(k int) float64 {
	if s.inner != nil {
		var v float64
		for _, p := range s.q.groups[k] {
			v = s.inner.Add(p)
		}
		return v
	}
	s.members = append(s.members, s.q.groups[k]...)
	return s.q.g.Value(sortedCopy(s.members))
}

func sortedCopy(x []int) []int {
	c := slices.Clone(x)
	slices.Sort(c)
	return c
}

// Owen returns the exact Owen value of g for the coalition structure groups (Owen 1977):
// with m groups, player i of group B_k (b = |B_k|),
//
//	φᵢ = Σ_{R ⊆ M∖{k}} Σ_{T ⊆ B_k∖{i}} r!(m−r−1)!/m! · t!(b−t−1)!/b! · [v(Q_R ∪ T ∪ {i}) − v(Q_R ∪ T)],
//
// where Q_R is the union of the groups in R — the expected marginal contribution of i when
// the groups arrive in a random order and, within its group, the members too. It is
// efficient (Σφ = v(N) − v(∅)), equals the Shapley value when there is one group or every
// group is a singleton, and the members of a group sum to the group's Shapley value in the
// QuotientGame. n ≤ MaxExactPlayers; O(n·2^(n−1)) evaluations at most.
func Owen(ctx context.Context, g Game, groups [][]int) ([]float64, error) {
	n, err := checkGamePlayers("Owen", g, MaxExactPlayers)
	if err != nil {
		return nil, err
	}
	if _, err := checkGroups(n, groups); err != nil {
		return nil, err
	}
	v, err := coalitionTable(ctx, g, n)
	if err != nil {
		return nil, err
	}
	m := len(groups)
	masks := make([]uint64, m)
	for k, grp := range groups {
		for _, p := range grp {
			masks[k] |= 1 << uint(p)
		}
	}
	lf := func(x int) float64 { return lgammaOf(float64(x + 1)) }
	phi := make([]float64, n)
	steps := 0
	for k, grp := range groups {
		others := make([]uint64, 0, m-1)
		for j := range m {
			if j != k {
				others = append(others, masks[j])
			}
		}
		b := len(grp)
		for r := range uint64(1) << uint(m-1) {
			var q uint64
			for j, om := range others {
				if r>>uint(j)&1 == 1 {
					q |= om
				}
			}
			rs := bits.OnesCount64(r)
			wR := math.Exp(lf(rs) + lf(m-rs-1) - lf(m))
			for _, i := range grp {
				rest := masks[k] &^ (1 << uint(i))
				// T runs over the subsets of rest (Knuth's subset enumeration, TAOCP 7.1.3).
				for t := uint64(0); ; t = (t - rest) & rest {
					if steps++; steps%ctxCheckEvery == 0 {
						if err := ctx.Err(); err != nil {
							return nil, ctxError(err)
						}
					}
					ts := bits.OnesCount64(t)
					w := wR * math.Exp(lf(ts)+lf(b-ts-1)-lf(b))
					s := q | t
					phi[i] += w * (v[s|1<<uint(i)] - v[s])
					if t == rest {
						break
					}
				}
			}
		}
	}
	return phi, nil
}

// SampleOwen estimates the Owen value of g for the coalition structure groups by sampling
// orders of arrival consistent with it — a uniformly random order of the groups, and within
// each group a uniformly random order of its members — and averaging each player's marginal
// contribution, the sampling estimator of Saavedra-Nieves & Fiestras-Janeiro ("Sampling
// methods to estimate the Banzhaf–Owen value", Annals of OR 2021, whose scheme for the Owen
// value this is; see also Owen 1977). One order costs n evaluations (O(n) for an
// IncrementalGame). opt is read as for SampleShapley: the same seed gives the same Estimate
// on any number of workers, antithetic pairs (the reverse of a consistent order is
// consistent), truncation, TargetStdErr, and shards over Start that Estimate.Merge combines.
// The Estimate's Method is "owen".
func SampleOwen(ctx context.Context, g Game, groups [][]int, opt SampleOptions) (Estimate, error) {
	if g == nil {
		return Estimate{}, &InputError{Field: "game", Value: "nil", Reason: "not be nil"}
	}
	if _, err := checkGroups(g.Players(), groups); err != nil {
		return Estimate{}, err
	}
	cp := make([][]int, len(groups))
	for k, grp := range groups {
		cp[k] = append([]int(nil), grp...)
	}
	return samplePermutations(ctx, g, opt, "owen", func(src *rand.PCG, perm []int) {
		order := make([]int, len(cp)) // small: one int per group
		shufflePerm(src, order)
		at := 0
		for _, k := range order {
			seg := perm[at : at+len(cp[k])]
			copy(seg, cp[k])
			for i := len(seg) - 1; i > 0; i-- {
				j := int(uniformBelow(src, uint64(i+1)))
				seg[i], seg[j] = seg[j], seg[i]
			}
			at += len(seg)
		}
	})
}
