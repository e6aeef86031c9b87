package rights_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// unhex decodes hex laid out in lines, ignoring spaces and "//" comments.
func unhex(t *testing.T, s string) []byte {
	t.Helper()
	var digits strings.Builder
	for line := range strings.Lines(s) {
		line, _, _ = strings.Cut(line, "//")
		digits.WriteString(strings.Join(strings.Fields(line), ""))
	}
	b, err := hex.DecodeString(digits.String())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The canonical layout, written out by hand from the documentation in canonical.go.
func TestEvent_CanonicalLayout(t *testing.T) {
	var signer rights.Party
	copy(signer.ID[:], bytes.Repeat([]byte{0x22}, 32))
	signer.Name, signer.Kind, signer.Region = "S", rights.Government, "CN"
	var parent rights.Hash
	copy(parent[:], bytes.Repeat([]byte{0x11}, 32))
	e := rights.Event{Kind: rights.KindCancel, Time: day(2024, 1, 1), Asset: "A", Parents: []rights.Hash{parent}, Signer: signer, Note: "x"}

	zeroTime := "fffffff1886e0900 00000000" // 0001-01-01T00:00:00Z is −62135596800 s
	body := unhex(t, `
		41524501                                   // magic "ARE\x01"
		06                                         // kind: cancel
		0000000065920080 00000000                  // time: 2024-01-01T00:00:00Z = 1704067200 s
		00000001 41                                // asset "A"
		00                                         // no record
		00000001 `+strings.Repeat("11", 32)+`      // one parent
		`+strings.Repeat("22", 32)+` 00000001 53 01 00000002 434e   // signer: key, "S", government, "CN"
		`+strings.Repeat("00", 32)+` 00000000 00 00000000           // no subject
		00                                         // no right
		00000000 00000000 00000000                 // scope: no actions, purposes, regions
		`+zeroTime+` `+zeroTime+`                  // from, until
		0000000000000000 0000000000000000          // maxUses, maxVolume
		00 00                                      // exclusive, sublicensable
		0000000000000000 00000000 0000000000000000 // revenue share, fee currency, fee
		00000000 00000000 00000000                 // action, purpose, region
		0000000000000000                           // volume
		00000001 78                                // note "x"`)
	got, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := append(body, 0, 0, 0, 0) // no signature
	if !bytes.Equal(got, want) {
		t.Errorf("MarshalBinary:\n got %x\nwant %x", got, want)
	}
	h, err := e.Hash()
	if err != nil || h != rights.Hash(sha256.Sum256(body)) {
		t.Errorf("Hash = %v, %v; want SHA-256 of the body %x", h, err, sha256.Sum256(body))
	}
}

// Reloading an event from its binary or JSON form gives the same event and the same hash.
func TestEvent_RoundTrip(t *testing.T) {
	s := assaytest.SeedRights()
	for _, e := range s.Events() {
		want, err := e.Hash()
		if err != nil {
			t.Fatal(err)
		}
		bin, err := e.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var fromBin rights.Event
		if err := fromBin.UnmarshalBinary(bin); err != nil {
			t.Fatalf("%v: UnmarshalBinary: %v", e.Kind, err)
		}
		js, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON rights.Event
		if err := json.Unmarshal(js, &fromJSON); err != nil {
			t.Fatalf("%v: json.Unmarshal: %v\n%s", e.Kind, err, js)
		}
		for name, back := range map[string]rights.Event{"binary": fromBin, "JSON": fromJSON} {
			if diff := cmp.Diff(e, back); diff != "" {
				t.Errorf("%v via %s (-want +got):\n%s", e.Kind, name, diff)
			}
			if h, err := back.VerifySignature(); err != nil || h != want {
				t.Errorf("%v via %s: hash %v, %v; want %v", e.Kind, name, h, err, want)
			}
			again, _ := back.MarshalBinary()
			if !bytes.Equal(again, bin) {
				t.Errorf("%v via %s: binary record differs after reload", e.Kind, name)
			}
		}
	}
}

func TestUnmarshalBinary_Rejects(t *testing.T) {
	good, err := assaytest.SeedRights().License.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"wrong magic", append([]byte("ARE\x02"), good[4:]...)},
		{"truncated", good[:len(good)-1]},
		{"trailing byte", append(append([]byte(nil), good...), 0)},
		{"huge string length", append(append([]byte(nil), good[:22]...), 0xff, 0xff, 0xff, 0xff)},
		{"too long", make([]byte, rights.MaxEventSize+1)},
	}
	for _, tt := range tests {
		var e rights.Event
		if err := e.UnmarshalBinary(tt.data); !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("%s: UnmarshalBinary = %v, want ErrMalformed", tt.name, err)
		}
	}
}

func TestEvent_UnmarshalJSONRejects(t *testing.T) {
	for _, bad := range []string{
		`{"kind":"license"}`,                             // no time, asset, signer …
		`{"kind":"grant","time":"2024-01-01T00:00:00Z"}`, // unknown kind
		`{"kind":"cancel","bogus":1}`,                    // unknown field
		`[]`,
		`{"kind":"cancel"} {}`,
	} {
		var e rights.Event
		if err := json.Unmarshal([]byte(bad), &e); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
	huge := `{"note":"` + strings.Repeat("x", rights.MaxEventJSON) + `"}`
	var e rights.Event
	if err := e.UnmarshalJSON([]byte(huge)); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("oversized JSON: %v", err)
	}
}

// Property (issue #6): flipping any single bit of any event's record makes verification
// fail. One bit of every byte of every record of the seed chain is flipped in turn, rotating
// through the eight bit positions (the fuzz target FuzzVerify flips the rest).
func TestVerify_AnyBitFlipFails(t *testing.T) {
	s := assaytest.SeedRights()
	events := s.Events()
	q := rights.Query{Party: s.Buyer.ID, Action: "read", Region: "HK", At: day(2025, 1, 1), Asset: s.Index.ID}
	if d, err := rights.Verify(context.Background(), events, q); err != nil || !d.Allowed {
		t.Fatalf("the intact chain: %v, %v", d.Err(), err)
	}
	flips := 0
	for i, e := range events {
		rec, err := e.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		for at := range rec {
			bit := byte(1) << (at % 8)
			rec[at] ^= bit
			var forged rights.Event
			if forged.UnmarshalBinary(rec) == nil {
				flips++
				// The events before the forged one are intact, so the set verifies only if
				// the forged event's signature does.
				if _, err := forged.VerifySignature(); err == nil {
					set := append([]rights.Event(nil), events...)
					set[i] = forged
					if _, err := rights.NewChain(context.Background(), set); err == nil {
						t.Fatalf("event %d, byte %d, bit %#x flipped: the chain still verifies", i, at, bit)
					}
				}
			}
			rec[at] ^= bit
		}
	}
	if flips == 0 {
		t.Fatal("no flipped record decoded: the property was not exercised")
	}
}

// Version 2 of the layout, written out by hand from the documentation in canonical.go: a
// release (a kind added in version 2) is the version 1 body under the magic "ARE\x02",
// followed by the version 2 fields, all zero here.
func TestEvent_CanonicalLayoutV2(t *testing.T) {
	var signer rights.Party
	copy(signer.ID[:], bytes.Repeat([]byte{0x22}, 32))
	var parent rights.Hash
	copy(parent[:], bytes.Repeat([]byte{0x11}, 32))
	e := rights.Event{Kind: rights.KindRelease, Time: day(2024, 1, 1), Asset: "A", Parents: []rights.Hash{parent}, Signer: signer}

	zeroTime := "fffffff1886e0900 00000000"
	body := unhex(t, `
		41524502                                   // magic "ARE\x02"
		0c                                         // kind: release (12)
		0000000065920080 00000000                  // time
		00000001 41                                // asset "A"
		00                                         // no record
		00000001 `+strings.Repeat("11", 32)+`      // one parent
		`+strings.Repeat("22", 32)+` 00000000 00 00000000           // signer: key only
		`+strings.Repeat("00", 32)+` 00000000 00 00000000           // no subject
		00                                         // no right
		00000000 00000000 00000000                 // scope: no actions, purposes, regions
		`+zeroTime+` `+zeroTime+`                  // from, until
		0000000000000000 0000000000000000          // maxUses, maxVolume
		00 00                                      // exclusive, sublicensable
		0000000000000000 00000000 0000000000000000 // revenue share, fee currency, fee
		00000000 00000000 00000000                 // action, purpose, region
		0000000000000000                           // volume
		00000000                                   // note ""
		00000000 00000000 00000000                 // record+: source, updateFrequency, algorithm
		0000000000000000                           // record+: bytes
		`+zeroTime+` `+zeroTime+`                  // record+: collectedFrom, collectedUntil
		`+strings.Repeat("00", 32)+`               // digest
		`+zeroTime+`                               // until
		00000000 0000000000000000                  // amount: no currency, 0
		00                                         // outcome`)
	got, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if want := append(body, 0, 0, 0, 0); !bytes.Equal(got, want) {
		t.Errorf("MarshalBinary:\n got %x\nwant %x", got, want)
	}
	// A version 1 record of a version 2 kind, and a version 2 record of an event version 1
	// can express, are not canonical.
	v1 := append([]byte("ARE\x01"), got[4:len(got)-4-(4+4+4+8+24+32+12+12+1)]...)
	v1 = append(v1, 0, 0, 0, 0)
	var back rights.Event
	if err := back.UnmarshalBinary(v1); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("a release as version 1: %v, want ErrMalformed", err)
	}
	cancel := bytes.Clone(got)
	cancel[4] = byte(rights.KindCancel)
	if err := back.UnmarshalBinary(cancel); !errors.Is(err, rights.ErrMalformed) {
		t.Errorf("a cancel as version 2: %v, want ErrMalformed", err)
	}
}
