//go:build race

package odrl

// raceSlowdown scales the abuse tests' time bound: the race detector slows code 5–10×.
const raceSlowdown = 10
