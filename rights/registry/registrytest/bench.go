package registrytest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dataassay/assay/rights"
)

// BenchEvents is the size of the log the read benchmarks search: ASSAY_BENCH_EVENTS, or
// 100,000.
func BenchEvents() int64 {
	if n, err := strconv.ParseInt(os.Getenv("ASSAY_BENCH_EVENTS"), 10, 64); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// Bench runs a store's benchmarks: AppendBatch1000 on a new store from empty, and on a log
// of BenchEvents events that fixture(n) opens (a store kept between runs and completed with
// Populate, since building it verifies every signature): the lookups and proofs
// (BenchReads), the memory of opening it (OpenMemory), and the full audit (Check).
func Bench(b *testing.B, empty func(testing.TB) rights.Store, fixture func(b *testing.B, n int64) func() rights.Store) {
	ctx := context.Background()
	registry := func(b *testing.B, s rights.Store) *rights.Registry {
		r, err := rights.OpenRegistry(ctx, s, Options())
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	b.Run("AppendBatch1000", func(b *testing.B) { BenchAppend(b, registry(b, empty(b))) })
	n := BenchEvents()
	var open func() rights.Store
	setup := func(b *testing.B) *rights.Registry {
		if open == nil {
			open = fixture(b, n)
			s := open()
			if err := Populate(ctx, registry(b, s), "BENCH", int(n)); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
		s := open()
		b.Cleanup(func() { s.Close() })
		return registry(b, s)
	}
	size := strconv.FormatInt(n, 10)
	b.Run("Reads/"+size, func(b *testing.B) { BenchReads(b, setup(b), n) })
	b.Run("OpenMemory/"+size, func(b *testing.B) { setup(b); OpenMemory(b, n, open) })
	b.Run("Check/"+size, func(b *testing.B) {
		r := setup(b)
		for b.Loop() {
			if err := r.Check(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
	})
}

// Populate appends Chain(prefix, n) to r in batches of 1,000, skipping what r already holds
// (a benchmark fixture kept between runs is completed, not rebuilt).
func Populate(ctx context.Context, r *rights.Registry, prefix string, n int) error {
	have, err := r.Len(ctx)
	if err != nil {
		return err
	}
	const chunk = 1000
	for start := int(have) / chunk * chunk; start < n; start += chunk {
		events := ChainRange(prefix, start, min(start+chunk, n))
		if _, err := r.AppendBatch(ctx, events); err != nil {
			return err
		}
	}
	return nil
}

// BenchAppend measures appends in batches of 1,000 events, one transaction each, and
// reports appends/s. Each batch is new events (their signing is outside the timer; the
// registry's checks — signature verification, links, tree hashes — are inside).
func BenchAppend(b *testing.B, r *rights.Registry) {
	ctx := context.Background()
	prefix := fmt.Sprintf("BENCH-%d", time.Now().UnixNano())
	b.ReportAllocs()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		events := Chain(prefix+"-"+strconv.Itoa(i), 1000)
		b.StartTimer()
		t0 := time.Now()
		if _, err := r.AppendBatch(ctx, events); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
	}
	b.ReportMetric(float64(1000*b.N)/elapsed.Seconds(), "appends/s")
}

// BenchReads measures the lookups and proofs on a registry of n events built by Populate.
func BenchReads(b *testing.B, r *rights.Registry, n int64) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	hashes := make([]rights.Hash, 256)
	assets := make([]string, len(hashes))
	for k := range hashes {
		e, _, err := r.At(ctx, rng.Int64N(n))
		if err != nil {
			b.Fatal(err)
		}
		if hashes[k], err = e.Hash(); err != nil {
			b.Fatal(err)
		}
		assets[k] = e.Asset
	}
	head, err := r.Head(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if head.N != n {
		b.Fatalf("fixture has %d events, want %d", head.N, n)
	}
	b.Run("ByHash", func(b *testing.B) {
		b.ReportAllocs()
		k := 0
		for b.Loop() {
			if _, _, err := r.Event(ctx, hashes[k%len(hashes)]); err != nil {
				b.Fatal(err)
			}
			k++
		}
	})
	b.Run("ByAsset", func(b *testing.B) { // ten events per asset
		b.ReportAllocs()
		k := 0
		for b.Loop() {
			if _, err := r.Asset(ctx, assets[k%len(assets)]); err != nil {
				b.Fatal(err)
			}
			k++
		}
	})
	b.Run("Head", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Head(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("InclusionProof", func(b *testing.B) {
		b.ReportAllocs()
		k := int64(0)
		for b.Loop() {
			if _, err := r.ProveInclusion(ctx, (k*7919)%n, n); err != nil {
				b.Fatal(err)
			}
			k++
		}
	})
	b.Run("ConsistencyProof", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.ProveConsistency(ctx, n/3, n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// OpenMemory opens a registry with open (a store already holding a log of n events), runs
// one lookup and one proof, and reports the memory that this costs the process: the growth
// of the Go heap and of the resident set (which includes memory a driver allocates outside
// the Go heap, as modernc.org/sqlite does).
func OpenMemory(b *testing.B, n int64, open func() rights.Store) {
	ctx := context.Background()
	var heap, rss float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		rss0 := residentBytes()
		s := open()
		r, err := rights.OpenRegistry(ctx, s, Options())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.ProveInclusion(ctx, n/2, n); err != nil {
			b.Fatal(err)
		}
		if _, _, err := r.At(ctx, n-1); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap += float64(int64(after.HeapInuse) - int64(before.HeapInuse))
		rss += float64(residentBytes() - rss0)
		s.Close()
	}
	b.ReportMetric(heap/float64(b.N)/(1<<20), "heap-MB")
	b.ReportMetric(rss/float64(b.N)/(1<<20), "rss-MB")
}

// residentBytes returns the process's resident set size (Linux; 0 elsewhere).
func residentBytes() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
