package mcrun

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sumJob draws one uniform per draw from the stream of its index and reduces the blocks'
// moments in order; it records the order of the reduced blocks.
func sumJob(draws, block, workers int, seed uint64, order *[]int) Job[*Moments] {
	return Job[*Moments]{
		Draws: draws, Block: block, Workers: workers,
		NewState: func() *Moments { return NewMoments(1) },
		Reset:    (*Moments).Reset,
		NewDraw: func() func(int, *Moments) error {
			var src rand.PCG
			return func(d int, s *Moments) error {
				Seed(&src, seed, uint64(d))
				s.Add(0, float64(src.Uint64()>>11)/(1<<53))
				return nil
			}
		},
		Reduce: func(b, _ int, s *Moments) bool {
			*order = append(*order, b)
			return false
		},
	}
}

func TestRun_SameResultWhateverWorkers(t *testing.T) {
	var want *Moments
	for _, w := range []int{0, 1, 2, 3, 8, 100} {
		var order []int
		acc := NewMoments(1)
		job := sumJob(10_007, 64, w, 7, &order)
		reduce := job.Reduce
		job.Reduce = func(b, n int, s *Moments) bool { acc.Merge(s); return reduce(b, n, s) }
		res, err := Run(context.Background(), job)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Result{Blocks: 157, Draws: 10_007}, res); diff != "" { // ⌈10007/64⌉ = 157
			t.Errorf("workers %d: result (-want +got):\n%s", w, diff)
		}
		for i, b := range order {
			if b != i {
				t.Fatalf("workers %d: block %d reduced at position %d", w, b, i)
			}
		}
		if want == nil {
			want = acc
			// A uniform on [0, 1): mean 1/2, variance 1/12; 10,007 draws put the mean within
			// 5·√(1/12/10007) ≈ 0.0144.
			if math.Abs(acc.Mean[0]-0.5) > 0.0144 || math.Abs(acc.Variance(0)-1.0/12) > 0.005 {
				t.Errorf("mean %v variance %v, want 1/2 and 1/12", acc.Mean[0], acc.Variance(0))
			}
			continue
		}
		if diff := cmp.Diff(want, acc); diff != "" {
			t.Errorf("workers %d differ from workers 0:\n%s", w, diff)
		}
	}
}

func TestRun_LowestFailingBlockAndPrefix(t *testing.T) {
	errDraw := errors.New("draw failed")
	for _, w := range []int{1, 4, 16} {
		var order []int
		job := sumJob(1000, 10, w, 1, &order)
		inner := job.NewDraw
		job.NewDraw = func() func(int, *Moments) error {
			f := inner()
			return func(d int, s *Moments) error {
				if d == 537 || d == 911 {
					return errDraw
				}
				return f(d, s)
			}
		}
		res, err := Run(context.Background(), job)
		if !errors.Is(err, errDraw) {
			t.Fatalf("workers %d: err %v", w, err)
		}
		// Draw 537 is in block 53: blocks 0..52 (530 draws) are reduced, nothing after.
		if diff := cmp.Diff(Result{Blocks: 53, Draws: 530}, res); diff != "" {
			t.Errorf("workers %d (-want +got):\n%s", w, diff)
		}
	}
}

func TestRun_ReduceStops(t *testing.T) {
	var order []int
	job := sumJob(1<<20, 100, 4, 1, &order)
	job.Reduce = func(b, _ int, _ *Moments) bool { order = append(order, b); return b == 9 }
	res, err := Run(context.Background(), job)
	if err != nil || res.Blocks != 10 || res.Draws != 1000 {
		t.Errorf("got %+v, %v; want 10 blocks, 1000 draws", res, err)
	}
}

// TestRun_HugeDrawsStopByContext runs math.MaxInt draws: nothing is allocated in proportion to
// them, the block count does not overflow, and the deadline stops the run promptly.
func TestRun_HugeDrawsStopByContext(t *testing.T) {
	if got := Blocks(math.MaxInt, 32); got != math.MaxInt/32+1 {
		t.Errorf("Blocks(MaxInt, 32) = %d, want %d", got, math.MaxInt/32+1)
	}
	if got := Blocks(math.MaxInt, 1); got != math.MaxInt {
		t.Errorf("Blocks(MaxInt, 1) = %d", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	var order []int
	start := time.Now()
	res, err := Run(ctx, sumJob(math.MaxInt, 1, 2, 1, &order))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if late := time.Since(start) - 30*time.Millisecond; late > 500*time.Millisecond { // generous: the machine may be shared
		t.Errorf("stopped %v after the deadline", late)
	}
	if res.Draws != res.Blocks || res.Draws != len(order) {
		t.Errorf("result %+v, %d blocks reduced", res, len(order))
	}
}

func TestRun_WorkersBounded(t *testing.T) {
	var states int
	var order []int
	job := sumJob(1<<16, 1, 1_000_000, 1, &order)
	newState := job.NewState
	job.NewState = func() *Moments { states++; return newState() }
	if _, err := Run(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	if states != 2*MaxWorkers {
		t.Errorf("%d states made, want 2·MaxWorkers = %d", states, 2*MaxWorkers)
	}
}

func TestRun_NothingToDo(t *testing.T) {
	var order []int
	for _, n := range []int{0, -5} {
		res, err := Run(context.Background(), sumJob(n, 8, 4, 1, &order))
		if err != nil || res != (Result{}) || len(order) != 0 {
			t.Errorf("draws %d: %+v, %v", n, res, err)
		}
	}
}

// BenchmarkRun_PerDraw measures the runner's own cost per draw: a draw that adds one
// constant to its block's moments, 1<<20 draws in blocks of 4096 on one goroutine.
func BenchmarkRun_PerDraw(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		acc := NewMoments(1)
		_, err := Run(context.Background(), Job[*Moments]{
			Draws: 1 << 20, Block: 4096,
			NewState: func() *Moments { return NewMoments(1) },
			Reset:    (*Moments).Reset,
			NewDraw: func() func(int, *Moments) error {
				return func(d int, m *Moments) error { m.Add(0, float64(d&7)); return nil }
			},
			Reduce: func(_, _ int, m *Moments) bool { acc.Merge(m); return false },
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(1<<20), "ns/draw")
}
