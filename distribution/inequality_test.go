package distribution

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ineqX and ineqW are the data of Inequality.jl's test suite (JosepER/Inequality.jl,
// test/runtests.jl): v = [8,5,1,3,5,6,7,6,3], w = 0.1:0.1:0.9.
var (
	ineqX = []float64{8, 5, 1, 3, 5, 6, 7, 6, 3}
	ineqW = []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}
)

// ineqTol is the tolerance of Inequality.jl's own tests (atol = 1e-8).
var ineqTol = cmpopts.EquateApprox(0, 1e-8)

func TestInequality_ReferenceValues(t *testing.T) {
	gini := func(x, w []float64) (float64, error) { return Gini(x, w) }
	theil := func(x, w []float64) (float64, error) { return Theil(x, w) }
	mld := func(x, w []float64) (float64, error) { return MeanLogDeviation(x, w) }
	ge := func(a float64) func(x, w []float64) (float64, error) {
		return func(x, w []float64) (float64, error) { return GeneralizedEntropy(x, w, a) }
	}
	atk := func(e float64) func(x, w []float64) (float64, error) {
		return func(x, w []float64) (float64, error) { return Atkinson(x, w, e) }
	}
	const jl = "Inequality.jl test/runtests.jl"
	tests := []struct {
		name    string
		measure func(x, w []float64) (float64, error)
		x, w    []float64
		want    float64
		source  string
	}{
		{"Gini", gini, ineqX, nil, 94.0 / 396, "issue #8; hand: Σ(2i−n−1)x₍ᵢ₎ = 94 over n·Σx = 9·44"},
		{"Gini weighted", gini, ineqX, ineqW, 0.2065239551478077, jl},
		{"Theil", theil, ineqX, nil, 0.10494562214323544, jl},
		{"Theil weighted", theil, ineqX, ineqW, 0.08120013911680612, jl},
		{"MLD", mld, ineqX, nil, 0.1397460530936332, jl},
		{"MLD weighted", mld, ineqX, ineqW, 0.10375545537468207, jl},
		{"GE(2)", ge(2), ineqX, nil, 0.09039256198347094, jl},
		{"GE(2) weighted", ge(2), ineqX, ineqW, 0.0709746654322026, jl},
		{"Atkinson(1)", atk(1), []float64{8, 5, 1, 3, 5}, nil, 0.183083677559, jl},
		{"Atkinson(0.8)", atk(0.8), []float64{8, 5, 1, 3, 5}, nil, 0.14249378376024, jl},
		{"Atkinson(1.2)", atk(1.2), []float64{8, 5, 1, 3, 5}, nil, 0.2248733447899, jl},
		{"Atkinson(0)", atk(0), []float64{8, 5, 1, 3, 5}, nil, 0, "A(0) = 1 − μ/μ"},
		{"Gini one holder of 1000", gini, append(make([]float64, 999), 1), nil, 0.999, "(n−1)/n; reference §5 (oliviaguest/gini gives 0.9989)"},
		{"Gini equal", gini, []float64{3, 3, 3}, nil, 0, "no inequality"},
		{"Gini two", gini, []float64{0, 1}, nil, 0.5, "hand: |0−1|·2 / (2·4·0.5)"},
		{"Gini negative income", gini, []float64{-1, 1, 2}, nil, 1, "hand: Σ|xᵢ−xⱼ| = 2(2+3+1) = 12 over 2n²μ = 2·9·(2/3) = 12: a negative income lifts G to 1 (Chen–Tsaur–Rhai 1982)"},
		{"Theil maximum", theil, []float64{0, 0, 0, 5}, nil, math.Log(4), "ln n when one holds all"},
		{"GE(0.5)", ge(0.5), []float64{1, 4}, nil, 4 * (1 - (1+2)/(2*math.Sqrt(2.5))), "hand: [(√(1/2.5)+√(4/2.5))/2 − 1]/(−0.25)"},
		{"GE(-1)", ge(-1), []float64{1, 4}, nil, (2.5*(1+0.25)/2 - 1) / 2, "hand: [(2.5/1 + 2.5/4)/2 − 1]/2"},
		{"Atkinson(2) harmonic", atk(2), []float64{1, 4}, nil, 1 - 1.6/2.5, "A(2) = 1 − harmonic mean/μ = 1 − 1.6/2.5"},
		{"Palma n=10", func(x, w []float64) (float64, error) { return Palma(x, w) },
			[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, nil, 10.0 / 10, "hand: top 10 % holds 10, bottom 40 % holds 1+2+3+4 = 10"},
		{"Palma interpolated", func(x, w []float64) (float64, error) { return Palma(x, w) },
			[]float64{1, 2, 3, 4, 5}, nil, (5 * 0.5) / (1 + 2*1), "hand: n=5, the top 10 % is half of the richest unit (2.5), the bottom 40 % the two poorest (3)"},
		{"Palma weighted", func(x, w []float64) (float64, error) { return Palma(x, w) },
			[]float64{10, 1}, []float64{1, 4}, 10 / 4.0, "hand: weight 4 at income 1 is the bottom 80 %; L(0.4) = 2/14, 1 − L(0.9) = 5/14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.measure(tt.x, tt.w)
			if err != nil {
				t.Fatalf("error: %v (source: %s)", err, tt.source)
			}
			if diff := cmp.Diff(tt.want, got, ineqTol); diff != "" {
				t.Errorf("mismatch (-want +got) (source: %s):\n%s", tt.source, diff)
			}
		})
	}
}

func TestLorenz_ReferencePoints(t *testing.T) {
	// Unweighted: Inequality.jl test/runtests.jl, lorenz_curve([8,5,1,3,5,6,7,6,3]).
	// Weighted (w = 0.1…0.9): by hand. Sorted by income, ties in input order, the (x, w) pairs
	// are (1,.3) (3,.4) (3,.9) (5,.2) (5,.5) (6,.6) (6,.8) (7,.7) (8,.1); W = 4.5, Σwx = 21.8.
	// (Inequality.jl's weighted lorenz_curve orders the units by wᵢxᵢ rather than by xᵢ, so its
	// weighted points are not a Lorenz curve and are not used here.)
	cum := func(total float64, xs ...float64) []float64 {
		out := []float64{0}
		var c float64
		for _, v := range xs {
			c += v
			out = append(out, c/total)
		}
		return out
	}
	tests := []struct {
		w          []float64
		population []float64
		income     []float64
	}{
		{nil,
			[]float64{0, 1.0 / 9, 2.0 / 9, 3.0 / 9, 4.0 / 9, 5.0 / 9, 6.0 / 9, 7.0 / 9, 8.0 / 9, 1},
			[]float64{0.0, 0.022727272727272728, 0.09090909090909091, 0.1590909090909091, 0.2727272727272727, 0.38636363636363635, 0.5227272727272727, 0.6590909090909091, 0.8181818181818182, 1.0}},
		{ineqW,
			cum(4.5, .3, .4, .9, .2, .5, .6, .8, .7, .1),
			cum(21.8, .3, 1.2, 2.7, 1, 2.5, 3.6, 4.8, 4.9, .8)},
	}
	for _, tt := range tests {
		l, err := Lorenz(ineqX, tt.w)
		if err != nil {
			t.Fatal(err)
		}
		var pop, inc []float64
		for _, p := range l.Points {
			pop, inc = append(pop, p.Population), append(inc, p.Income)
		}
		if diff := cmp.Diff(tt.income, inc, ineqTol); diff != "" {
			t.Errorf("income shares (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(tt.population, pop, ineqTol); diff != "" {
			t.Errorf("population shares (-want +got):\n%s", diff)
		}
		g, err := Gini(ineqX, tt.w)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(g, l.Gini(), ineqTol); diff != "" {
			t.Errorf("Gini vs 1 − 2·area (-Gini +Lorenz):\n%s", diff)
		}
	}
}

// TestInequality_Properties checks on random samples: Gini against the O(n²) definition,
// frequency weights against repetition, scale invariance, Gini = 1 − 2·Lorenz area,
// Atkinson(1) = 1 − exp(−MLD), and GE(2) = CV²/2.
func TestInequality_Properties(t *testing.T) {
	rng := rand.New(rand.NewPCG(88, 1))
	for range 200 {
		n := 1 + rng.IntN(25)
		x := make([]float64, n)
		freq := make([]float64, n)
		var repeated []float64
		for i := range x {
			x[i] = math.Round(rng.ExpFloat64()*1000) / 10
			if rng.IntN(5) == 0 {
				x[i] = float64(rng.IntN(3)) // ties and zeros
			}
			if i == 0 {
				x[0]++ // a positive mean
			}
			freq[i] = float64(rng.IntN(4))
			for range int(freq[i]) {
				repeated = append(repeated, x[i])
			}
		}
		if len(repeated) == 0 || slices.Max(repeated) == 0 {
			continue
		}
		// O(n²) definition of the weighted Gini.
		var num, W, Wx float64
		for i := range x {
			for j := range x {
				num += freq[i] * freq[j] * math.Abs(x[i]-x[j])
			}
			W += freq[i]
			Wx += freq[i] * x[i]
		}
		want := num / (2 * W * Wx)
		got, err := Gini(x, freq)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, ineqTol); diff != "" {
			t.Fatalf("Gini(%v, %v) vs O(n²) definition (-want +got):\n%s", x, freq, diff)
		}
		for name, f := range map[string]func(x, w []float64) (float64, error){
			"Gini":   Gini,
			"Theil":  Theil,
			"GE(3)":  func(x, w []float64) (float64, error) { return GeneralizedEntropy(x, w, 3) },
			"A(0.5)": func(x, w []float64) (float64, error) { return Atkinson(x, w, 0.5) },
			"Lorenz": func(x, w []float64) (float64, error) { l, err := Lorenz(x, w); return l.Gini(), err },
		} {
			weighted, err1 := f(x, freq)
			plain, err2 := f(repeated, nil)
			scaled, err3 := f(slices.Collect(func(yield func(float64) bool) {
				for _, v := range repeated {
					yield(v * 7.5)
				}
			}), nil)
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if diff := cmp.Diff([]float64{plain, plain}, []float64{weighted, scaled}, ineqTol); diff != "" {
				t.Fatalf("%s(%v, %v): frequency weights / scale invariance (-repeated +[weighted, scaled]):\n%s", name, x, freq, diff)
			}
		}
	}
	// Atkinson(1) = 1 − exp(−MLD) and GE(2) = CV²/2 on positive incomes.
	x := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	mld, _ := MeanLogDeviation(x, nil)
	a1, _ := Atkinson(x, nil, 1)
	ge2, _ := GeneralizedEntropy(x, nil, 2)
	mean, variance := 31.0/8, 0.0
	for _, v := range x {
		variance += (v - mean) * (v - mean) / 8
	}
	want := []float64{1 - math.Exp(-mld), variance / (mean * mean) / 2}
	if diff := cmp.Diff(want, []float64{a1, ge2}, ineqTol); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
}

func TestInequality_Errors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		is   error
	}{
		{"empty", errOf(Gini(nil, nil)), ErrInvalidInput},
		{"NaN income", errOf(Theil([]float64{1, math.NaN()}, nil)), ErrInvalidInput},
		{"Inf income", errOf(Gini([]float64{1, math.Inf(1)}, nil)), ErrInvalidInput},
		{"weights length", errOf(Gini([]float64{1, 2}, []float64{1})), ErrInvalidInput},
		{"negative weight", errOf(Gini([]float64{1, 2}, []float64{1, -1})), ErrInvalidInput},
		{"NaN weight", errOf(Palma([]float64{1, 2}, []float64{1, math.NaN()})), ErrInvalidInput},
		{"zero weights", errOf(Lorenz([]float64{1, 2}, []float64{0, 0})), ErrInvalidInput},
		{"negative epsilon", errOf(Atkinson([]float64{1, 2}, nil, -1)), ErrInvalidInput},
		{"NaN alpha", errOf(GeneralizedEntropy([]float64{1, 2}, nil, math.NaN())), ErrInvalidInput},
		{"zero mean", errOf(Gini([]float64{0, 0}, nil)), ErrUndefined},
		{"negative mean", errOf(Gini([]float64{-3, 1}, nil)), ErrUndefined},
		{"Theil negative income", errOf(Theil([]float64{-1, 5}, nil)), ErrUndefined},
		{"MLD zero income", errOf(MeanLogDeviation([]float64{0, 5}, nil)), ErrUndefined},
		{"Atkinson(1) zero income", errOf(Atkinson([]float64{0, 5}, nil, 1)), ErrUndefined},
		{"Atkinson(2) zero income", errOf(Atkinson([]float64{0, 5}, nil, 2)), ErrUndefined},
		{"GE(-1) zero income", errOf(GeneralizedEntropy([]float64{0, 5}, nil, -1)), ErrUndefined},
		{"Palma empty bottom", errOf(Palma([]float64{0, 0, 0, 0, 9}, nil)), ErrUndefined},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.is) {
			t.Errorf("%s: error %v, want %v", tt.name, tt.err, tt.is)
		}
	}
	// Zero-weight incomes are left out: a zero income with weight zero does not break MLD.
	if _, err := MeanLogDeviation([]float64{0, 5, 6}, []float64{0, 1, 1}); err != nil {
		t.Errorf("MLD with a zero-weight zero income: %v", err)
	}
	// Zero incomes are fine where the measure is defined.
	if _, err := Atkinson([]float64{0, 5}, nil, 0.5); err != nil {
		t.Errorf("Atkinson(0.5) with a zero income: %v", err)
	}
}

func errOf[T any](_ T, err error) error { return err }

func TestLorenzCurve_Share(t *testing.T) {
	l, err := Lorenz([]float64{1, 3}, nil) // vertices (0,0), (0.5,0.25), (1,1)
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{l.Share(-1), l.Share(0), l.Share(0.25), l.Share(0.5), l.Share(0.75), l.Share(1), l.Share(2)}
	want := []float64{0, 0, 0.125, 0.25, 0.625, 1, 1}
	if diff := cmp.Diff(want, got, ineqTol); diff != "" {
		t.Errorf("Share (-want +got):\n%s", diff)
	}
	if got := (LorenzCurve{}).Share(0.5); got != 0 {
		t.Errorf("zero LorenzCurve Share = %v, want 0", got)
	}
}

// FuzzGini checks that the measures never panic and that, for non-negative incomes, the
// Gini index stays within [0, 1] and matches 1 − 2·Lorenz area.
func FuzzGini(f *testing.F) {
	f.Add(8.0, 5.0, 1.0, 1.0, 0.5, 2.0)
	f.Add(0.0, 0.0, 1.0, 0.0, 0.0, 1.0)
	f.Add(-1.0, 2.0, 3.0, 1.0, 1.0, 1.0)
	f.Add(math.MaxFloat64, 1.0, 1.0, 1.0, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, a, b, c, wa, wb, wc float64) {
		x, w := []float64{a, b, c}, []float64{wa, wb, wc}
		g, err := Gini(x, w)
		_, _ = Theil(x, w)
		_, _ = MeanLogDeviation(x, w)
		_, _ = Atkinson(x, w, wa)
		_, _ = GeneralizedEntropy(x, w, wb)
		_, _ = Palma(x, w)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) && !errors.Is(err, ErrUndefined) {
				t.Fatalf("Gini error %v wraps neither sentinel", err)
			}
			return
		}
		if a < 0 || b < 0 || c < 0 || math.IsInf(g, 0) || math.IsNaN(g) {
			return // overflowing sums of huge incomes are not a claim of this test
		}
		if g < -1e-9 || g > 1+1e-9 {
			t.Fatalf("Gini(%v, %v) = %v outside [0, 1]", x, w, g)
		}
		l, err := Lorenz(x, w)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(l.Gini()-g) > 1e-9 {
			t.Fatalf("Gini %v, Lorenz %v", g, l.Gini())
		}
	})
}

func ExampleGini() {
	g, _ := Gini([]float64{8, 5, 1, 3, 5, 6, 7, 6, 3}, nil)
	fmt.Printf("%.9f\n", g)
	// Output: 0.237373737
}

func ExamplePalma() {
	// Ten data contributors' annual income (thousand CNY): the richest holds as much as
	// the poorest four together.
	p, _ := Palma([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, nil)
	fmt.Printf("%.2f\n", p)
	// Output: 1.00
}

func ExampleAtkinson() {
	// Atkinson(1) compares the geometric mean with the arithmetic mean; an income of zero
	// is an error, not silently dropped.
	a, _ := Atkinson([]float64{8, 5, 1, 3, 5}, nil, 1)
	fmt.Printf("%.6f\n", a)
	_, err := Atkinson([]float64{8, 0, 1}, nil, 1)
	fmt.Println(err)
	// Output:
	// 0.183084
	// distribution: Atkinson(ε=1) is undefined: income x[1] is 0: the index is undefined for zero incomes when ε ≥ 1
}

// ineqBenchIncomes returns n seeded log-normal incomes.
func ineqBenchIncomes(n int) []float64 {
	rng := rand.New(rand.NewPCG(10, 6))
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Exp(10 + rng.NormFloat64())
	}
	return x
}

// BenchmarkGini1e6 has a target of 200 ms for 10⁶ incomes.
func BenchmarkGini1e6(b *testing.B) {
	x := ineqBenchIncomes(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Gini(x, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGiniWeighted1e6(b *testing.B) {
	x := ineqBenchIncomes(1_000_000)
	w := slices.Repeat([]float64{1, 2, 3, 4}, len(x)/4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Gini(x, w); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTheil1e6(b *testing.B) {
	x := ineqBenchIncomes(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Theil(x, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPalma1e6(b *testing.B) {
	x := ineqBenchIncomes(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Palma(x, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSortIncomes compares the radix sort with a stable comparison sort, weights moving
// along, on inputs with negatives, zeros of both signs, ties, extremes and subnormals.
func TestSortIncomes(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	special := []float64{0, math.Copysign(0, -1), -1, 1, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1e-300, -1e300}
	for _, n := range []int{1, 5, radixMin - 1, radixMin, 1000, 5000} {
		for _, weighted := range []bool{false, true} {
			x := make([]float64, n)
			var w []float64
			if weighted {
				w = make([]float64, n)
			}
			for i := range x {
				switch rng.IntN(4) {
				case 0:
					x[i] = special[rng.IntN(len(special))]
				case 1:
					x[i] = float64(rng.IntN(5)) // ties
				default:
					x[i] = rng.NormFloat64() * math.Exp(rng.Float64()*20)
				}
				if weighted {
					w[i] = float64(i) // the weight records the input position
				}
			}
			type pair struct{ x, w float64 }
			want := make([]pair, n)
			for i := range x {
				want[i].x = x[i]
				if weighted {
					want[i].w = w[i]
				}
			}
			slices.SortStableFunc(want, func(a, b pair) int {
				switch {
				case a.x < b.x:
					return -1
				case a.x > b.x:
					return 1
				}
				return 0
			})
			sortIncomes(x, w)
			got := make([]pair, n)
			for i := range x {
				got[i].x = x[i]
				if weighted {
					got[i].w = w[i]
				}
			}
			// −0 and +0 compare equal but the radix sort orders −0 first: compare values.
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b pair) bool { return a.x == b.x && (!weighted || a.w == b.w || a.x == 0) })); diff != "" {
				t.Fatalf("n=%d weighted=%v (-stable sort +radix):\n%s", n, weighted, diff)
			}
		}
	}
}

func ExampleLorenz() {
	l, _ := Lorenz([]float64{1, 3}, nil)
	for i, p := range l.Points {
		if i > 0 {
			fmt.Print(" ")
		}
		fmt.Printf("(%.2f, %.3f)", p.Population, p.Income)
	}
	// Hand: area = ½·(0 + ¼)/2 + ½·(¼ + 1)/2 = 0.375; L(0.4) = 0.4 × ¼ / ½ = 0.2.
	fmt.Printf("\narea %.4f, Gini %.4f, poorest 40%% hold %.2f\n", l.Area, l.Gini(), l.Share(0.4))
	// Output:
	// (0.00, 0.000) (0.50, 0.250) (1.00, 1.000)
	// area 0.3750, Gini 0.2500, poorest 40% hold 0.20
}
