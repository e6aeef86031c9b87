package valuation

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// The six information-valuation models of Douglas B. Laney, Infonomics (Routledge, 2017),
// first published as Gartner research G00276767 (2015): three foundational models (IVI,
// BVI, PVI) that score information without money, and three financial models (CVI, MVI, EVI)
// in money. Inputs carry Laney's names. Lifespan (T) is the average usable life of a datum and
// Period (t) the measurement period, in the same unit; T/t is how lifetime enters value.
// Laney's published formulas are reproduced as he states them (Laney, Infonomics, Gartner /
// Bibliomotion 2018, ch. 12); confirm them against the book before a report cites them.

// IVIInput is the input of IVI.
type IVIInput struct {
	Validity     float64 `json:"validity"`     // share of records that are correct, [0, 1]
	Completeness float64 `json:"completeness"` // share of the universe covered, [0, 1]
	Scarcity     float64 `json:"scarcity"`     // share of competitors who hold the same data, [0, 1]
	Lifecycle    float64 `json:"lifecycle"`    // usable life of a datum in periods, ≥ 0
}

// IVI is Laney's Intrinsic Value of Information: Validity × Completeness × (1 − Scarcity) ×
// Lifecycle, a score without unit.
func IVI(in IVIInput) (float64, error) {
	for _, f := range [...]struct {
		n string
		v float64
	}{{"validity", in.Validity}, {"completeness", in.Completeness}, {"scarcity", in.Scarcity}} {
		if err := finiteIn(f.n, f.v, 0, 1); err != nil {
			return 0, err
		}
	}
	if err := finiteIn("lifecycle", in.Lifecycle, 0, 1e6); err != nil {
		return 0, err
	}
	return in.Validity * in.Completeness * (1 - in.Scarcity) * in.Lifecycle, nil
}

// BVIInput is the input of BVI.
type BVIInput struct {
	Relevance    []float64 `json:"relevance"`    // relevance to each business process p, [0, 1] each
	Validity     float64   `json:"validity"`     // [0, 1]
	Completeness float64   `json:"completeness"` // [0, 1]
	Timeliness   float64   `json:"timeliness"`   // [0, 1]
}

// BVI is Laney's Business Value of Information: Σ_p Relevance_p × Validity × Completeness ×
// Timeliness, a score without unit.
func BVI(in BVIInput) (float64, error) {
	if len(in.Relevance) == 0 || len(in.Relevance) > maxListLen {
		return 0, inputError("relevance", len(in.Relevance), "hold 1 to 1000 business processes")
	}
	var rel float64
	for i, r := range in.Relevance {
		if err := finiteIn(fmt.Sprintf("relevance[%d]", i), r, 0, 1); err != nil {
			return 0, err
		}
		rel += r
	}
	for _, f := range [...]struct {
		n string
		v float64
	}{{"validity", in.Validity}, {"completeness", in.Completeness}, {"timeliness", in.Timeliness}} {
		if err := finiteIn(f.n, f.v, 0, 1); err != nil {
			return 0, err
		}
	}
	return rel * in.Validity * in.Completeness * in.Timeliness, nil
}

// PVIInput is the input of PVI.
type PVIInput struct {
	KPIInformed float64 `json:"kpiInformed"` // the KPI of the process run with the information
	KPIControl  float64 `json:"kpiControl"`  // the KPI of the control group without it, ≠ 0
	Lifespan    float64 `json:"lifespan"`    // T, > 0
	Period      float64 `json:"period"`      // t, > 0
}

// PVI is Laney's Performance Value of Information: (KPI_informed / KPI_control − 1) × T/t,
// the relative KPI improvement over the information's life.
func PVI(in PVIInput) (float64, error) {
	if err := finiteIn("kpiInformed", in.KPIInformed, -1e15, 1e15); err != nil {
		return 0, err
	}
	if err := finiteIn("kpiControl", in.KPIControl, -1e15, 1e15); err != nil {
		return 0, err
	}
	if in.KPIControl == 0 {
		return 0, inputError("kpiControl", in.KPIControl, "not be zero")
	}
	tt, err := lifespanRatio(in.Lifespan, in.Period)
	if err != nil {
		return 0, err
	}
	return (in.KPIInformed/in.KPIControl - 1) * tt, nil
}

func lifespanRatio(T, t float64) (float64, error) {
	if err := finiteAbove("lifespan", T, 0); err != nil {
		return 0, err
	}
	if err := finiteAbove("period", t, 0); err != nil {
		return 0, err
	}
	if T > 1e6 || t > 1e6 {
		return 0, inputError("lifespan", T, "and period be at most 1e6")
	}
	return T / t, nil
}

// CVIInput is the input of CVI.
type CVIInput struct {
	ProcessExpense assay.Money        `json:"processExpense"`   // annual cost of collecting and managing the data, ≥ 0
	Attribution    float64            `json:"attribution"`      // share of that expense attributable to the data, [0, 1]
	Lifespan       float64            `json:"lifespan"`         // T, > 0
	Period         float64            `json:"period"`           // t, > 0
	Losses         []assay.Money      `json:"losses,omitempty"` // Loss_p: revenue lost if the data were lost, per process, ≥ 0
	Rounding       assay.RoundingMode `json:"rounding,omitzero"`
}

// CVI is Laney's Cost Value of Information: ProcessExpense × Attribution × T/t + Σ_p Loss_p,
// computed exactly and rounded once to the minor unit.
func CVI(in CVIInput) (assay.Money, error) {
	var cc currencyOf
	if err := nonNegativeMoney(&cc, "processExpense", in.ProcessExpense); err != nil {
		return assay.Money{}, err
	}
	if err := finiteIn("attribution", in.Attribution, 0, 1); err != nil {
		return assay.Money{}, err
	}
	if _, err := lifespanRatio(in.Lifespan, in.Period); err != nil {
		return assay.Money{}, err
	}
	if len(in.Losses) > maxListLen {
		return assay.Money{}, inputError("losses", len(in.Losses), "hold at most 1000 amounts")
	}
	loss := decimal.Zero
	for i, l := range in.Losses {
		if err := nonNegativeMoney(&cc, fmt.Sprintf("losses[%d]", i), l); err != nil {
			return assay.Money{}, err
		}
		loss = loss.Add(l.Amount())
	}
	c, err := cc.get("processExpense")
	if err != nil {
		return assay.Money{}, err
	}
	// (E·a·T + loss·t) / t, one exact division.
	t := decimalOf(in.Period)
	num := in.ProcessExpense.Amount().Mul(decimalOf(in.Attribution)).Mul(decimalOf(in.Lifespan)).Add(loss.Mul(t))
	return infonomicsMoney(num, t, c, in.Rounding)
}

// MVIInput is the input of MVI.
type MVIInput struct {
	ExclusivePrice assay.Money        `json:"exclusivePrice"` // price of an exclusive licence, ≥ 0
	Partners       float64            `json:"partners"`       // number of licensees the market would bear, ≥ 0
	Premium        float64            `json:"premium"`        // premium of exclusivity over a shared licence, > 0
	Rounding       assay.RoundingMode `json:"rounding,omitzero"`
}

// MVI is Laney's Market Value of Information: ExclusivePrice × Partners / Premium, rounded
// once to the minor unit.
func MVI(in MVIInput) (assay.Money, error) {
	var cc currencyOf
	if err := nonNegativeMoney(&cc, "exclusivePrice", in.ExclusivePrice); err != nil {
		return assay.Money{}, err
	}
	if err := finiteIn("partners", in.Partners, 0, 1e9); err != nil {
		return assay.Money{}, err
	}
	if err := finiteAbove("premium", in.Premium, 0); err != nil {
		return assay.Money{}, err
	}
	if in.Premium > 1e9 {
		return assay.Money{}, inputError("premium", in.Premium, "be at most 1e9")
	}
	c, err := cc.get("exclusivePrice")
	if err != nil {
		return assay.Money{}, err
	}
	return infonomicsMoney(in.ExclusivePrice.Amount().Mul(decimalOf(in.Partners)), decimalOf(in.Premium), c, in.Rounding)
}

// EVIInput is the input of EVI.
type EVIInput struct {
	RevenueInformed assay.Money        `json:"revenueInformed"` // revenue of the process using the information
	RevenueControl  assay.Money        `json:"revenueControl"`  // revenue of the control group without it
	Acquisition     assay.Money        `json:"acquisition"`     // cost of acquiring the information, ≥ 0
	Administration  assay.Money        `json:"administration"`  // cost of administering it, ≥ 0
	Application     assay.Money        `json:"application"`     // cost of applying it, ≥ 0
	Lifespan        float64            `json:"lifespan"`        // T, > 0
	Period          float64            `json:"period"`          // t, > 0
	Rounding        assay.RoundingMode `json:"rounding,omitzero"`
}

// EVI is Laney's Economic Value of Information:
// [Revenue_informed − Revenue_control − (Acquisition + Administration + Application)] × T/t,
// rounded once to the minor unit. It may be negative.
func EVI(in EVIInput) (assay.Money, error) {
	var cc currencyOf
	for _, f := range [...]struct {
		n string
		m assay.Money
	}{{"revenueInformed", in.RevenueInformed}, {"revenueControl", in.RevenueControl}} {
		if err := cc.add(f.n, f.m); err != nil {
			return assay.Money{}, err
		}
	}
	for _, f := range [...]struct {
		n string
		m assay.Money
	}{{"acquisition", in.Acquisition}, {"administration", in.Administration}, {"application", in.Application}} {
		if err := nonNegativeMoney(&cc, f.n, f.m); err != nil {
			return assay.Money{}, err
		}
	}
	if _, err := lifespanRatio(in.Lifespan, in.Period); err != nil {
		return assay.Money{}, err
	}
	c, err := cc.get("revenueInformed")
	if err != nil {
		return assay.Money{}, err
	}
	net := in.RevenueInformed.Amount().Sub(in.RevenueControl.Amount()).
		Sub(in.Acquisition.Amount()).Sub(in.Administration.Amount()).Sub(in.Application.Amount())
	return infonomicsMoney(net.Mul(decimalOf(in.Lifespan)), decimalOf(in.Period), c, in.Rounding)
}

func nonNegativeMoney(cc *currencyOf, field string, m assay.Money) error {
	if err := cc.add(field, m); err != nil {
		return err
	}
	if m.IsNegative() {
		return inputError(field, m.String(), "not be negative")
	}
	return nil
}

// infonomicsMoney returns num/den in c, rounded once by mode.
func infonomicsMoney(num, den decimal.Decimal, c assay.Currency, mode assay.RoundingMode) (assay.Money, error) {
	if !mode.Valid() {
		return assay.Money{}, inputError("rounding", mode.String(), "be a defined rounding mode")
	}
	return assay.MoneyOf(quoRound(num, den, int32(c.Digits()), mode), c), nil
}
