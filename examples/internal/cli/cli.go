// Package cli keeps the names the example programs used before the shared plumbing moved to
// internal/cli (which cmd/assay imports too); new code imports internal/cli directly.
//
// Deprecated: use github.com/dataassay/assay/internal/cli, whose OutputFlags also define
// -table and -bom so that -format csv can write one table of a multi-table output.
package cli

import (
	"flag"
	"io"
	"os"
	"path/filepath"

	icli "github.com/dataassay/assay/internal/cli"
)

// Format is an output format; see internal/cli.
type Format = icli.Format

// Sheet is one table of output; see internal/cli.
type Sheet = icli.Sheet

// The output formats.
const (
	Table = icli.Table
	JSON  = icli.JSON
	CSV   = icli.CSV
)

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

// Emit writes the output in format f; CSV writes the only sheet, or fails naming them.
func Emit(w io.Writer, f Format, data any, sheets ...Sheet) error {
	return icli.Output{Format: f}.Emit(w, data, sheets...)
}

// Main runs an example's body and exits with internal/cli's exit codes.
func Main(run func() error) {
	os.Exit(icli.Report(os.Stderr, filepath.Base(os.Args[0]), run()))
}
