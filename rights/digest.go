package rights

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/dataassay/assay/internal/jsonin"
)

// Digest is the SHA-256 digest of a data set's Manifest: the evidence of the data (存证) that
// a registration carries, so that anyone holding the data can later show it is the data that
// was registered. Shandong's data-IP registration rules (2023) make 存证或公证 the first step
// of registration; Shenzhen's Interim Measures (深发改规〔2023〕5号) keep registration records
// on a blockchain or similar technology. Its text and JSON form is lower-case hexadecimal.
// The zero Digest means none was recorded.
type Digest [32]byte

// IsZero reports whether d is the zero Digest.
func (d Digest) IsZero() bool { return d == Digest{} }

// String returns d in lower-case hexadecimal.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// MarshalText encodes d in lower-case hexadecimal.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes 64 hexadecimal digits.
func (d *Digest) UnmarshalText(text []byte) error {
	return decodeHex32((*[32]byte)(d), text, "digest")
}

// FileEntry is one file of a data set: its slash-separated path relative to the data set's
// root, its size in bytes and the SHA-256 of its content.
type FileEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 Digest `json:"sha256"`
}

// Manifest describes a data set so that its Digest can be recorded at registration: the
// files that make it up, and — for large sets of records, where a holder wants to prove
// that one record was in the registered set without showing the rest — a Merkle root over
// the records. The tree is RFC 6962's (Certificate Transparency, §2.1: leaf hash
// SHA-256(0x00 ‖ record), node hash SHA-256(0x01 ‖ left ‖ right)), computed and proved
// with golang.org/x/mod/sumdb/tlog, so any RFC 6962 verifier can check the proofs.
//
// A Manifest is a plain value, safe for concurrent use once built.
type Manifest struct {
	Files      []FileEntry `json:"files,omitempty"`     // sorted by Path, distinct
	Records    int64       `json:"records,omitzero"`    // the number of records under RecordRoot
	RecordRoot Digest      `json:"recordRoot,omitzero"` // RFC 6962 tree hash of the records
}

// Limits on manifests.
const (
	MaxManifestFiles = 100_000  // files in a Manifest
	MaxRecordSize    = 1 << 20  // bytes in one record read by ManifestRecords and ProveRecord
	MaxManifestJSON  = 32 << 20 // bytes Manifest.UnmarshalJSON accepts
)

// manifestMagic opens the canonical encoding of a manifest (assay rights manifest, v1).
const manifestMagic = "ARM\x01"

// Validate reports the first problem as a *FormatError: no files and no records; more than
// MaxManifestFiles files; a path that is not a valid, unrooted, slash-separated path
// (io/fs.ValidPath) of at most MaxString bytes, or out of order or repeated; a negative size;
// records without a root or a root without records.
func (m Manifest) Validate() error {
	if len(m.Files) == 0 && m.Records == 0 {
		return &FormatError{Field: "manifest", Reason: "lists no files and no records"}
	}
	if len(m.Files) > MaxManifestFiles {
		return &FormatError{Field: "manifest files", Value: strconv.Itoa(len(m.Files)), Reason: "more than " + strconv.Itoa(MaxManifestFiles)}
	}
	for i, f := range m.Files {
		switch {
		case len(f.Path) > MaxString || !fs.ValidPath(f.Path) || f.Path == ".":
			return &FormatError{Field: "manifest file path", Value: clip(f.Path), Reason: "want a relative slash-separated path such as \"2024/flows.csv\""}
		case i > 0 && m.Files[i-1].Path >= f.Path:
			return &FormatError{Field: "manifest file path", Value: clip(f.Path), Reason: "files must be sorted by path and distinct"}
		case f.Size < 0:
			return &FormatError{Field: "manifest file size", Value: strconv.FormatInt(f.Size, 10), Reason: "must not be negative"}
		}
	}
	switch {
	case m.Records < 0:
		return &FormatError{Field: "manifest records", Value: strconv.FormatInt(m.Records, 10), Reason: "must not be negative"}
	case m.Records > 0 && m.RecordRoot.IsZero():
		return &FormatError{Field: "manifest recordRoot", Reason: "records need a root"}
	case m.Records == 0 && !m.RecordRoot.IsZero():
		return &FormatError{Field: "manifest records", Reason: "a root needs records"}
	}
	return nil
}

// Digest returns the SHA-256 of the manifest's canonical encoding: the magic "ARM\x01", the
// number of files as a uint32, each file's path (uint32 length and UTF-8 bytes), size
// (int64) and SHA-256 (32 bytes), then the number of records (int64) and the record root
// (32 bytes), integers big-endian. An invalid manifest returns the *FormatError of Validate.
func (m Manifest) Digest() (Digest, error) {
	if err := m.Validate(); err != nil {
		return Digest{}, err
	}
	h := sha256.New()
	b := appendU32([]byte(manifestMagic), len(m.Files))
	for _, f := range m.Files {
		b = appendStr(b, f.Path)
		b = appendI64(b, f.Size)
		b = append(b, f.SHA256[:]...)
		if len(b) > 32<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	b = appendI64(b, m.Records)
	h.Write(append(b, m.RecordRoot[:]...))
	return Digest(h.Sum(nil)), nil
}

// Check returns nil if the manifest's Digest is d, else a *DigestError (wrapping
// ErrDigestMismatch) — the data is not the data registered.
func (m Manifest) Check(d Digest) error {
	got, err := m.Digest()
	if err != nil {
		return err
	}
	if got != d {
		return &DigestError{Want: d, Got: got}
	}
	return nil
}

// UnmarshalJSON decodes a manifest strictly (at most MaxManifestJSON bytes, no unknown
// fields) and checks it with Validate.
func (m *Manifest) UnmarshalJSON(data []byte) error {
	type plain Manifest
	var p plain
	if err := jsonin.Decode(data, &p, MaxManifestJSON); err != nil {
		if fe := (*FormatError)(nil); errors.As(err, &fe) {
			return fe
		}
		return &FormatError{Field: "manifest JSON", Reason: clip(err.Error())}
	}
	if err := Manifest(p).Validate(); err != nil {
		return err
	}
	*m = Manifest(p)
	return nil
}

// ManifestFS builds the manifest of the regular files under root in fsys (for a directory
// on disk, os.DirFS(dir) and "."), hashing each with SHA-256. Symbolic links and other
// non-regular files are skipped, not followed. It stops when ctx is done, between files and
// every MiB within a file, with an error wrapping ctx.Err().
func ManifestFS(ctx context.Context, fsys fs.FS, root string) (Manifest, error) {
	var m Manifest
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if len(m.Files) == MaxManifestFiles {
			return &FormatError{Field: "manifest files", Reason: "more than " + strconv.Itoa(MaxManifestFiles)}
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		n, err := io.Copy(h, ctxReader{ctx, f})
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if root == "." {
			rel = p
		}
		m.Files = append(m.Files, FileEntry{Path: rel, Size: n, SHA256: Digest(h.Sum(nil))})
		return nil
	})
	if err != nil {
		return Manifest{}, fmt.Errorf("rights: manifest of %q: %w", clip(root), err)
	}
	slices.SortFunc(m.Files, func(a, b FileEntry) int { return strings.Compare(a.Path, b.Path) })
	return m, m.Validate()
}

// ctxReader reads at most 1 MiB at a time and fails once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p[:min(len(p), 1<<20)])
}

// ManifestRecords builds a manifest of the records read from r — its lines, each without its
// "\n" or "\r\n" terminator, as in CSV or JSON Lines — with their count and RFC 6962 tree
// hash. It keeps O(log n) hashes in memory, whatever the number of records. A record longer
// than MaxRecordSize returns a *FormatError; it stops when ctx is done.
func ManifestRecords(ctx context.Context, r io.Reader) (Manifest, error) {
	var stack []tlog.Hash // roots of perfect subtrees, largest first; sizes are the bits of n
	var n int64
	err := eachRecord(ctx, r, func(rec []byte) {
		h := tlog.RecordHash(rec)
		n++
		// Merge equal-sized subtrees: one merge per trailing one bit of the new count.
		for k := n; k&1 == 0; k >>= 1 {
			h = tlog.NodeHash(stack[len(stack)-1], h)
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, h)
	})
	if err != nil {
		return Manifest{}, err
	}
	if n == 0 {
		return Manifest{}, &FormatError{Field: "manifest records", Reason: "no records"}
	}
	// RFC 6962 §2.1 splits at the largest power of two below n, so the root folds the
	// perfect subtrees from the right.
	root := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		root = tlog.NodeHash(stack[i], root)
	}
	return Manifest{Records: n, RecordRoot: Digest(root)}, nil
}

// eachRecord calls f with each line of r, checking ctx every 4,096 records.
func eachRecord(ctx context.Context, r io.Reader, f func([]byte)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxRecordSize+2)
	var i int
	for sc.Scan() {
		if i++; i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("rights: reading records: %w", err)
			}
		}
		if len(sc.Bytes()) > MaxRecordSize {
			return &FormatError{Field: "record", Value: strconv.Itoa(i), Reason: "longer than " + strconv.Itoa(MaxRecordSize) + " bytes"}
		}
		f(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &FormatError{Field: "record", Value: strconv.Itoa(i + 1), Reason: "longer than " + strconv.Itoa(MaxRecordSize) + " bytes"}
		}
		return fmt.Errorf("rights: reading records: %w", err)
	}
	return nil
}

// RecordProof proves that a record is in the set whose Manifest has RecordRoot: the record's
// index and the RFC 6962 audit path (§2.1.1) from its leaf to the root.
type RecordProof struct {
	Index int64    `json:"index"`
	Path  []Digest `json:"path"`
}

// ProveRecord reads the records of r as ManifestRecords does and returns the proof that the
// record at index is among them, with the record itself. It keeps every record's hash (two
// 32-byte hashes per record) while it works.
func ProveRecord(ctx context.Context, r io.Reader, index int64) (RecordProof, []byte, error) {
	var stored []tlog.Hash
	var n int64
	var rec []byte
	var err error
	readErr := eachRecord(ctx, r, func(b []byte) {
		if err != nil {
			return
		}
		if n == index {
			rec = bytes.Clone(b)
		}
		var hs []tlog.Hash
		hs, err = tlog.StoredHashes(n, b, hashSlice(stored))
		stored = append(stored, hs...)
		n++
	})
	if readErr != nil {
		return RecordProof{}, nil, readErr
	}
	if err != nil {
		return RecordProof{}, nil, fmt.Errorf("rights: record tree: %w", err)
	}
	if index < 0 || index >= n {
		return RecordProof{}, nil, &FormatError{Field: "record index", Value: strconv.FormatInt(index, 10), Reason: "want 0 to " + strconv.FormatInt(n-1, 10)}
	}
	p, err := tlog.ProveRecord(n, index, hashSlice(stored))
	if err != nil {
		return RecordProof{}, nil, fmt.Errorf("rights: record proof: %w", err)
	}
	out := RecordProof{Index: index, Path: make([]Digest, len(p))}
	for i, h := range p {
		out.Path[i] = Digest(h)
	}
	return out, rec, nil
}

type hashSlice []tlog.Hash

func (s hashSlice) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, k := range idx {
		if k < 0 || k >= int64(len(s)) {
			return nil, fmt.Errorf("stored hash %d out of range", k)
		}
		out[i] = s[k]
	}
	return out, nil
}

// CheckRecord returns nil if p proves that record is in the record set of m (RFC 6962
// §2.1.1), else a *DigestError wrapping ErrDigestMismatch. Check m against the registration's
// Digest first (Manifest.Check).
func (m Manifest) CheckRecord(record []byte, p RecordProof) error {
	if m.Records == 0 || p.Index < 0 || p.Index >= m.Records || len(p.Path) > 64 {
		return &DigestError{Want: m.RecordRoot, Record: p.Index}
	}
	proof := make(tlog.RecordProof, len(p.Path))
	for i, d := range p.Path {
		proof[i] = tlog.Hash(d)
	}
	if tlog.CheckRecord(proof, m.Records, tlog.Hash(m.RecordRoot), p.Index, tlog.RecordHash(record)) != nil {
		return &DigestError{Want: m.RecordRoot, Record: p.Index}
	}
	return nil
}
