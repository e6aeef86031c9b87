package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

// benchEvents is the size of the registry the read benchmarks search; override it with
// ASSAY_BENCH_EVENTS (e.g. 1000000). The fixture file is kept in the temporary directory
// between runs, since building it verifies every signature (≈ 100 µs an event).
func benchEvents() int64 {
	if n, err := strconv.ParseInt(os.Getenv("ASSAY_BENCH_EVENTS"), 10, 64); err == nil && n > 0 {
		return n
	}
	return 100_000
}

func fixture(b *testing.B, n int64) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("assay-registry-bench-%d.sqlite", n))
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, err := rights.OpenRegistry(context.Background(), s, registrytest.Options())
	if err != nil {
		b.Fatal(err)
	}
	if err := registrytest.Populate(context.Background(), r, "BENCH", int(n)); err != nil {
		b.Fatal(err)
	}
	return path
}

func BenchmarkAppendBatch1000(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "append.sqlite"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, err := rights.OpenRegistry(context.Background(), s, registrytest.Options())
	if err != nil {
		b.Fatal(err)
	}
	registrytest.BenchAppend(b, r)
}

func BenchmarkReads(b *testing.B) {
	n := benchEvents()
	path := fixture(b, n)
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, err := rights.OpenRegistry(context.Background(), s, registrytest.Options())
	if err != nil {
		b.Fatal(err)
	}
	b.Run(strconv.FormatInt(n, 10), func(b *testing.B) { registrytest.BenchReads(b, r, n) })
}

func BenchmarkOpenMemory(b *testing.B) {
	n := benchEvents()
	path := fixture(b, n)
	b.Run(strconv.FormatInt(n, 10), func(b *testing.B) {
		registrytest.OpenMemory(b, n, func() rights.Store {
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			return s
		})
	})
}

// BenchmarkCheck measures Registry.Check, the full audit of a store, per event.
func BenchmarkCheck(b *testing.B) {
	n := benchEvents()
	s, err := Open(context.Background(), fixture(b, n), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, err := rights.OpenRegistry(context.Background(), s, registrytest.Options())
	if err != nil {
		b.Fatal(err)
	}
	b.Run(strconv.FormatInt(n, 10), func(b *testing.B) {
		for b.Loop() {
			if err := r.Check(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
	})
}
