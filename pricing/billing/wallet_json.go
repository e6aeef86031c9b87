package billing

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/dataassay/assay"
)

// walletJSON is the stored form of a Wallet: what is needed to carry on (credits with what is
// left of each, the overdraft and its use, the time of the last operation) and the ledger that
// explains it.
type walletJSON struct {
	Currency  assay.Currency `json:"currency"`
	Overdraft assay.Money    `json:"overdraft"` // the limit
	Overdrawn assay.Money    `json:"overdrawn"` // in use
	Last      time.Time      `json:"last,omitzero"`
	Credits   []walletCredit `json:"credits"`
	Entries   []Entry        `json:"entries"`
}

type walletCredit struct {
	Credit
	Left assay.Money `json:"left"`
}

// MarshalJSON writes the wallet so that ParseWallet can carry it on between invoice runs:
//
//	{"currency":"CNY","overdraft":…,"overdrawn":…,"last":"…",
//	 "credits":[{"id":"welcome","kind":"promotional","amount":…,"granted":"…","left":…}],
//	 "entries":[{"time":"…","kind":"grant","credit":"welcome","amount":…,"balance":…}]}
//
// The zero Wallet writes null.
func (w Wallet) MarshalJSON() ([]byte, error) {
	if w.cur.IsZero() {
		return []byte("null"), nil
	}
	out := walletJSON{Currency: w.cur, Overdraft: assay.MoneyFromMinor(w.limit, w.cur), Overdrawn: assay.MoneyFromMinor(w.overdrawn, w.cur),
		Last: w.last, Credits: make([]walletCredit, len(w.credits)), Entries: w.entries}
	for i, c := range w.credits {
		out.Credits[i] = walletCredit{Credit: c.Credit, Left: assay.MoneyFromMinor(c.left, w.cur)}
	}
	if out.Entries == nil {
		out.Entries = []Entry{}
	}
	return json.Marshal(out)
}

// ParseWallet reads a wallet that MarshalJSON wrote, from untrusted JSON, and checks that its
// ledger explains it: replaying the entries from an empty wallet must give each entry's
// balance, each credit's amount left and the overdraft in use, with no credit granted twice,
// drawn below zero or left unspent after its expiry, and no entry after the last operation.
// A wallet that does not reconcile is refused, so a stored balance cannot be edited by hand.
// JSON null is the zero Wallet. Errors: *InputError naming the credit or entry and field.
func ParseWallet(data []byte) (Wallet, error) {
	var in *walletJSON
	if err := decode(data, &in); err != nil {
		return Wallet{}, err
	}
	if in == nil {
		return Wallet{}, nil
	}
	return in.wallet()
}

func (in *walletJSON) wallet() (Wallet, error) {
	w, err := NewWallet(in.Currency, in.Overdraft)
	if err != nil {
		return Wallet{}, err
	}
	cur := in.Currency
	if w.overdrawn, err = minor("", "wallet.overdrawn", in.Overdrawn, cur); err != nil {
		return Wallet{}, err
	}
	if w.overdrawn < 0 || w.overdrawn > w.limit {
		return Wallet{}, inputErr("", "wallet.overdrawn", in.Overdrawn.String(), "be between zero and the overdraft "+in.Overdraft.String())
	}
	w.last = in.Last
	index := make(map[string]int, len(in.Credits))
	for i, c := range in.Credits {
		rec := quoted("credit", c.ID)
		if c.ID == "" {
			return Wallet{}, inputErr("", "credits["+strconv.Itoa(i)+"].id", "", "be set")
		}
		if _, dup := index[c.ID]; dup {
			return Wallet{}, inputErr(rec, "id", c.ID, "be unique in the wallet")
		}
		index[c.ID] = i
		amt, err := minor(rec, "amount", c.Amount, cur)
		if err != nil {
			return Wallet{}, err
		}
		left, err := minor(rec, "left", c.Left, cur)
		if err != nil {
			return Wallet{}, err
		}
		switch {
		case int(c.Kind) >= len(creditKindNames):
			return Wallet{}, inputErr(rec, "kind", c.Kind.String(), "be paid or promotional")
		case amt <= 0:
			return Wallet{}, inputErr(rec, "amount", c.Amount.String(), "be positive")
		case left < 0 || left > amt:
			return Wallet{}, inputErr(rec, "left", c.Left.String(), "be between zero and the amount "+c.Amount.String())
		case c.Granted.IsZero() || c.Granted.After(w.last):
			return Wallet{}, inputErr(rec, "granted", c.Granted.Format(time.RFC3339), "be set and not after the wallet's last operation")
		case !c.Expires.IsZero() && !c.Expires.After(c.Granted):
			return Wallet{}, inputErr(rec, "expires", c.Expires.Format(time.RFC3339), "be after the grant")
		case left > 0 && !c.Expires.IsZero() && !c.Expires.After(w.last):
			return Wallet{}, inputErr(rec, "left", c.Left.String(), "be zero: the credit expired before the wallet's last operation")
		}
		w.credits = append(w.credits, creditLeft{Credit: c.Credit, left: left})
	}
	if err := in.replay(index, w); err != nil {
		return Wallet{}, err
	}
	w.entries = slices.Clip(in.Entries)
	return w, nil
}

// replay runs the ledger from an empty wallet and compares it with the stored state.
func (in *walletJSON) replay(index map[string]int, w Wallet) error {
	cur := in.Currency
	left := make([]int64, len(in.Credits))
	granted := make([]bool, len(in.Credits))
	var overdrawn, balance int64
	var prev time.Time
	for k, e := range in.Entries {
		rec, field := "entry "+strconv.Itoa(k), "amount"
		amt, err := minor(rec, field, e.Amount, cur)
		if err != nil {
			return err
		}
		bal, err := minor(rec, "balance", e.Balance, cur)
		if err != nil {
			return err
		}
		if e.Time.IsZero() || e.Time.Before(prev) || e.Time.After(w.last) {
			return inputErr(rec, "time", e.Time.Format(time.RFC3339), "follow the entry before and not be after the wallet's last operation")
		}
		prev = e.Time
		i, ok := index[e.Credit]
		if !ok && e.Kind != Overdraft {
			return inputErr(rec, "credit", e.Credit, "name a credit of the wallet")
		}
		switch e.Kind {
		case Grant:
			if granted[i] || amt != mustMinor(in.Credits[i].Amount) {
				return inputErr(rec, "amount", e.Amount.String(), "grant credit "+strconv.Quote(e.Credit)+" once, its whole amount")
			}
			granted[i] = true
			repay := min(overdrawn, amt)
			overdrawn -= repay
			left[i] += amt - repay
		case Debit, Expiry:
			if !granted[i] || amt >= 0 || left[i]+amt < 0 || (e.Kind == Expiry && left[i]+amt != 0) {
				return inputErr(rec, "amount", e.Amount.String(), "draw on what is left of credit "+strconv.Quote(e.Credit)+" (an expiry all of it)")
			}
			left[i] += amt
		case Overdraft:
			if e.Credit != "" || amt >= 0 || overdrawn-amt > w.limit {
				return inputErr(rec, "amount", e.Amount.String(), "draw on the overdraft within its limit, on no credit")
			}
			overdrawn -= amt
		default:
			return inputErr(rec, "kind", e.Kind.String(), "be grant, debit, expiry or overdraft")
		}
		balance += amt
		if bal != balance {
			return inputErr(rec, "balance", e.Balance.String(), "be the balance the ledger gives, "+assay.MoneyFromMinor(balance, cur).String())
		}
	}
	for i, c := range w.credits {
		if !granted[i] || left[i] != c.left {
			return inputErr(quoted("credit", c.ID), "left", assay.MoneyFromMinor(c.left, cur).String(), "be what the ledger leaves, "+assay.MoneyFromMinor(left[i], cur).String())
		}
	}
	if overdrawn != w.overdrawn {
		return inputErr("", "wallet.overdrawn", assay.MoneyFromMinor(w.overdrawn, cur).String(), "be what the ledger leaves, "+assay.MoneyFromMinor(overdrawn, cur).String())
	}
	return nil
}

// mustMinor returns the minor units of an amount already checked by minor.
func mustMinor(m assay.Money) int64 {
	u, _ := m.MinorUnits()
	return u
}

// UnmarshalText decodes an entry kind by its name.
func (k *EntryKind) UnmarshalText(b []byte) error {
	if i := slices.Index(entryKindNames[:], string(b)); i >= 0 {
		*k = EntryKind(i)
		return nil
	}
	return inputErr("", "entry kind", string(b), `be "grant", "debit", "expiry" or "overdraft"`)
}

// UnmarshalJSON reads a wallet as ParseWallet does, so that a Wallet can be stored inside
// other JSON.
func (w *Wallet) UnmarshalJSON(b []byte) error {
	v, err := ParseWallet(b)
	if err != nil {
		return err
	}
	*w = v
	return nil
}
