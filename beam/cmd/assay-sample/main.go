// Command assay-sample estimates the Shapley (or Banzhaf) values of a game in shards on an
// Apache Beam runner and writes the Estimate's JSON: bit for bit the estimate that
// distribution.SampleShapley (SampleBanzhaf) computes in one process with the same seed and
// budget.
//
//	assay-sample -game city.json -permutations 100000 -seed 7 -shard-size 4096 -output est.json
//
// The game file is a GameSpec document ({"kind":"coverage","game":{…}}). -shards names a
// JSON file of explicit shards [{"seed":7,"start":0,"count":4096}, …] instead of
// -shard-size. The runner is chosen by Beam's flags (-runner prism by default; see
// README.md for Flink, Spark and Dataflow).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	assaybeam "github.com/dataassay/assay/beam"
	"github.com/dataassay/assay/distribution"
)

func main() {
	var (
		gameFile   = flag.String("game", "", "GameSpec JSON file (required)")
		method     = flag.String("method", "shapley", "shapley (permutation sampling) or banzhaf (maximum sample reuse)")
		seed       = flag.Uint64("seed", 0, "seed of the random stream")
		perms      = flag.Int("permutations", distribution.DefaultMaxPermutations, "permutations (banzhaf: coalitions) in all")
		start      = flag.Int("start", 0, "index of the first permutation")
		antithetic = flag.Bool("antithetic", false, "pair each permutation with its reverse")
		truncation = flag.Float64("truncation", 0, "truncated Monte Carlo tolerance in [0, 1)")
		shardSize  = flag.Int("shard-size", assaybeam.DefaultShardSize, "permutations per shard")
		shardsFile = flag.String("shards", "", "JSON file of explicit shards (overrides -shard-size)")
		output     = flag.String("output", "estimate.json", "output file (any Beam filesystem path)")
		merge      = flag.Bool("merge-shards", false, "merge each shard on its worker: equal to one process up to rounding, not bit for bit, and far less data for the final step")
	)
	flag.Parse()
	beam.Init()
	if err := run(*gameFile, *method, *seed, *perms, *start, *antithetic, *truncation, *shardSize, *shardsFile, *output, *merge); err != nil {
		fmt.Fprintln(os.Stderr, "assay-sample:", err)
		os.Exit(1)
	}
}

func run(gameFile, method string, seed uint64, perms, start int, antithetic bool, truncation float64, shardSize int, shardsFile, output string, merge bool) error {
	if gameFile == "" {
		return fmt.Errorf("-game is required")
	}
	game, err := os.ReadFile(gameFile)
	if err != nil {
		return err
	}
	cfg := assaybeam.SampleConfig{Game: game, GameSource: gameFile, ShardSize: shardSize, MergeShards: merge,
		Options: distribution.SampleOptions{Seed: seed, MaxPermutations: perms, Start: start, Antithetic: antithetic, Truncation: truncation}}
	switch method {
	case "shapley":
	case "banzhaf":
		cfg.Sampler = distribution.MSRBanzhaf
	default:
		return fmt.Errorf("-method must be shapley or banzhaf, got %q", method)
	}
	if shardsFile != "" {
		b, err := os.ReadFile(shardsFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &cfg.Shards); err != nil {
			return fmt.Errorf("%s: %w", shardsFile, err)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	est, err := assaybeam.SampleSharded(s, cfg)
	if err != nil {
		return err
	}
	textio.Write(s, output, est)
	return beamx.Run(context.Background(), p)
}
