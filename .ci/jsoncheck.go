//go:build ignore

// Command jsoncheck exits non-zero unless each file named on the command line holds exactly
// one valid JSON document. .ci/run uses it on every example's -format json output.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

func main() {
	for _, name := range os.Args[1:] {
		if err := check(name); err != nil {
			fmt.Fprintf(os.Stderr, "jsoncheck: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

func check(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("more than one JSON document")
	}
	return nil
}
