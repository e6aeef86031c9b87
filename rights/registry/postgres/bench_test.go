package postgres

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

// benchEvents is the size of the registry the read benchmarks search; override it with
// ASSAY_BENCH_EVENTS. The fixture schema is kept between runs.
func benchEvents() int64 {
	if n, err := strconv.ParseInt(os.Getenv("ASSAY_BENCH_EVENTS"), 10, 64); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// fixture returns the DSN of a schema holding a log of n events, built on first use.
func fixture(b *testing.B, n int64) string {
	b.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		b.Skip("PostgreSQL benchmarks skipped: set " + EnvDSN)
	}
	schema := fmt.Sprintf("registrybench_%d", n)
	admin, err := Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := admin.DB().Exec("CREATE SCHEMA IF NOT EXISTS " + schema); err != nil {
		b.Fatal(err)
	}
	admin.Close()
	dsn += " search_path=" + schema
	s, err := Open(context.Background(), dsn)
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
	return dsn
}

func BenchmarkAppendBatch1000(b *testing.B) {
	dsn := freshSchema(b)
	s, err := Open(context.Background(), dsn)
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
	dsn := fixture(b, n)
	s, err := Open(context.Background(), dsn)
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
	dsn := fixture(b, n)
	b.Run(strconv.FormatInt(n, 10), func(b *testing.B) {
		registrytest.OpenMemory(b, n, func() rights.Store {
			s, err := Open(context.Background(), dsn)
			if err != nil {
				b.Fatal(err)
			}
			return s
		})
	})
}
