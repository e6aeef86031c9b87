package distribution

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func TestHelperGames_JSONRoundTrip(t *testing.T) {
	add, _ := NewAdditiveGame([]float64{1.5, -2})
	glove, _ := NewGloveGame(1, 1)
	airport, _ := NewAirportGame([]float64{3, 1})
	tests := []struct {
		game Game
		want string
		into Game
	}{
		{add, `{"worths":[1.5,-2]}`, new(AdditiveGame)},
		{glove, `{"endowments":[[1,0],[0,1]],"recipe":[1,1]}`, new(MarketGame)},
		{airport, `{"costs":[3,1]}`, new(AirportGame)},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.game)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tt.want {
			t.Errorf("%T JSON = %s, want %s", tt.game, b, tt.want)
		}
		if err := json.Unmarshal(b, tt.into); err != nil {
			t.Fatal(err)
		}
		for m := uint64(0); m < 1<<uint(tt.game.Players()); m++ {
			c := maskMembers(nil, m)
			if a, b := tt.game.Value(c), tt.into.Value(c); a != b {
				t.Errorf("%T after a round trip: v(%v) = %v, want %v", tt.game, c, b, a)
			}
		}
	}
}

// fuzzGameDecoder checks that a decoded game is valid: no panic, finite exact Shapley values
// that sum to v(N) − v(∅).
func fuzzGameDecoder(t *testing.T, g Game, data []byte) {
	if err := json.Unmarshal(data, g); err != nil {
		return
	}
	if g.Players() < 1 || g.Players() > 10 {
		return
	}
	phi, err := Shapley(context.Background(), g)
	if errors.Is(err, ErrInvalidInput) {
		return // worths that overflow float64 are reported, not propagated
	}
	if err != nil {
		t.Fatal(err)
	}
	var s float64
	for _, x := range phi {
		s += x
	}
	all := make([]int, g.Players())
	for i := range all {
		all[i] = i
	}
	total := g.Value(all) - g.Value(nil)
	if math.IsInf(total, 0) || math.IsInf(s, 0) {
		return
	}
	if math.Abs(s-total) > 1e-9*(1+math.Abs(total)) {
		t.Fatalf("Σφ = %v, want %v", s, total)
	}
}

func FuzzAdditiveGameJSON(f *testing.F) {
	f.Add([]byte(`{"worths":[1.5,-2]}`))
	f.Add([]byte(`{"worths":[]}`))
	f.Add([]byte(`{"worths":[1e308,1e308]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzGameDecoder(t, new(AdditiveGame), data) })
}

func FuzzMarketGameJSON(f *testing.F) {
	f.Add([]byte(`{"endowments":[[1,0],[0,1],[0,1]],"recipe":[1,1]}`))
	f.Add([]byte(`{"endowments":[[1,0]],"recipe":[0,0]}`))
	f.Add([]byte(`{"endowments":[[2]],"recipe":[-1]}`))
	f.Add([]byte(`{"endowments":[[1,0]],"recipe":[1,1],"recipes":[2]}`))
	f.Add([]byte(`{"endowments":[[1,0],[0,1]],"recipe":[1,1]}]`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzGameDecoder(t, new(MarketGame), data) })
}

func FuzzAirportGameJSON(f *testing.F) {
	f.Add([]byte(`{"costs":[3,1,2]}`))
	f.Add([]byte(`{"costs":[-1]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g AirportGame
		fuzzGameDecoder(t, &g, data)
		if g.Players() >= 1 && g.Players() <= 10 {
			exact, err := Shapley(context.Background(), &g)
			if err != nil {
				return
			}
			if diff := cmp.Diff(exact, g.Shapley(), exactTol); diff != "" {
				t.Fatalf("closed form vs enumeration (-want +got):\n%s", diff)
			}
		}
	})
}

// TestGameJSON_Strict: every decoder of the package reads untrusted JSON the module's one
// strict way (internal/jsonin): unknown fields, trailing data, wrong types and oversized
// documents are a *DecodeError naming the path, matching ErrInvalidInput here and
// assay.ErrInvalidInput across packages.
func TestGameJSON_Strict(t *testing.T) {
	tests := []struct {
		name string
		into json.Unmarshaler
		doc  string
		path string
	}{
		{"unknown field", new(MarketGame), `{"endowments":[[1]],"recipe":[1],"recipes":[2]}`, "recipes"},
		{"wrong type", new(AdditiveGame), `{"worths":[1,"2"]}`, "worths"},
		{"trailing data", new(AirportGame), `{"costs":[1]} {}`, ""},
		{"table trailing data", new(TableGame), `{"values":[0,1]}]`, ""},
		{"voting unknown field", new(WeightedVoting), `{"quota":1,"weights":[1],"veto":[0]}`, "veto"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.into.UnmarshalJSON([]byte(tt.doc))
			var de *DecodeError
			if !errors.As(err, &de) || !errors.Is(err, ErrInvalidInput) || !errors.Is(err, assay.ErrInvalidInput) {
				t.Fatalf("err %v, want a *DecodeError matching ErrInvalidInput and assay.ErrInvalidInput", err)
			}
			if de.Path != tt.path {
				t.Errorf("path %q, want %q (%v)", de.Path, tt.path, err)
			}
		})
	}
	if _, err := ParseWaterfall([]byte(`{"tiers":[{"kind":"fixed","rate":"1e-99999"}]}`)); !errors.Is(err, assay.ErrInvalidInput) {
		t.Errorf("nested decoder error %v, want assay.ErrInvalidInput", err)
	}
	var ie *InputError
	if _, err := NewTableGame([]float64{0, 1, 2}); !errors.As(err, &ie) || !errors.Is(err, assay.ErrInvalidInput) {
		t.Errorf("NewTableGame of 3 values: err %v, want an *InputError matching assay.ErrInvalidInput", err)
	}
}
