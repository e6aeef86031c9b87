package pricing

import (
	"time"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Rate is an exchange rate supplied by the caller: one unit of From is worth Rate units of To,
// as of AsOf, from Source (e.g. "PBOC central parity", "HKMA"). The package never fetches
// rates: a quote in another currency uses exactly the rate it is given and shows it.
type Rate struct {
	From   assay.Currency  `json:"from"`
	To     assay.Currency  `json:"to"`
	Rate   decimal.Decimal `json:"rate"`
	AsOf   time.Time       `json:"asOf"`
	Source string          `json:"source,omitzero"`
}

// RateTable is the caller's list of exchange rates. Only direct rates are used: a quote from
// CNY to HKD needs a CNY→HKD rate, because inverting a rate is not exact. A RateTable is a
// plain value; do not modify it while a Quoter that holds it is in use.
type RateTable []Rate

// Lookup returns the rate from one currency to another: the identity for the same currency,
// otherwise the first matching entry, or a *RateError wrapping ErrNoRate. A rate that is not
// positive, or whose exponent is beyond ±30, is an *InputError.
func (t RateTable) Lookup(from, to assay.Currency) (Rate, error) {
	if from == to {
		return Rate{From: from, To: to, Rate: decimal.New(1, 0)}, nil
	}
	for i, r := range t {
		if r.From == from && r.To == to {
			if r.Rate.Sign() <= 0 || r.Rate.Exponent() < -30 || r.Rate.Exponent() > 30 {
				return Rate{}, inputErr("rates["+itoa(int64(i))+"].rate", r.Rate.String(), "be positive with an exponent within ±30")
			}
			return r, nil
		}
	}
	return Rate{}, &RateError{From: from, To: to}
}
