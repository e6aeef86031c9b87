package distribution

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
	"github.com/shopspring/decimal"
)

// TierKind says how a waterfall tier computes what it pays. The zero value is TierFixed. A
// small value, safe for concurrent use.
//
// JSON: "fixed", "percent-of-remaining", "percent-of-gross", "catch-up", "residual".
type TierKind uint8

// The tier kinds.
const (
	// TierFixed pays Amount, or what remains if that is less.
	TierFixed TierKind = iota
	// TierPercentOfRemaining pays Rate × what remains after the tiers before it.
	TierPercentOfRemaining
	// TierPercentOfGross pays Rate × the whole income (or what remains, if less).
	TierPercentOfGross
	// TierCatchUp pays its recipients everything that flows through it until they hold Rate
	// of all that the waterfall has paid so far, this tier included (a "full catch-up"):
	// x = (Rate·P − R)/(1 − Rate), where P is what earlier tiers paid to anyone and R what
	// they paid to this tier's recipients, rounded down to the minor unit so the target is
	// never overshot. Rate must be below 1.
	TierCatchUp
	// TierResidual pays everything that remains.
	TierResidual
)

var tierKindNames = [...]string{
	TierFixed:              "fixed",
	TierPercentOfRemaining: "percent-of-remaining",
	TierPercentOfGross:     "percent-of-gross",
	TierCatchUp:            "catch-up",
	TierResidual:           "residual",
}

// String returns the kind's JSON name.
func (k TierKind) String() string {
	if int(k) < len(tierKindNames) {
		return tierKindNames[k]
	}
	return fmt.Sprintf("TierKind(%d)", uint8(k))
}

// MarshalText encodes the kind by name; an undefined kind is an error.
func (k TierKind) MarshalText() ([]byte, error) {
	if int(k) >= len(tierKindNames) {
		return nil, &InputError{Field: "tier kind", Value: k.String(), Reason: "be a defined kind"}
	}
	return []byte(tierKindNames[k]), nil
}

// UnmarshalText decodes a kind by name; the empty text is TierFixed.
func (k *TierKind) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*k = TierFixed
		return nil
	}
	for i, name := range tierKindNames {
		if string(text) == name {
			*k = TierKind(i)
			return nil
		}
	}
	return &InputError{Field: "tier kind", Value: errs.Clip(string(text), 64),
		Reason: "be one of fixed, percent-of-remaining, percent-of-gross, catch-up, residual"}
}

// Recipient is a named payee of a tier and its weight in the tier's split. A plain value,
// safe for concurrent use.
//
// JSON: {"name":"contributor-7","weight":"0.25"}.
type Recipient struct {
	Name string `json:"name"`
	// Weight is the recipient's share of the tier, relative to the other recipients'
	// (any non-negative decimal: percentages, records contributed, Shapley values clipped at
	// zero). If every recipient of a tier has weight zero, they share equally.
	Weight decimal.Decimal `json:"weight,omitzero"`
}

// Tier is one step of a Waterfall: how much it takes from what remains of the income, and
// who receives it. The tier's amount is split among its recipients by Allocate (largest
// remainder, exact to the minor unit). A plain value: safe for concurrent use as long as
// nobody modifies Recipients.
//
// JSON: {"name":"exchange fee","kind":"percent-of-gross","rate":"0.03","floor":{…},
// "recipients":[{"name":"SZDEX"}]}.
type Tier struct {
	Name string   `json:"name"`
	Kind TierKind `json:"kind"`
	// Amount is what a TierFixed tier pays, a whole number of minor units.
	Amount assay.Money `json:"amount,omitzero"`
	// Rate is in [0, 1]: the percentage of a percent tier, the target share of a catch-up.
	Rate decimal.Decimal `json:"rate,omitzero"`
	// Floor is the least the tier pays, if that much remains (a minimum fee); zero: none.
	Floor assay.Money `json:"floor,omitzero"`
	// Cap is the most the tier pays; zero: no cap.
	Cap        assay.Money `json:"cap,omitzero"`
	Recipients []Recipient `json:"recipients"`
}

// Waterfall is an ordered list of tiers through which an income flows: each tier takes its
// amount from what the tiers before it left, until the income is exhausted. A typical data
// deal: exchange fee → intermediary commission → tax → royalties up the rights chain → the
// remainder to the data contributors by weight or by Shapley value.
//
// The zero Waterfall has no tiers and leaves the whole income as remainder. A Waterfall is
// a plain value: safe for concurrent use as long as nobody modifies it.
//
// JSON: {"tiers":[…],"rounding":"half-even"}.
//
// Source: the distribution waterfall of private-equity partnership agreements and the
// priority of payments of securitisations (fees, return of capital, preferred return,
// catch-up, carried interest, residual), as described in the ILPA Principles 3.0 (2019);
// applied here to data deals.
type Waterfall struct {
	Tiers []Tier `json:"tiers"`
	// Rounding rounds percentages to the minor unit; the zero value is HalfEven. Catch-ups
	// always round down.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// LedgerEntry is one payment of a waterfall: which tier paid which recipient how much. A
// plain value.
type LedgerEntry struct {
	Tier      string      `json:"tier"`
	Recipient string      `json:"recipient"`
	Amount    assay.Money `json:"amount"`
}

// Payee is a recipient's total over all tiers. A plain value.
type Payee struct {
	Name   string      `json:"name"`
	Amount assay.Money `json:"amount"`
}

// WaterfallResult is what a waterfall paid: the ledger (one entry per tier and recipient,
// in order, zero amounts included), each tier's total, each recipient's total over all
// tiers in order of first appearance, and the remainder that no tier took. The ledger plus
// the remainder sums exactly to the income, and so do the totals plus the remainder. Its
// slices are its own; safe for concurrent reads.
type WaterfallResult struct {
	Income     assay.Money   `json:"income"`
	Ledger     []LedgerEntry `json:"ledger"`
	TierTotals []assay.Money `json:"tierTotals"`
	Payees     []Payee       `json:"payees"`
	Remainder  assay.Money   `json:"remainder"`
}

// Limits on the size of a waterfall, so that untrusted JSON cannot demand unbounded work.
const (
	maxTiers      = 1_000
	maxRecipients = 1_000_000
	maxJSONBytes  = 16 << 20
)

// ParseWaterfall decodes a Waterfall from JSON, bounding the input to 16 MiB, the tiers to
// 1,000 and the recipients of a tier to 1,000,000, and validates it (Validate).
func ParseWaterfall(data []byte) (Waterfall, error) {
	var w Waterfall
	if err := decodeJSON("waterfall", data, &w, maxJSONBytes); err != nil {
		return Waterfall{}, err
	}
	return w, w.Validate()
}

// Validate reports the first problem of w: too many tiers or recipients, an undefined kind,
// a rate outside [0, 1] (or a catch-up rate of 1), a negative or inexact amount, a tier
// without recipients, a recipient without a name or with a negative weight. It does not
// know the income's currency; Apply checks that.
func (w Waterfall) Validate() error {
	if len(w.Tiers) > maxTiers {
		return &InputError{Field: "tiers", Value: fmt.Sprintf("%d tiers", len(w.Tiers)), Reason: "number at most 1000"}
	}
	if !w.Rounding.Valid() {
		return &InputError{Field: "rounding", Value: w.Rounding.String(), Reason: "be a defined rounding mode"}
	}
	for i, t := range w.Tiers {
		field := fmt.Sprintf("tiers[%d]", i)
		if int(t.Kind) >= len(tierKindNames) {
			return &InputError{Field: field + ".kind", Value: t.Kind.String(), Reason: "be a defined kind"}
		}
		if err := checkUnitRate(field+".rate", t.Rate); err != nil {
			return err
		}
		if t.Kind == TierCatchUp && t.Rate.Equal(decimal.NewFromInt(1)) {
			return &InputError{Field: field + ".rate", Value: "1", Reason: "be below 1 for a catch-up"}
		}
		for _, m := range t.limits() {
			if m.amount.IsNegative() {
				return &InputError{Field: field + "." + m.name, Value: m.amount.String(), Reason: "not be negative"}
			}
			if !m.amount.IsZero() && !m.amount.IsRounded() {
				return &InexactError{Field: field + "." + m.name, Amount: m.amount}
			}
		}
		if len(t.Recipients) == 0 || len(t.Recipients) > maxRecipients {
			return &InputError{Field: field + ".recipients", Value: fmt.Sprintf("%d recipients", len(t.Recipients)), Reason: "number between 1 and 1000000"}
		}
		for j, r := range t.Recipients {
			if r.Name == "" {
				return &InputError{Field: fmt.Sprintf("%s.recipients[%d].name", field, j), Value: `""`, Reason: "not be empty"}
			}
			if e := r.Weight.Exponent(); r.Weight.IsNegative() || (!r.Weight.IsZero() && (e > maxWeightExponent || e < -maxWeightExponent)) {
				return &InputError{Field: fmt.Sprintf("%s.recipients[%d].weight", field, j), Value: errs.Clip(r.Weight.String(), 64), Reason: "be non-negative with a decimal exponent within ±1000"}
			}
		}
	}
	return nil
}

// checkUnitRate requires 0 ≤ r ≤ 1 with a bounded exponent.
func checkUnitRate(field string, r decimal.Decimal) error {
	if r.Exponent() < -maxWeightExponent || r.Exponent() > maxWeightExponent || r.IsNegative() || r.GreaterThan(decimal.NewFromInt(1)) {
		return &InputError{Field: field, Value: errs.Clip(r.String(), 64), Reason: "be between 0 and 1"}
	}
	return nil
}

// Apply runs income (a whole number of minor units, not negative) through the tiers in
// order and returns the ledger. Tier amounts and limits must be in income's currency.
//
// Errors: those of Validate; a negative or inexact income (*InputError, *InexactError); an
// amount in another currency (*assay.MismatchError).
func (w Waterfall) Apply(income assay.Money) (WaterfallResult, error) {
	if err := w.Validate(); err != nil {
		return WaterfallResult{}, err
	}
	cur := income.Currency()
	if _, err := nonNegativeUnits("income", income, cur); err != nil {
		return WaterfallResult{}, err
	}
	digits := int32(cur.Digits())
	zero := assay.MoneyOf(decimal.Zero, cur)
	res := WaterfallResult{Income: income, TierTotals: make([]assay.Money, len(w.Tiers))}
	remaining := income.Amount()
	paid := decimal.Zero               // by all tiers so far
	paidTo := map[string]assay.Money{} // by recipient
	payee := map[string]int{}          // index in res.Payees
	for i, t := range w.Tiers {
		field := fmt.Sprintf("tiers[%d]", i)
		for _, m := range t.limits() {
			if !m.amount.IsZero() && m.amount.Currency() != cur {
				return WaterfallResult{}, &assay.MismatchError{Op: field + "." + m.name, A: cur, B: m.amount.Currency()}
			}
		}
		var amount decimal.Decimal
		switch t.Kind {
		case TierFixed:
			amount = t.Amount.Amount()
		case TierPercentOfRemaining:
			amount = assay.RoundDecimal(remaining.Mul(t.Rate), digits, w.Rounding)
		case TierPercentOfGross:
			amount = assay.RoundDecimal(income.Amount().Mul(t.Rate), digits, w.Rounding)
		case TierCatchUp:
			already := decimal.Zero
			for _, r := range uniqueRecipients(t.Recipients) {
				already = already.Add(paidTo[r].Amount())
			}
			// x = (s·P − R)/(1 − s), rounded down: exact division through QuoRem.
			num := t.Rate.Mul(paid).Sub(already)
			if num.Sign() > 0 {
				amount, _ = num.QuoRem(decimal.NewFromInt(1).Sub(t.Rate), digits)
			} else {
				amount = decimal.Zero
			}
		case TierResidual:
			amount = remaining
		}
		if !t.Floor.IsZero() && amount.LessThan(t.Floor.Amount()) {
			amount = t.Floor.Amount()
		}
		if !t.Cap.IsZero() && amount.GreaterThan(t.Cap.Amount()) {
			amount = t.Cap.Amount()
		}
		amount = decimal.Min(amount, remaining)
		weights := make([]decimal.Decimal, len(t.Recipients))
		equal := true
		for j, r := range t.Recipients {
			weights[j] = r.Weight
			equal = equal && r.Weight.IsZero()
		}
		if equal {
			for j := range weights {
				weights[j] = decimal.NewFromInt(1)
			}
		}
		parts, err := Allocate(assay.MoneyOf(amount, cur), weights)
		if err != nil {
			return WaterfallResult{}, err // not reached: Validate has checked the weights
		}
		res.TierTotals[i] = assay.MoneyOf(amount, cur)
		for j, r := range t.Recipients {
			res.Ledger = append(res.Ledger, LedgerEntry{Tier: t.Name, Recipient: r.Name, Amount: parts[j]})
			paidTo[r.Name], _ = paidTo[r.Name].Add(parts[j]) // one currency: cannot fail
			k, ok := payee[r.Name]
			if !ok {
				k = len(res.Payees)
				payee[r.Name] = k
				res.Payees = append(res.Payees, Payee{Name: r.Name, Amount: zero})
			}
			res.Payees[k].Amount, _ = res.Payees[k].Amount.Add(parts[j]) // one currency: cannot fail
		}
		remaining = remaining.Sub(amount)
		paid = paid.Add(amount)
	}
	res.Remainder = assay.MoneyOf(remaining, cur)
	return res, nil
}

// namedAmount is a tier's money field with its JSON name, for validation messages.
type namedAmount struct {
	name   string
	amount assay.Money
}

func (t Tier) limits() [3]namedAmount {
	return [3]namedAmount{{"amount", t.Amount}, {"floor", t.Floor}, {"cap", t.Cap}}
}

// uniqueRecipients returns the recipients' names without repeats.
func uniqueRecipients(rs []Recipient) []string {
	seen := make(map[string]bool, len(rs))
	var names []string
	for _, r := range rs {
		if !seen[r.Name] {
			seen[r.Name] = true
			names = append(names, r.Name)
		}
	}
	return names
}
