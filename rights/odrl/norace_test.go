//go:build !race

package odrl

// raceSlowdown scales the abuse tests' time bound: 1 without the race detector.
const raceSlowdown = 1
