package distribution

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// Bracket is one band of a progressive levy: the part of an income above Above, up to the
// next bracket's Above, is levied at the marginal Rate. A plain value, safe for concurrent
// use.
//
// JSON: {"above":{"amount":"50000.00","currency":"CNY"},"rate":"0.2"}.
type Bracket struct {
	Above assay.Money     `json:"above"` // where the band starts: a whole number of minor units, ≥ 0
	Rate  decimal.Decimal `json:"rate"`  // the marginal rate in the band, in [0, 1]
}

// Levy is a progressive levy on incomes from data, with marginal rates by bracket, like a
// personal income tax schedule: an income of 80,000 under brackets {0: 0 %, 50,000: 20 %}
// owes 20 % of 30,000. Brackets are in strictly ascending order of Above; income below the
// first bracket is not levied. Each person's levy is rounded to the minor unit by Rounding
// (zero value HalfEven); it never exceeds the income, as rates are at most 1.
//
// The zero Levy has no brackets and levies nothing. A Levy is a plain value, safe for
// concurrent use as long as nobody modifies it.
//
// Source: the marginal-rate schedule of progressive income taxes (e.g. the Individual Income
// Tax Law of the PRC, Art. 3, comprehensive-income table).
type Levy struct {
	Brackets []Bracket          `json:"brackets"`
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// Validate reports brackets out of order, a negative or inexact threshold, thresholds in
// different currencies, a rate outside [0, 1] or an undefined rounding mode.
func (l Levy) Validate() error {
	if !l.Rounding.Valid() {
		return &InputError{Field: "levy.rounding", Value: l.Rounding.String(), Reason: "be a defined rounding mode"}
	}
	for i, b := range l.Brackets {
		field := fmt.Sprintf("levy.brackets[%d]", i)
		if err := checkUnitRate(field+".rate", b.Rate); err != nil {
			return err
		}
		if b.Above.IsNegative() {
			return &InputError{Field: field + ".above", Value: b.Above.String(), Reason: "not be negative"}
		}
		if !b.Above.IsRounded() {
			return &InexactError{Field: field + ".above", Amount: b.Above}
		}
		if i == 0 {
			continue
		}
		prev := l.Brackets[i-1].Above
		c, err := b.Above.Cmp(prev)
		if err != nil {
			return err
		}
		if c <= 0 {
			return &InputError{Field: field + ".above", Value: b.Above.String(), Reason: "be above the previous bracket's " + prev.String() + " (brackets in ascending order)"}
		}
	}
	return nil
}

// Due returns the levy on one income: Σ rateₖ × (min(income, aboveₖ₊₁) − aboveₖ)⁺, rounded.
// A negative or zero income owes nothing. The income must be in the brackets' currency.
func (l Levy) Due(income assay.Money) (assay.Money, error) {
	if err := l.Validate(); err != nil {
		return assay.Money{}, err
	}
	return l.due(income)
}

func (l Levy) due(income assay.Money) (assay.Money, error) {
	cur := income.Currency()
	levy := decimal.Zero
	for i, b := range l.Brackets {
		if !b.Above.IsZero() && b.Above.Currency() != cur {
			return assay.Money{}, &assay.MismatchError{Op: fmt.Sprintf("levy.brackets[%d].above", i), A: cur, B: b.Above.Currency()}
		}
		if income.Amount().LessThanOrEqual(b.Above.Amount()) {
			break
		}
		top := income.Amount()
		if i+1 < len(l.Brackets) {
			top = decimal.Min(top, l.Brackets[i+1].Above.Amount())
		}
		levy = levy.Add(top.Sub(b.Above.Amount()).Mul(b.Rate))
	}
	return assay.MoneyOf(assay.RoundDecimal(levy, int32(cur.Digits()), l.Rounding), cur), nil
}

// InequalitySummary holds the inequality measures of one income distribution: the Gini
// index, Theil T, the Palma ratio, Atkinson(ε = 0.5), and the income shares of the richest
// 10 % and the poorest 40 %. A measure that is undefined for the incomes (see Gini, Theil,
// Palma, Atkinson) is 0 and named in Undefined, so the summary always encodes as JSON. A
// plain value, safe for concurrent reads.
type InequalitySummary struct {
	Gini          float64  `json:"gini"`
	Theil         float64  `json:"theil"`
	Palma         float64  `json:"palma"`
	Atkinson      float64  `json:"atkinson05"`
	Top10Share    float64  `json:"top10Share"`
	Bottom40Share float64  `json:"bottom40Share"`
	Undefined     []string `json:"undefined,omitempty"`
}

// SummarizeInequality computes an InequalitySummary of incomes x with weights (nil = equal).
// Errors are those of Lorenz for invalid input (*InputError), or an *UndefinedError when the
// mean income is not positive; measures undefined for other reasons are listed in Undefined.
func SummarizeInequality(x, weights []float64) (InequalitySummary, error) {
	l, err := Lorenz(x, weights)
	if err != nil {
		return InequalitySummary{}, err
	}
	s := InequalitySummary{Gini: l.Gini(), Top10Share: 1 - l.Share(0.9), Bottom40Share: l.Share(0.4)}
	measure := func(name string, dst *float64, v float64, err error) {
		switch {
		case errors.Is(err, ErrUndefined):
			s.Undefined = append(s.Undefined, name)
		case err == nil:
			*dst = v
		}
	}
	v, err := Theil(x, weights)
	measure("theil", &s.Theil, v, err)
	v, err = l.palma()
	measure("palma", &s.Palma, v, err)
	v, err = Atkinson(x, weights, 0.5)
	measure("atkinson05", &s.Atkinson, v, err)
	return s, nil
}

// Redistribution is the outcome of a redistribution scheme for each person — income before,
// levy, dividend, income after (= before − levy + dividend) — and the flows in total: what
// was collected, what was paid out as dividends and what was retained, with
// Collected = Paid + Retained exactly, and the inequality of incomes before and after. Its
// slices are its own (Before is a copy of the incomes given); safe for concurrent reads.
type Redistribution struct {
	Before           []assay.Money     `json:"before"`
	Levies           []assay.Money     `json:"levies"`
	Dividends        []assay.Money     `json:"dividends"`
	After            []assay.Money     `json:"after"`
	Collected        assay.Money       `json:"collected"`
	Paid             assay.Money       `json:"paid"`
	Retained         assay.Money       `json:"retained"`
	InequalityBefore InequalitySummary `json:"inequalityBefore"`
	InequalityAfter  InequalitySummary `json:"inequalityAfter"`
}

// LevyDividend is a levy-and-dividend scheme: a progressive Levy on every income funds a
// dividend, after a Retain share is kept back (administration, a reserve). The dividend is
// paid in proportion to Need among the Eligible: equally to all (both nil), by need weights,
// or only to a target group — the seed names vulnerable, elderly and rural populations.
// Dividends are split exactly by Allocate.
//
// The zero LevyDividend levies nothing and pays nothing. It is a plain value, safe for
// concurrent use as long as nobody modifies it.
//
// Source: tax-and-transfer schemes measured by their redistributive effect, the change in
// the Gini index (R. A. Musgrave and T. Thin, "Income tax progression, 1929–48", Journal of
// Political Economy 56(6), 1948; P. J. Lambert, The Distribution and Redistribution of
// Income, 2001, ch. 11).
type LevyDividend struct {
	Levy Levy `json:"levy"`
	// Retain is the share of the levy kept back, in [0, 1], rounded by Levy.Rounding; zero:
	// everything is paid out.
	Retain decimal.Decimal `json:"retain,omitzero"`
	// Need holds one non-negative dividend weight per person; nil: equal weights.
	Need []decimal.Decimal `json:"need,omitempty"`
	// Eligible says who receives a dividend, one entry per person; nil: everyone.
	Eligible []bool `json:"eligible,omitempty"`
}

// Apply runs the scheme on incomes (whole minor units, one currency, at least one).
//
// Errors: empty incomes, Need or Eligible of another length, no eligible person with a
// positive need while there is something to pay (*InputError); mixed currencies
// (*assay.MismatchError); inexact incomes (*InexactError); those of Levy.Validate; and an
// *UndefinedError when the mean income before or after is not positive.
func (s LevyDividend) Apply(incomes []assay.Money) (Redistribution, error) {
	if err := s.Levy.Validate(); err != nil {
		return Redistribution{}, err
	}
	if err := checkUnitRate("retain", s.Retain); err != nil {
		return Redistribution{}, err
	}
	cur, err := checkIncomes(incomes, len(s.Need), len(s.Eligible))
	if err != nil {
		return Redistribution{}, err
	}
	r := Redistribution{Before: slices.Clone(incomes), Levies: make([]assay.Money, len(incomes))}
	collected := decimal.Zero
	for i, x := range incomes {
		if r.Levies[i], err = s.Levy.due(x); err != nil {
			return Redistribution{}, err
		}
		collected = collected.Add(r.Levies[i].Amount())
	}
	retained := assay.RoundDecimal(collected.Mul(s.Retain), int32(cur.Digits()), s.Levy.Rounding)
	r.Collected = assay.MoneyOf(collected, cur)
	r.Retained = assay.MoneyOf(retained, cur)
	r.Paid = assay.MoneyOf(collected.Sub(retained), cur)
	if r.Dividends, err = payDividends(r.Paid, len(incomes), s.Need, s.Eligible); err != nil {
		return Redistribution{}, err
	}
	return r.finish()
}

// DataDividend is a "data dividend": a fixed Share of a platform's Revenue from data is paid
// to the data subjects, in proportion to Weights (e.g. records contributed; nil: equally)
// among the Eligible (nil: everyone). The pool is Revenue × Share rounded by Rounding (zero
// value HalfEven), split exactly by Allocate; nothing is levied.
//
// The zero DataDividend pays nothing. It is a plain value, safe for concurrent use as long as
// nobody modifies it.
//
// Source: the data-dividend proposals of data-cooperative and policy literature (e.g.
// Streamr Data Unions' revenue share to members; reference distribution.md §6); no
// standard formula exists.
type DataDividend struct {
	Revenue  assay.Money        `json:"revenue"`
	Share    decimal.Decimal    `json:"share"`
	Weights  []decimal.Decimal  `json:"weights,omitempty"`
	Eligible []bool             `json:"eligible,omitempty"`
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// Apply pays the dividend to the holders of incomes (whole minor units, one currency, the
// revenue's). Collected is the pool the platform funds; Retained is zero.
//
// Errors: as for LevyDividend.Apply, plus a negative or inexact revenue and a share outside
// [0, 1].
func (d DataDividend) Apply(incomes []assay.Money) (Redistribution, error) {
	if err := checkUnitRate("share", d.Share); err != nil {
		return Redistribution{}, err
	}
	if !d.Rounding.Valid() {
		return Redistribution{}, &InputError{Field: "rounding", Value: d.Rounding.String(), Reason: "be a defined rounding mode"}
	}
	cur, err := checkIncomes(incomes, len(d.Weights), len(d.Eligible))
	if err != nil {
		return Redistribution{}, err
	}
	if _, err := nonNegativeUnits("revenue", d.Revenue, cur); err != nil {
		return Redistribution{}, err
	}
	pool := assay.MoneyOf(assay.RoundDecimal(d.Revenue.Amount().Mul(d.Share), int32(cur.Digits()), d.Rounding), cur)
	r := Redistribution{Before: slices.Clone(incomes), Levies: make([]assay.Money, len(incomes)),
		Collected: pool, Paid: pool, Retained: assay.MoneyOf(decimal.Zero, cur)}
	for i := range r.Levies {
		r.Levies[i] = assay.MoneyOf(decimal.Zero, cur)
	}
	if r.Dividends, err = payDividends(pool, len(incomes), d.Weights, d.Eligible); err != nil {
		return Redistribution{}, err
	}
	return r.finish()
}

// checkIncomes validates incomes and the lengths of the per-person slices (0 = absent) and
// returns their currency.
func checkIncomes(incomes []assay.Money, weights, eligible int) (assay.Currency, error) {
	if len(incomes) == 0 {
		return assay.Currency{}, &InputError{Field: "incomes", Value: "[]", Reason: "not be empty"}
	}
	cur := incomes[0].Currency()
	for i, x := range incomes {
		if x.Currency() != cur {
			return assay.Currency{}, &assay.MismatchError{Op: fmt.Sprintf("incomes[%d]", i), A: cur, B: x.Currency()}
		}
		if !x.IsRounded() {
			return assay.Currency{}, &InexactError{Field: fmt.Sprintf("incomes[%d]", i), Amount: x}
		}
	}
	for _, f := range [...]struct {
		name string
		n    int
	}{{"weights", weights}, {"eligible", eligible}} {
		if f.n != 0 && f.n != len(incomes) {
			return assay.Currency{}, &InputError{Field: f.name, Value: fmt.Sprintf("%d entries", f.n), Reason: fmt.Sprintf("have one entry per income (%d)", len(incomes))}
		}
	}
	return cur, nil
}

// payDividends splits pool among n people by weights (nil: equal) restricted to the eligible
// (nil: all). An empty pool pays everyone zero, eligible or not.
func payDividends(pool assay.Money, n int, weights []decimal.Decimal, eligible []bool) ([]assay.Money, error) {
	if pool.IsZero() {
		zeros := make([]assay.Money, n)
		for i := range zeros {
			zeros[i] = pool
		}
		return zeros, nil
	}
	w := make([]decimal.Decimal, n)
	for i := range w {
		switch {
		case eligible != nil && !eligible[i]:
			w[i] = decimal.Zero
		case weights != nil:
			w[i] = weights[i]
		default:
			w[i] = decimal.NewFromInt(1)
		}
	}
	return Allocate(pool, w)
}

// finish computes incomes after and the inequality before and after.
func (r Redistribution) finish() (Redistribution, error) {
	r.After = make([]assay.Money, len(r.Before))
	before, after := make([]float64, len(r.Before)), make([]float64, len(r.Before))
	for i, x := range r.Before {
		// The one crossing from money to float64: measures are statistics, not payments.
		r.After[i] = assay.MoneyOf(x.Amount().Sub(r.Levies[i].Amount()).Add(r.Dividends[i].Amount()), x.Currency())
		before[i] = x.Amount().InexactFloat64()
		after[i] = r.After[i].Amount().InexactFloat64()
	}
	var err error
	if r.InequalityBefore, err = SummarizeInequality(before, nil); err != nil {
		return Redistribution{}, err
	}
	if r.InequalityAfter, err = SummarizeInequality(after, nil); err != nil {
		return Redistribution{}, err
	}
	return r, nil
}
