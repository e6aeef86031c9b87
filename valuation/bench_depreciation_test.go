package valuation

import (
	"testing"
	"time"

	"github.com/dataassay/assay"
)

// Budgets (issue #3, recorded in BENCHMARKS.md): VDB over a 10-year life ≤ 1 µs and 0 allocs;
// XIRR on 20 dated flows ≤ 5 µs and 0 allocs; a 10-year monthly schedule ≤ 50 µs.

var depBenchSink float64

func BenchmarkVDB(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		v, err := VDB(2400, 300, 10, 0, 10, 2, false)
		if err != nil {
			b.Fatal(err)
		}
		depBenchSink = v
	}
}

func BenchmarkDB(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		depBenchSink, _ = DB(1000000, 100000, 6, 7, 7)
	}
}

func tvmBenchFlows(n int) ([]float64, []time.Time) {
	values := make([]float64, n)
	dates := make([]time.Time, n)
	values[0] = -1_000_000
	dates[0] = time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)
	for i := 1; i < n; i++ {
		values[i] = 70_000 + float64(i%4)*5_000
		dates[i] = dates[0].AddDate(0, 3*i, i%7)
	}
	return values, dates
}

func BenchmarkXIRR20(b *testing.B) {
	values, dates := tvmBenchFlows(20)
	b.ReportAllocs()
	for b.Loop() {
		v, err := XIRR(values, dates, 0.1)
		if err != nil {
			b.Fatal(err)
		}
		depBenchSink = v
	}
}

func BenchmarkIRR20(b *testing.B) {
	values, _ := tvmBenchFlows(20)
	b.ReportAllocs()
	for b.Loop() {
		depBenchSink, _ = IRR(values, 0.1)
	}
}

func BenchmarkNPV20(b *testing.B) {
	values, _ := tvmBenchFlows(20)
	b.ReportAllocs()
	for b.Loop() {
		depBenchSink, _ = NPV(0.08, values)
	}
}

func depBenchSchedule(b *testing.B, m Method) {
	p := Plan{
		Cost: assay.MustMoney("12000000", "CNY"), Salvage: assay.MustMoney("600000", "CNY"), LifeYears: 10,
		InService: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), Frequency: Monthly, Proration: ProrateDays,
		Method: m, HalfLifeYears: 2, FiscalYearStart: time.April,
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := NewSchedule(p, Policy{})
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Periods) != 121 {
			b.Fatalf("%d periods", len(s.Periods))
		}
	}
}

func BenchmarkScheduleMonthly10y(b *testing.B)          { depBenchSchedule(b, StraightLine) }
func BenchmarkScheduleMonthly10yDeclining(b *testing.B) { depBenchSchedule(b, DecliningBalance) }
func BenchmarkScheduleMonthly10yDecay(b *testing.B)     { depBenchSchedule(b, Decay) }
