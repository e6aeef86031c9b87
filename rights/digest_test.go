package rights_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay/rights"
)

// rfc6962Root is the Merkle Tree Hash of RFC 6962 §2.1 by hand, recursively from its
// definition (leaf SHA-256(0x00 ‖ d), node SHA-256(0x01 ‖ l ‖ r), split at the largest power
// of two below n): an oracle independent of both the streaming root of ManifestRecords and
// tlog's stored hashes behind ProveRecord.
func rfc6962Root(records [][]byte) [32]byte {
	if len(records) == 1 {
		return sha256.Sum256(append([]byte{0}, records[0]...))
	}
	k := 1
	for k*2 < len(records) {
		k *= 2
	}
	l, r := rfc6962Root(records[:k]), rfc6962Root(records[k:])
	return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
}

func lines(n int) ([][]byte, string) {
	var recs [][]byte
	var sb strings.Builder
	for i := range n {
		rec := fmt.Sprintf(`{"id":%d,"flow":%d}`, i, i*7%13)
		recs = append(recs, []byte(rec))
		sb.WriteString(rec + "\n")
	}
	return recs, sb.String()
}

func TestManifestRecords_RootIsRFC6962(t *testing.T) {
	// The leaf hash of the empty record is SHA-256 of the single byte 0x00, the first
	// leaf of the RFC 6962 test vectors (certificate-transparency).
	m, err := rights.ManifestRecords(context.Background(), strings.NewReader("\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.RecordRoot.String(), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"; got != want {
		t.Errorf("root of one empty record = %s, want %s", got, want)
	}
	for n := 1; n <= 70; n++ {
		recs, text := lines(n)
		m, err := rights.ManifestRecords(context.Background(), strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if want := rfc6962Root(recs); m.Records != int64(n) || m.RecordRoot != rights.Digest(want) {
			t.Fatalf("n=%d: %d records, root %s; want root %x", n, m.Records, m.RecordRoot, want)
		}
		for _, i := range []int{0, n / 2, n - 1} {
			p, rec, err := rights.ProveRecord(context.Background(), strings.NewReader(text), int64(i))
			if err != nil || !bytes.Equal(rec, recs[i]) {
				t.Fatalf("n=%d: proof of %d: %v, record %q", n, i, err, rec)
			}
			if err := m.CheckRecord(rec, p); err != nil {
				t.Fatalf("n=%d: record %d does not check: %v", n, i, err)
			}
			tampered := append(bytes.Clone(rec), ' ')
			if err := m.CheckRecord(tampered, p); !errors.Is(err, rights.ErrDigestMismatch) {
				t.Fatalf("n=%d: a tampered record %d: %v, want ErrDigestMismatch", n, i, err)
			}
		}
	}
}

// The manifest digest, written out by hand from the layout documented on Manifest.Digest.
func TestManifest_Digest(t *testing.T) {
	fsys := fstest.MapFS{
		"flows/2024-01.csv": {Data: []byte("a,b\n1,2\n")},
		"README.txt":        {Data: []byte("city traffic flows")},
	}
	m, err := rights.ManifestFS(context.Background(), fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	h1, h2 := sha256.Sum256([]byte("city traffic flows")), sha256.Sum256([]byte("a,b\n1,2\n"))
	want := rights.Manifest{Files: []rights.FileEntry{
		{Path: "README.txt", Size: 18, SHA256: h1},
		{Path: "flows/2024-01.csv", Size: 8, SHA256: h2},
	}}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Fatalf("manifest (-want +got):\n%s", diff)
	}
	enc := []byte("ARM\x01")
	enc = binary.BigEndian.AppendUint32(enc, 2)
	for _, f := range want.Files {
		enc = binary.BigEndian.AppendUint32(enc, uint32(len(f.Path)))
		enc = append(enc, f.Path...)
		enc = binary.BigEndian.AppendUint64(enc, uint64(f.Size))
		enc = append(enc, f.SHA256[:]...)
	}
	enc = binary.BigEndian.AppendUint64(enc, 0)
	enc = append(enc, make([]byte, 32)...)
	d, err := m.Digest()
	if err != nil || d != rights.Digest(sha256.Sum256(enc)) {
		t.Errorf("Digest = %s, %v; want %x", d, err, sha256.Sum256(enc))
	}
	// The adversarial case of issue 20: one byte of the data changed.
	fsys["flows/2024-01.csv"] = &fstest.MapFile{Data: []byte("a,b\n1,3\n")}
	changed, err := rights.ManifestFS(context.Background(), fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var de *rights.DigestError
	if err := changed.Check(d); !errors.As(err, &de) || de.Want != d || rights.Code(err) != "digest-mismatch" {
		t.Errorf("changed data: %v, want a *DigestError naming the registered digest", err)
	}
	if err := m.Check(d); err != nil {
		t.Errorf("the registered data: %v", err)
	}
}

func TestManifest_Rejects(t *testing.T) {
	h := rights.Digest{1}
	for name, m := range map[string]rights.Manifest{
		"empty":           {},
		"absolute path":   {Files: []rights.FileEntry{{Path: "/etc/passwd", SHA256: h}}},
		"dot-dot":         {Files: []rights.FileEntry{{Path: "../x", SHA256: h}}},
		"unsorted":        {Files: []rights.FileEntry{{Path: "b"}, {Path: "a"}}},
		"repeated":        {Files: []rights.FileEntry{{Path: "a"}, {Path: "a"}}},
		"negative size":   {Files: []rights.FileEntry{{Path: "a", Size: -1}}},
		"records no root": {Records: 3},
		"root no records": {RecordRoot: h},
	} {
		if _, err := m.Digest(); !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", name, err)
		}
	}
	var m rights.Manifest
	if err := m.UnmarshalJSON([]byte(`{"files":[{"path":"a","size":1,"sha256":"` + hex.EncodeToString(h[:]) + `"}],"extra":1}`)); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("unknown field: %v, want ErrMalformed", err)
	}
	if _, err := rights.ManifestRecords(context.Background(), strings.NewReader(strings.Repeat("x", rights.MaxRecordSize+1))); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("an oversized record: %v, want ErrMalformed", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, text := lines(10_000)
	if _, err := rights.ManifestRecords(ctx, strings.NewReader(text)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}

// A registration carries the digest; the data presented later is checked against it.
func ExampleManifest_Check() {
	m, _ := rights.ManifestRecords(context.Background(), strings.NewReader("2024-01-01,road 7,1520\n2024-01-01,road 9,880\n"))
	registered, _ := m.Digest()
	proof, record, _ := rights.ProveRecord(context.Background(), strings.NewReader("2024-01-01,road 7,1520\n2024-01-01,road 9,880\n"), 1)
	fmt.Println(m.Check(registered), m.CheckRecord(record, proof))
	err := m.CheckRecord([]byte("2024-01-01,road 9,999"), proof)
	fmt.Println(errors.Is(err, rights.ErrDigestMismatch))
	// Output:
	// <nil> <nil>
	// true
}
