//go:build !race

package assay

const raceEnabled = false
