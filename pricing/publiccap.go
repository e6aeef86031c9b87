package pricing

import (
	"github.com/dataassay/assay"
)

// AllowedRevenue is the maximum allowed revenue (最高准许收入) of an authorised public-data
// operation for one period, under the NDRC and NDA pricing rules for public-data operation
// services (发改价格〔2025〕65号, 2025-01-16, art. 3): operating cost plus allowed
// profit plus tax (经营成本 + 准许利润 + 税金), which compensates cost with a reasonable return.
// It is a plain value; amounts must share a currency and be whole minor units.
type AllowedRevenue struct {
	Cost   assay.Money `json:"cost"`   // 经营成本
	Profit assay.Money `json:"profit"` // 准许利润
	Tax    assay.Money `json:"tax"`    // 税金
}

// Total returns cost + profit + tax.
func (a AllowedRevenue) Total() (assay.Money, error) {
	cur := a.Cost.Currency()
	var total int64
	for _, f := range []struct {
		name string
		m    assay.Money
	}{{"cost", a.Cost}, {"profit", a.Profit}, {"tax", a.Tax}} {
		u, err := wholeUnits("allowed."+f.name, f.m, cur)
		if err != nil {
			return assay.Money{}, err
		}
		var ok bool
		if total, ok = add(total, u.minor); !ok {
			return assay.Money{}, overflowErr("allowed revenue")
		}
	}
	return money(total, cur), nil
}

// CapPeriod is the settlement of one period of cost-capped public-data pricing: the period's
// allowance less the deduction carried in is its cap; realised revenue above the cap is the
// excess, carried as a deduction into the next period (超出部分从下一周期准许收入中扣减).
// A deduction larger than the allowance leaves a cap of zero and carries its remainder on.
type CapPeriod struct {
	Allowed      assay.Money `json:"allowed"`      // cost + profit + tax
	Deduction    assay.Money `json:"deduction"`    // carried in from earlier periods
	Cap          assay.Money `json:"cap"`          // max(0, Allowed − Deduction)
	Realised     assay.Money `json:"realised"`     // revenue actually collected
	Excess       assay.Money `json:"excess"`       // max(0, Realised − Cap)
	CarryForward assay.Money `json:"carryForward"` // Excess + the deduction the cap could not absorb
}

// SettleCap settles one period: the allowance, the deduction carried in (zero for the first
// period) and the revenue realised. Chain periods by passing each CarryForward as the next
// deduction. Amounts must be non-negative whole minor units of one currency.
func SettleCap(allowed AllowedRevenue, deduction, realised assay.Money) (CapPeriod, error) {
	total, err := allowed.Total()
	if err != nil {
		return CapPeriod{}, err
	}
	cur := total.Currency()
	a, _ := minorUnits(total)
	d, err := wholeUnits("deduction", deduction, cur)
	if err != nil {
		return CapPeriod{}, err
	}
	r, err := wholeUnits("realised", realised, cur)
	if err != nil {
		return CapPeriod{}, err
	}
	capped := max(a-d.minor, 0)
	excess := max(r.minor-capped, 0)
	carry, ok := add(excess, max(d.minor-a, 0))
	if !ok {
		return CapPeriod{}, overflowErr("carry-forward")
	}
	return CapPeriod{Allowed: total, Deduction: d.m, Cap: money(capped, cur), Realised: r.m,
		Excess: money(excess, cur), CarryForward: money(carry, cur)}, nil
}
