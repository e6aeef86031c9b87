package distribution

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func TestClaimsRule_ContestedGarment(t *testing.T) {
	// Claims (100, 200, 300) JPY at estates 100, 200, 300.
	claims := allocMoneys("JPY", "100", "200", "300")
	tests := []struct {
		rule   ClaimsRule
		estate string
		want   []assay.Money
		source string
	}{
		// Aumann & Maschler (1985), Table 1; issue #8; reference §7.4. JPY has no minor unit,
		// so 33⅓ × 3 rounds to 34, 33, 33.
		{Talmud, "100", allocMoneys("JPY", "34", "33", "33"), "Aumann–Maschler 1985: 33⅓ each"},
		{Talmud, "200", allocMoneys("JPY", "50", "75", "75"), "Aumann–Maschler 1985"},
		{Talmud, "300", allocMoneys("JPY", "50", "100", "150"), "Aumann–Maschler 1985"},
		// Hand calculations in the ClaimsRule doc table.
		{Proportional, "100", allocMoneys("JPY", "17", "33", "50"), "16⅔, 33⅓, 50"},
		{Proportional, "300", allocMoneys("JPY", "50", "100", "150"), "E/D = ½"},
		{ConstrainedEqualAwards, "200", allocMoneys("JPY", "67", "67", "66"), "λ = 66⅔"},
		{ConstrainedEqualAwards, "300", allocMoneys("JPY", "100", "100", "100"), "claim 100 paid, λ = 100"},
		{ConstrainedEqualLosses, "100", allocMoneys("JPY", "0", "0", "100"), "losses CEA(500) = 100, 200, 200"},
		{ConstrainedEqualLosses, "200", allocMoneys("JPY", "0", "50", "150"), "losses CEA(400) = 100, 150, 150"},
		{ConstrainedEqualLosses, "300", allocMoneys("JPY", "0", "100", "200"), "losses CEA(300) = 100 each"},
		// Random arrival by hand over the 6 orders (O'Neill 1982): at E = 200 the orders give
		// party 1: 100+100 = 200, party 2: 100+200+200 = 500, party 3: 100+200+200 = 500, over 6.
		{RandomArrival, "100", allocMoneys("JPY", "34", "33", "33"), "the first arrival takes all: 33⅓ each"},
		{RandomArrival, "200", allocMoneys("JPY", "34", "83", "83"), "33⅓, 83⅓, 83⅓: equal remainders, the unit to the lower index"},
		{RandomArrival, "300", allocMoneys("JPY", "50", "100", "150"), "300/6, 600/6, 900/6"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/%s", tt.rule, tt.estate), func(t *testing.T) {
			got, err := tt.rule.Divide(assay.MustMoney(tt.estate, "JPY"), claims)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got) (source: %s):\n%s", tt.source, diff)
			}
		})
	}
	got, err := Talmud.Divide(assay.MustMoney("100", "CNY"), allocMoneys("CNY", "100", "200", "300"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(allocMoneys("CNY", "33.34", "33.33", "33.33"), got); diff != "" {
		t.Errorf("Talmud 100.00 CNY (-want +got):\n%s", diff)
	}
}

// claimsOracle divides by brute force, from each rule's definition, in exact rationals:
// proportional directly; CEA, CEL and Talmud through the λ of their definitions, found on
// the piecewise-linear Σ min(dᵢ, λ); random arrival over all n! orders.
func claimsOracle(rule ClaimsRule, e int64, d []int64) []*big.Rat {
	n := len(d)
	var D int64
	for _, v := range d {
		D += v
	}
	rat := func(v int64) *big.Rat { return big.NewRat(v, 1) }
	// cea finds λ from the definition: g(λ) = Σ min(dᵢ, λ) is increasing and linear between
	// the claims, so take the largest claim c (or 0) with g(c) ≤ E and solve the linear piece
	// above it, λ = c + (E − g(c)) / #{i: dᵢ > c}.
	cea := func(e *big.Rat, d []*big.Rat) []*big.Rat {
		g := func(l *big.Rat) *big.Rat {
			s := new(big.Rat)
			for _, di := range d {
				if di.Cmp(l) < 0 {
					s.Add(s, di)
				} else {
					s.Add(s, l)
				}
			}
			return s
		}
		c := new(big.Rat)
		for _, di := range d {
			if di.Cmp(c) > 0 && g(di).Cmp(e) <= 0 {
				c = di
			}
		}
		l := new(big.Rat).Sub(e, g(c))
		if above := int64(countAbove(d, c)); above > 0 {
			l.Quo(l, rat(above))
		}
		l.Add(l, c)
		out := make([]*big.Rat, len(d))
		for i, di := range d {
			out[i] = new(big.Rat).Set(di)
			if di.Cmp(l) > 0 {
				out[i].Set(l)
			}
		}
		return out
	}
	dr := make([]*big.Rat, n)
	half := make([]*big.Rat, n)
	for i, v := range d {
		dr[i], half[i] = rat(v), big.NewRat(v, 2)
	}
	sub := func(a []*big.Rat, b []*big.Rat) []*big.Rat {
		out := make([]*big.Rat, n)
		for i := range a {
			out[i] = new(big.Rat).Sub(a[i], b[i])
		}
		return out
	}
	switch rule {
	case Proportional:
		out := make([]*big.Rat, n)
		for i, v := range d {
			out[i] = big.NewRat(e*v, max(D, 1))
		}
		return out
	case ConstrainedEqualAwards:
		return cea(rat(e), dr)
	case ConstrainedEqualLosses:
		return sub(dr, cea(rat(D-e), dr))
	case Talmud:
		if 2*e <= D {
			return cea(rat(e), half)
		}
		return sub(dr, cea(rat(D-e), half))
	}
	// Random arrival: every permutation.
	out := make([]*big.Rat, n)
	for i := range out {
		out[i] = new(big.Rat)
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	count := int64(0)
	var visit func(k int)
	visit = func(k int) {
		if k == n {
			left := e
			for _, i := range perm {
				pay := min(d[i], left)
				out[i].Add(out[i], rat(pay))
				left -= pay
			}
			count++
			return
		}
		for j := k; j < n; j++ {
			perm[k], perm[j] = perm[j], perm[k]
			visit(k + 1)
			perm[k], perm[j] = perm[j], perm[k]
		}
	}
	visit(0)
	for i := range out {
		out[i].Quo(out[i], rat(count))
	}
	return out
}

func countAbove(d []*big.Rat, c *big.Rat) int {
	n := 0
	for _, di := range d {
		if di.Cmp(c) > 0 {
			n++
		}
	}
	return n
}

// TestClaimsRule_Oracle compares every rule with the brute-force oracle on random problems:
// each award within one minor unit of the exact award, the awards summing to the estate and
// lying between 0 and the claim.
func TestClaimsRule_Oracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 8))
	cur := assay.MustCurrency("MOP")
	for range 200 {
		n := 1 + rng.IntN(5)
		d := make([]int64, n)
		claims := make([]assay.Money, n)
		var D int64
		for i := range d {
			d[i] = rng.Int64N(1000)
			claims[i] = assay.MoneyFromMinor(d[i], cur)
			D += d[i]
		}
		e := rng.Int64N(D + 1)
		for rule := Proportional; rule <= RandomArrival; rule++ {
			got, err := rule.Divide(assay.MoneyFromMinor(e, cur), claims)
			if err != nil {
				t.Fatalf("%v.Divide(%d, %v): %v", rule, e, d, err)
			}
			want := claimsOracle(rule, e, d)
			var sum int64
			for i, g := range got {
				u, _ := g.MinorUnits()
				sum += u
				gap := new(big.Rat).Sub(want[i], big.NewRat(u, 1))
				if gap.Abs(gap).Cmp(big.NewRat(1, 1)) >= 0 || u < 0 || u > d[i] {
					t.Fatalf("%v.Divide(%d, %v) = %v; exact award %d is %s", rule, e, d, got, i, want[i].FloatString(3))
				}
			}
			if sum != e {
				t.Fatalf("%v.Divide(%d, %v) = %v sums to %d", rule, e, d, got, sum)
			}
		}
	}
}

func TestClaimsRule_Errors(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	tests := []struct {
		name   string
		rule   ClaimsRule
		estate assay.Money
		claims []assay.Money
		is     error
	}{
		{"no claims", Talmud, cny("1"), nil, ErrInvalidInput},
		{"estate above claims", Talmud, cny("10"), allocMoneys("CNY", "3", "4"), ErrInvalidInput},
		{"negative claim", Proportional, cny("1"), allocMoneys("CNY", "3", "-4"), ErrInvalidInput},
		{"negative estate", Proportional, cny("-1"), allocMoneys("CNY", "3"), ErrInvalidInput},
		{"inexact estate", Proportional, cny("0.001"), allocMoneys("CNY", "3"), assay.ErrInexact},
		{"currency", Talmud, cny("1"), allocMoneys("HKD", "3"), assay.ErrCurrencyMismatch},
		{"undefined rule", ClaimsRule(99), cny("1"), allocMoneys("CNY", "3"), ErrInvalidInput},
		{"random arrival too many", RandomArrival, cny("1"), allocMoneys("CNY", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"), ErrTooLarge},
	}
	for _, tt := range tests {
		if got, err := tt.rule.Divide(tt.estate, tt.claims); !errors.Is(err, tt.is) {
			t.Errorf("%s: Divide = %v, %v; want %v", tt.name, got, err, tt.is)
		}
	}
}

func TestClaimsRule_JSON(t *testing.T) {
	var got []ClaimsRule
	if err := json.Unmarshal([]byte(`["proportional","cea","cel","talmud","random-arrival",""]`), &got); err != nil {
		t.Fatal(err)
	}
	want := []ClaimsRule{Proportional, ConstrainedEqualAwards, ConstrainedEqualLosses, Talmud, RandomArrival, Proportional}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decode (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(want[:5])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`["proportional","cea","cel","talmud","random-arrival"]`, string(b)); diff != "" {
		t.Errorf("encode (-want +got):\n%s", diff)
	}
	var r ClaimsRule
	if err := json.Unmarshal([]byte(`"maimonides"`), &r); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("unknown rule: error %v", err)
	}
	if _, err := json.Marshal(ClaimsRule(9)); err == nil {
		t.Error("undefined rule marshalled without error")
	}
}

// BenchmarkRandomArrival20 measures the exact random-arrival rule at its size limit.
func BenchmarkRandomArrival20(b *testing.B) {
	claims := make([]assay.Money, 20)
	for i := range claims {
		claims[i] = assay.MoneyFromMinor(int64(1000*(i+1)), assay.MustCurrency("CNY"))
	}
	estate := assay.MoneyFromMinor(100_000, assay.MustCurrency("CNY"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RandomArrival.Divide(estate, claims); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTalmud1000(b *testing.B) {
	claims := make([]assay.Money, 1000)
	for i := range claims {
		claims[i] = assay.MoneyFromMinor(int64(100*(i%37+1)), assay.MustCurrency("CNY"))
	}
	estate := assay.MoneyFromMinor(1_000_000, assay.MustCurrency("CNY"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Talmud.Divide(estate, claims); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleClaimsRule_Divide() {
	// A failed data platform owes three contributors 100, 200 and 300 CNY and has 200 CNY.
	claims := []assay.Money{assay.MustMoney("100", "CNY"), assay.MustMoney("200", "CNY"), assay.MustMoney("300", "CNY")}
	for _, rule := range []ClaimsRule{Proportional, ConstrainedEqualAwards, ConstrainedEqualLosses, Talmud, RandomArrival} {
		awards, _ := rule.Divide(assay.MustMoney("200", "CNY"), claims)
		fmt.Println(rule, awards)
	}
	// Output:
	// proportional [33.33 CNY 66.67 CNY 100.00 CNY]
	// cea [66.67 CNY 66.67 CNY 66.66 CNY]
	// cel [0.00 CNY 50.00 CNY 150.00 CNY]
	// talmud [50.00 CNY 75.00 CNY 75.00 CNY]
	// random-arrival [33.34 CNY 83.33 CNY 83.33 CNY]
}

// FuzzClaimsRule checks every rule on arbitrary claims: no panic, awards between 0 and the
// claim, summing to the estate.
func FuzzClaimsRule(f *testing.F) {
	f.Add(uint8(3), int64(200), int64(100), int64(200), int64(300))
	f.Add(uint8(4), int64(0), int64(0), int64(0), int64(0))
	f.Add(uint8(1), int64(7), int64(1), int64(1), int64(9))
	f.Add(uint8(2), int64(1<<62), int64(1<<61), int64(1<<61), int64(1<<61))
	f.Fuzz(func(t *testing.T, rule uint8, estate, c1, c2, c3 int64) {
		cur := assay.MustCurrency("CNY")
		claims := []assay.Money{assay.MoneyFromMinor(c1, cur), assay.MoneyFromMinor(c2, cur), assay.MoneyFromMinor(c3, cur)}
		awards, err := ClaimsRule(rule).Divide(assay.MoneyFromMinor(estate, cur), claims)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		sum := new(big.Int)
		for i, a := range awards {
			u := a.Amount().Shift(2).BigInt()
			if u.Sign() < 0 || u.Cmp(big.NewInt([]int64{c1, c2, c3}[i])) > 0 {
				t.Fatalf("%v: award %d = %v outside [0, %v]", ClaimsRule(rule), i, a, claims[i])
			}
			sum.Add(sum, u)
		}
		if sum.Cmp(big.NewInt(estate)) != 0 {
			t.Fatalf("%v: awards %v sum to %v, estate %d", ClaimsRule(rule), awards, sum, estate)
		}
	})
}

// TestClaimsRule_ZeroEstate checks that the zero Money (no currency) is an estate of zero in
// the claims' currency.
func TestClaimsRule_ZeroEstate(t *testing.T) {
	got, err := Talmud.Divide(assay.Money{}, allocMoneys("HKD", "10", "20"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(allocMoneys("HKD", "0", "0"), got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
