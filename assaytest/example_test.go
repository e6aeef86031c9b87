package assaytest_test

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/google/go-cmp/cmp"
)

func ExampleEquateMoney() {
	want := []assay.Money{assay.MustMoney("10", "CNY"), assay.MustMoney("2.5", "CNY")}
	got := []assay.Money{assay.MustMoney("10.00", "CNY"), assay.MustMoney("2.50", "CNY")}
	fmt.Println(cmp.Diff(want, got, assaytest.EquateMoney()) == "")
	// Output: true
}
