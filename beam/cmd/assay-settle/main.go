// Command assay-settle runs the nightly royalty settlement on an Apache Beam runner: it reads
// JSON Lines sales (see assaybeam.Sale), and writes three JSON Lines files — the per-sale
// ledger, the per-party payouts and the rejected records with the reason for each.
//
//	assay-settle -input 'sales/2026-12-06-*.jsonl' -currency CNY -output out/2026-12-06
//
// writes out/2026-12-06-ledger.jsonl, -payouts.jsonl and -rejects.jsonl. A re-run over the
// same input writes the same records (sales are settled once per id). When the rejects file
// is local and not empty, the command exits with status 2 after listing them. The runner is
// chosen by Beam's flags (-runner prism by default; see README.md).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	assaybeam "github.com/dataassay/assay/beam"
)

func main() {
	input := flag.String("input", "", "JSON Lines sales: a file or glob on any Beam filesystem (required)")
	currency := flag.String("currency", "CNY", "settlement currency (ISO 4217)")
	output := flag.String("output", "settlement", "prefix of the three output files")
	flag.Parse()
	beam.Init()
	rejects, err := run(*input, *currency, *output)
	if err != nil {
		fmt.Fprintln(os.Stderr, "assay-settle:", err)
		os.Exit(1)
	}
	if rejects > 0 {
		fmt.Fprintf(os.Stderr, "assay-settle: %d records rejected, see %s-rejects.jsonl\n", rejects, *output)
		os.Exit(2)
	}
}

func run(input, currency, output string) (int, error) {
	if input == "" {
		return 0, fmt.Errorf("-input is required")
	}
	p, s := beam.NewPipelineWithRoot()
	out, err := assaybeam.Settle(s, textio.Read(s, input), assaybeam.SettleConfig{Currency: currency})
	if err != nil {
		return 0, err
	}
	textio.Write(s, output+"-ledger.jsonl", out.Ledger)
	textio.Write(s, output+"-payouts.jsonl", out.Payouts)
	textio.Write(s, output+"-rejects.jsonl", out.Rejects)
	if err := beamx.Run(context.Background(), p); err != nil {
		return 0, err
	}
	f, err := os.Open(output + "-rejects.jsonl")
	if err != nil {
		return 0, nil // not a local path: the runner's filesystem holds the rejects
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); n++ {
		fmt.Fprintln(os.Stderr, sc.Text())
	}
	return n, nil
}
