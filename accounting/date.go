package accounting

import (
	"encoding/json"
	"time"
)

// Date is a calendar day without a time of day or zone; its JSON form is "2006-01-02". The zero
// Date is unset (IsZero). Dates are values: compare them with Before, After and Equal, or ==.
type Date struct{ t time.Time }

// NewDate returns the date y-m-d; out-of-range days normalise as time.Date's do.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// ParseDate parses "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return Date{t}, nil
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year returns the calendar year, which is also the fiscal year (Mainland and Macao fiscal
// years are calendar years).
func (d Date) Year() int { return d.t.Year() }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// MarshalJSON writes "2006-01-02" (null for the zero Date).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "2006-01-02", or null or "" for the zero Date.
func (d *Date) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return inputError("date", string(data), `be a date "YYYY-MM-DD"`)
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil || v.Year() < 1900 || v.Year() > 9000 {
		return inputError("date", s, `be a date "YYYY-MM-DD" in the years 1900 to 9000`)
	}
	*d = v
	return nil
}

func yearEnd(y int) Date { return NewDate(y, time.December, 31) }
