package distribution

import (
	"math/bits"
	"math/rand/v2"
)

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
