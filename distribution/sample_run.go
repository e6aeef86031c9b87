package distribution

import (
	"context"
	"sync"
	"sync/atomic"
)

// blockDraws is the number of draws in a block: the unit of work a goroutine takes, and the
// granularity of the stopping test. Blocks are merged in index order, so the estimate after
// any number of blocks is the same whatever the number of workers.
const blockDraws = 32

// drawFunc computes draw d (0-based within the run) into st. It reports a game value that is
// not finite as an error.
type drawFunc func(d int, st *runningMoments) error

// runDraws computes draws [0, total) in blocks on workers goroutines, merges the blocks in
// index order into one set of moments over streams streams, and stops early, at a block
// boundary, as soon as converged reports true. It returns the merged moments, the number of
// draws in them, and an error if ctx ended the run (the moments are then those of the blocks
// finished before it, a prefix of the draw sequence) or a draw failed.
func runDraws(ctx context.Context, workers, total, streams int, newDraw func() drawFunc, converged func(*runningMoments, int) bool) (*runningMoments, int, error) {
	acc := newRunningMoments(streams)
	nBlocks := (total + blockDraws - 1) / blockDraws
	if nBlocks == 0 {
		return acc, 0, nil
	}
	workers = max(1, min(workers, nBlocks))
	type result struct {
		idx int
		st  *runningMoments
	}
	var (
		next     atomic.Int64
		stop     atomic.Bool
		firstErr atomic.Pointer[error]
		wg       sync.WaitGroup
		results  = make(chan result, workers)
		free     = make(chan *runningMoments, 2*workers)
		done     = ctx.Done()
	)
	fail := func(err error) {
		firstErr.CompareAndSwap(nil, &err)
		stop.Store(true)
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			draw := newDraw()
			for !stop.Load() {
				b := int(next.Add(1) - 1)
				if b >= nBlocks {
					return
				}
				var st *runningMoments
				select {
				case st = <-free:
					st.reset()
				default:
					st = newRunningMoments(streams)
				}
				for d := b * blockDraws; d < min(total, (b+1)*blockDraws); d++ {
					select {
					case <-done:
						return
					default:
					}
					if stop.Load() {
						return
					}
					if err := draw(d, st); err != nil {
						fail(err)
						return
					}
				}
				results <- result{b, st}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := make(map[int]*runningMoments)
	merged, draws, finished := 0, 0, false
	for r := range results {
		if finished {
			continue // drain the workers still running
		}
		pending[r.idx] = r.st
		for st, ok := pending[merged]; ok && !finished; st, ok = pending[merged] {
			delete(pending, merged)
			acc.merge(st)
			draws += min(total, (merged+1)*blockDraws) - merged*blockDraws
			merged++
			select {
			case free <- st:
			default:
			}
			if merged == nBlocks || converged(acc, draws) {
				finished = true
				stop.Store(true)
			}
		}
	}
	if p := firstErr.Load(); p != nil {
		return acc, draws, *p
	}
	if !finished {
		return acc, draws, ctxError(ctx.Err())
	}
	return acc, draws, nil
}
