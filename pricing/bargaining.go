package pricing

import (
	"fmt"
	"math"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// NashPrice returns the generalised Nash bargaining price of a data deal between a seller
// whose reservation price is reservation and a buyer who values the data at value, when the
// seller's bargaining power is beta ∈ [0, 1]: the price that maximises
// (p − reservation)^β (value − p)^(1−β), which is p* = reservation + β(value − reservation)
// (Nash, "The Bargaining Problem", Econometrica 1950; the asymmetric form of Kalai, 1977). β = 0.5 splits the surplus equally: 100 and 300 give 200; β = 0.7 gives
// 240.
//
// beta crosses into money once: β(value − reservation) is computed exactly from beta's
// shortest decimal form and rounded half-even to the minor unit. A value below the
// reservation has no deal: an error wrapping ErrNoDeal. Amounts must be non-negative whole
// minor units of one currency.
func NashPrice(reservation, value assay.Money, beta float64) (assay.Money, error) {
	if !(beta >= 0 && beta <= 1) {
		return assay.Money{}, inputErr("beta", fmt.Sprint(beta), "be between 0 and 1")
	}
	if reservation.Currency() != value.Currency() {
		return assay.Money{}, &assay.MismatchError{Op: "bargain", A: reservation.Currency(), B: value.Currency()}
	}
	res, err := wholeUnits("reservation", reservation, assay.Currency{})
	if err != nil {
		return assay.Money{}, err
	}
	val, err := wholeUnits("value", value, res.m.Currency())
	if err != nil {
		return assay.Money{}, err
	}
	if val.minor < res.minor {
		return assay.Money{}, fmt.Errorf("%w: buyer's value %v is below the seller's reservation %v", ErrNoDeal, value, reservation)
	}
	surplus := money(val.minor-res.minor, res.m.Currency())
	share := surplus.MulDecimal(decimal.NewFromFloat(math.Abs(beta))).Round(assay.HalfEven) // Abs: no −0
	return reservation.Add(share)
}
