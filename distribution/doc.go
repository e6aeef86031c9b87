// Package distribution shares the income of data assets exactly and measures how evenly it is
// shared.
//
// It holds exact money allocation (largest remainder, conserving every minor unit),
// waterfalls and royalties up a rights chain, claims rules for shortfalls, cooperative-game
// values (Shapley, Banzhaf, semivalues, least core, nucleolus, weighted voting, KNN-Shapley,
// sampled estimates), inequality measures (Gini, Theil, mean log deviation, Atkinson, Palma,
// Lorenz curves) and redistribution schemes.
//
// # Cooperative games: who earned what
//
// When several holders' data make one product, a Game gives every coalition of holders its
// worth v(S) (revenue, accuracy, coverage); a TableGame holds v for all 2^n coalitions by
// bitmask, and AdditiveGame, NewGloveGame, MarketGame, AirportGame and WeightedVoting are
// ready-made games. Games that also implement MaskGame are evaluated by bitmask.
//
//   - Exact values, n ≤ MaxExactPlayers (25): Shapley (efficient: Σφ = v(N) − v(∅)),
//     Banzhaf (raw), BetaShapley and any Semivalue given by coalition-size weights, all from
//     one allocation-free pass over the coalitions; NormalizeValues makes the non-efficient
//     ones sum to the revenue.
//   - Sets and their centres, n ≤ MaxLPPlayers (14): LeastCore (ε and the prenucleolus),
//     Nucleolus, Prenucleolus, by sequential linear programs (gonum simplex).
//   - Closed forms for any n: WeightedVoting.ShapleyShubik and .Banzhaf (exact, by dynamic
//     programming over weights), AirportGame.Shapley, KNNShapley (Jia et al. 2019).
//   - Sampling for large games: SampleShapley (permutations, antithetic pairs, truncation,
//     TargetStdErr) and SampleBanzhaf (maximum sample reuse). The same seed gives the same
//     Estimate on any number of workers; shards over disjoint index ranges merge with
//     Estimate.Merge; a cancelled context returns the estimate so far.
//   - Into money: ToMoney splits a revenue in proportion to any value vector, exactly to the
//     minor unit (negative values are paid nothing); ReplicationRobust discounts sellers whose
//     data duplicate each other's (Agarwal, Dahleh & Sarkar 2019).
//
// The exact methods and closed forms are checked in the tests against brute-force oracles in
// rational arithmetic; the samplers against the exact values (within four standard errors).
package distribution
