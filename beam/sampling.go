package assaybeam

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dataassay/assay/distribution"
)

// DefaultShardSize is the number of permutations (or coalitions) per shard when
// SampleConfig.Shards and ShardSize are not given.
const DefaultShardSize = 1024

// Shard is one worker's part of a sampled estimate: the permutations (for Banzhaf, the
// coalitions) with indices [Start, Start+Count) of the random stream Seed. Start must be a
// multiple of distribution.ShardBlock draws (twice that in permutations with antithetic
// pairs). A plain value.
type Shard struct {
	Seed  uint64 `json:"seed"`
	Start int    `json:"start"`
	Count int    `json:"count"`
}

// SampleConfig describes a sharded sampled estimate. The zero value is not runnable: Game is
// required.
type SampleConfig struct {
	// Game is the GameSpec document of the game ({"kind":…,"game":…}); GameSource names it
	// in errors (a file name; "game" when empty).
	Game       []byte
	GameSource string
	// Sampler is distribution.PermutationShapley (the zero value) or MSRBanzhaf.
	Sampler distribution.Sampler
	// Options are those of the single-process run the pipeline reproduces: Seed,
	// MaxPermutations (the total over all shards; zero means
	// distribution.DefaultMaxPermutations), Start (the first index), Antithetic and
	// Truncation. TargetStdErr must be zero and Workers is ignored.
	Options distribution.SampleOptions
	// Shards lists the shards explicitly; they must carry Options.Seed and tile
	// [Start, Start+MaxPermutations) without overlap or gap, in any order. Nil: the range
	// is cut into shards of ShardSize.
	Shards []Shard
	// ShardSize is the permutations per shard when Shards is nil, rounded up to whole blocks;
	// zero means DefaultShardSize.
	ShardSize int
	// MergeShards merges each shard's blocks on its worker and sends one estimate per shard
	// to the final step instead of one per block of distribution.ShardBlock draws. The
	// result then equals the single-process estimate up to float64 rounding (Chan et al.'s
	// pairwise formula in another order, about 1e-15 relative) rather than bit for bit, and
	// the final step receives 24·n bytes per shard instead of per 32 permutations — what a
	// run of 10⁸ permutations over 10⁴ players needs (750 GB of blocks otherwise). False
	// (the zero value): bit for bit.
	MergeShards bool
}

// ShardError reports a shard that does not fit the run: another seed, a misaligned start, no
// permutations, an overlap with another shard, or a gap. Index is its position in
// SampleConfig.Shards. It wraps ErrInvalidInput.
type ShardError struct {
	Index  int
	Shard  Shard
	Reason string
}

func (e *ShardError) Error() string {
	return fmt.Sprintf("assaybeam: shard %d (seed %d, start %d, count %d): %s", e.Index, e.Shard.Seed, e.Shard.Start, e.Shard.Count, e.Reason)
}

// Unwrap returns ErrInvalidInput.
func (e *ShardError) Unwrap() error { return ErrInvalidInput }

// SampleSharded adds to the pipeline of s a sampled Shapley (or Banzhaf) estimate computed
// in shards: each shard runs distribution.SampleBlocks on a worker and emits the
// statistics of its blocks of distribution.ShardBlock draws; one final step folds every
// block in index order with Estimate.Merge. The single element of the returned
// PCollection<string> is the Estimate's JSON — bit for bit the Estimate that
// distribution.SampleShapley (or SampleBanzhaf) returns in one process with the same game
// and Options, whatever the shard layout, the number of workers or the runner.
//
// The game and the shards are checked before anything is added to the pipeline: a game
// that does not parse is a *GameError, a shard that overlaps another or leaves a gap a
// *ShardError. The final step holds the blocks that arrive ahead of their turn; with n
// players that is 3n float64 per block waiting (it streams when blocks arrive in order).
func SampleSharded(s beam.Scope, cfg SampleConfig) (beam.PCollection, error) {
	source := cfg.GameSource
	if source == "" {
		source = "game"
	}
	if _, err := ParseGame(source, cfg.Game); err != nil {
		return beam.PCollection{}, err
	}
	opt := cfg.Options
	if opt.MaxPermutations == 0 {
		opt.MaxPermutations = distribution.DefaultMaxPermutations
	}
	block := distribution.ShardBlock
	if opt.Antithetic && cfg.Sampler == distribution.PermutationShapley {
		block *= 2
		opt.MaxPermutations += opt.MaxPermutations % 2
	}
	switch {
	case opt.TargetStdErr != 0:
		return beam.PCollection{}, &distribution.InputError{Field: "Options.TargetStdErr", Value: fmt.Sprint(opt.TargetStdErr), Reason: "be zero in a sharded run (the shards run a fixed budget)"}
	case opt.MaxPermutations < 0 || opt.Start < 0 || opt.Start%block != 0:
		return beam.PCollection{}, &distribution.InputError{Field: "Options", Value: fmt.Sprintf("start %d, %d permutations", opt.Start, opt.MaxPermutations), Reason: fmt.Sprintf("have a non-negative budget and a start that is a multiple of %d", block)}
	}
	shards := cfg.Shards
	if shards == nil {
		size := cfg.ShardSize
		if size <= 0 {
			size = DefaultShardSize
		}
		size = (size + block - 1) / block * block
		for st := opt.Start; st < opt.Start+opt.MaxPermutations; st += size {
			shards = append(shards, Shard{Seed: opt.Seed, Start: st, Count: min(size, opt.Start+opt.MaxPermutations-st)})
		}
	}
	if err := checkShards(shards, opt, block); err != nil {
		return beam.PCollection{}, err
	}
	s = s.Scope("SampleSharded")
	in := beam.CreateList(s, shards)
	blocks := beam.ParDo(s, &shardFn{Game: string(cfg.Game), Source: source, Sampler: int(cfg.Sampler), Antithetic: opt.Antithetic, Truncation: opt.Truncation, MergeShards: cfg.MergeShards}, in)
	grouped := beam.GroupByKey(s, blocks)
	return beam.ParDo(s, &foldFn{First: opt.Start, Total: opt.MaxPermutations}, grouped), nil
}

// checkShards reports the first shard that does not belong to a tiling of the run's range.
func checkShards(shards []Shard, opt distribution.SampleOptions, block int) error {
	order := make([]int, len(shards))
	for i, sh := range shards {
		order[i] = i
		switch {
		case sh.Seed != opt.Seed:
			return &ShardError{Index: i, Shard: sh, Reason: fmt.Sprintf("has another seed than the run's %d", opt.Seed)}
		case sh.Count <= 0:
			return &ShardError{Index: i, Shard: sh, Reason: "has no permutations"}
		case sh.Start < 0 || sh.Start%block != 0:
			return &ShardError{Index: i, Shard: sh, Reason: fmt.Sprintf("does not start at a multiple of %d", block)}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return shards[a].Start - shards[b].Start })
	next := opt.Start
	for k, i := range order {
		sh := shards[i]
		if k > 0 && sh.Start < next {
			return &ShardError{Index: i, Shard: sh, Reason: fmt.Sprintf("overlaps shard %d, which ends at %d", order[k-1], next)}
		}
		if sh.Start != next {
			return &ShardError{Index: i, Shard: sh, Reason: fmt.Sprintf("leaves the gap [%d, %d) uncovered", next, sh.Start)}
		}
		next = sh.Start + sh.Count
	}
	if end := opt.Start + opt.MaxPermutations; next != end {
		i := order[len(order)-1]
		return &ShardError{Index: i, Shard: shards[i], Reason: fmt.Sprintf("ends the shards at %d, but the run covers [%d, %d)", next, opt.Start, end)}
	}
	return nil
}

// shardFn runs one shard and emits (0, block estimate JSON) per block, or one per shard with
// MergeShards. Its exported fields are what Beam serialises to the workers: the game travels
// as its document.
type shardFn struct {
	Game        string
	Source      string
	Sampler     int
	Antithetic  bool
	Truncation  float64
	MergeShards bool

	game distribution.Game
}

// Setup decodes the game once per worker instance.
func (f *shardFn) Setup() error {
	g, err := ParseGame(f.Source, []byte(f.Game))
	f.game = g
	return err
}

// ProcessElement runs the shard's blocks.
func (f *shardFn) ProcessElement(ctx context.Context, sh Shard, emit func(int, string)) error {
	opt := distribution.SampleOptions{Seed: sh.Seed, Start: sh.Start, MaxPermutations: sh.Count, Antithetic: f.Antithetic, Truncation: f.Truncation}
	send := func(e distribution.Estimate) error {
		b, err := json.Marshal(e) // shortest round-trip float64 text: decoding restores every bit
		if err != nil {
			return err
		}
		emit(0, string(b))
		return nil
	}
	if !f.MergeShards {
		return distribution.SampleBlocks(ctx, f.game, opt, distribution.Sampler(f.Sampler), send)
	}
	var acc distribution.Estimate
	err := distribution.SampleBlocks(ctx, f.game, opt, distribution.Sampler(f.Sampler), func(e distribution.Estimate) error {
		var err error
		acc, err = acc.Merge(e)
		return err
	})
	if err != nil {
		return err
	}
	return send(acc)
}

// foldFn folds the blocks in index order from First and emits the Estimate's JSON.
type foldFn struct {
	First, Total int
}

// ProcessElement folds the grouped blocks; blocks ahead of their turn wait in a map.
func (f *foldFn) ProcessElement(_ int, blocks func(*string) bool, emit func(string)) error {
	var acc distribution.Estimate
	pending := make(map[int]distribution.Estimate)
	next := f.First
	var raw string
	for blocks(&raw) {
		var e distribution.Estimate
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			return fmt.Errorf("assaybeam: block estimate: %w", err)
		}
		if _, dup := pending[e.Start]; dup || e.Start < next {
			return fmt.Errorf("assaybeam: block at %d arrived twice", e.Start)
		}
		pending[e.Start] = e
		for b, ok := pending[next]; ok; b, ok = pending[next] {
			delete(pending, next)
			var err error
			if acc, err = acc.Merge(b); err != nil {
				return err
			}
			next += b.Permutations
		}
	}
	if len(pending) > 0 || acc.Permutations != f.Total {
		return fmt.Errorf("assaybeam: blocks cover %d of %d permutations from %d", acc.Permutations, f.Total, f.First)
	}
	b, err := json.Marshal(acc)
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}

func init() {
	// Beam's Go SDK finds DoFns and coders by name on the workers; registration in init is
	// the SDK's required idiom (it sets no state of this package).
	register.DoFn3x1[context.Context, Shard, func(int, string), error](&shardFn{})
	register.DoFn3x1[int, func(*string) bool, func(string), error](&foldFn{})
	register.Emitter2[int, string]()
	register.Emitter1[string]()
	register.Iter1[string]()
	beam.RegisterType(reflect.TypeOf((*Shard)(nil)).Elem())
}
