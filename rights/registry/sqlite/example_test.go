package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/sqlite"
)

// A registry kept in a SQLite file survives a restart: reopened, it has the same head, and
// a proof from the old head to the new one shows it was only appended to.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "registry")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "registry.sqlite")
	story := assaytest.SeedRights()
	opt := rights.RegistryOptions{Registrars: []rights.PartyID{story.Centre.ID}} // who may register

	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		panic(err)
	}
	reg, err := rights.OpenRegistry(ctx, s, opt)
	if err != nil {
		panic(err)
	}
	if _, err := reg.AppendBatch(ctx, story.Events()[:3]); err != nil {
		panic(err)
	}
	before, _ := reg.Head(ctx)
	s.Close()

	// A restart.
	s, err = sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	reg, err = rights.OpenRegistry(ctx, s, opt)
	if err != nil {
		panic(err)
	}
	again, _ := reg.Head(ctx)
	fmt.Println("same head after reopening:", again == before)
	if _, err := reg.AppendBatch(ctx, story.Events()); err != nil { // the first three again: idempotent
		panic(err)
	}
	after, _ := reg.Head(ctx)
	proof, _ := reg.ProveConsistency(ctx, before.N, after.N)
	fmt.Println("events:", before.N, "→", after.N)
	fmt.Println("only appended to:", rights.CheckConsistency(before, after, proof) == nil)
	// Output:
	// same head after reopening: true
	// events: 3 → 5
	// only appended to: true
}
