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
	xs := []string{"5.5", "2.5", "1.6", "1.1", "1.0", "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"}
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
		got := make([]int64, len(xs))
		for i, s := range xs {
			x, _ := new(big.Rat).SetString(s)
			got[i] = rounding.Quo(mustInt64(t, x.Num()), x.Denom().Uint64(), mode)
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

func checkQuo(t *testing.T, n int64, d uint64, mode rounding.Mode) {
	t.Helper()
	want := ratRound(new(big.Rat).SetFrac(big.NewInt(n), new(big.Int).SetUint64(d)), mode)
	if got := rounding.Quo(n, d, mode); !want.IsInt64() || got != want.Int64() {
		t.Fatalf("Quo(%d, %d, %d) = %d, want %v", n, d, mode, got, want)
	}
}

func checkMulDiv(t *testing.T, a int64, b, d uint64, mode rounding.Mode) {
	t.Helper()
	x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), new(big.Int).SetUint64(b)), new(big.Int).SetUint64(d))
	want := ratRound(x, mode)
	got, ok := rounding.MulDivInt64(a, b, d, mode)
	if fits := want.IsInt64(); ok != fits || ok && got != want.Int64() {
		t.Fatalf("MulDivInt64(%d, %d, %d, %d) = %d, %v; want %v (fits in int64: %v)", a, b, d, mode, got, ok, want, fits)
	}
	mag := new(big.Int).Abs(want)
	gotU, okU := rounding.MulDiv(absU(a), b, d, a < 0 && b != 0, mode)
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
		if got, want := rounding.Quo(n, 10, rounding.Mode(200)), rounding.Quo(n, 10, rounding.HalfEven); got != want {
			t.Errorf("Quo(%d, 10, 200) = %d, want %d", n, got, want)
		}
	}
}

// FuzzMulDiv compares rounding.MulDiv, rounding.MulDivInt64 and rounding.Quo with the exact rational result.
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
		mode := rounding.Mode(m % 8) // 7 is undefined: rounding.HalfEven
		checkMulDiv(t, a, b, d, mode)
		checkQuo(t, a, d, mode)
	})
}

func checkQuoPow10(t *testing.T, n, k int64, mode rounding.Mode) {
	t.Helper()
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil)
	want := ratRound(new(big.Rat).SetFrac(big.NewInt(n), den), mode)
	if got := rounding.QuoPow10(n, k, mode); !want.IsInt64() || got != want.Int64() {
		t.Fatalf("QuoPow10(%d, %d, %d) = %d, want %v", n, k, mode, got, want)
	}
}

func TestQuoPow10_Edges(t *testing.T) {
	for _, n := range []int64{math.MinInt64, math.MinInt64 + 1, -15, -5, -1, 0, 1, 5, 15, 25, 1e18 + 5e17, math.MaxInt64} {
		for k := int64(0); k <= 25; k++ {
			for _, mode := range modes {
				checkQuoPow10(t, n, k, mode)
			}
		}
	}
	if p, ok := rounding.Pow10(19); !ok || p != 1e19 {
		t.Errorf("Pow10(19) = %d, %v", p, ok)
	}
	if _, ok := rounding.Pow10(20); ok {
		t.Error("Pow10(20) fits in a uint64")
	}
}

func FuzzQuoPow10(f *testing.F) {
	f.Add(int64(12345), uint8(2), uint8(0))
	f.Add(int64(-125), uint8(1), uint8(1))
	f.Add(int64(math.MinInt64), uint8(19), uint8(4))
	f.Fuzz(func(t *testing.T, n int64, k, m uint8) {
		checkQuoPow10(t, n, int64(k%30), rounding.Mode(m%8))
	})
}
