package pricing

import (
	"time"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// A Plan prices the use of a data product in one currency: Fixed, Graduated, Volume, Metered,
// Subscription and Quota. Quote turns a plan and a Usage into line items.
//
// Plans are immutable values built by their constructors (NewGraduated …), which validate
// every field; a built plan is safe for concurrent use by any number of goroutines. The set of
// plans is closed (the interface has an unexported method) so that every plan has a stable JSON
// form: json.Marshal writes {"kind":"graduated",…} and UnmarshalPlan reads any of them back.
type Plan interface {
	// Kind names the plan in JSON: "fixed", "graduated", "volume", "metered",
	// "subscription" or "quota".
	Kind() string
	// Currency is the currency of every amount of the plan.
	Currency() assay.Currency
	// charge appends the plan's lines for u to dst, in minor units.
	charge(u Usage, dst []line) ([]line, error)
}

// Usage is what a buyer used or asks for in one billing period. Each plan reads the fields it
// needs and ignores the others.
//
// The zero Usage is no units and a whole subscription term.
type Usage struct {
	// Units is the number of units consumed or requested (API calls, rows, queries, bytes):
	// read by Graduated, Volume, Metered and Quota. It must not be negative.
	Units int64 `json:"units,omitzero"`
	// Term is the first day of a subscription's term; zero means Start. Start and End (exclusive)
	// bound the days actually served within the term, for proration of mid-cycle starts and
	// cancellations; zero means the term's first day and the day after its last. Only the
	// calendar date of each (in its own location) counts. Read by Subscription.
	Term  time.Time `json:"term,omitzero"`
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
}

// line is a line item in minor units, before it becomes a LineItem.
type line struct {
	kind   LineKind
	desc   string
	qty    int64
	unit   assay.Money
	per    int64
	amount int64
}

// LineKind says what a line item is.
type LineKind uint8

// The kinds of line item.
const (
	LineCharge     LineKind = iota // a charge of the plan
	LineAdjustment                 // a credit or proration of the plan (a cap reached), usually negative
	LineFee                        // a buyer-side fee
	LineTax                        // a buyer-side tax (VAT)
	LineDeduction                  // a seller-side fee or tax, deducted from what the seller receives
)

var lineKindNames = [...]string{"charge", "adjustment", "fee", "tax", "deduction"}

// String returns the kind's JSON name: "charge", "adjustment", "fee", "tax" or "deduction".
func (k LineKind) String() string {
	if int(k) < len(lineKindNames) {
		return lineKindNames[k]
	}
	return "LineKind(" + itoa(int64(k)) + ")"
}

// MarshalText encodes the kind by its name.
func (k LineKind) MarshalText() ([]byte, error) {
	if int(k) >= len(lineKindNames) {
		return nil, inputErr("line kind", k.String(), "be a defined kind")
	}
	return []byte(lineKindNames[k]), nil
}

// UnmarshalText decodes a kind by its name.
func (k *LineKind) UnmarshalText(b []byte) error {
	for i, n := range lineKindNames {
		if string(b) == n {
			*k = LineKind(i)
			return nil
		}
	}
	return inputErr("line kind", string(b), `be one of "charge", "adjustment", "fee", "tax", "deduction"`)
}

// LineItem is one line of a Quotation: what is charged, how many units at which unit price,
// and the amount, rounded to the currency's minor unit.
//
// The amount is the quantity times the unit price per Per units, rounded once by the plan's
// rounding mode; for fees and taxes the quantity is zero and Rate holds the percentage.
// A LineItem is a plain value.
type LineItem struct {
	Kind        LineKind    `json:"kind"`
	Description string      `json:"description"`
	Quantity    int64       `json:"quantity,omitzero"`
	UnitPrice   assay.Money `json:"unitPrice,omitzero"`
	Per         int64       `json:"per,omitzero"` // units UnitPrice is for; 0 means 1
	// Rate is a fee's or tax's percentage as a fraction (0.06 is 6 %), if it has one.
	Rate      decimal.Decimal `json:"rate,omitzero"`
	Amount    assay.Money     `json:"amount"`
	Recipient string          `json:"recipient,omitzero"` // who receives a fee or tax
}
