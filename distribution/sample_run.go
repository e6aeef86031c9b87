package distribution

import (
	"context"

	"github.com/dataassay/assay/internal/mcrun"
)

// blockDraws is the number of draws in a block: the unit of work a goroutine takes, and the
// granularity of the stopping test. Blocks are merged in index order (internal/mcrun), so the
// estimate after any number of blocks is the same whatever the number of workers.
const blockDraws = 32

// sampleBlock is what a block of draws accumulates: the moments of its streams and the
// evaluations of the characteristic function behind them.
type sampleBlock struct {
	*mcrun.Moments
	evals int
}

func newSampleBlock(streams int) *sampleBlock {
	return &sampleBlock{Moments: mcrun.NewMoments(streams)}
}

// merge adds the draws of o.
func (s *sampleBlock) merge(o *sampleBlock) {
	s.Moments.Merge(o.Moments)
	s.evals += o.evals
}

// drawFunc computes draw d (0-based within the run) into st. It reports a game value that is
// not finite as an error, and ctx's error when it notices the run's context is done.
type drawFunc func(d int, st *sampleBlock) error

// runDraws computes draws [0, total) in blocks on workers goroutines (internal/mcrun), merges
// the blocks in index order into one set of moments over streams streams, and stops early, at
// a block boundary, as soon as converged reports true. It returns the merged moments, the
// number of draws in them, and an error if ctx ended the run (the moments are then those of
// the blocks finished before it, a prefix of the draw sequence) or a draw failed.
func runDraws(ctx context.Context, workers, total, streams int, newDraw func() drawFunc, converged func(*sampleBlock) bool) (*sampleBlock, int, error) {
	acc := newSampleBlock(streams)
	res, err := mcrun.Run(ctx, mcrun.Job[*sampleBlock]{
		Draws: total, Block: blockDraws, Workers: workers,
		NewState: func() *sampleBlock { return newSampleBlock(streams) },
		Reset:    func(s *sampleBlock) { s.Reset(); s.evals = 0 },
		NewDraw:  func() func(int, *sampleBlock) error { return newDraw() },
		Reduce: func(_, _ int, s *sampleBlock) bool {
			acc.merge(s)
			return converged(acc)
		},
	})
	if err != nil && ctx.Err() != nil && err == ctx.Err() {
		err = ctxError(err)
	}
	return acc, res.Draws, err
}
