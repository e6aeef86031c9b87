package cli

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func sheets() []Sheet {
	a := Sheet{Name: "prices", Title: "Prices, VAT included", Header: []string{"item", "price", "VAT"}, Notes: []string{"VAT included."}}
	a.Add("API calls", assay.MustMoney("25", "CNY"), Pct(0.06))
	a.Add("Subscription, 12 months", assay.MustMoney("1200", "HKD"), Pct(0.06))
	b := Sheet{Title: "Shares by holder", Header: []string{"holder", "share"}}
	b.Add("A", Pct(0.6))
	return []Sheet{a, b}
}

func TestEmit(t *testing.T) {
	tests := []struct {
		out    Output
		sheets []Sheet
		want   string
	}{
		{Output{Format: Table}, sheets()[:1], "" +
			"Prices, VAT included\n" +
			"====================\n" +
			// widths 23, 11, 5; money and shares right-aligned
			"item" + strings.Repeat(" ", 19+2+6) + "price" + "    VAT\n" +
			"API calls" + strings.Repeat(" ", 14+2+2) + "25.00 CNY  6.00%\n" +
			"Subscription, 12 months  1200.00 HKD  6.00%\n" +
			"VAT included.\n"},
		// Money splits into an amount and a currency column; a share is a plain fraction;
		// a comma in a cell is quoted (RFC 4180).
		{Output{Format: CSV}, sheets()[:1], "item,price,price currency,VAT\nAPI calls,25.00,CNY,0.06\n\"Subscription, 12 months\",1200.00,HKD,0.06\n"},
		{Output{Format: CSV, Table: "shares-by-holder", BOM: true}, sheets(), "\uFEFFholder,share\nA,0.6\n"},
		{Output{Format: JSON}, nil, "{\n  \"a\": 1\n}\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := tt.out.Emit(&buf, map[string]int{"a": 1}, tt.sheets...); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tt.out, diff)
		}
	}
}

func TestEmitCSVChoosesOneTable(t *testing.T) {
	for _, tt := range []struct {
		table string
		want  string
	}{
		{"", "choose one with -table NAME, one of: prices, shares-by-holder"},
		{"nope", `-table "nope": no such table; want one of: prices, shares-by-holder`},
	} {
		err := Output{Format: CSV, Table: tt.table}.Emit(io.Discard, nil, sheets()...)
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("table %q: %v, want a usage error with %q", tt.table, err, tt.want)
		}
		if code := Report(io.Discard, "p", err); code != ExitUsage {
			t.Errorf("exit %d, want %d", code, ExitUsage)
		}
	}
}

func TestReport(t *testing.T) {
	for _, tt := range []struct {
		err  error
		code int
		out  string
	}{
		{nil, ExitOK, ""},
		{flag.ErrHelp, ExitOK, ""},
		{&UsageError{Msg: "already shown", Printed: true}, ExitUsage, ""},
		{&UsageError{Msg: "no such table"}, ExitUsage, "p: no such table\n"},
		{errors.New("input: weights[2] = -1:\nmust not be negative"), ExitInput, "p: input: weights[2] = -1: must not be negative\n"},
	} {
		var buf bytes.Buffer
		if code := Report(&buf, "p", tt.err); code != tt.code || buf.String() != tt.out {
			t.Errorf("Report(%v) = %d, %q; want %d, %q", tt.err, code, buf.String(), tt.code, tt.out)
		}
	}
}

func TestParse(t *testing.T) {
	fs := flag.NewFlagSet("p", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var ue *UsageError
	if err := Parse(fs, []string{"-nope"}); !errors.As(err, &ue) || !ue.Printed {
		t.Errorf("unknown flag: %v, want a printed usage error", err)
	}
	if err := Parse(fs, []string{"stray"}); !errors.As(err, &ue) || ue.Printed {
		t.Errorf("stray argument: %v, want an unprinted usage error", err)
	}
}

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "in.json")
	if err := os.WriteFile(full, []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, stdin, want string
	}{
		{full, "", ""},
		{"-", `{"b":2}`, ""},
		{filepath.Join(dir, "none.json"), "", "no such file"},
		{dir, "", "is a directory"},
		{empty, "", "empty"},
		{"", "", "empty"},
		{"-", strings.Repeat("x", 11), "larger than the limit of 10 bytes"},
	} {
		_, err := ReadInput(tt.path, strings.NewReader(tt.stdin), 10)
		if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("ReadInput(%q) = %v, want %q", tt.path, err, tt.want)
		}
	}
}
