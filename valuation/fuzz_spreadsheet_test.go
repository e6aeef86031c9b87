package valuation

import (
	"math"
	"testing"
	"time"
)

// The fuzz targets check that no input panics and that a nil error always comes with a finite
// result; the seeds are the Microsoft examples and edge cases. They run on their seeds in
// plain go test.

func requireFiniteResult(t *testing.T, v float64, err error) {
	t.Helper()
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		t.Fatalf("result %v with a nil error", v)
	}
}

func FuzzSLN(f *testing.F) {
	f.Add(30000.0, 7500.0, 10.0)
	f.Add(1e308, -1e308, 1e-308)
	f.Fuzz(func(t *testing.T, cost, salvage, life float64) {
		v, err := SLN(cost, salvage, life)
		requireFiniteResult(t, v, err)
	})
}

func FuzzSYD(f *testing.F) {
	f.Add(30000.0, 7500.0, 10.0, 1.0)
	f.Add(1e308, 0.0, 1e-300, 1e-300)
	f.Fuzz(func(t *testing.T, cost, salvage, life, per float64) {
		v, err := SYD(cost, salvage, life, per)
		requireFiniteResult(t, v, err)
	})
}

func FuzzDB(f *testing.F) {
	f.Add(1000000.0, 100000.0, 6.0, 7.0, 7.0)
	f.Add(100.0, 0.0, 0.5, 1.5, 12.0)
	f.Add(1e300, 1e-300, 99999.0, 99999.0, 1.0)
	f.Fuzz(func(t *testing.T, cost, salvage, life, period, month float64) {
		v, err := DB(cost, salvage, life, period, month)
		requireFiniteResult(t, v, err)
	})
}

func FuzzDDB(f *testing.F) {
	f.Add(2400.0, 300.0, 10.0, 10.0, 2.0)
	f.Add(2400.0, 300.0, 3650.0, 0.3, 1e300)
	f.Fuzz(func(t *testing.T, cost, salvage, life, period, factor float64) {
		v, err := DDB(cost, salvage, life, period, factor)
		requireFiniteResult(t, v, err)
		if err == nil && v < 0 {
			t.Fatalf("DDB = %v < 0", v)
		}
	})
}

func FuzzVDB(f *testing.F) {
	f.Add(2400.0, 300.0, 120.0, 6.0, 18.0, 2.0, false)
	f.Add(100.0, 10.0, 13.0, 0.5, 1.0, 1.0, true)
	f.Add(100.0, 1000.0, 12.7, 0.0, 12.7, 50.3, false)
	f.Fuzz(func(t *testing.T, cost, salvage, life, start, end, factor float64, noSwitch bool) {
		v, err := VDB(cost, salvage, life, start, end, factor, noSwitch)
		requireFiniteResult(t, v, err)
	})
}

func FuzzNPV(f *testing.F) {
	f.Add(0.1, -10000.0, 3000.0, 4200.0)
	f.Add(-0.9999999, 1e308, 1e308, -1e308)
	f.Fuzz(func(t *testing.T, rate, a, b, c float64) {
		v, err := NPV(rate, []float64{a, b, c})
		requireFiniteResult(t, v, err)
	})
}

// fuzzFlowDates turns three day offsets into dates, in any order.
func fuzzFlowDates(d1, d2, d3 int16) []time.Time {
	origin := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	return []time.Time{origin, origin.AddDate(0, 0, int(d1)), origin.AddDate(0, 0, int(d2)), origin.AddDate(0, 0, int(d3))}
}

func FuzzXNPV(f *testing.F) {
	f.Add(0.09, -10000.0, 2750.0, 4250.0, 3250.0, int16(60), int16(303), int16(411))
	f.Add(-0.99, 1.0, -1.0, 1e300, -1e300, int16(-400), int16(0), int16(32767))
	f.Fuzz(func(t *testing.T, rate, a, b, c, d float64, d1, d2, d3 int16) {
		v, err := XNPV(rate, []float64{a, b, c, d}, fuzzFlowDates(d1, d2, d3))
		requireFiniteResult(t, v, err)
	})
}

func FuzzIRR(f *testing.F) {
	f.Add(-70000.0, 12000.0, 15000.0, 18000.0, 0.1)
	f.Add(-100.0, 230.0, -132.0, 0.0, 0.25)
	f.Add(1e-300, -1e300, 1e300, -5.0, -0.999)
	f.Fuzz(func(t *testing.T, a, b, c, d, guess float64) {
		v, err := IRR([]float64{a, b, c, d}, guess)
		requireFiniteResult(t, v, err)
		if err == nil && v <= -1 {
			t.Fatalf("IRR = %v ≤ -1", v)
		}
	})
}

func FuzzMIRR(f *testing.F) {
	f.Add(-120000.0, 39000.0, 30000.0, 21000.0, 0.1, 0.12)
	f.Add(-1e300, 1e300, 0.0, 0.0, -0.999999, 1e300)
	f.Fuzz(func(t *testing.T, a, b, c, d, fr, rr float64) {
		v, err := MIRR([]float64{a, b, c, d}, fr, rr)
		requireFiniteResult(t, v, err)
	})
}

func FuzzXIRR(f *testing.F) {
	f.Add(-10000.0, 2750.0, 4250.0, 3250.0, int16(60), int16(303), int16(411), 0.1)
	f.Add(206101714.8494, -156650972.5427, 0.0, 0.0, int16(31), int16(31), int16(31), -0.1)
	f.Add(100.0, -1.0, 100.0, -1e300, int16(-1), int16(0), int16(1), 1e300)
	f.Fuzz(func(t *testing.T, a, b, c, d float64, d1, d2, d3 int16, guess float64) {
		v, err := XIRR([]float64{a, b, c, d}, fuzzFlowDates(d1, d2, d3), guess)
		requireFiniteResult(t, v, err)
		if err == nil && v <= -1 {
			t.Fatalf("XIRR = %v ≤ -1", v)
		}
	})
}
