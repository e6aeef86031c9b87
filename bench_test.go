package assay

import (
	"encoding/json"
	"testing"
)

func BenchmarkAdd(b *testing.B) {
	b.ReportAllocs()
	x, y := MustMoney("1234.56", "CNY"), MustMoney("0.07", "CNY")
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

func BenchmarkNewMoney(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewMoney("1234.56", "CNY"); err != nil {
			b.Fatal(err)
		}
	}
}
