package billing

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
)

// storyWallet has every kind of entry: grants, draws in priority order, an expiry, an overdraft
// and its repayment by a grant.
func storyWallet(t testing.TB) Wallet {
	w := must(NewWallet(cny, cnym("50")))
	w = must(w.Grant(Credit{ID: "paid-early", Kind: Paid, Amount: cnym("100"), Granted: day(2025, 1, 1), Expires: day(2025, 3, 1)}))
	w = must(w.Grant(Credit{ID: "promo", Kind: Promotional, Amount: cnym("30"), Granted: day(2025, 1, 2), Expires: day(2025, 6, 1), Priority: -1}))
	w, _, err := w.Apply(day(2025, 1, 20), cnym("60"), "INV-1")
	if err != nil {
		t.Fatal(err)
	}
	w = must(w.Debit(day(2025, 3, 5), cnym("40"), "USE-1"))
	return must(w.Grant(Credit{ID: "top-up", Amount: cnym("100"), Granted: day(2025, 3, 7)}))
}

func TestWalletJSON_RoundTrip(t *testing.T) {
	w := storyWallet(t)
	back := stableJSON(t, w, ParseWallet)
	// The parsed wallet carries on exactly as the original: same draw, same ledger.
	w1, used1, err1 := w.Apply(day(2025, 4, 1), cnym("75"), "INV-4")
	w2, used2, err2 := back.Apply(day(2025, 4, 1), cnym("75"), "INV-4")
	if err1 != nil || err2 != nil || !used1.Equal(used2) {
		t.Fatalf("Apply: %v %v / %v %v", used1, err1, used2, err2)
	}
	if d := cmp.Diff(w1.Entries(), w2.Entries(), cmp.Comparer(assay.Money.Equal)); d != "" {
		t.Errorf("ledgers differ after the same draw (-original +parsed):\n%s", d)
	}
	// Zero wallet: null both ways.
	if b, _ := json.Marshal(Wallet{}); string(b) != "null" {
		t.Errorf("zero wallet = %s, want null", b)
	}
	if z, err := ParseWallet([]byte("null")); err != nil || !z.Currency().IsZero() {
		t.Errorf("null: %v, %v", z, err)
	}
}

// TestParseWallet_RefusesWhatTheLedgerDoesNotExplain: editing a stored wallet by hand — a
// balance, what is left of a credit, an amount, the overdraft in use, an entry's time — is
// caught by the replay.
func TestParseWallet_RefusesWhatTheLedgerDoesNotExplain(t *testing.T) {
	b, _ := json.Marshal(storyWallet(t))
	good := string(b)
	for _, c := range []struct{ name, from, to, field string }{
		{"a richer credit", `"left":{"amount":"60.00"`, `"left":{"amount":"90.00"`, "left"},
		{"an edited balance", `"balance":{"amount":"60.00"`, `"balance":{"amount":"99.00"`, "balance"},
		{"a bigger grant", `"amount":{"amount":"100.00","currency":"CNY"},"balance":{"amount":"60.00"`, `"amount":{"amount":"900.00","currency":"CNY"},"balance":{"amount":"60.00"`, "amount"},
		{"an unknown credit", `"credit":"promo"`, `"credit":"ghost"`, "credit"},
		{"an unknown field", `"overdrawn"`, `"overdrawm"`, "overdrawm"},
	} {
		if !strings.Contains(good, c.from) {
			t.Fatalf("%s: %q not in %s", c.name, c.from, good)
		}
		_, err := ParseWallet([]byte(strings.Replace(good, c.from, c.to, 1)))
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: %v, want *InputError on %s", c.name, err, c.field)
		}
	}
}

func FuzzParseWallet(f *testing.F) {
	b, _ := json.Marshal(storyWallet(f))
	f.Add(b)
	f.Add([]byte(`{"currency":"CNY","overdraft":null,"overdrawn":null,"credits":[],"entries":[]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := ParseWallet(data)
		if err != nil {
			// Typed: this package's input errors, or the money and currency errors of assay
			// passed through from a malformed amount or code.
			if !errors.Is(err, assay.ErrInvalidInput) && !errors.Is(err, assay.ErrInvalidCurrency) && !errors.Is(err, assay.ErrInvalidAmount) {
				t.Fatalf("error %v (%T) is not a typed input error", err, err)
			}
			return
		}
		// A wallet that parses reconciles: its balance is its last entry's, it never goes
		// below the overdraft, and it round-trips.
		if es := w.Entries(); len(es) > 0 && !es[len(es)-1].Balance.Equal(w.Balance()) {
			t.Fatalf("balance %v, last entry %v", w.Balance(), es[len(es)-1].Balance)
		}
		b, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseWallet(b); err != nil {
			t.Fatalf("re-parse %s: %v", b, err)
		}
	})
}
