package jobs

import (
	"slices"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/internal/cli"
	"github.com/shopspring/decimal"
)

// RedistributeInput is the input of `assay redistribute`: contributors with their income
// from data, a levy-and-dividend scheme and a data dividend. Contributors may instead come
// from CSV (columns id, group, income; the -contributors flag). Schema:
// redistribute.input.json.
type RedistributeInput struct {
	Currency     assay.Currency `json:"currency"`
	Contributors []Contributor  `json:"contributors,omitempty"`
	Levy         struct {
		Levy           distribution.Levy `json:"levy"`
		Retain         decimal.Decimal   `json:"retain,omitzero"`          // share kept back, in [0, 1]
		EligibleGroups []string          `json:"eligibleGroups,omitempty"` // who receives the dividend; empty: everyone
	} `json:"levyDividend"`
	DataDividend struct {
		Revenue        assay.Money     `json:"revenue"`
		Share          decimal.Decimal `json:"share"`                    // of Revenue paid out, in [0, 1]
		EligibleGroups []string        `json:"eligibleGroups,omitempty"` // empty: everyone
	} `json:"dataDividend"`
}

// Contributor is one data contributor: an ID, a group ("rural", "elderly" …) and an annual
// income from data as a decimal string in the input's currency.
type Contributor struct {
	ID     string          `json:"id"`
	Group  string          `json:"group"`
	Income decimal.Decimal `json:"income"`
}

// DecodeRedistribute reads a RedistributeInput; contributors, if given, replace those of
// the document (read them with DecodeContributorsCSV).
func DecodeRedistribute(data []byte, contributors []Contributor) (RedistributeInput, error) {
	var in RedistributeInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	if contributors != nil {
		in.Contributors = contributors
	}
	return in, in.check()
}

// DecodeContributorsCSV reads contributors from CSV with columns id, group and income.
func DecodeContributorsCSV(data []byte) ([]Contributor, error) {
	t, err := readCSV(data, "id", "group", "income")
	if err != nil {
		return nil, err
	}
	out := make([]Contributor, len(t.rows))
	for i := range t.rows {
		x, err := decimal.NewFromString(t.get(i, "income"))
		if err != nil {
			return nil, inputErr(field(i, "income"), t.get(i, "income"), "must be a decimal amount such as 25000.50")
		}
		out[i] = Contributor{ID: t.get(i, "id"), Group: t.get(i, "group"), Income: x}
	}
	return out, nil
}

func (in RedistributeInput) check() error {
	if in.Currency.IsZero() {
		return inputErr("currency", "", "is required: an ISO 4217 code such as CNY")
	}
	if len(in.Contributors) == 0 || len(in.Contributors) > MaxRows {
		return inputErr("contributors", strconv.Itoa(len(in.Contributors)), "must hold from 1 to "+strconv.Itoa(MaxRows)+" contributors")
	}
	for i, c := range in.Contributors {
		if c.Income.IsNegative() || !c.Income.Equal(c.Income.Round(int32(in.Currency.Digits()))) {
			return inputErr("contributors["+strconv.Itoa(i)+"].income", c.Income.String(),
				"must be a non-negative amount in whole minor units of "+in.Currency.Code())
		}
		if c.Income.GreaterThan(decimal.New(1, 15)) {
			return inputErr("contributors["+strconv.Itoa(i)+"].income", c.Income.String(), "must be at most 1e15")
		}
	}
	one := decimal.NewFromInt(1)
	for _, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"levyDividend.retain", in.Levy.Retain}, {"dataDividend.share", in.DataDividend.Share}} {
		if f.v.IsNegative() || f.v.GreaterThan(one) {
			return inputErr(f.name, f.v.String(), "must be a share from 0 to 1")
		}
	}
	if r := in.DataDividend.Revenue; !r.Currency().IsZero() && !r.Currency().Equal(in.Currency) {
		return inputErr("dataDividend.revenue", r.String(), "must be in the input's currency "+in.Currency.Code())
	}
	if in.DataDividend.Revenue.Amount().IsNegative() {
		return inputErr("dataDividend.revenue", in.DataDividend.Revenue.String(), "must not be negative")
	}
	return in.Levy.Levy.Validate()
}

// RedistributeOutput is the output of `assay redistribute`. Schema:
// redistribute.output.json.
type RedistributeOutput struct {
	Contributors int            `json:"contributors"`
	Schemes      []SchemeResult `json:"schemes"`
	Groups       []GroupResult  `json:"groups"`
	People       []PersonResult `json:"people"`
	Lorenz       []LorenzOf     `json:"lorenz"`
}

// SchemeResult is the money flows of one scheme (collected = paid + retained exactly) and
// the inequality before and after.
type SchemeResult struct {
	Name       string                         `json:"name"`
	Collected  assay.Money                    `json:"collected"`
	Paid       assay.Money                    `json:"paid"`
	Retained   assay.Money                    `json:"retained"`
	Recipients int                            `json:"recipients"`
	Before     distribution.InequalitySummary `json:"inequalityBefore"`
	After      distribution.InequalitySummary `json:"inequalityAfter"`
}

// GroupResult is the mean income of a group before and after each scheme, rounded half-even
// to the minor unit.
type GroupResult struct {
	Group             string      `json:"group"`
	Contributors      int         `json:"contributors"`
	MeanBefore        assay.Money `json:"meanBefore"`
	MeanAfterLevy     assay.Money `json:"meanAfterLevyDividend"`
	MeanAfterDividend assay.Money `json:"meanAfterDataDividend"`
}

// PersonResult is one contributor's flows.
type PersonResult struct {
	ID           string      `json:"id"`
	Group        string      `json:"group"`
	Income       assay.Money `json:"income"`
	Levy         assay.Money `json:"levy"`
	Dividend     assay.Money `json:"dividend"`
	AfterLevy    assay.Money `json:"afterLevyDividend"`
	DataDividend assay.Money `json:"dataDividend"`
	AfterData    assay.Money `json:"afterDataDividend"`
}

// LorenzOf is the Lorenz curve of one distribution: "before", "levy and dividend" or "data
// dividend".
type LorenzOf struct {
	Of    string                   `json:"of"`
	Curve distribution.LorenzCurve `json:"curve"`
}

// Redistribute applies both schemes to the contributors' incomes.
func Redistribute(in RedistributeInput) (RedistributeOutput, error) {
	if err := in.check(); err != nil {
		return RedistributeOutput{}, err
	}
	n := len(in.Contributors)
	incomes := make([]assay.Money, n)
	for i, c := range in.Contributors {
		incomes[i] = assay.MoneyOf(c.Income, in.Currency)
	}
	eligible := func(groups []string) []bool {
		if len(groups) == 0 {
			return nil
		}
		e := make([]bool, n)
		for i, c := range in.Contributors {
			e[i] = slices.Contains(groups, c.Group)
		}
		return e
	}
	count := func(e []bool) int {
		if e == nil {
			return n
		}
		k := 0
		for _, b := range e {
			if b {
				k++
			}
		}
		return k
	}
	ld := distribution.LevyDividend{Levy: in.Levy.Levy, Retain: in.Levy.Retain, Eligible: eligible(in.Levy.EligibleGroups)}
	dd := distribution.DataDividend{Revenue: in.DataDividend.Revenue, Share: in.DataDividend.Share, Eligible: eligible(in.DataDividend.EligibleGroups)}
	if dd.Revenue.Currency().IsZero() {
		dd.Revenue = assay.MoneyOf(decimal.Zero, in.Currency)
	}
	a, err := ld.Apply(incomes)
	if err != nil {
		return RedistributeOutput{}, err
	}
	b, err := dd.Apply(incomes)
	if err != nil {
		return RedistributeOutput{}, err
	}
	out := RedistributeOutput{Contributors: n, Schemes: []SchemeResult{
		{Name: "levy and dividend", Collected: a.Collected, Paid: a.Paid, Retained: a.Retained, Recipients: count(ld.Eligible),
			Before: a.InequalityBefore, After: a.InequalityAfter},
		{Name: "data dividend", Collected: b.Collected, Paid: b.Paid, Retained: b.Retained, Recipients: count(dd.Eligible),
			Before: b.InequalityBefore, After: b.InequalityAfter},
	}}
	var groups []string
	for i, c := range in.Contributors {
		out.People = append(out.People, PersonResult{ID: c.ID, Group: c.Group, Income: incomes[i], Levy: a.Levies[i], Dividend: a.Dividends[i],
			AfterLevy: a.After[i], DataDividend: b.Dividends[i], AfterData: b.After[i]})
		if !slices.Contains(groups, c.Group) {
			groups = append(groups, c.Group)
		}
	}
	for _, g := range groups {
		var k int64
		var before, afterA, afterB decimal.Decimal
		for i, c := range in.Contributors {
			if c.Group == g {
				k++
				before = before.Add(incomes[i].Amount())
				afterA = afterA.Add(a.After[i].Amount())
				afterB = afterB.Add(b.After[i].Amount())
			}
		}
		mean := func(x decimal.Decimal) assay.Money {
			return assay.MoneyOf(x.DivRound(decimal.NewFromInt(k), int32(in.Currency.Digits())), in.Currency)
		}
		out.Groups = append(out.Groups, GroupResult{Group: g, Contributors: int(k), MeanBefore: mean(before), MeanAfterLevy: mean(afterA), MeanAfterDividend: mean(afterB)})
	}
	for _, d := range []struct {
		of string
		m  []assay.Money
	}{{"before", incomes}, {"levy and dividend", a.After}, {"data dividend", b.After}} {
		x := make([]float64, n)
		for i, m := range d.m {
			x[i] = m.Amount().InexactFloat64()
		}
		l, err := distribution.Lorenz(x, nil)
		if err != nil {
			return out, err
		}
		out.Lorenz = append(out.Lorenz, LorenzOf{Of: d.of, Curve: l})
	}
	return out, nil
}

// Sheets returns the tables "inequality", "flows", "groups" and "people".
func (r RedistributeOutput) Sheets() []cli.Sheet {
	ineq := cli.Sheet{Name: "inequality", Title: "Inequality of " + strconv.Itoa(r.Contributors) + " contributors' data income",
		Header: []string{"measure", "before", "levy and dividend", "data dividend"}}
	a, b := r.Schemes[0], r.Schemes[1]
	row := func(name string, f func(distribution.InequalitySummary) float64) {
		ineq.Add(name, num4(f(a.Before)), num4(f(a.After)), num4(f(b.After)))
	}
	row("Gini", func(s distribution.InequalitySummary) float64 { return s.Gini })
	row("Theil T", func(s distribution.InequalitySummary) float64 { return s.Theil })
	row("Palma", func(s distribution.InequalitySummary) float64 { return s.Palma })
	row("Atkinson(0.5)", func(s distribution.InequalitySummary) float64 { return s.Atkinson })
	row("top 10 % share", func(s distribution.InequalitySummary) float64 { return s.Top10Share })
	row("bottom 40 % share", func(s distribution.InequalitySummary) float64 { return s.Bottom40Share })
	ineq.Notes = []string{"Gini and Theil: 0 is equality; Palma: top 10 % share over bottom 40 % share."}

	flows := cli.Sheet{Name: "flows", Title: "Money flows (exact: collected = paid + retained)",
		Header: []string{"scheme", "collected", "paid as dividends", "retained", "recipients"}}
	for _, s := range r.Schemes {
		flows.Add(s.Name, s.Collected, s.Paid, s.Retained, s.Recipients)
	}
	groups := cli.Sheet{Name: "groups", Title: "Mean income by group",
		Header: []string{"group", "contributors", "before", "levy and dividend", "data dividend"}}
	for _, g := range r.Groups {
		groups.Add(g.Group, g.Contributors, g.MeanBefore, g.MeanAfterLevy, g.MeanAfterDividend)
	}
	people := cli.Sheet{Name: "people", Title: "Each contributor",
		Header: []string{"id", "group", "income", "levy", "dividend", "after levy and dividend", "data dividend", "after data dividend"}}
	for _, p := range r.People {
		people.Add(p.ID, p.Group, p.Income, p.Levy, p.Dividend, p.AfterLevy, p.DataDividend, p.AfterData)
	}
	return []cli.Sheet{ineq, flows, groups, people}
}
