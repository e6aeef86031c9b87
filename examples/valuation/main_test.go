package main

import (
	"context"
	"testing"

	"github.com/dataassay/assay/examples/data"
	"github.com/dataassay/assay/internal/jobs"
)

// TestBuiltinCase checks that the built-in case decodes strictly and values consistently:
// the conclusion lies within its range and within the approaches' range (give or take the
// rounding unit), and the cost approach uses the quality coefficient.
func TestBuiltinCase(t *testing.T) {
	vc, err := jobs.DecodeValue(data.File("value.json"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := jobs.Value(context.Background(), vc)
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Reconciliation
	if r.Low.Amount().GreaterThan(r.Value.Amount()) || r.High.Amount().LessThan(r.Value.Amount()) {
		t.Errorf("conclusion %v outside its range %v–%v", r.Value, r.Low, r.High)
	}
	lo, hi := rep.Cost.Value, rep.Cost.Value
	for _, ind := range r.Indications {
		if ind.Value.Amount().LessThan(lo.Amount()) {
			lo = ind.Value
		}
		if ind.Value.Amount().GreaterThan(hi.Amount()) {
			hi = ind.Value
		}
	}
	if r.Value.Amount().LessThan(lo.Amount().Sub(vc.Unit)) || r.Value.Amount().GreaterThan(hi.Amount().Add(vc.Unit)) {
		t.Errorf("conclusion %v outside the indications %v–%v", r.Value, lo, hi)
	}
	if got, want := rep.Cost.Trail[len(rep.Cost.Trail)-2].Inputs[0].Number, rep.Quality.Coefficient; got != want {
		t.Errorf("cost δ %v, want the quality coefficient %v", got, want)
	}
	if len(rep.MonteCarlo.Samples) != rep.MonteCarlo.Trials {
		t.Errorf("%d samples kept, want %d", len(rep.MonteCarlo.Samples), rep.MonteCarlo.Trials)
	}
}
