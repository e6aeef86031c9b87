package rounding

import (
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var modes = []Mode{HalfEven, HalfUp, HalfDown, Down, Up, Floor, Ceiling}

// ratRound is the oracle: x rounded to an integer by mode, in math/big.Rat arithmetic, from the
// definitions (IEEE 754-2019 §4.3; java.math.RoundingMode): the floor and the ceiling are the
// two neighbours, and the mode picks one by the sign of x and its distance to each.
func ratRound(x *big.Rat, mode Mode) *big.Int {
	fl := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean division: floor for a positive denominator
	if x.IsInt() {
		return fl
	}
	ce := new(big.Int).Add(fl, big.NewInt(1))
	frac := new(big.Rat).Sub(x, new(big.Rat).SetInt(fl)) // in (0, 1)
	c := frac.Cmp(big.NewRat(1, 2))                       // distance to the floor vs ½
	towardZero, awayZero := fl, ce
	if x.Sign() < 0 {
		towardZero, awayZero = ce, fl
		c = -c // distance to zero's side is measured from the ceiling
	}
	switch mode {
	case Down:
		return towardZero
	case Up:
		return awayZero
	case Floor:
		return fl
	case Ceiling:
		return ce
	case HalfUp:
		if c >= 0 {
			return awayZero
		}
		return towardZero
	case HalfDown:
		if c > 0 {
			return awayZero
		}
		return towardZero
	default:
		if c > 0 || c == 0 && towardZero.Bit(0) == 1 {
			return awayZero
		}
		return towardZero
	}
}

// TestAway_Table is the table of math/big.RoundingMode's documentation (the same as
// java.math.RoundingMode's): x rounded to an integer.
func TestAway_Table(t *testing.T) {
	xs := []string{"5.5", "2.5", "1.6", "1.1", "1.0", "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"}
	want := map[Mode][]int64{
		HalfEven: {6, 2, 2, 1, 1, -1, -1, -2, -2, -6},
		HalfUp:   {6, 3, 2, 1, 1, -1, -1, -2, -3, -6},
		HalfDown: {5, 2, 2, 1, 1, -1, -1, -2, -2, -5},
		Down:     {5, 2, 1, 1, 1, -1, -1, -1, -2, -5},
		Up:       {6, 3, 2, 2, 1, -1, -2, -2, -3, -6},
		Floor:    {5, 2, 1, 1, 1, -1, -2, -2, -3, -6},
		Ceiling:  {6, 3, 2, 2, 1, -1, -1, -1, -2, -5},
	}
	for _, mode := range modes {
		got := make([]int64, len(xs))
		for i, s := range xs {
			x, _ := new(big.Rat).SetString(s)
			got[i] = Quo(mustInt64(t, x.Num()), x.Denom().Uint64(), mode)
			if o := ratRound(x, mode).Int64(); o != want[mode][i] {
				t.Fatalf("oracle %v(%s) = %d, want %d", mode, s, o, want[mode][i])
			}
		}
		if diff := cmp.Diff(want[mode], got); diff != "" {
			t.Errorf("mode %d (-want +got):\n%s", mode, diff)
		}
	}
}

func mustInt64(t *testing.T, x *big.Int) int64 {
	t.Helper()
	if !x.IsInt64() {
		t.Fatalf("%v does not fit in int64", x)
	}
	return x.Int64()
}

func TestQuo_Edges(t *testing.T) {
	for _, n := range []int64{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, math.MaxInt64 - 1, math.MaxInt64} {
		for _, d := range []uint64{1, 2, 3, 10, 1 << 62, 1 << 63, math.MaxUint64} {
			for _, mode := range modes {
				checkQuo(t, n, d, mode)
			}
		}
	}
}

func checkQuo(t *testing.T, n int64, d uint64, mode Mode) {
	t.Helper()
	want := ratRound(new(big.Rat).SetFrac(big.NewInt(n), new(big.Int).SetUint64(d)), mode)
	if got := Quo(n, d, mode); !want.IsInt64() || got != want.Int64() {
		t.Fatalf("Quo(%d, %d, %d) = %d, want %v", n, d, mode, got, want)
	}
}

func checkMulDiv(t *testing.T, a int64, b, d uint64, mode Mode) {
	t.Helper()
	x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), new(big.Int).SetUint64(b)), new(big.Int).SetUint64(d))
	want := ratRound(x, mode)
	got, ok := MulDivInt64(a, b, d, mode)
	if fits := want.IsInt64(); ok != fits || ok && got != want.Int64() {
		t.Fatalf("MulDivInt64(%d, %d, %d, %d) = %d, %v; want %v (fits in int64: %v)", a, b, d, mode, got, ok, want, fits)
	}
	mag := new(big.Int).Abs(want)
	gotU, okU := MulDiv(absU(a), b, d, a < 0 && b != 0, mode)
	if fits := mag.IsUint64(); okU != fits || okU && gotU != mag.Uint64() {
		t.Fatalf("MulDiv(|%d|, %d, %d, %d) = %d, %v; want %v", a, b, d, mode, gotU, okU, mag)
	}
}

func absU(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}

func TestMulDiv_Edges(t *testing.T) {
	vals := []int64{math.MinInt64, math.MinInt64 + 1, -3, -1, 0, 1, 2, 5, 1e18, math.MaxInt64}
	us := []uint64{0, 1, 2, 3, 5, 10, 1e9, 1 << 63, math.MaxUint64 - 1, math.MaxUint64}
	for _, a := range vals {
		for _, b := range us {
			for _, d := range us[1:] {
				for _, mode := range modes {
					checkMulDiv(t, a, b, d, mode)
				}
			}
		}
	}
}

// TestUndefinedModeIsHalfEven: an undefined mode rounds as HalfEven.
func TestUndefinedModeIsHalfEven(t *testing.T) {
	for _, n := range []int64{5, 15, 25, -5, -15, 7, -7} {
		if got, want := Quo(n, 10, Mode(200)), Quo(n, 10, HalfEven); got != want {
			t.Errorf("Quo(%d, 10, 200) = %d, want %d", n, got, want)
		}
	}
}

// FuzzMulDiv compares MulDiv, MulDivInt64 and Quo with the exact rational result.
func FuzzMulDiv(f *testing.F) {
	f.Add(int64(25), uint64(1), uint64(10), uint8(0))
	f.Add(int64(-25), uint64(1), uint64(10), uint8(1))
	f.Add(int64(math.MinInt64), uint64(1), uint64(1), uint8(5))
	f.Add(int64(math.MaxInt64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint8(6))
	f.Add(int64(math.MaxInt64), uint64(3), uint64(2), uint8(4))
	f.Add(int64(-7), uint64(1<<63), uint64(1<<62), uint8(2))
	f.Fuzz(func(t *testing.T, a int64, b, d uint64, m uint8) {
		if d == 0 {
			return
		}
		mode := Mode(m % 8) // 7 is undefined: HalfEven
		checkMulDiv(t, a, b, d, mode)
		checkQuo(t, a, d, mode)
	})
}
