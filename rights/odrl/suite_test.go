package odrl

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFORCESuite runs the FORCE ODRL test suite (SolidLabResearch/ODRL-Test-Suite) when
// ODRL_FORCE_SUITE names its data/documentation directory: each testcase-*.md holds the
// policy, the request, the state of the world and the expected compliance report, as Turtle
// blocks in that order. Each case goes through the pinned entry points (ParsePolicy,
// ParseRequest, ParseWorld, Evaluate, MarshalJSONLD); the rule reports of the written
// report (rule, activation and attempt states) are compared with the expected report's.
// The suite is not copied into this repository; without the variable the test is skipped.
func TestFORCESuite(t *testing.T) {
	dir := os.Getenv("ODRL_FORCE_SUITE")
	if dir == "" {
		t.Skip("set ODRL_FORCE_SUITE to the suite's data/documentation directory")
	}
	files, err := filepath.Glob(filepath.Join(dir, "testcase-*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases in %s (%v)", dir, err)
	}
	block := regexp.MustCompile("(?s)```ttl\n(.*?)```")
	agree := 0
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parts := block.FindAllSubmatch(doc, -1)
		if len(parts) != 4 {
			t.Errorf("%s: %d Turtle blocks, want 4", filepath.Base(f), len(parts))
			continue
		}
		got, err := suiteCase(parts[0][1], parts[1][1], parts[2][1])
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		want, err := expectedRuleStates(parts[3][1])
		if err != nil {
			t.Errorf("%s: expected report: %v", filepath.Base(f), err)
			continue
		}
		if strings.Join(got, "; ") != strings.Join(want, "; ") {
			t.Errorf("%s:\n got  %s\n want %s", filepath.Base(f), got, want)
			continue
		}
		agree++
	}
	t.Logf("%d of %d cases agree on every rule report's rule, attempt and activation state", agree, len(files))
}

// suiteCase evaluates one case and returns its rule states as expectedRuleStates does.
func suiteCase(policy, request, world []byte) ([]string, error) {
	p, err := ParsePolicy(policy)
	if err != nil {
		return nil, err
	}
	q, err := ParseRequest(request)
	if err != nil {
		return nil, err
	}
	w, err := ParseWorld(world)
	if err != nil {
		return nil, err
	}
	r, err := Evaluate(p, q, w)
	if err != nil {
		return nil, err
	}
	out, err := r.MarshalRDF(Turtle)
	if err != nil {
		return nil, err
	}
	return expectedRuleStates(out)
}

// expectedRuleStates lists "rule attemptState activationState" for each rule report of a
// FORCE report in Turtle, sorted.
func expectedRuleStates(report []byte) ([]string, error) {
	ds, err := parseTurtle(string(report), 1<<20, 64)
	if err != nil {
		return nil, err
	}
	props := map[string]map[string]string{}
	var rules []string
	for _, q := range ds.GetQuads("@default") {
		s, p, o := q.Subject.GetValue(), q.Predicate.GetValue(), q.Object.GetValue()
		if props[s] == nil {
			props[s] = map[string]string{}
		}
		props[s][p] = strings.TrimPrefix(o, ReportNS)
		if p == ReportNS+"ruleReport" {
			rules = append(rules, o)
		}
	}
	var out []string
	for _, rr := range rules {
		m := props[rr]
		out = append(out, m[ReportNS+"rule"]+" "+m[ReportNS+"attemptState"]+" "+m[ReportNS+"activationState"])
	}
	slices.Sort(out)
	return out, nil
}
