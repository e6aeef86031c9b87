// Package sqlite keeps a rights.Registry in an embedded SQLite database file: the default
// durable store, with no server and no cgo (the driver is modernc.org/sqlite, SQLite
// translated to pure Go), so a program that uses it still builds with Go alone.
//
//	s, err := sqlite.Open(ctx, "registry.sqlite", sqlite.Options{})
//	…
//	defer s.Close()
//	reg, err := rights.OpenRegistry(ctx, s, rights.RegistryOptions{Registrars: registrars})
//
// # Durability
//
// The database runs in write-ahead-log mode (journal_mode=WAL) with synchronous=FULL: the
// WAL is fsynced at every commit, so an append acknowledged by Registry.Append or
// AppendBatch survives a crash of the process or of the machine (SQLite documentation,
// "Write-Ahead Logging" and "PRAGMA synchronous"). Every append is one transaction — the
// event, its lookup rows, its tree hashes and the new tree head commit together or not at
// all — so a crash never leaves half an event. Batch appends (AppendBatch) to pay the fsync
// once per batch.
//
// # Concurrency
//
// A Store is safe for concurrent use. Writers take SQLite's write lock at the start of their
// transaction (BEGIN IMMEDIATE) and wait up to Options.BusyTimeout for another process
// holding it, so several processes may append to the same file without forking the log;
// readers run in parallel with the writer on their own connections, each transaction on one
// snapshot. The file must be on a local file system (WAL needs shared memory between the
// processes).
//
// The schema (see rights/registry/internal/sqlstore) is versioned and migrated forward on
// Open; a file written by a newer version of this package is refused.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/internal/sqlstore"
)

// Options configures Open. The zero value is the documented default.
type Options struct {
	// BusyTimeout is how long a writer waits for another process's write lock before
	// failing; zero means 5 seconds.
	BusyTimeout time.Duration
	// ReadConns is the most connections readers use at once; zero means 4.
	ReadConns int
}

// Store is a rights.Store in a SQLite file. It is safe for concurrent use.
type Store struct {
	*sqlstore.Store
}

var _ rights.Store = Store{}

// Open opens the registry database at path, creating the file and its schema if needed and
// migrating an older schema forward.
func Open(ctx context.Context, path string, opt Options) (Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return Store{}, &rights.FormatError{Field: "sqlite path", Value: path, Reason: `must be a file name without "?" or "#"`}
	}
	busy := opt.BusyTimeout
	if busy <= 0 {
		busy = 5 * time.Second
	}
	conns := opt.ReadConns
	if conns <= 0 {
		conns = 4
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	dsn := "file:" + path + "?" + q.Encode()
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return Store{}, fmt.Errorf("rights: sqlite registry %s: %w", path, err)
	}
	write.SetMaxOpenConns(1) // one writer per process; other processes wait on the lock
	read, err := sql.Open("sqlite", dsn)
	if err != nil {
		write.Close()
		return Store{}, fmt.Errorf("rights: sqlite registry %s: %w", path, err)
	}
	read.SetMaxOpenConns(conns)
	read.SetMaxIdleConns(conns)
	s, err := sqlstore.Open(ctx, read, write, dialect)
	if err != nil {
		write.Close()
		read.Close()
		return Store{}, fmt.Errorf("rights: sqlite registry %s: %w", path, err)
	}
	return Store{s}, nil
}

var dialect = sqlstore.Dialect{
	Name: "sqlite",
	Bind: func(int) string { return "?" },
	Migrations: [][]string{{ // version 1
		`CREATE TABLE events (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, record BLOB NOT NULL)`,
		`CREATE TABLE tree (id INTEGER PRIMARY KEY, hash BLOB NOT NULL)`,
		`CREATE TABLE lookup (kind INTEGER NOT NULL, key BLOB NOT NULL, idx INTEGER NOT NULL,
			PRIMARY KEY (kind, key, idx)) WITHOUT ROWID`,
		`CREATE TABLE head (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL, root BLOB NOT NULL, signed BLOB)`,
	}},
	Unique: func(err error) bool {
		var e *sqlite.Error
		return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
}
