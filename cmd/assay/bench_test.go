package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
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

// A 20-holder coverage game over 11 districts, exact Shapley and Banzhaf by the closed
// forms (no enumeration of the 2^20 coalitions).
func BenchmarkShapley20Coverage(b *testing.B) {
	var players, rows []string
	for i := range 20 {
		players = append(players, fmt.Sprintf("%q", fmt.Sprintf("holder %d", i+1)))
		var row []string
		for d := range 11 {
			row = append(row, fmt.Sprintf("%.2f", float64((i*7+d*3)%10)/10))
		}
		rows = append(rows, "["+strings.Join(row, ",")+"]")
	}
	items := strings.Repeat(`{"name":"district","weight":9},`, 10) + `{"name":"district","weight":10}`
	doc := `{"players":[` + strings.Join(players, ",") + `],"game":{"kind":"coverage","items":[` + items +
		`],"coverage":[` + strings.Join(rows, ",") + `]}}`
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), []string{"shapley", "-format", "json"}, strings.NewReader(doc), io.Discard, os.Stderr); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// The five-holder coverage game, exact values and 5,000 sampled permutations.
func BenchmarkShapleyCoverage(b *testing.B) {
	benchmarkRun(b, "shapley", "-in", data+"shapley.json", "-format", "json")
}

// A graduated plan with three fees for 1,200,000 calls.
func BenchmarkQuote(b *testing.B) {
	benchmarkRun(b, "quote", "-in", data+"quote.json", "-format", "json")
}
