package distribution

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// skewedGame is a skewed game of steady and volatile players: every player brings an
// integer worth aᵢ, and the first `volatile` players together earn a bonus of `bonus` once
// at least `quorum` of them are present. Its Shapley value is exact by symmetry and
// additivity: φᵢ = aᵢ, plus bonus/volatile for a volatile player (hand calculation). A steady
// player's marginal contribution is always aᵢ — zero variance — while a volatile player's is
// aᵢ or aᵢ + bonus.
type skewedGame struct {
	a                       []float64
	volatile, quorum, bonus int
}

func (g skewedGame) Players() int { return len(g.a) }
func (g skewedGame) Value(c []int) float64 {
	var s float64
	v := 0
	for _, p := range c {
		s += g.a[p]
		if p < g.volatile {
			v++
		}
	}
	if v >= g.quorum {
		s += float64(g.bonus)
	}
	return s
}

func (g skewedGame) exact() []float64 {
	phi := make([]float64, len(g.a))
	for i, a := range g.a {
		phi[i] = a
		if i < g.volatile {
			phi[i] += float64(g.bonus) / float64(g.volatile)
		}
	}
	return phi
}

func newSkewedGame(n int) skewedGame {
	a := make([]float64, n)
	for i := range a {
		a[i] = float64(1 + i%7)
	}
	return skewedGame{a: a, volatile: 10, quorum: 4, bonus: 50}
}

func TestPerPlayerSamplers_WithinFourStdErrOfExact(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 10))
	games := map[string]Game{"table": randomTable(t, rng, 6), "coverage": incrementalGames(t, rng, 8)["coverage"], "skewed": newSkewedGame(20)}
	for name, g := range games {
		exact, err := Shapley(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		if sk, ok := g.(skewedGame); ok {
			if d := cmp.Diff(sk.exact(), exact, exactTol); d != "" {
				t.Fatalf("skewed game: hand calculation vs Shapley (-hand +exact):\n%s", d)
			}
		}
		for _, opt := range []PlayerSampleOptions{{Seed: 1, MaxSamples: 3000}, {Seed: 2, MaxSamples: 20000, TargetStdErr: 0.05}} {
			t.Run(fmt.Sprintf("%s/%+v", name, opt), func(t *testing.T) {
				for _, f := range []func(context.Context, Game, PlayerSampleOptions) (PlayerEstimate, error){SampleShapleyPerPlayer, SampleShapleyStratified} {
					est, err := f(ctx, g, opt)
					if err != nil {
						t.Fatal(err)
					}
					withinStdErrs(t, exact, Estimate{Values: est.Values, StdErr: est.StdErr}, 4)
					// The same estimate through Value alone.
					slow, err := f(ctx, valueOnly{g}, opt)
					if err != nil {
						t.Fatal(err)
					}
					if d := cmp.Diff(est, slow); d != "" {
						t.Errorf("%s: fast path vs Value (-fast +Value):\n%s", est.Method, d)
					}
				}
			})
		}
	}
}

// TestSampleShapleyPerPlayer_SteadyPlayersStopAtBurnIn measures the saving of per-player
// stopping on the skewed game: the 90 steady players stop after the burn-in, the 10
// volatile ones go on until their own standard error reaches the target. The burn-in is 128
// samples: a volatile player is pivotal with probability 1/10, so all of 32 samples miss the
// bonus with probability 0.9^32 ≈ 3 % — it would stop with a standard error of zero — and
// all of 128 with 0.9^128 ≈ 1e-6.
func TestSampleShapleyPerPlayer_SteadyPlayersStopAtBurnIn(t *testing.T) {
	g := newSkewedGame(100)
	opt := PlayerSampleOptions{Seed: 3, TargetStdErr: 0.2, MinSamples: 128, MaxSamples: 100_000}
	est, err := SampleShapleyPerPlayer(context.Background(), g, opt)
	if err != nil {
		t.Fatal(err)
	}
	withinStdErrs(t, g.exact(), Estimate{Values: est.Values, StdErr: est.StdErr}, 4)
	volatileSamples := 0
	for i, s := range est.Samples {
		switch {
		case i >= g.volatile && s != opt.MinSamples:
			t.Errorf("steady player %d took %d samples, want the burn-in %d", i, s, opt.MinSamples)
		case i < g.volatile:
			if est.StdErr[i] > opt.TargetStdErr {
				t.Errorf("volatile player %d stopped at standard error %v above the target", i, est.StdErr[i])
			}
			volatileSamples = max(volatileSamples, s)
		}
	}
	// Without per-player stopping every player would take as many samples as the slowest.
	if all := 2 * volatileSamples * g.Players(); est.Evaluations*4 > all {
		t.Errorf("evaluations %d, want less than a quarter of the %d without per-player stopping", est.Evaluations, all)
	}
}

func TestSampleShapleyStratified_ExactOnAdditiveGame(t *testing.T) {
	g, err := NewAdditiveGame([]float64{3, -1, 4, 1, 5, 9, 2, 6})
	if err != nil {
		t.Fatal(err)
	}
	est, err := SampleShapleyStratified(context.Background(), g, PlayerSampleOptions{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	// Every marginal contribution of an additive game with integer worths is exactly aᵢ:
	// every stratum has zero variance (hand calculation).
	if d := cmp.Diff([]float64{3, -1, 4, 1, 5, 9, 2, 6}, est.Values); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
	if d := cmp.Diff(make([]float64, 8), est.StdErr); d != "" {
		t.Errorf("standard errors (-want +got):\n%s", d)
	}
}

func TestPerPlayerSamplers_RejectBadOptions(t *testing.T) {
	g, _ := NewAdditiveGame([]float64{1, 2, 3})
	for _, opt := range []PlayerSampleOptions{{TargetStdErr: -1}, {MinSamples: -1}, {MaxSamples: -5}} {
		if _, err := SampleShapleyPerPlayer(context.Background(), g, opt); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%+v: got %v, want ErrInvalidInput", opt, err)
		}
	}
	if _, err := SampleShapleyStratified(context.Background(), g, PlayerSampleOptions{MaxSamples: 5}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("stratified with fewer than 2n samples: got %v, want ErrInvalidInput", err)
	}
	if _, err := SampleShapleyPerPlayer(context.Background(), nil, PlayerSampleOptions{}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("nil game: got %v, want ErrInvalidInput", err)
	}
}

func ExampleSampleShapleyPerPlayer() {
	// Ninety steady contributors and ten whose worth depends on each other: the steady ones
	// stop after the burn-in, the volatile ones sample until their own standard error is 0.2.
	g := newSkewedGame(100)
	est, _ := SampleShapleyPerPlayer(context.Background(), g, PlayerSampleOptions{Seed: 3, TargetStdErr: 0.2, MinSamples: 128})
	fmt.Println(est.Samples[50], est.Samples[0] > 128, est.StdErr[0] <= 0.2)
	// Output: 128 true true
}
