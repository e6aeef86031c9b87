package pricing

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func usdm(s string) assay.Money { return assay.MustMoney(s, "USD") }

// queryMenu is the worked example of Koutris et al. ("Query-Based Data Pricing",
// JACM 2015, §2): a table over the domain
// {US, CN}, selections σ_US and σ_CN at 30 each and the full table at 80.
func queryMenu() Menu {
	return Menu{
		{ID: "σ_US", Price: usdm("30")},
		{ID: "σ_CN", Price: usdm("30")},
		{ID: "table", Price: usdm("80"), Bundle: []string{"σ_US", "σ_CN"}},
	}
}

func TestCheckArbitrage_QueryExample(t *testing.T) {
	got, err := CheckArbitrage(context.Background(), queryMenu())
	if err != nil {
		t.Fatal(err)
	}
	// Source: Koutris et al., JACM 2015, §2, by hand: the selections determine the table, so its min-cover
	// price is 30 + 30 = 60 < 80.
	want := []Violation{{Kind: Subadditivity, Item: "table", Price: usdm("80"), Witness: []string{"σ_US", "σ_CN"}, WitnessPrice: usdm("60")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	repaired, err := ArbitrageFree(context.Background(), queryMenu())
	if err != nil {
		t.Fatal(err)
	}
	wantMenu := queryMenu()
	wantMenu[2].Price = usdm("60")
	if diff := cmp.Diff(wantMenu, repaired); diff != "" {
		t.Errorf("repaired menu (-want +got):\n%s", diff)
	}
	if v, err := CheckArbitrage(context.Background(), repaired); err != nil || len(v) != 0 {
		t.Errorf("repaired menu: violations %v, err %v; want none", v, err)
	}
}

func TestCheckArbitrage_Cases(t *testing.T) {
	for _, c := range []struct {
		name string
		menu Menu
		want []Violation
		// wantPrices are the prices after ArbitrageFree, by hand.
		wantPrices []string
	}{
		{
			name: "coarser version costs more than the finer one it is derived from",
			menu: Menu{{ID: "daily", Price: usdm("50")}, {ID: "monthly", Price: usdm("70"), DerivableFrom: [][]string{{"daily"}}}},
			want: []Violation{{Kind: Monotonicity, Item: "monthly", Price: usdm("70"), Witness: []string{"daily"}, WitnessPrice: usdm("50")}},
			// monthly can be had for 50.
			wantPrices: []string{"50", "50"},
		},
		{
			name: "determinacy composes",
			// A determines B; B and C determine D. D's cheapest cover is {A, C} = 10 + 10.
			menu: Menu{
				{ID: "A", Price: usdm("10")}, {ID: "B", Price: usdm("50"), DerivableFrom: [][]string{{"A"}}},
				{ID: "C", Price: usdm("10")}, {ID: "D", Price: usdm("100"), DerivableFrom: [][]string{{"B", "C"}}},
			},
			want: []Violation{
				{Kind: Monotonicity, Item: "B", Price: usdm("50"), Witness: []string{"A"}, WitnessPrice: usdm("10")},
				{Kind: Subadditivity, Item: "D", Price: usdm("100"), Witness: []string{"A", "C"}, WitnessPrice: usdm("20")},
			},
			wantPrices: []string{"10", "10", "10", "20"},
		},
		{
			name: "shared parts are bought once",
			// Z = a ∪ b ∪ c. Covers: {a,b,c} 30, {X,Y} 31, {a,Y} 26, {X,c} 25 (X gives a and b).
			// X = a ∪ b at 15 and Y = b ∪ c at 16 are below their parts' 20.
			menu: Menu{
				{ID: "a", Price: usdm("10")}, {ID: "b", Price: usdm("10")}, {ID: "c", Price: usdm("10")},
				{ID: "X", Price: usdm("15"), Bundle: []string{"a", "b"}},
				{ID: "Y", Price: usdm("16"), Bundle: []string{"b", "c"}},
				{ID: "Z", Price: usdm("40"), Bundle: []string{"a", "b", "c"}},
			},
			want:       []Violation{{Kind: Subadditivity, Item: "Z", Price: usdm("40"), Witness: []string{"c", "X"}, WitnessPrice: usdm("25")}},
			wantPrices: []string{"10", "10", "10", "15", "16", "25"},
		},
		{
			name:       "arbitrage-free menu",
			menu:       Menu{{ID: "x", Price: usdm("5")}, {ID: "y", Price: usdm("7")}, {ID: "xy", Price: usdm("11"), Bundle: []string{"x", "y"}}},
			wantPrices: []string{"5", "7", "11"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckArbitrage(context.Background(), c.menu)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			repaired, err := ArbitrageFree(context.Background(), c.menu)
			if err != nil {
				t.Fatal(err)
			}
			var prices []string
			for _, it := range repaired {
				prices = append(prices, it.Price.Amount().StringFixed(0))
			}
			if diff := cmp.Diff(c.wantPrices, prices); diff != "" {
				t.Errorf("repaired prices (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckArbitrage_BadMenus(t *testing.T) {
	for _, c := range []struct {
		name  string
		menu  Menu
		field string
	}{
		{"empty", Menu{}, "menu"},
		{"no id", Menu{{Price: usdm("1")}}, "items[0].id"},
		{"duplicate", Menu{{ID: "a", Price: usdm("1")}, {ID: "a", Price: usdm("2")}}, `items["a"].id`},
		{"negative", Menu{{ID: "a", Price: usdm("-1")}}, `items["a"].price`},
		{"mixed currencies", Menu{{ID: "a", Price: usdm("1")}, {ID: "b", Price: assay.MustMoney("1", "CNY")}}, `items["b"].price`},
		{"unknown reference", Menu{{ID: "a", Price: usdm("1"), DerivableFrom: [][]string{{"zz"}}}}, `items["a"].derivableFrom[0]`},
		{"self reference", Menu{{ID: "a", Price: usdm("1"), Bundle: []string{"a"}}}, `items["a"].bundle`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := CheckArbitrage(context.Background(), c.menu)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
				t.Errorf("err %v, want *InputError on %s", err, c.field)
			}
		})
	}
}

// bruteClosure is the test's own fixpoint of the determines relation, from the items' fields.
func bruteClosure(menu Menu, have map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range have {
		out[k] = true
	}
	for changed := true; changed; {
		changed = false
		set := func(id string) {
			if !out[id] {
				out[id], changed = true, true
			}
		}
		all := func(ids []string) bool {
			for _, id := range ids {
				if !out[id] {
					return false
				}
			}
			return true
		}
		for _, it := range menu {
			for _, s := range it.DerivableFrom {
				if all(s) {
					set(it.ID)
				}
			}
			if len(it.Bundle) > 0 && all(it.Bundle) {
				set(it.ID)
			}
			if out[it.ID] {
				for _, p := range it.Bundle {
					set(p)
				}
			}
		}
	}
	return out
}

// randomMenu draws a menu of n items with up to two random determines sets each, a quarter
// of them bundles.
func randomMenu(rng *rand.Rand, n int) Menu {
	menu := make(Menu, n)
	for i := range menu {
		menu[i] = Item{ID: fmt.Sprint("q", i), Price: assay.MoneyFromMinor(rng.Int64N(10_000), usd)}
		for range rng.IntN(3) {
			var set []string
			for j := range n {
				if j != i && rng.IntN(3) == 0 {
					set = append(set, fmt.Sprint("q", j))
				}
			}
			if len(set) > 0 {
				if rng.IntN(4) == 0 {
					menu[i].Bundle = set
				} else {
					menu[i].DerivableFrom = append(menu[i].DerivableFrom, set)
				}
			}
		}
	}
	return menu
}

// TestCheckArbitrage_BundlesMatchBruteForce compares every subadditivity witness price with a
// brute-force oracle: the cheapest set of two or more other items, none of which determines
// the item alone, whose closure holds the item, when it costs less than the item.
func TestCheckArbitrage_BundlesMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 13))
	for trial := range 300 {
		menu := randomMenu(rng, 2+rng.IntN(8))
		n := len(menu)
		got, err := CheckArbitrage(context.Background(), menu)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		bundle := map[string]assay.Money{}
		for _, v := range got {
			if v.Kind == Subadditivity {
				bundle[v.Item] = v.WitnessPrice
			}
		}
		for i, it := range menu {
			var best assay.Money
			found := false
			for mask := 0; mask < 1<<n; mask++ {
				if mask&(1<<i) != 0 || bits.OnesCount(uint(mask)) < 2 {
					continue
				}
				have := map[string]bool{}
				total := assay.MoneyFromMinor(0, usd)
				minimal := true
				for j := range n {
					if mask&(1<<j) != 0 {
						have[menu[j].ID] = true
						total, _ = total.Add(menu[j].Price)
						minimal = minimal && !bruteClosure(menu, map[string]bool{menu[j].ID: true})[it.ID]
					}
				}
				if c, _ := total.Cmp(it.Price); !minimal || c >= 0 || !bruteClosure(menu, have)[it.ID] {
					continue
				}
				if c, _ := total.Cmp(best); !found || c < 0 {
					best, found = total, true
				}
			}
			w, ok := bundle[it.ID]
			if ok != found || (found && !w.Equal(best)) {
				t.Fatalf("trial %d item %s: reported %v (%v), brute force %v (%v)\nmenu %+v", trial, it.ID, w, ok, best, found, menu)
			}
		}
	}
}

// TestArbitrageFree_MatchesBruteForce compares the repaired prices with a brute-force oracle
// over every subset of the other items, on random menus, and checks that the repaired menu is
// arbitrage-free and nowhere above the original.
func TestArbitrageFree_MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 300 {
		menu := randomMenu(rng, 2+rng.IntN(8))
		n := len(menu)
		got, err := ArbitrageFree(context.Background(), menu)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		for i, it := range menu {
			want := it.Price
			for mask := 0; mask < 1<<n; mask++ {
				if mask&(1<<i) != 0 {
					continue
				}
				have := map[string]bool{}
				total := assay.MoneyFromMinor(0, usd)
				for j := range n {
					if mask&(1<<j) != 0 {
						have[menu[j].ID] = true
						total, _ = total.Add(menu[j].Price)
					}
				}
				if c, _ := total.Cmp(want); c < 0 && bruteClosure(menu, have)[it.ID] {
					want = total
				}
			}
			if !got[i].Price.Equal(want) {
				t.Fatalf("trial %d item %s: repaired %v, brute force %v\nmenu %+v", trial, it.ID, got[i].Price, want, menu)
			}
		}
		if v, err := CheckArbitrage(context.Background(), got); err != nil || len(v) != 0 {
			t.Fatalf("trial %d: repaired menu has violations %v (err %v)", trial, v, err)
		}
	}
}

func TestCheckArbitrage_Cancelled(t *testing.T) {
	// Twenty items of price 1 and a target at 1,000 derivable only from all of them: the search
	// visits many closed sets, so a cancelled context stops it.
	menu := make(Menu, 21)
	var all []string
	for i := range 20 {
		menu[i] = Item{ID: fmt.Sprint("s", i), Price: usdm("1")}
		all = append(all, menu[i].ID)
	}
	menu[20] = Item{ID: "all", Price: usdm("1000"), DerivableFrom: [][]string{all}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := CheckArbitrage(ctx, menu); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}
