package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

// EnvDSN names the environment variable that holds the DSN of a PostgreSQL server for the
// tests; .ci/run starts a throwaway server and sets it. Each test works in a schema of its
// own, dropped at the end.
const EnvDSN = "ASSAY_TEST_POSTGRES"

var bg = context.Background()

func TestMain(m *testing.M) {
	registrytest.ChildMain(func(dsn string) (rights.Store, error) { return Open(bg, dsn) })
	os.Exit(m.Run())
}

// freshSchema creates an empty schema and returns a DSN whose search_path selects it.
func freshSchema(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		t.Skip("PostgreSQL tests skipped: set " + EnvDSN + " to a server's DSN (e.g. \"host=/tmp port=5432 user=postgres\"); .ci/run starts one")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "registrytest_" + hex.EncodeToString(b)
	admin, err := Open(bg, dsn) // the registry's tables land in the default schema; harmless
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.DB().Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin, err := Open(bg, dsn)
		if err == nil {
			admin.DB().Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		}
	})
	return dsn + " search_path=" + schema
}

func openAt(t testing.TB, dsn string) rights.Store {
	t.Helper()
	s, err := Open(bg, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var dsns = map[rights.Store]string{}

func TestConformance(t *testing.T) {
	freshSchema(t) // skips without a server
	registrytest.Run(t, registrytest.Harness{
		Open: func(t testing.TB) rights.Store {
			dsn := freshSchema(t)
			s := openAt(t, dsn)
			dsns[s] = dsn
			return s
		},
		Reopen: func(t testing.TB, s rights.Store) rights.Store {
			s.Close()
			return openAt(t, dsns[s])
		},
		Corrupt: func(t testing.TB, s rights.Store, target registrytest.Target, i int64) {
			t.Helper()
			db := s.(Store).DB()
			table, col, key := "events", "record", "idx"
			if target == registrytest.StoredHash {
				table, col, key = "tree", "hash", "id"
			}
			// Flip the lowest bit of the last byte.
			q := "UPDATE " + table + " SET " + col + " = set_byte(" + col + ", length(" + col + ") - 1, get_byte(" + col + ", length(" + col + ") - 1) # 1) WHERE " + key + " = $1"
			if _, err := db.Exec(q, i); err != nil {
				t.Fatal(err)
			}
		},
	})
}

// Two processes appending to one database at once never fork the log.
func TestTwoWriters(t *testing.T) {
	dsn := freshSchema(t)
	openAt(t, dsn).Close() // create the tables before the race
	registrytest.TwoWriters(t, dsn, func(t testing.TB) rights.Store { return openAt(t, dsn) })
}

// A writer process killed with SIGKILL mid-batch loses nothing it acknowledged.
func TestCrash(t *testing.T) {
	dsn := freshSchema(t)
	registrytest.Crash(t, dsn, func(t testing.TB) rights.Store { return openAt(t, dsn) })
}
