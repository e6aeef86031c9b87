package jobs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
)

// MaxRows bounds the rows of a CSV input.
const MaxRows = 1_000_000

// IsCSV reports whether an input document is CSV rather than JSON: its name ends in .csv,
// or, read from standard input, its first non-blank character opens no JSON value.
func IsCSV(name string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		return true
	}
	if name != "" && name != "-" {
		return false
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	return len(t) > 0 && t[0] != '{' && t[0] != '['
}

// csvTable is a CSV input with a header row: the columns by lower-cased name, and the rows.
type csvTable struct {
	col  map[string]int
	rows [][]string
}

// readCSV reads RFC 4180 CSV (an optional UTF-8 byte-order mark, a header row, every row as
// wide as the header) and checks that the required columns are present.
func readCSV(data []byte, required ...string) (csvTable, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return csvTable{}, inputErr("CSV", "", "empty: want a header row naming the columns "+strings.Join(required, ", "))
	}
	if err != nil {
		return csvTable{}, inputErr("CSV header", "", err.Error())
	}
	t := csvTable{col: map[string]int{}}
	for i, h := range header {
		t.col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range required {
		if _, ok := t.col[c]; !ok {
			return t, inputErr("CSV header", strings.Join(header, ","), "must name the column "+strconv.Quote(c))
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return t, inputErr("CSV", "", err.Error())
		}
		if len(t.rows) == MaxRows {
			return t, inputErr("CSV", "more than "+strconv.Itoa(MaxRows)+" rows", "at most "+strconv.Itoa(MaxRows))
		}
		t.rows = append(t.rows, rec)
	}
	if len(t.rows) == 0 {
		return t, inputErr("CSV", "", "has a header but no rows")
	}
	return t, nil
}

// get returns the cell of row i in column name, "" when the table has no such column.
func (t csvTable) get(i int, name string) string {
	j, ok := t.col[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(t.rows[i][j])
}

// field names a CSV cell in errors: "row 3, column income" (rows counted from 1 after the header).
func field(i int, name string) string {
	return "CSV row " + strconv.Itoa(i+1) + ", column " + name
}
