package rootfind

import (
	"errors"
	"math"
	"testing"
)

func TestBrent(t *testing.T) {
	tests := []struct {
		name string
		f    func(float64) float64
		a, b float64
		want float64 // the root, known in closed form
	}{
		{"sqrt2", func(x float64) float64 { return x*x - 2 }, 0, 2, math.Sqrt2},
		{"dottie number", func(x float64) float64 { return math.Cos(x) - x }, 0, 1, 0.7390851332151607}, // OEIS A003957
		{"cubic with flat region", func(x float64) float64 { return (x - 1) * (x - 1) * (x - 1) }, -3, 2, 1},
		{"root at end", func(x float64) float64 { return x - 5 }, 5, 7, 5},
		{"reversed bracket", func(x float64) float64 { return math.Exp(x) - 10 }, 5, 0, math.Log(10)},
		{"steep", func(x float64) float64 { return math.Atan(1e6 * (x - 0.3)) }, -1, 1, 0.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Brent(tt.f, tt.a, tt.b, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-12*math.Max(1, math.Abs(tt.want)) && tt.f(got) != 0 {
				t.Errorf("root = %.17g, want %.17g", got, tt.want)
			}
		})
	}
}

func TestBrentErrors(t *testing.T) {
	sq := func(x float64) float64 { return x*x + 1 }
	if _, err := Brent(sq, -1, 1, 0, 0); !errors.Is(err, ErrNoSignChange) {
		t.Errorf("no sign change: err = %v", err)
	}
	nan := func(x float64) float64 { return math.NaN() }
	if _, err := Brent(nan, -1, 1, 0, 0); !errors.Is(err, ErrNaN) {
		t.Errorf("NaN: err = %v", err)
	}
	// Finite at the ends, infinite inside: 1/x crosses zero only through a pole.
	pole := func(x float64) float64 {
		if x == 0 {
			return math.Inf(1)
		}
		return 1 / x
	}
	if _, err := Brent(pole, -1, 1, 0, 0); err == nil {
		t.Error("pole: want an error, got a root")
	}
	slow := func(x float64) float64 { return x - 0.123456789 }
	if _, err := Brent(slow, -1e6, 1e6, 0, 1); !errors.Is(err, ErrNoConvergence) {
		t.Errorf("one iteration: err = %v", err)
	}
}

func TestBracket(t *testing.T) {
	f := func(x float64) float64 { return x - 40 }
	a, b, ok := Bracket(f, 0, 1, -1, 1e6, 0, 0)
	if !ok || !(a <= 40 && 40 <= b) {
		t.Fatalf("Bracket = [%g, %g] %v, want an interval around 40", a, b, ok)
	}
	// The domain limit is honoured: log is undefined below 0.
	g := func(x float64) float64 { return math.Log(x) + 5 }
	a, b, ok = Bracket(g, 0.5, 1, 0x1p-1074, 10, 0, 0)
	if !ok || a <= 0 || !(a <= math.Exp(-5) && math.Exp(-5) <= b) {
		t.Fatalf("Bracket = [%g, %g] %v, want an interval around e^-5 inside (0, 10]", a, b, ok)
	}
	if _, _, ok := Bracket(func(x float64) float64 { return x*x + 1 }, -1, 1, -10, 10, 0, 0); ok {
		t.Error("x²+1 has no root, Bracket found a sign change")
	}
}

func FuzzBrent(f *testing.F) {
	f.Add(1.0, -2.0, 0.5, -3.0, 4.0)
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0)
	f.Add(1e300, -1e300, 1.0, -1e-300, 1e300)
	f.Fuzz(func(t *testing.T, c3, c1, c0, a, b float64) {
		poly := func(x float64) float64 { return (c3*x*x+c1)*x + c0 }
		x, err := Brent(poly, a, b, 0, 0)
		if err == nil && math.IsNaN(x) {
			t.Fatalf("NaN root with nil error")
		}
		if err == nil && !(math.Min(a, b) <= x && x <= math.Max(a, b)) {
			t.Fatalf("root %g outside [%g, %g]", x, a, b)
		}
	})
}

func BenchmarkBrent(b *testing.B) {
	b.ReportAllocs()
	f := func(x float64) float64 { return math.Cos(x) - x }
	for b.Loop() {
		if _, err := Brent(f, 0, 1, 0, 0); err != nil {
			b.Fatal(err)
		}
	}
}
