package valuation

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// trafficComparables are three listed traffic data products and one bulk licence that the
// appraiser excludes. Adjusted prices (hand calculation):
//
//	A 200000 × 1.05 × 1.02 × 0.9 = 200000 × 0.9639 = 192780
//	B 180000 × 1.1 × 0.98        = 180000 × 1.078  = 194040
//	C 210000 × 0.95 × 1.03       = 210000 × 0.9785 = 205485
func trafficComparables() []Comparable {
	return []Comparable{
		{ID: "A", Price: cny("200000"), Quality: 1.05, IndexAtValuation: 102, IndexAtTransaction: 100, Capacity: 0.9, Similarity: 0.9, Weight: 0.5},
		{ID: "B", Price: cny("180000"), Quality: 1.1, SupplyDemand: 0.98, Similarity: 0.8, Weight: 0.3},
		{ID: "D", Price: cny("500000"), Quality: 3, Exclude: "bulk licence of all city feeds"},
		{ID: "C", Price: cny("210000"), Quality: 0.95, Date: 1.03, Similarity: 0.6, Weight: 0.2},
	}
}

func TestMarket_Weightings(t *testing.T) {
	tests := []struct {
		name      string
		weighting Weighting
		want      string
	}{
		// (192780 + 194040 + 205485)/3 = 592305/3 = 197435.
		{"equal", EqualWeights, "197435.00"},
		{"zero value is equal", "", "197435.00"},
		// (0.9·192780 + 0.8·194040 + 0.6·205485)/2.3 = 452025/2.3 = 196532.608695… → 196532.61.
		{"similarity", SimilarityWeights, "196532.61"},
		// 0.5·192780 + 0.3·194040 + 0.2·205485 = 96390 + 58212 + 41097 = 195699.
		{"given", GivenWeights, "195699.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Market(MarketInput{Comparables: trafficComparables(), Weighting: tt.weighting})
			if err != nil {
				t.Fatal(err)
			}
			if !got.Value.Equal(cny(tt.want)) {
				t.Errorf("Value = %v, want %s CNY", got.Value, tt.want)
			}
			if !got.Low.Equal(cny("192780")) || !got.High.Equal(cny("205485")) {
				t.Errorf("range %v–%v, want 192780.00–205485.00 CNY", got.Low, got.High)
			}
			// Deviations from 197435: −4655, −3395, 8050; sample variance 97997550/2.
			if want := math.Sqrt(97997550.0/2) / 197435; math.Abs(got.CV-want) > 1e-12 {
				t.Errorf("CV = %v, want %v", got.CV, want)
			}
		})
	}
}

func TestMarket_AdjustedComparables(t *testing.T) {
	got, err := Market(MarketInput{Comparables: trafficComparables()})
	if err != nil {
		t.Fatal(err)
	}
	third := 1.0 / 3
	want := []AdjustedComparable{
		{ID: "A", Price: cny("200000"), Quality: 1.05, SupplyDemand: 1, Date: 1.02, Capacity: 0.9, Other: 1, Composite: 0.9639, Adjusted: cny("192780"), Weight: third},
		{ID: "B", Price: cny("180000"), Quality: 1.1, SupplyDemand: 0.98, Date: 1, Capacity: 1, Other: 1, Composite: 1.078, Adjusted: cny("194040"), Weight: third},
		{ID: "D", Price: cny("500000"), Quality: 3, SupplyDemand: 1, Date: 1, Capacity: 1, Other: 1, Composite: 3, Adjusted: cny("1500000"), Exclude: "bulk licence of all city feeds"},
		{ID: "C", Price: cny("210000"), Quality: 0.95, SupplyDemand: 1, Date: 1.03, Capacity: 1, Other: 1, Composite: 0.9785, Adjusted: cny("205485"), Weight: third},
	}
	if diff := cmp.Diff(want, got.Comparables, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-15 })); diff != "" {
		t.Errorf("comparables (-want +got):\n%s", diff)
	}
	// One step per comparable in input order, then the value.
	type row struct{ Name, Factor, Value string }
	var rows []row
	for _, s := range got.Trail {
		rows = append(rows, row{s.Name, s.Factor, s.Value.String()})
	}
	wantRows := []row{
		{"comparable A", "0.9639", "192780.00 CNY"},
		{"comparable B", "1.078", "194040.00 CNY"},
		{"excluded comparable D", "", "0"},
		{"comparable C", "0.9785", "205485.00 CNY"},
		{"market-approach value", "", "197435.00 CNY"},
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("trail (-want +got):\n%s", diff)
	}
}

func TestMarket_Refusals(t *testing.T) {
	t.Run("factor outside band", func(t *testing.T) {
		cs := trafficComparables()
		cs[1].SupplyDemand = 2.5
		_, err := Market(MarketInput{Comparables: cs})
		var fe *FactorError
		if !errors.As(err, &fe) || !errors.Is(err, ErrFactorOutOfBand) {
			t.Fatalf("err = %v, want *FactorError", err)
		}
		want := FactorError{Field: "comparables[1].supplyDemand", Value: 2.5, Low: 0.5, High: 2}
		if diff := cmp.Diff(want, *fe); diff != "" {
			t.Errorf("FactorError (-want +got):\n%s", diff)
		}
		// An appraiser who justifies the factor widens the band.
		if _, err := Market(MarketInput{Comparables: cs, Band: Band{High: 3}}); err != nil {
			t.Errorf("with band [0.5, 3]: %v", err)
		}
	})
	t.Run("index-ratio date outside band", func(t *testing.T) {
		cs := trafficComparables()
		cs[0].IndexAtValuation = 250 // 250/100 = 2.5
		var fe *FactorError
		if _, err := Market(MarketInput{Comparables: cs}); !errors.As(err, &fe) || fe.Field != "comparables[0].date" {
			t.Fatalf("err = %v, want *FactorError on comparables[0].date", err)
		}
	})
	t.Run("none", func(t *testing.T) {
		var ce *ComparablesError
		if _, err := Market(MarketInput{}); !errors.As(err, &ce) || *ce != (ComparablesError{Remaining: 0, Min: 3}) {
			t.Errorf("err = %v, want *ComparablesError{0, 3}", err)
		}
	})
	t.Run("too few remain", func(t *testing.T) {
		cs := trafficComparables()
		cs[0].Exclude = "stale"
		_, err := Market(MarketInput{Comparables: cs})
		var ce *ComparablesError
		if !errors.As(err, &ce) || !errors.Is(err, ErrTooFewComparables) {
			t.Fatalf("err = %v, want *ComparablesError", err)
		}
		if diff := cmp.Diff(ComparablesError{Remaining: 2, Min: 3}, *ce); diff != "" {
			t.Errorf("ComparablesError (-want +got):\n%s", diff)
		}
		// (194040 + 205485)/2 = 199762.50 with a minimum of two.
		got, err := Market(MarketInput{Comparables: cs, MinComparables: 2})
		if err != nil || !got.Value.Equal(cny("199762.50")) {
			t.Errorf("MinComparables 2: %v, %v; want 199762.50 CNY", got.Value, err)
		}
	})
	bad := []struct {
		name   string
		mutate func(*MarketInput)
		field  string
	}{
		{"zero price", func(in *MarketInput) { in.Comparables[0].Price = cny("0") }, "comparables[0].price"},
		{"date and indices", func(in *MarketInput) { in.Comparables[0].Date = 1.1 }, "comparables[0].date"},
		{"one index", func(in *MarketInput) { in.Comparables[1].IndexAtTransaction = 100 }, "comparables[1].indexAtValuation"},
		{"NaN factor", func(in *MarketInput) { in.Comparables[1].Other = nanValue() }, "comparables[1].other"},
		{"similarity missing", func(in *MarketInput) {
			in.Weighting = SimilarityWeights
			in.Comparables[3].Similarity = 0
		}, "comparables[3].similarity"},
		{"given weights off", func(in *MarketInput) {
			in.Weighting = GivenWeights
			in.Comparables[3].Weight = 0.3
		}, "weights (sum)"},
		{"unknown weighting", func(in *MarketInput) { in.Weighting = "median" }, "weighting"},
		{"negative given weight", func(in *MarketInput) {
			in.Weighting = GivenWeights
			in.Comparables[3].Weight = -0.2
		}, "comparables[3].weight"},
		{"band above 1 low", func(in *MarketInput) { in.Band.Low = 1.5 }, "band.low"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			in := MarketInput{Comparables: trafficComparables()}
			tt.mutate(&in)
			_, err := Market(in)
			assertInputError(t, err, tt.field)
		})
	}
}

func TestMarketInput_JSON(t *testing.T) {
	const in = `{"comparables":[{"id":"A","price":{"amount":"100","currency":"CNY"},"quality":1.1},
		{"id":"B","price":{"amount":"120","currency":"CNY"},"date":0.95}],"minComparables":2,"band":{"low":0.8,"high":1.25}}`
	var got MarketInput
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatal(err)
	}
	want := MarketInput{Comparables: []Comparable{{ID: "A", Price: cny("100"), Quality: 1.1}, {ID: "B", Price: cny("120"), Date: 0.95}},
		MinComparables: 2, Band: Band{Low: 0.8, High: 1.25}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	// (110 + 114)/2 = 112.
	r, err := Market(got)
	if err != nil || !r.Value.Equal(cny("112")) {
		t.Errorf("Market = %v, %v; want 112.00 CNY", r.Value, err)
	}
}

func FuzzMarketInputJSON(f *testing.F) {
	f.Add([]byte(`{"comparables":[{"id":"A","price":{"amount":"100","currency":"CNY"},"quality":1.1}],"minComparables":1}`))
	f.Add([]byte(`{"comparables":[{"id":"A","price":{"amount":"1e-900","currency":"CNY"},"indexAtValuation":1e-300,"indexAtTransaction":1e-300,"similarity":1}],"weighting":"similarity","minComparables":1}`))
	f.Add([]byte(`{"comparables":[{"id":"A","price":{"amount":"5","currency":"KWD"},"weight":2},{"id":"B","price":{"amount":"7","currency":"KWD"},"weight":0}],"weighting":"given","normalize":true,"minComparables":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in MarketInput
		if json.Unmarshal(data, &in) != nil {
			return
		}
		r, err := Market(in)
		if err != nil {
			return
		}
		// The weighted mean lies within the adjusted prices' range (up to rounding).
		if r.Value.Amount().LessThan(r.Low.Amount().Sub(minorUnit(r))) ||
			r.Value.Amount().GreaterThan(r.High.Amount().Add(minorUnit(r))) {
			t.Fatalf("value %v outside [%v, %v]", r.Value, r.Low, r.High)
		}
	})
}
