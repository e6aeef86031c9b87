package valuation

import (
	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// CostCategory classifies an item of the replacement cost of a data asset, following the CAS
// 数据资产评估指导意见 (2023) art. 23: 重置成本 = 前期费用 + 直接成本 + 间接成本 + 机会成本 +
// 相关税费. Its JSON form is the constant's text.
type CostCategory string

// The cost categories. Direct costs are accumulated by lifecycle stage.
const (
	CostPlanning    CostCategory = "planning"    // 前期费用: planning, design, feasibility
	CostCollection  CostCategory = "collection"  // 直接成本: collection, acquisition, aggregation
	CostStorage     CostCategory = "storage"     // 直接成本: storage
	CostProcessing  CostCategory = "processing"  // 直接成本: cleaning, labelling, desensitisation, integration
	CostGovernance  CostCategory = "governance"  // 直接成本: quality management, metadata, operation
	CostSecurity    CostCategory = "security"    // 直接成本: data security and compliance
	CostRights      CostCategory = "rights"      // 直接成本: rights confirmation, registration, quality-assessment fees
	CostIndirect    CostCategory = "indirect"    // 间接成本: allocable software, hardware, infrastructure, management
	CostOpportunity CostCategory = "opportunity" // 机会成本: income forgone while building the asset
	CostTax         CostCategory = "tax"         // 相关税费: related taxes and fees
)

// costGroups lists the categories in the order of the CAS formula, with the name of the
// group each belongs to. A group's trail step shows the group's subtotal as an input and the
// replacement cost's running total after it as its value.
var costGroups = [...]struct {
	cat  CostCategory
	step string
}{
	{CostPlanning, "前期费用 planning"},
	{CostCollection, "直接成本 direct"},
	{CostStorage, "直接成本 direct"},
	{CostProcessing, "直接成本 direct"},
	{CostGovernance, "直接成本 direct"},
	{CostSecurity, "直接成本 direct"},
	{CostRights, "直接成本 direct"},
	{CostIndirect, "间接成本 indirect"},
	{CostOpportunity, "机会成本 opportunity"},
	{CostTax, "相关税费 taxes"},
}

func (c CostCategory) valid() bool {
	for _, g := range costGroups {
		if g.cat == c {
			return true
		}
	}
	return false
}

// CostItem is one itemised cost of rebuilding the data asset today.
type CostItem struct {
	Category CostCategory `json:"category"`
	Name     string       `json:"name,omitempty"` // e.g. "loop-detector feed licence"; for reports
	Amount   assay.Money  `json:"amount"`         // non-negative
}

// Obsolescence holds the three obsolescence (贬值) rates of the cost approach, each in
// [0, 1). They compound: the asset keeps (1−physical)(1−functional)(1−economic) of its
// replacement cost, as IVS 105 deducts physical deterioration, then functional and
// technological obsolescence, then economic (external) obsolescence, each from what remains.
type Obsolescence struct {
	Physical   float64 `json:"physical,omitempty"`   // wear of the carrier, decay of the records
	Functional float64 `json:"functional,omitempty"` // superseded formats, coverage, technology
	Economic   float64 `json:"economic,omitempty"`   // market, regulation, demand
}

// Rate returns the combined obsolescence rate 1 − (1−p)(1−f)(1−e).
func (o Obsolescence) Rate() float64 {
	return 1 - (1-o.Physical)*(1-o.Functional)*(1-o.Economic)
}

// RemainingLife gives the remaining-life ratio (成新率) remaining / (used + remaining) of the
// cost approach, in years.
type RemainingLife struct {
	Used      float64 `json:"used"`      // years in use, ≥ 0
	Remaining float64 `json:"remaining"` // remaining economic life in years, > 0
}

// Ratio returns Remaining / (Used + Remaining).
func (l RemainingLife) Ratio() float64 { return l.Remaining / (l.Used + l.Remaining) }

// CostInput is the input of Cost. The zero value has no items and is invalid. It is a plain
// value, safe to copy and to read concurrently; Cost does not modify it.
//
// The value is P = C × (1 + R) × δ × (1 − obsolescence) × ratio, where C is the sum of the
// items, R the return on cost, and each of the three adjustments is applied only when given.
// The two CAS forms are special cases: P = C × δ (2023 model example: set Coefficient) and
// P = replacement cost × (1 − 贬值率) (2019 expert guidance no. 9: set Obsolescence); the
// practice form P = TC × (1 + R) × U sets ReturnRate and Coefficient = U.
type CostInput struct {
	Items []CostItem `json:"items"`
	// ReturnRate is the reasonable return on cost R (合理利润率), ≥ 0. Default 0.
	ReturnRate float64 `json:"returnRate,omitempty"`
	// Coefficient is the value-adjustment coefficient δ (价值调整系数), e.g. Quality.Coefficient;
	// nil means none. It must lie in [0, 10].
	Coefficient *float64 `json:"coefficient,omitempty"`
	// Obsolescence, if set, deducts physical, functional and economic obsolescence.
	Obsolescence *Obsolescence `json:"obsolescence,omitempty"`
	// Life, if set, applies the remaining-life ratio.
	Life *RemainingLife `json:"life,omitempty"`
	// Rounding rounds the value to the currency's minor unit; default HalfEven.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// UnmarshalJSON decodes a CostInput, refusing unknown fields, inputs over 1 MiB and more
// than 1000 items.
func (in *CostInput) UnmarshalJSON(data []byte) error {
	type plain CostInput
	var p plain
	if err := decodeStrict(data, &p, "cost input"); err != nil {
		return err
	}
	if len(p.Items) > maxListLen {
		return inputError("items", len(p.Items), "hold at most 1000 items")
	}
	*in = CostInput(p)
	return nil
}

// Validate reports the first invalid field of in as an *InputError (or a currency error).
func (in CostInput) Validate() error {
	if _, err := in.checkItems(); err != nil {
		return err
	}
	return in.checkFactors()
}

func (in CostInput) checkFactors() error {
	if err := finiteIn("returnRate", in.ReturnRate, 0, 10); err != nil {
		return err
	}
	if in.Coefficient != nil {
		if err := finiteIn("coefficient", *in.Coefficient, 0, 10); err != nil {
			return err
		}
	}
	if o := in.Obsolescence; o != nil {
		for _, r := range [...]struct {
			f string
			v float64
		}{{"obsolescence.physical", o.Physical}, {"obsolescence.functional", o.Functional}, {"obsolescence.economic", o.Economic}} {
			if err := finiteIn(r.f, r.v, 0, 1); err != nil {
				return err
			}
			if r.v == 1 {
				return inputError(r.f, r.v, "be below 1")
			}
		}
	}
	if l := in.Life; l != nil {
		if err := finiteIn("life.used", l.Used, 0, 1000); err != nil {
			return err
		}
		if err := finiteAbove("life.remaining", l.Remaining, 0); err != nil {
			return err
		}
		if l.Remaining > 1000 {
			return inputError("life.remaining", l.Remaining, "be at most 1000 years")
		}
	}
	if !in.Rounding.Valid() {
		return inputError("rounding", in.Rounding.String(), "be a defined rounding mode")
	}
	return nil
}

// checkItems checks the items and returns their currency.
func (in CostInput) checkItems() (assay.Currency, error) {
	if len(in.Items) == 0 || len(in.Items) > maxListLen {
		return assay.Currency{}, inputError("items", len(in.Items), "hold 1 to 1000 items")
	}
	var cc currencyOf
	for i, it := range in.Items {
		if !it.Category.valid() {
			return assay.Currency{}, inputError(indexed("items", i)+".category", string(it.Category), "be a CAS cost category (planning, collection, storage, processing, governance, security, rights, indirect, opportunity, tax)")
		}
		if !cc.take(it.Amount) {
			return assay.Currency{}, cc.add(indexed("items", i)+".amount", it.Amount)
		}
		if it.Amount.IsNegative() {
			return assay.Currency{}, inputError(indexed("items", i)+".amount", it.Amount.String(), "not be negative")
		}
	}
	return cc.get("items")
}

// replacementCost checks the items and returns their exact sum.
func (in CostInput) replacementCost() (assay.Money, error) {
	c, err := in.checkItems()
	if err != nil {
		return assay.Money{}, err
	}
	total := decimal.Zero
	for _, it := range in.Items {
		total = total.Add(it.Amount.Amount())
	}
	return assay.MoneyOf(total, c), nil
}

// CostResult is the result of Cost. It is a plain value, safe to read concurrently.
type CostResult struct {
	ReplacementCost assay.Money `json:"replacementCost"` // C, exact sum of the items
	Factor          float64     `json:"factor"`          // (1 + R) × δ × (1 − obsolescence) × ratio
	Value           assay.Money `json:"value"`           // C × Factor, rounded once
	Trail           Trail       `json:"trail"`
}

// Indication returns the result as an indication for Reconcile.
func (r CostResult) Indication(weight float64) Indication {
	return Indication{Approach: "cost", Value: r.Value, Weight: weight}
}

// Cost values a data asset by the cost approach of the CAS 数据资产评估指导意见 (2023) art. 23
// and IVS 105/210 replacement cost: the replacement cost (the exact sum of the itemised costs,
// grouped 前期费用 + 直接成本 + 间接成本 + 机会成本 + 相关税费), times 1 plus the reasonable
// return on cost, times the value-adjustment coefficient, times one minus the compounded
// obsolescence rate, times the remaining-life ratio, each when given. The products are exact
// decimals; the value is rounded once to the minor unit by in.Rounding.
func Cost(in CostInput) (CostResult, error) {
	cur, err := in.checkItems()
	if err != nil {
		return CostResult{}, err
	}
	if err := in.checkFactors(); err != nil {
		return CostResult{}, err
	}
	mode := in.Rounding
	src := "CAS 数据资产评估指导意见 (2023) art. 23: 重置成本 = 前期费用 + 直接成本 + 间接成本 + 机会成本 + 相关税费"
	trail := make(Trail, 0, 10)
	// One step per CAS group, in the formula's order, with its items as inputs; the running
	// sum at the end is the replacement cost C. The groups' inputs share one backing array;
	// each step's slice is capped at its own.
	running := assay.MoneyOf(decimal.Zero, cur)
	slab := make([]StepInput, 0, len(in.Items))
	for gi := 0; gi < len(costGroups); {
		step := costGroups[gi].step
		from := len(slab)
		subtotal := running
		for ; gi < len(costGroups) && costGroups[gi].step == step; gi++ {
			for _, it := range in.Items {
				if it.Category != costGroups[gi].cat {
					continue
				}
				name := string(it.Category)
				if it.Name != "" {
					name += ": " + it.Name
				}
				slab = append(slab, stepMoney(name, it.Amount))
				subtotal, _ = subtotal.Add(it.Amount) // currencies were checked
			}
		}
		if len(slab) == from {
			continue
		}
		group, _ := subtotal.Sub(running)
		slab = append(slab, stepMoney(step+" subtotal", group))
		running = subtotal
		trail = append(trail, Step{Name: "replacement cost so far (running total after " + step + ")",
			Inputs: slab[from:len(slab):len(slab)], Value: running.Round(mode), Source: src})
	}
	c := running

	// value = C × Π factors / den, den being the remaining-life denominator: every factor is
	// an exact decimal, and the one division happens in the final rounding.
	one := decimal.NewFromInt(1)
	value, den, factorF := c.Amount(), one, 1.0
	apply := func(name string, inputs []StepInput, num, d decimal.Decimal, source string) {
		value, den = value.Mul(num), den.Mul(d)
		factorF *= num.InexactFloat64() / d.InexactFloat64()
		factor := num.String()
		if !d.Equal(one) {
			factor += "/" + d.String()
		}
		running := assay.MoneyOf(value, c.Currency()).Round(mode)
		if !den.Equal(one) {
			running = assay.MoneyOf(quoRound(value, den, int32(c.Currency().Digits()), mode), c.Currency())
		}
		trail = append(trail, Step{Name: name, Inputs: inputs, Factor: factor, Value: running, Source: source})
	}
	if in.ReturnRate != 0 {
		apply("reasonable return on cost", []StepInput{stepRate("return rate R", in.ReturnRate)}, one.Add(decimalOf(in.ReturnRate)), one,
			"P = TC × (1 + R) × U, cost-approach practice after CAS expert guidance no. 9 (2019)")
	}
	if in.Coefficient != nil {
		apply("value-adjustment coefficient δ", []StepInput{stepRate("δ", *in.Coefficient)}, decimalOf(*in.Coefficient), one,
			"CAS 数据资产评估指导意见 (2023) art. 23: P = C × δ")
	}
	if o := in.Obsolescence; o != nil {
		keep := one.Sub(decimalOf(o.Physical)).Mul(one.Sub(decimalOf(o.Functional))).Mul(one.Sub(decimalOf(o.Economic)))
		apply("less obsolescence", []StepInput{stepRate("physical", o.Physical), stepRate("functional", o.Functional),
			stepRate("economic", o.Economic), stepRate("combined rate", one.Sub(keep).InexactFloat64())}, keep, one,
			"IVS 105 cost approach; CAS expert guidance no. 9 (2019): P = 重置成本 × (1 − 贬值率)")
	}
	if l := in.Life; l != nil {
		rem := decimalOf(l.Remaining)
		apply("remaining-life ratio (成新率)", []StepInput{stepRate("used years", l.Used), stepRate("remaining years", l.Remaining)},
			rem, decimalOf(l.Used).Add(rem), "成新率 = 剩余经济寿命 / (已使用年限 + 剩余经济寿命), CAS 数据资产评估指导意见 (2023) art. 23")
	}
	result := assay.MoneyOf(quoRound(value, den, int32(c.Currency().Digits()), mode), c.Currency())
	trail = append(trail, Step{Name: "cost-approach value", Inputs: []StepInput{stepText("rounding", mode.String())},
		Value: result, Source: "exact product of the factors, rounded once to the minor unit"})
	return CostResult{ReplacementCost: c, Factor: factorF, Value: result, Trail: trail}, nil
}
