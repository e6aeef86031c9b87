package accounting_test

import (
	"errors"
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/accounting"
)

// A purchased data set for own use: the price, the VAT that cannot be deducted and the
// cleansing before it is ready are its cost; outsourced collection and training are expensed
// (财会〔2023〕11号 二(一)2).
func ExampleMeasure() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	r := accounting.Resource{ID: "traffic", Route: accounting.Purchased, Use: accounting.OwnUse,
		Criteria: accounting.Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: true},
		Ready:    accounting.NewDate(2024, 3, 31),
		Costs: []accounting.CostLine{
			{Kind: accounting.PurchasePrice, Date: accounting.NewDate(2024, 2, 20), Amount: cny("1200000")},
			{Kind: accounting.PurchaseTaxes, Date: accounting.NewDate(2024, 2, 20), Amount: cny("72000")},
			{Kind: accounting.Collection, Date: accounting.NewDate(2024, 3, 1), Amount: cny("30000")},
			{Kind: accounting.Cleansing, Date: accounting.NewDate(2024, 3, 10), Amount: cny("80000")},
			{Kind: accounting.Administration, Date: accounting.NewDate(2024, 4, 10), Amount: cny("12000")},
		}}
	m, err := accounting.Measure(r, cny("0").Currency())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Decision.Class, "capitalised", m.Capitalised, "expensed", m.Expensed)
	for _, l := range m.Lines {
		fmt.Printf("%-16s %-6v %s\n", l.Line.Kind, l.Capitalised, l.Source)
	}
	// Output:
	// intangible capitalised 1352000.00 CNY expensed 42000.00 CNY
	// purchase-price   true   CAS 6 art. 12; 财会〔2023〕11号 二(一)2
	// taxes            true   CAS 6 art. 12; 财会〔2023〕11号 二(一)2
	// collection       false  财会〔2023〕11号 二(一)2
	// cleansing        true   财会〔2023〕11号 二(一)2
	// administration   false  CAS 1 art. 9; CAS 6 application guide
}

// Reversing an intangible's impairment loss is refused with a typed error (CAS 8 art. 17).
func ExampleNewLedger_reversal() {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	book := accounting.Book{Currency: cny("0").Currency(), Resources: []accounting.Resource{{
		ID: "traffic", Route: accounting.Purchased, Use: accounting.OwnUse,
		Criteria: accounting.Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: true},
		Ready:    accounting.NewDate(2024, 3, 31), Life: accounting.Life{Years: 5},
		Costs:  []accounting.CostLine{{Kind: accounting.PurchasePrice, Date: accounting.NewDate(2024, 2, 20), Amount: cny("1200000")}},
		Events: []accounting.Event{{Kind: accounting.Reversal, Date: accounting.NewDate(2025, 12, 31), Amount: cny("100000")}},
	}}}
	_, err := accounting.NewLedger(book)
	fmt.Println(errors.Is(err, accounting.ErrImpairmentReversal), errors.Is(err, assay.ErrInvalidInput))
	fmt.Println(err)
	// Output:
	// true true
	// accounting: resources[0].events[0].kind must not reverse an intangible's impairment loss (CAS 8 art. 17: 资产减值损失一经确认，在以后会计期间不得转回), got reversal
}
