// Package sqlstore is the rights.Store over database/sql that the SQLite and PostgreSQL
// stores share: the schema, its forward migrations, and the queries, with the differences
// between the two databases in a Dialect.
//
// # Schema (version 1)
//
//	events(idx, hash UNIQUE, record)   the log: index, event hash, binary record
//	tree(id, hash)                     the tree's stored hashes, by tlog.StoredHashIndex
//	lookup(kind, key, idx)             the lookups: (KeyKind, key) → event index
//	head(id = 1, n, root, signed)      the tree head recorded with the last append
//	schema_version(version)            the schema's version, one row
//
// An append writes one events row, its lookup
// rows and its tree rows, and the head row, in the same transaction.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/dataassay/assay/rights"
)

// Dialect is what differs between databases.
type Dialect struct {
	Name string // "sqlite" or "postgres", for messages
	// Bind returns the i-th placeholder (from 1): "?" or "$1".
	Bind func(i int) string
	// Migrations are the schema's versions: Migrations[v-1] takes the schema from version
	// v-1 to v, as statements run in one transaction. Version 0 is the empty database.
	Migrations [][]string
	// Lock, if not empty, is run first in every write transaction to serialise writers
	// across processes (PostgreSQL: an advisory transaction lock). SQLite takes its write
	// lock at BEGIN IMMEDIATE instead.
	Lock string
	// Unique reports whether err is a unique-constraint violation.
	Unique func(err error) bool
	// ReadTx are the options of View's transactions (nil: the driver's default).
	ReadTx *sql.TxOptions
}

// Store is a rights.Store over a database. It is safe for concurrent use.
type Store struct {
	read, write *sql.DB // the same pool, or for SQLite a deferred and an immediate pool
	d           Dialect
	q           queries
	mu          sync.Mutex // serialises this process's writers before the database does
	rs, ws      *stmts     // statements prepared on read and on write
}

// stmts are the queries prepared once per pool at Open; database/sql then prepares each
// once per connection and reuses it in every transaction on that connection. The map is
// read-only after Open. (Preparing lazily inside a transaction would need a second
// connection, which the SQLite write pool does not have.)
type stmts struct {
	m map[string]*sql.Stmt
}

func prepare(ctx context.Context, db *sql.DB, queries []string) (*stmts, error) {
	c := &stmts{m: make(map[string]*sql.Stmt, len(queries))}
	for _, q := range queries {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			c.close()
			return nil, err
		}
		c.m[q] = st
	}
	return c, nil
}

func (c *stmts) close() error {
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// queries are the statements, in the dialect's placeholders.
type queries struct {
	len, record, find, lookup, head, insEvent, insLookup, insTree, setHead string
	hashesIn                                                               func(n int) string
}

// all returns every query, with hashesIn for each size up to maxIn.
func (q queries) all() []string {
	out := []string{q.len, q.record, q.find, q.lookup, q.head, q.insEvent, q.insLookup, q.insTree, q.setHead}
	for n := 1; n <= maxIn; n++ {
		out = append(out, q.hashesIn(n))
	}
	return out
}

func newQueries(d Dialect) queries {
	b := d.Bind
	return queries{
		len:       "SELECT COALESCE(MAX(idx) + 1, 0) FROM events",
		record:    "SELECT record FROM events WHERE idx = " + b(1),
		find:      "SELECT idx, record FROM events WHERE hash = " + b(1),
		lookup:    "SELECT idx FROM lookup WHERE kind = " + b(1) + " AND key = " + b(2) + " ORDER BY idx",
		head:      "SELECT n, root, signed FROM head WHERE id = 1",
		insEvent:  "INSERT INTO events (idx, hash, record) VALUES (" + b(1) + ", " + b(2) + ", " + b(3) + ")",
		insLookup: "INSERT INTO lookup (kind, key, idx) VALUES (" + b(1) + ", " + b(2) + ", " + b(3) + ")",
		insTree:   "INSERT INTO tree (id, hash) VALUES (" + b(1) + ", " + b(2) + ")",
		setHead: "INSERT INTO head (id, n, root, signed) VALUES (1, " + b(1) + ", " + b(2) + ", " + b(3) + ") " +
			"ON CONFLICT (id) DO UPDATE SET n = excluded.n, root = excluded.root, signed = excluded.signed",
		hashesIn: func(n int) string {
			var sb strings.Builder
			sb.WriteString("SELECT id, hash FROM tree WHERE id IN (")
			for i := range n {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString(b(i + 1))
			}
			sb.WriteString(")")
			return sb.String()
		},
	}
}

// ErrSchemaTooNew reports a database written by a newer version of this package.
var ErrSchemaTooNew = errors.New("rights registry store: schema newer than this program knows")

// Open returns a store over read and write (which may be the same pool) after migrating
// the schema forward to the dialect's latest version. Close closes the pools.
func Open(ctx context.Context, read, write *sql.DB, d Dialect) (*Store, error) {
	s := &Store{read: read, write: write, d: d, q: newQueries(d)}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	var err error
	if s.rs, err = prepare(ctx, read, s.q.all()); err != nil {
		return nil, fmt.Errorf("rights: %s registry: prepare: %w", d.Name, err)
	}
	if s.ws, err = prepare(ctx, write, s.q.all()); err != nil {
		s.rs.close()
		return nil, fmt.Errorf("rights: %s registry: prepare: %w", d.Name, err)
	}
	return s, nil
}

// Version returns the schema version of the database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, "SELECT version FROM schema_version").Scan(&v)
	return v, err
}

// migrate brings the schema to the latest version in one write transaction, so that two
// processes opening a new database at once do not both create it.
func (s *Store) migrate(ctx context.Context) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); err != nil {
			return fmt.Errorf("rights: %s registry schema: %w", s.d.Name, err)
		}
		var v int
		switch err := tx.QueryRowContext(ctx, "SELECT version FROM schema_version").Scan(&v); {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version) VALUES (0)"); err != nil {
				return fmt.Errorf("rights: %s registry schema: %w", s.d.Name, err)
			}
		case err != nil:
			return fmt.Errorf("rights: %s registry schema: %w", s.d.Name, err)
		}
		if v > len(s.d.Migrations) {
			return fmt.Errorf("%w: version %d, this program knows %d", ErrSchemaTooNew, v, len(s.d.Migrations))
		}
		for ; v < len(s.d.Migrations); v++ {
			for _, stmt := range s.d.Migrations[v] {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("rights: %s registry schema version %d: %w", s.d.Name, v+1, err)
				}
			}
			if _, err := tx.ExecContext(ctx, "UPDATE schema_version SET version = "+strconv.Itoa(v+1)); err != nil {
				return fmt.Errorf("rights: %s registry schema: %w", s.d.Name, err)
			}
		}
		return nil
	})
}

// Close closes the database pools.
func (s *Store) Close() error {
	err := errors.Join(s.rs.close(), s.ws.close(), s.write.Close())
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// DB returns the pool writes go through, for tests that reach behind the registry.
func (s *Store) DB() *sql.DB { return s.write }

// writeTx runs fn in a write transaction that holds the dialect's lock.
func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rights: %s registry: begin: %w", s.d.Name, err)
	}
	defer tx.Rollback()
	if s.d.Lock != "" {
		if _, err := tx.ExecContext(ctx, s.d.Lock); err != nil {
			return fmt.Errorf("rights: %s registry: lock: %w", s.d.Name, err)
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("rights: %s registry: commit: %w", s.d.Name, err)
	}
	return nil
}

// View runs fn in a read-only transaction.
func (s *Store) View(ctx context.Context, fn func(rights.StoreReader) error) error {
	tx, err := s.read.BeginTx(ctx, s.d.ReadTx)
	if err != nil {
		return fmt.Errorf("rights: %s registry: begin: %w", s.d.Name, err)
	}
	defer tx.Rollback()
	return fn(&txn{ctx: ctx, tx: tx, s: s, st: s.rs})
}

// Update runs fn in a write transaction, serialised with every other writer of the database.
func (s *Store) Update(ctx context.Context, fn func(rights.StoreWriter) error) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error { return fn(&txn{ctx: ctx, tx: tx, s: s, st: s.ws}) })
}

// txn is a rights.StoreWriter over one transaction.
type txn struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
	st  *stmts
	n   int64 // the log's length, once read; kept current by Append
	set bool  // whether n was read

	// The record Find read with the index, for the Record call that usually follows it
	// (records never change, so it stays valid for the transaction).
	found    int64
	foundRec []byte
}

// query runs a prepared query in the transaction.
func (t *txn) query(q string, args ...any) (*sql.Rows, error) {
	return t.tx.StmtContext(t.ctx, t.st.m[q]).QueryContext(t.ctx, args...)
}

// row runs a prepared single-row query in the transaction and scans its columns.
func (t *txn) row(q string, args []any, dst ...any) error {
	rows, err := t.query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dst...); err != nil {
		return err
	}
	return rows.Close()
}

// exec runs a prepared statement in the transaction.
func (t *txn) exec(q string, args ...any) error {
	_, err := t.tx.StmtContext(t.ctx, t.st.m[q]).ExecContext(t.ctx, args...)
	return err
}

func (t *txn) fail(op string, err error) error {
	return fmt.Errorf("rights: %s registry: %s: %w", t.s.d.Name, op, err)
}

func (t *txn) Len() (int64, error) {
	if t.set {
		return t.n, nil
	}
	if err := t.row(t.s.q.len, nil, &t.n); err != nil {
		return 0, t.fail("length", err)
	}
	t.set = true
	return t.n, nil
}

func (t *txn) Record(i int64) ([]byte, error) {
	if t.foundRec != nil && t.found == i {
		return t.foundRec, nil
	}
	var rec []byte
	err := t.row(t.s.q.record, []any{i}, &rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("rights: %s registry: record %d: %w", t.s.d.Name, i, rights.ErrNotFound)
	}
	if err != nil {
		return nil, t.fail("record "+strconv.FormatInt(i, 10), err)
	}
	return rec, nil
}

func (t *txn) Find(h rights.Hash) (int64, bool, error) {
	var i int64
	var rec []byte
	err := t.row(t.s.q.find, []any{h[:]}, &i, &rec)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, t.fail("find "+h.Short(), err)
	}
	t.found, t.foundRec = i, rec
	return i, true, nil
}

func (t *txn) Lookup(k rights.Key) ([]int64, error) {
	rows, err := t.query(t.s.q.lookup, int(k.Kind), []byte(k.Value))
	if err != nil {
		return nil, t.fail("lookup", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var i int64
		if err := rows.Scan(&i); err != nil {
			return nil, t.fail("lookup", err)
		}
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, t.fail("lookup", err)
	}
	return out, nil
}

// maxIn is the most ids one hash query asks for.
const maxIn = 64

func (t *txn) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for start := 0; start < len(indexes); start += maxIn {
		part := indexes[start:min(start+maxIn, len(indexes))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := t.query(t.s.q.hashesIn(len(part)), args...)
		if err != nil {
			return nil, t.fail("tree", err)
		}
		got := make(map[int64]tlog.Hash, len(part))
		for rows.Next() {
			var id int64
			var h []byte
			if err := rows.Scan(&id, &h); err != nil {
				rows.Close()
				return nil, t.fail("tree", err)
			}
			if len(h) != tlog.HashSize {
				rows.Close()
				return nil, &rights.CorruptError{Index: id, Reason: fmt.Sprintf("stored hash %d has %d bytes", id, len(h))}
			}
			got[id] = tlog.Hash(h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, t.fail("tree", err)
		}
		for i, id := range part {
			h, ok := got[id]
			if !ok {
				return nil, fmt.Errorf("rights: %s registry: stored hash %d: %w", t.s.d.Name, id, rights.ErrNotFound)
			}
			out[start+i] = h
		}
	}
	return out, nil
}

func (t *txn) Checkpoint() (rights.Checkpoint, error) {
	var c rights.Checkpoint
	var root []byte
	err := t.row(t.s.q.head, nil, &c.N, &root, &c.Signed)
	if errors.Is(err, sql.ErrNoRows) {
		return rights.Checkpoint{}, nil
	}
	if err != nil {
		return c, t.fail("head", err)
	}
	if len(root) != len(c.Root) {
		return c, &rights.CorruptError{Index: c.N, Reason: fmt.Sprintf("the recorded root has %d bytes", len(root))}
	}
	c.Root = rights.Hash(root)
	return c, nil
}

func (t *txn) Append(e rights.StoredEvent) error {
	n, err := t.Len()
	if err != nil {
		return err
	}
	if e.Index != n {
		return fmt.Errorf("rights: %s registry: append at %d to a log of %d", t.s.d.Name, e.Index, n)
	}
	if err := t.exec(t.s.q.insEvent, e.Index, e.Hash[:], e.Record); err != nil {
		if t.s.d.Unique(err) {
			return fmt.Errorf("rights: event %s: %w", e.Hash.Short(), rights.ErrDuplicate)
		}
		return t.fail("append", err)
	}
	for _, k := range e.Keys {
		if err := t.exec(t.s.q.insLookup, int(k.Kind), []byte(k.Value), e.Index); err != nil {
			return t.fail("append lookup", err)
		}
	}
	first := tlog.StoredHashCount(e.Index)
	for j, h := range e.Hashes {
		if err := t.exec(t.s.q.insTree, first+int64(j), h[:]); err != nil {
			return t.fail("append tree", err)
		}
	}
	t.n++
	return nil
}

func (t *txn) SetCheckpoint(c rights.Checkpoint) error {
	if err := t.exec(t.s.q.setHead, c.N, c.Root[:], c.Signed); err != nil {
		return t.fail("head", err)
	}
	return nil
}
