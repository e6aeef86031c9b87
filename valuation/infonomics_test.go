package valuation

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/dataassay/assay"
)

func TestInfonomics_Foundational(t *testing.T) {
	tests := []struct {
		name string
		f    func() (float64, error)
		want float64
	}{
		// 0.9 × 0.8 × (1 − 0.25) × 3 = 1.62.
		{"IVI", func() (float64, error) {
			return IVI(IVIInput{Validity: 0.9, Completeness: 0.8, Scarcity: 0.25, Lifecycle: 3})
		}, 1.62},
		// (0.5 + 1 + 0.25) × 0.9 × 0.8 × 0.7 = 1.75 × 0.504 = 0.882.
		{"BVI", func() (float64, error) {
			return BVI(BVIInput{Relevance: []float64{0.5, 1, 0.25}, Validity: 0.9, Completeness: 0.8, Timeliness: 0.7})
		}, 0.882},
		// (120/100 − 1) × 36/12 = 0.2 × 3 = 0.6.
		{"PVI", func() (float64, error) {
			return PVI(PVIInput{KPIInformed: 120, KPIControl: 100, Lifespan: 36, Period: 12})
		}, 0.6},
	}
	for _, tt := range tests {
		got, err := tt.f()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestInfonomics_Financial(t *testing.T) {
	tests := []struct {
		name string
		f    func() (assay.Money, error)
		want string
	}{
		// 1000000 × 0.4 × 3/1 + 50000 + 25000 = 1275000.
		{"CVI", func() (assay.Money, error) {
			return CVI(CVIInput{ProcessExpense: cny("1000000"), Attribution: 0.4, Lifespan: 3, Period: 1,
				Losses: []assay.Money{cny("50000"), cny("25000")}})
		}, "1275000.00"},
		// 100 × 1 × 1/3 = 33.333… → 33.33.
		{"CVI one third", func() (assay.Money, error) {
			return CVI(CVIInput{ProcessExpense: cny("100"), Attribution: 1, Lifespan: 1, Period: 3})
		}, "33.33"},
		// 100 × 2/3 = 66.666… → HalfEven 66.67, Down 66.66.
		{"CVI two thirds down", func() (assay.Money, error) {
			return CVI(CVIInput{ProcessExpense: cny("100"), Attribution: 1, Lifespan: 2, Period: 3, Rounding: assay.Down})
		}, "66.66"},
		// 300000 × 5 / 2.5 = 600000.
		{"MVI", func() (assay.Money, error) {
			return MVI(MVIInput{ExclusivePrice: cny("300000"), Partners: 5, Premium: 2.5})
		}, "600000.00"},
		// (2000000 − 1500000 − (100000 + 50000 + 30000)) × 2/1 = 320000 × 2 = 640000.
		{"EVI", func() (assay.Money, error) {
			return EVI(EVIInput{RevenueInformed: cny("2000000"), RevenueControl: cny("1500000"), Acquisition: cny("100000"),
				Administration: cny("50000"), Application: cny("30000"), Lifespan: 2, Period: 1})
		}, "640000.00"},
		// (1000 − 1200) × 1 = −200: information that costs more than it earns.
		{"EVI negative", func() (assay.Money, error) {
			return EVI(EVIInput{RevenueInformed: cny("1000"), RevenueControl: cny("1200"), Lifespan: 1, Period: 1})
		}, "-200.00"},
	}
	for _, tt := range tests {
		got, err := tt.f()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !got.Equal(cny(tt.want)) {
			t.Errorf("%s = %v, want %s CNY", tt.name, got, tt.want)
		}
	}
}

func TestInfonomics_BadInput(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"IVI scarcity", second(IVI(IVIInput{Validity: 1, Completeness: 1, Scarcity: 1.5, Lifecycle: 1})), "scarcity"},
		{"BVI no processes", second(BVI(BVIInput{Validity: 1, Completeness: 1, Timeliness: 1})), "relevance"},
		{"PVI zero control", second(PVI(PVIInput{KPIInformed: 1, Lifespan: 1, Period: 1})), "kpiControl"},
		{"PVI zero period", second(PVI(PVIInput{KPIInformed: 1, KPIControl: 1, Lifespan: 1})), "period"},
		{"CVI negative expense", second(CVI(CVIInput{ProcessExpense: cny("-1"), Lifespan: 1, Period: 1})), "processExpense"},
		{"MVI zero premium", second(MVI(MVIInput{ExclusivePrice: cny("1"), Partners: 1})), "premium"},
		{"EVI negative cost", second(EVI(EVIInput{RevenueInformed: cny("1"), Acquisition: cny("-1"), Lifespan: 1, Period: 1})), "acquisition"},
		{"EVI no currency", second(EVI(EVIInput{Lifespan: 1, Period: 1})), "revenueInformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertInputError(t, tt.err, tt.field) })
	}
}

func second[T any](_ T, err error) error { return err }

// FuzzInfonomicsJSON decodes the financial models' inputs from JSON: no input may panic,
// and a result is a whole number of minor units.
func FuzzInfonomicsJSON(f *testing.F) {
	f.Add([]byte(`{"revenueInformed":{"amount":"2000000","currency":"CNY"},"revenueControl":{"amount":"1500000","currency":"CNY"},"lifespan":2,"period":1,"processExpense":{"amount":"100","currency":"CNY"},"attribution":0.5,"exclusivePrice":{"amount":"10","currency":"CNY"},"partners":3,"premium":1.5}`))
	f.Add([]byte(`{"revenueInformed":{"amount":"1e-900","currency":"JPY"},"lifespan":1e6,"period":1e-300,"processExpense":{"amount":"1e900","currency":"JPY"},"losses":[{"amount":"1","currency":"JPY"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e EVIInput
		var c CVIInput
		var m MVIInput
		for _, in := range []any{&e, &c, &m} {
			if json.Unmarshal(data, in) != nil {
				return
			}
		}
		for _, f := range []func() (assay.Money, error){
			func() (assay.Money, error) { return EVI(e) },
			func() (assay.Money, error) { return CVI(c) },
			func() (assay.Money, error) { return MVI(m) },
		} {
			if v, err := f(); err == nil && !v.IsRounded() {
				t.Fatalf("%v is not a whole number of minor units", v)
			}
		}
	})
}
