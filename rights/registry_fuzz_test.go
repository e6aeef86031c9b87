package rights_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// A signed head either opens to a head that signs and opens again to the same head, or
// fails with a typed error; never a panic. (The bytes may differ: note accepts base64 with
// non-zero padding bits, and times in any RFC 3339 form.)
func FuzzOpenHead(f *testing.F) {
	signer, verifier, err := rights.NewHeadSigner("fuzz.example/registry", assaytest.RightsKey("fuzz head"))
	if err != nil {
		f.Fatal(err)
	}
	good, _ := rights.SignHead(rights.SignedHead{Origin: "fuzz.example/registry", Tree: tlog.Tree{N: 7, Hash: tlog.Hash{1}},
		Time: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}, signer)
	f.Add(good)
	f.Add([]byte("fuzz.example/registry\n7\nAQ==\n2026-12-06T00:00:00Z\n\n— fuzz.example/registry AAAA\n"))
	f.Add([]byte{})
	known := note.VerifierList(verifier)
	f.Fuzz(func(t *testing.T, msg []byte) {
		h, err := rights.OpenHead(msg, known)
		if err != nil {
			if _, ok := errors.AsType[*rights.WitnessError](err); !ok && !errors.Is(err, rights.ErrMalformed) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		again, err := rights.SignHead(h, signer)
		if err != nil {
			t.Fatalf("an opened head does not sign: %v", err)
		}
		h2, err := rights.OpenHead(again, known)
		if err != nil || h2.Origin != h.Origin || h2.Tree != h.Tree || !h2.Time.Equal(h.Time) {
			t.Fatalf("re-signed head opens to %+v, %v; want %+v", h2, err, h)
		}
	})
}

// Import of any bytes into an empty registry stops at a typed *ImportError or imports
// every line; what it imported exports as a prefix of the input's events.
func FuzzImport(f *testing.F) {
	var r rights.Registry
	ctx := context.Background()
	if _, err := r.AppendBatch(ctx, assaytest.SeedRights().Events()); err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Export(ctx, &buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(bytes.Repeat([]byte("{}\n"), 3))
	f.Add([]byte("\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r rights.Registry
		n, err := r.Import(ctx, bytes.NewReader(data))
		if err != nil {
			if _, ok := errors.AsType[*rights.ImportError](err); !ok {
				t.Fatalf("untyped error %T: %v", err, err)
			}
		}
		size, lerr := r.Len(ctx)
		if lerr != nil || size > int64(n) {
			t.Fatalf("imported %d lines but the log has %d events (%v)", n, size, lerr)
		}
		if err := r.Check(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
