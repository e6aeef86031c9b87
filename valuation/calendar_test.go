package valuation

import (
	"testing"
	"time"
)

// TestDaysInMonthIndex checks the Gregorian rule against the standard library's calendar
// (time.Date normalises day 0 of the next month to the last day of this one) over four
// millennia, proleptic years before 1 included, and that whole UTC days from the first of a
// month land on the first of the month a period later, as NewSchedule steps period starts.
func TestDaysInMonthIndex(t *testing.T) {
	for mi := int64(-1000 * 12); mi < 3000*12; mi++ {
		y := floorDivInt(mi, 12)
		m := time.Month(mi - y*12 + 1)
		if want, got := time.Date(int(y), m+1, 0, 0, 0, 0, 0, time.UTC).Day(), daysInMonthIndex(mi); got != want {
			t.Fatalf("daysInMonthIndex(%d) (%d-%02d) = %d, want %d", mi, y, m, got, want)
		}
		for _, months := range []int64{1, 3, 6, 12} {
			next := firstOfMonth(mi)
			for k := mi; k < mi+months; k++ {
				next = next.Add(time.Duration(daysInMonthIndex(k)) * 24 * time.Hour)
			}
			if want := firstOfMonth(mi + months); next != want {
				t.Fatalf("first of %d-%02d + %d months by days = %v, want %v", y, m, months, next, want)
			}
		}
	}
}
