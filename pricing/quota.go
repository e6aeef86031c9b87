package pricing

import (
	"encoding/json"

	"github.com/dataassay/assay"
)

// Quota is a prepaid allowance of units per period at a fixed price, Dawex's "per quota" API
// plans ("6-month subscription, €6,000 for up to 100 requests per hour", Dawex help
// centre, "API pricing models"). A quote for up to Units units is the price; a request beyond the allowance is
// refused with a *QuotaError wrapping ErrQuotaExceeded, never billed.
//
// A Quota is immutable after NewQuota and safe for concurrent use.
type Quota struct {
	price units
	units int64
	desc  string
}

type quotaJSON struct {
	Kind  string      `json:"kind"`
	Units int64       `json:"units"`
	Price assay.Money `json:"price"`
}

// NewQuota returns an allowance of n units (n ≥ 1) per period for price.
func NewQuota(n int64, price assay.Money) (Quota, error) {
	p, err := wholeUnits("price", price, assay.Currency{})
	if err != nil {
		return Quota{}, err
	}
	if n < 1 {
		return Quota{}, inputErr("units", itoa(n), "be positive")
	}
	return Quota{price: p, units: n, desc: "quota of " + group(n) + " units per period"}, nil
}

// Kind returns "quota".
func (q Quota) Kind() string { return "quota" }

// Currency returns the price's currency.
func (q Quota) Currency() assay.Currency { return q.price.m.Currency() }

// Units returns the allowance per period.
func (q Quota) Units() int64 { return q.units }

func (q Quota) charge(u Usage, dst []line) ([]line, error) {
	if q.units == 0 {
		return dst, inputErr("plan", "zero Quota", "be built by NewQuota")
	}
	if u.Units < 0 {
		return dst, inputErr("usage.units", itoa(u.Units), "not be negative")
	}
	if u.Units > q.units {
		return dst, &QuotaError{Requested: u.Units, Available: q.units}
	}
	return append(dst, line{kind: LineCharge, desc: q.desc, qty: 1, unit: q.price.m, amount: q.price.minor}), nil
}

// MarshalJSON writes {"kind":"quota","units":100,"price":{…}}.
func (q Quota) MarshalJSON() ([]byte, error) {
	return json.Marshal(quotaJSON{Kind: q.Kind(), Units: q.units, Price: q.price.m})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewQuota does.
func (q *Quota) UnmarshalJSON(b []byte) error {
	var w quotaJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	if err := checkKind(w.Kind, q.Kind()); err != nil {
		return err
	}
	v, err := NewQuota(w.Units, w.Price)
	if err == nil {
		*q = v
	}
	return err
}

// Pack is a prepaid pack of units, Dawex's "per volume" API plans ("1000 requests for 1000€,
// 10 000 requests for 9000€", Dawex help centre, "API pricing models"). A quote for n units buys ⌈n/Units⌉
// packs; the units bought are drawn down with a Balance. CheckPacks checks that a set of pack
// offers admits no volume arbitrage.
//
// A Pack is immutable after NewPack and safe for concurrent use.
type Pack struct {
	price units
	units int64
	desc  string
}

type packJSON struct {
	Kind  string      `json:"kind"`
	Units int64       `json:"units"`
	Price assay.Money `json:"price"`
}

// NewPack returns a pack of n units (n ≥ 1) for price.
func NewPack(n int64, price assay.Money) (Pack, error) {
	p, err := wholeUnits("price", price, assay.Currency{})
	if err != nil {
		return Pack{}, err
	}
	if n < 1 {
		return Pack{}, inputErr("units", itoa(n), "be positive")
	}
	return Pack{price: p, units: n, desc: "pack of " + group(n) + " units"}, nil
}

// Kind returns "pack".
func (p Pack) Kind() string { return "pack" }

// Currency returns the price's currency.
func (p Pack) Currency() assay.Currency { return p.price.m.Currency() }

// Units returns the units in one pack.
func (p Pack) Units() int64 { return p.units }

// Price returns the price of one pack.
func (p Pack) Price() assay.Money { return p.price.m }

func (p Pack) charge(u Usage, dst []line) ([]line, error) {
	if p.units == 0 {
		return dst, inputErr("plan", "zero Pack", "be built by NewPack")
	}
	if u.Units < 0 {
		return dst, inputErr("usage.units", itoa(u.Units), "not be negative")
	}
	n := u.Units / p.units
	if u.Units%p.units != 0 {
		n++
	}
	if n == 0 {
		return dst, nil
	}
	amount, ok := mulDiv(n, p.price.minor, 1, assay.HalfEven)
	if !ok {
		return dst, overflowErr(p.desc)
	}
	return append(dst, line{kind: LineCharge, desc: p.desc, qty: n, unit: p.price.m, amount: amount}), nil
}

// MarshalJSON writes {"kind":"pack","units":1000,"price":{…}}.
func (p Pack) MarshalJSON() ([]byte, error) {
	return json.Marshal(packJSON{Kind: p.Kind(), Units: p.units, Price: p.price.m})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewPack does.
func (p *Pack) UnmarshalJSON(b []byte) error {
	var w packJSON
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	if err := checkKind(w.Kind, p.Kind()); err != nil {
		return err
	}
	v, err := NewPack(w.Units, w.Price)
	if err == nil {
		*p = v
	}
	return err
}

// Balance is a prepaid balance of units (Dawex's "per unit" API plans: calls are blocked when
// the units run out). It is an immutable value; the zero Balance is empty.
type Balance struct {
	Units int64 `json:"units"`
}

// Draw returns the balance after using n units (n ≥ 0). A request beyond the balance is
// refused whole with a *QuotaError wrapping ErrQuotaExceeded, and the balance is unchanged.
func (b Balance) Draw(n int64) (Balance, error) {
	if n < 0 {
		return b, inputErr("units", itoa(n), "not be negative")
	}
	if n > b.Units {
		return b, &QuotaError{Requested: n, Available: b.Units}
	}
	return Balance{Units: b.Units - n}, nil
}

// TopUp returns the balance after buying count packs of p (count ≥ 0).
func (b Balance) TopUp(p Pack, count int64) (Balance, error) {
	if count < 0 {
		return b, inputErr("count", itoa(count), "not be negative")
	}
	added, ok := mulDiv(p.units, count, 1, assay.HalfEven)
	if !ok {
		return b, overflowErr("balance")
	}
	total, ok := add(b.Units, added)
	if !ok {
		return b, overflowErr("balance")
	}
	return Balance{Units: total}, nil
}
