// Package assaytest helps integrators test code that uses Assay, as net/http/httptest helps
// with HTTP: go-cmp options that compare money correctly, and deterministic fixtures (a
// sample asset, seeded keys, sample chains and plans) that give the same values on every run
// and every machine.
//
// Import it only from _test.go files. It depends on github.com/google/go-cmp, which the
// library packages themselves never import.
package assaytest
