package distribution

import (
	"encoding/json"
	"errors"

	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
)

// maxGameJSONBytes bounds the JSON documents the helper games decode, so an untrusted
// document cannot ask for unbounded memory.
const maxGameJSONBytes = 16 << 20

// decodeJSON decodes untrusted JSON the module's one strict way (internal/jsonin: size cap
// before parsing, one value, unknown fields and trailing data refused) and reports its
// failures as a *DecodeError naming what was decoded and, where known, the field's path.
// This package's own errors from nested decoders (a ClaimsRule) pass through unchanged; any
// other (a Money, a decimal) is kept as DecodeError.Err.
func decodeJSON(what string, data []byte, v any, maxBytes int) error {
	err := jsonin.Decode(data, v, maxBytes)
	var je *jsonin.Error
	switch {
	case err == nil, errors.Is(err, ErrInvalidInput):
		return err
	case errors.As(err, &je): // a nested decoder's own error, if jsonin kept one, stays in the chain
		return &DecodeError{What: what, Path: je.Path, Reason: je.Reason, Err: errors.Unwrap(je)}
	}
	return &DecodeError{What: what, Reason: errs.Clip(err.Error(), 200), Err: err}
}

type additiveGameJSON struct {
	Worths []float64 `json:"worths"`
}

// MarshalJSON writes {"worths":[a₀, a₁, …]}.
func (g *AdditiveGame) MarshalJSON() ([]byte, error) {
	return json.Marshal(additiveGameJSON{Worths: g.a})
}

// UnmarshalJSON reads {"worths":[…]} and validates it as NewAdditiveGame does.
func (g *AdditiveGame) UnmarshalJSON(data []byte) error {
	var raw additiveGameJSON
	if err := decodeJSON("additive game", data, &raw, maxGameJSONBytes); err != nil {
		return err
	}
	ng, err := NewAdditiveGame(raw.Worths)
	if err != nil {
		return err
	}
	*g = *ng
	return nil
}

type marketGameJSON struct {
	Endowments [][]float64 `json:"endowments"`
	Recipe     []float64   `json:"recipe"`
}

// MarshalJSON writes {"endowments":[[e₀₀, …], …],"recipe":[r₀, …]}; a glove game is written
// as the market game it is.
func (g *MarketGame) MarshalJSON() ([]byte, error) {
	return json.Marshal(marketGameJSON{Endowments: g.endow, Recipe: g.recipe})
}

// UnmarshalJSON reads {"endowments":[[…]],"recipe":[…]} and validates it as NewMarketGame
// does.
func (g *MarketGame) UnmarshalJSON(data []byte) error {
	var raw marketGameJSON
	if err := decodeJSON("market game", data, &raw, maxGameJSONBytes); err != nil {
		return err
	}
	ng, err := NewMarketGame(raw.Endowments, raw.Recipe)
	if err != nil {
		return err
	}
	*g = *ng
	return nil
}

type airportGameJSON struct {
	Costs []float64 `json:"costs"`
}

// MarshalJSON writes {"costs":[c₀, c₁, …]}.
func (g *AirportGame) MarshalJSON() ([]byte, error) {
	return json.Marshal(airportGameJSON{Costs: g.costs})
}

// UnmarshalJSON reads {"costs":[…]} and validates it as NewAirportGame does.
func (g *AirportGame) UnmarshalJSON(data []byte) error {
	var raw airportGameJSON
	if err := decodeJSON("airport game", data, &raw, maxGameJSONBytes); err != nil {
		return err
	}
	ng, err := NewAirportGame(raw.Costs)
	if err != nil {
		return err
	}
	*g = *ng
	return nil
}
