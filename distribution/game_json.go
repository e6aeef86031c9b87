package distribution

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// maxGameJSONBytes bounds the JSON documents the helper games decode, so an untrusted
// document cannot ask for unbounded memory.
const maxGameJSONBytes = 16 << 20

// decodeGameJSON checks the size of data and decodes it into v.
func decodeGameJSON(what string, data []byte, v any) error {
	if len(data) > maxGameJSONBytes {
		return &InputError{Field: what + " JSON", Value: strconv.Itoa(len(data)) + " bytes", Reason: "be at most 16 MiB"}
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("distribution: %s: %w", what, err)
	}
	return nil
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
	if err := decodeGameJSON("additive game", data, &raw); err != nil {
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
	if err := decodeGameJSON("market game", data, &raw); err != nil {
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
	if err := decodeGameJSON("airport game", data, &raw); err != nil {
		return err
	}
	ng, err := NewAirportGame(raw.Costs)
	if err != nil {
		return err
	}
	*g = *ng
	return nil
}
