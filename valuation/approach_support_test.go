package valuation

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/dataassay/assay/internal/rounding/ratround"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// ratRound is the oracle for quoRound: n/d × 10^places as an exact rational, rounded to an
// integer by mode with big.Rat arithmetic only (internal/rounding/ratround).
func ratRound(n, d decimal.Decimal, places int32, mode assay.RoundingMode) *big.Int {
	q := new(big.Rat).Quo(n.Rat(), d.Rat())
	q.Mul(q, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	return ratround.Round(q, rounding.Mode(mode))
}

func TestQuoRound_MatchesRationalOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	modes := []assay.RoundingMode{assay.HalfEven, assay.HalfUp, assay.HalfDown, assay.Down, assay.Up, assay.Floor, assay.Ceiling}
	for i := range 5000 {
		n := decimal.New(rng.Int64N(2_000_001)-1_000_000, -int32(rng.IntN(6)))
		d := decimal.New(rng.Int64N(2_001)-1_000, -int32(rng.IntN(4)))
		switch i % 5 {
		case 1: // coefficients at int64's edge: the machine-integer path's bounds
			n = decimal.New(rng.Int64()-rng.Int64(), int32(rng.IntN(40))-20)
		case 2: // beyond 18 digits: the decimal path
			n = decimal.New(rng.Int64(), 0).Mul(decimal.New(rng.Int64(), -int32(rng.IntN(30))))
		case 3:
			d = decimal.New(rng.Int64()>>rng.IntN(63), int32(rng.IntN(40))-20)
		}
		if i%7 == 0 {
			d = decimal.New(2*rng.Int64N(50)+2, 0) // even divisors make exact ties
		}
		if d.IsZero() {
			continue
		}
		places := int32(rng.IntN(4))
		for _, mode := range modes {
			got := quoRound(n, d, places, mode)
			want := ratRound(n, d, places, mode)
			if !got.Equal(decimal.NewFromBigInt(want, -places)) {
				t.Fatalf("quoRound(%s, %s, %d, %v) = %s, want %s", n, d, places, mode, got, decimal.NewFromBigInt(want, -places))
			}
		}
	}
}

func TestMoneyFromModel(t *testing.T) {
	c := assay.MustCurrency("CNY")
	tests := []struct {
		v    float64
		mode assay.RoundingMode
		want string
	}{
		{1188.443412335223, assay.HalfEven, "1188.44"},
		// 0.125 is exact in binary: a true tie.
		{0.125, assay.HalfEven, "0.12"},
		{0.125, assay.HalfUp, "0.13"},
		// 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary, but its
		// shortest round-tripping decimal is 2.675, so the model's value is read as 2.675.
		{2.675, assay.HalfUp, "2.68"},
		{-5.5e-3, assay.HalfEven, "-0.01"},
	}
	for _, tt := range tests {
		got, err := MoneyFromModel(tt.v, c, tt.mode)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(cny(tt.want)) {
			t.Errorf("MoneyFromModel(%v, %v) = %v, want %s CNY", tt.v, tt.mode, got, tt.want)
		}
	}
	for _, bad := range []float64{nanValue(), 1e14, -1e300} {
		_, err := MoneyFromModel(bad, c, assay.HalfEven)
		assertInputError(t, err, "model value")
	}
}

func TestTrail_JSON(t *testing.T) {
	tr := Trail{
		{Name: "discount rate", Inputs: []StepInput{{Name: "i", Number: 0.1}}, Source: "CAS 2023 art. 22"},
		{Name: "year 1", Inputs: []StepInput{{Name: "F", Amount: cny("110")}, {Name: "note", Text: "end of year"}, {Name: "zero"}},
			Factor: "0.9090909091", Value: cny("100"), Source: "NPV"},
	}
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"name":"discount rate","inputs":[{"name":"i","value":0.1}],"value":null,"source":"CAS 2023 art. 22"},` +
		`{"name":"year 1","inputs":[{"name":"F","value":{"amount":"110.00","currency":"CNY"}},{"name":"note","value":"end of year"},{"name":"zero","value":0}],` +
		`"factor":"0.9090909091","value":{"amount":"100.00","currency":"CNY"},"source":"NPV"}]`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back Trail
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tr, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// TestRoundShortest_MatchesDecimal checks the fast float-to-money rounding against
// decimal.NewFromFloat followed by assay.RoundDecimal, on random values and on ties.
func TestRoundShortest_MatchesDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	modes := []assay.RoundingMode{assay.HalfEven, assay.HalfUp, assay.HalfDown, assay.Down, assay.Up, assay.Floor, assay.Ceiling}
	vals := []float64{0, math.Copysign(0, -1), 0.125, -0.125, 2.675, 0.005, -0.015, 1e-20, 99999999999999.99, 5e-324, 0.5, 1.5, -2.5}
	for range 1500 {
		mag := math.Pow(10, float64(rng.IntN(28)-14))
		vals = append(vals, (rng.Float64()*2-1)*mag, float64(rng.IntN(1_000_000))/1000-500)
	}
	for _, v := range vals {
		for _, places := range []int32{0, 2, 3, 4} {
			for _, mode := range modes {
				coef, ok := roundShortest(v, places, mode)
				if !ok {
					continue
				}
				got := decimal.New(coef, -places)
				want := assay.RoundDecimal(decimal.NewFromFloat(v), places, mode)
				if !got.Equal(want) {
					t.Fatalf("roundShortest(%v, %d, %v) = %s, want %s", v, places, mode, got, want)
				}
			}
		}
	}
}
