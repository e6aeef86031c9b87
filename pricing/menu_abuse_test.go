package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestCheckArbitrage_BundleBesideCheaperSingle is issue 12's regression: V1 = 10, V2 = 15,
// V3 = 20 and Q = 30, derivable from {V1, V2} or from {V3}. By hand: V3 alone is a
// monotonicity witness at 20 < 30, and the bundle {V1, V2} at 10 + 15 = 25 < 30 is a
// subadditivity witness (Deep and Koutris, ICDT 2017, §2: p(Q) ≤ p(V1) + p(V2)); the repaired
// price of Q is its cheapest cover, 20.
func TestCheckArbitrage_BundleBesideCheaperSingle(t *testing.T) {
	menu := Menu{
		{ID: "V1", Price: usdm("10")}, {ID: "V2", Price: usdm("15")}, {ID: "V3", Price: usdm("20")},
		{ID: "Q", Price: usdm("30"), DerivableFrom: [][]string{{"V1", "V2"}, {"V3"}}},
	}
	got, err := CheckArbitrage(context.Background(), menu)
	if err != nil {
		t.Fatal(err)
	}
	want := []Violation{
		{Kind: Monotonicity, Item: "Q", Price: usdm("30"), Witness: []string{"V3"}, WitnessPrice: usdm("20")},
		{Kind: Subadditivity, Item: "Q", Price: usdm("30"), Witness: []string{"V1", "V2"}, WitnessPrice: usdm("25")},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("violations (-want +got):\n%s", d)
	}
	repaired, err := ArbitrageFree(context.Background(), menu)
	if err != nil {
		t.Fatal(err)
	}
	if p := repaired[3].Price; !p.Equal(usdm("20")) {
		t.Errorf("repaired price of Q = %v, want 20 USD", p)
	}
}

// TestCheckArbitrage_NeverAMinimalityBreakingWitness: a set that contains an item which alone
// determines the target is never reported as a bundle witness.
func TestCheckArbitrage_NeverAMinimalityBreakingWitness(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 21))
	for trial := range 300 {
		menu := randomMenu(rng, 3+rng.IntN(6))
		got, err := CheckArbitrage(context.Background(), menu)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range got {
			if v.Kind != Subadditivity {
				continue
			}
			if len(v.Witness) < 2 {
				t.Fatalf("trial %d: bundle witness %v has fewer than two items", trial, v.Witness)
			}
			for _, w := range v.Witness {
				if bruteClosure(menu, map[string]bool{w: true})[v.Item] {
					t.Fatalf("trial %d: witness %v of %s holds %s, which determines it alone", trial, v.Witness, v.Item, w)
				}
			}
		}
	}
}

// hostileMenu is the shape of issue 21's adversarial menu: 64 items, each derivable from 256
// sets of three to six other items, about 280 KB of JSON.
func hostileMenu(seed uint64) Menu {
	rng := rand.New(rand.NewPCG(seed, 21))
	menu := make(Menu, maxItems)
	for i := range menu {
		menu[i] = Item{ID: fmt.Sprintf("item-%02d", i), Price: usdm(fmt.Sprint(100 + rng.IntN(900)))}
	}
	for i := range menu {
		for range maxSetsPerItem {
			var set []string
			for range 3 + rng.IntN(4) {
				j := rng.IntN(maxItems)
				if j == i {
					j = (j + 1) % maxItems
				}
				set = append(set, menu[j].ID)
			}
			menu[i].DerivableFrom = append(menu[i].DerivableFrom, set)
		}
	}
	return menu
}

// TestCheckArbitrage_HostileMenuIsBounded is issue 21's row: an adversarial menu took 29.5 s
// before the per-item budget tripped. The budget now covers the whole call: the check ends
// with a result or ErrSearchLimit, well before the context's deadline, within a memory
// ceiling.
func TestCheckArbitrage_HostileMenuIsBounded(t *testing.T) {
	menu := hostileMenu(1)
	if b, _ := json.Marshal(menu); len(b) < 200<<10 {
		t.Fatalf("hostile menu is %d bytes, want the issue's ~280 KB shape", len(b))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := CheckArbitrage(ctx, menu)
	runtime.ReadMemStats(&after)
	if err != nil && !errors.Is(err, ErrSearchLimit) {
		t.Fatalf("CheckArbitrage: %v, want a result or ErrSearchLimit", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("allocated %d MB, want ≤ 64 MB", alloc>>20)
	}
	_, err = ArbitrageFree(ctx, menu)
	if err != nil && !errors.Is(err, ErrSearchLimit) {
		t.Fatalf("ArbitrageFree: %v, want a result or ErrSearchLimit", err)
	}
}

func TestArbitrageOptions_BudgetAndContext(t *testing.T) {
	menu := hostileMenu(2)
	_, err := ArbitrageOptions{MaxSteps: 1000}.Check(context.Background(), menu)
	if !errors.Is(err, ErrSearchLimit) {
		t.Fatalf("tiny budget: %v, want ErrSearchLimit", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (ArbitrageOptions{}).Check(ctx, menu); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v, want context.Canceled", err)
	}
	var ie *InputError
	if _, err := (ArbitrageOptions{MaxSteps: -1}).Check(context.Background(), menu); !errors.As(err, &ie) || ie.Field != "maxSteps" {
		t.Fatalf("negative budget: %v, want *InputError on maxSteps", err)
	}
}

func BenchmarkCheckArbitrage_Hostile64(b *testing.B) {
	menu := hostileMenu(1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CheckArbitrage(ctx, menu); err != nil && !errors.Is(err, ErrSearchLimit) {
			b.Fatal(err)
		}
	}
}
