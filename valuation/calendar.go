package valuation

import (
	"strconv"
	"time"
)

// Positions on the calendar are counted in units of 1/unitsPerMonth of a month from year 0, so
// that a day is a whole number of units in every month: 377,580 is the least common multiple
// of 28, 29, 30 and 31. Month starts are multiples of unitsPerMonth; the day d of a month of n
// days starts at (d − 1)·unitsPerMonth/n.
const unitsPerMonth = 377_580

// monthIndexOf numbers months from January of year 0.
func monthIndexOf(t time.Time) int64 {
	y, m, _ := t.Date()
	return int64(y)*12 + int64(m) - 1
}

// daysInMonthIndex returns the number of days in the month with index mi.
// Gregorian calendar: 30 days hath September, April, June and November; February has 29 in
// years divisible by 4 except centuries not divisible by 400.
func daysInMonthIndex(mi int64) int {
	y := floorDivInt(mi, 12)
	switch time.Month(mi - y*12 + 1) {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDivInt(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// calendarPos returns the calendar position of the start of t's day (in t's location).
func calendarPos(t time.Time) int64 {
	mi := monthIndexOf(t)
	return mi*unitsPerMonth + int64(t.Day()-1)*int64(unitsPerMonth/daysInMonthIndex(mi))
}

// firstOfMonth returns the first day of the month with index mi, in UTC.
func firstOfMonth(mi int64) time.Time {
	return time.Date(int(floorDivInt(mi, 12)), time.Month(mi-floorDivInt(mi, 12)*12+1), 1, 0, 0, 0, 0, time.UTC)
}

// dateAtPos returns the day on which calendar position p falls (rounded down to a whole day).
func dateAtPos(p int64) time.Time {
	mi := floorDivInt(p, unitsPerMonth)
	n := daysInMonthIndex(mi)
	d := (p - mi*unitsPerMonth) / int64(unitsPerMonth/n)
	return firstOfMonth(mi).AddDate(0, 0, int(d))
}

// calendarDate drops the time of day and the location: the calendar date as written, in UTC.
func calendarDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// fiscalPeriod is one reporting period of a schedule: months [first, first+months).
type fiscalPeriod struct {
	first, months int64
}

// periodContaining returns the reporting period that contains the month with index mi, for the
// given frequency and fiscal-year start month (1 = January).
func periodContaining(mi int64, freq Frequency, fyStart time.Month) fiscalPeriod {
	if freq == Monthly {
		return fiscalPeriod{first: mi, months: 1}
	}
	off := int64(fyStart - 1)
	return fiscalPeriod{first: floorDivInt(mi-off, 12)*12 + off, months: 12}
}

// fiscalYearOf returns the calendar year in which the fiscal year containing month mi begins.
func fiscalYearOf(mi int64, fyStart time.Month) int {
	off := int64(fyStart - 1)
	return int(floorDivInt(mi-off, 12))
}

// appendLabel appends the period's name: "2024" or "2024/25" for a fiscal year beginning in
// January or later in the year (Hong Kong's 1 April), "2024-04" for a month.
func (p fiscalPeriod) appendLabel(b []byte, fyStart time.Month) []byte {
	if p.months == 1 {
		y := floorDivInt(p.first, 12)
		m := p.first - y*12 + 1
		return append(appendYear(b, int(y)), '-', byte('0'+m/10), byte('0'+m%10))
	}
	y := fiscalYearOf(p.first, fyStart)
	b = appendYear(b, y)
	if fyStart != time.January {
		next := (y + 1) % 100
		b = append(b, '/', byte('0'+next/10), byte('0'+next%10))
	}
	return b
}

// appendYear appends y as four digits for years 1000 to 9999 and in full otherwise.
func appendYear(b []byte, y int) []byte {
	if y < 1000 || y > 9999 {
		return strconv.AppendInt(b, int64(y), 10)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}
