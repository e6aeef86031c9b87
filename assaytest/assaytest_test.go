package assaytest_test

import (
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

type line struct {
	What   string
	Amount assay.Money
	Rate   decimal.Decimal
}

func TestEquateMoney(t *testing.T) {
	a := line{"fee", assay.MustMoney("1.5", "CNY"), decimal.RequireFromString("0.10")}
	b := line{"fee", assay.MustMoney("1.50", "CNY"), decimal.RequireFromString("0.1")}
	if diff := cmp.Diff(a, b, assaytest.EquateMoney()); diff != "" {
		t.Errorf("numerically equal values differ:\n%s", diff)
	}
	c := line{"fee", assay.MustMoney("1.50", "HKD"), decimal.RequireFromString("0.1")}
	if cmp.Equal(a, c, assaytest.EquateMoney()) {
		t.Error("1.5 CNY equals 1.50 HKD under EquateMoney")
	}
	d := line{"fee", assay.MustMoney("1.51", "CNY"), decimal.RequireFromString("0.1")}
	if cmp.Equal(a, d, assaytest.EquateMoney()) {
		t.Error("1.50 CNY equals 1.51 CNY under EquateMoney")
	}
}

func TestEquateMoneyWithin(t *testing.T) {
	opt := assaytest.EquateMoneyWithin(decimal.RequireFromString("0.01"))
	tests := []struct {
		a, b assay.Money
		want bool
	}{
		{assay.MustMoney("10.00", "CNY"), assay.MustMoney("10.01", "CNY"), true},   // boundary is inclusive
		{assay.MustMoney("10.00", "CNY"), assay.MustMoney("9.99", "CNY"), true},    // either direction
		{assay.MustMoney("10.00", "CNY"), assay.MustMoney("10.011", "CNY"), false}, // just outside
		{assay.MustMoney("10.00", "CNY"), assay.MustMoney("10.00", "MOP"), false},  // currency still counts
	}
	for _, tt := range tests {
		if got := cmp.Equal(tt.a, tt.b, opt); got != tt.want {
			t.Errorf("Equal(%v, %v) within 0.01 = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSampleAssetIsValidAndStable(t *testing.T) {
	a := assaytest.SampleAsset()
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, assaytest.SampleAsset()); diff != "" {
		t.Errorf("two calls differ:\n%s", diff)
	}
}
