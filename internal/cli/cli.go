// Package cli holds the input and output conventions shared by the assay command and the
// example programs: a -format flag (table, json or csv) with -table and -bom for CSV, one
// writer per format, strict reading of input files or standard input, and exit codes
// (0 ok, 1 bad input, 2 usage).
//
// Nothing in it is safe for concurrent use unless stated; each program builds its own values.
package cli

import (
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

// The output formats every program accepts.
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

// Output is how a program writes its result: the format, and for CSV the one table to write
// and whether to start with a UTF-8 byte-order mark. The zero Output prints tables.
type Output struct {
	Format Format // zero: Table
	Table  string // CSV only: the Name of the sheet to write; "" when the output has one sheet
	BOM    bool   // CSV only: start with U+FEFF so that Excel reads the file as UTF-8
}

// OutputFlags defines -format, -table and -bom on fs and returns the Output they fill.
func OutputFlags(fs *flag.FlagSet) *Output {
	o := &Output{Format: Table}
	fs.Var(&o.Format, "format", "output format: table, json or csv")
	fs.StringVar(&o.Table, "table", "", "with -format csv: the `name` of the one table to write (see the error listing them)")
	fs.BoolVar(&o.BOM, "bom", false, "with -format csv: start with a UTF-8 byte-order mark (for Excel)")
	return o
}

// Emit writes the output: for JSON, data indented; for tables, each sheet aligned in
// columns; for CSV, one sheet (see WriteCSV). Choosing no sheet, or a sheet that does not
// exist, when there are several is a *UsageError naming the sheets.
func (o Output) Emit(w io.Writer, data any, sheets ...Sheet) error {
	switch o.Format {
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(data)
	case CSV:
		s, err := pick(sheets, o.Table)
		if err != nil {
			return err
		}
		return WriteCSV(w, s, o.BOM)
	case Table, "":
		for i, s := range sheets {
			if i > 0 {
				if _, err := fmt.Fprintln(w); err != nil {
					return err
				}
			}
			if err := writeTable(w, s); err != nil {
				return err
			}
		}
		return nil
	}
	return &UsageError{Msg: fmt.Sprintf("unknown format %q: want table, json or csv", string(o.Format))}
}

// pick returns the sheet named name, or the only sheet when name is empty.
func pick(sheets []Sheet, name string) (Sheet, error) {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = s.ID()
		if name != "" && names[i] == name {
			return s, nil
		}
	}
	switch {
	case len(sheets) == 0:
		return Sheet{}, &UsageError{Msg: "this output has no table to write as CSV; use -format json"}
	case name == "" && len(sheets) == 1:
		return sheets[0], nil
	case name == "":
		return Sheet{}, &UsageError{Msg: fmt.Sprintf("-format csv writes one table and this output has %d; choose one with -table NAME, one of: %s",
			len(sheets), strings.Join(names, ", "))}
	}
	return Sheet{}, &UsageError{Msg: fmt.Sprintf("-table %q: no such table; want one of: %s", name, strings.Join(names, ", "))}
}

// UsageError is a mistake in how a program was called: an unknown flag or subcommand, a
// missing argument, an output option that does not fit the output. Programs exit with
// status 2 on it. Printed reports that the flag package has already shown the message.
type UsageError struct {
	Msg     string
	Printed bool
}

func (e *UsageError) Error() string { return e.Msg }

// Parse parses args with fs (which should use flag.ContinueOnError) and turns a parse error
// into a *UsageError that the flag package has already printed with the usage; -h gives
// flag.ErrHelp. Arguments left over are a *UsageError too, since no program takes any.
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &UsageError{Msg: err.Error(), Printed: true}
	}
	if fs.NArg() > 0 {
		return &UsageError{Msg: fmt.Sprintf("unexpected argument %q: flags come before nothing else; see -h", fs.Arg(0))}
	}
	return nil
}

// Exit codes.
const (
	ExitOK    = 0 // the output was written
	ExitInput = 1 // the input (a file, a flag's value) was wrong, or the computation failed
	ExitUsage = 2 // the program was called wrongly
)

// Report prints err, if any, to stderr as one line prefixed by prog and returns the exit
// code for it: ExitOK for nil and for -h, ExitUsage for a *UsageError, ExitInput otherwise.
func Report(stderr io.Writer, prog string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		if !ue.Printed {
			fmt.Fprintf(stderr, "%s: %s\n", prog, oneLine(ue.Msg))
		}
		return ExitUsage
	}
	fmt.Fprintf(stderr, "%s: %s\n", prog, oneLine(err.Error()))
	return ExitInput
}

// oneLine folds a message onto one line, so that every failure is one line of stderr.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// Main runs an example's body and exits with the status Report gives.
func Main(prog string, run func(args []string) error) {
	os.Exit(Report(os.Stderr, prog, run(os.Args[1:])))
}
