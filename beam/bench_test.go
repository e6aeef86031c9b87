package assaybeam

import (
	"context"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
)

// BenchmarkSettle_Prism settles 10^5 sales on the local prism runner; sales/s includes the
// pipeline's start-up (about a second) and the in-memory source and sink.
func BenchmarkSettle_Prism(b *testing.B) {
	lines := randomSales(100_000, 9)
	for b.Loop() {
		p, s := beam.NewPipelineWithRoot()
		out, err := Settle(s, beam.CreateList(s, lines), SettleConfig{Currency: "CNY"})
		if err != nil {
			b.Fatal(err)
		}
		beam.ParDo0(s, discard, out.Ledger)
		beam.ParDo0(s, discard, out.Payouts)
		if _, err := beam.Run(context.Background(), "prism", p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(lines))*float64(b.N)/b.Elapsed().Seconds(), "sales/s")
}

// BenchmarkSettle_SingleProcess is the same settlement in a plain loop: the cost of the
// arithmetic alone, for comparison.
func BenchmarkSettle_SingleProcess(b *testing.B) {
	lines := randomSales(100_000, 9)
	cny := currencyOrFatal(b, "CNY")
	for b.Loop() {
		for _, l := range lines {
			if _, err := settleLine([]byte(l), cny); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(lines))*float64(b.N)/b.Elapsed().Seconds(), "sales/s")
}

// BenchmarkSampleSharded_Prism samples a 10^4-player coverage game, 256 permutations in
// shards of 64, on prism.
func BenchmarkSampleSharded_Prism(b *testing.B) {
	const n, perms = 10_000, 256
	cfg := SampleConfig{Game: coverageSpec(b, n, 5), Options: distribution.SampleOptions{Seed: 1, MaxPermutations: perms}, ShardSize: 64}
	for b.Loop() {
		p, s := beam.NewPipelineWithRoot()
		est, err := SampleSharded(s, cfg)
		if err != nil {
			b.Fatal(err)
		}
		beam.ParDo0(s, discard, est)
		if _, err := beam.Run(context.Background(), "prism", p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*perms)*float64(b.N)/b.Elapsed().Seconds(), "marginals/s")
}

// BenchmarkSampleSharded_SingleProcess is the same estimate in one SampleShapley call.
func BenchmarkSampleSharded_SingleProcess(b *testing.B) {
	const n, perms = 10_000, 256
	g, err := ParseGame("game", coverageSpec(b, n, 5))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := distribution.SampleShapley(context.Background(), g, distribution.SampleOptions{Seed: 1, MaxPermutations: perms}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*perms)*float64(b.N)/b.Elapsed().Seconds(), "marginals/s")
}

func discard(string) {}

func init() { register.Function1x0(discard) }

func currencyOrFatal(b *testing.B, code string) assay.Currency {
	c, err := assay.ParseCurrency(code)
	if err != nil {
		b.Fatal(err)
	}
	return c
}
