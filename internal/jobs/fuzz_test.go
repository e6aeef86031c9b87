package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dataassay/assay"
)

// FuzzDecode feeds any bytes to every decoder of the command's inputs: none may panic, and
// every failure must match assay.ErrInvalidInput or be one of the library's typed errors
// wrapped with the field — never a silent success with an unusable input. The seed corpus is
// the shipped sample inputs.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("../../examples/data/*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 8<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"players":["a","b"],"game":{"kind":"coverage","items":[{"name":"x","weight":1}],"coverage":[[0.5],[2]]}}`))
	f.Add([]byte("income\n1\n-2\n"))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		if in, err := DecodeSplit(data); err == nil {
			if _, err := Split(in); err != nil && !errors.Is(err, assay.ErrInvalidInput) {
				t.Errorf("Split of a decoded input: %v", err)
			}
		}
		if in, err := DecodeInequality(data); err == nil {
			if _, err := Inequality(in); err != nil {
				t.Errorf("Inequality of a decoded input: %v", err)
			}
		}
		if in, err := DecodeInequalityCSV(data); err == nil {
			if _, err := Inequality(in); err != nil {
				t.Errorf("Inequality of a decoded CSV input: %v", err)
			}
		}
		_, _ = DecodeSplitCSV(data, assay.MustMoney("100", "CNY"))
		_, _ = DecodeContributorsCSV(data)
		if in, err := DecodeShapley(data); err == nil && in.game.Players() <= 12 && in.Method == "exact" {
			if _, err := Shapley(ctx, in); err != nil && !errors.Is(err, assay.ErrInvalidInput) {
				t.Logf("Shapley: %v", err) // the library's own typed errors are allowed
			}
		}
		_, _ = DecodeSchedule(data)
		_, _ = DecodeQuote(data)
		_, _ = DecodeArbitrage(data)
		_, _ = DecodeChainLines(data)
		_, _ = DecodeQuery(data)
		_, _ = DecodeRedistribute(data, nil)
	})
}
