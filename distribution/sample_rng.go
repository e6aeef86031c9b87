package distribution

import (
	"math/bits"
	"math/rand/v2"
)

// drawSource returns the random source of draw index d of a run seeded with seed: a PCG
// (O'Neill 2014) whose two seed words are SplitMix64 hashes (Steele, Lea & Flood 2014) of
// (seed, d). Every draw owns its stream, so the draws — and every estimate built from them —
// do not depend on which goroutine computes them or in which order.
func drawSource(src *rand.PCG, seed, d uint64) {
	a := splitMix64(seed ^ splitMix64(d))
	src.Seed(a, splitMix64(a^0x6a09e667f3bcc909))
}

func splitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// uniformBelow returns a uniform integer in [0, bound) by Lemire's multiply-and-reject method
// ("Fast random integer generation in an interval", ACM TOMACS 2019). It is written here,
// not taken from math/rand/v2, so that the permutations are fixed by this code alone.
func uniformBelow(src *rand.PCG, bound uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), bound)
	if lo < bound {
		t := -bound % bound
		for lo < t {
			hi, lo = bits.Mul64(src.Uint64(), bound)
		}
	}
	return hi
}

// shuffle fills perm with a uniform random permutation of 0..len(perm)-1 (Fisher–Yates,
// Knuth TAOCP vol. 2, Algorithm P).
func shufflePerm(src *rand.PCG, perm []int) {
	for i := range perm {
		perm[i] = i
	}
	for i := len(perm) - 1; i > 0; i-- {
		j := int(uniformBelow(src, uint64(i+1)))
		perm[i], perm[j] = perm[j], perm[i]
	}
}
