// Command balance-sheet puts a company's data resources on its balance sheet (数据资产入表)
// under the Ministry of Finance's 财会〔2023〕11号 with package accounting, and prints the
// recognition decisions, the measurement of every cost line, the year-by-year ledger, the
// journal, the note roll-forwards for each year and the qualitative disclosures — every table
// with Chinese and English captions.
//
// The input is an accounting.Book in JSON, read from -in FILE; without -in the built-in sample
// (company.json next to this file, embedded in the program) is used: a city big-data company
// with a purchased traffic-flow data set, a developed mobility-index product licensed to
// others, a points-of-interest data set held for sale and an open-data feed that is not an
// asset, over 2024–2028.
//
// Usage:
//
//	go run ./examples/balance-sheet                         # readable tables
//	go run ./examples/balance-sheet -format json            # the ledger and the tables, for notebooks
//	go run ./examples/balance-sheet -format csv             # every table, each introduced by "# name"
//	go run ./examples/balance-sheet -format csv -table intangible-2026 > intangible-2026.csv
//	go run ./examples/balance-sheet -out notes/              # one CSV file per table
//	go run ./examples/balance-sheet -in my-company.json
//
// The files -out writes start with a UTF-8 byte-order mark, so that Excel shows the Chinese
// captions; every other output is plain UTF-8.
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dataassay/assay/accounting"
	"github.com/dataassay/assay/internal/cli"
)

//go:embed company.json
var builtinBook []byte

func main() { cli.Main("balance-sheet", func(args []string) error { return run(args, os.Stdout) }) }

const maxBookBytes = 8 << 20

// report is the JSON output: the whole ledger and its tables.
type report struct {
	Ledger *accounting.Ledger `json:"ledger"`
	Tables []accounting.Table `json:"tables"`
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("balance-sheet", flag.ContinueOnError)
	output := cli.OutputFlags(fs)
	in := fs.String("in", "", "JSON book `file` (default: the built-in city big-data company)")
	out := fs.String("out", "", "write each table to `dir`/NAME.csv instead of printing")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	data := builtinBook
	if *in != "" {
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		data, err = io.ReadAll(io.LimitReader(f, maxBookBytes+1))
		f.Close()
		if err != nil {
			return err
		}
		if len(data) > maxBookBytes {
			return fmt.Errorf("%s: larger than 8 MiB", *in)
		}
	}
	book, err := accounting.ParseBook(data)
	if err != nil {
		return err
	}
	ledger, err := accounting.NewLedger(book)
	if err != nil {
		return err
	}
	tables := ledger.Tables()
	if *out != "" {
		return writeFiles(*out, tables, w)
	}
	sheets := make([]cli.Sheet, len(tables))
	for i, t := range tables {
		sheets[i] = sheet(t)
	}
	if output.Table != "" && output.Format != cli.CSV {
		// One table alone, in any format (CSV picks its one table itself).
		for i, t := range tables {
			if t.Name == output.Table {
				return output.Emit(w, t, sheets[i])
			}
		}
		names := make([]string, len(tables))
		for i, t := range tables {
			names[i] = t.Name
		}
		return &cli.UsageError{Msg: fmt.Sprintf("-table %q: no such table; want one of: %s", output.Table, strings.Join(names, ", "))}
	}
	return output.Emit(w, report{Ledger: ledger, Tables: tables}, sheets...)
}

// sheet turns a table into the example programs' sheet, titled "name — 中文 English".
func sheet(t accounting.Table) cli.Sheet {
	return cli.Sheet{Name: t.Name, Title: t.Name + " — " + t.Caption.String(), Header: t.Header(), Rows: t.Rows}
}

// writeFiles writes each table to dir/NAME.csv, with a byte-order mark for Excel, and lists
// the files on w.
func writeFiles(dir string, tables []accounting.Table, w io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, t := range tables {
		name := filepath.Join(dir, t.Name+".csv")
		var buf bytes.Buffer
		buf.WriteString("\ufeff")
		if err := t.WriteCSV(&buf); err != nil {
			return err
		}
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\t%d rows\t%s\n", name, len(t.Rows), t.Caption)
	}
	return nil
}
