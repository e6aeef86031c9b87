// Package distribution shares the income of data assets exactly and measures how evenly it is
// shared.
//
// It holds exact money allocation (largest remainder, conserving every minor unit),
// waterfalls and royalties up a rights chain, claims rules for shortfalls, cooperative-game
// values (Shapley, Banzhaf, semivalues, least core, nucleolus, weighted voting, KNN-Shapley,
// sampled estimates), inequality measures (Gini, Theil, mean log deviation, Atkinson, Palma,
// Lorenz curves) and redistribution schemes.
package distribution
