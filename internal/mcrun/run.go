package mcrun

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// MaxWorkers is the most goroutines a run uses, whatever a caller asks for: each holds a
// draw's working storage and two block states, so the bound is one on memory too.
const MaxWorkers = 1024

// Job describes one run: which draws, how they are cut into blocks, and what is done with
// each draw and each block. S is the state a block accumulates its draws into (Moments,
// say); it is usually a pointer.
type Job[S any] struct {
	// Draws is the number of draws; zero or less runs nothing.
	Draws int
	// Block is the number of draws in a block (at least 1): the unit a goroutine takes, the
	// granularity of Reduce and, through it, of a stopping rule. Results must not depend on
	// it unless the caller documents so.
	Block int
	// Workers is the number of goroutines: zero or one means one; at most MaxWorkers, and
	// never more than there are blocks.
	Workers int

	// NewState returns an empty block state. Run makes at most 2·workers of them.
	NewState func() S
	// Reset empties a state that Reduce has consumed so that another block reuses it; nil
	// means the state is reused as it is.
	Reset func(S)
	// NewDraw is called once on each goroutine and returns the function that computes draw d
	// into s, the state of d's block; what it allocates is that goroutine's own. An error
	// stops the run: the blocks before d's are still reduced, and Run returns the error.
	NewDraw func() func(d int, s S) error
	// Reduce receives the finished blocks in index order on the goroutine that called Run,
	// with the number of draws each holds; returning true ends the run after that block.
	Reduce func(b, draws int, s S) (stop bool)
}

// Result reports how much of a run was reduced.
type Result struct {
	Blocks int // blocks passed to Reduce
	Draws  int // draws in those blocks
}

// Blocks returns the number of blocks of draws draws, ⌈draws/block⌉, without overflow.
func Blocks(draws, block int) int {
	if draws <= 0 {
		return 0
	}
	n := draws / block
	if draws%block != 0 {
		n++
	}
	return n
}

// Run computes the draws of job on its goroutines and reduces the blocks in index order. It
// returns what was reduced and nil when every block was reduced or Reduce stopped the run;
// otherwise the error of the lowest failing block — a draw's error, or ctx.Err() when ctx
// ended the run — with Result covering the blocks before it, a prefix of the sequence.
func Run[S any](ctx context.Context, job Job[S]) (Result, error) {
	nBlocks := Blocks(job.Draws, job.Block)
	if nBlocks == 0 {
		return Result{}, nil
	}
	workers := max(1, min(job.Workers, MaxWorkers, nBlocks))
	type result struct {
		b   int
		s   S
		err error
	}
	var (
		next    atomic.Uint64 // the next block to claim; uint64 so that claims past the end cannot wrap
		limit   atomic.Int64  // blocks at or above it are not started: the lowest failing block
		stopped atomic.Bool
		wg      sync.WaitGroup
		nStates = 2 * workers
		free    = make(chan S, nStates)
		results = make(chan result, nStates) // every result holds a state: sends never block
		quit    = make(chan struct{})
		done    = ctx.Done()
	)
	limit.Store(int64(nBlocks))
	for range nStates {
		free <- job.NewState()
	}
	lower := func(b int) {
		for cur := limit.Load(); int64(b) < cur && !limit.CompareAndSwap(cur, int64(b)); cur = limit.Load() {
		}
	}
	for range workers {
		wg.Go(func() {
			draw := job.NewDraw()
			for {
				var s S
				select { // a state first, then a block: the frontier block always has its state
				case s = <-free:
				case <-quit:
					return
				}
				u := next.Add(1) - 1
				if u >= uint64(limit.Load()) {
					return
				}
				b := int(u)
				lo := b * job.Block // < Draws, so no overflow
				hi := lo + min(job.Block, job.Draws-lo)
				var err error
				for d := lo; d < hi && err == nil; d++ {
					if stopped.Load() || int64(b) > limit.Load() {
						return // abandoned: a lower block failed or the run is over
					}
					if done != nil { // nil for a context that never ends: no check to make
						select {
						case <-done:
							err = ctx.Err()
							continue
						default:
						}
					}
					err = draw(d, s)
				}
				if err != nil {
					lower(b)
				}
				results <- result{b, s, err}
				if err != nil {
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	var (
		res      Result
		runErr   error
		finished bool
		pending  = make(map[int]result, nStates)
	)
	for r := range results {
		if finished {
			continue // drain the goroutines still running
		}
		pending[r.b] = r
		for !finished {
			p, ok := pending[res.Blocks]
			if !ok {
				break
			}
			delete(pending, res.Blocks)
			if p.err != nil {
				runErr, finished = p.err, true
				break
			}
			lo := res.Blocks * job.Block
			n := min(job.Block, job.Draws-lo)
			stop := job.Reduce(res.Blocks, n, p.s)
			res.Blocks++
			res.Draws += n
			if job.Reset != nil {
				job.Reset(p.s)
			}
			free <- p.s // never blocks: at most nStates states exist
			finished = stop || res.Blocks == nBlocks
		}
		if finished {
			stopped.Store(true)
			close(quit)
		}
	}
	if !finished && runErr == nil { // cannot happen: every claimed block below the limit reports
		if runErr = ctx.Err(); runErr == nil {
			runErr = errors.New("mcrun: run ended before its last block")
		}
	}
	return res, runErr
}
