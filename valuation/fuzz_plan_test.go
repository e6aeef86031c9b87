package valuation

import (
	"errors"
	"testing"

	"github.com/dataassay/assay"
)

// FuzzParsePlan decodes arbitrary JSON as a plan: no panic, and every plan that parses either
// yields a schedule whose charges and impairments add up to cost − salvage, or an error
// wrapping ErrInvalidInput.
func FuzzParsePlan(f *testing.F) {
	f.Add([]byte(`{"cost":{"amount":"12000000","currency":"CNY"},"salvage":{"amount":"600000","currency":"CNY"},"lifeYears":5,"inService":"2024-03-15","frequency":"monthly","proration":"days"}`))
	f.Add([]byte(`{"cost":{"amount":"1000","currency":"HKD"},"lifeYears":3,"inService":"2024-01-31","method":"declining-balance","factor":1.5,"fiscalYearStart":4,"impairments":[{"date":"2025-02-28","amount":{"amount":"100","currency":"HKD"}}]}`))
	f.Add([]byte(`{"cost":{"amount":"7","currency":"JPY"},"lifeYears":10,"inService":"2024-02-29","method":"decay","halfLifeYears":0.001,"rounding":"up"}`))
	f.Add([]byte(`{"cost":{"amount":"5","currency":"MOP"},"lifeYears":4,"inService":"1999-12-31","method":"units-of-production","usage":[0,0,0,1000000000000]}`))
	f.Add([]byte(`{"cost":{"amount":"1e3","currency":"CNY"},"lifeYears":5,"inService":"9000-12-31","frequency":"monthly","proration":"next-month"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePlan(data)
		if err != nil {
			return
		}
		s, err := NewSchedule(p, Policy{MinYears: 1, MaxYears: 100})
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("NewSchedule: %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		var total assay.Money
		for _, per := range s.Periods {
			if per.Charge.IsNegative() {
				t.Fatalf("negative charge %v", per.Charge)
			}
			total, _ = total.Add(per.Charge)
			total, _ = total.Add(per.Impairment)
		}
		want, _ := p.Cost.Sub(p.Salvage)
		if !total.Equal(want) && !(total.IsZero() && want.IsZero()) {
			t.Fatalf("charges and impairments %v ≠ cost − salvage %v", total, want)
		}
	})
}
