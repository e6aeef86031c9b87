package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

// The fixture file is kept in the temporary directory between runs.
func BenchmarkStore(b *testing.B) {
	registrytest.Bench(b, harness().Open, func(b *testing.B, n int64) func() rights.Store {
		path := filepath.Join(os.TempDir(), fmt.Sprintf("assay-registry-bench-%d.sqlite", n))
		return func() rights.Store {
			s, err := Open(bg, path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			return s
		}
	})
}
