package assaybeam

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
)

// randomSales returns n JSON Lines sales in CNY over a few parties, half with owed shares and
// half with a two-level royalty chain, amounts from 0.01 to 99 999.99.
func randomSales(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 18))
	parties := []string{"city-data-centre", "processor", "platform", "district-7", "riders-coop"}
	lines := make([]string, n)
	for i := range lines {
		amount := fmt.Sprintf("%d.%02d", rng.IntN(100000), 1+rng.IntN(99))
		seller := fmt.Sprintf("operator-%d", rng.IntN(3))
		var owe string
		if i%2 == 0 {
			a, b := rng.IntN(5), rng.IntN(5)
			if a == b {
				b = (b + 1) % 5
			}
			owe = fmt.Sprintf(`"shares":[{"party":%q,"share":"0.%03d"},{"party":%q,"share":"0.%03d"}]`, parties[a], rng.IntN(500), parties[b], rng.IntN(500))
		} else {
			owe = fmt.Sprintf(`"chain":{"parties":[{"name":%q,"owes":[{"upstream":"processor","revenueShare":"0.%02d"}]},`+
				`{"name":"processor","owes":[{"upstream":"city-data-centre","revenueShare":"0.3"},{"upstream":"district-7","revenueShare":"0.125"}]},`+
				`{"name":"city-data-centre"},{"name":"district-7"}]}`, seller, 1+rng.IntN(40))
		}
		lines[i] = fmt.Sprintf(`{"id":"S-%06d","amount":%q,"currency":"CNY","seller":%q,%s}`, i, amount, seller, owe)
	}
	return lines
}

// settleSingleProcess is the reference: distribution.RoyaltyChain.Distribute on each
// distinct sale in one process, and the per-party sums, computed without the pipeline's code
// paths for grouping and combining.
func settleSingleProcess(t *testing.T, lines []string) (ledger, payouts []string) {
	t.Helper()
	cny := assay.MustCurrency("CNY")
	seen := map[string]bool{}
	totals := map[string]decimal.Decimal{}
	for _, l := range lines {
		s, amount, chain, err := ParseSale([]byte(l), cny)
		if err != nil {
			t.Fatal(err)
		}
		if seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		res, err := chain.Distribute(amount, s.Seller)
		if err != nil {
			t.Fatal(err)
		}
		sum := decimal.Zero
		for _, p := range res.Parties {
			totals[p.Party] = totals[p.Party].Add(p.Net.Amount())
			sum = sum.Add(p.Net.Amount())
		}
		if !sum.Equal(amount.Amount()) {
			t.Fatalf("sale %s: payouts sum to %s, want %s", s.ID, sum.StringFixed(2), amount.Amount().StringFixed(2))
		}
		b, err := json.Marshal(LedgerEntry{ID: s.ID, RoyaltyResult: res})
		if err != nil {
			t.Fatal(err)
		}
		ledger = append(ledger, string(b))
	}
	for party, amt := range totals {
		b, _ := json.Marshal(Payout{Party: party, Amount: amt.StringFixed(2), Currency: "CNY"})
		payouts = append(payouts, string(b))
	}
	return ledger, payouts
}

func toAny(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// TestSettle_EqualsSingleProcessToTheFen settles the same sales — once as they are, once
// shuffled with every tenth sale repeated (a re-run of part of the night) — on both runners,
// and expects the same ledger and payouts as the single-process settlement, and no rejects.
func TestSettle_EqualsSingleProcessToTheFen(t *testing.T) {
	lines := randomSales(400, 1)
	wantLedger, wantPayouts := settleSingleProcess(t, lines)
	rerun := slices.Clone(lines)
	for i := 0; i < len(lines); i += 10 {
		rerun = append(rerun, lines[i])
	}
	rand.New(rand.NewPCG(2, 2)).Shuffle(len(rerun), func(i, j int) { rerun[i], rerun[j] = rerun[j], rerun[i] })
	for _, input := range [][]string{lines, rerun} {
		for _, runner := range runners {
			t.Run(fmt.Sprintf("%d lines/%s", len(input), runner), func(t *testing.T) {
				p, s := beam.NewPipelineWithRoot()
				out, err := Settle(s, beam.CreateList(s, input), SettleConfig{Currency: "CNY"})
				if err != nil {
					t.Fatal(err)
				}
				passert.Equals(s, out.Ledger, toAny(wantLedger)...)
				passert.Equals(s, out.Payouts, toAny(wantPayouts)...)
				passert.Empty(s, out.Rejects)
				runOn(t, runner, p)
			})
		}
	}
}

// rejectedRecord returns the record a reject names, after checking that its message names it.
func rejectedRecord(line string) (string, error) {
	var r Reject
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		return "", err
	}
	if !strings.HasPrefix(r.Error, "assaybeam: sale ") {
		return "", fmt.Errorf("reject %s does not name its record", line)
	}
	return r.Record, nil
}

func init() { register.Function1x2(rejectedRecord) }

// TestSettle_RejectsBadRecordsByName checks that every bad record is refused with an error
// naming it, and that the good records are still settled: nothing is dropped silently.
func TestSettle_RejectsBadRecordsByName(t *testing.T) {
	good := randomSales(3, 3)
	bad := []string{
		`{"id":"S-over","amount":"10.00","currency":"CNY","seller":"op","shares":[{"party":"a","share":"0.6"},{"party":"b","share":"0.5"}]}`,
		`{"id":"S-hkd","amount":"10.00","currency":"HKD","seller":"op","shares":[]}`,
		`{"id":"S-float","amount":10.5,"currency":"CNY","seller":"op"}`,
		`{"id":"S-cent","amount":"10.005","currency":"CNY","seller":"op"}`,
		`{"amount":"1.00","currency":"CNY","seller":"op"}`,
		`not json at all`,
		`{"id":"S-dup","amount":"1.00","currency":"CNY","seller":"op"}`,
		`{"id":"S-dup","amount":"2.00","currency":"CNY","seller":"op"}`,
		`{"id":"S-chain","amount":"1.00","currency":"CNY","seller":"op","chain":{"parties":[{"name":"op","owes":[{"upstream":"x","revenueShare":"0.7"},{"upstream":"y","revenueShare":"0.7"}]},{"name":"x"},{"name":"y"}]}}`,
	}
	wantRecords := []string{"S-over", "S-hkd", "S-float", "S-cent", `{"amount":"1.00","currency":"CNY","seller":"op"}`, "not json at all", "S-dup", "S-chain"}
	wantLedger, _ := settleSingleProcess(t, good)

	p, s := beam.NewPipelineWithRoot()
	out, err := Settle(s, beam.CreateList(s, append(slices.Clone(good), bad...)), SettleConfig{Currency: "CNY"})
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, out.Ledger, toAny(wantLedger)...)
	records := beam.ParDo(s, rejectedRecord, out.Rejects)
	passert.Equals(s, records, toAny(wantRecords)...)
	runOn(t, "prism", p)

	// The typed errors behind the rejects.
	cny := assay.MustCurrency("CNY")
	for _, tc := range []struct {
		line   string
		record string
		is     error
	}{
		{bad[0], "S-over", ErrInvalidInput},
		{bad[1], "S-hkd", assay.ErrCurrencyMismatch},
		{bad[2], "S-float", assay.ErrInvalidInput},
	} {
		_, _, _, err := ParseSale([]byte(tc.line), cny)
		var re *RecordError
		if !errors.As(err, &re) || re.Record != tc.record || !errors.Is(err, tc.is) {
			t.Errorf("ParseSale(%s) = %v, want a *RecordError naming %s that matches %v", tc.line, err, tc.record, tc.is)
		}
	}
	if _, err := Settle(s, beam.CreateList(s, good), SettleConfig{Currency: "XXX"}); err == nil {
		t.Error("Settle with an unknown currency: got nil error")
	}
}

func TestSettle_LedgerSumsToEachSale(t *testing.T) {
	cny := assay.MustCurrency("CNY")
	for _, l := range randomSales(200, 4) {
		e, err := settleLine([]byte(l), cny)
		if err != nil {
			t.Fatal(err)
		}
		sum := decimal.Zero
		for _, p := range e.Parties {
			sum = sum.Add(p.Net.Amount())
		}
		if !sum.Equal(e.Sale.Amount()) {
			t.Errorf("sale %s: net incomes sum to %s, want %s", e.ID, sum.StringFixed(2), e.Sale.Amount().StringFixed(2))
		}
	}
}
