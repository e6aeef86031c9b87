package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const data = "../../examples/data/"

// samples runs every subcommand on its shipped sample input; tables are the names of the
// tables each writes, in order.
var samples = []struct {
	name   string
	args   []string
	tables []string
}{
	{"value", []string{"value", "-in", data + "value.json"}, []string{"conclusion", "quality", "income", "market", "monte-carlo", "tornado", "trail"}},
	{"schedule", []string{"schedule", "-in", data + "schedule.json"}, []string{"schedules", "thresholds"}},
	{"quote", []string{"quote", "-in", data + "quote.json"}, []string{"lines", "payouts"}},
	{"arbitrage", []string{"arbitrage", "-in", data + "menu.json"}, []string{"violations", "repaired"}},
	{"verify", []string{"verify", "-in", data + "chain.jsonl", "-query", data + "query.json"}, []string{"decision"}},
	{"odrl", []string{"odrl", "-in", data + "odrl.json"}, []string{"decision", "requests", "premises"}},
	{"split", []string{"split", "-in", data + "split.json"}, []string{"shares"}},
	{"split", []string{"split", "-in", data + "split.csv", "-total", "1280000.00 CNY"}, []string{"shares"}},
	{"shapley", []string{"shapley", "-in", data + "shapley.json"}, []string{"values", "payouts"}},
	{"shapley", []string{"shapley", "-in", data + "shapley-voting.json"}, []string{"values", "payouts"}},
	{"inequality", []string{"inequality", "-in", data + "incomes.json"}, []string{"measures", "lorenz"}},
	{"inequality", []string{"inequality", "-in", data + "contributors.csv"}, []string{"measures", "lorenz"}},
	{"redistribute", []string{"redistribute", "-in", data + "redistribute.json"}, []string{"inequality", "flows", "groups", "people"}},
	{"redistribute", []string{"redistribute", "-in", data + "redistribute.json", "-contributors", data + "contributors.csv"}, []string{"inequality", "flows", "groups", "people"}},
}

// assay runs the command in-process and returns its exit status, stdout and stderr.
func runAssay(t testing.TB, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdin, &out, &errb)
	return code, out.String(), errb.String()
}

func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(filepath.Join("schema", name))
	if err != nil {
		t.Fatalf("schema %s: %v", name, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, what string, doc []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match its schema: %v", what, err)
	}
}

// TestSchemas checks every sample input, and each schema's own example, against the input
// schema, and the real JSON output of every sample against the output schema.
func TestSchemas(t *testing.T) {
	for _, sm := range samples {
		t.Run(sm.name, func(t *testing.T) {
			in := compile(t, sm.name+".input.json")
			file := sm.args[2]
			doc, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case sm.name == "verify":
				for i, line := range bytes.Split(bytes.TrimSpace(doc), []byte("\n")) {
					validate(t, in, file+" line "+strconv.Itoa(i+1), line)
				}
				q, err := os.ReadFile(data + "query.json")
				if err != nil {
					t.Fatal(err)
				}
				validate(t, compile(t, "verify.query.json"), "query.json", q)
			case strings.HasSuffix(file, ".csv"):
			default:
				validate(t, in, file, doc)
			}
			raw, err := os.ReadFile(filepath.Join("schema", sm.name+".input.json"))
			if err != nil {
				t.Fatal(err)
			}
			var meta struct{ Examples []json.RawMessage }
			if err := json.Unmarshal(raw, &meta); err != nil || len(meta.Examples) == 0 {
				t.Fatalf("schema %s.input.json has no example for assay help: %v", sm.name, err)
			}
			validate(t, in, "the schema's example", meta.Examples[0])

			code, out, stderr := runAssay(t, nil, append(sm.args, "-format", "json")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			validate(t, compile(t, sm.name+".output.json"), "output of "+strings.Join(sm.args, " "), []byte(out))
		})
	}
}

// TestCSV loads every table of every sample's output with encoding/csv: a header row, every
// row as wide as the header, amounts in plain numbers with a currency column beside them.
func TestCSV(t *testing.T) {
	for _, sm := range samples {
		code, _, stderr := runAssay(t, nil, append(sm.args, "-format", "csv")...)
		if len(sm.tables) > 1 {
			if code != 2 || !strings.Contains(stderr, strings.Join(sm.tables, ", ")) {
				t.Errorf("%v -format csv: exit %d, %q; want 2 listing %v", sm.args, code, stderr, sm.tables)
			}
		} else if code != 0 {
			t.Errorf("%v -format csv: exit %d: %s", sm.args, code, stderr)
		}
		for _, table := range sm.tables {
			for _, bom := range []bool{false, true} {
				args := append(sm.args, "-format", "csv", "-table", table)
				if bom {
					args = append(args, "-bom")
				}
				code, out, stderr := runAssay(t, nil, args...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, stderr)
				}
				if got := strings.HasPrefix(out, "\uFEFF"); got != bom {
					t.Errorf("%v: byte-order mark %v, want %v", args, got, bom)
				}
				records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
				if err != nil {
					t.Fatalf("%v: not RFC 4180 CSV with equal column counts: %v", args, err)
				}
				if len(records) < 2 {
					t.Errorf("%v: %d records, want a header and rows", args, len(records))
					continue
				}
				header := records[0]
				for j, h := range header {
					cur, ok := strings.CutSuffix(h, " currency")
					if !ok || j == 0 || header[j-1] != cur {
						continue
					}
					for i, r := range records[1:] {
						if r[j] == "" && r[j-1] == "" {
							continue
						}
						if _, err := strconv.ParseFloat(r[j-1], 64); err != nil || len(r[j]) != 3 {
							t.Errorf("%v row %d: amount %q currency %q, want a plain number and an ISO code", args, i+1, r[j-1], r[j])
						}
					}
				}
			}
		}
	}
}

// TestBadInput runs the command on bad inputs across the subcommands: none may exit 0,
// each says what is wrong in one line of stderr and writes nothing to stdout.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(name string) string {
		b, err := os.ReadFile(data + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	edits := 0
	// edit returns the sample with one replacement, failing if the text is not there.
	edit := func(name, old, repl string) string {
		s := read(name)
		if !strings.Contains(s, old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		edits++
		return write("edit"+strconv.Itoa(edits)+"-"+name, strings.Replace(s, old, repl, 1))
	}
	empty := write("empty.json", "")
	malformed := write("malformed.json", `{"total": {"amount": "1.00", "currency": "CNY"`)
	chain := data + "chain.jsonl"
	query := data + "query.json"
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int    // 1 bad input, 2 usage
		want  string // in stderr
	}{
		{"no subcommand", nil, "", 2, "usage"},
		{"unknown subcommand", []string{"valuate"}, "", 2, "unknown subcommand"},
		{"unknown flag", []string{"split", "-bogus"}, "", 2, "-bogus"},
		{"stray argument", []string{"split", "-in", data + "split.json", "extra"}, "", 2, "extra"},
		{"unknown format", []string{"split", "-in", data + "split.json", "-format", "xml"}, "", 2, "xml"},
		{"unknown table", []string{"split", "-in", data + "split.json", "-format", "csv", "-table", "nope"}, "", 2, "nope"},
		{"bad chart extension", []string{"value", "-in", data + "value.json", "-chart", filepath.Join(dir, "out.jpg")}, "", 1, ".svg or .png"},
		{"missing file", []string{"value", "-in", filepath.Join(dir, "missing.json")}, "", 1, "no such file"},
		{"directory", []string{"value", "-in", dir}, "", 1, "directory"},
		{"empty file", []string{"split", "-in", empty}, "", 1, "empty"},
		{"empty stdin", []string{"split"}, "", 1, "empty"},
		{"malformed JSON", []string{"split", "-in", malformed}, "", 1, "ends in the middle"},
		{"trailing data", []string{"split"}, read("split.json") + "{}", 1, "trailing"},
		{"unknown field", []string{"split", "-in", edit("split.json", `"parties"`, `"partys"`)}, "", 1, "unknown field"},
		{"wrong type", []string{"split", "-in", edit("split.json", `"weight": "3"`, `"weight": true`)}, "", 1, "parties[0].weight: "},
		{"not a decimal", []string{"redistribute", "-in", edit("redistribute.json", `"retain": "0.05"`, `"retain": "five percent"`)}, "", 1, "levyDividend.retain: "},
		{"not an amount", []string{"quote", "-in", edit("quote.json", `"amount": "8.00"`, `"amount": "eight"`)}, "", 1, "plan"},
		{"wrong type of a field", []string{"split", "-in", edit("split.json", `"name": "Navigation app"`, `"name": 42`)}, "", 1, "parties.name: want a string"},
		{"negative weight", []string{"split", "-in", edit("split.json", `"weight": "3"`, `"weight": "-3"`)}, "", 1, "parties[0].weight = -3"},
		{"all weights zero", []string{"split"}, `{"total":{"amount":"1.00","currency":"CNY"},"parties":[{"name":"a","weight":"0"}]}`, 1, "positive"},
		{"unknown currency", []string{"split", "-in", edit("split.json", `"currency": "CNY"`, `"currency": "XYZ"`)}, "", 1, "XYZ"},
		{"no total", []string{"split"}, `{"parties":[{"name":"a","weight":"1"}]}`, 1, "total"},
		{"CSV without -total", []string{"split", "-in", data + "split.csv"}, "", 2, "-total"},
		{"CSV bad weight", []string{"split", "-in", write("w.csv", "name,weight\na,x\n"), "-total", "1.00 CNY"}, "", 1, "row 1, column weight"},
		{"CSV ragged", []string{"split", "-in", write("r.csv", "name,weight\na,1,2\n"), "-total", "1.00 CNY"}, "", 1, "CSV"},
		{"CSV no column", []string{"split", "-in", write("c.csv", "name,share\na,1\n"), "-total", "1.00 CNY"}, "", 1, `"weight"`},
		{"value: trials absurd", []string{"value", "-in", edit("value.json", `"trials": 20000`, `"trials": 1000000000000`)}, "", 1, "trials"},
		{"value: negative cost", []string{"value", "-in", edit("value.json", `"amount": "500000"`, `"amount": "-500000"`)}, "", 1, "cost"},
		{"value: weights", []string{"value", "-in", edit("value.json", `"cost": 0.2`, `"cost": 0.9`)}, "", 1, "weight"},
		{"value: no asset id", []string{"value", "-in", edit("value.json", `"id": "GZ-BDC-2024-0017"`, `"id": ""`)}, "", 1, "asset"},
		{"schedule: negative life", []string{"schedule", "-in", edit("schedule.json", `"lifeYears": 5`, `"lifeYears": -5`)}, "", 1, "life"},
		{"schedule: max years -5", []string{"schedule", "-in", edit("schedule.json", `"maxYears": 10`, `"maxYears": -5`)}, "", 1, "policy.maxYears = -5"},
		{"schedule: threshold 2", []string{"schedule", "-in", edit("schedule.json", `"0.5"`, `"2"`)}, "", 1, "thresholds[0]"},
		{"schedule: salvage above cost", []string{"schedule", "-in", edit("schedule.json", `"600000.00"`, `"60000000.00"`)}, "", 1, "salvage"},
		{"quote: unknown plan kind", []string{"quote", "-in", edit("quote.json", `"graduated"`, `"auction"`)}, "", 1, "kind"},
		{"quote: negative units", []string{"quote", "-in", edit("quote.json", `"units": 1200000`, `"units": -1`)}, "", 1, "units"},
		{"quote: fee rate above 1", []string{"quote", "-in", edit("quote.json", `"rate": "0.005"`, `"rate": "5"`)}, "", 1, "rate"},
		{"quote: no plan", []string{"quote"}, `{"usage":{"units":1}}`, 1, "plan"},
		{"quote: currency without rate", []string{"quote", "-in", edit("quote.json", `"usage"`, `"currency": "HKD", "usage"`)}, "", 1, "HKD"},
		{"arbitrage: empty menu", []string{"arbitrage"}, `{"menu":[]}`, 1, "menu"},
		{"arbitrage: unknown item", []string{"arbitrage", "-in", edit("menu.json", `[["raw 5-minute feed"]]}`, `[["raw feed"]]}`)}, "", 1, "raw feed"},
		{"verify: no query", []string{"verify", "-in", chain}, "", 2, "-query"},
		{"verify: not JSON lines", []string{"verify", "-in", write("c.jsonl", "register GZ\n"), "-query", query}, "", 1, "line 1"},
		{"verify: tampered chain", []string{"verify", "-in", write("t.jsonl", strings.Replace(read("chain.jsonl"), `"CN-GD"`, `"CN-GX"`, 1)), "-query", query}, "", 1, "chain"},
		{"verify: query without time", []string{"verify", "-in", chain, "-query", write("q.json", `{"party":"00","action":"read","region":"CN-GD","asset":"GZ"}`)}, "", 1, "party"},
		{"odrl: missing world", []string{"odrl"}, `{"policy":{},"request":{}}`, 1, "world"},
		{"odrl: behaviour", []string{"odrl", "-in", edit("odrl.json", `"closed"`, `"lenient"`)}, "", 1, "behaviour"},
		{"odrl: remote context", []string{"odrl", "-in", edit("odrl.json", `"http://www.w3.org/ns/odrl.jsonld"`, `"https://evil.example/ctx.jsonld"`)}, "", 1, "policy"},
		{"shapley: unknown kind", []string{"shapley", "-in", edit("shapley.json", `"coverage"`, `"glove"`)}, "", 1, "game.kind"},
		{"shapley: coverage above 1", []string{"shapley", "-in", edit("shapley.json", `0.7,`, `1.7,`)}, "", 1, "game.coverage[0][0] = 1.7"},
		{"shapley: too many players", []string{"shapley"}, `{"players":[` + strings.Repeat(`"p",`, 30) + `"p"],"game":{"kind":"additive","worths":[1]}}`, 1, "players"},
		{"shapley: players mismatch", []string{"shapley"}, `{"players":["a","b"],"game":{"kind":"additive","worths":[1]}}`, 1, "player"},
		{"shapley: permutations absurd", []string{"shapley", "-in", edit("shapley.json", `"maxPermutations": 5000`, `"maxPermutations": 99999999999`)}, "", 1, "maxPermutations"},
		{"shapley: method", []string{"shapley", "-in", edit("shapley.json", `"both"`, `"guess"`)}, "", 1, "method"},
		{"shapley: negative revenue", []string{"shapley", "-in", edit("shapley.json", `"1280000.00"`, `"-1280000.00"`)}, "", 1, "revenue"},
		{"inequality: negative income", []string{"inequality"}, `{"incomes":[1,-2,3]}`, 1, "incomes[1] = -2"},
		{"inequality: weights length", []string{"inequality"}, `{"incomes":[1,2,3],"weights":[1]}`, 1, "weights"},
		{"inequality: no incomes", []string{"inequality"}, `{"incomes":[]}`, 1, "incomes"},
		{"inequality: CSV text income", []string{"inequality", "-in", write("i.csv", "income\n12\nlots\n")}, "", 1, "row 2, column income"},
		{"redistribute: no currency", []string{"redistribute", "-in", edit("redistribute.json", `"currency": "CNY",`, ``)}, "", 1, "currency"},
		{"redistribute: negative income", []string{"redistribute", "-in", edit("redistribute.json", `"8200.00"`, `"-8200.00"`)}, "", 1, "contributors[0].income = -8200"},
		{"redistribute: fractional fen", []string{"redistribute", "-in", edit("redistribute.json", `"8200.00"`, `"8200.001"`)}, "", 1, "minor units"},
		{"redistribute: retain above 1", []string{"redistribute", "-in", edit("redistribute.json", `"0.05"`, `"1.5"`)}, "", 1, "retain"},
		{"redistribute: share negative", []string{"redistribute", "-in", edit("redistribute.json", `"share": "0.10"`, `"share": "-0.10"`)}, "", 1, "share"},
		{"redistribute: rate above 1", []string{"redistribute", "-in", edit("redistribute.json", `"rate": "0.45"`, `"rate": "4.5"`)}, "", 1, "rate"},
		{"redistribute: CSV missing column", []string{"redistribute", "-in", data + "redistribute.json", "-contributors", write("p.csv", "id,income\n1,5\n")}, "", 1, `"group"`},
		{"help: unknown topic", []string{"help", "valuate"}, "", 2, "valuate"},
	}
	if len(tests) < 40 {
		t.Fatalf("%d bad inputs; the issue asks for at least 40", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runAssay(t, strings.NewReader(tt.stdin), tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if out != "" {
				t.Errorf("wrote to stdout: %.200s", out)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.want)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("stderr is not one line: %q", stderr)
			}
		})
	}
}

// TestChartExtensionCreatesNothing checks that a wrong chart name fails before any work and
// leaves no file behind, and that a PNG with Chinese names fails clearly without a file
// while the SVG keeps them.
func TestChartExtensionCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "chart.gif")
	if code, _, _ := runAssay(t, nil, "schedule", "-in", data+"schedule.json", "-chart", bad); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("%s exists after a refused extension", bad)
	}
	cjk := `{"players":["广州市大数据中心","公交集团"],"game":{"kind":"additive","worths":[2,1]}}`
	png := filepath.Join(dir, "cjk.png")
	code, _, stderr := runAssay(t, strings.NewReader(cjk), "shapley", "-chart", png)
	if code != 1 || !strings.Contains(stderr, "svg") {
		t.Errorf("PNG with CJK names: exit %d, %q; want 1 suggesting .svg", code, stderr)
	}
	if _, err := os.Stat(png); !os.IsNotExist(err) {
		t.Errorf("%s exists after a refused chart", png)
	}
	svg := filepath.Join(dir, "cjk.svg")
	if code, _, stderr := runAssay(t, strings.NewReader(cjk), "shapley", "-chart", svg); code != 0 {
		t.Fatalf("SVG with CJK names: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(svg)
	if err != nil || !bytes.Contains(b, []byte("广州市大数据中心")) {
		t.Errorf("SVG lost the Chinese name (err %v)", err)
	}
}

// TestCharts draws every chart of the samples in both formats.
func TestCharts(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, in string }{
		{"value", "value.json"}, {"schedule", "schedule.json"}, {"shapley", "shapley.json"}, {"redistribute", "redistribute.json"},
	} {
		for _, ext := range []string{".svg", ".png"} {
			file := filepath.Join(dir, c.name+ext)
			if code, _, stderr := runAssay(t, nil, c.name, "-in", data+c.in, "-chart", file, "-format", "json"); code != 0 {
				t.Fatalf("%s %s: exit %d: %s", c.name, ext, code, stderr)
			}
			if st, err := os.Stat(file); err != nil || st.Size() < 1000 {
				t.Errorf("%s: chart missing or tiny (%v)", file, err)
			}
		}
	}
}

// TestHelp checks that every subcommand has a help topic with its schema and example.
func TestHelp(t *testing.T) {
	for _, n := range names() {
		code, out, stderr := runAssay(t, nil, "help", n)
		if code != 0 || !strings.Contains(out, "Example input:") || !strings.Contains(out, "Input schema") || !strings.Contains(out, "assay "+n) {
			t.Errorf("help %s: exit %d, stderr %q, output without schema example", n, code, stderr)
		}
	}
	code, out, _ := runAssay(t, nil, "help")
	if code != 0 || !strings.Contains(out, "redistribute") {
		t.Errorf("help: exit %d", code)
	}
}

// TestSplitConserves checks the documented property of split's output: the shares sum to
// the total exactly, here for a total of one fen over three equal weights (hand: 0.01 = 0.01
// + 0 + 0 by largest remainder, ties to the first).
func TestSplitConserves(t *testing.T) {
	code, out, stderr := runAssay(t, strings.NewReader(`{"total":{"amount":"0.01","currency":"CNY"},"parties":[{"name":"a","weight":"1"},{"name":"b","weight":"1"},{"name":"c","weight":"1"}]}`),
		"split", "-format", "csv")
	if code != 0 {
		t.Fatal(stderr)
	}
	want := "party,weight,amount,amount currency\na,1,0.01,CNY\nb,1,0.00,CNY\nc,1,0.00,CNY\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
