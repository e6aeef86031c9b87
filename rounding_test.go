package assay

import (
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay/internal/rounding"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// The table in RoundingMode's doc comment, checked. Expected values are the definitions of
// the modes applied by hand (java.math.RoundingMode's documentation has the same table for
// one place).
func TestRoundDecimalTable(t *testing.T) {
	inputs := []string{"2.345", "-2.345", "2.355", "-2.355", "2.341", "-2.341"}
	want := map[RoundingMode][]string{
		HalfEven: {"2.34", "-2.34", "2.36", "-2.36", "2.34", "-2.34"},
		HalfUp:   {"2.35", "-2.35", "2.36", "-2.36", "2.34", "-2.34"},
		HalfDown: {"2.34", "-2.34", "2.35", "-2.35", "2.34", "-2.34"},
		Down:     {"2.34", "-2.34", "2.35", "-2.35", "2.34", "-2.34"},
		Up:       {"2.35", "-2.35", "2.36", "-2.36", "2.35", "-2.35"},
		Floor:    {"2.34", "-2.35", "2.35", "-2.36", "2.34", "-2.35"},
		Ceiling:  {"2.35", "-2.34", "2.36", "-2.35", "2.35", "-2.34"},
	}
	for mode, w := range want {
		got := make([]string, len(inputs))
		for i, in := range inputs {
			got[i] = RoundDecimal(decimal.RequireFromString(in), 2, mode).StringFixed(2)
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", mode, diff)
		}
	}
}

func TestRoundDecimalPlaces(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		mode   RoundingMode
		want   string
	}{
		{"1250", -2, HalfDown, "1200"}, // ties toward zero at hundreds
		{"1251", -2, HalfDown, "1300"},
		{"1250", -2, HalfEven, "1200"},
		{"1350", -2, HalfEven, "1400"},
		{"0.5", 0, HalfEven, "0"},
		{"1.5", 0, HalfEven, "2"},
		{"-0.5", 0, HalfUp, "-1"},
		{"7", 2, HalfDown, "7"}, // already exact
		{"0.004999", 2, HalfUp, "0"},
	}
	for _, tt := range tests {
		got := RoundDecimal(decimal.RequireFromString(tt.in), tt.places, tt.mode)
		if !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("RoundDecimal(%s, %d, %v) = %s, want %s", tt.in, tt.places, tt.mode, got, tt.want)
		}
	}
}

// Property: every mode returns a neighbour of d at the precision (never further than one unit
// of the last place), and the directed modes round the way their names say.
func TestRoundDecimalBounds(t *testing.T) {
	unit := decimal.New(1, -2)
	for i := -1000; i <= 1000; i += 7 {
		d := decimal.New(int64(i), -3) // -1.000 … 1.000 in steps of 0.007
		for m := HalfEven; m <= Ceiling; m++ {
			r := RoundDecimal(d, 2, m)
			if r.Sub(d).Abs().Cmp(unit) >= 0 {
				t.Fatalf("%v(%s) = %s: more than one unit away", m, d, r)
			}
			switch m {
			case Floor:
				if r.GreaterThan(d) {
					t.Fatalf("Floor(%s) = %s > d", d, r)
				}
			case Ceiling:
				if r.LessThan(d) {
					t.Fatalf("Ceiling(%s) = %s < d", d, r)
				}
			case Down:
				if r.Abs().GreaterThan(d.Abs()) {
					t.Fatalf("Down(%s) = %s moved away from zero", d, r)
				}
			case Up:
				if r.Abs().LessThan(d.Abs()) {
					t.Fatalf("Up(%s) = %s moved toward zero", d, r)
				}
			}
		}
	}
}

func TestRoundingModeText(t *testing.T) {
	for m := HalfEven; m <= Ceiling; m++ {
		text, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back RoundingMode
		if err := back.UnmarshalText(text); err != nil || back != m {
			t.Errorf("%v: round trip gave %v, %v", m, back, err)
		}
	}
	var m RoundingMode
	if err := m.UnmarshalText([]byte("bankers")); err == nil {
		t.Error("UnmarshalText(bankers) succeeded")
	}
	if _, err := RoundingMode(99).MarshalText(); err == nil {
		t.Error("MarshalText(99) succeeded")
	}
}

// Differential test: the int64 fast path agrees with shopspring's big.Int rounding on random
// amounts, for every mode, including ties and amounts far below the last place.
func TestRoundSmallMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		coef := r.Int64N(2e18) - 1e18 + 1 // |coef| < 10^18
		if r.IntN(4) == 0 {
			coef = coef / int64(pow10(r.IntN(18))) * int64(pow10(r.IntN(3))) // short coefficients, exact ties
			if r.IntN(2) == 0 {
				coef = coef - coef%10 + 5 // a tie at the next place
			}
		}
		exp := -int32(r.IntN(30))
		places := int32(r.IntN(8)) - 2
		d := decimal.New(coef, exp)
		for m := HalfEven; m <= Ceiling; m++ {
			got, want := RoundDecimal(d, places, m), roundBig(d, places, m)
			if !got.Equal(want) {
				t.Fatalf("%v(%s, %d) = %s, big.Int path gives %s", m, d, places, got, want)
			}
		}
	}
}

// TestRoundingModeMatchesInternal: internal/rounding numbers its modes as RoundingMode does,
// so that the conversion rounding.Mode(m) keeps the meaning.
func TestRoundingModeMatchesInternal(t *testing.T) {
	pairs := map[RoundingMode]rounding.Mode{
		HalfEven: rounding.HalfEven, HalfUp: rounding.HalfUp, HalfDown: rounding.HalfDown,
		Down: rounding.Down, Up: rounding.Up, Floor: rounding.Floor, Ceiling: rounding.Ceiling,
	}
	if len(pairs) != len(roundingNames) {
		t.Fatalf("%d modes paired, %d defined", len(pairs), len(roundingNames))
	}
	for m, want := range pairs {
		if rounding.Mode(m) != want {
			t.Errorf("rounding.Mode(%v) = %d, want %d", m, rounding.Mode(m), want)
		}
	}
}
