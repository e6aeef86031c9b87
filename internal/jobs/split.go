package jobs

import (
	"math"
	"strconv"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/internal/cli"
	"github.com/shopspring/decimal"
)

// MaxParties bounds the parties of a split.
const MaxParties = 1_000_000

// SplitInput is the input of `assay split`: an amount and the parties' weights. In CSV the
// parties are rows with columns name and weight, and the total comes from the -total flag.
// Schema: split.input.json.
type SplitInput struct {
	Total   assay.Money  `json:"total"`
	Parties []SplitParty `json:"parties"`
}

// SplitParty is one party of a split: a name and a non-negative weight.
type SplitParty struct {
	Name   string          `json:"name"`
	Weight decimal.Decimal `json:"weight"`
}

// DecodeSplit reads a SplitInput from JSON.
func DecodeSplit(data []byte) (SplitInput, error) {
	var in SplitInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	return in, in.check()
}

// DecodeSplitCSV reads the parties of a split from CSV (columns name, weight) and takes the
// total from the caller.
func DecodeSplitCSV(data []byte, total assay.Money) (SplitInput, error) {
	t, err := readCSV(data, "name", "weight")
	if err != nil {
		return SplitInput{}, err
	}
	in := SplitInput{Total: total}
	for i := range t.rows {
		w, err := decimal.NewFromString(t.get(i, "weight"))
		if err != nil {
			return in, inputErr(field(i, "weight"), t.get(i, "weight"), "must be a decimal number such as 2.5")
		}
		in.Parties = append(in.Parties, SplitParty{Name: t.get(i, "name"), Weight: w})
	}
	return in, in.check()
}

func (in SplitInput) check() error {
	if in.Total.Currency().IsZero() {
		return inputErr("total", "", `is required: {"amount":"1280000.00","currency":"CNY"}`)
	}
	if len(in.Parties) == 0 || len(in.Parties) > MaxParties {
		return inputErr("parties", strconv.Itoa(len(in.Parties)), "must hold from 1 to "+strconv.Itoa(MaxParties)+" parties")
	}
	positive := false
	for i, p := range in.Parties {
		if p.Weight.IsNegative() {
			return inputErr("parties["+strconv.Itoa(i)+"].weight", p.Weight.String(), "must not be negative")
		}
		positive = positive || p.Weight.IsPositive()
	}
	if !positive {
		return inputErr("parties", "all weights 0", "at least one weight must be positive")
	}
	return nil
}

// SplitOutput is the output of `assay split`: each party's exact share; the shares sum to
// the total to the minor unit. Schema: split.output.json.
type SplitOutput struct {
	Total  assay.Money  `json:"total"`
	Shares []SplitShare `json:"shares"`
}

// SplitShare is one party's share of a split.
type SplitShare struct {
	Name   string          `json:"name"`
	Weight decimal.Decimal `json:"weight"`
	Amount assay.Money     `json:"amount"`
}

// Split allocates the total by the weights with distribution.Allocate (largest remainder in
// minor units, so the shares sum exactly to the total).
func Split(in SplitInput) (SplitOutput, error) {
	if err := in.check(); err != nil {
		return SplitOutput{}, err
	}
	w := make([]decimal.Decimal, len(in.Parties))
	for i, p := range in.Parties {
		w[i] = p.Weight
	}
	amounts, err := distribution.Allocate(in.Total, w)
	if err != nil {
		return SplitOutput{}, err
	}
	out := SplitOutput{Total: in.Total}
	for i, p := range in.Parties {
		out.Shares = append(out.Shares, SplitShare{Name: p.Name, Weight: p.Weight, Amount: amounts[i]})
	}
	return out, nil
}

// Sheets returns the table "shares".
func (r SplitOutput) Sheets() []cli.Sheet {
	s := cli.Sheet{Name: "shares", Title: "Split of " + r.Total.String(), Header: []string{"party", "weight", "amount"}}
	for _, sh := range r.Shares {
		s.Add(sh.Name, sh.Weight, sh.Amount)
	}
	s.Notes = []string{"The shares sum exactly to the total (largest remainder in minor units, distribution.Allocate)."}
	return []cli.Sheet{s}
}

// InequalityInput is the input of `assay inequality`: incomes (or any non-negative
// quantities) with optional population weights. In CSV: a column income and an optional
// column weight. Schema: inequality.input.json.
type InequalityInput struct {
	Incomes []float64 `json:"incomes"`
	Weights []float64 `json:"weights,omitempty"` // nil: every income counts once
}

// DecodeInequality reads an InequalityInput from JSON.
func DecodeInequality(data []byte) (InequalityInput, error) {
	var in InequalityInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	return in, in.check()
}

// DecodeInequalityCSV reads incomes (and weights) from CSV.
func DecodeInequalityCSV(data []byte) (InequalityInput, error) {
	t, err := readCSV(data, "income")
	if err != nil {
		return InequalityInput{}, err
	}
	var in InequalityInput
	_, weighted := t.col["weight"]
	for i := range t.rows {
		x, err := strconv.ParseFloat(t.get(i, "income"), 64)
		if err != nil {
			return in, inputErr(field(i, "income"), t.get(i, "income"), "must be a plain number such as 25000.50")
		}
		in.Incomes = append(in.Incomes, x)
		if weighted {
			w, err := strconv.ParseFloat(t.get(i, "weight"), 64)
			if err != nil {
				return in, inputErr(field(i, "weight"), t.get(i, "weight"), "must be a plain non-negative number")
			}
			in.Weights = append(in.Weights, w)
		}
	}
	return in, in.check()
}

func (in InequalityInput) check() error {
	if len(in.Incomes) == 0 || len(in.Incomes) > MaxRows {
		return inputErr("incomes", strconv.Itoa(len(in.Incomes))+" values", "must hold from 1 to "+strconv.Itoa(MaxRows)+" incomes")
	}
	for i, x := range in.Incomes {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e15 {
			return inputErr("incomes["+strconv.Itoa(i)+"]", strconv.FormatFloat(x, 'g', -1, 64), "must be a number from 0 to 1e15")
		}
	}
	if in.Weights != nil && len(in.Weights) != len(in.Incomes) {
		return inputErr("weights", strconv.Itoa(len(in.Weights))+" values", "must hold one weight per income ("+strconv.Itoa(len(in.Incomes))+")")
	}
	for i, w := range in.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 || w > 1e15 {
			return inputErr("weights["+strconv.Itoa(i)+"]", strconv.FormatFloat(w, 'g', -1, 64), "must be a number from 0 to 1e15")
		}
	}
	return nil
}

// InequalityOutput is the output of `assay inequality`. A measure that is undefined for the
// incomes (all zero, say) is 0 and named in summary.undefined. Schema: inequality.output.json.
type InequalityOutput struct {
	N                int                            `json:"n"`
	Summary          distribution.InequalitySummary `json:"summary"`
	MeanLogDeviation *float64                       `json:"meanLogDeviation"` // null when undefined (a zero income)
	Lorenz           distribution.LorenzCurve       `json:"lorenz"`
}

// Inequality measures the incomes: the Gini index, Theil T, the Palma ratio, Atkinson(0.5),
// the top 10 % and bottom 40 % shares, the mean log deviation and the Lorenz curve.
func Inequality(in InequalityInput) (InequalityOutput, error) {
	if err := in.check(); err != nil {
		return InequalityOutput{}, err
	}
	out := InequalityOutput{N: len(in.Incomes)}
	var err error
	if out.Summary, err = distribution.SummarizeInequality(in.Incomes, in.Weights); err != nil {
		return out, err
	}
	if mld, err := distribution.MeanLogDeviation(in.Incomes, in.Weights); err == nil {
		out.MeanLogDeviation = &mld
	}
	if out.Lorenz, err = distribution.Lorenz(in.Incomes, in.Weights); err != nil {
		return out, err
	}
	return out, nil
}

// Sheets returns the tables "measures" and "lorenz".
func (r InequalityOutput) Sheets() []cli.Sheet {
	m := cli.Sheet{Name: "measures", Title: "Inequality of " + strconv.Itoa(r.N) + " incomes", Header: []string{"measure", "value"}}
	s := r.Summary
	m.Add("Gini", num4(s.Gini))
	m.Add("Theil T", num4(s.Theil))
	if r.MeanLogDeviation != nil {
		m.Add("mean log deviation (Theil L)", num4(*r.MeanLogDeviation))
	}
	m.Add("Palma (top 10 % / bottom 40 %)", num4(s.Palma))
	m.Add("Atkinson (ε = 0.5)", num4(s.Atkinson))
	m.Add("top 10 % share", cli.Pct(s.Top10Share))
	m.Add("bottom 40 % share", cli.Pct(s.Bottom40Share))
	for _, u := range s.Undefined {
		m.Notes = append(m.Notes, u+" is undefined for these incomes (shown as 0).")
	}
	l := cli.Sheet{Name: "lorenz", Title: "Lorenz curve", Header: []string{"population share", "income share"}}
	for _, p := range r.Lorenz.Points {
		l.Add(num4(p.Population), num4(p.Income))
	}
	return []cli.Sheet{m, l}
}
