package distribution

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// allocMoneys builds the expected parts: amounts in currency cur.
func allocMoneys(cur string, amounts ...string) []assay.Money {
	out := make([]assay.Money, len(amounts))
	for i, a := range amounts {
		out[i] = assay.MustMoney(a, cur)
	}
	return out
}

// allocWeights parses decimal weights.
func allocWeights(ws ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ws))
	for i, w := range ws {
		out[i] = decimal.RequireFromString(w)
	}
	return out
}

// allocOracle is the largest-remainder method written from its definition in exact rationals,
// independently of the code under test: quotas T·wᵢ/Σw as big.Rat, floors, then the leftover
// units to the largest fractional parts, ties to the lower index (a stable sort).
func allocOracle(units *big.Int, weights []decimal.Decimal) []*big.Int {
	sum := new(big.Rat)
	for _, w := range weights {
		sum.Add(sum, w.Rat())
	}
	type quota struct {
		i     int
		floor *big.Int
		frac  *big.Rat
	}
	qs := make([]quota, len(weights))
	given := new(big.Int)
	for i, w := range weights {
		q := new(big.Rat).Mul(new(big.Rat).SetInt(units), w.Rat())
		q.Quo(q, sum)
		fl := new(big.Int).Quo(q.Num(), q.Denom()) // q ≥ 0: truncation is the floor
		qs[i] = quota{i, fl, new(big.Rat).Sub(q, new(big.Rat).SetInt(fl))}
		given.Add(given, fl)
	}
	left := new(big.Int).Sub(units, given).Int64()
	byFrac := slices.Clone(qs)
	slices.SortStableFunc(byFrac, func(a, b quota) int { return b.frac.Cmp(a.frac) })
	out := make([]*big.Int, len(weights))
	for _, q := range qs {
		out[q.i] = new(big.Int).Set(q.floor)
	}
	for _, q := range byFrac[:left] {
		out[q.i].Add(out[q.i], big.NewInt(1))
	}
	return out
}

func TestAllocate_WorkedExamples(t *testing.T) {
	tests := []struct {
		name    string
		total   assay.Money
		weights []decimal.Decimal
		want    []assay.Money
		source  string
	}{
		{"Fowler 100 in thirds", assay.MustMoney("100", "JPY"), allocWeights("1", "1", "1"),
			allocMoneys("JPY", "34", "33", "33"), "Fowler, PoEAA, Money.allocate; reference §7.2"},
		{"Foemmel's conundrum", assay.MustMoney("0.05", "USD"), allocWeights("30", "70"),
			allocMoneys("USD", "0.02", "0.03"), "quotas 1.5, 3.5 cents; tie to the lower index; reference §7.2"},
		{"zero weight gets nothing", assay.MustMoney("10", "JPY"), allocWeights("0", "1", "2"),
			allocMoneys("JPY", "0", "3", "7"), "quotas 0, 3⅓, 6⅔; go-money gives [1,3,6]; reference §7.2"},
		{"go-money zero-ratio bug", assay.MustMoney("5", "JPY"), allocWeights("0", "7", "3"),
			allocMoneys("JPY", "0", "4", "1"), "quotas 0, 3.5, 1.5; go-money gives [1,3,1]; reference §1.2"},
		{"leftover to the largest remainder", assay.MustMoney("99.99", "CNY"), allocWeights("75", "25"),
			allocMoneys("CNY", "74.99", "25.00"), "quotas 7499.25, 2499.75 fen; moneyphp gives [7500,2499]; reference §1.2"},
		{"Alabama paradox at 10", assay.MustMoney("10", "JPY"), allocWeights("6", "6", "2"),
			allocMoneys("JPY", "4", "4", "2"), "quotas 4.29, 4.29, 1.43; reference §7.3"},
		{"Alabama paradox at 11", assay.MustMoney("11", "JPY"), allocWeights("6", "6", "2"),
			allocMoneys("JPY", "5", "5", "1"), "quotas 4.71, 4.71, 1.57: the third party loses a unit; reference §7.3"},
		{"negative total mirrors", assay.MustMoney("-100", "JPY"), allocWeights("1", "1", "1"),
			allocMoneys("JPY", "-34", "-33", "-33"), "−Allocate(100, (1,1,1)); go-money issue #106"},
		{"decimal weights", assay.MustMoney("1.00", "CNY"), allocWeights("0.5", "0.25", "0.250"),
			allocMoneys("CNY", "0.50", "0.25", "0.25"), "exact quotas 50, 25, 25 fen"},
		{"weights of different scales", assay.MustMoney("10.00", "HKD"), allocWeights("1e3", "0.001", "999.999"),
			allocMoneys("HKD", "5.00", "0.00", "5.00"), "quotas 500, 0.0005, 499.9995 cents: leftover 1 to the larger remainder 0.9995"},
		{"zero total", assay.MustMoney("0", "MOP"), allocWeights("1", "2"),
			allocMoneys("MOP", "0", "0"), "nothing to share"},
		{"single party", assay.MustMoney("-7.77", "CNY"), allocWeights("0.3"),
			allocMoneys("CNY", "-7.77"), "one party takes all"},
		{"go-money overflow panic: 2^40 by (2^23, 2^23)", assay.MoneyFromMinor(1<<40, assay.MustCurrency("JPY")),
			allocWeights("8388608", "8388608"), allocMoneys("JPY", "549755813888", "549755813888"),
			"2^40/2 = 2^39 = 549755813888 each; issue #8"},
		{"go-money overflow panic: MaxInt64/2 by (3,1)", assay.MoneyFromMinor(math.MaxInt64/2, assay.MustCurrency("JPY")),
			allocWeights("3", "1"), allocMoneys("JPY", "3458764513820540927", "1152921504606846976"),
			"T = 4611686018427387903: quotas 3458764513820540927.25 and 1152921504606846975.75; reference §1.2"},
		{"MaxInt64 in halves", assay.MoneyFromMinor(math.MaxInt64, assay.MustCurrency("JPY")),
			allocWeights("1", "1"), allocMoneys("JPY", "4611686018427387904", "4611686018427387903"),
			"quotas 4611686018427387903.5 each: the tie goes to the lower index"},
		{"MinInt64 in halves", assay.MoneyFromMinor(math.MinInt64, assay.MustCurrency("JPY")),
			allocWeights("1", "1"), allocMoneys("JPY", "-4611686018427387904", "-4611686018427387904"),
			"−2^63/2 = −2^62 each"},
		{"MinInt64 to one party with weights near 2^64", assay.MoneyFromMinor(math.MinInt64, assay.MustCurrency("JPY")),
			allocWeights("999999999999999999", "0", "999999999999999999e1"),
			allocMoneys("JPY", "-838488366986797801", "0", "-8384883669867978007"),
			"2^63 by (1, 0, 10): quotas 838488366986797800.727… and 8384883669867978007.272…; floors sum to 2^63 − 1, the unit goes to remainder .727"},
		{"total beyond int64 minor units", assay.MustMoney("100000000000000000000", "CNY"), allocWeights("1", "2"),
			allocMoneys("CNY", "33333333333333333333.33", "66666666666666666666.67"),
			"10^22 fen: quotas 3333333333333333333333⅓ and 6666666666666666666666⅔; the leftover unit goes to the larger remainder ⅔"},
		{"weight with 25 digits", assay.MustMoney("1.00", "USD"), allocWeights("1234567890123456789012345", "1234567890123456789012345", "0"),
			allocMoneys("USD", "0.50", "0.50", "0.00"), "equal weights beyond int64: 50 cents each"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Allocate(tt.total, tt.weights)
			if err != nil {
				t.Fatalf("Allocate: %v (source: %s)", err, tt.source)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Allocate(%v, %v) mismatch (-want +got) (source: %s):\n%s", tt.total, tt.weights, tt.source, diff)
			}
		})
	}
}

func TestAllocate_Errors(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	tests := []struct {
		name    string
		total   assay.Money
		weights []decimal.Decimal
		is      []error
		field   string
	}{
		{"empty weights", cny("1"), nil, []error{ErrInvalidInput}, "weights"},
		{"negative weight", cny("1"), allocWeights("1", "-0.5"), []error{ErrInvalidInput}, "weights[1]"},
		{"all zero weights", cny("1"), allocWeights("0", "0.00"), []error{ErrInvalidInput}, "weights"},
		{"all zero weights, zero total", cny("0"), allocWeights("0"), []error{ErrInvalidInput}, "weights"},
		{"huge weight exponent", cny("1"), []decimal.Decimal{decimal.New(1, 1001), decimal.New(1, 0)}, []error{ErrInvalidInput}, "weights[0]"},
		{"tiny weight exponent", cny("1"), []decimal.Decimal{decimal.New(1, -1001)}, []error{ErrInvalidInput}, "weights[0]"},
		{"total below the minor unit", cny("12.345"), allocWeights("1"), []error{assay.ErrInexact, ErrInvalidInput}, "total"},
		{"total exponent out of bounds", assay.MoneyOf(decimal.New(1, 5000), assay.MustCurrency("CNY")), allocWeights("1"), []error{ErrInvalidInput}, "total"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Allocate(tt.total, tt.weights)
			if err == nil {
				t.Fatalf("Allocate = %v, want an error", got)
			}
			for _, target := range tt.is {
				if !errors.Is(err, target) {
					t.Errorf("error %v is not %v", err, target)
				}
			}
			if !strings.HasPrefix(err.Error(), "distribution: "+tt.field+" ") {
				t.Errorf("error %q does not start with %q", err, "distribution: "+tt.field)
			}
		})
	}
}

func TestAllocate_ZeroCurrency(t *testing.T) {
	// The zero Money has no currency and 0 digits: allocating it gives zeros without a currency.
	got, err := Allocate(assay.Money{}, allocWeights("1", "2"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]assay.Money{{}, {}}, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestAllocate_Conservation checks, over 100,000 random splits, that the parts sum exactly to
// the total and zero weights get zero; every 10th split that every part is the floor or the
// ceiling of its exact quota, and every 100th that it matches the rational oracle (which also
// checks the mirror rule for negative totals).
func TestAllocate_Conservation(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2026))
	cur := assay.MustCurrency("CNY")
	const splits = 100_000
	for k := range splits {
		n := 1 + rng.IntN(8)
		weights := make([]decimal.Decimal, n)
		allZero := true
		for i := range weights {
			switch rng.IntN(10) {
			case 0:
				weights[i] = decimal.Zero
			case 1: // large: exercises 128-bit products and the math/big path
				weights[i] = decimal.New(rng.Int64(), int32(rng.IntN(6)))
			default:
				weights[i] = decimal.New(rng.Int64N(10_000), -int32(rng.IntN(4)))
			}
			allZero = allZero && weights[i].IsZero()
		}
		if allZero {
			weights[rng.IntN(n)] = decimal.New(1, 0)
		}
		var units int64
		switch rng.IntN(4) {
		case 0:
			units = rng.Int64() - rng.Int64() // anywhere in int64
		default:
			units = rng.Int64N(2_000_001) - 1_000_000
		}
		total := assay.MoneyFromMinor(units, cur)
		parts, err := Allocate(total, weights)
		if err != nil {
			t.Fatalf("Allocate(%v, %v): %v", total, weights, err)
		}
		var sum int64
		minor := make([]int64, n)
		for i, p := range parts {
			// Every part is built in minor units, coefficient × 10⁻², and no larger than the
			// total, so its coefficient fits in int64: read it without big.Int.
			if p.Amount().Exponent() != -2 || p.Currency() != cur {
				t.Fatalf("part %v is not in fen", p)
			}
			minor[i] = p.Amount().CoefficientInt64()
			sum += minor[i]
			if weights[i].IsZero() && minor[i] != 0 {
				t.Fatalf("Allocate(%v, %v): zero weight %d got %v", total, weights, i, p)
			}
		}
		if sum != units {
			t.Fatalf("Allocate(%v, %v) = %v sums to %d minor units", total, weights, parts, sum)
		}
		if k%10 != 0 {
			continue
		}
		// Quota rule in integers: every weight here is a whole number of thousandths, so with
		// Wᵢ = 1000·wᵢ, |partᵢ·ΣW − T·Wᵢ| < ΣW.
		scaled := make([]*big.Int, n)
		wsum := new(big.Int)
		for i, w := range weights {
			scaled[i] = w.Shift(3).BigInt()
			wsum.Add(wsum, scaled[i])
		}
		tUnits := big.NewInt(units)
		var gap, tw big.Int
		for i := range parts {
			gap.Mul(big.NewInt(minor[i]), wsum)
			gap.Sub(&gap, tw.Mul(tUnits, scaled[i]))
			if gap.CmpAbs(wsum) >= 0 {
				t.Fatalf("Allocate(%v, %v): part %d = %v is not the floor or ceiling of its quota", total, weights, i, parts[i])
			}
		}
		if k%100 == 0 {
			want := allocOracle(new(big.Int).Abs(big.NewInt(units)), weights)
			for i, p := range parts {
				w := new(big.Int).Set(want[i])
				if units < 0 {
					w.Neg(w)
				}
				if got := p.Amount().Shift(2).BigInt(); got.Cmp(w) != 0 {
					t.Fatalf("Allocate(%v, %v)[%d] = %v, oracle %v", total, weights, i, got, w)
				}
			}
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		total assay.Money
		n     int
		want  []assay.Money
	}{
		// Hand calculation: 10000 fen / 3 = 3333 rest 1; the rest goes to the first party.
		{assay.MustMoney("100", "CNY"), 3, allocMoneys("CNY", "33.34", "33.33", "33.33")},
		// go-money v1.0.6: −100 → [−34, −33, −33].
		{assay.MustMoney("-1.00", "CNY"), 3, allocMoneys("CNY", "-0.34", "-0.33", "-0.33")},
		// go-money issue #106: −2 split 3 must not give +1.
		{assay.MustMoney("-2", "JPY"), 3, allocMoneys("JPY", "-1", "-1", "0")},
		{assay.MustMoney("0.01", "MOP"), 4, allocMoneys("MOP", "0.01", "0", "0", "0")},
		{assay.MustMoney("5", "KRW"), 1, allocMoneys("KRW", "5")},
	}
	for _, tt := range tests {
		got, err := Split(tt.total, tt.n)
		if err != nil {
			t.Fatalf("Split(%v, %d): %v", tt.total, tt.n, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Split(%v, %d) mismatch (-want +got):\n%s", tt.total, tt.n, diff)
		}
	}
	for _, n := range []int{0, -1, maxSplitParts + 1} {
		if _, err := Split(assay.MustMoney("1", "CNY"), n); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Split(1, %d) error = %v, want ErrInvalidInput", n, err)
		}
	}
	if _, err := Split(assay.MustMoney("0.001", "CNY"), 2); !errors.Is(err, assay.ErrInexact) {
		t.Errorf("Split(0.001 CNY, 2) error = %v, want assay.ErrInexact", err)
	}
}

// TestSplit_MatchesAllocate checks Split against Allocate with equal weights.
func TestSplit_MatchesAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 8))
	for range 500 {
		n := 1 + rng.IntN(30)
		total := assay.MoneyFromMinor(rng.Int64N(1_000_000)-500_000, assay.MustCurrency("HKD"))
		want, err := Allocate(total, slices.Repeat([]decimal.Decimal{decimal.New(1, 0)}, n))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Split(total, n)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Split(%v, %d) mismatch (-Allocate +Split):\n%s", total, n, diff)
		}
	}
}

// FuzzAllocate checks, for any total and weights, that Allocate never panics and that when it
// succeeds the parts conserve the total, respect the quota rule and give zero weights zero.
func FuzzAllocate(f *testing.F) {
	f.Add("100", "CNY", "1,1,1")
	f.Add("-0.05", "USD", "30,70")
	f.Add("1099511627776", "JPY", "8388608,8388608")
	f.Add("4611686018427387903", "JPY", "3,1")
	f.Add("10", "JPY", "0,1,2")
	f.Add("12.345", "CNY", "1")
	f.Add("1", "CNY", "1e-999,1e999")
	f.Add("1", "CNY", "0,0")
	f.Add("1", "CNY", "-1,2")
	f.Add("99999999999999999999999.99", "HKD", "0.3,12345678901234567890123,7")
	// The 64-bit edge (issue 21): 2⁶³ minor units came back negative.
	f.Add("92233720368547758.08", "CNY", "1")
	f.Add("-92233720368547758.08", "CNY", "1,1")
	f.Add("92233720368547758.07", "CNY", "1,0")
	f.Add("9223372036854775808", "JPY", "3,1")
	f.Add("9223372036854775809", "JPY", "1,1,0")
	f.Add("18446744073709551616", "KRW", "1")
	f.Fuzz(func(t *testing.T, amount, currency, weightList string) {
		if len(weightList) > 512 {
			return
		}
		total, err := assay.NewMoney(amount, currency)
		if err != nil {
			return
		}
		var weights []decimal.Decimal
		for _, s := range strings.Split(weightList, ",") {
			w, err := decimal.NewFromString(s)
			if err != nil {
				return
			}
			weights = append(weights, w)
		}
		parts, err := Allocate(total, weights)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("Allocate(%v, %v): error %v does not wrap ErrInvalidInput", total, weights, err)
			}
			return
		}
		if len(parts) != len(weights) {
			t.Fatalf("got %d parts for %d weights", len(parts), len(weights))
		}
		sum := decimal.Zero
		wsum := new(big.Rat)
		for _, w := range weights {
			wsum.Add(wsum, w.Rat())
		}
		for i, p := range parts {
			sum = sum.Add(p.Amount())
			if p.Currency() != total.Currency() {
				t.Fatalf("part %d currency %v, want %v", i, p.Currency(), total.Currency())
			}
			if weights[i].IsZero() && !p.IsZero() {
				t.Fatalf("zero weight %d got %v", i, p)
			}
			quota := new(big.Rat).Mul(total.Amount().Rat(), weights[i].Rat())
			quota.Quo(quota, wsum)
			gap := new(big.Rat).Sub(quota, p.Amount().Rat())
			unit := decimal.New(1, -int32(total.Currency().Digits())).Rat()
			if gap.Abs(gap).Cmp(unit) >= 0 {
				t.Fatalf("part %d = %v is more than a minor unit from quota %s", i, p, quota.FloatString(6))
			}
		}
		if !sum.Equal(total.Amount()) {
			t.Fatalf("Allocate(%v, %v) = %v sums to %v", total, weights, parts, sum)
		}
	})
}

func ExampleAllocate() {
	// A 100.00 CNY royalty shared by three contributors with weights 1, 1 and 1, and a
	// 0.05 USD fee split 30/70 (Foemmel's conundrum).
	parts, _ := Allocate(assay.MustMoney("100", "CNY"), []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(1), decimal.NewFromInt(1)})
	fmt.Println(parts)
	parts, _ = Allocate(assay.MustMoney("0.05", "USD"), []decimal.Decimal{decimal.NewFromInt(30), decimal.NewFromInt(70)})
	fmt.Println(parts)
	// A zero weight always gets exactly zero.
	parts, _ = Allocate(assay.MustMoney("10", "JPY"), []decimal.Decimal{decimal.Zero, decimal.NewFromInt(1), decimal.NewFromInt(2)})
	fmt.Println(parts)
	// Output:
	// [33.34 CNY 33.33 CNY 33.33 CNY]
	// [0.02 USD 0.03 USD]
	// [0 JPY 3 JPY 7 JPY]
}

func ExampleSplit() {
	parts, _ := Split(assay.MustMoney("-1.00", "HKD"), 3)
	fmt.Println(parts)
	// Output:
	// [-0.34 HKD -0.33 HKD -0.33 HKD]
}

// TestNthLargest compares the selection with sorting on random, constant, sorted and
// reversed inputs, which are the cases that break a naive quickselect.
func TestNthLargest(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	inputs := [][]uint64{{7}, {3, 3, 3, 3}, {1, 2}, {2, 1}}
	for _, n := range []int{1, 2, 3, 7, 16, 33, 64, 129, 300} {
		random, constant, asc, desc, few := make([]uint64, n), make([]uint64, n), make([]uint64, n), make([]uint64, n), make([]uint64, n)
		for i := range n {
			random[i], constant[i], asc[i], desc[i], few[i] = rng.Uint64(), 42, uint64(i), uint64(n-i), uint64(rng.IntN(3))
		}
		inputs = append(inputs, random, constant, asc, desc, few)
	}
	for _, xs := range inputs {
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		for k := 1; k <= len(xs); k++ {
			if got, want := nthLargest(slices.Clone(xs), k), sorted[len(xs)-k]; got != want {
				t.Fatalf("nthLargest(%v, %d) = %d, want %d", xs, k, got, want)
			}
		}
	}
}

func TestAllocateBounded(t *testing.T) {
	jpy := func(s string) assay.Money { return assay.MustMoney(s, "JPY") }
	tests := []struct {
		name    string
		total   assay.Money
		weights []decimal.Decimal
		bounds  []Bounds
		want    []assay.Money
		source  string
	}{
		{"no limits is Allocate", jpy("100"), allocWeights("1", "1", "1"), make([]Bounds, 3),
			allocMoneys("JPY", "34", "33", "33"), "Allocate(100, (1,1,1))"},
		{"a cap passes the excess on", jpy("100"), allocWeights("1", "1", "1"), []Bounds{{Cap: jpy("10")}, {}, {}},
			allocMoneys("JPY", "10", "45", "45"), "hand: party 0 capped at 10, 90 shared 1:1"},
		{"caps cascade", jpy("100"), allocWeights("1", "1", "1", "1"), []Bounds{{Cap: jpy("10")}, {Cap: jpy("20")}, {}, {}},
			allocMoneys("JPY", "10", "20", "35", "35"), "hand: λ = 35 caps parties 0 and 1"},
		{"a floor lifts a small share", jpy("100"), allocWeights("1", "9"), []Bounds{{Floor: jpy("20")}, {}},
			allocMoneys("JPY", "20", "80"), "hand: 10 < floor 20; the other takes the rest"},
		{"zero weight gets its floor", jpy("100"), allocWeights("0", "1"), []Bounds{{Floor: jpy("5")}, {}},
			allocMoneys("JPY", "5", "95"), "hand"},
		{"floor and cap together", jpy("1000"), allocWeights("1", "2", "7"),
			[]Bounds{{Floor: jpy("200")}, {}, {Cap: jpy("500")}},
			allocMoneys("JPY", "200", "300", "500"), "hand: λ = 150: 150 < 200 floors party 0, 1050 > 500 caps party 2, party 1 gets 300"},
		{"free shares are rounded by largest remainder", assay.MustMoney("100.01", "CNY"), allocWeights("1", "1", "1"),
			[]Bounds{{}, {}, {Cap: assay.MustMoney("10", "CNY")}},
			allocMoneys("CNY", "45.01", "45.00", "10.00"), "hand: 9001 fen shared 1:1, the odd fen to the lower index"},
		{"negative total mirrors", jpy("-1000"), allocWeights("1", "2", "7"),
			[]Bounds{{Floor: jpy("200")}, {}, {Cap: jpy("500")}},
			allocMoneys("JPY", "-200", "-300", "-500"), "mirror of the floor-and-cap case"},
		{"exactly at a kink", jpy("30"), allocWeights("1", "2"), []Bounds{{Cap: jpy("10")}, {Cap: jpy("20")}},
			allocMoneys("JPY", "10", "20"), "hand: λ = 10 reaches both caps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AllocateBounded(tt.total, tt.weights, tt.bounds)
			if err != nil {
				t.Fatalf("AllocateBounded: %v (source: %s)", err, tt.source)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got) (source: %s):\n%s", tt.source, diff)
			}
		})
	}
}

func TestAllocateBounded_Errors(t *testing.T) {
	jpy := func(s string) assay.Money { return assay.MustMoney(s, "JPY") }
	tests := []struct {
		name    string
		total   assay.Money
		weights []decimal.Decimal
		bounds  []Bounds
		is      error
	}{
		{"floors above total", jpy("10"), allocWeights("1", "1"), []Bounds{{Floor: jpy("6")}, {Floor: jpy("6")}}, ErrInfeasible},
		{"caps below total", jpy("10"), allocWeights("1", "1"), []Bounds{{Cap: jpy("4")}, {Cap: jpy("5")}}, ErrInfeasible},
		{"zero weight does not absorb", jpy("10"), allocWeights("1", "0"), []Bounds{{Cap: jpy("5")}, {}}, ErrInfeasible},
		{"length", jpy("10"), allocWeights("1", "1"), []Bounds{{}}, ErrInvalidInput},
		{"negative floor", jpy("10"), allocWeights("1"), []Bounds{{Floor: jpy("-1")}}, ErrInvalidInput},
		{"cap below floor", jpy("10"), allocWeights("1"), []Bounds{{Floor: jpy("5"), Cap: jpy("4")}}, ErrInvalidInput},
		{"inexact cap", assay.MustMoney("10", "CNY"), allocWeights("1"), []Bounds{{Cap: assay.MustMoney("0.001", "CNY")}}, assay.ErrInexact},
		{"currency", jpy("10"), allocWeights("1"), []Bounds{{Cap: assay.MustMoney("1", "CNY")}}, assay.ErrCurrencyMismatch},
		{"bad weights", jpy("10"), allocWeights("-1"), []Bounds{{}}, ErrInvalidInput},
	}
	for _, tt := range tests {
		if got, err := AllocateBounded(tt.total, tt.weights, tt.bounds); !errors.Is(err, tt.is) {
			t.Errorf("%s: AllocateBounded = %v, %v; want %v", tt.name, got, err, tt.is)
		}
	}
	// The typed error names the limits in money.
	_, err := AllocateBounded(jpy("-10"), allocWeights("1", "1"), []Bounds{{Cap: jpy("4")}, {Cap: jpy("5")}})
	var inf *InfeasibleError
	if !errors.As(err, &inf) {
		t.Fatalf("error %v is not an *InfeasibleError", err)
	}
	if diff := cmp.Diff([]any{"caps", jpy("9"), jpy("10")}, []any{inf.Limit, inf.Sum, inf.Total}); diff != "" {
		t.Errorf("InfeasibleError (-want +got):\n%s", diff)
	}
}

// TestAllocateBounded_Properties checks on random feasible problems that shares sum to the
// total, stay within their bounds, give zero weights their floor, and that the shares
// strictly inside their bounds are within a minor unit of one common ratio share/weight
// (the water level), which characterises the constrained proportional rule.
func TestAllocateBounded_Properties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	cur := assay.MustCurrency("JPY")
	for range 1000 {
		n := 1 + rng.IntN(6)
		weights := make([]decimal.Decimal, n)
		bounds := make([]Bounds, n)
		lo, hi := make([]int64, n), make([]int64, n)
		var sumLo int64
		for i := range n {
			weights[i] = decimal.New(rng.Int64N(5), 0)
			lo[i], hi[i] = rng.Int64N(50), -1
			if rng.IntN(3) == 0 {
				lo[i] = 0
			}
			bounds[i].Floor = assay.MoneyFromMinor(lo[i], cur)
			if rng.IntN(2) == 0 {
				hi[i] = lo[i] + 1 + rng.Int64N(100)
				bounds[i].Cap = assay.MoneyFromMinor(hi[i], cur)
			}
			sumLo += lo[i]
		}
		weights[0] = decimal.New(1, 0)
		total := sumLo + rng.Int64N(300)
		parts, err := AllocateBounded(assay.MoneyFromMinor(total, cur), weights, bounds)
		if errors.Is(err, ErrInfeasible) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		var inside []int
		for i, p := range parts {
			u, _ := p.MinorUnits()
			sum += u
			if u < lo[i] || (hi[i] >= 0 && u > hi[i]) {
				t.Fatalf("share %d = %d outside [%d, %d]", i, u, lo[i], hi[i])
			}
			if weights[i].IsZero() && u != lo[i] {
				t.Fatalf("zero weight %d got %d, floor %d", i, u, lo[i])
			}
			if !weights[i].IsZero() && u > lo[i] && (hi[i] < 0 || u < hi[i]) {
				inside = append(inside, i)
			}
		}
		if sum != total {
			t.Fatalf("shares %v sum to %d, want %d", parts, sum, total)
		}
		// For i, j inside their bounds: (uᵢ−1)/wᵢ < λ < (uⱼ+1)/wⱼ.
		for _, i := range inside {
			for _, j := range inside {
				ui, _ := parts[i].MinorUnits()
				uj, _ := parts[j].MinorUnits()
				wi, wj := weights[i].IntPart(), weights[j].IntPart()
				if (ui-1)*wj >= (uj+1)*wi {
					t.Fatalf("shares %v with weights %v and bounds %v: %d and %d are not proportional", parts, weights, bounds, i, j)
				}
			}
		}
	}
}

// FuzzAllocateBounded checks that any successful bounded allocation conserves the total,
// respects every bound and gives zero weights their floor; failures wrap a sentinel.
func FuzzAllocateBounded(f *testing.F) {
	f.Add(int64(100), uint16(1), uint16(1), uint16(0), int64(10), int64(0), int64(5), int64(-1), int64(-1), int64(-1))
	f.Add(int64(-1000), uint16(1), uint16(2), uint16(7), int64(200), int64(0), int64(0), int64(-1), int64(-1), int64(500))
	f.Add(int64(30), uint16(1), uint16(2), uint16(3), int64(0), int64(0), int64(0), int64(10), int64(20), int64(0))
	f.Fuzz(func(t *testing.T, total int64, w0, w1, w2 uint16, f0, f1, f2, c0, c1, c2 int64) {
		cur := assay.MustCurrency("JPY")
		weights := []decimal.Decimal{decimal.New(int64(w0), 0), decimal.New(int64(w1), 0), decimal.New(int64(w2), 0)}
		lo, hi := []int64{f0, f1, f2}, []int64{c0, c1, c2}
		bounds := make([]Bounds, 3)
		for i := range bounds {
			bounds[i].Floor = assay.MoneyFromMinor(lo[i], cur)
			if hi[i] > 0 {
				bounds[i].Cap = assay.MoneyFromMinor(hi[i], cur)
			}
		}
		parts, err := AllocateBounded(assay.MoneyFromMinor(total, cur), weights, bounds)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) && !errors.Is(err, ErrInfeasible) && !errors.Is(err, assay.ErrCurrencyMismatch) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		sum := new(big.Int)
		for i, p := range parts {
			u := p.Amount().BigInt()
			mag := new(big.Int).Abs(u)
			if mag.Cmp(big.NewInt(lo[i])) < 0 || (hi[i] > 0 && mag.Cmp(big.NewInt(hi[i])) > 0) {
				t.Fatalf("share %d = %v outside [%d, %d]", i, p, lo[i], hi[i])
			}
			if weights[i].IsZero() && mag.Cmp(big.NewInt(lo[i])) != 0 {
				t.Fatalf("zero weight %d got %v, floor %d", i, p, lo[i])
			}
			sum.Add(sum, u)
		}
		if sum.Cmp(big.NewInt(total)) != 0 {
			t.Fatalf("shares %v sum to %v, total %d", parts, sum, total)
		}
	})
}

func ExampleAllocateBounded() {
	// 1,000 CNY shared 1:2:7, but the first party is guaranteed 200 and the third capped
	// at 500: λ = 150 per unit of weight puts the first at its floor and the third at its cap.
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	parts, _ := AllocateBounded(cny("1000"),
		[]decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(2), decimal.NewFromInt(7)},
		[]Bounds{{Floor: cny("200")}, {}, {Cap: cny("500")}})
	fmt.Println(parts)
	// Output:
	// [200.00 CNY 300.00 CNY 500.00 CNY]
}
