package rounding_test

import (
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay/internal/rounding"
	"github.com/dataassay/assay/internal/rounding/ratround"
)

var modes = []rounding.Mode{rounding.HalfEven, rounding.HalfUp, rounding.HalfDown, rounding.Down, rounding.Up, rounding.Floor, rounding.Ceiling}

func ratRound(x *big.Rat, mode rounding.Mode) *big.Int { return ratround.Round(x, mode) }

// TestAway_Table is the table of math/big.RoundingMode's documentation (the same as
// java.math.RoundingMode's): x rounded to an integer.
func TestAway_Table(t *testing.T) {
	tenths := []int64{55, 25, 16, 11, 10, -10, -11, -16, -25, -55} // 5.5, 2.5, … −5.5
	want := map[rounding.Mode][]int64{
		rounding.HalfEven: {6, 2, 2, 1, 1, -1, -1, -2, -2, -6},
		rounding.HalfUp:   {6, 3, 2, 1, 1, -1, -1, -2, -3, -6},
		rounding.HalfDown: {5, 2, 2, 1, 1, -1, -1, -2, -2, -5},
		rounding.Down:     {5, 2, 1, 1, 1, -1, -1, -1, -2, -5},
		rounding.Up:       {6, 3, 2, 2, 1, -1, -2, -2, -3, -6},
		rounding.Floor:    {5, 2, 1, 1, 1, -1, -2, -2, -3, -6},
		rounding.Ceiling:  {6, 3, 2, 2, 1, -1, -1, -1, -2, -5},
	}
	for _, mode := range modes {
		got := make([]int64, len(tenths))
		for i, n := range tenths {
			got[i] = rounding.QuoPow10(n, 1, mode)
			if o := ratRound(big.NewRat(n, 10), mode).Int64(); o != want[mode][i] {
				t.Fatalf("oracle %v(%d/10) = %d, want %d", mode, n, o, want[mode][i])
			}
		}
		if diff := cmp.Diff(want[mode], got); diff != "" {
			t.Errorf("mode %d (-want +got):\n%s", mode, diff)
		}
	}
}

func checkMulDiv(t *testing.T, a, b, d int64, mode rounding.Mode) {
	t.Helper()
	if d == 0 {
		if _, ok := rounding.MulDivInt64(a, b, d, mode); ok {
			t.Fatalf("MulDivInt64(%d, %d, 0) succeeded", a, b)
		}
		return
	}
	x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(b)), big.NewInt(d))
	want := ratRound(x, mode)
	got, ok := rounding.MulDivInt64(a, b, d, mode)
	if fits := want.IsInt64(); ok != fits || ok && got != want.Int64() {
		t.Fatalf("MulDivInt64(%d, %d, %d, %d) = %d, %v; want %v (fits in int64: %v)", a, b, d, mode, got, ok, want, fits)
	}
	mag := new(big.Int).Abs(want)
	gotU, okU := rounding.MulDiv(absU(a), absU(b), absU(d), x.Sign() < 0, mode)
	if fits := mag.IsUint64(); okU != fits || okU && gotU != mag.Uint64() {
		t.Fatalf("MulDiv(|%d|, |%d|, |%d|, %d) = %d, %v; want %v", a, b, d, mode, gotU, okU, mag)
	}
}

func absU(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}

func TestMulDiv_Edges(t *testing.T) {
	vals := []int64{math.MinInt64, math.MinInt64 + 1, -1e18, -3, -2, -1, 0, 1, 2, 3, 5, 10, 1e9, 1e18, math.MaxInt64 - 1, math.MaxInt64}
	for _, a := range vals {
		for _, b := range vals {
			for _, d := range vals {
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
		if got, want := rounding.QuoPow10(n, 1, rounding.Mode(200)), rounding.QuoPow10(n, 1, rounding.HalfEven); got != want {
			t.Errorf("QuoPow10(%d, 1, 200) = %d, want %d", n, got, want)
		}
	}
}

// FuzzMulDiv compares MulDiv and MulDivInt64 with the exact rational result.
func FuzzMulDiv(f *testing.F) {
	f.Add(int64(25), int64(1), int64(10), uint8(0))
	f.Add(int64(-25), int64(1), int64(10), uint8(1))
	f.Add(int64(math.MinInt64), int64(1), int64(1), uint8(5))
	f.Add(int64(math.MinInt64), int64(-1), int64(1), uint8(5))
	f.Add(int64(math.MaxInt64), int64(math.MaxInt64), int64(math.MinInt64), uint8(6))
	f.Add(int64(math.MaxInt64), int64(3), int64(2), uint8(4))
	f.Add(int64(-7), int64(5), int64(-2), uint8(2))
	f.Fuzz(func(t *testing.T, a, b, d int64, m uint8) {
		mode := rounding.Mode(m % 8) // 7 is undefined: HalfEven
		checkMulDiv(t, a, b, d, mode)
	})
}
