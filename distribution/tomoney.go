package distribution

import (
	"fmt"
	"math"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// ToMoney splits total among the players in proportion to a value vector (Shapley, Banzhaf,
// a sampled estimate, KNN-Shapley…): the single, documented step where a float64 model
// crosses into money. Each value becomes an exact decimal weight — the shortest decimal
// that reads back as the same float64 (strconv's 'g', −1 format), so the weights are fixed by
// the values alone — and Allocate divides total by the largest-remainder method in whole
// minor units. The parts sum exactly to total.
//
// Negative values are paid nothing: a payout is not a bill, so a holder whose data lowered the
// utility (a negative KNN-Shapley value, a harmful seller) gets zero, and the positive values
// share total in proportion. Values that already sum to total are thus paid themselves,
// rounded to the minor unit. Since the weights are the float64 values as stored, a near-tie
// between remainders is decided by float64 rounding, not by index: 2/3 is stored just below
// and 1/6 just above its rational, so 1,000.00 split by (2/3, 1/6, 1/6) is 666.66, 166.67,
// 166.67. It returns ErrUndefined when no value is positive, an
// *InputError on NaN or ±Inf, and Allocate's errors for the total (an *InexactError for an
// amount that is not a whole number of minor units).
func ToMoney(values []float64, total assay.Money) ([]assay.Money, error) {
	if len(values) == 0 {
		return nil, &InputError{Field: "len(values)", Value: "0", Reason: "be at least 1"}
	}
	weights := make([]decimal.Decimal, len(values))
	positive := false
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &InputError{Field: fmt.Sprintf("values[%d]", i), Value: fmtWorth(v), Reason: "be finite"}
		}
		if v > 0 {
			weights[i] = decimal.NewFromFloat(v)
			positive = true
		}
	}
	if !positive {
		return nil, fmt.Errorf("%w: ToMoney: no value is positive, so there is nothing to split %s by", ErrUndefined, total)
	}
	return Allocate(total, weights)
}
