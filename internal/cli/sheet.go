package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dataassay/assay"
)

// A Sheet is one table of output: a machine name (for -table), a title, a header row and
// rows of cells.
type Sheet struct {
	Name   string // for -table and CSV; "" means one made from Title (see ID)
	Title  string
	Header []string
	Rows   [][]string // the cells as a table shows them
	Notes  []string   // printed under the table in table format only

	cells [][]any // the cells as added, for CSV; nil when Rows were set directly
}

// Pct is a share shown as a percentage in tables ("12.50%") and as the plain fraction in
// CSV (0.125).
type Pct float64

func (p Pct) String() string { return strconv.FormatFloat(100*float64(p), 'f', 2, 64) + "%" }

// Num is a number shown in tables with Digits decimals ("0.5273") and written in CSV with
// 12 significant digits, so that a CSV reader gets the value rather than its rounding.
type Num struct {
	V      float64
	Digits int
}

func (n Num) String() string { return strconv.FormatFloat(n.V, 'f', n.Digits, 64) }

// Add appends a row. A table shows each cell with fmt's %v; CSV writes an assay.Money cell
// as a plain amount followed by a currency column, a Pct as a fraction and a Num with all its
// significant digits (see WriteCSV).
func (s *Sheet) Add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	if s.cells == nil && len(s.Rows) > 0 {
		// Rows set directly: keep them as text.
		s.Rows = append(s.Rows, row)
		return
	}
	s.Rows = append(s.Rows, row)
	s.cells = append(s.cells, cells)
}

// ID is the sheet's name for -table: Name, or else its Title in lower case with every run
// of other characters than ASCII letters and digits made one hyphen.
func (s Sheet) ID() string {
	if s.Name != "" {
		return s.Name
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s.Title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "table"
	}
	return b.String()
}

// WriteCSV writes one sheet as RFC 4180 CSV in UTF-8 (after a byte-order mark if bom):
// the header row, then one line per row, every line with the same number of fields. A
// column that holds assay.Money is written as the plain amount (at least the currency's
// minor-unit digits, "1280000.00") followed by a column "<header> currency" with the ISO
// 4217 code; a Pct as the plain fraction. Titles and notes are not written.
func WriteCSV(w io.Writer, s Sheet, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	width := len(s.Header)
	for _, r := range s.Rows {
		width = max(width, len(r))
	}
	money := make([]bool, width)
	for _, r := range s.cells {
		for j, c := range r {
			if _, ok := c.(assay.Money); ok {
				money[j] = true
			}
		}
	}
	cw := csv.NewWriter(w)
	var header []string
	for j := range width {
		h := ""
		if j < len(s.Header) {
			h = s.Header[j]
		}
		header = append(header, h)
		if money[j] {
			header = append(header, strings.TrimSpace(h+" currency"))
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i, r := range s.Rows {
		var line []string
		for j := range width {
			var c any
			switch {
			case s.cells != nil && i < len(s.cells) && j < len(s.cells[i]):
				c = s.cells[i][j]
			case j < len(r):
				c = r[j]
			default:
				c = ""
			}
			switch v := c.(type) {
			case assay.Money:
				if v.Currency().IsZero() {
					line = append(line, "", "")
				} else {
					line = append(line, v.Amount().StringFixed(int32(v.Currency().Digits())), v.Currency().Code())
				}
				continue
			case Pct:
				line = append(line, csvFloat(float64(v)))
			case Num:
				line = append(line, csvFloat(v.V))
			case float64:
				line = append(line, csvFloat(v))
			default:
				line = append(line, fmt.Sprint(v))
			}
			if money[j] {
				line = append(line, "")
			}
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
		if _, err := io.WriteString(w, strings.TrimRight(b.String(), " ")+"\n"); err != nil {
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
// two, others one. Combining marks are not special-cased; the programs' output does not use
// them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if Wide(r) {
			n++
		}
	}
	return n
}

// Wide reports whether r is an East Asian wide or fullwidth character (UAX #11 W or F).
func Wide(r rune) bool {
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

// csvFloat writes a float in CSV with 12 significant digits: enough for any share or index
// the programs print, without binary noise such as 0.15999999999999992 (JSON keeps every bit).
func csvFloat(x float64) string {
	return strconv.FormatFloat(x, 'g', 12, 64)
}
