package mcrun

import "math/rand/v2"

// Seed seeds src with the stream of index i (a draw or a block) of a run seeded with seed: a
// PCG (O'Neill, "PCG: a family of simple fast space-efficient statistically good algorithms
// for random number generation", 2014) whose two seed words are SplitMix64 hashes of
// (seed, i). Every index owns its stream, so results do not depend on which goroutine computes
// which index, nor in which order.
func Seed(src *rand.PCG, seed, i uint64) {
	a := SplitMix64(seed ^ SplitMix64(i))
	src.Seed(a, SplitMix64(a^0x6a09e667f3bcc909))
}

// SplitMix64 is the output function of SplittableRandom (Steele, Lea & Flood, "Fast
// splittable pseudorandom number generators", OOPSLA 2014): a bijective scrambler of 64-bit
// words.
func SplitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
