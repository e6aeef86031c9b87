package rights_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// The registry's operator signs its tree heads; an auditor keeps one, later fetches a newer
// one and a consistency proof, and checks offline that the log only grew.
func ExampleWitness() {
	ctx := context.Background()
	signer, verifier, err := rights.NewHeadSigner("registry.example.cn/rights", assaytest.RightsKey("operator"))
	if err != nil {
		panic(err)
	}
	story := assaytest.SeedRights()
	clock := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	reg, err := rights.OpenRegistry(ctx, rights.NewMemoryStore(), rights.RegistryOptions{
		Registrars: []rights.PartyID{story.Centre.ID}, Signer: signer,
		Now: func() time.Time { clock = clock.Add(time.Minute); return clock },
	})
	if err != nil {
		panic(err)
	}
	reg.AppendBatch(ctx, story.Events()[:2])
	kept, _ := reg.SignedHead(ctx) // the auditor's copy
	reg.AppendBatch(ctx, story.Events()[2:])
	latest, _ := reg.SignedHead(ctx)

	known := note.VerifierList(verifier)
	old, _ := rights.OpenHead(kept, known)
	proof, _ := reg.ProveConsistency(ctx, old.Tree.N, 5)
	head, err := rights.Witness(known, kept, latest, proof)
	fmt.Println("accepted:", err == nil, "size", old.Tree.N, "→", head.Tree.N)

	// A head that goes back to a smaller tree is rejected, with the reason.
	_, err = rights.Witness(known, latest, kept, nil)
	var we *rights.WitnessError
	if errors.As(err, &we) {
		fmt.Println("rejected:", we.Reason)
	}
	// Output:
	// accepted: true size 2 → 5
	// rejected: rolled back
}
