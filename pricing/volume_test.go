package pricing

import (
	"context"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func eurm(s string) assay.Money { return assay.MustMoney(s, "EUR") }

func TestCheckPacks(t *testing.T) {
	pack := func(n int64, price string) Pack { return mustPlan(NewPack(n, eurm(price))) }
	for _, c := range []struct {
		name  string
		packs []Pack
		want  []VolumeViolation
	}{
		{
			// Reference sheet §2.4 (Dawex): 1,000 requests for €1,000, 10,000 for €9,000. Ten
			// small packs cost €10,000 > €9,000 and one large pack covers 1,000 only at a loss.
			name:  "Dawex packs are arbitrage-free",
			packs: []Pack{pack(1000, "1000"), pack(10000, "9000")},
		},
		{
			// Hand calculation: two packs of 1,000 at €400 hold 2,000 units for €800 < €1,000.
			name:  "two smaller packs beat one larger",
			packs: []Pack{pack(1000, "400"), pack(2000, "1000")},
			want:  []VolumeViolation{{Kind: Subadditivity, Units: 2000, Price: eurm("1000"), Buy: []PackCount{{1000, 2}}, Cost: eurm("800")}},
		},
		{
			// Hand calculation: the 5,000 pack at €300 holds more than the 3,000 pack at €350.
			// And for 5,000 units: 3,000 + 3,000 at €700 is dearer than €300, so no violation.
			name:  "a larger pack costs less",
			packs: []Pack{pack(3000, "350"), pack(5000, "300")},
			want:  []VolumeViolation{{Kind: Monotonicity, Units: 3000, Price: eurm("350"), Buy: []PackCount{{5000, 1}}, Cost: eurm("300")}},
		},
		{
			// Hand calculation: 7 = 3 + 4 units for 5 + 6 = 11 < 12, over a gcd of 1.
			name:  "mixed sizes",
			packs: []Pack{pack(3, "5"), pack(4, "6"), pack(7, "12")},
			want:  []VolumeViolation{{Kind: Subadditivity, Units: 7, Price: eurm("12"), Buy: []PackCount{{3, 1}, {4, 1}}, Cost: eurm("11")}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckPacks(context.Background(), c.packs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVolume_Arbitrage(t *testing.T) {
	plan := mustPlan(NewVolume([]Tier{
		{UpTo: 100, UnitPrice: eurm("1.00")},
		{UpTo: 1000, UnitPrice: eurm("0.80")},
		{UnitPrice: eurm("0.79")},
	}, assay.HalfEven))
	got, err := plan.Arbitrage()
	if err != nil {
		t.Fatal(err)
	}
	// Hand calculation: 100 units × 1.00 = 100.00 but 101 × 0.80 = 80.80; 1,000 × 0.80 = 800.00
	// but 1,001 × 0.79 = 790.79.
	want := []VolumeViolation{
		{Kind: Monotonicity, Units: 100, Price: eurm("100"), Buy: []PackCount{{101, 1}}, Cost: eurm("80.80")},
		{Kind: Monotonicity, Units: 1000, Price: eurm("800"), Buy: []PackCount{{1001, 1}}, Cost: eurm("790.79")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}
