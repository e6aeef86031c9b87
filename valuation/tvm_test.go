package valuation

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var depRateTol = cmpopts.EquateApprox(0, 1e-7)

func depDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Microsoft's XNPV and XIRR example (support.microsoft.com, "XNPV function", "XIRR function").
var (
	msFlowValues = []float64{-10000, 2750, 4250, 3250, 2750}
	msFlowDates  = []time.Time{depDay(2008, 1, 1), depDay(2008, 3, 1), depDay(2008, 10, 30), depDay(2009, 2, 15), depDay(2009, 4, 1)}
)

// Microsoft's documented examples (support.microsoft.com: "NPV function", "XNPV function",
// "IRR function", "MIRR function", "XIRR function"), printed to the cent or to 0.1 %.
func TestTVM_MicrosoftExamples(t *testing.T) {
	npv := func(rate float64, v []float64, outlay float64) func() (float64, error) {
		return func() (float64, error) { x, err := NPV(rate, v); return x + outlay, err }
	}
	cash := []float64{-120000, 39000, 30000, 21000, 37000, 46000}
	tests := []struct {
		name string
		got  func() (float64, error)
		want float64
		tol  cmp.Option
	}{
		{"NPV example 1", npv(0.1, []float64{-10000, 3000, 4200, 6800}, 0), 1188.44, depCentTol},
		{"NPV example 2", npv(0.08, []float64{8000, 9200, 10000, 12000, 14500}, -40000), 1922.06, depCentTol},
		{"NPV example 2 with loss", npv(0.08, []float64{8000, 9200, 10000, 12000, 14500, -9000}, -40000), -3749.47, depCentTol},
		{"XNPV", func() (float64, error) { return XNPV(0.09, msFlowValues, msFlowDates) }, 2086.65, depCentTol},
		{"IRR 4 years", func() (float64, error) { return IRR([]float64{-70000, 12000, 15000, 18000, 21000}, 0.1) }, -0.021, cmpopts.EquateApprox(0, 0.0005)},
		{"IRR 5 years", func() (float64, error) { return IRR([]float64{-70000, 12000, 15000, 18000, 21000, 26000}, 0.1) }, 0.087, cmpopts.EquateApprox(0, 0.0005)},
		{"IRR 2 years guess -10%", func() (float64, error) { return IRR([]float64{-70000, 12000, 15000}, -0.1) }, -0.444, cmpopts.EquateApprox(0, 0.0005)},
		{"MIRR 5 years", func() (float64, error) { return MIRR(cash, 0.1, 0.12) }, 0.126, cmpopts.EquateApprox(0, 0.0005)},
		{"MIRR 3 years", func() (float64, error) { return MIRR(cash[:4], 0.1, 0.12) }, -0.048, cmpopts.EquateApprox(0, 0.0005)},
		{"MIRR 5 years at 14%", func() (float64, error) { return MIRR(cash, 0.1, 0.14) }, 0.135, cmpopts.EquateApprox(0, 0.0005)},
		{"XIRR", func() (float64, error) { return XIRR(msFlowValues, msFlowDates, 0.1) }, 0.373362535, depRateTol},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, tt.tol); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// Excel 2010 XIRR results published with ExcelFinancialFunctions (fsprojects, Apache-2.0),
// tests/ExcelFinancialFunctions.Tests/testdata/xirr.test. Excel's own answers move by about
// 1e-8 with the guess, hence the 1e-7 tolerance. The last three are the hard cases that defeat
// plain Newton in ports: rates near −1 and flows of 10⁸.
func TestXIRR_Excel2010(t *testing.T) {
	d := func(y int, m time.Month, dd int) time.Time { return depDay(y, m, dd) }
	tests := []struct {
		values []float64
		dates  []time.Time
		guess  float64
		want   float64
	}{
		{[]float64{-100, 10, 10, 100}, []time.Time{d(1970, 4, 1), d(1972, 2, 12), d(1980, 4, 23), d(1983, 3, 30)}, 0.15, 0.01563509255648},
		{[]float64{-100, 10, 10, 100}, []time.Time{d(1970, 4, 1), d(1973, 4, 12), d(1983, 5, 23), d(1987, 4, 30)}, 0.5, 0.01183557882905},
		{[]float64{-100, 10, 10, 100}, []time.Time{d(1970, 4, 1), d(1974, 2, 14), d(1985, 6, 26), d(1989, 5, 4)}, 0, 0.01052397949219},
		{[]float64{-100, -10, 10, 100}, []time.Time{d(1970, 4, 1), d(1972, 2, 12), d(1980, 4, 23), d(1983, 3, 30)}, 0.15, 4.470348358154e-09},
		{[]float64{-1, 3, 4}, []time.Time{d(1970, 3, 2), d(1988, 2, 3), d(1999, 3, 5)}, 0.14, 0.08833194077015},
		{[]float64{-185550.98, -231887.53, -26756.74, -384010.86, -27114.54, -458667.97, -217853.67, -424924.25, -75076.01, -389630.32, -112094.2, -25646.4, -24164.69, -1222.08, -556.91, 1204954.004},
			[]time.Time{d(2008, 5, 15), d(2008, 5, 19), d(2008, 5, 30), d(2008, 6, 20), d(2008, 6, 26), d(2008, 8, 21), d(2008, 9, 8), d(2008, 10, 13), d(2008, 10, 14), d(2008, 10, 24), d(2008, 11, 19), d(2008, 11, 21), d(2008, 11, 21), d(2008, 11, 21), d(2008, 12, 3), d(2008, 12, 5)},
			-0.1, -0.9549350477522},
		{[]float64{105091006, -103250941.8647}, []time.Time{d(2000, 4, 10), d(2000, 4, 30)}, -0.1, -0.2755730099976},
		{[]float64{206101714.8494, -156650972.5427}, []time.Time{d(2001, 2, 28), d(2001, 3, 31)}, -0.1, -0.9604521892965},
	}
	for _, tt := range tests {
		got, err := XIRR(tt.values, tt.dates, tt.guess)
		if err != nil {
			t.Errorf("XIRR(%v, guess %v): %v", tt.values, tt.guess, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, depRateTol); diff != "" {
			t.Errorf("XIRR(%v, guess %v) (-want +got)\n%s", tt.values, tt.guess, diff)
		}
	}
}

// XNPV counts calendar days: the time of day and the location's offset play no part.
func TestXNPV_TruncatesDatesToDays(t *testing.T) {
	hk := time.FixedZone("HKT", 8*3600)
	shifted := []time.Time{
		time.Date(2008, 1, 1, 23, 59, 0, 0, hk), time.Date(2008, 3, 1, 0, 1, 0, 0, time.UTC),
		time.Date(2008, 10, 30, 12, 0, 0, 0, hk), time.Date(2009, 2, 15, 18, 0, 0, 0, time.UTC), time.Date(2009, 4, 1, 6, 0, 0, 0, hk),
	}
	want, _ := XNPV(0.09, msFlowValues, msFlowDates)
	got, err := XNPV(0.09, msFlowValues, shifted)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// A date before the first is accepted (Office's behaviour): its exponent is negative. By hand,
// 100 paid 365 days before the origin is worth 100·1.1 at the origin.
func TestXNPV_DateBeforeFirst(t *testing.T) {
	got, err := XNPV(0.1, []float64{0, 100}, []time.Time{depDay(2021, 1, 1), depDay(2020, 1, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(110.0, got, depAmountTol); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// NPV at the IRR is zero and XNPV at the XIRR is zero, on random flows with one sign change
// (a unique root, by Descartes' rule of signs).
func TestRates_RootProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 2026))
	for trial := range 200 {
		n := 2 + rng.IntN(30)
		values := make([]float64, n)
		dates := make([]time.Time, n)
		values[0] = -(1 + rng.Float64()*1e6)
		dates[0] = depDay(2020, 1, 1)
		scale := 0.0
		for i := 1; i < n; i++ {
			values[i] = rng.Float64() * 1e6 / float64(n) * 2
			dates[i] = dates[i-1].AddDate(0, 0, 1+rng.IntN(400))
		}
		for _, v := range values {
			scale += math.Abs(v)
		}
		irr, err := IRR(values, 0.1)
		if err != nil {
			t.Fatalf("trial %d: IRR(%v): %v", trial, values, err)
		}
		npv, _ := NPV(irr, values[1:])
		if r := (npv + values[0]) / scale; math.Abs(r) > 1e-9 {
			t.Errorf("trial %d: NPV at IRR %v is %v of the flows", trial, irr, r)
		}
		xirr, err := XIRR(values, dates, 0.1)
		if err != nil {
			t.Fatalf("trial %d: XIRR(%v): %v", trial, values, err)
		}
		xnpv, _ := XNPV(xirr, values, dates)
		if r := xnpv / scale; math.Abs(r) > 1e-9 {
			t.Errorf("trial %d: XNPV at XIRR %v is %v of the flows", trial, xirr, r)
		}
	}
}

// With two sign changes two rates solve the equation; like Excel, IRR returns the one Newton
// reaches from the guess. −100, 230, −132 has roots 10 % and 20 % (by hand: 100x² − 230x + 132
// = 0 in x = 1+r gives x = 1.1 and 1.2).
func TestIRR_MultipleRootsFollowGuess(t *testing.T) {
	values := []float64{-100, 230, -132}
	for _, c := range []struct{ guess, want float64 }{{0.05, 0.1}, {0.25, 0.2}} {
		got, err := IRR(values, c.guess)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, got, depRateTol); diff != "" {
			t.Errorf("guess %v (-want +got)\n%s", c.guess, diff)
		}
	}
}

// A guess from which Newton leaves the domain still finds the root by bracketing: the last
// hard case of the Excel table above, searched from a guess of 500 %.
func TestXIRR_FallbackFromFarGuess(t *testing.T) {
	got, err := XIRR([]float64{206101714.8494, -156650972.5427}, []time.Time{depDay(2001, 2, 28), depDay(2001, 3, 31)}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(-0.9604521892965, got, depRateTol); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestRates_Errors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		call func() (float64, error)
		want error
	}{
		{"NPV empty", func() (float64, error) { return NPV(0.1, nil) }, ErrInvalidInput},
		{"NPV rate -1", func() (float64, error) { return NPV(-1, []float64{1}) }, ErrInvalidInput},
		{"NPV NaN value", func() (float64, error) { return NPV(0.1, []float64{1, nan}) }, ErrInvalidInput},
		{"XNPV mismatched", func() (float64, error) { return XNPV(0.1, []float64{1, 2}, msFlowDates[:1]) }, ErrInvalidInput},
		{"XNPV rate -1", func() (float64, error) { return XNPV(-1, msFlowValues, msFlowDates) }, ErrInvalidInput},
		{"IRR one sign", func() (float64, error) { return IRR([]float64{1, 2, 3}, 0.1) }, ErrNoSignChange},
		{"IRR zeros", func() (float64, error) { return IRR([]float64{0, 0}, 0.1) }, ErrNoSignChange},
		{"IRR NaN guess", func() (float64, error) { return IRR([]float64{-1, 2}, nan) }, ErrInvalidInput},
		{"IRR no root", func() (float64, error) { return IRR([]float64{100, -1, 100}, 0.1) }, ErrNoConvergence},
		{"MIRR one sign", func() (float64, error) { return MIRR([]float64{-1, -2}, 0.1, 0.1) }, ErrNoSignChange},
		{"MIRR finance -1", func() (float64, error) { return MIRR([]float64{-1, 2}, -1, 0.1) }, ErrInvalidInput},
		{"MIRR reinvest -1", func() (float64, error) { return MIRR([]float64{-1, 2}, 0.1, -1) }, ErrInvalidInput},
		{"XIRR one sign", func() (float64, error) { return XIRR([]float64{-1, -2}, msFlowDates[:2], 0.1) }, ErrNoSignChange},
		{"XIRR mismatched", func() (float64, error) { return XIRR([]float64{-1, 2}, msFlowDates[:1], 0.1) }, ErrInvalidInput},
		{"XIRR no root", func() (float64, error) {
			return XIRR([]float64{100, -1, 100}, []time.Time{depDay(2020, 1, 1), depDay(2021, 1, 1), depDay(2022, 1, 1)}, 0.1)
		}, ErrNoConvergence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, %v; want an error wrapping %v", got, err, tt.want)
			}
		})
	}
}

// Flows 365 days apart (not calendar years) make XIRR's exponents the IRR's periods, so the
// two rates must agree. 60 flows fit XIRR's stack buffer of 64, 130 do not: both paths run.
func TestXIRR_EqualsIRROnYearlyDays(t *testing.T) {
	for _, n := range []int{60, 130} {
		values := make([]float64, n)
		dates := make([]time.Time, n)
		values[0] = -1000
		for i := range values {
			if i > 0 {
				values[i] = 60 + float64(i%5)
			}
			dates[i] = depDay(2000, 1, 1).AddDate(0, 0, 365*i)
		}
		irr, err := IRR(values, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		xirr, err := XIRR(values, dates, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(irr, xirr, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("%d flows (-IRR +XIRR)\n%s", n, diff)
		}
	}
}

// Excel 2010 results published with ExcelFinancialFunctions (fsprojects, Apache-2.0),
// tests/ExcelFinancialFunctions.Tests/testdata/npv.test, irr.test and mirr.test. They include
// rates below −1, which Excel accepts in NPV and MIRR, and an IRR of exactly 0.
func TestTVM_Excel2010(t *testing.T) {
	a := []float64{-100, 10, 10, 100}
	b := []float64{-100, -10, 10, 100}
	c := []float64{-200, 0, 10, -10, 300}
	d := []float64{-123, 12, 15, 50, 200}
	npv := func(rate float64, v []float64) func() (float64, error) {
		return func() (float64, error) { return NPV(rate, v) }
	}
	irr := func(v []float64, guess float64) func() (float64, error) {
		return func() (float64, error) { return IRR(v, guess) }
	}
	mirr := func(v []float64, fr, rr float64) func() (float64, error) {
		return func() (float64, error) { return MIRR(v, fr, rr) }
	}
	tests := []struct {
		name string
		got  func() (float64, error)
		want float64
		tol  cmp.Option
	}{
		{"NPV -1.5", npv(-1.5, a), 1760, depAmountTol},
		{"NPV -2", npv(-2, c), -120, depAmountTol},
		{"NPV -0.4", npv(-0.4, c), 3493.827160494, depAmountTol},
		{"NPV -0.1", npv(-0.1, b), 42.67642127724, depAmountTol},
		{"NPV 0", npv(0, c), 100, depAmountTol},
		{"NPV 0.6", npv(0.6, c), -95.47424316406, depAmountTol},
		{"NPV 0.14", npv(0.14, d), 44.94119298304, depAmountTol},
		{"IRR a", irr(a, 0.15), 0.06886017912484, depRateTol},
		{"IRR b", irr(b, 0.5), 0, depRateTol},
		{"IRR c", irr(c, 0), 0.1077814124169, depRateTol},
		{"IRR d", irr(d, 0.14), 0.2609523370085, depRateTol},
		{"MIRR a -1.5 -1.5", mirr(a, -1.5, -1.5), -0.008403758659613, depRateTol},
		{"MIRR a -1.5 -2", mirr(a, -1.5, -2), 0, depRateTol},
		{"MIRR a 0 1.5", mirr(a, 0, 1.5), 0.2331060371652, depRateTol},
		{"MIRR b -2 -0.4", mirr(b, -2, -0.4), 0.05605803510589, depRateTol},
		{"MIRR b -0.4 0.6", mirr(b, -0.4, 0.6), -0.001908401584573, depRateTol},
		{"MIRR b 1.5 -0.1", mirr(b, 1.5, -0.1), 0.01577546701049, depRateTol},
		{"MIRR c -1.5 0", mirr(c, -1.5, 0), 0.2677835488884, depRateTol},
		{"MIRR c 0.6 1.5", mirr(c, 0.6, 1.5), 0.1567837157776, depRateTol},
		{"MIRR d", mirr(d, 0.14, 0.12), 0.2409336872986, depRateTol},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, tt.tol); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
