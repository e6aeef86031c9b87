package assay

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMoneyJSON(t *testing.T) {
	tests := []struct {
		in   string
		want Money
		out  string // re-encoded
	}{
		{`{"amount":"12.34","currency":"CNY"}`, MustMoney("12.34", "CNY"), `{"amount":"12.34","currency":"CNY"}`},
		{`{"currency":"HKD","amount":"7"}`, MustMoney("7", "HKD"), `{"amount":"7.00","currency":"HKD"}`},
		{`{"amount":12.34,"currency":"MOP"}`, MustMoney("12.34", "MOP"), `{"amount":"12.34","currency":"MOP"}`},
		// A bare number is read as exact decimal text, never through float64:
		// 0.1 + 0.2 style values and 17+ significant digits survive.
		{`{"amount":1234567890.123456789,"currency":"USD"}`, MustMoney("1234567890.123456789", "USD"), `{"amount":"1234567890.123456789","currency":"USD"}`},
		{`{"amount":-1e2,"currency":"JPY"}`, MustMoney("-100", "JPY"), `{"amount":"-100","currency":"JPY"}`},
		{` { "amount" : "0.001" , "currency" : "KWD" } `, MustMoney("0.001", "KWD"), `{"amount":"0.001","currency":"KWD"}`},
		{`{"amount":"1","currency":"CNY","note":"ignored"}`, MustMoney("1", "CNY"), `{"amount":"1.00","currency":"CNY"}`},
	}
	for _, tt := range tests {
		var got Money
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Unmarshal(%s) (-want +got):\n%s", tt.in, diff)
		}
		out, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.out, string(out)); diff != "" {
			t.Errorf("Marshal (-want +got):\n%s", diff)
		}
	}
}

func TestMoneyJSONRejects(t *testing.T) {
	tests := []struct {
		in    string
		want  error
		field string
	}{
		{`{"amount":"12.34","currency":"XYZ"}`, ErrInvalidCurrency, ""},
		{`{"amount":"12.34","currency":"cny"}`, ErrInvalidCurrency, ""},
		{`{"amount":"12.34"}`, ErrInvalidCurrency, "currency"},
		{`{"amount":"12.34","currency":""}`, ErrInvalidCurrency, ""},
		{`{"amount":"","currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":null,"currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":"1e1001","currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":1e-1001,"currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":"` + strings.Repeat("1", 257) + `","currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":` + strings.Repeat("1", 257) + `,"currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":true,"currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":["1"],"currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`{"amount":"NaN","currency":"CNY"}`, ErrInvalidAmount, "amount"},
		{`"12.34 CNY"`, ErrInvalidInput, "money"},
		{`[]`, ErrInvalidInput, "money"},
	}
	for _, tt := range tests {
		var m Money
		err := json.Unmarshal([]byte(tt.in), &m)
		if !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%.60s) error = %v, want %v", tt.in, err, tt.want)
			continue
		}
		var fe *FieldError
		if tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field) {
			t.Errorf("Unmarshal(%.60s) error = %v, want a *FieldError for %q", tt.in, err, tt.field)
		}
	}
}

func TestMoneyJSONZeroValue(t *testing.T) {
	type wrapper struct {
		Price Money `json:"price"`
		Fee   Money `json:"fee,omitzero"`
	}
	out, err := json.Marshal(wrapper{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"price":null}`, string(out)); diff != "" {
		t.Errorf("zero value (-want +got):\n%s", diff)
	}
	var back wrapper
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wrapper{}, back); diff != "" {
		t.Errorf("zero round trip (-want +got):\n%s", diff)
	}
	// A non-zero amount without a currency cannot be encoded.
	if _, err := json.Marshal(MoneyOf(MustMoney("1", "CNY").Amount(), Currency{})); !errors.Is(err, ErrInvalidCurrency) {
		t.Errorf("Marshal(no currency) error = %v", err)
	}
}

func TestMoneyText(t *testing.T) {
	m := MustMoney("-1234.5", "HKD")
	text, err := m.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("-1234.50 HKD", string(text)); diff != "" {
		t.Errorf("MarshalText (-want +got):\n%s", diff)
	}
	var back Money
	if err := back.UnmarshalText(text); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("UnmarshalText (-want +got):\n%s", diff)
	}
	// Money as a map key uses the text form.
	counts := map[Money]int{}
	_ = counts
	for _, bad := range []string{"12.34", "12.34  CNY", "CNY 12.34", "12.34 cny", "12,34 CNY"} {
		if err := back.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("UnmarshalText(%q) succeeded", bad)
		}
	}
}

// FuzzMoneyJSON: no input panics, and whatever decodes re-encodes to JSON that decodes to
// the same value.
func FuzzMoneyJSON(f *testing.F) {
	for _, seed := range []string{
		`{"amount":"12.34","currency":"CNY"}`, `{"amount":12.34,"currency":"HKD"}`, `null`,
		`{"amount":"-0.000","currency":"JPY"}`, `{"amount":1e1000,"currency":"KWD"}`,
		`{"amount":"1e-1000","currency":"MOP"}`, `{}`, `[`, `{"amount":"1","currency":"CNY","amount":"2"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Money
		if err := json.Unmarshal(data, &m); err != nil {
			return
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("decoded %v from %q but cannot encode it: %v", m, data, err)
		}
		var back Money
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-encoded %s does not decode: %v", out, err)
		}
		if !back.Equal(m) {
			t.Fatalf("round trip: %v -> %s -> %v", m, out, back)
		}
	})
}

// FuzzMoneyJSONFastPath: the hand-written scanner for the common form decodes exactly what
// encoding/json decodes, whenever it claims an input.
func FuzzMoneyJSONFastPath(f *testing.F) {
	for _, seed := range []string{
		`{"amount":"12.34","currency":"CNY"}`, `{"currency":"HKD","amount":7}`, `{"amount":-0.5e2,"currency":"MOP"}`,
		`{ "amount" : "1" , "currency" : "JPY" } `, `{"amount":01,"currency":"CNY"}`, `{"amount":1.,"currency":"CNY"}`,
		`{"amount":"1","amount":"2"}`, `{"amount":"\u0031","currency":"CNY"}`, `{"amount":1e5,"currency":"KWD"}x`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		amount, code, ok := scanMoneyJSON(data)
		if !ok {
			return
		}
		var w moneyJSON
		if err := json.Unmarshal(data, &w); err != nil {
			t.Fatalf("fast path accepted %q (amount %q, currency %q), encoding/json rejects it: %v", data, amount, code, err)
		}
		raw := string(w.Amount)
		if len(raw) > 0 && raw[0] == '"' {
			_ = json.Unmarshal(w.Amount, &raw)
		}
		if w.Currency == nil || *w.Currency != string(code) || raw != string(amount) {
			t.Fatalf("fast path read %q, %q from %q; encoding/json reads %q, %v", amount, code, data, raw, w.Currency)
		}
	})
}
