package billing

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func TestOfferJSON_RoundTrip(t *testing.T) {
	o := regionalOffer()
	o.Trial = Trial{Days: 14}
	o.Commitment = cnym("1000")
	stableJSON(t, o, ParseOffer)
}

// stableJSON marshals v, parses it back with parse, checks that the parsed value marshals to
// the same bytes, and returns it.
func stableJSON[T any](t *testing.T, v T, parse func([]byte) (T, error)) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	back, err := parse(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	again, _ := json.Marshal(back)
	if d := cmp.Diff(string(b), string(again)); d != "" {
		t.Errorf("JSON not stable (-first +again):\n%s", d)
	}
	return back
}

func TestParseOffer_BadInput(t *testing.T) {
	for _, c := range []struct{ in, field string }{
		{`{"id":"o","product":"p","valid":{"start":"2025-01-01T00:00:00Z","end":"0001-01-01T00:00:00Z"},"currency":"CNY","charges":[]}`, "charges"},
		{`{"id":"o","product":"p","valid":{"start":"2025-01-01T00:00:00Z","end":"0001-01-01T00:00:00Z"},"currency":"CNY","charges":[{"name":"x","plan":{"kind":"fixed","price":{"amount":"1","currency":"CNY"}}}],"trial":{"days":-1}}`, "trial.days"},
		{`{"id":"o","prodcut":"p"}`, "prodcut"},
		// A misspelt groupBy inside a charge is refused, not read as a meter without groups.
		{`{"id":"o","product":"p","valid":{"start":"2025-01-01T00:00:00Z"},"currency":"CNY","charges":[{"name":"x","meter":{"metric":"calls","group_by":["region"]},"plan":{"kind":"fixed","price":{"amount":"1","currency":"CNY"}}}]}`, "charge.meter.group_by"},
	} {
		_, err := ParseOffer([]byte(c.in))
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, assay.ErrInvalidInput) {
			t.Errorf("%s: %v, want *InputError on %s", c.in, err, c.field)
		}
	}
}

func FuzzParseOffer(f *testing.F) {
	b, _ := json.Marshal(regionalOffer())
	f.Add(b)
	f.Add([]byte(`{"id":"o","product":"p","buyers":["a"],"regions":["HK"],"valid":{"start":"2025-01-01T00:00:00Z","end":"2026-01-01T00:00:00Z"},"currency":"HKD","charges":[{"name":"x","plan":{"kind":"fixed","price":{"amount":"1","currency":"HKD"}}}],"taxRate":"2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseOffer(data)
		if err != nil {
			return
		}
		// A valid offer round-trips.
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("marshal a valid offer: %v", err)
		}
		if _, err := ParseOffer(b); err != nil {
			t.Fatalf("re-parse %s: %v", b, err)
		}
	})
}

func FuzzParseRecords(f *testing.F) {
	f.Add([]byte(`[{"id":"1","customer":"c","metric":"calls","time":"2025-01-02T00:00:00Z","quantity":5,"dimensions":{"region":"HK"}}]`))
	f.Add([]byte(`[{"id":"1","customer":"c","metric":"calls","time":"2025-01-02T00:00:00Z","quantity":5},{"id":"1","customer":"c","metric":"calls","time":"2025-01-02T00:00:00Z","quantity":5},{"id":"2","customer":"c","metric":"calls","time":"2025-01-31T23:59:59Z","quantity":7,"dimensions":{"region":"MO"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseRecords(data)
		if err != nil {
			return
		}
		m := Meter{Metric: "calls", GroupBy: []string{"region"}}
		groups, err := m.Aggregate(rs, "c", jan)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Aggregate error %v (%T), want *InputError", err, err)
			}
			return
		}
		// Differential: the groups are the brute-force oracle's.
		if d := cmp.Diff(aggregateOracle(m, rs, "c", jan), groups); d != "" {
			t.Fatalf("Aggregate differs from the oracle (-oracle +got):\n%s", d)
		}
	})
}

// TestInvoiceJSON_RoundTripAndCheck: a stored invoice reads back equal and can be refunded;
// one whose figures were edited is refused naming the field.
func TestInvoiceJSON_RoundTripAndCheck(t *testing.T) {
	o := regionalOffer()
	inv := must2(BuildInvoice(context.Background(), InvoiceInput{ID: "INV-1", Customer: "c", Offer: o, Period: jan,
		Records:     []Record{rec("1", "c", day(2025, 1, 3), 3500, "region", "CN-GD")},
		Coupons:     []Redemption{{Coupon: Coupon{ID: "TEN", Percent: dec("0.1")}}},
		Adjustments: []Adjustment{{Description: "goodwill", Amount: cnym("-5")}}}))
	b, err := json.Marshal(inv)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseInvoice(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if d := cmp.Diff(inv, back, cmp.Comparer(assay.Money.Equal)); d != "" {
		t.Errorf("read back (-built +read):\n%s", d)
	}
	if _, err := back.CreditNote("CN-1", jan.End, "", []Refund{{Line: 0, Amount: cnym("10")}}, nil); err != nil {
		t.Errorf("credit note on the read-back invoice: %v", err)
	}
	for _, c := range []struct{ from, to, field string }{
		{`"total":{"amount":"`, `"total":{"amount":"1`, "total"},
		{`"kind":"flat"`, `"kind":"bonus"`, "line kind"},
	} {
		_, err := ParseInvoice([]byte(strings.Replace(string(b), c.from, c.to, 1)))
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s → %s: %v, want *InputError on %s", c.from, c.to, err, c.field)
		}
	}
}

func FuzzParseInvoice(f *testing.F) {
	inv := must2(BuildInvoice(context.Background(), InvoiceInput{ID: "INV-1", Customer: "c", Offer: regionalOffer(), Period: jan,
		Records: []Record{rec("1", "c", day(2025, 1, 3), 3500, "region", "CN-GD")}}))
	b, _ := json.Marshal(inv)
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ParseInvoice(data)
		if err != nil {
			return
		}
		// An invoice that parses can be refunded line by line without a panic, never beyond
		// its total.
		for i := range inv.Lines {
			n, _ := inv.Lines[i].Net.MinorUnits()
			if n <= 0 {
				continue
			}
			note, err := inv.CreditNote("CN", inv.Period.End, "", []Refund{{Line: i, Amount: inv.Lines[i].Net}}, nil)
			if err == nil {
				if c, _ := note.Total.Cmp(inv.Total); c > 0 {
					t.Fatalf("note %v above invoice %v", note.Total, inv.Total)
				}
			}
		}
	})
}
