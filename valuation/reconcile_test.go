package valuation

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func trafficIndications() []Indication {
	return []Indication{
		{Approach: "cost", Value: cny("757588.08"), Weight: 0.2},
		{Approach: "income", Value: cny("812345.67"), Low: cny("650000"), High: cny("990000"), Weight: 0.5},
		{Approach: "market", Value: cny("790000.10"), Low: cny("760000"), High: cny("830000"), Weight: 0.3},
	}
}

func TestReconcile(t *testing.T) {
	tests := []struct {
		name            string
		r               Reconciliation
		value, lo, high string
	}{
		{
			// 0.2·757588.08 + 0.5·812345.67 + 0.3·790000.10
			// = 151517.616 + 406172.835 + 237000.03 = 794690.481 → 794690.48.
			// Range of indications: lowest Low 650000 (income), highest High 990000.
			name:  "range of indications",
			r:     Reconciliation{Indications: trafficIndications()},
			value: "794690.48", lo: "650000.00", high: "990000.00",
		},
		{
			// Weighted lows: 0.2·757588.08 + 0.5·650000 + 0.3·760000 = 151517.616 + 325000 + 228000
			// = 704517.616; highs: 151517.616 + 495000 + 249000 = 895517.616.
			name:  "weighted range",
			r:     Reconciliation{Indications: trafficIndications(), Range: RangeWeighted},
			value: "794690.48", lo: "704517.62", high: "895517.62",
		},
		{
			// Rounded to the nearest ten thousand: 794690.481 → 790000; 704517.616 → 700000;
			// 895517.616 → 900000.
			name:  "unit ten thousand",
			r:     Reconciliation{Indications: trafficIndications(), Range: RangeWeighted, Unit: decimal.NewFromInt(10000)},
			value: "790000", lo: "700000", high: "900000",
		},
		{
			// 794690.481 rounded down to a unit of 5000: 158.938… units → 158 × 5000 = 790000.
			name:  "unit five thousand, down",
			r:     Reconciliation{Indications: trafficIndications(), Unit: decimal.NewFromInt(5000), Rounding: assay.Down},
			value: "790000", lo: "650000", high: "990000",
		},
		{
			// Weights 2:5:3 normalised are the same weights.
			name: "normalised",
			r: Reconciliation{Normalize: true, Indications: []Indication{
				{Approach: "cost", Value: cny("757588.08"), Weight: 2},
				{Approach: "income", Value: cny("812345.67"), Low: cny("650000"), High: cny("990000"), Weight: 5},
				{Approach: "market", Value: cny("790000.10"), Low: cny("760000"), High: cny("830000"), Weight: 3},
			}},
			value: "794690.48", lo: "650000.00", high: "990000.00",
		},
		{
			// A zero weight leaves the cost indication out of the value and the range:
			// (5·812345.67 + 3·790000.10)/8 = (4061728.35 + 2370000.30)/8 = 803966.08125.
			name: "zero weight",
			r: Reconciliation{Normalize: true, Indications: []Indication{
				{Approach: "cost", Value: cny("100"), Weight: 0},
				{Approach: "income", Value: cny("812345.67"), Low: cny("650000"), High: cny("990000"), Weight: 5},
				{Approach: "market", Value: cny("790000.10"), Low: cny("760000"), High: cny("830000"), Weight: 3},
			}},
			value: "803966.08", lo: "650000.00", high: "990000.00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Reconcile(tt.r)
			if err != nil {
				t.Fatal(err)
			}
			want := [3]assay.Money{cny(tt.value), cny(tt.lo), cny(tt.high)}
			if diff := cmp.Diff(want, [3]assay.Money{got.Value, got.Low, got.High}); diff != "" {
				t.Errorf("value, low, high (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReconcile_ExactTie(t *testing.T) {
	// 0.5·0.01 + 0.5·0.02 = 0.015: a true tie, which HalfEven takes to 0.02 and HalfDown to
	// 0.01. Rounding a float or a truncated quotient could not tell it from 0.0149999….
	in := []Indication{{Approach: "a", Value: cny("0.01"), Weight: 0.5}, {Approach: "b", Value: cny("0.02"), Weight: 0.5}}
	for mode, want := range map[assay.RoundingMode]string{assay.HalfEven: "0.02", assay.HalfDown: "0.01", assay.HalfUp: "0.02"} {
		got, err := Reconcile(Reconciliation{Indications: in, Rounding: mode})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Value.Equal(cny(want)) {
			t.Errorf("%v: %v, want %s CNY", mode, got.Value, want)
		}
	}
}

func TestReconcile_BadInput(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Reconciliation)
		field  string
	}{
		{"none", func(r *Reconciliation) { r.Indications = nil }, "indications"},
		{"weights not summing to 1", func(r *Reconciliation) { r.Indications[0].Weight = 0.3 }, "weights (sum)"},
		{"negative weight", func(r *Reconciliation) { r.Indications[0].Weight = -0.2 }, "indications[0].weight"},
		{"all zero", func(r *Reconciliation) {
			for i := range r.Indications {
				r.Indications[i].Weight = 0
			}
			r.Normalize = true
		}, "weights (sum)"},
		{"low above value", func(r *Reconciliation) { r.Indications[1].Low = cny("900000") }, "indications[1]"},
		{"negative unit", func(r *Reconciliation) { r.Unit = decimal.NewFromInt(-1) }, "unit"},
		{"tiny unit", func(r *Reconciliation) { r.Unit = decimal.New(1, -1000) }, "unit"},
		{"unknown range", func(r *Reconciliation) { r.Range = "iqr" }, "range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Reconciliation{Indications: trafficIndications()}
			tt.mutate(&r)
			_, err := Reconcile(r)
			assertInputError(t, err, tt.field)
		})
	}
	r := Reconciliation{Indications: trafficIndications()}
	r.Indications[2].Value = assay.MustMoney("790000", "HKD")
	if _, err := Reconcile(r); !errors.Is(err, assay.ErrCurrencyMismatch) {
		t.Errorf("mixed currencies: %v, want ErrCurrencyMismatch", err)
	}
}

func TestReconciliation_JSON(t *testing.T) {
	const in = `{"indications":[{"approach":"cost","value":{"amount":"100","currency":"MOP"},"weight":0.25},
		{"approach":"income","value":{"amount":"200","currency":"MOP"},"low":{"amount":"150","currency":"MOP"},"weight":0.75}],
		"range":"weighted","unit":"10","rounding":"half-up"}`
	var r Reconciliation
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	got, err := Reconcile(r)
	if err != nil {
		t.Fatal(err)
	}
	mop := func(s string) assay.Money { return assay.MustMoney(s, "MOP") }
	// 25 + 150 = 175 → 180 (half-up to tens); lows 25 + 112.5 = 137.5 → 140; highs 175 → 180.
	want := [3]assay.Money{mop("180"), mop("140"), mop("180")}
	if diff := cmp.Diff(want, [3]assay.Money{got.Value, got.Low, got.High}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzReconciliationJSON(f *testing.F) {
	f.Add([]byte(`{"indications":[{"approach":"cost","value":{"amount":"100","currency":"CNY"},"weight":1}]}`))
	f.Add([]byte(`{"indications":[{"approach":"a","value":{"amount":"1e900","currency":"CNY"},"weight":1e-300},{"approach":"b","value":{"amount":"-1","currency":"CNY"},"weight":5}],"normalize":true,"unit":"0.001"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Reconciliation
		if json.Unmarshal(data, &r) != nil {
			return
		}
		got, err := Reconcile(r)
		if err != nil {
			return
		}
		if got.Low.Amount().GreaterThan(got.High.Amount()) {
			t.Fatalf("low %v above high %v", got.Low, got.High)
		}
	})
}

// TestReconcile_RangeDigits checks the range of indications digit for digit — coefficient and
// exponent, not only value — against the rounding formula written out here: quoRound(n,
// 1×unit, 0, mode) × unit, for bounds already at the unit's exponent (which skip the
// division) and for bounds that are not.
func TestReconcile_RangeDigits(t *testing.T) {
	type digits struct {
		Coef string
		Exp  int32
	}
	of := func(d decimal.Decimal) digits { return digits{d.Coefficient().String(), d.Exponent()} }
	oracle := func(n, unit decimal.Decimal, mode assay.RoundingMode) digits {
		return of(quoRound(n, decimal.NewFromInt(1).Mul(unit), 0, mode).Mul(unit))
	}
	tests := []struct {
		name   string
		lo, hi assay.Money // bounds of the second indication
		unit   decimal.Decimal
		mode   assay.RoundingMode
	}{
		{"cents at the cent's exponent", cny("650000.00"), cny("990000.10"), decimal.Decimal{}, assay.HalfEven},
		{"whole yuan, unit a cent", cny("650000"), cny("990000"), decimal.Decimal{}, assay.HalfEven},
		{"unit ten thousand", cny("650000.00"), cny("995000.00"), decimal.NewFromInt(10000), assay.HalfUp},
		{"unit 1E4 at exponent 4", assay.MoneyOf(decimal.New(65, 4), cny("1").Currency()),
			assay.MoneyOf(decimal.New(99, 4), cny("1").Currency()), decimal.New(1, 4), assay.Down},
		{"negative cents", cny("-10.25"), cny("990000.00"), decimal.Decimal{}, assay.Floor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inds := []Indication{
				{Approach: "cost", Value: cny("757588.08"), Weight: 0.5},
				{Approach: "income", Value: cny("812345.67"), Low: tt.lo, High: tt.hi, Weight: 0.5},
			}
			inds[0].Low, inds[0].High = inds[0].Value, inds[0].Value
			if tt.lo.IsNegative() {
				inds[0].Low = tt.lo
			}
			got, err := Reconcile(Reconciliation{Indications: inds, Unit: tt.unit, Rounding: tt.mode})
			if err != nil {
				t.Fatal(err)
			}
			unit := tt.unit
			if unit.IsZero() {
				unit = decimal.New(1, -2)
			}
			lo := tt.lo
			if inds[0].Low.Amount().LessThan(lo.Amount()) {
				lo = inds[0].Low
			}
			want := []digits{oracle(lo.Amount(), unit, tt.mode), oracle(tt.hi.Amount(), unit, tt.mode)}
			if diff := cmp.Diff(want, []digits{of(got.Low.Amount()), of(got.High.Amount())}); diff != "" {
				t.Errorf("Low, High digits mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReconcile_TrailNames checks the names of the trail's inputs and steps that Reconcile
// takes from constants: "<approach> weight" and "range (<rule>)".
func TestReconcile_TrailNames(t *testing.T) {
	for _, rule := range []RangeRule{"", RangeOfIndications, RangeWeighted} {
		inds := append(trafficIndications(), Indication{Approach: "expert", Value: cny("800000.00"), Weight: 0})
		got, err := Reconcile(Reconciliation{Indications: inds, Range: rule})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, in := range got.Trail[0].Inputs {
			names = append(names, in.Name)
		}
		names = append(names, got.Trail[1].Name)
		shown := rule
		if shown == "" {
			shown = RangeOfIndications
		}
		want := []string{"cost", "cost weight", "income", "income weight", "market", "market weight",
			"expert", "expert weight", "range (" + string(shown) + ")"}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("range %q: trail names mismatch (-want +got):\n%s", rule, diff)
		}
	}
}
