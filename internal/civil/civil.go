// Package civil counts calendar days: the one day count that spreadsheets' date serials,
// subscription proration and accounting periods share in this module.
package civil

import "time"

// Day returns the number of days from 1970-01-01 to t's calendar date in t's location, the
// date as a spreadsheet or an invoice shows it, with the time of day dropped. Day(b) − Day(a)
// is the number of calendar days from a to b, as Excel's DAYS and a day-based proration count
// them.
func Day(t time.Time) int64 {
	y, m, d := t.Date()
	return FromDate(int64(y), int64(m), int64(d))
}

// FromDate converts a proleptic Gregorian date to days since 1970-01-01, by Howard Hinnant's
// algorithm ("chrono-Compatible Low-Level Date Algorithms", days_from_civil), exact for every
// year that fits in an int64 without overflow of 146,097-day eras.
func FromDate(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
