package rights_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

func TestChain_RoundTrip(t *testing.T) {
	events := assaytest.SeedRights().Events()
	bin, err := rights.MarshalChain(events)
	if err != nil {
		t.Fatal(err)
	}
	fromBin, err := rights.UnmarshalChain(bin)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(events)
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := rights.UnmarshalChainJSON(js)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]rights.Event{"binary": fromBin, "JSON": fromJSON} {
		if diff := cmp.Diff(events, got); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", name, diff)
		}
	}
}

func TestUnmarshalChain_Rejects(t *testing.T) {
	good, err := rights.MarshalChain(assaytest.SeedRights().Events())
	if err != nil {
		t.Fatal(err)
	}
	lying := append([]byte("ARC\x01"), binary.BigEndian.AppendUint32(nil, 1<<20)...) // a million events in 8 bytes
	huge := append([]byte("ARC\x01\x00\x00\x00\x01"), binary.BigEndian.AppendUint32(nil, rights.MaxEventSize+1)...)
	huge = append(huge, make([]byte, 200)...)
	for name, data := range map[string][]byte{
		"empty":          nil,
		"wrong magic":    append([]byte("ARE\x01"), good[4:]...),
		"lying count":    lying,
		"oversized":      huge,
		"truncated":      good[:len(good)-3],
		"trailing bytes": append(append([]byte(nil), good...), 1),
	} {
		if _, err := rights.UnmarshalChain(data); !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", name, err)
		}
	}
	for _, data := range []string{`{}`, `[{"kind":"nope"}]`, `[1]`, `[] []`, `[`} {
		if _, err := rights.UnmarshalChainJSON([]byte(data)); !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", data, err)
		}
	}
}

func TestNewChain_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := rights.NewChain(ctx, assaytest.SeedRights().Events())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("NewChain with a cancelled context: %v", err)
	}
}

func FuzzUnmarshalChain(f *testing.F) {
	events := assaytest.SeedRights().Events()
	good, err := rights.MarshalChain(events)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	js, _ := json.Marshal(events)
	f.Add(js)
	f.Fuzz(func(t *testing.T, data []byte) {
		if evs, err := rights.UnmarshalChain(data); err == nil {
			again, err := rights.MarshalChain(evs)
			if err != nil || string(again) != string(data) {
				t.Fatalf("re-encoding differs: %v", err)
			}
		}
		if evs, err := rights.UnmarshalChainJSON(data); err == nil {
			if _, err := rights.MarshalChain(evs); err != nil {
				t.Fatalf("accepted JSON events do not encode: %v", err)
			}
		}
	})
}
