package cli

import (
	"bytes"
	"flag"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sheets() []Sheet {
	a := Sheet{Title: "Prices", Header: []string{"item", "price"}, Notes: []string{"VAT included."}}
	a.Add("API calls", "25.00 CNY")
	a.Add("Subscription, 12 months", "1,200.00 CNY")
	b := Sheet{Title: "Shares", Header: []string{"holder", "share"}}
	b.Add("A", "60%")
	return []Sheet{a, b}
}

func TestEmit(t *testing.T) {
	tests := []struct {
		format Format
		sheets []Sheet
		want   string
	}{
		{Table, sheets()[:1], "" +
			"Prices\n" +
			"======\n" +
			"item                            price\n" +
			"API calls                   25.00 CNY\n" +
			"Subscription, 12 months  1,200.00 CNY\n" +
			"VAT included.\n"},
		{CSV, sheets()[:1], "item,price\nAPI calls,25.00 CNY\n\"Subscription, 12 months\",\"1,200.00 CNY\"\n"},
		{CSV, sheets(), "# Prices\nitem,price\nAPI calls,25.00 CNY\n\"Subscription, 12 months\",\"1,200.00 CNY\"\n" +
			"\n# Shares\nholder,share\nA,60%\n"},
		{JSON, nil, "{\n  \"a\": 1\n}\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Emit(&buf, tt.format, map[string]int{"a": 1}, tt.sheets...); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.format, diff)
		}
	}
	if err := Emit(&bytes.Buffer{}, "xml", nil); err == nil {
		t.Error("Emit(xml) succeeded")
	}
}

func TestFormatFlag(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	f := FormatFlag(fs)
	if *f != Table {
		t.Errorf("default = %q, want table", *f)
	}
	if err := fs.Parse([]string{"-format", "csv"}); err != nil || *f != CSV {
		t.Errorf("-format csv: %q, %v", *f, err)
	}
	fs = flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(&bytes.Buffer{})
	FormatFlag(fs)
	if err := fs.Parse([]string{"-format", "yaml"}); err == nil {
		t.Error("-format yaml accepted")
	}
}

func TestNumeric(t *testing.T) {
	for _, c := range []string{"12", "-3.5", "1,000.00 CNY", "60%", "+1e3", "0.237"} {
		if !numeric(c) {
			t.Errorf("numeric(%q) = false", c)
		}
	}
	for _, c := range []string{"", "CNY", "A", "-", "n/a", "2024-01-15", ".5x"} {
		if numeric(c) {
			t.Errorf("numeric(%q) = true", c)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	// UAX #11: CJK ideographs and fullwidth forms are wide (2 columns); Latin and digits narrow.
	for _, tt := range []struct {
		s    string
		want int
	}{{"abc", 3}, {"数据", 4}, {"数据 quality", 12}, {"ＡＢ", 4}, {"–", 1}, {"", 0}} {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
