// Package cli holds the flag and output conventions shared by the example programs: a
// -format flag (table, json or csv) and writers for each format, so that every example prints
// readable tables for people and machine-readable output for notebooks.
package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Format is an output format: "table", "json" or "csv". The zero value prints tables.
type Format string

// The output formats every example accepts.
const (
	Table Format = "table"
	JSON  Format = "json"
	CSV   Format = "csv"
)

// String implements flag.Value.
func (f *Format) String() string {
	if *f == "" {
		return string(Table)
	}
	return string(*f)
}

// Set implements flag.Value; it accepts table, json and csv.
func (f *Format) Set(s string) error {
	switch Format(s) {
	case Table, JSON, CSV:
		*f = Format(s)
		return nil
	}
	return fmt.Errorf("unknown format %q: want table, json or csv", s)
}

// FormatFlag defines the -format flag on fs (flag.CommandLine if nil) and returns it.
func FormatFlag(fs *flag.FlagSet) *Format {
	if fs == nil {
		fs = flag.CommandLine
	}
	f := new(Format)
	*f = Table
	fs.Var(f, "format", "output format: table, json or csv")
	return f
}

// A Sheet is one table of output: a title, a header row and rows of cells.
type Sheet struct {
	Title  string
	Header []string
	Rows   [][]string
	Notes  []string // printed under the table in table format only
}

// Add appends a row; each cell is formatted with fmt's %v.
func (s *Sheet) Add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	s.Rows = append(s.Rows, row)
}

// Emit writes the output in format f to w: for JSON, data indented; for tables, each sheet
// aligned in columns; for CSV, the sheets as CSV. A single sheet is plain CSV; several are
// written one after another, each introduced by a "# title" line and followed by a blank line.
func Emit(w io.Writer, f Format, data any, sheets ...Sheet) error {
	switch f {
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(data)
	case CSV:
		for i, s := range sheets {
			if len(sheets) > 1 {
				if i > 0 {
					if _, err := io.WriteString(w, "\n"); err != nil {
						return err
					}
				}
				if _, err := fmt.Fprintf(w, "# %s\n", s.Title); err != nil {
					return err
				}
			}
			cw := csv.NewWriter(w)
			if err := cw.Write(s.Header); err != nil {
				return err
			}
			if err := cw.WriteAll(s.Rows); err != nil {
				return err
			}
		}
		return nil
	case Table, "":
		for i, s := range sheets {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if err := writeTable(w, s); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown format %q", string(f))
}

// writeTable aligns the sheet in columns: columns of numbers (amounts, counts, percentages)
// are right-aligned, text left-aligned.
func writeTable(w io.Writer, s Sheet) error {
	if s.Title != "" {
		if _, err := fmt.Fprintf(w, "%s\n%s\n", s.Title, strings.Repeat("=", displayWidth(s.Title))); err != nil {
			return err
		}
	}
	rows := append([][]string{s.Header}, s.Rows...)
	var width []int
	for _, r := range rows {
		for j, c := range r {
			if j == len(width) {
				width = append(width, 0)
			}
			width[j] = max(width[j], displayWidth(c))
		}
	}
	// A column whose data cells all read as numbers is right-aligned, header included.
	right := make([]bool, len(width))
	for j := range right {
		right[j] = len(s.Rows) > 0
		for _, r := range s.Rows {
			if j < len(r) && r[j] != "" && !numeric(r[j]) {
				right[j] = false
				break
			}
		}
	}
	var b strings.Builder
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		b.Reset()
		for j, c := range r {
			pad := strings.Repeat(" ", width[j]-displayWidth(c))
			if j > 0 {
				b.WriteString("  ")
			}
			switch {
			case right[j]:
				b.WriteString(pad + c)
			case j < len(r)-1:
				b.WriteString(c + pad)
			default:
				b.WriteString(c)
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	for _, n := range s.Notes {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}

// displayWidth is the number of terminal columns s takes: East Asian wide and fullwidth
// characters (Unicode UAX #11 classes W and F: CJK ideographs, Hangul, fullwidth forms) take
// two, others one. Combining marks are not special-cased; example output does not use them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		0x2E80 <= r && r <= 0x303E, // CJK radicals, punctuation
		0x3041 <= r && r <= 0x33FF, // kana, CJK symbols
		0x3400 <= r && r <= 0x4DBF, // CJK extension A
		0x4E00 <= r && r <= 0x9FFF, // CJK unified ideographs
		0xA000 <= r && r <= 0xA4CF, // Yi
		0xAC00 <= r && r <= 0xD7A3, // Hangul syllables
		0xF900 <= r && r <= 0xFAFF, // CJK compatibility ideographs
		0xFE30 <= r && r <= 0xFE4F, // CJK compatibility forms
		0xFF00 <= r && r <= 0xFF60, // fullwidth forms
		0xFFE0 <= r && r <= 0xFFE6,
		0x20000 <= r && r <= 0x3FFFD: // CJK extensions B and beyond
		return true
	}
	return false
}

// numeric reports whether a cell reads as a number, optionally signed, with a trailing
// percent sign or currency code ("12.34", "-5%", "1,000.00 CNY").
func numeric(c string) bool {
	c = strings.TrimSpace(c)
	if i := strings.IndexByte(c, ' '); i > 0 {
		c = c[:i]
	}
	c = strings.TrimSuffix(c, "%")
	c = strings.TrimLeft(c, "+-−")
	if c == "" {
		return false
	}
	for _, r := range c {
		if (r < '0' || r > '9') && r != '.' && r != ',' && r != 'e' && r != 'E' {
			return false
		}
	}
	return c[0] >= '0' && c[0] <= '9'
}

// Main runs an example's body and exits with status 1 and the error on stderr if it fails,
// or status 2 for a usage error from the flag package.
func Main(run func() error) {
	if err := run(); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
