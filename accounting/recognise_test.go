package accounting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// TestRecognise follows 财会〔2023〕11号 二: the use decides the standard, the criteria decide
// whether it is an asset.
func TestRecognise(t *testing.T) {
	all := Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: true,
		Development: DevelopmentCriteria{true, true, true, true, true}}
	noMarket := all
	noMarket.Development.BenefitsDemonstrated = false
	notReliable := all
	notReliable.ReliableCost = false
	notIdentifiable := all
	notIdentifiable.Identifiable = false
	tests := []struct {
		name     string
		route    Route
		use      Use
		criteria Criteria
		class    Class
		unmet    []string
		source   string
	}{
		{"purchased for own use", Purchased, OwnUse, all, Intangible, nil, "财会〔2023〕11号 二(一)1"},
		{"developed and licensed", Developed, Licensing, all, Intangible, nil, "财会〔2023〕11号 二(一)3"},
		{"held for sale", Purchased, Sale, all, Inventory, nil, "财会〔2023〕11号 二(二)"},
		{"held for sale, identifiability irrelevant", Developed, Sale, notIdentifiable, Inventory, nil, "CAS 1 art. 4"},
		{"development without a market", Developed, Licensing, noMarket, Expensed, []string{"a market or usefulness demonstrated (CAS 6 art. 9(三))"}, "CAS 6 art. 9"},
		{"purchased, development criteria irrelevant", Purchased, OwnUse, noMarket, Intangible, nil, "CAS 6 art. 4"},
		{"cost not reliable", OtherWay, Sale, notReliable, Expensed, []string{"reliable cost (CAS 1 art. 4(二))"}, "财会〔2023〕11号 一"},
		{"not identifiable", Purchased, OwnUse, notIdentifiable, Expensed, []string{"identifiable (CAS 6 art. 3)"}, "CAS 6 art. 3"},
		{"nothing judged", Purchased, OwnUse, Criteria{}, Expensed, []string{"controlled (CAS 6 art. 3)", "identifiable (CAS 6 art. 3)",
			"probable economic benefits (CAS 6 art. 4(一))", "reliable cost (CAS 6 art. 4(二))"}, "财会〔2023〕11号 一"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Recognise(Resource{Route: tt.route, Use: tt.use, Criteria: tt.criteria})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.unmet, d.Unmet); d.Class != tt.class || diff != "" {
				t.Errorf("class %s, want %s; unmet (-want +got)\n%s", d.Class, tt.class, diff)
			}
			if !strings.Contains(strings.Join(d.Articles, "; "), tt.source) || d.Reason == "" {
				t.Errorf("decision %+v does not cite %s", d, tt.source)
			}
		})
	}
	if _, err := Recognise(Resource{Route: Purchased, Use: "hoarding"}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("unknown use: got %v", err)
	}
}

// TestMeasure_Rules checks each rule of Measure on lines of 10.00 CNY: which are capitalised,
// into which row, for each class and route.
func TestMeasure_Rules(t *testing.T) {
	all := Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: true,
		Development: DevelopmentCriteria{true, true, true, true, true}}
	ready, from := NewDate(2024, 6, 30), NewDate(2024, 3, 1)
	line := func(k CostKind, d Date) CostLine { return CostLine{Kind: k, Date: d, Amount: cny("10.00")} }
	in := NewDate(2024, 4, 1)
	tests := []struct {
		name  string
		route Route
		use   Use
		line  CostLine
		want  Addition // "" = expensed
	}{
		{"purchased: price", Purchased, OwnUse, line(PurchasePrice, in), AddPurchase},
		{"purchased: labelling", Purchased, OwnUse, line(Labelling, in), AddPurchase},
		{"purchased: security", Purchased, OwnUse, line(SecurityManagement, in), AddPurchase},
		{"purchased: outsourced collection", Purchased, OwnUse, line(Collection, in), ""},
		{"purchased: insurance", Purchased, OwnUse, line(Insurance, in), ""},
		{"purchased: after ready", Purchased, OwnUse, line(Cleansing, ready.AddDays(1)), ""},
		{"purchased: on the ready day", Purchased, OwnUse, line(Cleansing, ready), AddPurchase},
		{"purchased: before 2024 (prospective)", Purchased, OwnUse, line(PurchasePrice, NewDate(2023, 12, 31)), ""},
		{"developed: research", Developed, Licensing, line(Research, in), ""},
		{"developed: salaries in development", Developed, Licensing, line(DevelopmentSalary, in), AddDevelopment},
		{"developed: salaries before the criteria", Developed, Licensing, line(DevelopmentSalary, from.AddDays(-1)), ""},
		{"developed: collection in development", Developed, OwnUse, line(Collection, from), AddDevelopment},
		{"developed: advertising", Developed, OwnUse, line(Administration, in), ""},
		{"other: agreed value", OtherWay, OwnUse, line(AgreedValue, in), AddOther},
		{"other: taxes", OtherWay, OwnUse, line(PurchaseTaxes, in), AddOther},
		{"inventory: price", Purchased, Sale, line(PurchasePrice, in), AddPurchase},
		{"inventory: insurance", Purchased, Sale, line(Insurance, in), AddPurchase},
		{"inventory: registration", Developed, Sale, line(Registration, in), AddPurchase},
		{"inventory: collection", Purchased, Sale, line(Collection, in), AddProcessing},
		{"inventory: development labour", Developed, Sale, line(DevelopmentOther, in), AddProcessing},
		{"inventory: storage", Purchased, Sale, line(Storage, in), ""},
		{"inventory: abnormal loss", Purchased, Sale, line(AbnormalLoss, in), ""},
		{"inventory: after ready", Purchased, Sale, line(Cleansing, ready.AddDays(3)), ""},
		{"inventory: contributed", OtherWay, Sale, line(AgreedValue, in), AddOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Resource{ID: "x", Route: tt.route, Use: tt.use, Criteria: all, DevelopmentFrom: from, Ready: ready, Costs: []CostLine{tt.line}}
			m, err := Measure(r, cny("0").Currency())
			if err != nil {
				t.Fatal(err)
			}
			lr := m.Lines[0]
			if lr.Addition != tt.want || lr.Capitalised != (tt.want != "") || lr.Source == "" || lr.Rule == "" {
				t.Errorf("got %+v, want addition %q", lr, tt.want)
			}
			capd, exp := "0.00", "10.00"
			if tt.want != "" {
				capd, exp = exp, capd
			}
			if m.Capitalised.Amount().StringFixed(2) != capd || m.Expensed.Amount().StringFixed(2) != exp {
				t.Errorf("capitalised %s expensed %s", m.Capitalised, m.Expensed)
			}
			if last := m.Trail[len(m.Trail)-1]; !last.Value.Equal(m.Capitalised) || len(m.Trail) != 2 {
				t.Errorf("trail %v does not end at the capitalised cost", m.Trail)
			}
		})
	}
}

// The sample decodes, and its JSON form decodes back to an equal ledger.
func TestParseBook_RoundTrip(t *testing.T) {
	b := sampleBook(t)
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := ParseBook(data)
	if err != nil {
		t.Fatalf("re-decoding the book's own JSON: %v", err)
	}
	l1, _ := NewLedger(b)
	l2, err := NewLedger(b2)
	if err != nil {
		t.Fatal(err)
	}
	j1, _ := json.Marshal(l1)
	j2, _ := json.Marshal(l2)
	if !bytes.Equal(j1, j2) {
		t.Error("the ledger of the re-decoded book differs")
	}
}

func TestParseBook_Errors(t *testing.T) {
	tests := []struct{ name, json, field string }{
		{"unknown field", `{"currency":"CNY","resources":[{"id":"a","rout":"purchased"}]}`, "resources[0].rout"},
		{"trailing data", `{"currency":"CNY","resources":[]} {}`, "book"},
		{"bad date", `{"currency":"CNY","resources":[{"id":"a","ready":"2024-02-30"}]}`, "date"},
		{"bad money", `{"currency":"CNY","resources":[{"id":"a","costs":[{"amount":{"amount":"1e999999","currency":"CNY"}}]}]}`, "book"},
	}
	for _, tt := range tests {
		_, err := ParseBook([]byte(tt.json))
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidInput) || !errors.Is(err, assay.ErrInvalidInput) {
			t.Errorf("%s: got %v, want an *InputError", tt.name, err)
			continue
		}
		if ie.Field != tt.field {
			t.Errorf("%s: field %q, want %q (%v)", tt.name, ie.Field, tt.field, err)
		}
	}
}

// FuzzParseBook: no input panics or hangs; any book the ledger accepts reconciles.
func FuzzParseBook(f *testing.F) {
	b := sampleBookF(f)
	f.Add(b)
	f.Add([]byte(`{"currency":"CNY","resources":[{"id":"x","route":"purchased","use":"sale","criteria":{"controlled":true,"probableBenefits":true,"reliableCost":true},"ready":"2024-01-01","costs":[{"kind":"purchase-price","date":"2024-01-01","amount":"100.00"}],"events":[{"kind":"nrv-test","date":"2024-12-31","sellingPrice":"90"}]}]}`))
	f.Add([]byte(`{"currency":"HKD","fromYear":2030,"toYear":2031,"resources":[{"id":"y","route":"other","use":"own-use","criteria":{"controlled":true,"identifiable":true,"probableBenefits":true,"reliableCost":true},"ready":"2030-05-05","life":{"indefinite":true},"costs":[{"kind":"agreed-value","date":"2030-05-05","amount":"5"}],"events":[{"kind":"impairment-test","date":"2030-12-31","valueInUse":"1"},{"kind":"impairment-test","date":"2031-12-31","fairValueLessCosts":"9"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bk, err := ParseBook(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error does not match ErrInvalidInput: %v", err)
			}
			return
		}
		l, err := NewLedger(bk)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error does not match ErrInvalidInput: %v", err)
			}
			return
		}
		checkLedger(t, l)
		_ = l.Tables()
	})
}

func sampleBookF(f *testing.F) []byte {
	b := sampleBook(f)
	data, err := json.Marshal(b)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

func ExampleNewLedger() {
	cur, _ := assay.ParseCurrency("CNY")
	b := Book{Currency: cur, FromYear: 2024, ToYear: 2025, Resources: []Resource{{
		ID: "traffic", Route: Purchased, Use: OwnUse,
		Criteria: Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: true},
		Ready:    NewDate(2024, 3, 31),
		Life:     Life{Years: 5},
		Costs: []CostLine{
			{Kind: PurchasePrice, Date: NewDate(2024, 2, 20), Amount: assay.MustMoney("1200000", "CNY")},
			{Kind: Cleansing, Date: NewDate(2024, 3, 10), Amount: assay.MustMoney("300000", "CNY")},
			{Kind: Administration, Date: NewDate(2024, 4, 10), Amount: assay.MustMoney("12000", "CNY")},
		},
	}}}
	l, err := NewLedger(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Resources[0].Measurement.Decision.Class, l.Resources[0].Measurement.Capitalised, "capitalised")
	for _, y := range l.Years {
		charge, _ := y.Intangible.Row(AmortCharge)
		closing, _ := y.Intangible.Row(CarryingClosing)
		fmt.Println(y.Year, "amortisation", charge.Total, "carrying", closing.Total)
	}
	// Output:
	// intangible 1500000.00 CNY capitalised
	// 2024 amortisation 250000.00 CNY carrying 1250000.00 CNY
	// 2025 amortisation 300000.00 CNY carrying 950000.00 CNY
}
