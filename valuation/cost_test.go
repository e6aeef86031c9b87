package valuation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// trafficCosts are the itemised replacement costs of the traffic data set:
// 50000 + 300000 + 80000 + 120000 + 45000.50 + 30000 + 25000 + 8000 + 40000 + 20000
// + 12345.67 = 730346.17 CNY.
func trafficCosts() []CostItem {
	return []CostItem{
		{CostCollection, "loop detectors and bus GPS feeds", cny("300000")},
		{CostPlanning, "survey and design", cny("50000")},
		{CostStorage, "", cny("80000")},
		{CostProcessing, "cleaning", cny("120000")},
		{CostProcessing, "labelling and desensitisation", cny("45000.50")},
		{CostGovernance, "", cny("30000")},
		{CostSecurity, "", cny("25000")},
		{CostRights, "registration at the exchange", cny("8000")},
		{CostIndirect, "", cny("40000")},
		{CostOpportunity, "", cny("20000")},
		{CostTax, "", cny("12345.67")},
	}
}

func ptr[T any](v T) *T { return &v }

func TestCost_Forms(t *testing.T) {
	tests := []struct {
		name  string
		in    CostInput
		want  string
		steps int
	}{
		// Each hand calculation starts from C = 730346.17.
		// P = C × (1 + 0.1) × 0.943 = 803380.787 × 0.943 = 757588.082141 → 757588.08.
		{"TC × (1+R) × U", CostInput{ReturnRate: 0.1, Coefficient: ptr(0.943)}, "757588.08", 5 + 3},
		// CAS 2023 P = C × δ = 730346.17 × 0.95 = 693828.8615 → HalfEven 693828.86.
		{"C × δ", CostInput{Coefficient: ptr(0.95)}, "693828.86", 5 + 2},
		// Same, HalfUp: 693828.8615 → 693828.86 (the third decimal is 1).
		{"C × δ half-up", CostInput{Coefficient: ptr(0.95), Rounding: assay.HalfUp}, "693828.86", 5 + 2},
		// CAS 2019 P = C × (1 − 贬值率), keep = 0.9 × 0.8 × 0.95 = 0.684:
		// 730346.17 × 0.684 = 499556.78028 → 499556.78.
		{"C × (1 − obsolescence)", CostInput{Obsolescence: &Obsolescence{Physical: 0.1, Functional: 0.2, Economic: 0.05}}, "499556.78", 5 + 2},
		// 成新率 3/(5+3): 730346.17 × 1.1 × 3/8 = 301267.795125 → 301267.80.
		{"remaining-life ratio", CostInput{ReturnRate: 0.1, Life: &RemainingLife{Used: 5, Remaining: 3}}, "301267.80", 5 + 3},
		// 730346.17 × 3/7 = 313005.501428… → Floor 313005.50, Ceiling 313005.51.
		{"ratio floor", CostInput{Life: &RemainingLife{Used: 4, Remaining: 3}, Rounding: assay.Floor}, "313005.50", 5 + 2},
		{"ratio ceiling", CostInput{Life: &RemainingLife{Used: 4, Remaining: 3}, Rounding: assay.Ceiling}, "313005.51", 5 + 2},
		// No adjustment: the replacement cost itself.
		{"replacement cost", CostInput{}, "730346.17", 5 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Items = trafficCosts()
			got, err := Cost(in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Value.Equal(cny(tt.want)) {
				t.Errorf("Value = %v, want %s CNY", got.Value, tt.want)
			}
			if !got.ReplacementCost.Equal(cny("730346.17")) {
				t.Errorf("ReplacementCost = %v, want 730346.17 CNY", got.ReplacementCost)
			}
			// Five CAS groups, one step per adjustment, one final rounding step.
			if len(got.Trail) != tt.steps {
				t.Errorf("trail has %d steps, want %d:\n%s", len(got.Trail), tt.steps, got.Trail)
			}
			if last := got.Trail[len(got.Trail)-1]; !last.Value.Equal(got.Value) {
				t.Errorf("last step value %v, want the result %v", last.Value, got.Value)
			}
		})
	}
}

func TestCost_TrailGroupsByCASFormula(t *testing.T) {
	got, err := Cost(CostInput{Items: trafficCosts(), ReturnRate: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	// A group's step shows the group's subtotal as its last input and the running total of
	// the replacement cost as its value (issue 12: the value used to read as the group's own).
	type row struct{ Name, Subtotal, Factor, Value string }
	var rows []row
	for _, s := range got.Trail {
		sub := ""
		if n := len(s.Inputs); n > 0 && strings.HasSuffix(s.Inputs[n-1].Name, " subtotal") {
			sub = s.Inputs[n-1].String()
		}
		rows = append(rows, row{s.Name, sub, s.Factor, s.Value.String()})
	}
	// By hand, in the formula's order: planning 50,000; direct 300,000 + 80,000 + 165,000.50 +
	// 30,000 + 25,000 + 8,000 = 608,000.50, running 658,000.50; indirect 40,000, running
	// 698,000.50; opportunity 20,000, running 718,000.50; taxes 12,345.67, running 730,346.17.
	want := []row{
		{"replacement cost so far (running total after 前期费用 planning)", "50000.00 CNY", "", "50000.00 CNY"},
		{"replacement cost so far (running total after 直接成本 direct)", "608000.50 CNY", "", "658000.50 CNY"},
		{"replacement cost so far (running total after 间接成本 indirect)", "40000.00 CNY", "", "698000.50 CNY"},
		{"replacement cost so far (running total after 机会成本 opportunity)", "20000.00 CNY", "", "718000.50 CNY"},
		{"replacement cost so far (running total after 相关税费 taxes)", "12345.67 CNY", "", "730346.17 CNY"},
		{"reasonable return on cost", "", "1.1", "803380.79 CNY"},
		{"cost-approach value", "", "", "803380.79 CNY"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("trail (-want +got):\n%s", diff)
	}
}

func TestCost_BadInput(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*CostInput)
		field  string
	}{
		{"no items", func(in *CostInput) { in.Items = nil }, "items"},
		{"negative cost", func(in *CostInput) { in.Items[2].Amount = cny("-1") }, "items[2].amount"},
		{"unknown category", func(in *CostInput) { in.Items[0].Category = "marketing" }, "items[0].category"},
		{"negative return", func(in *CostInput) { in.ReturnRate = -0.1 }, "returnRate"},
		{"NaN return", func(in *CostInput) { in.ReturnRate = nanValue() }, "returnRate"},
		{"negative coefficient", func(in *CostInput) { in.Coefficient = ptr(-0.5) }, "coefficient"},
		{"obsolescence 1", func(in *CostInput) { in.Obsolescence = &Obsolescence{Economic: 1} }, "obsolescence.economic"},
		{"zero remaining life", func(in *CostInput) { in.Life = &RemainingLife{Used: 3} }, "life.remaining"},
		{"negative used life", func(in *CostInput) { in.Life = &RemainingLife{Used: -1, Remaining: 3} }, "life.used"},
		{"no currency", func(in *CostInput) { in.Items = []CostItem{{Category: CostTax}} }, "items"},
		{"bad rounding", func(in *CostInput) { in.Rounding = 42 }, "rounding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := CostInput{Items: trafficCosts()}
			tt.mutate(&in)
			_, err := Cost(in)
			assertInputError(t, err, tt.field)
		})
	}
	t.Run("mixed currencies", func(t *testing.T) {
		in := CostInput{Items: trafficCosts()}
		in.Items[3].Amount = assay.MustMoney("1", "HKD")
		if _, err := Cost(in); !errors.Is(err, assay.ErrCurrencyMismatch) {
			t.Errorf("err = %v, want ErrCurrencyMismatch", err)
		}
	})
}

func TestCostInput_JSON(t *testing.T) {
	const in = `{"items":[{"category":"collection","amount":{"amount":"1000.10","currency":"HKD"}},
		{"category":"tax","amount":{"amount":"10","currency":"HKD"}}],
		"returnRate":0.1,"coefficient":0.9,"life":{"used":2,"remaining":8},"rounding":"half-up"}`
	var got CostInput
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatal(err)
	}
	hkd := func(s string) assay.Money { return assay.MustMoney(s, "HKD") }
	want := CostInput{Items: []CostItem{{Category: CostCollection, Amount: hkd("1000.10")}, {Category: CostTax, Amount: hkd("10")}},
		ReturnRate: 0.1, Coefficient: ptr(0.9), Life: &RemainingLife{Used: 2, Remaining: 8}, Rounding: assay.HalfUp}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("decoded (-want +got):\n%s", diff)
	}
	// 1010.10 × 1.1 × 0.9 × 8/10 = 799.9992 → 800.00 HKD.
	r, err := Cost(got)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Value.Equal(hkd("800.00")) {
		t.Errorf("Value = %v, want 800.00 HKD", r.Value)
	}
	if err := json.Unmarshal([]byte(`{"items":[],"retrunRate":0.1}`), &got); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("misspelt field: err = %v, want ErrInvalidInput", err)
	}
}

func FuzzCostInputJSON(f *testing.F) {
	f.Add([]byte(`{"items":[{"category":"collection","amount":{"amount":"1000.10","currency":"HKD"}}],"returnRate":0.1,"coefficient":0.9}`))
	f.Add([]byte(`{"items":[{"category":"tax","amount":{"amount":"1e999","currency":"CNY"}}],"obsolescence":{"physical":0.5}}`))
	f.Add([]byte(`{"items":[{"category":"storage","amount":{"amount":"-0","currency":"JPY"}}],"life":{"used":1e300,"remaining":1e-300}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in CostInput
		if json.Unmarshal(data, &in) != nil {
			return
		}
		r, err := Cost(in)
		if err != nil {
			return
		}
		if !r.Value.IsRounded() || r.Value.IsNegative() {
			t.Fatalf("value %v is not a non-negative whole number of minor units", r.Value)
		}
	})
}
