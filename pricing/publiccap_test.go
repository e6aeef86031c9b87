package pricing

import (
	"errors"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

func TestSettleCap_ThreePeriods(t *testing.T) {
	m := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	// Hand calculation under 发改价格〔2025〕65号: allowance 800,000 + 120,000 + 80,000 =
	// 1,000,000 each period. Period 1 realises 1,150,000: excess 150,000 carried on. Period 2's
	// cap is 850,000; it realises 800,000: no excess. Period 3 has no deduction left.
	allowed := AllowedRevenue{Cost: m("800000"), Profit: m("120000"), Tax: m("80000")}
	var got []CapPeriod
	deduction := m("0")
	for _, realised := range []string{"1150000", "800000", "1000000"} {
		p, err := SettleCap(allowed, deduction, m(realised))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
		deduction = p.CarryForward
	}
	want := []CapPeriod{
		{Allowed: m("1000000"), Deduction: m("0"), Cap: m("1000000"), Realised: m("1150000"), Excess: m("150000"), CarryForward: m("150000")},
		{Allowed: m("1000000"), Deduction: m("150000"), Cap: m("850000"), Realised: m("800000"), Excess: m("0"), CarryForward: m("0")},
		{Allowed: m("1000000"), Deduction: m("0"), Cap: m("1000000"), Realised: m("1000000"), Excess: m("0"), CarryForward: m("0")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("periods (-want +got):\n%s", diff)
	}
	// A deduction above the allowance: cap 0, realised 10 all excess, plus 200 unabsorbed.
	p, err := SettleCap(AllowedRevenue{Cost: m("1000")}, m("1200"), m("10"))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Cap.IsZero() || !p.CarryForward.Equal(m("210")) {
		t.Errorf("over-deducted period: %+v", p)
	}
	if _, err := SettleCap(allowed, m("0"), assay.MustMoney("1", "HKD")); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("mixed currencies: err %v", err)
	}
}
