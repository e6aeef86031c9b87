package valuation

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/dataassay/assay"
)

// StepInput is one named input of an audit step: an amount, a number (a rate, a
// coefficient, years) or text. Exactly one kind is set: Amount when it has a currency, else
// Text when it is not empty, else Number.
//
// Its JSON form carries the kind in the type of "value": an amount as Money's JSON, a number
// as a JSON number, text as a string:
//
//	{"name":"R","value":{"amount":"110.00","currency":"CNY"}}
//	{"name":"K","value":0.3}
//	{"name":"rounding","value":"half-even"}
type StepInput struct {
	Name   string
	Amount assay.Money
	Number float64
	Text   string
}

// String renders the input's value: "110.00 CNY", "0.3", "182500000", "half-even".
func (in StepInput) String() string {
	switch {
	case !in.Amount.Currency().IsZero():
		return in.Amount.String()
	case in.Text != "":
		return in.Text
	}
	// Plain digits for the magnitudes of counts, rates and years; exponents only beyond.
	if a := math.Abs(in.Number); a == 0 || (a >= 1e-6 && a < 1e15) {
		return strconv.FormatFloat(in.Number, 'f', -1, 64)
	}
	return strconv.FormatFloat(in.Number, 'g', -1, 64)
}

type stepInputJSON struct {
	Name  string          `json:"name"`
	Value json.RawMessage `json:"value"`
}

// MarshalJSON writes {"name":…,"value":…} with the value typed by kind.
func (in StepInput) MarshalJSON() ([]byte, error) {
	var v any = in.Number
	switch {
	case !in.Amount.Currency().IsZero():
		v = in.Amount
	case in.Text != "":
		v = in.Text
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(stepInputJSON{Name: in.Name, Value: raw})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (in *StepInput) UnmarshalJSON(data []byte) error {
	var w stepInputJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	v := bytes.TrimSpace(w.Value)
	out := StepInput{Name: w.Name}
	var err error
	switch {
	case len(v) == 0 || string(v) == "null":
	case v[0] == '{':
		err = json.Unmarshal(v, &out.Amount)
	case v[0] == '"':
		err = json.Unmarshal(v, &out.Text)
	default:
		err = json.Unmarshal(v, &out.Number)
	}
	if err != nil {
		return err
	}
	*in = out
	return nil
}

// Step is one line of an appraisal's working: what was done, from which inputs, with which
// multiplier, the running value after it, and the source of the formula.
//
// JSON:
//
//	{"name":"return on cost","inputs":[{"name":"return rate","value":0.1}],
//	 "factor":"1.1","value":{"amount":"1375000.00","currency":"CNY"},
//	 "source":"CAS 数据资产评估指导意见 (2023) art. 23; P = TC × (1 + R) × U"}
//
// Factor is the exact multiplier the step applied to the running value, a decimal ("1.1") or
// a fraction ("3/8"); a float model's factor is shown to 10 significant digits. It is empty
// when the step is a sum or sets a parameter. Value is the running value
// rounded to the currency's minor unit for display; the result of an approach is computed
// from the unrounded values and rounded once, so a reader re-multiplying displayed values may
// differ from the next step by a minor unit. A step that sets a parameter rather than a
// running value (a discount rate) has the zero Value, which JSON writes as null.
type Step struct {
	Name   string      `json:"name"`
	Inputs []StepInput `json:"inputs,omitempty"`
	Factor string      `json:"factor,omitempty"`
	Value  assay.Money `json:"value"`
	Source string      `json:"source"`
}

// Trail is the ordered working of a valuation: every result of this package carries one so
// that a report can print how the value was reached. Its JSON form is an array of Step; its
// plain-text rendering is String. A Trail is a plain value, safe to read concurrently.
type Trail []Step

// String renders the trail as numbered plain text, one block per step:
//
//  1. replacement cost = 1250000.00 CNY
//     inputs: planning 80000.00 CNY; collection 420000.00 CNY
//     source: CAS 数据资产评估指导意见 (2023) art. 23
//  2. return on cost × 1.1 = 1375000.00 CNY
//     …
func (t Trail) String() string {
	var b strings.Builder
	for i, s := range t {
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(s.Name)
		if s.Factor != "" {
			b.WriteString(" × ")
			b.WriteString(s.Factor)
		}
		if !s.Value.Currency().IsZero() {
			b.WriteString(" = ")
			b.WriteString(s.Value.String())
		}
		b.WriteByte('\n')
		if len(s.Inputs) > 0 {
			b.WriteString("   inputs: ")
			for j, in := range s.Inputs {
				if j > 0 {
					b.WriteString("; ")
				}
				b.WriteString(in.Name)
				b.WriteByte(' ')
				b.WriteString(in.String())
			}
			b.WriteByte('\n')
		}
		if s.Source != "" {
			b.WriteString("   source: ")
			b.WriteString(s.Source)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// WriteTo writes the plain-text rendering of String to w.
func (t Trail) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, t.String())
	return int64(n), err
}

// stepRate is shorthand for a StepInput whose value is a coefficient or rate.
func stepRate(name string, v float64) StepInput { return StepInput{Name: name, Number: v} }

// stepMoney is shorthand for a StepInput whose value is an amount.
func stepMoney(name string, m assay.Money) StepInput { return StepInput{Name: name, Amount: m} }

// stepText is shorthand for a StepInput whose value is text.
func stepText(name, text string) StepInput { return StepInput{Name: name, Text: text} }
