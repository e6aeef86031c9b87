package assaytest

import (
	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// EquateMoney returns a go-cmp option under which two assay.Money values are equal when they
// have the same currency and numerically equal amounts (1.5 CNY equals 1.50 CNY), and two
// decimal.Decimal values when they are numerically equal. Money already has an Equal method
// that go-cmp uses; the option makes the rule explicit and also covers bare decimals, whose
// unexported fields go-cmp cannot otherwise compare.
func EquateMoney() cmp.Option {
	return cmp.Options{
		cmp.Comparer(func(a, b assay.Money) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	}
}

// EquateMoneyWithin returns a go-cmp option under which two assay.Money values are equal when
// they have the same currency and their amounts differ by at most tol (inclusive); two
// decimal.Decimal values likewise. A negative tol is treated as zero. Use it to compare a
// result against a reference computed elsewhere (a spreadsheet, a float model) where the last
// minor unit may legitimately differ; exact equality is the right default.
func EquateMoneyWithin(tol decimal.Decimal) cmp.Option {
	tol = tol.Abs()
	within := func(a, b decimal.Decimal) bool { return a.Sub(b).Abs().Cmp(tol) <= 0 }
	return cmp.Options{
		cmp.Comparer(func(a, b assay.Money) bool {
			return a.Currency() == b.Currency() && within(a.Amount(), b.Amount())
		}),
		cmp.Comparer(within),
	}
}
