package distribution

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchCoverage is a coverage game of n players, each covering three of 2n items.
func benchCoverage(b *testing.B, n int) *CoverageGame {
	b.Helper()
	rng := rand.New(rand.NewPCG(uint64(n), 18))
	covers := make([][]int, n)
	for i := range covers {
		covers[i] = []int{rng.IntN(2 * n), rng.IntN(2 * n), rng.IntN(2 * n)}
	}
	g, err := NewCoverageGame(covers)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkMarginals measures marginal evaluations per second of SampleShapley on a coverage
// game, one permutation of n players per op: through the game's CoalitionState
// ("incremental") and through Value with sorted slices ("value"), where a permutation costs
// O(n²) (a sorted insert and a union over up to n members per step). B/op is the memory of
// one estimate: O(n). The value path at n = 10^5 took 156 s for one permutation on the shared
// 2-core machine and n = 10^6 would take hours, so it stops at 10^4; BENCHMARKS.md records the
// one measurement and the extrapolation.
func BenchmarkMarginals(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		cov := benchCoverage(b, n)
		for _, path := range []string{"incremental", "value"} {
			var g Game = cov
			if path == "value" {
				if n > 10_000 {
					continue
				}
				g = valueOnly{cov}
			}
			b.Run(fmt.Sprintf("%s/n=%d", path, n), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					if _, err := SampleShapley(context.Background(), g, SampleOptions{Seed: uint64(i), MaxPermutations: 1}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "marginals/s")
			})
		}
	}
}

// BenchmarkPerPlayerStopping runs the skewed game of 100 players (10 volatile) to a per-player
// standard error of 0.2, with and without per-player stopping; evals/op is the saving.
func BenchmarkPerPlayerStopping(b *testing.B) {
	g := newSkewedGame(100)
	ctx := context.Background()
	b.Run("per-player", func(b *testing.B) {
		var evals int
		for b.Loop() {
			est, err := SampleShapleyPerPlayer(ctx, g, PlayerSampleOptions{Seed: 3, TargetStdErr: 0.2, MinSamples: 128, MaxSamples: 100_000})
			if err != nil {
				b.Fatal(err)
			}
			evals = est.Evaluations
		}
		b.ReportMetric(float64(evals), "evals/op")
	})
	b.Run("permutations-to-same-max-stderr", func(b *testing.B) {
		var evals int
		for b.Loop() {
			est, err := SampleShapley(ctx, g, SampleOptions{Seed: 3, TargetStdErr: 0.2})
			if err != nil {
				b.Fatal(err)
			}
			evals = est.Evaluations
		}
		b.ReportMetric(float64(evals), "evals/op")
	})
}

func BenchmarkSampleShapleyStratified_Coverage100(b *testing.B) {
	g := benchCoverage(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SampleShapleyStratified(context.Background(), g, PlayerSampleOptions{Seed: 1, MaxSamples: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSampleOwen_Coverage1000(b *testing.B) {
	g := benchCoverage(b, 1000)
	groups := make([][]int, 50) // 50 districts of 20 sensors
	for i := range 1000 {
		groups[i%50] = append(groups[i%50], i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SampleOwen(context.Background(), g, groups, SampleOptions{Seed: 1, MaxPermutations: 64}); err != nil {
			b.Fatal(err)
		}
	}
}

// costlyGame stands for a utility that trains a model: about 20 µs per call.
type costlyGame struct{ g Game }

func (c costlyGame) Players() int { return c.g.Players() }
func (c costlyGame) Value(s []int) float64 {
	x := 0.0
	for i := range 20_000 {
		x += float64(i & 7)
	}
	return c.g.Value(s) + x*0
}

// BenchmarkCachedGame compares a costly 8-player game sampled with and without the cache.
func BenchmarkCachedGame(b *testing.B) {
	g := costlyGame{benchCoverage(b, 8)}
	opt := SampleOptions{Seed: 1, MaxPermutations: 200}
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			if _, err := SampleShapley(context.Background(), g, opt); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			c, _ := NewCachedGame(g, 1<<10)
			if _, err := SampleShapley(context.Background(), c, opt); err != nil {
				b.Fatal(err)
			}
		}
	})
}
