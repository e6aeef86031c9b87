package assay

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
)

// Issue 13's targets: Add ≤ 5 ns and Round ≤ 10 ns with no allocation, NewMoney ≤ 60 ns, JSON
// marshal / unmarshal ≤ 250 / 400 ns. See BENCHMARKS.md.

func BenchmarkAdd(b *testing.B) {
	b.ReportAllocs()
	x, y := MustMoney("1234.56", "CNY"), MustMoney("0.07", "CNY")
	for b.Loop() {
		if _, err := x.Add(y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddRescale adds amounts at different exponents (a unit price in tenths of a fen
// to a total in fen), which scales one coefficient first.
func BenchmarkAddRescale(b *testing.B) {
	b.ReportAllocs()
	x, y := MustMoney("1234.56", "CNY"), MustMoney("0.0725", "CNY")
	for b.Loop() {
		if _, err := x.Add(y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddBig is the fallback: an amount whose coefficient does not fit in int64.
func BenchmarkAddBig(b *testing.B) {
	b.ReportAllocs()
	x, y := MustMoney("92233720368547758.08", "CNY"), MustMoney("0.07", "CNY")
	for b.Loop() {
		if _, err := x.Add(y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRound(b *testing.B) {
	b.ReportAllocs()
	x := MustMoney("1234.5678", "CNY")
	for b.Loop() {
		_ = x.Round(HalfEven)
	}
}

func BenchmarkMulDecimal(b *testing.B) {
	b.ReportAllocs()
	x, rate := MustMoney("1234.56", "CNY"), decimal.RequireFromString("0.06")
	for b.Loop() {
		_ = x.MulDecimal(rate).Round(HalfEven)
	}
}

func BenchmarkSum10(b *testing.B) {
	b.ReportAllocs()
	ms := make([]Money, 10)
	for i := range ms {
		ms[i] = MoneyFromMinor(int64(1000*i+7), MustCurrency("HKD"))
	}
	for b.Loop() {
		if _, err := Sum(ms...); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMinorUnits(b *testing.B) {
	b.ReportAllocs()
	x := MustMoney("1234.5", "CNY")
	for b.Loop() {
		if _, err := x.MinorUnits(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	x := MustMoney("1234.5", "CNY")
	for b.Loop() {
		_ = x.String()
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	b.ReportAllocs()
	x := MustMoney("1234.56", "CNY")
	for b.Loop() {
		if _, err := json.Marshal(x); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalJSON(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`{"amount":"1234.56","currency":"CNY"}`)
	for b.Loop() {
		var m Money
		if err := json.Unmarshal(data, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalJSONMethod and BenchmarkUnmarshalJSONMethod time Money's own codec, without
// encoding/json's reflection, validation and copying around it.
func BenchmarkMarshalJSONMethod(b *testing.B) {
	b.ReportAllocs()
	x := MustMoney("1234.56", "CNY")
	for b.Loop() {
		if _, err := x.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalJSONMethod(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`{"amount":"1234.56","currency":"CNY"}`)
	for b.Loop() {
		var m Money
		if err := m.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

// constJSON is a type whose codec does no work: json.Marshal and json.Unmarshal of it measure
// encoding/json's own cost for a Marshaler of Money's size and text, the floor under
// BenchmarkMarshalJSON and BenchmarkUnmarshalJSON.
type constJSON struct{ v [3]int64 }

func (constJSON) MarshalJSON() ([]byte, error) {
	return []byte(`{"amount":"1234.56","currency":"CNY"}`), nil
}

func (k *constJSON) UnmarshalJSON(data []byte) error { k.v[0] = int64(len(data)); return nil }

func BenchmarkMarshalJSONFloor(b *testing.B) {
	b.ReportAllocs()
	var x constJSON
	for b.Loop() {
		if _, err := json.Marshal(x); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalJSONFloor(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`{"amount":"1234.56","currency":"CNY"}`)
	for b.Loop() {
		var k constJSON
		if err := json.Unmarshal(data, &k); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewMoney(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewMoney("1234.56", "CNY"); err != nil {
			b.Fatal(err)
		}
	}
}
