// Package distribution shares the income of data assets exactly and measures how evenly it is
// shared.
//
// It holds exact money allocation (largest remainder, conserving every minor unit),
// waterfalls and royalties up a rights chain, claims rules for shortfalls, cooperative-game
// values (Shapley, Banzhaf, semivalues, least core, nucleolus, weighted voting, KNN-Shapley,
// sampled estimates), inequality measures (Gini, Theil, mean log deviation, Atkinson, Palma,
// Lorenz curves) and redistribution schemes.
//
// # Sharing money exactly
//
// Every function that splits money conserves it to the minor unit: the parts sum exactly
// to the whole, computed in integers (64×64→128-bit, math/big beyond) and never float64.
//
//   - Allocate splits a total by weights (largest remainder, Hamilton's method); Split into
//     n near-equal parts; AllocateBounded within per-party floors and caps.
//   - A Waterfall runs an income through ordered tiers — fixed amounts, percentages of what
//     remains or of the gross, floors and caps, a catch-up, a residual — and returns the
//     ledger: exchange fee → commission → tax → royalties → contributors by weight.
//   - A RoyaltyChain settles a sale up a rights chain: each party owes upstream parties a
//     share of its income and fixed fees (the terms of rights.Royalty), over several levels
//     and several parent assets.
//   - ClaimsRule divides a shortfall among creditors: Proportional, ConstrainedEqualAwards,
//     ConstrainedEqualLosses, Talmud (Aumann–Maschler) and RandomArrival (O'Neill).
//   - LevyDividend (a progressive Levy funding a dividend, equal, by need or to a target
//     group) and DataDividend (a share of platform revenue to data subjects) redistribute
//     incomes and report every flow and the inequality before and after.
//
// # Measuring inequality
//
// Gini, Theil, MeanLogDeviation, GeneralizedEntropy, Atkinson and Palma take incomes and
// optional population weights (nil: all 1; integer weights act as frequency weights, so
// f(x, w) equals f of x with each xᵢ repeated wᵢ times; a zero weight leaves its income out)
// and return float64; Lorenz returns the curve and its area; SummarizeInequality collects
// them. Invalid input (no incomes, NaN or infinite values, negative weights, weights of
// another length) is an *InputError. Negative incomes (Shapley values can be negative) keep
// Gini, Lorenz and Palma defined while the mean is positive — Gini may then exceed 1; the
// entropy family and Atkinson return an *UndefinedError instead of a silently wrong number,
// as do zeros where a logarithm or a negative power needs them, and a mean of zero or less.
//
// # Cooperative games: who earned what
//
// When several holders' data make one product, a Game gives every coalition of holders its
// worth v(S) (revenue, accuracy, coverage); a TableGame holds v for all 2^n coalitions by
// bitmask, and AdditiveGame, NewGloveGame, MarketGame, AirportGame and WeightedVoting are
// ready-made games. Games that also implement MaskGame are evaluated by bitmask.
//
//   - Exact values, n ≤ DefaultExactPlayers (20; up to MaxExactPlayers, 25, through Limits):
//     Shapley (efficient: Σφ = v(N) − v(∅)), Banzhaf (raw), BetaShapley and any Semivalue
//     given by coalition-size weights, all from one allocation-free pass over the
//     coalitions; NormalizeValues makes the non-efficient ones sum to the revenue.
//   - Sets and their centres, n ≤ MaxLPPlayers (14): LeastCore (ε and the prenucleolus),
//     Nucleolus, Prenucleolus, by sequential linear programs (an anti-cycling simplex that
//     always ends: internal/lpsolve).
//   - Closed forms for any n: WeightedVoting.ShapleyShubik and .Banzhaf (exact, by dynamic
//     programming over weights), AirportGame.Shapley, KNNShapley (Jia et al. 2019).
//   - Sampling for large games: SampleShapley (permutations, antithetic pairs, truncation,
//     TargetStdErr) and SampleBanzhaf (maximum sample reuse). The same seed gives the same
//     Estimate on any number of workers; shards over disjoint index ranges merge with
//     Estimate.Merge; a cancelled context returns the estimate so far.
//   - At scale: a game that implements IncrementalGame (AdditiveGame, AirportGame,
//     WeightedVoting, CoverageGame, KNNGame, QuotientGame) adds one player at a time, so a
//     permutation costs O(n) instead of O(n²), with estimates identical to those through
//     Value. Owen and SampleOwen value players in groups (a coalition structure), and
//     QuotientGame the groups themselves; SampleShapleyPerPlayer stops each player at its own
//     standard error; SampleShapleyStratified samples by coalition size; CachedGame remembers
//     a costly game's worths. SampleBlocks cuts a run into shards that Estimate.Merge folds
//     back bit for bit — what the separate module beam/ runs on Apache Beam.
//   - Into money: ToMoney splits a revenue in proportion to any value vector, exactly to the
//     minor unit (negative values are paid nothing); ReplicationRobust discounts sellers whose
//     data duplicate each other's (Agarwal, Dahleh & Sarkar 2019).
//
// The exact methods and closed forms are checked in the tests against brute-force oracles in
// rational arithmetic; the samplers against the exact values (within four standard errors).
//
// # Bounded cost on untrusted input
//
// A game decoded from a few bytes of JSON can ask for exponential work. Every long
// computation takes a context and checks it at short intervals (the exact enumerations every
// 2^16 coalitions, the samplers before every draw and every 256 evaluations within a
// permutation, the weighted-voting programs after every pass); decoders bound their input
// before allocating; and Limits, whose zero value is the safe default, bounds the exact
// methods before they start — Shapley, Banzhaf and WeightedVoting's indices use it, and
// Limits.Shapley or WeightedVoting.ShapleyShubikContext let a caller choose more. Sampling
// options allow at most MaxWorkers goroutines, and a run's memory depends on its workers and
// players, never on the number of draws. The samplers, valuation.MonteCarlo and
// pricing.SimulateRevenue share one seeded parallel runner (blocks with their own seeds,
// reduced in order, Welford/Chan moments), so Workers means the same everywhere: zero is one
// goroutine, and the result never depends on it.
package distribution
