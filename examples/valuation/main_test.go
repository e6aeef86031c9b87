package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestBuiltinCase checks that the documented built-in case decodes strictly and values
// consistently: the conclusion lies within the approaches' range, and the cost approach uses
// the quality coefficient.
func TestBuiltinCase(t *testing.T) {
	var vc valuationCase
	dec := json.NewDecoder(bytes.NewReader(builtinCase))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&vc); err != nil {
		t.Fatal(err)
	}
	rep, err := value(vc)
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
	// The weighted mean of the point values, before rounding to the 10000 unit, lies between
	// the lowest and highest indication; rounding moves it by at most half a unit.
	if r.Value.Amount().LessThan(lo.Amount().Sub(vc.Unit)) || r.Value.Amount().GreaterThan(hi.Amount().Add(vc.Unit)) {
		t.Errorf("conclusion %v outside the indications %v–%v", r.Value, lo, hi)
	}
	// δ of the cost approach is the quality coefficient: the step before the rounding.
	if got, want := rep.Cost.Trail[len(rep.Cost.Trail)-2].Inputs[0].Number, rep.Quality.Coefficient; got != want {
		t.Errorf("cost δ %v, want the quality coefficient %v", got, want)
	}
	if len(rep.MonteCarlo.Samples) != rep.MonteCarlo.Trials {
		t.Errorf("%d samples kept, want %d", len(rep.MonteCarlo.Samples), rep.MonteCarlo.Trials)
	}
}
