// Package postgres keeps a rights.Registry in PostgreSQL, for exchange backends that run
// several processes against one database and already operate a server (backups,
// replication, monitoring). The driver is github.com/jackc/pgx/v5, through its database/sql
// adapter, so the store shares its schema and queries with rights/registry/sqlite.
//
//	s, err := postgres.Open(ctx, "host=db.internal dbname=registry search_path=rights")
//	…
//	defer s.Close()
//	reg, err := rights.OpenRegistry(ctx, s, rights.RegistryOptions{Registrars: registrars})
//
// # Durability and concurrency
//
// Each append is one transaction, committed with the server's durability (synchronous_commit
// on, the default, flushes the WAL before the commit returns). Writers serialise on a
// transaction-scoped advisory lock keyed by the schema (pg_advisory_xact_lock), taken before
// they read the log's length, so writers in any number of processes never claim the same
// index — and the primary key on the index would refuse it if they did. Readers run in
// read-only REPEATABLE READ transactions, each on one snapshot, without blocking writers.
//
// Tables live in the connection's current schema (set search_path in the DSN to keep one
// registry per schema). The schema is versioned and migrated forward on Open.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/internal/sqlstore"
)

// Store is a rights.Store in a PostgreSQL schema. It is safe for concurrent use.
type Store struct {
	*sqlstore.Store
}

var _ rights.Store = Store{}

// Open connects to the database at dsn (a libpq keyword/value string or a postgres:// URL,
// as pgx.ParseConfig reads it), creates the registry's tables in the current schema if
// needed and migrates an older schema forward.
func Open(ctx context.Context, dsn string) (Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return Store{}, fmt.Errorf("rights: postgres registry: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return Store{}, fmt.Errorf("rights: postgres registry: %w", err)
	}
	s, err := sqlstore.Open(ctx, db, db, dialect)
	if err != nil {
		db.Close()
		return Store{}, err
	}
	return Store{s}, nil
}

var dialect = sqlstore.Dialect{
	Name: "postgres",
	Bind: func(i int) string { return "$" + strconv.Itoa(i) },
	Migrations: [][]string{{ // version 1
		`CREATE TABLE events (idx BIGINT PRIMARY KEY, hash BYTEA NOT NULL UNIQUE, record BYTEA NOT NULL)`,
		`CREATE TABLE tree (id BIGINT PRIMARY KEY, hash BYTEA NOT NULL)`,
		`CREATE TABLE lookup (kind INTEGER NOT NULL, key BYTEA NOT NULL, idx BIGINT NOT NULL, PRIMARY KEY (kind, key, idx))`,
		`CREATE TABLE head (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL, root BYTEA NOT NULL, signed BYTEA)`,
	}},
	// The first key names this package's locks; the second, the schema's registry.
	Lock: `SELECT pg_advisory_xact_lock(1920229747, hashtext(current_schema()))`,
	Unique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505" // unique_violation
	},
	ReadTx: &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
}
