package distribution

import (
	"context"
	"strconv"
)

// ShardBlock is the number of draws the samplers compute and merge as one unit (a draw is a
// permutation, an antithetic pair of permutations, or an MSR coalition). A single run folds
// the blocks' statistics in index order; shards whose bounds are multiples of ShardBlock
// draws, cut into blocks by SampleBlocks and folded in the same order by Estimate.Merge,
// therefore reproduce the single run bit for bit — the basis of distributed sampling.
const ShardBlock = blockDraws

// Sampler selects the estimator of SampleBlocks.
type Sampler uint8

const (
	// PermutationShapley is SampleShapley.
	PermutationShapley Sampler = iota
	// MSRBanzhaf is SampleBanzhaf.
	MSRBanzhaf
)

// SampleBlocks runs the shard of a sampled estimate that opt describes — draws from opt.Start
// for opt.MaxPermutations permutations (or coalitions) of the stream opt.Seed — one block of
// ShardBlock draws at a time, and calls emit with each block's Estimate in index order.
// Folding the blocks of every shard of a run in index order, acc = acc.Merge(block) from the
// zero Estimate, gives exactly the Estimate of one SampleShapley (or SampleBanzhaf) call over
// the whole range with the same options.
//
// opt.Start must be a multiple of ShardBlock draws (2·ShardBlock permutations with
// Antithetic); MaxPermutations must be positive, and TargetStdErr zero: a shard cannot know
// when the whole run has converged. Workers is ignored (each block runs on one goroutine).
// Errors are those of the sampler, an *InputError for a misaligned or unbounded shard, or
// the first error emit returns.
func SampleBlocks(ctx context.Context, g Game, opt SampleOptions, s Sampler, emit func(Estimate) error) error {
	perDraw := 1
	if opt.Antithetic && s == PermutationShapley {
		perDraw = 2
	}
	block := ShardBlock * perDraw
	switch {
	case opt.MaxPermutations <= 0:
		return &InputError{Field: "MaxPermutations", Value: strconv.Itoa(opt.MaxPermutations), Reason: "be positive for a shard"}
	case opt.TargetStdErr != 0:
		return &InputError{Field: "TargetStdErr", Value: fmtWorth(opt.TargetStdErr), Reason: "be zero for a shard"}
	case opt.Start < 0 || opt.Start%block != 0:
		return &InputError{Field: "Start", Value: strconv.Itoa(opt.Start), Reason: "be a non-negative multiple of " + strconv.Itoa(block)}
	case s != PermutationShapley && s != MSRBanzhaf:
		return &InputError{Field: "sampler", Value: strconv.Itoa(int(s)), Reason: "be PermutationShapley or MSRBanzhaf"}
	}
	end := opt.Start + opt.MaxPermutations
	for start := opt.Start; start < end; start += block {
		if err := ctx.Err(); err != nil {
			return ctxError(err)
		}
		o := opt
		o.Start, o.MaxPermutations, o.Workers = start, min(block, end-start), 1
		var est Estimate
		var err error
		if s == MSRBanzhaf {
			est, err = SampleBanzhaf(ctx, g, o)
		} else {
			est, err = SampleShapley(ctx, g, o)
		}
		if err != nil {
			return err
		}
		if err := emit(est); err != nil {
			return err
		}
	}
	return nil
}
