package main

import (
	"context"
	"io"
	"os"
	"testing"
)

// benchmarkRun measures one whole command in-process: reading the sample, decoding, the
// computation and the JSON output. The budget — an answer in under 50 ms after
// build — is for the process; BENCHMARKS.md records both.
func benchmarkRun(b *testing.B, args ...string) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), args, nil, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// A 20-member data consortium as a weighted voting game, exact Shapley–Shubik and Banzhaf.
func BenchmarkShapley20Voting(b *testing.B) {
	benchmarkRun(b, "shapley", "-in", data+"shapley-voting.json", "-format", "json")
}

// The five-holder coverage game, exact values and 5,000 sampled permutations.
func BenchmarkShapleyCoverage(b *testing.B) {
	benchmarkRun(b, "shapley", "-in", data+"shapley.json", "-format", "json")
}

// A graduated plan with three fees for 1,200,000 calls.
func BenchmarkQuote(b *testing.B) {
	benchmarkRun(b, "quote", "-in", data+"quote.json", "-format", "json")
}
