package billing

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/dataassay/assay"
)

// CreditKind says how a credit was obtained.
type CreditKind uint8

// The kinds of credit.
const (
	Paid        CreditKind = iota // bought: prepaid top-ups, refunds to the wallet
	Promotional                   // given: sign-up bonuses, goodwill, a private offer's free credit
)

var creditKindNames = [...]string{"paid", "promotional"}

// String returns "paid" or "promotional".
func (k CreditKind) String() string {
	if int(k) < len(creditKindNames) {
		return creditKindNames[k]
	}
	return "CreditKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes the kind by its name.
func (k CreditKind) MarshalText() ([]byte, error) {
	if int(k) >= len(creditKindNames) {
		return nil, inputErr("", "credit kind", k.String(), "be paid or promotional")
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes "paid" (or the empty text) and "promotional".
func (k *CreditKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "", "paid":
		*k = Paid
	case "promotional":
		*k = Promotional
	default:
		return inputErr("", "credit kind", string(b), `be "paid" or "promotional"`)
	}
	return nil
}

// Credit is a grant of prepaid credit in money.
type Credit struct {
	ID     string      `json:"id"`
	Kind   CreditKind  `json:"kind"`
	Amount assay.Money `json:"amount"`
	// Priority orders draw-down before everything else: lower first; zero is the default.
	Priority int       `json:"priority,omitzero"`
	Granted  time.Time `json:"granted"`
	// Expires is when the unused rest lapses; zero never.
	Expires time.Time `json:"expires,omitzero"`
}

// EntryKind says what moved money in a wallet.
type EntryKind uint8

// The kinds of wallet movement.
const (
	Grant     EntryKind = iota // a credit granted (+)
	Debit                      // a credit drawn by an invoice or a debit (−)
	Expiry                     // the unused rest of a credit lapsed (−)
	Overdraft                  // a debit beyond the credits, up to the overdraft limit (−)
)

var entryKindNames = [...]string{"grant", "debit", "expiry", "overdraft"}

// String returns "grant", "debit", "expiry" or "overdraft".
func (k EntryKind) String() string {
	if int(k) < len(entryKindNames) {
		return entryKindNames[k]
	}
	return "EntryKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes the kind by its name.
func (k EntryKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Entry is one movement of a wallet's ledger: Amount (signed: + in, − out) on the credit named
// Credit ("" for the overdraft), for Ref (an invoice or credit-note ID), and the wallet's
// balance after it.
type Entry struct {
	Time    time.Time   `json:"time"`
	Kind    EntryKind   `json:"kind"`
	Credit  string      `json:"credit,omitzero"`
	Ref     string      `json:"ref,omitzero"`
	Amount  assay.Money `json:"amount"`
	Balance assay.Money `json:"balance"`
}

type creditLeft struct {
	Credit
	left int64 // minor units not yet drawn or expired
}

// Wallet is a customer's prepaid credit in one currency: its credits, what is left of each,
// an optional overdraft, and the ledger of every movement. Operations return a new Wallet and
// leave the receiver unchanged, so a Wallet is a value safe for concurrent reads; operations
// must come in time order (an earlier one is ErrOutOfOrder). The zero Wallet holds nothing and
// takes no debit.
type Wallet struct {
	cur       assay.Currency
	limit     int64 // overdraft allowed, minor units
	overdrawn int64 // overdraft in use, minor units
	credits   []creditLeft
	entries   []Entry
	last      time.Time
}

// NewWallet returns an empty wallet in currency cur whose balance may go down to −overdraft
// (zero: never negative).
func NewWallet(cur assay.Currency, overdraft assay.Money) (Wallet, error) {
	if cur.IsZero() {
		return Wallet{}, inputErr("", "wallet.currency", "", "be set")
	}
	lim, err := minor("", "wallet.overdraft", overdraft, cur)
	if err != nil {
		return Wallet{}, err
	}
	if lim < 0 {
		return Wallet{}, inputErr("", "wallet.overdraft", overdraft.String(), "not be negative")
	}
	return Wallet{cur: cur, limit: lim}, nil
}

// Currency returns the wallet's currency.
func (w Wallet) Currency() assay.Currency { return w.cur }

// Balance returns the credit left less the overdraft in use.
func (w Wallet) Balance() assay.Money { return assay.MoneyFromMinor(w.balance(), w.cur) }

func (w Wallet) balance() int64 {
	var b int64
	for _, c := range w.credits {
		b += c.left
	}
	return b - w.overdrawn
}

// Entries returns a copy of the ledger.
func (w Wallet) Entries() []Entry { return slices.Clone(w.entries) }

// clone copies what an operation may change.
func (w Wallet) clone() Wallet {
	w.credits = slices.Clone(w.credits)
	w.entries = slices.Clip(w.entries)
	return w
}

func (w *Wallet) record(at time.Time, kind EntryKind, credit, ref string, amount int64) {
	w.entries = append(w.entries, Entry{Time: at, Kind: kind, Credit: credit, Ref: ref,
		Amount: assay.MoneyFromMinor(amount, w.cur), Balance: assay.MoneyFromMinor(w.balance(), w.cur)})
}

// advance checks the time order of an operation on record (its field holds at) and lapses
// the credits that expired by at.
func (w *Wallet) advance(at time.Time, record, field string) error {
	if at.IsZero() {
		return inputErr(record, field, "", "be set")
	}
	if at.Before(w.last) {
		return orderErr(record, field, at.Format(time.RFC3339), "not be before the wallet's last operation at "+w.last.Format(time.RFC3339))
	}
	w.last = at
	// Lapse in expiry order, so the ledger reads in time order.
	order := make([]int, 0, len(w.credits))
	for i, c := range w.credits {
		if c.left > 0 && !c.Expires.IsZero() && !c.Expires.After(at) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return w.credits[a].Expires.Compare(w.credits[b].Expires) })
	for _, i := range order {
		c := &w.credits[i]
		n := c.left
		c.left = 0
		w.record(c.Expires, Expiry, c.ID, "", -n)
	}
	return nil
}

// Grant adds a credit. A grant first repays any overdraft in use. Errors: *InputError for a
// credit with no ID, a duplicate ID, a non-positive amount, another currency, an expiry not
// after the grant, or a grant dated before the wallet's last operation.
func (w Wallet) Grant(c Credit) (Wallet, error) {
	rec := quoted("credit", c.ID)
	if w.cur.IsZero() {
		return w, inputErr(rec, "wallet", "", "be made by NewWallet")
	}
	if c.ID == "" {
		return w, inputErr("", "credit.id", "", "be set")
	}
	if int(c.Kind) >= len(creditKindNames) {
		return w, inputErr(rec, "kind", c.Kind.String(), "be paid or promotional")
	}
	amt, err := minor(rec, "amount", c.Amount, w.cur)
	if err != nil {
		return w, err
	}
	if amt <= 0 {
		return w, inputErr(rec, "amount", c.Amount.String(), "be positive")
	}
	if !c.Expires.IsZero() && !c.Expires.After(c.Granted) {
		return w, inputErr(rec, "expires", c.Expires.Format(time.RFC3339), "be after the grant")
	}
	for _, d := range w.credits {
		if d.ID == c.ID {
			return w, inputErr(rec, "id", c.ID, "be unique in the wallet")
		}
	}
	next := w.clone()
	if err := next.advance(c.Granted, rec, "granted"); err != nil {
		return w, err
	}
	left := amt
	repay := min(next.overdrawn, left) // the balance includes the overdraft, so it reads right
	next.overdrawn -= repay
	next.credits = append(next.credits, creditLeft{Credit: c, left: left - repay})
	next.record(c.Granted, Grant, c.ID, "", amt)
	return next, nil
}

// drawOrder sorts credits in draw-down order: priority (lower first), promotional before paid,
// earliest expiry first (never-expiring last), earliest grant, then ID — the order of
// OpenMeter's grant burn-down (priority, then expiry) and Stigg's credit consumption logic
// (promotional before paid), made total so that the ledger is deterministic.
func drawOrder(a, b creditLeft) int {
	if c := cmp.Compare(a.Priority, b.Priority); c != 0 {
		return c
	}
	if a.Kind != b.Kind {
		if a.Kind == Promotional {
			return -1
		}
		return 1
	}
	switch {
	case a.Expires.IsZero() != b.Expires.IsZero():
		if a.Expires.IsZero() {
			return 1
		}
		return -1
	case !a.Expires.Equal(b.Expires):
		return a.Expires.Compare(b.Expires)
	case !a.Granted.Equal(b.Granted):
		return a.Granted.Compare(b.Granted)
	}
	return cmp.Compare(a.ID, b.ID)
}

// draw takes up to amt minor units from the credits in draw-down order and returns what it took.
func (w *Wallet) draw(at time.Time, amt int64, ref string) int64 {
	order := make([]int, len(w.credits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return drawOrder(w.credits[a], w.credits[b]) })
	var took int64
	for _, i := range order {
		c := &w.credits[i]
		if took == amt {
			break
		}
		if c.left == 0 || c.Granted.After(at) {
			continue
		}
		n := min(c.left, amt-took)
		c.left -= n
		took += n
		w.record(at, Debit, c.ID, ref, -n)
	}
	return took
}

// Apply draws as much of amount as the credits cover, for ref, and returns the new wallet and
// what was drawn (the rest is invoiced: Lago's and OpenMeter's "credit then invoice"). It
// never uses the overdraft. A zero or negative amount draws nothing.
func (w Wallet) Apply(at time.Time, amount assay.Money, ref string) (Wallet, assay.Money, error) {
	if w.cur.IsZero() {
		return w, assay.MoneyFromMinor(0, amount.Currency()), nil // the zero Wallet covers nothing
	}
	amt, err := w.debitAmount(amount)
	if err != nil {
		return w, assay.Money{}, err
	}
	next := w.clone()
	if err := next.advance(at, quoted("debit", ref), "time"); err != nil {
		return w, assay.Money{}, err
	}
	took := int64(0)
	if amt > 0 {
		took = next.draw(at, amt, ref)
	}
	return next, assay.MoneyFromMinor(took, next.cur), nil
}

// Debit draws all of amount for ref from the credits and then from the overdraft (a credit-only
// customer: usage settled against prepaid credit and blocked when it runs out). Errors:
// *CreditError when credits and overdraft together fall short; the wallet is then unchanged.
func (w Wallet) Debit(at time.Time, amount assay.Money, ref string) (Wallet, error) {
	amt, err := w.debitAmount(amount)
	if err != nil {
		return w, err
	}
	if amt < 0 {
		return w, inputErr(quoted("debit", ref), "amount", amount.String(), "not be negative")
	}
	next := w.clone()
	if err := next.advance(at, quoted("debit", ref), "time"); err != nil {
		return w, err
	}
	var avail int64
	for _, c := range next.credits {
		if !c.Granted.After(at) {
			avail += c.left
		}
	}
	avail += next.limit - next.overdrawn
	if amt > avail {
		return w, &CreditError{Debit: amount, Available: assay.MoneyFromMinor(avail, w.cur)}
	}
	took := next.draw(at, amt, ref)
	if rest := amt - took; rest > 0 {
		next.overdrawn += rest
		next.record(at, Overdraft, "", ref, -rest)
	}
	return next, nil
}

func (w Wallet) debitAmount(amount assay.Money) (int64, error) {
	if w.cur.IsZero() {
		if amount.IsZero() || amount.IsNegative() {
			return 0, nil
		}
		return 0, &CreditError{Debit: amount, Available: assay.MoneyFromMinor(0, amount.Currency())}
	}
	return minor("", "debit.amount", amount, w.cur)
}

// ExpireUntil lapses every credit that expired by at, recording each in the ledger.
func (w Wallet) ExpireUntil(at time.Time) (Wallet, error) {
	next := w.clone()
	if err := next.advance(at, "", "expiry.time"); err != nil {
		return w, err
	}
	return next, nil
}
