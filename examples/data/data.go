// Package data holds the sample inputs of the assay command and the example programs, so
// that the README's commands run as written and the examples have built-in cases. Each
// file is described, with the sources of its real figures, in README.md beside it.
package data

import "embed"

// FS holds every sample file of this directory.
//
//go:embed *.json *.jsonl *.jsonld *.csv
var FS embed.FS

// File returns a sample file's contents; it panics if the file is not shipped, which is a
// programmer error caught by the examples' tests.
func File(name string) []byte {
	b, err := FS.ReadFile(name)
	if err != nil {
		panic("examples/data: " + err.Error())
	}
	return b
}
