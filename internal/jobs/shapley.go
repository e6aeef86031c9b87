package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/internal/cli"
)

// ShapleyInput is the input of `assay shapley`: the players' names, a cooperative game, the
// method and, optionally, a revenue to split by the Shapley values. Schema:
// shapley.input.json.
type ShapleyInput struct {
	Players []string        `json:"players"`
	Game    json.RawMessage `json:"game"` // {"kind": "coverage"|"voting"|"table"|"additive"|"airport", …}
	// Method is "exact" (the default: Shapley and Banzhaf values), "sampled" (permutation
	// sampling with Sample) or "both".
	Method  string                     `json:"method,omitzero"`
	Sample  distribution.SampleOptions `json:"sample,omitzero"`
	Revenue assay.Money                `json:"revenue,omitzero"` // split by Shapley (exact, else sampled) values with distribution.ToMoney

	game distribution.Game
}

// Bounds on the games `assay shapley` accepts.
const (
	MaxExactPlayers   = distribution.MaxExactPlayers // exact values enumerate 2^n coalitions
	MaxSampledPlayers = 10_000
	MaxPermutations   = 1_000_000
)

// DecodeShapley reads a ShapleyInput and builds its game.
func DecodeShapley(data []byte) (ShapleyInput, error) {
	var in ShapleyInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	switch in.Method {
	case "":
		in.Method = "exact"
	case "exact", "sampled", "both":
	default:
		return in, inputErr("method", in.Method, `must be "exact", "sampled" or "both"`)
	}
	if len(in.Players) == 0 {
		return in, inputErr("players", "", "is required: one name per player")
	}
	limit := MaxSampledPlayers
	if in.Method != "sampled" {
		limit = MaxExactPlayers
	}
	if len(in.Players) > limit {
		return in, inputErr("players", strconv.Itoa(len(in.Players)), fmt.Sprintf("at most %d players for method %q", limit, in.Method))
	}
	if p := in.Sample.MaxPermutations; p < 0 || p > MaxPermutations {
		return in, inputErr("sample.maxPermutations", strconv.Itoa(p), "must be 0 (the default, 1000) or from 1 to "+strconv.Itoa(MaxPermutations))
	}
	if w := in.Sample.Workers; w < 0 || w > 256 {
		return in, inputErr("sample.workers", strconv.Itoa(w), "must be from 0 (one goroutine) to 256")
	}
	if s := in.Sample.TargetStdErr; s < 0 || math.IsNaN(s) {
		return in, inputErr("sample.targetStdErr", strconv.FormatFloat(s, 'g', -1, 64), "must be 0 (off) or positive")
	}
	if in.Revenue.Amount().IsNegative() {
		return in, inputErr("revenue", in.Revenue.String(), "must not be negative: a revenue to share")
	}
	g, err := decodeGame(in.Game, len(in.Players))
	if err != nil {
		return in, err
	}
	in.game = g
	return in, nil
}

// decodeGame builds the game named by its "kind".
func decodeGame(raw json.RawMessage, n int) (distribution.Game, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, inputErr("game", "", `is required: {"kind": "coverage"|"voting"|"table"|"additive"|"airport", …}`)
	}
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, inputErr("game", "", "must be an object with a kind")
	}
	// The kind's own fields, without "kind", for the library's decoders.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, inputErr("game", "", "must be an object with a kind")
	}
	delete(fields, "kind")
	body, _ := json.Marshal(fields)
	var g distribution.Game
	switch head.Kind {
	case "coverage":
		var c CoverageGame
		if err := decode(body, &c); err != nil {
			return nil, fmt.Errorf("game: %w", err)
		}
		if err := c.check(n); err != nil {
			return nil, err
		}
		g = c
	case "voting":
		var w distribution.WeightedVoting
		if err := w.UnmarshalJSON(body); err != nil {
			return nil, fmt.Errorf("game: %w", err)
		}
		g = &w
	case "table":
		var t distribution.TableGame
		if err := t.UnmarshalJSON(body); err != nil {
			return nil, fmt.Errorf("game: %w", err)
		}
		g = &t
	case "additive":
		var a distribution.AdditiveGame
		if err := a.UnmarshalJSON(body); err != nil {
			return nil, fmt.Errorf("game: %w", err)
		}
		g = &a
	case "airport":
		var a distribution.AirportGame
		if err := a.UnmarshalJSON(body); err != nil {
			return nil, fmt.Errorf("game: %w", err)
		}
		g = &a
	default:
		return nil, inputErr("game.kind", head.Kind, `must be one of "coverage", "voting", "table", "additive", "airport"`)
	}
	if g.Players() != n {
		return nil, inputErr("game", strconv.Itoa(g.Players())+" players", "must have one player per name in players ("+strconv.Itoa(n)+")")
	}
	return g, nil
}

// CoverageGame is the worth of pooled data that observes items (districts, roads, product
// lines) of given weights, each player observing a fraction of each item independently of
// the others: v(S) = Σ_d weight_d · (1 − Π_{i∈S} (1 − coverage_{i,d})). Sources overlap, so
// stand-alone worths add up to more than the pool. It is a distribution.MaskGame, immutable
// and safe for concurrent use.
type CoverageGame struct {
	Items    []CoverageItem `json:"items"`
	Coverage [][]float64    `json:"coverage"` // one row per player, one fraction in [0, 1] per item
}

// CoverageItem is an item of a CoverageGame and its weight (a share of traffic, revenue …).
type CoverageItem struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
}

func (g CoverageGame) check(n int) error {
	if len(g.Items) == 0 || len(g.Items) > 10_000 {
		return inputErr("game.items", strconv.Itoa(len(g.Items)), "must hold from 1 to 10000 items")
	}
	for d, it := range g.Items {
		if !(it.Weight >= 0 && it.Weight <= 1e12) {
			return inputErr(fmt.Sprintf("game.items[%d].weight", d), strconv.FormatFloat(it.Weight, 'g', -1, 64), "must be a number from 0 to 1e12")
		}
	}
	if len(g.Coverage) != n {
		return inputErr("game.coverage", strconv.Itoa(len(g.Coverage))+" rows", "must have one row per player ("+strconv.Itoa(n)+")")
	}
	for i, row := range g.Coverage {
		if len(row) != len(g.Items) {
			return inputErr(fmt.Sprintf("game.coverage[%d]", i), strconv.Itoa(len(row))+" values", "must have one fraction per item ("+strconv.Itoa(len(g.Items))+")")
		}
		for d, c := range row {
			if !(c >= 0 && c <= 1) {
				return inputErr(fmt.Sprintf("game.coverage[%d][%d]", i, d), strconv.FormatFloat(c, 'g', -1, 64), "must be a fraction from 0 to 1")
			}
		}
	}
	return nil
}

// Players implements distribution.Game.
func (g CoverageGame) Players() int { return len(g.Coverage) }

// Value implements distribution.Game.
func (g CoverageGame) Value(coalition []int) float64 {
	var m uint64
	for _, i := range coalition {
		m |= 1 << uint(i)
	}
	return g.ValueMask(m)
}

// ValueMask implements distribution.MaskGame.
func (g CoverageGame) ValueMask(mask uint64) float64 {
	var v float64
	for d, it := range g.Items {
		missed := 1.0
		for i, row := range g.Coverage {
			if mask&(1<<uint(i)) != 0 {
				missed *= 1 - row[d]
			}
		}
		v += it.Weight * (1 - missed)
	}
	return v
}

// ShapleyOutput is the output of `assay shapley`. Schema: shapley.output.json.
type ShapleyOutput struct {
	Method       string        `json:"method"`
	GrandValue   float64       `json:"grandValue"` // v(N)
	Players      []PlayerValue `json:"players"`
	Permutations int           `json:"permutations,omitzero"` // sampled
	Seed         uint64        `json:"seed"`                  // of the sample
	Revenue      assay.Money   `json:"revenue,omitzero"`
	Gini         *float64      `json:"gini"` // of the payouts (or of the values when no revenue); null if undefined
}

// PlayerValue is one player's values. Banzhaf values are raw (probabilistic) and, normalised,
// scaled to sum to v(N).
type PlayerValue struct {
	Name              string      `json:"name"`
	StandAlone        float64     `json:"standAlone"` // v({i})
	Shapley           *float64    `json:"shapley"`    // exact; null when sampled only
	Banzhaf           *float64    `json:"banzhaf"`
	BanzhafNormalized *float64    `json:"banzhafNormalized"`
	Sampled           *float64    `json:"sampledShapley"` // null when exact only
	StdErr            *float64    `json:"sampledStdErr"`
	Payout            assay.Money `json:"payout,omitzero"`
}

// Shapley computes the values the method asks for and splits the revenue, if any, by the
// exact Shapley values (the sampled ones when the method is "sampled").
func Shapley(ctx context.Context, in ShapleyInput) (ShapleyOutput, error) {
	g := in.game
	if g == nil {
		return ShapleyOutput{}, inputErr("game", "", "not decoded: use DecodeShapley")
	}
	n := g.Players()
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	out := ShapleyOutput{Method: in.Method, GrandValue: g.Value(all), Revenue: in.Revenue}
	out.Players = make([]PlayerValue, n)
	for i := range out.Players {
		out.Players[i] = PlayerValue{Name: in.Players[i], StandAlone: g.Value([]int{i})}
	}
	var split []float64
	if in.Method != "sampled" {
		var phi, bz []float64
		var err error
		if w, ok := g.(*distribution.WeightedVoting); ok {
			// Exact by dynamic programming over the weights, fast for many players.
			if phi, err = w.ShapleyShubik(); err == nil {
				bz, err = w.Banzhaf()
			}
		} else if c, ok := g.(CoverageGame); ok {
			phi, bz = c.values()
		} else if phi, err = distribution.Shapley(ctx, g); err == nil {
			bz, err = distribution.Banzhaf(ctx, g)
		}
		if err != nil {
			return out, err
		}
		norm, nerr := distribution.NormalizeValues(bz, out.GrandValue)
		for i := range out.Players {
			out.Players[i].Shapley, out.Players[i].Banzhaf = &phi[i], &bz[i]
			if nerr == nil {
				out.Players[i].BanzhafNormalized = &norm[i]
			}
		}
		split = phi
	}
	if in.Method != "exact" {
		opt := in.Sample
		est, err := distribution.SampleShapley(ctx, g, opt)
		if err != nil {
			return out, err
		}
		out.Permutations, out.Seed = est.Permutations, opt.Seed
		for i := range out.Players {
			out.Players[i].Sampled = &est.Values[i]
			if est.StdErr != nil {
				out.Players[i].StdErr = &est.StdErr[i]
			}
		}
		if split == nil {
			split = est.Values
		}
	}
	gini := split
	if !in.Revenue.Currency().IsZero() {
		pay, err := distribution.ToMoney(split, in.Revenue)
		if err != nil {
			return out, fmt.Errorf("revenue: %w", err)
		}
		gini = make([]float64, n)
		for i := range pay {
			out.Players[i].Payout = pay[i]
			gini[i] = pay[i].Amount().InexactFloat64()
		}
	}
	if v, err := distribution.Gini(gini, nil); err == nil {
		out.Gini = &v
	}
	return out, nil
}

// Sheets returns the tables "values" and, with a revenue, "payouts".
func (r ShapleyOutput) Sheets() []cli.Sheet {
	num := func(p *float64, digits int) any {
		if p == nil {
			return ""
		}
		return cli.Num{V: *p, Digits: digits}
	}
	v := cli.Sheet{Name: "values", Title: "Value of each player (in the game's unit)",
		Header: []string{"player", "alone", "Shapley", "Banzhaf", "Banzhaf norm.", "sampled Shapley", "± std. err."}}
	for _, p := range r.Players {
		alone := p.StandAlone
		v.Add(p.Name, num(&alone, 4), num(p.Shapley, 4), num(p.Banzhaf, 4), num(p.BanzhafNormalized, 4), num(p.Sampled, 4), num(p.StdErr, 4))
	}
	v.Notes = []string{fmt.Sprintf("Grand coalition v(N) = %.4f; Σ Shapley = v(N) (efficient); Σ Banzhaf ≠ v(N) until normalised.", r.GrandValue)}
	if r.Method != "exact" {
		v.Notes = append(v.Notes, fmt.Sprintf("Sampled: %d permutations, seed %d; the same seed gives the same estimate on any number of workers.", r.Permutations, r.Seed))
	}
	out := []cli.Sheet{v}
	if !r.Revenue.Currency().IsZero() {
		p := cli.Sheet{Name: "payouts", Title: "Revenue split, " + r.Revenue.String(), Header: []string{"player", "payout"}}
		for _, pl := range r.Players {
			p.Add(pl.Name, pl.Payout)
		}
		p.Notes = []string{"The payouts sum exactly to the revenue (largest remainder in minor units, distribution.ToMoney)."}
		if r.Gini != nil {
			p.Notes = append(p.Notes, fmt.Sprintf("Gini of the payouts: %.4f.", *r.Gini))
		}
		out = append(out, p)
	}
	return out
}

// values returns the exact Shapley and raw Banzhaf values of the coverage game in O(n³·D)
// time for n players and D items, instead of enumerating 2^n coalitions.
//
// The game is a sum over items (Shapley's additivity axiom, L. S. Shapley, "A value for
// n-person games", 1953), and in item d player i's marginal contribution to a coalition S
// without i is w_d · c_id · Π_{h∈S} (1 − c_hd). Summing over S by size k with the Shapley
// weight k!(n−k−1)!/n! needs, for each k, the sum of Π over the k-subsets of the others: the
// elementary symmetric polynomial e_k of the numbers (1 − c_hd), h ≠ i, which the product
// Π_{h≠i} (1 + (1 − c_hd)·z) yields as its coefficients. The raw Banzhaf value weighs every
// S by 1/2^(n−1), so it is w_d · c_id · Π_{h≠i} (1 + (1 − c_hd)) / 2^(n−1). The tests check
// both against distribution.Shapley and distribution.Banzhaf.
func (g CoverageGame) values() (shapley, banzhaf []float64) {
	n := len(g.Coverage)
	shapley, banzhaf = make([]float64, n), make([]float64, n)
	// weight[k] = k!(n−k−1)!/n!, by the recurrence weight[k+1] = weight[k]·(k+1)/(n−k−1).
	weight := make([]float64, n)
	weight[0] = 1 / float64(n)
	for k := 0; k+1 < n; k++ {
		weight[k+1] = weight[k] * float64(k+1) / float64(n-k-1)
	}
	e := make([]float64, n)
	for i := range n {
		for d, it := range g.Items {
			if it.Weight == 0 || g.Coverage[i][d] == 0 {
				continue
			}
			clear(e)
			e[0] = 1
			m, half := 0, 1.0
			for h := range n {
				if h == i {
					continue
				}
				q := 1 - g.Coverage[h][d]
				m++
				for k := m; k > 0; k-- {
					e[k] += q * e[k-1]
				}
				half *= (1 + q) / 2
			}
			var s float64
			for k := range n {
				s += weight[k] * e[k]
			}
			shapley[i] += it.Weight * g.Coverage[i][d] * s
			banzhaf[i] += it.Weight * g.Coverage[i][d] * half
		}
	}
	return shapley, banzhaf
}
