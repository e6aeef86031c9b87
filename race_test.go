//go:build race

package assay

// raceEnabled makes the long property tests run fewer operations under the race detector,
// which slows them about tenfold.
const raceEnabled = true
