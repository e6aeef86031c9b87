package assaybeam

import (
	"encoding/json"
	"fmt"

	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
)

// maxGameBytes bounds a game document: 64 MiB, the largest table game's JSON.
const maxGameBytes = 64 << 20

// GameSpec is a game as data, the form in which a game travels to the workers of a pipeline
// (a closure cannot): {"kind":"coverage","game":{"covers":[[…],…]}}. Kind is one of
//
//	table     distribution.TableGame      {"values":[v∅, v1, v2, v12, …]}
//	additive  distribution.AdditiveGame   {"worths":[…]}
//	coverage  distribution.CoverageGame   {"covers":[[item, …], …]}
//	knn       distribution.KNNGame        {"train":[[…]],"trainLabels":[…],"test":[[…]],"testLabels":[…],"k":K}
//	airport   distribution.AirportGame    {"costs":[…]}
//	voting    distribution.WeightedVoting {"quota":q,"weights":[…]}
//	market    distribution.MarketGame     {"endowments":[[…]],"recipe":[…]}
//
// A plain value.
type GameSpec struct {
	Kind string          `json:"kind"`
	Game json.RawMessage `json:"game"`
}

// GameError reports a game document that does not parse or describes no valid game. Source
// names the record (a file name, or "game" when the document was given inline). It wraps
// ErrInvalidInput and the decoder's error.
type GameError struct {
	Source string
	Kind   string
	Err    error
}

func (e *GameError) Error() string {
	if e.Kind == "" {
		return fmt.Sprintf("assaybeam: game %s: %v", errs.Clip(e.Source, 200), e.Err)
	}
	return fmt.Sprintf("assaybeam: game %s of kind %q: %v", errs.Clip(e.Source, 200), errs.Clip(e.Kind, 40), e.Err)
}

// Unwrap returns ErrInvalidInput and the decoder's error.
func (e *GameError) Unwrap() []error { return []error{ErrInvalidInput, e.Err} }

// ParseGame decodes a GameSpec document (at most 64 MiB) into its game. source names the
// document in errors. Errors are *GameError.
func ParseGame(source string, data []byte) (distribution.Game, error) {
	var spec GameSpec
	if err := jsonin.Decode(data, &spec, maxGameBytes); err != nil {
		return nil, &GameError{Source: source, Err: err}
	}
	var g interface {
		distribution.Game
		json.Unmarshaler
	}
	switch spec.Kind {
	case "table":
		g = new(distribution.TableGame)
	case "additive":
		g = new(distribution.AdditiveGame)
	case "coverage":
		g = new(distribution.CoverageGame)
	case "knn":
		g = new(distribution.KNNGame)
	case "airport":
		g = new(distribution.AirportGame)
	case "voting":
		g = new(distribution.WeightedVoting)
	case "market":
		g = new(distribution.MarketGame)
	default:
		return nil, &GameError{Source: source, Kind: spec.Kind, Err: fmt.Errorf("kind must be one of table, additive, coverage, knn, airport, voting, market")}
	}
	if len(spec.Game) == 0 {
		return nil, &GameError{Source: source, Kind: spec.Kind, Err: fmt.Errorf("field game is missing")}
	}
	if err := g.UnmarshalJSON(spec.Game); err != nil {
		return nil, &GameError{Source: source, Kind: spec.Kind, Err: err}
	}
	return g, nil
}
