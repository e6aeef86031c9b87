package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestLimits_ZeroValueIsTheDefault: the zero value bounds the exact methods at
// DefaultExactPlayers, a larger ExactPlayers is honoured up to MaxExactPlayers and never
// beyond, and the refusal names the setting.
func TestLimits_ZeroValueIsTheDefault(t *testing.T) {
	ctx := context.Background()
	game := func(n int) Game { return funcGame{n: n, f: func(m uint64) float64 { return float64(m & 1) }} }
	tests := []struct {
		lim     Limits
		players int
		wantMax int // 0: accepted
	}{
		{Limits{}, DefaultExactPlayers, 0},
		{Limits{}, DefaultExactPlayers + 1, DefaultExactPlayers},
		{Limits{ExactPlayers: 3}, 4, 3},
		{Limits{ExactPlayers: -1}, DefaultExactPlayers + 1, DefaultExactPlayers},
		{Limits{ExactPlayers: 1000}, MaxExactPlayers + 1, MaxExactPlayers},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v/%d", tt.lim, tt.players), func(t *testing.T) {
			_, err := tt.lim.Banzhaf(ctx, game(tt.players))
			var se *SizeError
			switch {
			case tt.wantMax == 0 && err != nil:
				t.Fatalf("err %v, want a value", err)
			case tt.wantMax != 0 && (!errors.As(err, &se) || se.Max != tt.wantMax || !errors.Is(err, ErrTooLarge)):
				t.Fatalf("err %v, want a *SizeError with Max %d", err, tt.wantMax)
			case se != nil && se.Max < MaxExactPlayers && se.Limit == "":
				t.Errorf("SizeError %v does not name Limits.ExactPlayers", err)
			}
		})
	}
}

// TestWeightedVoting_ContextVariantsAgree: the ctx-taking variants compute what the pinned
// methods compute (the UN Security Council of ExampleWeightedVoting_ShapleyShubik), and a
// cancelled context stops them with context.Canceled.
func TestWeightedVoting_ContextVariantsAgree(t *testing.T) {
	g, _ := NewWeightedVoting(39, []int{7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})
	ss, _ := g.ShapleyShubik()
	bz, _ := g.Banzhaf()
	ss2, err := g.ShapleyShubikContext(context.Background(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	bz2, err := g.BanzhafContext(context.Background(), Limits{VotingWork: math.MaxInt})
	if err != nil {
		t.Fatal(err)
	}
	var le *LimitError
	if _, err := g.BanzhafContext(context.Background(), Limits{VotingBytes: 1}); !errors.As(err, &le) || le.Limit != "VotingBytes" || le.Max != 1 {
		t.Errorf("VotingBytes 1: err %v, want a *LimitError naming VotingBytes", err)
	}
	if diff := cmp.Diff([][]float64{ss, bz}, [][]float64{ss2, bz2}); diff != "" {
		t.Errorf("(-pinned +context):\n%s", diff)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.ShapleyShubikContext(cancelled, Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err %v", err)
	}
	deadline, cancel2 := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel2()
	time.Sleep(time.Millisecond)
	if _, err := g.BanzhafContext(deadline, Limits{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: err %v", err)
	}
}

func ExampleLimits_Shapley() {
	// An additive game of 21 players: each is worth its own stand-alone worth. The default
	// Limits stop at 20 players; choosing 21 accepts the cost (2^21 coalitions, 16 MiB).
	worths := make([]float64, 21)
	for i := range worths {
		worths[i] = float64(i + 1)
	}
	g, _ := NewAdditiveGame(worths)
	_, err := Shapley(context.Background(), g)
	fmt.Println(err)
	phi, _ := Limits{ExactPlayers: 21}.Shapley(context.Background(), g)
	fmt.Printf("φ₀ = %.0f, φ₂₀ = %.0f\n", phi[0], phi[20])
	// Output:
	// distribution: Shapley: 21 players exceed the exact limit of 20 (use SampleShapley or SampleBanzhaf, or raise Limits.ExactPlayers (at most 25))
	// φ₀ = 1, φ₂₀ = 21
}

func ExampleWeightedVoting_ShapleyShubikContext() {
	// 1,000 members with weights 1..1000 and a quota of 67,000: the default Limits refuse the
	// game at once instead of spending seconds and gigabytes.
	w := make([]int, 1000)
	for i := range w {
		w[i] = i + 1
	}
	g, _ := NewWeightedVoting(67_000, w)
	_, err := g.ShapleyShubikContext(context.Background(), Limits{})
	fmt.Println(errors.Is(err, ErrTooLarge))
	fmt.Println(err)
	// Output:
	// true
	// distribution: WeightedVoting.ShapleyShubik: Limits.VotingBytes must be at least 196176000 for this game, got 67108864 (raise it to run it)
}
