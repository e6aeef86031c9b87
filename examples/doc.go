// Package examples holds small programs that show Assay end to end, as guided stories.
//
// Each program lives in its own folder (go run ./examples/quickstart) and follows one flag
// convention: -format table (the default) prints readable tables, -format json prints one JSON
// document, -format csv prints one table as CSV (-table NAME picks it, -bom adds a byte-order
// mark for Excel). The shared flag and output code lives in internal/cli and the jobs they
// share with the assay command (cmd/assay) in internal/jobs; their built-in cases are the
// sample inputs in examples/data. For your own data, use the assay command; from Python, see
// examples/notebooks.
package examples
