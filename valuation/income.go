package valuation

import (
	"fmt"
	"math"
	"strconv"

	"github.com/dataassay/assay"
)

// IncomeBasis says how the income attributable to the data asset, F_t, is derived from the
// forecast, following the model examples of the CAS 数据资产评估指导意见 (2023) appendix and
// the income methods of IVS 210. Its JSON form is the constant's text; the zero value is
// DirectIncome.
type IncomeBasis string

// The income bases.
const (
	// DirectIncome: F_t = R_t, the income (EBIT) the data product earns directly (直接收益).
	DirectIncome IncomeBasis = "direct"
	// SplitIncome: F_t = R_t × K_t, revenue or profit times a split rate (分成收益).
	SplitIncome IncomeBasis = "split"
	// ReliefFromRoyalty: F_t = Rev_t × royalty_t, the royalty saved by owning rather than
	// licensing the data, taxed at TaxRate (IVS 210 relief-from-royalty).
	ReliefFromRoyalty IncomeBasis = "relief-from-royalty"
	// ExcessEarnings: F_t = R_t − Σ CAC_t, earnings less contributory-asset charges (超额收益;
	// IVS 210 multi-period excess earnings method).
	ExcessEarnings IncomeBasis = "excess-earnings"
	// IncrementalIncome: F_t = R_t(with) − R_t(without), the uplift or saving the data brings
	// (增量收益; IVS 210 with-and-without method).
	IncrementalIncome IncomeBasis = "incremental"
)

func (b IncomeBasis) formula() (string, bool) {
	switch b {
	case DirectIncome, "":
		return "F = R (直接收益)", true
	case SplitIncome:
		return "F = R × K (分成收益)", true
	case ReliefFromRoyalty:
		return "F = Rev × royalty (relief from royalty, IVS 210)", true
	case ExcessEarnings:
		return "F = R − Σ CAC (超额收益, MPEEM, IVS 210)", true
	case IncrementalIncome:
		return "F = R(with) − R(without) (增量收益, IVS 210 with-and-without)", true
	}
	return "", false
}

func (b IncomeBasis) usesRate() bool { return b == SplitIncome || b == ReliefFromRoyalty }

// ContributoryCharge is the charge in one year for an asset that contributes to the earnings
// of the data asset (working capital, fixed assets, workforce, other intangibles): a return on
// and of that asset (IVS 210 MPEEM).
type ContributoryCharge struct {
	Asset  string      `json:"asset"`
	Amount assay.Money `json:"amount"` // non-negative
}

// ForecastYear is one explicit forecast year of the income approach, years counted from the
// valuation date (year 1 ends one year after it).
type ForecastYear struct {
	// Income is R_t: the data product's income (direct), the revenue or profit to split
	// (split, relief from royalty), the earnings before charges (excess earnings), or the
	// income with the data (incremental).
	Income assay.Money `json:"income"`
	// Without is the income without the data (incremental basis only).
	Without assay.Money `json:"without,omitzero"`
	// Rate is this year's split or royalty rate K_t in [0, 1]; zero means IncomeInput.Rate.
	Rate float64 `json:"rate,omitempty"`
	// Charges are the contributory-asset charges (excess-earnings basis only).
	Charges []ContributoryCharge `json:"charges,omitempty"`
}

// Terminal values the income after the explicit forecast by Gordon growth: F_{n+1} = F_n ×
// (1 + Growth), growing at Growth a year, for the remaining life after the forecast or, when
// no remaining life is given, in perpetuity. Growth must be below the discount rate.
type Terminal struct {
	Growth float64 `json:"growth"` // annual growth g after the forecast, decimal fraction (0.02 is 2 %)
}

// TaxAmortisation asks for the tax amortisation benefit of IVS 210: the value is grossed up
// by TABFactor(TaxRate, Years, discount rate). US §197 amortises over 15 years; PRC tax law
// over at least 10.
type TaxAmortisation struct {
	TaxRate float64 `json:"taxRate"` // tax rate t in [0, 1)
	Years   int     `json:"years"`   // tax amortisation period n in years, 1..100
}

// IncomeInput is the input of Income. The zero value has no forecast and is invalid. It is a
// plain value, safe to copy and to read concurrently; Income and Model do not modify it.
type IncomeInput struct {
	Basis    IncomeBasis    `json:"basis,omitempty"` // default DirectIncome
	Forecast []ForecastYear `json:"forecast"`        // 1 to 100 years
	// Rate is the split or royalty rate K in [0, 1] for years that give none.
	Rate float64 `json:"rate,omitempty"`
	// TaxRate is the income-tax rate in [0, 1) applied to F_t (a loss earns a credit). Zero
	// means F_t is already after tax.
	TaxRate float64 `json:"taxRate,omitempty"`
	// DiscountRate is the annual discount rate i > 0, matching the income measure (CAS 2023
	// art. 22). Leave it zero when BuildUp is given.
	DiscountRate float64 `json:"discountRate,omitempty"`
	// BuildUp, if set, builds the discount rate up from a risk-free rate and premiums.
	BuildUp *RateBuildUp `json:"buildUp,omitempty"`
	// MidYear discounts each year's income from its middle (t − 0.5) rather than its end.
	MidYear bool `json:"midYear,omitempty"`
	// Terminal, if set, values the income after the forecast by Gordon growth.
	Terminal *Terminal `json:"terminal,omitempty"`
	// RemainingLife is the remaining economic life in years, bounded by law, contract, update
	// cycle and product life (CAS 2023 art. 22). Zero means the forecast's length, or
	// perpetuity with a Terminal. A life inside the forecast truncates it, prorating the last
	// year; a life beyond it needs a Terminal, which then runs as a growing annuity.
	RemainingLife float64 `json:"remainingLife,omitempty"`
	// Amortisation, if set, grosses the value up by the tax amortisation benefit.
	Amortisation *TaxAmortisation `json:"amortisation,omitempty"`
	// Rounding rounds the value to the currency's minor unit; default HalfEven.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

const (
	maxForecastYears = 100
	maxCharges       = 100
)

// UnmarshalJSON decodes an IncomeInput, refusing unknown fields, inputs over 1 MiB, more
// than 100 forecast years and more than 100 charges a year.
func (in *IncomeInput) UnmarshalJSON(data []byte) error {
	type plain IncomeInput
	var p plain
	if err := decodeStrict(data, &p, "income input"); err != nil {
		return err
	}
	if len(p.Forecast) > maxForecastYears {
		return inputError("forecast", len(p.Forecast), "hold at most 100 years")
	}
	for i, y := range p.Forecast {
		if len(y.Charges) > maxCharges {
			return inputError(fmt.Sprintf("forecast[%d].charges", i), len(y.Charges), "hold at most 100 charges")
		}
	}
	*in = IncomeInput(p)
	return nil
}

// Validate reports the first invalid field of in as an *InputError (or a currency error).
func (in IncomeInput) Validate() error {
	_, _, err := in.model()
	return err
}

// incomeModel is the income approach reduced to float64 arrays: F_t = (R_t·K_t − D_t) ×
// scale × (1 − tax). It is read-only once built, so a Monte Carlo model can share it.
type incomeModel struct {
	income, rate, less []float64 // R_t, K_t, D_t
	scale, tax, r, g   float64
	terminal           bool
	life               float64 // 0: the forecast's length (or perpetuity with terminal)
	midYear            bool
	tabTax, tabYears   float64 // tabYears 0: no amortisation benefit
}

// incomeRecord receives the working of one evaluation, for the trail.
type incomeRecord struct {
	years    []incomeRow
	terminal float64 // present value of the terminal value
	next     float64 // F_{n+1}
	tab      float64
}

type incomeRow struct{ frac, f, df, pv float64 }

// model validates in and reduces it to an incomeModel.
func (in IncomeInput) model() (incomeModel, assay.Currency, error) {
	var m incomeModel
	if _, ok := in.Basis.formula(); !ok {
		return m, assay.Currency{}, inputError("basis", string(in.Basis), "be direct, split, relief-from-royalty, excess-earnings or incremental")
	}
	n := len(in.Forecast)
	if n == 0 || n > maxForecastYears {
		return m, assay.Currency{}, inputError("forecast", n, "hold 1 to 100 years")
	}
	if err := finiteIn("rate", in.Rate, 0, 1); err != nil {
		return m, assay.Currency{}, err
	}
	if err := finiteIn("taxRate", in.TaxRate, 0, 1); err != nil {
		return m, assay.Currency{}, err
	}
	if in.TaxRate == 1 {
		return m, assay.Currency{}, inputError("taxRate", in.TaxRate, "be below 1")
	}
	r, err := in.discountRate()
	if err != nil {
		return m, assay.Currency{}, err
	}
	m = incomeModel{income: make([]float64, n), rate: make([]float64, n), less: make([]float64, n),
		scale: 1, tax: in.TaxRate, r: r, midYear: in.MidYear, life: in.RemainingLife}
	var cc currencyOf
	basisName := string(in.basis())
	for i, y := range in.Forecast {
		// Field names are built only on the error path: this loop is on the hot path.
		f := func(leaf string) string { return indexed("forecast", i) + leaf }
		var ok bool
		if !cc.take(y.Income) {
			return m, assay.Currency{}, cc.add(f(".income"), y.Income)
		}
		if m.income[i], ok = modelFloat(y.Income); !ok {
			return m, assay.Currency{}, modelFloatError(f(".income"), y.Income)
		}
		m.rate[i] = 1
		if in.Basis.usesRate() {
			if !(y.Rate >= 0 && y.Rate <= 1) {
				return m, assay.Currency{}, finiteIn(f(".rate"), y.Rate, 0, 1)
			}
			m.rate[i] = y.Rate
			if y.Rate == 0 {
				m.rate[i] = in.Rate
			}
			if m.rate[i] == 0 {
				return m, assay.Currency{}, inputError(f(".rate"), m.rate[i], "be positive (or set rate) for the "+basisName+" basis")
			}
		} else if y.Rate != 0 {
			return m, assay.Currency{}, inputError(f(".rate"), y.Rate, "be absent for the "+basisName+" basis")
		}
		if !y.Without.IsZero() && in.Basis != IncrementalIncome {
			return m, assay.Currency{}, inputError(f(".without"), y.Without.String(), "be absent for the "+basisName+" basis")
		}
		if !cc.take(y.Without) {
			return m, assay.Currency{}, cc.add(f(".without"), y.Without)
		}
		if m.less[i], ok = modelFloat(y.Without); !ok {
			return m, assay.Currency{}, modelFloatError(f(".without"), y.Without)
		}
		if len(y.Charges) > 0 && in.Basis != ExcessEarnings {
			return m, assay.Currency{}, inputError(f(".charges"), len(y.Charges), "be absent for the "+basisName+" basis")
		}
		if len(y.Charges) > maxCharges {
			return m, assay.Currency{}, inputError(f(".charges"), len(y.Charges), "hold at most 100 charges")
		}
		for j, ch := range y.Charges {
			cf := func() string { return indexed(f(".charges"), j) + ".amount" }
			if !cc.take(ch.Amount) {
				return m, assay.Currency{}, cc.add(cf(), ch.Amount)
			}
			if ch.Amount.IsNegative() {
				return m, assay.Currency{}, inputError(cf(), ch.Amount.String(), "not be negative")
			}
			v, ok := modelFloat(ch.Amount)
			if !ok {
				return m, assay.Currency{}, modelFloatError(cf(), ch.Amount)
			}
			m.less[i] += v
		}
	}
	c, err := cc.get("forecast")
	if err != nil {
		return m, assay.Currency{}, err
	}
	if t := in.Terminal; t != nil {
		if !isFinite(t.Growth) || t.Growth <= -1 {
			return m, c, inputError("terminal.growth", t.Growth, "be finite and above -1")
		}
		if t.Growth >= r {
			return m, c, inputError("terminal.growth", t.Growth, fmt.Sprintf("be below the discount rate %g (Gordon growth needs g < r)", r))
		}
		m.terminal, m.g = true, t.Growth
	}
	if l := in.RemainingLife; l != 0 {
		if !isFinite(l) || l <= 0 || l > 1000 {
			return m, c, inputError("remainingLife", l, "be positive and at most 1000 years (or zero for none)")
		}
		if l > float64(n) && !m.terminal {
			return m, c, inputError("remainingLife", l, fmt.Sprintf("not exceed the %d forecast years without a terminal growth", n))
		}
		if l < float64(n) && m.terminal {
			return m, c, inputError("remainingLife", l, fmt.Sprintf("reach the end of the %d forecast years when a terminal growth is given", n))
		}
	}
	if a := in.Amortisation; a != nil {
		if err := finiteIn("amortisation.taxRate", a.TaxRate, 0, 1); err != nil || a.TaxRate == 1 {
			return m, c, inputError("amortisation.taxRate", a.TaxRate, "be in [0, 1)")
		}
		if a.Years < 1 || a.Years > 100 {
			return m, c, inputError("amortisation.years", a.Years, "be in 1..100")
		}
		m.tabTax, m.tabYears = a.TaxRate, float64(a.Years)
	}
	if !in.Rounding.Valid() {
		return m, c, inputError("rounding", in.Rounding.String(), "be a defined rounding mode")
	}
	return m, c, nil
}

func (in IncomeInput) basis() IncomeBasis {
	if in.Basis == "" {
		return DirectIncome
	}
	return in.Basis
}

// discountRate returns the given or built-up discount rate.
func (in IncomeInput) discountRate() (float64, error) {
	r := in.DiscountRate
	field := "discountRate"
	if b := in.BuildUp; b != nil {
		if in.DiscountRate != 0 {
			return 0, inputError("discountRate", in.DiscountRate, "be zero when buildUp is given")
		}
		if err := b.validate(); err != nil {
			return 0, err
		}
		r, field = b.Rate(), "buildUp (sum)"
	}
	if err := finiteAbove(field, r, 0); err != nil {
		return 0, err
	}
	if r > 10 {
		return 0, inputError(field, r, "be at most 10 (1000 %)")
	}
	return r, nil
}

// value returns the present value of the model, recording the working in rec when non-nil.
//
//	PV = Σ_{t=1..n} F_t·φ_t / (1+i)^(t−m) + TV / (1+i)^(n−m),   m = 0.5 mid-year, else 0
//	TV = F_{n+1} / (i − g) × (1 − ((1+g)/(1+i))^(L−n))           (L = ∞: Gordon perpetuity)
//
// where φ_t is the share of year t within the remaining life L. The Gordon value of mid-year
// flows is discounted from n − 0.5, which is exactly the sum of the flows at n+0.5, n+1.5, …
func (m *incomeModel) value(rec *incomeRecord) float64 {
	n := len(m.income)
	years, lastFrac := n, 1.0
	if m.life > 0 && m.life < float64(n) {
		years = int(math.Ceil(m.life))
		lastFrac = m.life - float64(years-1)
	}
	shift := 0.0
	if m.midYear {
		shift = 0.5
	}
	lr := math.Log1p(m.r)
	var total, f float64
	for t := 1; t <= years; t++ {
		f = (m.income[t-1]*m.rate[t-1] - m.less[t-1]) * m.scale * (1 - m.tax)
		frac := 1.0
		if t == years {
			frac = lastFrac
		}
		df := math.Exp(-(float64(t) - shift) * lr)
		pv := f * frac * df
		total += pv
		if rec != nil {
			rec.years = append(rec.years, incomeRow{frac: frac, f: f, df: df, pv: pv})
		}
	}
	if m.terminal && years == n {
		next := f * (1 + m.g)
		tv := next / (m.r - m.g)
		if m.life > 0 { // a growing annuity for the L − n years after the forecast
			tv *= -math.Expm1((m.life - float64(n)) * (math.Log1p(m.g) - lr))
		}
		pv := tv * math.Exp(-(float64(n)-shift)*lr)
		total += pv
		if rec != nil {
			rec.terminal, rec.next = pv, next
		}
	}
	if m.tabYears > 0 {
		tab := tabFactor(m.tabTax, m.tabYears, m.r)
		total *= tab
		if rec != nil {
			rec.tab = tab
		}
	}
	return total
}

// IncomeYear is one year of an IncomeResult. Amounts are rounded to the minor unit for
// display; the value is computed from the unrounded figures.
type IncomeYear struct {
	Year           int         `json:"year"`           // 1 for the year ending one year after the valuation date
	Fraction       float64     `json:"fraction"`       // share of the year within the remaining life
	Income         assay.Money `json:"income"`         // F_t after tax
	DiscountFactor float64     `json:"discountFactor"` // 1/(1+i)^(t−m)
	PresentValue   assay.Money `json:"presentValue"`   // F_t × fraction × discount factor
}

// IncomeResult is the result of Income. It is a plain value, safe to read concurrently.
type IncomeResult struct {
	Basis         IncomeBasis  `json:"basis"`
	DiscountRate  float64      `json:"discountRate"`  // annual i, given or built up
	Years         []IncomeYear `json:"years"`         // the explicit forecast years within the remaining life
	TerminalValue assay.Money  `json:"terminalValue"` // present value of the terminal value, display-rounded
	TABFactor     float64      `json:"tabFactor"`     // 1 without amortisation benefit
	Value         assay.Money  `json:"value"`         // rounded once by the input's Rounding
	Trail         Trail        `json:"trail"`
}

// Indication returns the result as an indication for Reconcile.
func (r IncomeResult) Indication(weight float64) Indication {
	return Indication{Approach: "income", Value: r.Value, Weight: weight}
}

// Income values a data asset by the income approach of the CAS 数据资产评估指导意见 (2023)
// art. 22 and IVS 210: P = Σ_{t=1..n} F_t/(1+i)^t over a finite remaining life, with the
// data-attributable income F_t from the chosen basis, after tax; optionally the mid-year
// convention, a Gordon-growth terminal value (g < i enforced) and the IVS 210 tax amortisation
// benefit. The model runs in float64 (as NPV does) and crosses into money once, through
// MoneyFromModel with in.Rounding. Errors are *InputError naming the field.
func Income(in IncomeInput) (IncomeResult, error) {
	m, c, err := in.model()
	if err != nil {
		return IncomeResult{}, err
	}
	rec := incomeRecord{years: make([]incomeRow, 0, len(in.Forecast)), tab: 1}
	total := m.value(&rec)
	mode := in.Rounding
	value, err := MoneyFromModel(total, c, mode)
	if err != nil {
		return IncomeResult{}, err
	}
	disp := func(v float64) assay.Money { d, _ := MoneyFromModel(v, c, mode); return d }

	res := IncomeResult{Basis: in.basis(), DiscountRate: m.r, Years: make([]IncomeYear, len(rec.years)),
		TABFactor: rec.tab, Value: value}
	trail := make(Trail, 0, len(rec.years)+4)
	rateInputs := []StepInput{stepRate("discount rate i", m.r)}
	rateSrc := "CAS 数据资产评估指导意见 (2023) art. 22: the discount rate matches the income measure"
	if b := in.BuildUp; b != nil {
		rateInputs = []StepInput{stepRate("risk-free", b.RiskFree), stepRate("management risk", b.Management),
			stepRate("circulation risk", b.Circulation), stepRate("data-security risk", b.Security),
			stepRate("regulatory risk", b.Regulatory), stepRate("other premium", b.Other), stepRate("discount rate i", m.r)}
		rateSrc += "; build-up of risk-free rate and the premiums it lists (管理、流通、数据安全、监管)"
	}
	trail = append(trail, Step{Name: "discount rate", Inputs: rateInputs, Source: rateSrc})

	formula, _ := in.Basis.formula()
	when := "t"
	if m.midYear {
		when = "(t − 0.5) (mid-year convention)"
	}
	yearSource := formula + "; discounted 1/(1+i)^" + when + ", CAS 2023 art. 22"
	// The years' inputs share one backing array; each step's slice is capped at its own.
	size := 0
	for _, y := range in.Forecast[:len(rec.years)] {
		size += 6 + len(y.Charges)
	}
	slab := make([]StepInput, 0, size)
	// The years' step names are written into one buffer and cut from one string after the
	// loop. A year's step is a sum: its inputs end with the year's discount factor and present
	// value, and its value is the running total of the present values (Step.Factor is empty).
	text := make([]byte, 0, 56*len(rec.years))
	textEnds := make([]int, 0, len(rec.years))
	firstYear := len(trail)
	var running float64
	for i, row := range rec.years {
		y := in.Forecast[i]
		running += row.pv
		f := disp(row.f)
		res.Years[i] = IncomeYear{Year: i + 1, Fraction: row.frac, Income: f, DiscountFactor: row.df, PresentValue: disp(row.pv)}
		from := len(slab)
		inputs := append(slab, stepMoney("R", y.Income))
		switch {
		case in.Basis.usesRate():
			inputs = append(inputs, stepRate("K", m.rate[i]))
		case in.Basis == IncrementalIncome:
			inputs = append(inputs, stepMoney("R without", y.Without))
		case in.Basis == ExcessEarnings:
			for _, ch := range y.Charges {
				inputs = append(inputs, stepMoney("CAC "+ch.Asset, ch.Amount))
			}
		}
		if m.tax != 0 {
			inputs = append(inputs, stepRate("tax rate", m.tax))
		}
		inputs = append(inputs, stepMoney("F after tax", f))
		if row.frac != 1 {
			inputs = append(inputs, stepRate("share of year in remaining life", row.frac))
		}
		inputs = append(inputs, stepRate("discount factor", row.df), stepMoney("present value of the year", res.Years[i].PresentValue))
		slab = inputs
		text = append(strconv.AppendInt(append(text, "present value so far (running total through year "...), int64(i+1), 10), ')')
		textEnds = append(textEnds, len(text))
		trail = append(trail, Step{Inputs: inputs[from:len(inputs):len(inputs)], Value: disp(running), Source: yearSource})
	}
	all, at := string(text), 0
	for i := range rec.years {
		trail[firstYear+i].Name, at = all[at:textEnds[i]], textEnds[i]
	}
	if m.terminal && len(rec.years) == len(in.Forecast) {
		running += rec.terminal
		res.TerminalValue = disp(rec.terminal)
		inputs := []StepInput{stepRate("growth g", m.g), stepMoney("F(n+1)", disp(rec.next))}
		src := "Gordon growth F(n+1)/(i − g), discounted from year n"
		if m.life > 0 {
			inputs = append(inputs, stepRate("remaining life (years)", m.life))
			src = "growing annuity F(n+1)/(i − g)·(1 − ((1+g)/(1+i))^(L−n)) over the remaining life, discounted from year n"
		}
		inputs = append(inputs, stepMoney("present value", res.TerminalValue))
		trail = append(trail, Step{Name: "terminal value", Inputs: inputs, Value: disp(running), Source: src})
	}
	if m.tabYears > 0 {
		trail = append(trail, Step{Name: "tax amortisation benefit",
			Inputs: []StepInput{stepRate("tax rate t", m.tabTax), stepRate("years n", m.tabYears), stepRate("rate k", m.r)},
			Factor: strconv.FormatFloat(rec.tab, 'g', 10, 64), Value: value,
			Source: "IVS 210: TAB = 1/(1 − (t/n)(1/k − 1/(k(1+k)^n)))"})
	}
	trail = append(trail, Step{Name: "income-approach value", Inputs: []StepInput{stepText("rounding", mode.String())},
		Value: value, Source: "float model crosses into money once (MoneyFromModel)"})
	res.Trail = trail
	return res, nil
}
