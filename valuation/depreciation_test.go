package valuation

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Agreement targets of the issue: 1e-9 relative on amounts, 1e-7 on rates. Microsoft's
// examples are printed to the cent, so they are compared to half a cent.
var (
	depAmountTol = cmpopts.EquateApprox(1e-9, 1e-9)
	depCentTol   = cmpopts.EquateApprox(0, 0.005)
)

// Microsoft's documented examples (support.microsoft.com: "SLN function", "SYD function",
// "DB function", "DDB function", "VDB function").
func TestDepreciation_MicrosoftExamples(t *testing.T) {
	tests := []struct {
		name string
		got  func() (float64, error)
		want float64
	}{
		{"SLN(30000,7500,10)", func() (float64, error) { return SLN(30000, 7500, 10) }, 2250},
		{"SYD(30000,7500,10,1)", func() (float64, error) { return SYD(30000, 7500, 10, 1) }, 4090.91},
		{"SYD(30000,7500,10,10)", func() (float64, error) { return SYD(30000, 7500, 10, 10) }, 409.09},
		{"DB p1", func() (float64, error) { return DB(1000000, 100000, 6, 1, 7) }, 186083.33},
		{"DB p2", func() (float64, error) { return DB(1000000, 100000, 6, 2, 7) }, 259639.42},
		{"DB p3", func() (float64, error) { return DB(1000000, 100000, 6, 3, 7) }, 176814.44},
		{"DB p4", func() (float64, error) { return DB(1000000, 100000, 6, 4, 7) }, 120410.64},
		{"DB p5", func() (float64, error) { return DB(1000000, 100000, 6, 5, 7) }, 81999.64},
		{"DB p6", func() (float64, error) { return DB(1000000, 100000, 6, 6, 7) }, 55841.76},
		{"DB p7 = life+1", func() (float64, error) { return DB(1000000, 100000, 6, 7, 7) }, 15845.10},
		{"DDB first day", func() (float64, error) { return DDB(2400, 300, 3650, 1, 2) }, 1.32},
		{"DDB first month", func() (float64, error) { return DDB(2400, 300, 120, 1, 2) }, 40},
		{"DDB first year", func() (float64, error) { return DDB(2400, 300, 10, 1, 2) }, 480},
		{"DDB second year factor 1.5", func() (float64, error) { return DDB(2400, 300, 10, 2, 1.5) }, 306},
		{"DDB tenth year", func() (float64, error) { return DDB(2400, 300, 10, 10, 2) }, 22.12},
		{"VDB first day", func() (float64, error) { return VDB(2400, 300, 3650, 0, 1, 2, false) }, 1.32},
		{"VDB first month", func() (float64, error) { return VDB(2400, 300, 120, 0, 1, 2, false) }, 40},
		{"VDB first year", func() (float64, error) { return VDB(2400, 300, 10, 0, 1, 2, false) }, 480},
		{"VDB months 6-18", func() (float64, error) { return VDB(2400, 300, 120, 6, 18, 2, false) }, 396.31},
		{"VDB months 6-18 factor 1.5", func() (float64, error) { return VDB(2400, 300, 120, 6, 18, 1.5, false) }, 311.81},
		{"VDB fractional end", func() (float64, error) { return VDB(2400, 300, 10, 0, 0.875, 1.5, false) }, 315},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, depCentTol); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// Excel 2010 results published with ExcelFinancialFunctions (fsprojects, Apache-2.0), whose
// test data was generated in Excel 2010: tests/ExcelFinancialFunctions.Tests/testdata/db.test,
// ddb.test and vdb.test, rows cost,salvage,life,period,month|factor[,noSwitch],result.
// Fractional periods and lives, salvage 0 and 50 % of cost, and huge factors are included.
func TestDB_Excel2010(t *testing.T) {
	tests := []struct{ cost, salvage, life, period, month, want float64 }{
		{100, 10, 1, 0.3, 4, 30},
		{100, 10, 13, 1.7, 9, 12.15},
		{100, 10, 13, 2, 1, 15.9813},
		{100, 10, 13, 10, 4, 3.726990622174},
		{100, 10, 13, 11.3, 9, 2.900366952647},
		{100, 10, 13, 13, 1, 2.287158746586},
		{100, 10, 12.7, 0.3, 1, 1.383333333333},
		{100, 10, 12.7, 2, 9, 14.5333},
		{100, 10, 12.7, 11.3, 4, 3.061125498642},
		{100, 10, 40, 13, 9, 2.846069317619},
		{100, 50, 13, 10, 9, 3.259818574247},
		{100, 50, 40, 11.3, 1, 1.454838867435},
		{100, 0, 13, 2, 1, 91.66666666667},
		{100, 0, 40, 10, 4, 0},
		{200, 10, 13, 11.3, 4, 4.812678880548},
		{200, 10, 12.7, 10, 9, 5.368289523854},
		{200, 50, 40, 13, 4, 4.595229383329},
		{200, 0, 12.7, 2, 9, 50},
		{122, 12, 12, 2, 3, 20.527232},
	}
	for _, tt := range tests {
		got, err := DB(tt.cost, tt.salvage, tt.life, tt.period, tt.month)
		if err != nil {
			t.Errorf("DB(%v, %v, %v, %v, %v): %v", tt.cost, tt.salvage, tt.life, tt.period, tt.month, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, depAmountTol); diff != "" {
			t.Errorf("DB(%v, %v, %v, %v, %v) (-want +got)\n%s", tt.cost, tt.salvage, tt.life, tt.period, tt.month, diff)
		}
	}
}

// Excel 2010 SYD results (ExcelFinancialFunctions, syd.test): a fractional period is not
// truncated, so a period of 0.3 in a one-year life charges 1.7 times the depreciable amount.
func TestSYD_Excel2010(t *testing.T) {
	tests := []struct{ cost, salvage, life, per, want float64 }{
		{100, 10, 1, 0.3, 153},
		{100, 10, 13, 1.7, 12.16483516484},
		{100, 10, 12.7, 11.3, 2.482901316168},
		{100, 50, 40, 13, 1.707317073171},
		{200, 0, 40, 11.3, 7.243902439024},
		{130, 10, 10, 4, 15.27272727273},
	}
	for _, tt := range tests {
		got, err := SYD(tt.cost, tt.salvage, tt.life, tt.per)
		if err != nil {
			t.Errorf("SYD(%v, %v, %v, %v): %v", tt.cost, tt.salvage, tt.life, tt.per, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, depAmountTol); diff != "" {
			t.Errorf("SYD(%v, %v, %v, %v) (-want +got)\n%s", tt.cost, tt.salvage, tt.life, tt.per, diff)
		}
	}
}

func TestDDB_Excel2010(t *testing.T) {
	tests := []struct{ cost, salvage, life, period, factor, want float64 }{
		{100, 10, 1, 0.3, 4.5, 90},
		{100, 10, 13, 0.3, 3, 23.07692307692},
		{100, 10, 13, 2, 4.5, 22.63313609467},
		{100, 10, 13, 2, 50.3, 0},
		{100, 10, 13, 10, 1, 3.742809226182},
		{100, 10, 13, 10, 3, 0},
		{100, 10, 13, 13, 1, 2.943820820593},
		{100, 10, 12.7, 11, 1, 3.467509718405},
		{100, 10, 40, 13, 4.5, 2.68641351187},
		{100, 50, 13, 2, 4.5, 15.38461538462},
		{100, 50, 12.7, 2, 4.5, 14.56692913386},
		{100, 50, 40, 10, 3, 0},
		{100, 0, 13, 13, 4.5, 0.2113372453466},
		{100, 0, 12.7, 10, 4.5, 0.6910348906906},
		{200, 10, 13, 10, 3, 4.352289017184},
		{200, 10, 12.7, 11, 3, 3.191741147634},
		{200, 50, 40, 13, 3, 5.885617738223},
		{200, 50, 40, 13, 4.5, 0},
		{200, 0, 13, 11, 4.5, 0.9886780474348},
		{120, 20, 10, 4, 3, 12.348},
	}
	for _, tt := range tests {
		got, err := DDB(tt.cost, tt.salvage, tt.life, tt.period, tt.factor)
		if err != nil {
			t.Errorf("DDB(%v, %v, %v, %v, %v): %v", tt.cost, tt.salvage, tt.life, tt.period, tt.factor, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, depAmountTol); diff != "" {
			t.Errorf("DDB(%v, %v, %v, %v, %v) (-want +got)\n%s", tt.cost, tt.salvage, tt.life, tt.period, tt.factor, diff)
		}
	}
}

func TestVDB_Excel2010(t *testing.T) {
	tests := []struct {
		cost, salvage, life, start, end, factor float64
		noSwitch                                bool
		want                                    float64
	}{
		{100, 10, 1, 0, 0.8, 50.3, true, 72},
		{100, 10, 1, 0, 0.8, 1, false, 72},
		{100, 10, 13, 0, 0.8, 4.5, false, 27.69230769231},
		{100, 10, 13, 0, 3, 1, true, 21.34729176149},
		{100, 10, 13, 0, 3, 1, false, 21.62990855299},
		{100, 10, 13, 0, 4.2, 1, true, 28.51446162465},
		{100, 10, 13, 0, 4.2, 1, false, 29.83431952663},
		{100, 10, 13, 0, 13, 1, true, 64.67415015288},
		{100, 10, 13, 0, 13, 1, false, 90},
		{100, 10, 13, 0, 3.3, 1, false, 23.6810112964},
		{100, 10, 13, 1, 3, 1, false, 13.93760086068},
		{100, 10, 13, 1, 3, 50.3, false, 0},
		{100, 10, 13, 1, 4.2, 1, true, 20.82215393234},
		{100, 10, 13, 1, 13, 1, false, 82.30769230769},
		{100, 10, 13, 1, 13, 4.5, true, 55.38461538462},
		{100, 10, 13, 1, 3.3, 1, false, 15.98870360409},
		{100, 10, 13, 2, 4.2, 1, false, 15.04142011834},
		{100, 10, 13, 2, 4.2, 4.5, false, 25.73991261618},
		{100, 10, 13, 2, 13, 1, true, 49.8812507446},
		{100, 10, 13, 2, 13, 1, false, 75.20710059172},
		{100, 10, 13, 2, 3.3, 1, false, 8.888111888112},
		{100, 10, 13, 10, 13, 1, true, 9.58786086707},
		{100, 10, 13, 10, 13, 1, false, 20.5110274341},
		{100, 10, 13, 13, 13, 1, true, 0},
		{100, 10, 12.7, 0, 3, 1, false, 22.12541060596},
		{100, 10, 12.7, 0, 4.2, 1, false, 30.52226702584},
		{100, 10, 12.7, 1, 3.3, 1, false, 16.3506089629},
		{100, 10, 12.7, 2, 4.2, 3, true, 25.91287887285},
		{100, 10, 12.7, 2, 3.3, 1, false, 9.096594454871},
		{100, 10, 40, 0, 13, 1, false, 29.74404651228},
		{100, 10, 40, 0, 20, 1, true, 39.73123197809},
		{100, 10, 40, 0, 20, 1, false, 45.36596037946},
		{100, 10, 40, 0, 4.2, 4.5, false, 39.35566851196},
		// The switch happens in a fractional last period (the case excelize gets wrong).
		{200, 10, 40, 0, 4.2, 1, false, 20.31586148649},
		{200, 10, 40, 0, 4.2, 1, true, 20.16610976563},
		{200, 10, 40, 0, 3.3, 1, false, 16.05005912162},
		{200, 10, 13, 2, 13, 1, false, 160.0641025641},
		{200, 10, 13, 10, 13, 1, false, 43.65384615385},
		{200, 10, 13, 10, 13, 3, false, 4.507630057281},
		{200, 10, 12.7, 2, 3.3, 1, false, 19.36132983377},
		{200, 10, 12.7, 1, 4.2, 1, false, 47.65865805236},
	}
	for _, tt := range tests {
		got, err := VDB(tt.cost, tt.salvage, tt.life, tt.start, tt.end, tt.factor, tt.noSwitch)
		if err != nil {
			t.Errorf("VDB(%v, %v, %v, %v, %v, %v, %v): %v", tt.cost, tt.salvage, tt.life, tt.start, tt.end, tt.factor, tt.noSwitch, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, depAmountTol); diff != "" {
			t.Errorf("VDB(%v, %v, %v, %v, %v, %v, %v) (-want +got)\n%s", tt.cost, tt.salvage, tt.life, tt.start, tt.end, tt.factor, tt.noSwitch, diff)
		}
	}
}

// TestVDB_SwitchesToStraightLine checks the switch by hand: VDB(100,10,13,0,3,1). Year 1 DDB
// 100/13 = 7.6923 beats SL 90/13 = 6.9231; year 2 DDB 92.3077/13 = 7.1006 beats SL
// 82.3077/12 = 6.8590; year 3 DDB 85.2071/13 = 6.5544 loses to SL 75.2071/11 = 6.8370.
func TestVDB_SwitchesToStraightLine(t *testing.T) {
	want := 100.0/13 + (100-100.0/13)/13 + (90-100.0/13-(100-100.0/13)/13)/11
	got, err := VDB(100, 10, 13, 0, 3, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, depAmountTol); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestVDB_NotAdditiveOnFractionalStart pins the behaviour of Excel's VDB (Microsoft's VDB documentation; checked in Excel 2010):
// the halves of a period do not add up to the period. By hand: VDB(…,0,0.5) = 7.6923/2 =
// 3.8462; VDB(…,0.5,1) restarts from 96.1538 over 12.5 periods, 96.1538/13/2 = 3.6982; the
// whole period is 7.6923, so the difference is −0.14793.
func TestVDB_NotAdditiveOnFractionalStart(t *testing.T) {
	a, _ := VDB(100, 10, 13, 0, 0.5, 1, false)
	b, _ := VDB(100, 10, 13, 0.5, 1, 1, false)
	c, _ := VDB(100, 10, 13, 0, 1, 1, false)
	want := (100.0/13)/2 + (100-(100.0/13)/2)/13/2 - 100.0/13
	if diff := cmp.Diff(want, a+b-c, depAmountTol); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if math.Abs(a+b-c+0.1479) > 1e-4 {
		t.Errorf("a+b-c = %v, want about -0.1479", a+b-c)
	}
}

// Σ SYD over the life is cost − salvage: Σₖ (L−k+1) = L(L+1)/2.
func TestSYD_SumsToDepreciableAmount(t *testing.T) {
	for _, c := range []struct{ cost, salvage, life float64 }{{30000, 7500, 10}, {12e6, 6e5, 5}, {1, 0, 3}, {999.99, 0.01, 7}} {
		var sum float64
		for p := 1.0; p <= c.life; p++ {
			d, err := SYD(c.cost, c.salvage, c.life, p)
			if err != nil {
				t.Fatal(err)
			}
			sum += d
		}
		if diff := cmp.Diff(c.cost-c.salvage, sum, depAmountTol); diff != "" {
			t.Errorf("%+v (-want +got)\n%s", c, diff)
		}
	}
}

// Σ DB over periods 1…life (month 12) is cost·(1 − (1 − rate)^life) with the rounded rate —
// not cost − salvage: Excel's documented consequence of rounding the rate. The oracle is the
// closed form of the geometric series; the gap to cost − salvage is bounded by the rate's
// rounding (|Δrate| ≤ 0.0005 changes the book value by at most cost·life·0.0005).
func TestDB_SumsToRoundedRateBalance(t *testing.T) {
	for _, c := range []struct{ cost, salvage, life float64 }{{1e6, 1e5, 6}, {12e6, 6e5, 5}, {2400, 300, 10}, {100, 10, 13}} {
		var sum float64
		for p := 1.0; p <= c.life; p++ {
			d, err := DB(c.cost, c.salvage, c.life, p, 12)
			if err != nil {
				t.Fatal(err)
			}
			sum += d
		}
		rate := math.Round((1-math.Pow(c.salvage/c.cost, 1/c.life))*1000) / 1000
		if diff := cmp.Diff(c.cost*(1-math.Pow(1-rate, c.life)), sum, depAmountTol); diff != "" {
			t.Errorf("%+v (-want +got)\n%s", c, diff)
		}
		if gap := math.Abs(sum - (c.cost - c.salvage)); gap > c.cost*c.life*0.0005 {
			t.Errorf("%+v: Σ DB misses cost − salvage by %v, more than the rate's rounding allows", c, gap)
		}
	}
}

// VDB(0, life) with the switch is cost − salvage; without it, VDB over whole periods is Σ DDB.
func TestVDB_Properties(t *testing.T) {
	for _, c := range []struct{ cost, salvage, life, factor float64 }{
		{2400, 300, 10, 2}, {12e6, 6e5, 5, 2}, {100, 10, 13, 1}, {100, 0, 7, 1.5}, {5000, 4999, 3, 3}, {100, 10, 12.7, 2},
	} {
		got, err := VDB(c.cost, c.salvage, c.life, 0, c.life, c.factor, false)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.cost-c.salvage, got, depAmountTol); diff != "" {
			t.Errorf("VDB(0, life) %+v (-want +got)\n%s", c, diff)
		}
		var sum float64
		for p := 1.0; p <= math.Floor(c.life); p++ {
			d, _ := DDB(c.cost, c.salvage, c.life, p, c.factor)
			sum += d
		}
		got, err = VDB(c.cost, c.salvage, c.life, 0, math.Floor(c.life), c.factor, true)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sum, got, depAmountTol); diff != "" {
			t.Errorf("VDB noSwitch vs Σ DDB %+v (-want +got)\n%s", c, diff)
		}
	}
}

// DDB of a fractional period is the next whole period's charge (documented choice).
func TestDDB_FractionalPeriodRoundsUp(t *testing.T) {
	for _, c := range []struct{ period, whole float64 }{{0.3, 1}, {1.5, 2}, {9.01, 10}} {
		got, _ := DDB(2400, 300, 10, c.period, 2)
		want, _ := DDB(2400, 300, 10, c.whole, 2)
		if got != want {
			t.Errorf("DDB period %v = %v, want period %v's %v", c.period, got, c.whole, want)
		}
	}
}

func TestDepreciation_InvalidInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name  string
		call  func() (float64, error)
		field string
	}{
		{"SLN life 0", func() (float64, error) { return SLN(100, 10, 0) }, "life"},
		{"SLN life negative", func() (float64, error) { return SLN(100, 10, -3) }, "life"},
		{"SLN salvage negative", func() (float64, error) { return SLN(100, -1, 3) }, "salvage"},
		{"SLN NaN cost", func() (float64, error) { return SLN(nan, 1, 3) }, "cost"},
		{"SYD per 0", func() (float64, error) { return SYD(100, 10, 5, 0) }, "per"},
		{"SYD per > life", func() (float64, error) { return SYD(100, 10, 5, 5.5) }, "per"},
		{"SYD Inf life", func() (float64, error) { return SYD(100, 10, inf, 1) }, "life"},
		{"DB negative cost", func() (float64, error) { return DB(-100, 10, 5, 1, 12) }, "cost"},
		{"DB month 0", func() (float64, error) { return DB(100, 10, 5, 1, 0) }, "month"},
		{"DB month 13", func() (float64, error) { return DB(100, 10, 5, 1, 13) }, "month"},
		{"DB period beyond life+1", func() (float64, error) { return DB(100, 10, 5, 7, 12) }, "period"},
		{"DB period 0", func() (float64, error) { return DB(100, 10, 5, 0, 12) }, "period"},
		{"DB NaN month", func() (float64, error) { return DB(100, 10, 5, 1, nan) }, "month"},
		{"DDB negative cost", func() (float64, error) { return DDB(-1, 0, 5, 1, 2) }, "cost"},
		{"DDB factor 0", func() (float64, error) { return DDB(100, 10, 5, 1, 0) }, "factor"},
		{"DDB period > life", func() (float64, error) { return DDB(100, 10, 5, 6, 2) }, "period"},
		{"DDB salvage negative", func() (float64, error) { return DDB(100, -10, 5, 1, 2) }, "salvage"},
		{"VDB end > life", func() (float64, error) { return VDB(100, 10, 5, 0, 6, 2, false) }, "end"},
		{"VDB start > end", func() (float64, error) { return VDB(100, 10, 5, 3, 2, 2, false) }, "end"},
		{"VDB start negative", func() (float64, error) { return VDB(100, 10, 5, -1, 2, 2, false) }, "start"},
		{"VDB life 0", func() (float64, error) { return VDB(100, 10, 0, 0, 0, 2, false) }, "life"},
		{"VDB start = end = life", func() (float64, error) { return VDB(100, 10, 5, 5, 5, 2, false) }, "start"},
		{"VDB huge life", func() (float64, error) { return VDB(100, 10, 1e300, 0, 1e300, 2, false) }, "life"},
		{"VDB NaN factor", func() (float64, error) { return VDB(100, 10, 5, 0, 1, nan, false) }, "factor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("got %v, %v; want an error wrapping ErrInvalidInput", got, err)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Errorf("error %v does not name %q", err, tt.field)
			}
		})
	}
}
