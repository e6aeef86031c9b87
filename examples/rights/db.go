package main

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/registry/sqlite"
)

// persistRow is the JSON form of the -db part of the output.
type persistRow struct {
	File         string `json:"file"`
	Previous     int64  `json:"previousSize"` // 0 on the first run
	Size         int64  `json:"size"`         // after this run's appends
	Root         string `json:"root"`         // base64, as in the signed head
	Consistent   bool   `json:"consistent"`   // the previous run's head witnessed against this one
	SignedHead   string `json:"signedHead"`   // this run's signed head (a signed note)
	PreviousHead string `json:"previousSignedHead,omitempty"`
}

// persist keeps the story's registry in the SQLite file path across runs. Each run appends
// the story (idempotent after the first run) and one recorded use of the congestion index by
// the Hong Kong buyer — at 2025-01-10 plus one minute per earlier run, inside its licence —
// then prints the registry's signed tree head and witnesses the previous run's head against
// it with a consistency proof, as an auditor would offline.
//
// The head is signed with a key derived from a public name (assaytest.RightsKey): a
// demonstration key, never one for a real registry.
func persist(ctx context.Context, path string) (persistRow, cli.Sheet, error) {
	row := persistRow{File: path}
	sheet := cli.Sheet{Name: "persistent", Title: "Persistent registry (-db " + path + ")", Header: []string{"field", "value"}}
	signer, verifier, err := rights.NewHeadSigner("example.assay/registry", assaytest.RightsKey("example registry operator"))
	if err != nil {
		return row, sheet, err
	}
	store, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return row, sheet, err
	}
	defer store.Close()
	s := assaytest.SeedRights()
	reg, err := rights.OpenRegistry(ctx, store, rights.RegistryOptions{Registrars: []rights.PartyID{s.Centre.ID}, Signer: signer})
	if err != nil {
		return row, sheet, err
	}
	if row.Previous, err = reg.Len(ctx); err != nil {
		return row, sheet, err
	}
	var previous []byte
	if row.Previous > 0 {
		if previous, err = reg.SignedHead(ctx); err != nil {
			return row, sheet, err
		}
		row.PreviousHead = string(previous)
	}

	runs := max(row.Previous-int64(len(s.Events())), 0)
	resale, _ := s.Resale.Hash()
	use, _, err := rights.Event{Kind: rights.KindUse, Time: time.Date(2025, time.January, 10, 0, int(runs), 0, 0, time.UTC),
		Asset: s.Index.ID, Parents: []rights.Hash{resale}, Signer: s.Buyer, Action: rights.ActionRead,
		Purpose: "traffic-report", Region: "HK", Volume: 24}.Sign(s.Key(s.Buyer))
	if err != nil {
		return row, sheet, err
	}
	if _, err := reg.AppendBatch(ctx, append(s.Events(), use)); err != nil {
		return row, sheet, err
	}
	signed, err := reg.SignedHead(ctx)
	if err != nil {
		return row, sheet, err
	}
	row.SignedHead = string(signed)
	head, err := rights.OpenHead(signed, note.VerifierList(verifier))
	if err != nil {
		return row, sheet, err
	}
	row.Size, row.Root = head.Tree.N, head.Tree.Hash.String()
	sheet.Add("events before this run", row.Previous)
	sheet.Add("events now", row.Size)
	sheet.Add("tree root (signed)", row.Root)
	sheet.Add("signed at", head.Time.UTC().Format(time.RFC3339))
	if previous == nil {
		sheet.Add("previous run's head", "none: first run; run again to see the consistency check")
		return row, sheet, nil
	}
	old, _ := rights.OpenHead(previous, note.VerifierList(verifier))
	proof, err := reg.ProveConsistency(ctx, old.Tree.N, head.Tree.N)
	if err != nil {
		return row, sheet, err
	}
	_, err = rights.Witness(note.VerifierList(verifier), previous, signed, proof)
	row.Consistent = err == nil
	verdict := fmt.Sprintf("size %d extended by appends only: %v", old.Tree.N, row.Consistent)
	if err != nil {
		verdict += " (" + err.Error() + ")"
	}
	sheet.Add("previous run's head", verdict)
	return row, sheet, nil
}
