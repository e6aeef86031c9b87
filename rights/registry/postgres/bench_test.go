package postgres

import (
	"fmt"
	"os"
	"testing"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

// The fixture is kept between runs in the schema registrybench_<n>.
func BenchmarkStore(b *testing.B) {
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		b.Skip("PostgreSQL benchmarks skipped: set " + EnvDSN)
	}
	empty := func(t testing.TB) rights.Store { return openAt(t, freshSchema(t)) }
	registrytest.Bench(b, empty, func(b *testing.B, n int64) func() rights.Store {
		schema := fmt.Sprintf("registrybench_%d", n)
		admin := openAt(b, dsn)
		if _, err := admin.(Store).DB().Exec("CREATE SCHEMA IF NOT EXISTS " + schema); err != nil {
			b.Fatal(err)
		}
		return func() rights.Store {
			s, err := Open(bg, dsn+" search_path="+schema)
			if err != nil {
				b.Fatal(err)
			}
			return s
		}
	})
}
