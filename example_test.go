package assay_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
)

// The README's usage snippet, kept true by go test.
func Example() {
	price := assay.MustMoney("1299.50", "CNY")
	vat := price.MulDecimal(decimal.RequireFromString("0.06")).Round(assay.HalfUp)
	total, _ := price.Add(vat)
	fmt.Println(price, "+", vat, "VAT =", total)

	_, err := total.Add(assay.MustMoney("10", "HKD"))
	fmt.Println(err, errors.Is(err, assay.ErrCurrencyMismatch))

	out, _ := json.Marshal(total)
	fmt.Println(string(out))
	// Output:
	// 1299.50 CNY + 77.97 CNY VAT = 1377.47 CNY
	// assay: add: currency mismatch: CNY and HKD true
	// {"amount":"1377.47","currency":"CNY"}
}

func ExampleNewMoney() {
	price, err := assay.NewMoney("1299.5", "CNY")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(price)
	fmt.Println(price.Amount().StringFixed(2), price.Currency().Code(), price.Currency().Digits())

	_, err = assay.NewMoney("1,299.50", "CNY")
	fmt.Println(err)
	// Output:
	// 1299.50 CNY
	// 1299.50 CNY 2
	// assay: amount "1,299.50": not a decimal number
}

func ExampleMoney_Add_mismatch() {
	cny := assay.MustMoney("100", "CNY")
	hkd := assay.MustMoney("100", "HKD")
	_, err := cny.Add(hkd)
	fmt.Println(err)
	fmt.Println(errors.Is(err, assay.ErrCurrencyMismatch))

	var mismatch *assay.MismatchError
	if errors.As(err, &mismatch) {
		fmt.Println(mismatch.A.Code(), mismatch.B.Code())
	}
	// Output:
	// assay: add: currency mismatch: CNY and HKD
	// true
	// CNY HKD
}

func ExampleMoney_Round() {
	// 6 % VAT on a data service priced at 12.25 CNY is 0.735 CNY before rounding.
	vat := assay.MustMoney("12.25", "CNY").MulDecimal(assay.MustMoney("0.06", "CNY").Amount())
	fmt.Println(vat)
	for _, mode := range []assay.RoundingMode{assay.HalfEven, assay.HalfUp, assay.Down, assay.Ceiling} {
		fmt.Printf("%-9s %v\n", mode, vat.Round(mode))
	}
	// JPY has no minor unit.
	fmt.Println(assay.MustMoney("1234.5", "JPY").Round(assay.HalfEven))
	// Output:
	// 0.735 CNY
	// half-even 0.74 CNY
	// half-up   0.74 CNY
	// down      0.73 CNY
	// ceiling   0.74 CNY
	// 1234 JPY
}

func ExampleMoney_MarshalJSON() {
	type invoice struct {
		Total assay.Money `json:"total"`
	}
	out, _ := json.Marshal(invoice{Total: assay.MustMoney("8.5", "MOP")})
	fmt.Println(string(out))

	// On input, a bare JSON number is read as exact decimal text, never as a float64.
	var in invoice
	err := json.Unmarshal([]byte(`{"total":{"amount":0.1,"currency":"HKD"}}`), &in)
	fmt.Println(in.Total, err)

	err = json.Unmarshal([]byte(`{"total":{"amount":"1","currency":"RMB"}}`), &in)
	fmt.Println(err)
	// Output:
	// {"total":{"amount":"8.50","currency":"MOP"}}
	// 0.10 HKD <nil>
	// assay: currency code "RMB" is not an ISO 4217 currency
}

func ExampleMoney_MinorUnits() {
	units, err := assay.MustMoney("12.34", "CNY").MinorUnits()
	fmt.Println(units, err)
	_, err = assay.MustMoney("12.345", "CNY").MinorUnits()
	fmt.Println(errors.Is(err, assay.ErrInexact))
	fmt.Println(assay.MoneyFromMinor(1234, assay.MustCurrency("HKD")))
	// Output:
	// 1234 <nil>
	// true
	// 12.34 HKD
}

func ExampleSum() {
	total, err := assay.Sum(
		assay.MustMoney("10.00", "CNY"),
		assay.MustMoney("0.60", "CNY"),
		assay.MustMoney("-1.25", "CNY"),
	)
	fmt.Println(total, err)
	// Output: 9.35 CNY <nil>
}

// Amounts beyond 64 bits stay exact: the sum of the largest int64 number of fen and one more
// fen is 2⁶³ fen, held as a decimal, and comes back to the compact form when it fits again.
func ExampleMoney_Add_beyondInt64() {
	cny := assay.MustCurrency("CNY")
	top := assay.MoneyFromMinor(math.MaxInt64, cny)
	over, _ := top.Add(assay.MoneyFromMinor(1, cny))
	fmt.Println(over)
	_, err := over.MinorUnits()
	fmt.Println(err != nil)
	back, _ := over.Sub(assay.MoneyFromMinor(1, cny))
	fmt.Println(back.Equal(top))
	// Output:
	// 92233720368547758.08 CNY
	// true
	// true
}
