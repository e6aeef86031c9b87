// Package examples holds small programs that show Assay end to end and that notebooks call.
//
// Each program lives in its own folder (go run ./examples/quickstart) and follows one flag
// convention: -format table (the default) prints readable tables, -format json prints one JSON
// document, -format csv prints the tables as CSV. The shared flag and output code lives in
// examples/internal/cli.
package examples
