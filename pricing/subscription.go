package pricing

import (
	"encoding/json"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/civil"
)

// Subscription is access for a term of 1 to 36 months at a price paid up front, the
// price-and-duration pairs of AWS Data Exchange public offers (AWS Data Exchange User Guide, "Preparing
// offers": durations of 1 to 36 months).
//
// A quote for a whole term has one line. A mid-cycle start or a cancellation is prorated by
// calendar days: the buyer pays Price × served days / days in the term, rounded once by the
// plan's rounding mode, shown as the full price and a negative Adjustment line. Days are
// counted on calendar dates, so daylight-saving changes and times of day do not matter.
//
// A Subscription is immutable after NewSubscription and safe for concurrent use.
type Subscription struct {
	price  units
	months int
	mode   assay.RoundingMode
	desc   string
}

type subscriptionJSON struct {
	Kind     string             `json:"kind"`
	Price    assay.Money        `json:"price"`
	Months   int                `json:"months"`
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// NewSubscription returns a subscription of months (1–36) months at price for the whole term;
// mode rounds prorated amounts (the zero value is HalfEven).
func NewSubscription(price assay.Money, months int, mode assay.RoundingMode) (Subscription, error) {
	p, err := wholeUnits("price", price, assay.Currency{})
	if err != nil {
		return Subscription{}, err
	}
	if months < 1 || months > 36 {
		return Subscription{}, inputErr("months", itoa(int64(months)), "be between 1 and 36")
	}
	if !mode.Valid() {
		return Subscription{}, inputErr("rounding", mode.String(), "be a defined rounding mode")
	}
	return Subscription{price: p, months: months, mode: mode, desc: itoa(int64(months)) + "-month subscription"}, nil
}

// Kind returns "subscription".
func (s Subscription) Kind() string { return "subscription" }

// Currency returns the price's currency.
func (s Subscription) Currency() assay.Currency { return s.price.m.Currency() }

// Price returns the price of a whole term.
func (s Subscription) Price() assay.Money { return s.price.m }

// Months returns the length of the term in months.
func (s Subscription) Months() int { return s.months }

func (s Subscription) charge(u Usage, dst []line) ([]line, error) {
	if s.months == 0 {
		return dst, inputErr("plan", "zero Subscription", "be built by NewSubscription")
	}
	full := line{kind: LineCharge, desc: s.desc, qty: 1, unit: s.price.m, amount: s.price.minor}
	term := u.Term
	if term.IsZero() {
		term = u.Start
	}
	if term.IsZero() {
		if !u.End.IsZero() {
			return dst, inputErr("usage.term", "zero", "be set when usage.end is")
		}
		return append(dst, full), nil
	}
	y, mo, d := term.Date()
	first := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	termStart, termEnd := civil.Day(first), civil.Day(first.AddDate(0, s.months, 0))
	from, to := termStart, termEnd
	if !u.Start.IsZero() {
		from = civil.Day(u.Start)
	}
	if !u.End.IsZero() {
		to = civil.Day(u.End)
	}
	switch {
	case from < termStart || from >= termEnd:
		return dst, inputErr("usage.start", u.Start.Format(time.DateOnly), "fall within the term "+first.Format(time.DateOnly)+" + "+itoa(int64(s.months))+" months")
	case to <= from || to > termEnd:
		return dst, inputErr("usage.end", u.End.Format(time.DateOnly), "be after usage.start and no later than the end of the term")
	}
	dst = append(dst, full)
	served, days := to-from, termEnd-termStart
	if served == days {
		return dst, nil
	}
	prorated, ok := mulDiv(s.price.minor, served, days, s.mode)
	if !ok {
		return dst, overflowErr("proration")
	}
	return append(dst, line{kind: LineAdjustment, desc: "proration: " + itoa(served) + " of " + itoa(days) + " days served",
		amount: prorated - s.price.minor}), nil
}

// MarshalJSON writes {"kind":"subscription","price":{…},"months":12,"rounding":"…"}.
func (s Subscription) MarshalJSON() ([]byte, error) {
	return json.Marshal(subscriptionJSON{Kind: s.Kind(), Price: s.price.m, Months: s.months, Rounding: s.mode})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewSubscription does.
func (s *Subscription) UnmarshalJSON(b []byte) error {
	var w subscriptionJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	if err := checkKind(w.Kind, s.Kind()); err != nil {
		return err
	}
	v, err := NewSubscription(w.Price, w.Months, w.Rounding)
	if err == nil {
		*s = v
	}
	return err
}
