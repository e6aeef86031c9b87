package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/internal/sqlstore"
	"github.com/dataassay/assay/rights/registry/registrytest"
)

var bg = context.Background()

func TestMain(m *testing.M) {
	registrytest.ChildMain(func(path string) (rights.Store, error) { return Open(bg, path, Options{}) })
	os.Exit(m.Run())
}

// paths remembers the file of each store the tests open, for Reopen.
var paths sync.Map // Store → path

func openAt(t testing.TB, path string) rights.Store {
	t.Helper()
	s, err := Open(bg, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths.Store(s, path)
	t.Cleanup(func() { s.Close() })
	return s
}

func harness() registrytest.Harness {
	return registrytest.Harness{
		Open: func(t testing.TB) rights.Store { return openAt(t, filepath.Join(t.TempDir(), "registry.sqlite")) },
		Reopen: func(t testing.TB, s rights.Store) rights.Store {
			path, _ := paths.Load(s)
			s.Close()
			return openAt(t, path.(string))
		},
		Corrupt: func(t testing.TB, s rights.Store, target registrytest.Target, i int64) {
			t.Helper()
			db := s.(Store).DB()
			table, col, key := "events", "record", "idx"
			if target == registrytest.StoredHash {
				table, col, key = "tree", "hash", "id"
			}
			var b []byte
			if err := db.QueryRow("SELECT "+col+" FROM "+table+" WHERE "+key+" = ?", i).Scan(&b); err != nil {
				t.Fatal(err)
			}
			b[len(b)-1] ^= 1
			if _, err := db.Exec("UPDATE "+table+" SET "+col+" = ? WHERE "+key+" = ?", b, i); err != nil {
				t.Fatal(err)
			}
		},
	}
}

func TestConformance(t *testing.T) { registrytest.Run(t, harness()) }

// A writer process killed with SIGKILL in the middle of a batch loses nothing it
// acknowledged and leaves no half batch.
func TestCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.sqlite")
	registrytest.Crash(t, path, func(t testing.TB) rights.Store { return openAt(t, path) })
}

// Two processes appending to one file at once never fork the log.
func TestTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.sqlite")
	openAt(t, path).Close() // create the schema before the race
	registrytest.TwoWriters(t, path, func(t testing.TB) rights.Store { return openAt(t, path) })
}

// Open sets the documented durability.
func TestOpen_Pragmas(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "p.sqlite")).(Store)
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "busy_timeout": "5000"} {
		var got string
		if err := s.DB().QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
	if v, err := s.Version(bg); err != nil || v != len(dialect.Migrations) {
		t.Errorf("schema version = %d, %v; want %d", v, err, len(dialect.Migrations))
	}
}

// A file of an older schema version is migrated forward on open; a newer one is refused.
func TestOpen_Migrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.sqlite")
	s := openAt(t, path).(Store)
	r, err := rights.OpenRegistry(bg, s, registrytest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.AppendBatch(bg, registrytest.Chain("MIG", 12)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A version 2 that adds a table: opening the version 1 file migrates it, keeping the log.
	v2 := dialect
	v2.Migrations = append(append([][]string{}, dialect.Migrations...), []string{`CREATE TABLE notes (idx INTEGER PRIMARY KEY, text TEXT)`})
	s2 := openWith(t, path, v2)
	if v, err := s2.Version(bg); err != nil || v != 2 {
		t.Fatalf("version after migrating = %d, %v; want 2", v, err)
	}
	if _, err := s2.DB().Exec(`INSERT INTO notes (idx, text) VALUES (0, 'migrated')`); err != nil {
		t.Errorf("the version 2 table: %v", err)
	}
	r2, err := rights.OpenRegistry(bg, s2, registrytest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if err := r2.Check(bg); err != nil {
		t.Error(err)
	}
	s2.Close()

	// This program knows only version 1: the version 2 file is refused, not downgraded.
	if _, err := Open(bg, path, Options{}); !errors.Is(err, sqlstore.ErrSchemaTooNew) {
		t.Errorf("opening a newer schema = %v, want ErrSchemaTooNew", err)
	}
}

func openWith(t *testing.T, path string, d sqlstore.Dialect) *sqlstore.Store {
	t.Helper()
	saved := dialect
	dialect = d
	defer func() { dialect = saved }()
	s, err := Open(bg, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s.Store
}

func TestOpen_BadPath(t *testing.T) {
	if _, err := Open(bg, "a?b", Options{}); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("Open(a?b) = %v, want ErrMalformed", err)
	}
}
