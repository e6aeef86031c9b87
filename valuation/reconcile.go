package valuation

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Indication is one approach's indicated value, with an optional range and the weight the
// appraiser gives it in the reconciliation.
type Indication struct {
	Approach string      `json:"approach"` // "cost", "income", "market", or any label
	Value    assay.Money `json:"value"`
	// Low and High bound the indication (a market approach's lowest and highest adjusted
	// price, a Monte Carlo P5 and P95). A zero Low or High means Value.
	Low    assay.Money `json:"low,omitzero"`
	High   assay.Money `json:"high,omitzero"`
	Weight float64     `json:"weight"` // non-negative
}

// RangeRule says how Reconcile forms the range of the conclusion.
type RangeRule string

// The range rules.
const (
	// RangeOfIndications is the span from the lowest Low to the highest High of the
	// indications with positive weight: the "range of indicated values" an appraiser reports
	// (IVS 105). The zero RangeRule means this.
	RangeOfIndications RangeRule = "indications"
	// RangeWeighted is the weighted mean of the Lows to the weighted mean of the Highs.
	RangeWeighted RangeRule = "weighted"
)

// Reconciliation is the input of Reconcile. It is a plain value, safe to copy and to read
// concurrently.
type Reconciliation struct {
	Indications []Indication `json:"indications"`
	// Normalize divides the weights by their sum instead of requiring them to sum to 1
	// within 1e-9. Default false.
	Normalize bool `json:"normalize,omitempty"`
	// Range chooses the range rule; default RangeOfIndications.
	Range RangeRule `json:"range,omitempty"`
	// Unit is the rounding unit of the conclusion, positive: 10000 rounds to the nearest ten
	// thousand, as appraisers round a concluded value. Zero means the currency's minor unit.
	// Its JSON form is a decimal string ("10000"); at most 18 digits, exponent within ±18.
	Unit decimal.Decimal `json:"unit,omitzero"`
	// Rounding is the rounding mode; default HalfEven.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// UnmarshalJSON decodes a Reconciliation, refusing unknown fields, inputs over 1 MiB and more
// than 1000 indications.
func (r *Reconciliation) UnmarshalJSON(data []byte) error {
	type plain Reconciliation
	var p plain
	if err := decodeStrict(data, &p, "reconciliation"); err != nil {
		return err
	}
	if len(p.Indications) > maxListLen {
		return inputError("indications", len(p.Indications), "hold at most 1000 indications")
	}
	*r = Reconciliation(p)
	return nil
}

// Reconciled is the conclusion of Reconcile: the point value and range, rounded to the unit,
// the indications with their normalised weights, and the trail. It is a plain value, safe to
// read concurrently.
type Reconciled struct {
	Value       assay.Money  `json:"value"`
	Low         assay.Money  `json:"low"`
	High        assay.Money  `json:"high"`
	Indications []Indication `json:"indications"`
	Trail       Trail        `json:"trail"`
}

// Reconcile combines the indications of several approaches into one conclusion, as the CAS
// 数据资产评估指导意见 (2023) asks when more than one approach is used and IVS 105
// describes: the point value is Σ wᵢ·Vᵢ / Σ wᵢ, computed exactly and rounded once to the unit
// by the rounding mode; the range follows the range rule. Weights must be non-negative and sum
// to 1 within 1e-9 unless Normalize is set; all amounts must share one currency.
func Reconcile(r Reconciliation) (Reconciled, error) {
	n := len(r.Indications)
	if n == 0 || n > maxListLen {
		return Reconciled{}, inputError("indications", n, "hold 1 to 1000 indications")
	}
	if r.Range != "" && r.Range != RangeOfIndications && r.Range != RangeWeighted {
		return Reconciled{}, inputError("range", string(r.Range), `be "indications" or "weighted"`)
	}
	if !r.Rounding.Valid() {
		return Reconciled{}, inputError("rounding", r.Rounding.String(), "be a defined rounding mode")
	}
	if r.Unit.NumDigits() > 18 || r.Unit.Exponent() < -18 || r.Unit.Exponent() > 18 {
		// Not printed: its decimal text could be enormous.
		return Reconciled{}, inputError("unit", "(out of range)", "have at most 18 digits and an exponent within ±18")
	}
	if r.Unit.Sign() < 0 {
		return Reconciled{}, inputError("unit", r.Unit.String(), "be positive")
	}
	raw := make([]float64, n)
	var cc currencyOf
	for i, ind := range r.Indications {
		raw[i] = ind.Weight
		f := func(leaf string) string { return indexed("indications", i) + leaf }
		for _, m := range [...]struct {
			leaf string
			m    assay.Money
		}{{".value", ind.Value}, {".low", ind.Low}, {".high", ind.High}} {
			if !cc.take(m.m) {
				return Reconciled{}, cc.add(f(m.leaf), m.m)
			}
		}
		lo, hi := ind.bounds()
		if lo.Amount().GreaterThan(ind.Value.Amount()) || hi.Amount().LessThan(ind.Value.Amount()) {
			return Reconciled{}, inputError(f(""), fmt.Sprintf("%s ≤ %s ≤ %s", lo, ind.Value, hi), "satisfy low ≤ value ≤ high")
		}
	}
	w, err := checkedWeights(raw, r.Normalize, func(i int) string { return indexed("indications", i) + ".weight" })
	if err != nil {
		return Reconciled{}, err
	}
	c, err := cc.get("indications")
	if err != nil {
		return Reconciled{}, err
	}
	unit := r.Unit
	if unit.IsZero() {
		unit = decimal.New(1, -int32(c.Digits()))
	}
	// toUnit rounds n/d to a whole number of units in one exact step.
	toUnit := func(n, d decimal.Decimal) assay.Money {
		return assay.MoneyOf(quoRound(n, d.Mul(unit), 0, r.Rounding).Mul(unit), c)
	}

	// Σ wᵢ·Vᵢ / Σ wᵢ with the caller's weights as exact decimals, so that weights summing to
	// 1 ± 1e-9 do not bias the value.
	var num, den, numLo, numHi decimal.Decimal
	var lo, hi decimal.Decimal
	first := true
	out := Reconciled{Indications: make([]Indication, n)}
	inputs := make([]StepInput, 0, 2*n)
	for i, ind := range r.Indications {
		dw := decimalOf(raw[i])
		l, h := ind.bounds()
		num = num.Add(ind.Value.Amount().Mul(dw))
		if r.Range == RangeWeighted {
			numLo = numLo.Add(l.Amount().Mul(dw))
			numHi = numHi.Add(h.Amount().Mul(dw))
		}
		den = den.Add(dw)
		if raw[i] > 0 {
			if first || l.Amount().LessThan(lo) {
				lo = l.Amount()
			}
			if first || h.Amount().GreaterThan(hi) {
				hi = h.Amount()
			}
			first = false
		}
		ind.Weight = w[i]
		out.Indications[i] = ind
		inputs = append(inputs, stepMoney(ind.Approach, ind.Value), stepRate(weightName(ind.Approach), w[i]))
	}
	out.Value = toUnit(num, den)
	if r.Range == RangeWeighted {
		out.Low, out.High = toUnit(numLo, den), toUnit(numHi, den)
	} else {
		// An amount already at the exponent of a unit 1×10^k is a whole number of units: it is
		// what toUnit(n, 1) computes, coefficient and exponent alike, without the division.
		one := decimal.NewFromInt(1)
		whole := func(n decimal.Decimal) assay.Money {
			if n.Exponent() == unit.Exponent() && unit.CoefficientInt64() == 1 {
				return assay.MoneyOf(n, c)
			}
			return toUnit(n, one)
		}
		out.Low, out.High = whole(lo), whole(hi)
	}
	out.Trail = Trail{
		{Name: "weighted reconciliation Σ wᵢ·Vᵢ / Σ wᵢ", Inputs: inputs, Value: out.Value,
			Source: "CAS 数据资产评估指导意见 (2023): reconcile the approaches' results; IVS 105"},
		{Name: r.rangeStep(), Inputs: []StepInput{stepMoney("low", out.Low), stepMoney("high", out.High),
			stepMoney("unit", assay.MoneyOf(unit, c)), stepText("rounding", r.Rounding.String())},
			Value: out.Value, Source: "IVS 105: consider the range of indicated values"},
	}
	return out, nil
}

// rangeStep is the name of the trail's range step, "range (" + rule + ")", for the two rules
// Reconcile accepts.
func (r Reconciliation) rangeStep() string {
	if r.rangeRule() == RangeWeighted {
		return "range (weighted)"
	}
	return "range (indications)"
}

// weightName is the name of an indication's weight in the trail: "income weight". The
// approaches of this package have constant names, so a reconciliation of them formats none.
func weightName(approach string) string {
	switch approach {
	case "cost":
		return "cost weight"
	case "income":
		return "income weight"
	case "market":
		return "market weight"
	}
	return approach + " weight"
}

func (r Reconciliation) rangeRule() RangeRule {
	if r.Range == "" {
		return RangeOfIndications
	}
	return r.Range
}

// bounds returns Low and High, each defaulting to Value when zero.
func (ind Indication) bounds() (lo, hi assay.Money) {
	lo, hi = ind.Low, ind.High
	if lo.IsZero() {
		lo = ind.Value
	}
	if hi.IsZero() {
		hi = ind.Value
	}
	return lo, hi
}
