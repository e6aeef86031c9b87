package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/dataassay/assay"
)

func planSeeds() []string {
	seeds := []string{
		`{"kind":"fixed","price":{"amount":"99.90","currency":"CNY"}}`,
		`{"kind":"volume","tiers":[{"upTo":100,"unitPrice":{"amount":"1","currency":"JPY"}},{"unitPrice":{"amount":"0.5","currency":"JPY"}}]}`,
		`{"kind":"metered","baseFee":{"amount":"100","currency":"CNY"},"freeUnits":10,"unitPrice":{"amount":"0.001","currency":"CNY"},"cap":{"amount":"9","currency":"CNY"},"capScope":"total"}`,
		`{"kind":"subscription","price":{"amount":"1200","currency":"HKD"},"months":12}`,
		`{"kind":"quota","units":100,"price":{"amount":"6000","currency":"EUR"}}`,
		`{"kind":"pack","units":1000,"price":{"amount":"1000","currency":"EUR"}}`,
		`{"kind":"graduated","tiers":[{"upTo":1e3,"unitPrice":{"amount":"1e-9","currency":"KWD"},"per":1000000000}]}`,
		`{"kind":"fixed","price":{"amount":"1e999","currency":"CNY"}}`,
		`{}`, `null`, `[`,
	}
	b, _ := json.Marshal(mustPlan(NewGraduated(apiTiers("EUR"), assay.HalfEven)))
	return append(seeds, string(b))
}

// FuzzUnmarshalPlan: decoding any bytes never panics; a decoded plan round-trips and quotes
// reconcile for any usage.
func FuzzUnmarshalPlan(f *testing.F) {
	for _, s := range planSeeds() {
		f.Add([]byte(s), int64(12_345))
	}
	f.Fuzz(func(t *testing.T, b []byte, units int64) {
		p, err := UnmarshalPlan(b)
		if err != nil {
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("decoded plan does not encode: %v", err)
		}
		if _, err := UnmarshalPlan(out); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		q, err := Quote(context.Background(), p, Usage{Units: units})
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) && !errors.Is(err, ErrQuotaExceeded) && !errors.Is(err, assay.ErrOverflow) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		checkReconciles(t, q)
	})
}

// FuzzFeeStackJSON: decoding never panics, and a decoded stack applied to any subtotal keeps
// the buyer's total equal to the payouts.
func FuzzFeeStackJSON(f *testing.F) {
	f.Add([]byte(`{"dustRecipient":"exchange","fees":[{"recipient":"exchange","rate":"0.005","min":{"amount":"1","currency":"CNY"}},{"recipient":"tax","rate":"0.06","tax":true,"compound":true}]}`), int64(99_999))
	f.Add([]byte(`{"fees":[{"recipient":"x","side":"seller","rate":"1","rounding":"up"}]}`), int64(1))
	f.Add([]byte(`{"fees":[{"recipient":"x","rate":"1e-9","fixed":{"amount":"0.01","currency":"CNY"}}]}`), int64(0))
	f.Add([]byte(`{"fees":[{"recipient":"x","rate":"2"}]}`), int64(5))
	f.Fuzz(func(t *testing.T, b []byte, minor int64) {
		var s FeeStack
		if err := json.Unmarshal(b, &s); err != nil {
			return
		}
		if minor < 0 {
			minor = -minor
		}
		if minor < 0 {
			return
		}
		plan, err := NewFixed(assay.MoneyFromMinor(minor, cny), "")
		if err != nil {
			t.Fatal(err)
		}
		q, err := Quoter{Fees: s}.Quote(context.Background(), plan, Usage{})
		if err != nil {
			return
		}
		checkReconciles(t, q)
	})
}

// FuzzMenuJSON: decoding never panics; small decoded menus repair to arbitrage-free menus.
func FuzzMenuJSON(f *testing.F) {
	b, _ := json.Marshal(queryMenu())
	f.Add(b)
	f.Add([]byte(`[{"id":"a","price":{"amount":"5","currency":"USD"}},{"id":"b","price":{"amount":"9","currency":"USD"},"derivableFrom":[["a"]]}]`))
	f.Add([]byte(`[{"id":"a","price":{"amount":"5","currency":"USD"},"bundle":["a"]}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Menu
		if err := json.Unmarshal(b, &m); err != nil || len(m) > 10 {
			return
		}
		repaired, err := ArbitrageFree(context.Background(), m)
		if err != nil {
			t.Fatalf("valid menu fails to repair: %v", err)
		}
		v, err := CheckArbitrage(context.Background(), repaired)
		if err != nil || len(v) != 0 {
			t.Fatalf("repaired menu has violations %v (err %v)", v, err)
		}
		for i := range m {
			if c, _ := repaired[i].Price.Cmp(m[i].Price); c > 0 {
				t.Fatalf("item %s repaired upward", m[i].ID)
			}
		}
	})
}
