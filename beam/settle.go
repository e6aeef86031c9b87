package assaybeam

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jsonin"
)

// maxSaleBytes bounds one JSON Lines record: 1 MiB, room for an inline royalty chain.
const maxSaleBytes = 1 << 20

// Sale is one record of the settlement input, a line of JSON:
//
//	{"id":"S-1","amount":"100.00","currency":"CNY","seller":"operator",
//	 "shares":[{"party":"city","share":"0.05"},{"party":"processor","share":"0.2"}]}
//
// Amount is a decimal string in whole minor units of Currency (a JSON number is refused: it
// may already have been rounded by a float64 somewhere upstream). What the seller owes is
// either Shares — fractions of the sale, as decimal strings, owed directly to each party,
// summing to at most 1 — or Chain, the royalty structure of the verified rights path of the
// product (distribution.RoyaltyChain, as rightsroyalty.Chain builds it), in
// which royalties cascade upstream. The seller keeps the rest. A plain value.
type Sale struct {
	ID       string                     `json:"id"`
	Amount   string                     `json:"amount"`
	Currency string                     `json:"currency"`
	Seller   string                     `json:"seller"`
	Shares   []OwedShare                `json:"shares,omitempty"`
	Chain    *distribution.RoyaltyChain `json:"chain,omitempty"`
}

// OwedShare is a fraction of a sale owed to a party.
type OwedShare struct {
	Party string `json:"party"`
	Share string `json:"share"`
}

// LedgerEntry is one line of the per-sale ledger: the sale's id and the royalty settlement
// of distribution.RoyaltyChain.Distribute — every payment up the chain and every party's net
// income, whose amounts sum exactly to the sale.
type LedgerEntry struct {
	ID string `json:"id"`
	distribution.RoyaltyResult
}

// Payout is one line of the per-party payouts: the sum of a party's net income over all the
// settled sales, as a decimal string in whole minor units.
type Payout struct {
	Party    string `json:"party"`
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// Reject is one line of the rejected records: the record (its sale id, or the start of its
// text when it has none) and why it was refused.
type Reject struct {
	Record string `json:"record"`
	Error  string `json:"error"`
}

// RecordError reports a sale that cannot be settled: a line that does not parse, owed shares
// above 100 %, a currency other than the settlement's, an id that appears with different
// contents, or a royalty chain that distribution refuses. Record is the sale id, or the
// start of the line when it has none. It wraps ErrInvalidInput (and, for a currency mix,
// assay.ErrCurrencyMismatch) and the underlying error.
type RecordError struct {
	Record string
	Reason string
	Err    error // the underlying error, or nil
}

func (e *RecordError) Error() string {
	msg := fmt.Sprintf("assaybeam: sale %q: %s", errs.Clip(e.Record, 80), e.Reason)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns ErrInvalidInput and the underlying error.
func (e *RecordError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidInput}
	}
	return []error{ErrInvalidInput, e.Err}
}

// ParseSale decodes one JSON Lines record and checks it against the settlement currency:
// strict JSON (unknown fields, trailing data and numbers for amounts are refused; at most
// 1 MiB), a non-empty id and seller, an amount in whole minor units, the settlement's
// currency, shares or a chain but not both, shares in [0, 1] summing to at most 1. Errors
// are *RecordError.
func ParseSale(line []byte, currency assay.Currency) (Sale, assay.Money, distribution.RoyaltyChain, error) {
	var s Sale
	if err := jsonin.Decode(line, &s, maxSaleBytes); err != nil {
		return Sale{}, assay.Money{}, distribution.RoyaltyChain{}, &RecordError{Record: recordName(s.ID, line), Reason: "does not parse", Err: err}
	}
	fail := func(reason string, err error) (Sale, assay.Money, distribution.RoyaltyChain, error) {
		return Sale{}, assay.Money{}, distribution.RoyaltyChain{}, &RecordError{Record: recordName(s.ID, line), Reason: reason, Err: err}
	}
	switch {
	case s.ID == "":
		return fail("has no id", nil)
	case s.Seller == "":
		return fail("has no seller", nil)
	case s.Chain != nil && s.Shares != nil:
		return fail("has both shares and a chain", nil)
	}
	c, err := assay.ParseCurrency(s.Currency)
	if err != nil {
		return fail("has an unknown currency", err)
	}
	if c != currency {
		return fail(fmt.Sprintf("is in %s, the settlement in %s", c.Code(), currency.Code()),
			&assay.MismatchError{Op: "settle", A: currency, B: c})
	}
	amount, err := assay.NewMoney(s.Amount, s.Currency)
	if err != nil {
		return fail("has an invalid amount", err)
	}
	if s.Chain != nil {
		return s, amount, *s.Chain, nil
	}
	chain := distribution.RoyaltyChain{Parties: []distribution.RoyaltyParty{{Name: s.Seller}}}
	total := decimal.Zero
	for i, sh := range s.Shares {
		if len(sh.Share) > 40 {
			return fail(fmt.Sprintf("shares[%d] has more than 40 characters", i), nil)
		}
		d, err := decimal.NewFromString(sh.Share)
		if err != nil || d.Sign() < 0 || d.GreaterThan(decimal.NewFromInt(1)) {
			return fail(fmt.Sprintf("shares[%d] of %q must be a decimal string in [0, 1], got %q", i, errs.Clip(sh.Party, 40), errs.Clip(sh.Share, 40)), err)
		}
		total = total.Add(d)
		chain.Parties[0].Owes = append(chain.Parties[0].Owes, distribution.RoyaltyTerm{Upstream: sh.Party, RevenueShare: d})
		chain.Parties = append(chain.Parties, distribution.RoyaltyParty{Name: sh.Party})
	}
	if total.GreaterThan(decimal.NewFromInt(1)) {
		return fail(fmt.Sprintf("owes shares summing to %s, more than 100 %%", total.String()), nil)
	}
	return s, amount, chain, nil
}

// recordName names a record in errors: its id, or the start of its text.
func recordName(id string, line []byte) string {
	if id != "" {
		return id
	}
	return errs.Clip(string(bytes.TrimSpace(line)), 60)
}

// settleLine settles one parsed record.
func settleLine(line []byte, currency assay.Currency) (LedgerEntry, error) {
	s, amount, chain, err := ParseSale(line, currency)
	if err != nil {
		return LedgerEntry{}, err
	}
	res, err := chain.Distribute(amount, s.Seller)
	if err != nil {
		return LedgerEntry{}, &RecordError{Record: s.ID, Reason: "cannot be settled", Err: err}
	}
	return LedgerEntry{ID: s.ID, RoyaltyResult: res}, nil
}

// SettleConfig configures Settle.
type SettleConfig struct {
	// Currency is the settlement currency (ISO 4217); every sale must be in it. Required.
	Currency string
}

// Settlement holds the outputs of Settle: PCollections of JSON lines.
type Settlement struct {
	Ledger  beam.PCollection // one LedgerEntry per distinct sale id
	Payouts beam.PCollection // one Payout per party
	Rejects beam.PCollection // one Reject per refused record; nothing is dropped silently
}

// Settle adds the nightly royalty settlement to the pipeline of s: lines is a
// PCollection<string> of JSON Lines sales (see Sale). Each sale is settled up its royalty
// chain by distribution.RoyaltyChain.Distribute — exact decimal money end to end, each
// sale's net incomes summing to its amount — and the net incomes are summed per party in
// decimal, so the payouts equal, to the minor unit, the single-process sum of Distribute over
// the same sales. Records are grouped by sale id first: a sale that appears several times
// with the same text counts once (a re-run, or a retried upload, pays nothing twice); the
// same id with different contents is refused. The outputs do not depend on the order of
// the input, its split into files, the number of workers or the runner.
//
// An unknown Currency is an error before anything is added to the pipeline.
func Settle(s beam.Scope, lines beam.PCollection, cfg SettleConfig) (Settlement, error) {
	c, err := assay.ParseCurrency(cfg.Currency)
	if err != nil {
		return Settlement{}, fmt.Errorf("assaybeam: settlement currency: %w", err)
	}
	s = s.Scope("Settle")
	keyed, badLines := beam.ParDo2(s, keyBySaleID, lines)
	grouped := beam.GroupByKey(s, keyed)
	ledger, owed, refused := beam.ParDo3(s, &settleFn{Currency: c.Code()}, grouped)
	totals := beam.CombinePerKey(s, &sumFn{Digits: int32(c.Digits())}, owed)
	payouts := beam.ParDo(s, &payoutFn{Currency: c.Code()}, totals)
	return Settlement{Ledger: ledger, Payouts: payouts, Rejects: beam.Flatten(s, badLines, refused)}, nil
}

// keyBySaleID keys each line by its "id" field; a line without one is rejected here.
func keyBySaleID(line string, emit func(string, string), reject func(string)) {
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(line), &head); err != nil || head.ID == "" {
		if err == nil {
			err = errors.New("has no id")
		}
		reject(rejectLine(&RecordError{Record: recordName("", []byte(line)), Reason: "does not parse or has no id", Err: err}))
		return
	}
	emit(head.ID, line)
}

func rejectLine(err error) string {
	var re *RecordError
	r := Reject{Error: err.Error()}
	if errors.As(err, &re) {
		r.Record = re.Record
	}
	b, _ := json.Marshal(r) // strings only: cannot fail
	return string(b)
}

// settleFn settles the records of one sale id.
type settleFn struct {
	Currency string
}

// ProcessElement emits the ledger line and the (party, net) pairs of the sale, or a reject.
func (f *settleFn) ProcessElement(id string, records func(*string) bool, ledger func(string), owed func(string, string), reject func(string)) error {
	c, err := assay.ParseCurrency(f.Currency)
	if err != nil {
		return err
	}
	var first, rec string
	n := 0
	for records(&rec) {
		if n == 0 {
			first = rec
		} else if strings.TrimSpace(rec) != strings.TrimSpace(first) {
			reject(rejectLine(&RecordError{Record: id, Reason: "appears with different contents; settle it once, under one id"}))
			for records(&rec) {
			}
			return nil
		}
		n++
	}
	e, err := settleLine([]byte(first), c)
	if err != nil {
		reject(rejectLine(err))
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	ledger(string(b))
	for _, p := range e.Parties {
		owed(p.Party, p.Net.Amount().StringFixed(int32(c.Digits())))
	}
	return nil
}

// sumFn adds decimal strings exactly; all are whole minor units of a currency with Digits.
type sumFn struct {
	Digits int32
}

// MergeAccumulators returns a + b.
func (f *sumFn) MergeAccumulators(a, b string) (string, error) {
	x, err := decimal.NewFromString(a)
	if err != nil {
		return "", err
	}
	y, err := decimal.NewFromString(b)
	if err != nil {
		return "", err
	}
	return x.Add(y).StringFixed(f.Digits), nil
}

// payoutFn writes a party's total as a Payout line.
type payoutFn struct {
	Currency string
}

// ProcessElement formats one payout.
func (f *payoutFn) ProcessElement(party, amount string) (string, error) {
	b, err := json.Marshal(Payout{Party: party, Amount: amount, Currency: f.Currency})
	return string(b), err
}

func init() {
	register.Function3x0(keyBySaleID)
	register.DoFn5x1[string, func(*string) bool, func(string), func(string, string), func(string), error](&settleFn{})
	register.DoFn2x2[string, string, string, error](&payoutFn{})
	register.Combiner1[string](&sumFn{})
	register.Emitter1[string]()
	register.Emitter2[string, string]()
	register.Iter1[string]()
}
