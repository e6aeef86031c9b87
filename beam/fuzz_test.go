package assaybeam

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
)

// FuzzParseSale: no input panics, and every sale that parses and settles pays out exactly its
// amount.
func FuzzParseSale(f *testing.F) {
	for _, l := range randomSales(4, 5) {
		f.Add([]byte(l))
	}
	f.Add([]byte(`{"id":"S-over","amount":"10.00","currency":"CNY","seller":"op","shares":[{"party":"a","share":"0.6"},{"party":"b","share":"0.5"}]}`))
	f.Add([]byte(`{"id":"x","amount":"1e999999999","currency":"CNY","seller":"op","shares":[{"party":"a","share":"1e-99999"}]}`))
	f.Add([]byte(`{"id":"x","amount":"5","currency":"CNY","seller":"op","shares":[{"party":"op","share":"0.5"}]}`))
	cny := assay.MustCurrency("CNY")
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := settleLine(line, cny)
		if err != nil {
			return
		}
		sum := decimal.Zero
		for _, p := range e.Parties {
			sum = sum.Add(p.Net.Amount())
		}
		if !sum.Equal(e.Sale.Amount()) {
			t.Fatalf("sale %q: net incomes sum to %s, want %s", e.ID, sum.String(), e.Sale.Amount().String())
		}
	})
}

// FuzzParseGame: no game document panics the decoder or the game's first evaluations.
func FuzzParseGame(f *testing.F) {
	f.Add([]byte(`{"kind":"coverage","game":{"covers":[[1,2],[2,3]]}}`))
	f.Add([]byte(`{"kind":"knn","game":{"train":[[0],[1]],"trainLabels":[0,1],"test":[[0.2]],"testLabels":[1],"k":1}}`))
	f.Add([]byte(`{"kind":"table","game":{"values":[0,1,1,3]}}`))
	f.Add([]byte(`{"kind":"voting","game":{"quota":3,"weights":[2,2,1]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGame("fuzz", data)
		if err != nil {
			return
		}
		n := g.Players()
		if n < 1 {
			t.Fatalf("a parsed game has %d players", n)
		}
		all := make([]int, min(n, 1000))
		for i := range all {
			all[i] = i
		}
		g.Value(nil)
		g.Value(all)
	})
}
