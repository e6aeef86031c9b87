package rights

import (
	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
)

// Royalty is what a licensee owes its grantor for a license: a share of the revenue it earns
// downstream from the licensed data, a fixed fee, or both. The distribution package reads
// royalties off a verified path to share income upstream.
//
// The zero Royalty owes nothing. A Royalty is an immutable value, safe for concurrent use.
// Its JSON form is {"revenueShare":"0.05","fee":{"amount":"20000.00","currency":"CNY"}},
// each field omitted when zero.
type Royalty struct {
	// RevenueShare is the fraction of downstream revenue owed, from 0 to 1 (0.05 is 5 %),
	// with at most 8 decimal places.
	RevenueShare decimal.Decimal `json:"revenueShare,omitzero"`
	// Fee is a fixed fee owed for the license: a non-negative whole number of minor units
	// of its currency, or zero.
	Fee assay.Money `json:"fee,omitzero"`
}

// maxShareScale is the number of decimal places a revenue share may have; the canonical
// encoding writes the share as an integer number of 10⁻⁸.
const maxShareScale = 8

// IsZero reports whether r owes nothing.
func (r Royalty) IsZero() bool { return r.RevenueShare.IsZero() && r.Fee.IsZero() }

// Equal reports whether r and s owe the same: equal shares and equal fees in one currency.
func (r Royalty) Equal(s Royalty) bool {
	return r.RevenueShare.Equal(s.RevenueShare) && (r.Fee.IsZero() && s.Fee.IsZero() || r.Fee.Equal(s.Fee))
}

// Validate reports a share outside [0, 1] or with more than 8 decimal places, or a fee that
// is negative, has no currency or is not a whole number of minor units, as a *FormatError.
func (r Royalty) Validate() error {
	s := r.RevenueShare
	if s.IsZero() && r.Fee.IsZero() {
		return nil
	}
	if s.Sign() < 0 || s.GreaterThan(decimal.NewFromInt(1)) {
		return &FormatError{Field: "royalty revenueShare", Value: s.StringFixed(maxShareScale), Reason: "must be between 0 and 1"}
	}
	if !s.Equal(s.Truncate(maxShareScale)) {
		return &FormatError{Field: "royalty revenueShare", Value: clip(s.String()), Reason: "more than 8 decimal places"}
	}
	if r.Fee.IsZero() {
		return nil
	}
	switch {
	case r.Fee.IsNegative():
		return &FormatError{Field: "royalty fee", Value: r.Fee.String(), Reason: "must not be negative"}
	case r.Fee.Currency().IsZero():
		return &FormatError{Field: "royalty fee", Value: r.Fee.String(), Reason: "has no currency"}
	}
	if _, err := r.Fee.MinorUnits(); err != nil {
		return &FormatError{Field: "royalty fee", Value: r.Fee.String(), Reason: "not a whole number of minor units that fits in int64"}
	}
	return nil
}
