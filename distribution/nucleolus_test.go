package distribution

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// bankruptcyGame is v(S) = max(0, E − Σ_{j∉S} d_j) (O'Neill 1982).
func bankruptcyGame(t testing.TB, estate float64, claims ...float64) *TableGame {
	t.Helper()
	n := len(claims)
	v := make([]float64, 1<<uint(n))
	for m := range v {
		rest := 0.0
		for j, d := range claims {
			if m&(1<<uint(j)) == 0 {
				rest += d
			}
		}
		v[m] = max(0, estate-rest)
	}
	g, err := NewTableGame(v)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestNucleolus_ContestedGarment(t *testing.T) {
	// Aumann & Maschler, "Game theoretic analysis of a bankruptcy problem from the Talmud",
	// J. Econ. Theory 1985: the Talmud's division of an estate
	// among claims 100, 200, 300 is the nucleolus of the bankruptcy game.
	tests := []struct {
		estate float64
		want   []float64
	}{
		{100, []float64{100.0 / 3, 100.0 / 3, 100.0 / 3}},
		{200, []float64{50, 75, 75}},
		{300, []float64{50, 100, 150}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.estate), func(t *testing.T) {
			g := bankruptcyGame(t, tt.estate, 100, 200, 300)
			got, err := Nucleolus(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, lpTol); diff != "" {
				t.Errorf("Nucleolus (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLeastCore_ContestedGarment300(t *testing.T) {
	// Aumann & Maschler 1985's estate E = 300, by hand: the least core is the segment from (50, 50, 200)
	// to (50, 150, 100) with e* = −50; the point returned is the prenucleolus, its midpoint.
	g := bankruptcyGame(t, 300, 100, 200, 300)
	x, eps, err := LeastCore(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{50, 100, 150}, x, lpTol); diff != "" {
		t.Errorf("LeastCore point (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(-50.0, eps, lpTol); diff != "" {
		t.Errorf("LeastCore ε (-want +got):\n%s", diff)
	}
}

func TestLeastCore_KnownGames(t *testing.T) {
	glove, _ := NewGloveGame(1, 2)
	// Three-player majority game: any two players win 1. By hand: x = (⅓, ⅓, ⅓) gives every
	// pair x(S) = ⅔ = 1 − ⅓, so ε = ⅓; the core is empty.
	majority, _ := NewTableGame([]float64{0, 0, 0, 1, 0, 1, 1, 1})
	tests := []struct {
		name  string
		game  Game
		x     []float64
		eps   float64
		noIR  bool
		notes string
	}{
		{"glove 1 left 2 right", glove, []float64{1, 0, 0}, 0, false, "core = {(1, 0, 0)}: the left glove takes all"},
		{"majority", majority, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, 1.0 / 3, false, "symmetric, empty core"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, eps, err := LeastCore(context.Background(), tt.game)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.x, x, lpTol); diff != "" {
				t.Errorf("x (%s) (-want +got):\n%s", tt.notes, diff)
			}
			if diff := cmp.Diff(tt.eps, eps, lpTol); diff != "" {
				t.Errorf("ε (%s) (-want +got):\n%s", tt.notes, diff)
			}
			nu, err := Nucleolus(context.Background(), tt.game)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.x, nu, lpTol); diff != "" {
				t.Errorf("Nucleolus (-want +got):\n%s", diff)
			}
		})
	}
}

// oracleNucleolusGrid finds the nucleolus of a 3-player game with integer worths by brute
// force: it scans every imputation on the grid of step 1/60 (the nucleolus of a 3-player
// integer game solves 0/1 linear systems of small determinant, so it lies on that grid) and
// keeps the one whose excesses, sorted decreasingly, are lexicographically smallest. All
// arithmetic is in integers scaled by 60.
func oracleNucleolusGrid(v [8]int) []float64 {
	const q = 60
	var best []int
	var bestX [3]int
	lo := [3]int{v[1] * q, v[2] * q, v[4] * q}
	total := v[7] * q
	for a := lo[0]; a <= total-lo[1]-lo[2]; a++ {
		for b := lo[1]; a+b <= total-lo[2]; b++ {
			x := [3]int{a, b, total - a - b}
			ex := make([]int, 0, 6)
			for s := 1; s < 7; s++ {
				xs := 0
				for i := range 3 {
					if s&(1<<i) != 0 {
						xs += x[i]
					}
				}
				ex = append(ex, v[s]*q-xs)
			}
			slices.Sort(ex)
			slices.Reverse(ex)
			if best == nil || slices.Compare(ex, best) < 0 {
				best, bestX = ex, x
			}
		}
	}
	return []float64{float64(bestX[0]) / q, float64(bestX[1]) / q, float64(bestX[2]) / q}
}

func TestNucleolus_MatchesGridOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 9))
	for trial := range 25 {
		var v [8]int
		for s := 1; s < 8; s++ {
			v[s] = rng.IntN(7)
		}
		v[7] = max(v[7], v[1]+v[2]+v[4]) + rng.IntN(3) // a non-empty imputation set
		vals := make([]float64, 8)
		for i, x := range v {
			vals[i] = float64(x)
		}
		g, _ := NewTableGame(vals)
		t.Run(fmt.Sprintf("%d:%v", trial, v), func(t *testing.T) {
			got, err := Nucleolus(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(oracleNucleolusGrid(v), got, lpTol); diff != "" {
				t.Errorf("Nucleolus vs grid search (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNucleolus_PropertiesOnRandomGames(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 9))
	for n := 2; n <= 7; n++ {
		g := randomTable(t, rng, n)
		vals := g.Values()
		x, eps, err := LeastCore(context.Background(), g)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		// Efficiency and the least-core constraints.
		var sum float64
		for _, xi := range x {
			sum += xi
		}
		all := len(vals) - 1
		if diff := cmp.Diff(vals[all]-vals[0], sum, lpTol); diff != "" {
			t.Errorf("n=%d: Σx (-want +got):\n%s", n, diff)
		}
		worst := -1e300
		for s := 1; s < all; s++ {
			xs := 0.0
			for i := range n {
				if s&(1<<i) != 0 {
					xs += x[i]
				}
			}
			worst = max(worst, vals[s]-vals[0]-xs)
		}
		// ε is the largest excess at the least-core point.
		if diff := cmp.Diff(eps, worst, lpTol); diff != "" {
			t.Errorf("n=%d: largest excess vs ε (-want +got):\n%s", n, diff)
		}
		// Symmetry: relabelling the players relabels the prenucleolus.
		perm := rng.Perm(n)
		pv := make([]float64, len(vals))
		for s := range vals {
			t := 0
			for i := range n {
				if s&(1<<i) != 0 {
					t |= 1 << perm[i]
				}
			}
			pv[t] = vals[s]
		}
		pg, _ := NewTableGame(pv)
		px, _, err := LeastCore(context.Background(), pg)
		if err != nil {
			t.Fatal(err)
		}
		relabelled := make([]float64, n)
		for i := range n {
			relabelled[i] = px[perm[i]]
		}
		if diff := cmp.Diff(x, relabelled, lpTol); diff != "" {
			t.Errorf("n=%d: prenucleolus of the relabelled game (-want +got):\n%s", n, diff)
		}
	}
}

func TestNucleolus_Errors(t *testing.T) {
	// Σ v({i}) = 3 > v(N) = 2: no imputation.
	g, _ := NewTableGame([]float64{0, 1, 1, 2, 1, 2, 2, 2})
	if _, err := Nucleolus(context.Background(), g); !errors.Is(err, ErrInfeasible) {
		t.Errorf("empty imputation set: error = %v, want ErrInfeasible", err)
	}
	if _, err := Prenucleolus(context.Background(), g); err != nil {
		t.Errorf("Prenucleolus of the same game: %v", err)
	}
	big := funcGame{n: MaxLPPlayers + 1, f: func(uint64) float64 { return 0 }}
	if _, _, err := LeastCore(context.Background(), big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("LeastCore on %d players: error = %v, want ErrTooLarge", big.n, err)
	}
}

func BenchmarkPrenucleolus_Random12(b *testing.B) {
	g := randomTable(b, rand.New(rand.NewPCG(19, 9)), 12)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prenucleolus(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrenucleolus_Random14(b *testing.B) {
	g := randomTable(b, rand.New(rand.NewPCG(19, 9)), MaxLPPlayers)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prenucleolus(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNucleolus_Bankruptcy10 times the degenerate programs of a bankruptcy game (the
// Talmud rule's game), with the individual-rationality rows that Nucleolus itself skips.
func BenchmarkNucleolus_Bankruptcy10(b *testing.B) {
	g := bankruptcyGame(b, 1271.19, 274.36, 845.51, 220.46, 635.01, 453.97, 120, 999.99, 50.5, 310, 77.7)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := nucleolus(context.Background(), "Nucleolus", g, true); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleNucleolus() {
	// The Talmud's contested estate: 300 among claims of 100, 200 and 300 (Aumann & Maschler).
	claims := []float64{100, 200, 300}
	v := make([]float64, 8)
	for s := range v {
		rest := 0.0
		for j, d := range claims {
			if s&(1<<j) == 0 {
				rest += d
			}
		}
		v[s] = max(0, 300-rest)
	}
	g, _ := NewTableGame(v)
	x, _ := Nucleolus(context.Background(), g)
	fmt.Printf("%.2f\n", x)
	// Output: [50.00 100.00 150.00]
}

func ExampleLeastCore() {
	// Three-player majority game: any two of the three win 1. The core is empty (ε > 0).
	g, _ := NewTableGame([]float64{0, 0, 0, 1, 0, 1, 1, 1})
	x, eps, _ := LeastCore(context.Background(), g)
	fmt.Printf("x = %.4f, ε = %.4f\n", x, eps)
	// Output: x = [0.3333 0.3333 0.3333], ε = 0.3333
}

// talmudGameValue compares the nucleolus of the bankruptcy game (estate, claims in cents)
// with the Talmud rule's awards, which Aumann & Maschler (1985) prove equal; the awards are
// rounded to cents, so they may differ by one cent, plus the documented accuracy of the
// linear programs, 1e-10 of the estate (which matters above 10^8).
func talmudGameValue(t *testing.T, estate int64, claims []int64) {
	t.Helper()
	cny := assay.MustCurrency("CNY")
	money := make([]assay.Money, len(claims))
	fclaims := make([]float64, len(claims))
	for i, d := range claims {
		money[i] = assay.MoneyFromMinor(d, cny)
		fclaims[i] = float64(d) / 100
	}
	g := bankruptcyGame(t, float64(estate)/100, fclaims...)
	x, err := Nucleolus(context.Background(), g)
	if err != nil {
		t.Fatalf("estate %d, claims %v: %v", estate, claims, err)
	}
	// The same with the individual-rationality rows that Nucleolus's prenucleolus shortcut
	// skips on these (convex) games: the programs on which gonum's simplex failed.
	xIR, _, err := nucleolus(context.Background(), "Nucleolus", g, true)
	if err != nil {
		t.Fatalf("estate %d, claims %v, with the imputation rows: %v", estate, claims, err)
	}
	awards, err := Talmud.Divide(assay.MoneyFromMinor(estate, cny), money)
	if err != nil {
		t.Fatal(err)
	}
	tol := 0.01 + 1e-10*float64(estate)/100
	for i, a := range awards {
		want, _ := a.Amount().Float64()
		if math.Abs(x[i]-want) > tol || math.Abs(xIR[i]-want) > tol {
			t.Fatalf("estate %d, claims %v: nucleolus %v (%v with the imputation rows), Talmud awards %v",
				estate, claims, x, xIR, awards)
		}
	}
}

// TestNucleolus_BankruptcyIsTalmud runs the nucleolus on many bankruptcy games of up to 8
// players — the degenerate programs on which gonum's simplex reported "unbounded" or cycled
// — with the Talmud rule of claims.go as the independent oracle. Half the problems are made
// extra degenerate: repeated claims, and estates at D/2, at D, or of one cent.
func TestNucleolus_BankruptcyIsTalmud(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 9))
	trials := 400
	if testing.Short() {
		trials = 100
	}
	for range trials {
		n := 2 + r.IntN(7)
		claims := make([]int64, n)
		var total int64
		for i := range claims {
			claims[i] = 100 + r.Int64N(100_000)
			if i > 0 && r.IntN(3) == 0 {
				claims[i] = claims[r.IntN(i)]
			}
			total += claims[i]
		}
		estate := 1 + r.Int64N(total)
		switch r.IntN(8) {
		case 0:
			estate = total / 2
		case 1:
			estate = total
		case 2:
			estate = 1
		}
		talmudGameValue(t, estate, claims)
	}
}

// TestNucleolus_BankruptcyAtScale mixes claims from 0.01 to 10^13 CNY in one game: the
// tolerances of the linear programs must follow the worths' scale.
func TestNucleolus_BankruptcyAtScale(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		n := 2 + r.IntN(7)
		claims := make([]int64, n)
		var total int64
		for i := range claims {
			claims[i] = 1 + r.Int64N([]int64{100, 100_000, 100_000_000_000, 1e15}[r.IntN(4)])
			total += claims[i]
		}
		talmudGameValue(t, 1+r.Int64N(total), claims)
	}
}

// TestNucleolus_Regressions holds games on which the gonum-based solver failed.
func TestNucleolus_Regressions(t *testing.T) {
	// "lp: problem is unbounded". D = 2429.31 > 2E, so the Talmud awards are d − CEA(D − E,
	// d/2): the half-claims 110.23, 137.18, 226.985, 317.505, 422.755 absorb the loss
	// D − E = 1158.12 as 110.23 + 137.18 + 226.985 + 317.505 + λ with λ = 366.22, which
	// leaves 137.18, 479.29, 110.23, 317.505, 226.985.
	g := bankruptcyGame(t, 1271.19, 274.36, 845.51, 220.46, 635.01, 453.97)
	x, err := Nucleolus(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{137.18, 479.29, 110.23, 317.505, 226.985}, x, lpTol); diff != "" {
		t.Errorf("Nucleolus (-want +got):\n%s", diff)
	}

	// Found by FuzzNucleolus: Σ v({i}) = 0.081 > v(N) = 0, so no imputation, but by less
	// than a tolerance scaled to the worth 4.9e10 of {0, 1}; the program with the
	// imputation rows was then reported "unbounded" (its primal is infeasible).
	g, err = NewTableGame([]float64{0, 0.048, 0.033, 4.9e10, 0, 0, 0, 0})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Nucleolus(context.Background(), g); !errors.Is(err, ErrInfeasible) {
		t.Errorf("Nucleolus with no imputation: error = %v, want ErrInfeasible", err)
	}
}

// TestNucleolus_Cancelled checks that a cancelled or expiring context stops all three
// methods promptly with an error that wraps the context's.
func TestNucleolus_Cancelled(t *testing.T) {
	g := randomTable(t, rand.New(rand.NewPCG(5, 5)), MaxLPPlayers)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	methods := map[string]func(context.Context) error{
		"Nucleolus": func(ctx context.Context) error { _, err := Nucleolus(ctx, g); return err },
		"Prenucleolus": func(ctx context.Context) error {
			_, err := Prenucleolus(ctx, g)
			return err
		},
		"LeastCore": func(ctx context.Context) error { _, _, err := LeastCore(ctx, g); return err },
	}
	for name, run := range methods {
		if err := run(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled: error = %v, want context.Canceled", name, err)
		}
		ctx, stop := context.WithTimeout(context.Background(), 2*time.Millisecond)
		start := time.Now()
		err := run(ctx)
		stop()
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s, 2 ms deadline: error = %v, want context.DeadlineExceeded", name, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: returned %v after a 2 ms deadline", name, d)
		}
	}
}

// FuzzNucleolus runs the three methods on small table games read from the fuzzer's bytes:
// they must not panic or hang, and every result must be efficient, the nucleolus
// individually rational, and the least-core value the largest excess at its point.
func FuzzNucleolus(f *testing.F) {
	f.Add([]byte{3, 0, 10, 20, 30, 40, 50, 60, 70})
	f.Add([]byte{4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100})
	f.Add([]byte{5, 2, 255, 1, 128, 3, 4, 5, 6, 200, 100, 50, 25, 12, 6, 3, 1, 0, 9, 8})
	f.Add([]byte{2, 3, 7, 7, 7})
	f.Add([]byte{4, 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 200})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		// Worths are int8 multiples of one scale, or of scales from 10^-3 to 10^9 mixed
		// within the game when the second byte's top bit is set.
		n := 1 + int(data[0])%6
		scales := []float64{1, 0.01, 1e6, 1e-3, 1e9}
		mixed := data[1]&0x80 != 0
		scale := scales[int(data[1]&0x7f)%len(scales)]
		if mixed {
			scale = 1e9
		}
		data = data[2:]
		v := make([]float64, 1<<n)
		for m := 1; m < len(v) && len(data) > 0; m++ {
			v[m] = float64(int8(data[0])) * scale
			if mixed {
				v[m] = float64(int8(data[0])) * scales[int(data[0])%len(scales)]
			}
			data = data[1:]
		}
		g, err := NewTableGame(v)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		all := len(v) - 1
		tol := 1e-7 * scale * 128
		efficient := func(method string, x []float64) {
			var s float64
			for _, xi := range x {
				s += xi
			}
			if math.Abs(s-v[all]) > tol {
				t.Fatalf("%s: Σx = %v, v(N) = %v (game %v)", method, s, v[all], v)
			}
		}
		x, eps, err := LeastCore(ctx, g)
		if err != nil {
			t.Fatalf("LeastCore: %v (game %v)", err, v)
		}
		efficient("LeastCore", x)
		worst := math.Inf(-1)
		for s := 1; s < all; s++ {
			var xs float64
			for i := range n {
				if s>>i&1 == 1 {
					xs += x[i]
				}
			}
			worst = max(worst, v[s]-xs)
		}
		if n > 1 && math.Abs(worst-eps) > tol {
			t.Fatalf("LeastCore: ε = %v, largest excess %v (game %v)", eps, worst, v)
		}
		x, err = Nucleolus(ctx, g)
		if errors.Is(err, ErrInfeasible) {
			return // Σ v({i}) > v(N): no imputation
		}
		if err != nil {
			t.Fatalf("Nucleolus: %v (game %v)", err, v)
		}
		efficient("Nucleolus", x)
		for i := range n {
			if x[i] < v[1<<i]-tol {
				t.Fatalf("Nucleolus: x[%d] = %v < v({%d}) = %v (game %v)", i, x[i], i, v[1<<i], v)
			}
		}
	})
}

// TestNucleolus_ScaleInvariant is the regression test of issue 21: tolerances were absolute,
// so a game in small units (the Talmud's estate of 300 in units of 2·10⁻¹⁵, worth 6·10⁻¹³)
// came back as [0, 0, 0]. The nucleolus and the least core are homogeneous — scaling every
// worth by c scales them by c — so the Talmud's (50, 100, 150) and the least-core value −50
// (Aumann & Maschler 1985) must come back scaled, at every scale, down to 10⁻³⁰⁰ and up to
// 10³⁰⁰.
func TestNucleolus_ScaleInvariant(t *testing.T) {
	for _, c := range []float64{2e-15, 1e-300, 1, 1e15, 1e300} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			g := bankruptcyGame(t, 300*c, 100*c, 200*c, 300*c)
			want := []float64{50 * c, 100 * c, 150 * c}
			rel := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Abs(c)*300 })
			got, err := Nucleolus(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, rel); diff != "" {
				t.Errorf("Nucleolus (-want +got):\n%s", diff)
			}
			x, eps, err := LeastCore(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, x, rel); diff != "" {
				t.Errorf("LeastCore point (-want +got):\n%s", diff)
			}
			if math.Abs(eps+50*c) > 1e-9*300*c {
				t.Errorf("ε = %v, want %v", eps, -50*c)
			}
		})
	}
}

// TestNucleolus_OverflowingWorthsAreInputErrors: worths so far apart that v(S) − v(∅)
// overflows float64 (10³⁰⁸ − (−10³⁰⁸)) are the caller's input, not a numerical failure.
func TestNucleolus_OverflowingWorthsAreInputErrors(t *testing.T) {
	g, err := NewTableGame([]float64{-1e308, 1e308, 0, 1e308})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func() error{
		"Nucleolus":    func() error { _, err := Nucleolus(context.Background(), g); return err },
		"Prenucleolus": func() error { _, err := Prenucleolus(context.Background(), g); return err },
		"LeastCore":    func() error { _, _, err := LeastCore(context.Background(), g); return err },
	} {
		err := f()
		var ie *InputError
		if !errors.As(err, &ie) || errors.Is(err, ErrNumerical) {
			t.Errorf("%s: err %v, want an *InputError", name, err)
		}
	}
}
