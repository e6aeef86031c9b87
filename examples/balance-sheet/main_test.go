package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun runs the program on its built-in sample in each format and checks figures a reader
// can recompute by hand (see accounting's TestLedger_SampleCompany): the 2026 impairment of
// the traffic data set, 150,000.00, and the closing carrying amount of intangibles at the end
// of 2028, 38,461.54.
func TestRun(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		var out bytes.Buffer
		if err := run([]string{"-format", format}, &out); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		s := out.String()
		for _, want := range []string{"150000.00", "38461.54", "数据资源", "intangible-2028"} {
			if !strings.Contains(s, want) {
				t.Errorf("-format %s: output lacks %q", format, want)
			}
		}
		if format == "json" && !json.Valid(out.Bytes()) {
			t.Errorf("-format json: invalid JSON")
		}
	}
}

// TestRun_OneTable: -table writes one table alone, as plain CSV a spreadsheet opens.
func TestRun_OneTable(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-format", "csv", "-table", "intangible-2026"}, &out); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 23 || rows[0][0] != "项目 Item" {
		t.Fatalf("got %d rows starting %v, want the header and 22 rows", len(rows), rows[0])
	}
	// Row 16 is the impairment loss of the year: 150,000.00 on the purchased data set.
	if got := rows[16]; got[1] != "150000.00" || got[4] != "150000.00" {
		t.Errorf("impairment row %v", got)
	}
	if err := run([]string{"-table", "nonsense"}, &out); err == nil {
		t.Error("an unknown table name is not an error")
	}
}

// TestRun_Files: -out writes one CSV file per table, each readable as CSV after its BOM.
func TestRun_Files(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "inventory-2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(data, []byte("\ufeff"))
	if !ok {
		t.Fatal("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Row 10 is the write-down of 2024: 30,000.00 on the processed data set (hand calculation
	// in accounting's TestLedger_SampleCompany).
	if len(rows) != 16 || rows[10][2] != "30000.00" {
		t.Errorf("inventory-2024.csv: %d rows, row 10 %v", len(rows), rows[10])
	}
	if n := strings.Count(out.String(), "\n"); n < 20 {
		t.Errorf("listed %d files", n)
	}
}
