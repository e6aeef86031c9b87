package odrl

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Abuse tests: hostile input from issue 21 must finish promptly with a typed error or a
// correct result, in bounded memory. The bounds are generous (a shared machine runs these
// tests, ten times the time under the race detector) but far below the seconds and
// gigabytes the unbounded code took.
const (
	abuseTime   = raceSlowdown * time.Second
	abuseMemory = 64 << 20
)

// bounded runs f and fails the test if it takes longer than abuseTime or allocates more
// than abuseMemory bytes in all.
func bounded(t *testing.T, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if elapsed > abuseTime {
		t.Errorf("took %v, over %v", elapsed, abuseTime)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > abuseMemory {
		t.Errorf("allocated %d MB, over %d MB", alloc>>20, abuseMemory>>20)
	}
}

// TestAbuse_DurationOverflow: P100000DT2400000H19445735M is about 584 years of days, hours
// and minutes, past the 290 years an int64 of nanoseconds holds; it used to wrap around to
// about 26 s, so "at least one minute" denied. It must be an error, in a policy and in a
// state of the world.
func TestAbuse_DurationOverflow(t *testing.T) {
	const huge = "P100000DT2400000H19445735M"
	_, err := ParsePolicy([]byte(`{` + odrlCtx + `"@type": "Set", "uid": "urn:p", "permission": [{"action": "use",
	  "constraint": [{"leftOperand": "elapsedTime", "operator": "gteq", "rightOperand": {"@value": "` + huge + `", "@type": "xsd:duration"}}]}]}`))
	if !errors.Is(err, ErrOperandType) {
		t.Errorf("policy: err = %v, want ErrOperandType", err)
	}
	if _, err := ParseWorld([]byte(`{"operands": {"elapsedTime": "` + huge + `"}}`)); !errors.Is(err, ErrInvalidWorld) {
		t.Errorf("world: err = %v, want ErrInvalidWorld", err)
	}
	// The largest durations that fit still parse, and compare correctly.
	for _, tt := range []struct {
		s  string
		ok bool
	}{
		{"P100000DT140400H", true},    // 100,000 + 5,850 days = 290 × 365 days exactly
		{"P100000DT140400H1S", false}, // one second over
		{"-P100000DT140400H", true},
		{"PT9000000000S", true}, // 9·10⁹ s ≈ 285 years
		{"PT9000000001S", false},
		{"P100000DT2400000H", false},
	} {
		if _, ok := parseDuration(tt.s); ok != tt.ok {
			t.Errorf("parseDuration(%s) ok = %v, want %v", tt.s, ok, tt.ok)
		}
	}
}

// diamond writes a document of 2·layers+1 policies: the root inherits from a1 and b1, and
// ai and bi both inherit from a(i+1) and b(i+1). Each policy has rulesEach permissions.
// Merging each path separately gives 2^layers copies of the deepest rules.
func diamond(layers, rulesEach int) string {
	rules := func(name string) string {
		rs := make([]string, rulesEach)
		for i := range rs {
			rs[i] = fmt.Sprintf(`{"uid": "urn:%s-r%d", "action": "use", "target": "urn:x"}`, name, i)
		}
		return strings.Join(rs, ", ")
	}
	parents := func(i int) string {
		if i > layers {
			return ""
		}
		return fmt.Sprintf(`, "inheritFrom": ["urn:a%d", "urn:b%d"]`, i, i)
	}
	ps := []string{fmt.Sprintf(`{"@type": "Set", "uid": "urn:root"%s, "permission": [%s]}`, parents(1), rules("root"))}
	for i := 1; i <= layers; i++ {
		for _, side := range []string{"a", "b"} {
			name := fmt.Sprintf("%s%d", side, i)
			ps = append(ps, fmt.Sprintf(`{"@type": "Set", "uid": "urn:%s"%s, "permission": [%s]}`, name, parents(i+1), rules(name)))
		}
	}
	return `{` + odrlCtx + `"@graph": [` + strings.Join(ps, ", ") + `]}`
}

// TestAbuse_DiamondInheritance: 37 policies in a diamond used to merge 797,161 rules in
// seconds and a gigabyte. Inheritance 19 deep is now over MaxDepth; within it, each parent
// is merged once (the root holds its own rules and one copy of each ancestor's), and
// MaxRules is checked on the merged result.
func TestAbuse_DiamondInheritance(t *testing.T) {
	bounded(t, func() {
		_, err := ParsePolicy([]byte(diamond(18, 1)))
		var lerr *LimitError
		if !errors.As(err, &lerr) || lerr.Limit != "MaxDepth" {
			t.Fatalf("37 policies 19 deep: err = %v, want a MaxDepth *LimitError", err)
		}
	})
	bounded(t, func() {
		p, err := ParsePolicy([]byte(diamond(15, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Permissions); n != 31 {
			t.Errorf("%d permissions after merging, want 31 (one per policy)", n)
		}
	})
	// The bound is checked on the merged result: 31 policies of 2 rules each are each
	// within MaxRules = 40, merged they hold 62.
	ps := make([]*Policy, 0, 31)
	for i := 1; i <= 15; i++ {
		for _, side := range []string{"a", "b"} {
			var parents []string
			if i < 15 {
				parents = []string{fmt.Sprintf("urn:a%d", i+1), fmt.Sprintf("urn:b%d", i+1)}
			}
			ps = append(ps, &Policy{UID: fmt.Sprintf("urn:%s%d", side, i), Type: Set, InheritFrom: parents,
				Permissions: []Rule{{Kind: Permission, Action: Action{IRI: NS + "use"}}, {Kind: Permission, Action: Action{IRI: NS + "read"}}}})
		}
	}
	root := &Policy{UID: "urn:root", Type: Set, InheritFrom: []string{"urn:a1", "urn:b1"}, Permissions: ps[0].Permissions}
	bounded(t, func() {
		_, err := InheritLimits(Limits{MaxRules: 40}, root, ps...)
		var lerr *LimitError
		if !errors.As(err, &lerr) || lerr.Limit != "MaxRules" {
			t.Fatalf("err = %v, want a MaxRules *LimitError", err)
		}
		p, err := Inherit(root, ps...)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Permissions); n != 62 {
			t.Errorf("%d permissions after merging, want 62", n)
		}
	})
}

// TestAbuse_SelfInheritance: a policy that names itself as parent is a cycle, alone in its
// document or beside others.
func TestAbuse_SelfInheritance(t *testing.T) {
	self := `{"@type": "Set", "uid": "urn:p", "inheritFrom": "urn:p", "permission": [{"action": "use", "target": "urn:x"}]}`
	for _, doc := range []string{
		`{` + odrlCtx + strings.TrimPrefix(self, "{"),
		`{` + odrlCtx + `"@graph": [` + self + `, {"@type": "Set", "uid": "urn:q", "inheritFrom": "urn:p", "permission": [{"action": "use", "target": "urn:x"}]}]}`,
	} {
		if _, err := ParsePolicy([]byte(doc)); !errors.Is(err, ErrInheritanceCycle) {
			t.Errorf("err = %v, want ErrInheritanceCycle", err)
		}
	}
	p := &Policy{UID: "urn:p", Type: Set, InheritFrom: []string{"urn:p"}, Permissions: []Rule{{Kind: Permission, Action: Action{IRI: NS + "use"}}}}
	if _, err := Inherit(p); !errors.Is(err, ErrInheritanceCycle) {
		t.Errorf("Inherit: err = %v, want ErrInheritanceCycle", err)
	}
}

// bigWorld writes a state of the world of about 166 KB: n regions, each partOf three
// others, all reachable from urn:r0.
func bigWorld(n int) string {
	var b strings.Builder
	b.WriteString(`{"partOf": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"urn:r%d": ["urn:r%d", "urn:r%d", "urn:r%d"]`, i, (i+1)%n, (i+7)%n, (2*i+3)%n)
	}
	vals := make([]string, 64)
	for i := range vals {
		vals[i] = fmt.Sprintf(`"urn:r%d"`, i)
	}
	fmt.Fprintf(&b, `}, "operands": {"spatial": [%s]}}`, strings.Join(vals, ", "))
	return b.String()
}

// TestAbuse_BigWorldIsPartOf: a 166 KB world and an isPartOf of 64 values took 17–21 s. Each
// left value's closure is now walked once, not once per right value.
func TestAbuse_BigWorldIsPartOf(t *testing.T) {
	doc := bigWorld(3500)
	if len(doc) < 160_000 {
		t.Fatalf("world of %d bytes, want about 166 KB", len(doc))
	}
	w := mustWorld(t, doc)
	// 63 regions nothing reaches, then one every region reaches: each of the 64 left values
	// walks its whole closure (about 3,500 regions) before it is found part of the last.
	right := make([]string, 64)
	for i := range right {
		right[i] = fmt.Sprintf(`{"@id": "urn:elsewhere%d"}`, i)
	}
	right[63] = `{"@id": "urn:r3499"}`
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [{"action": "use",
	  "constraint": [{"leftOperand": "spatial", "operator": "isPartOf", "rightOperand": [`+strings.Join(right, ", ")+`]}]}]}`)
	q := mustRequest(t, request("urn:alice", "use", "urn:x"))
	bounded(t, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		r, err := EvaluateContext(ctx, p, q, w)
		var lerr *LimitError
		switch {
		case errors.As(err, &lerr), errors.Is(err, context.DeadlineExceeded):
			// stopped by a bound: a typed error
		case err != nil:
			t.Fatal(err)
		case r.Rules[0].Premises[1].Satisfaction != Satisfied:
			t.Errorf("every region is part of urn:r3499: %s (%s)", r.Rules[0].Premises[1].Satisfaction, r.Reason)
		}
	})
}

// TestAbuse_ManyRulesManyRequests: 1,024 rules × a request of 1,024 permissions, each
// within the parse limits, took 1.36 GB. The rule reports are counted before the work and
// refused with a *LimitError naming MaxRuleReports.
func TestAbuse_ManyRulesManyRequests(t *testing.T) {
	rules := make([]string, 1024)
	asks := make([]string, 1024)
	for i := range rules {
		rules[i] = fmt.Sprintf(`{"action": "use", "target": "urn:x%d"}`, i)
		asks[i] = fmt.Sprintf(`{"action": "use", "target": "urn:x%d"}`, i)
	}
	p := mustPolicy(t, `{`+odrlCtx+`"@type": "Set", "uid": "urn:p", "permission": [`+strings.Join(rules, ", ")+`]}`)
	q := mustRequest(t, `{`+odrlCtx+`"@type": "Request", "uid": "urn:q", "permission": [`+strings.Join(asks, ", ")+`]}`)
	bounded(t, func() {
		_, err := Evaluate(p, q, nil)
		var lerr *LimitError
		if !errors.As(err, &lerr) || lerr.Limit != "MaxRuleReports" || lerr.Value != 1024*1024 {
			t.Fatalf("err = %v, want a MaxRuleReports *LimitError for 1,048,576 reports", err)
		}
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%v does not match ErrTooLarge", err)
		}
	})
	// Within a raised limit the same evaluation runs, and a request rule is granted by its
	// own permission.
	small := mustRequest(t, `{`+odrlCtx+`"@type": "Request", "uid": "urn:q", "permission": [`+strings.Join(asks[:16], ", ")+`]}`)
	r, err := Evaluator{Limits: Limits{MaxRuleReports: 1 << 20}}.Evaluate(p, small, nil)
	if err != nil || r.Decision != Permit {
		t.Fatalf("16 requests: %v, %v", r, err)
	}
}

// TestAbuse_Steps: MaxSteps stops an evaluation whose work cannot be counted in advance,
// and a done context stops it too.
func TestAbuse_Steps(t *testing.T) {
	p := mustPolicy(t, orOfAnds(262))
	q := mustRequest(t, request("urn:alice", "read", "http://example.org/asset3"))
	w := mustWorld(t, benchWorld)
	_, err := Evaluator{Limits: Limits{MaxSteps: 100}}.Evaluate(p, q, w)
	var lerr *LimitError
	if !errors.As(err, &lerr) || lerr.Limit != "MaxSteps" {
		t.Errorf("err = %v, want a MaxSteps *LimitError", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := EvaluateContext(ctx, p, q, w); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
	// A provider that cancels mid-evaluation: the next context check (within 1,024 steps)
	// stops the work; the policy of 1,000 windows takes 3,000 steps.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	e := Evaluator{Operands: map[string]OperandFunc{DateTime: func(context.Context, *Rule) (Value, error) {
		cancel()
		return Literal("2026-11-27T09:00:00Z", XSDDateTime)
	}}}
	if _, err := e.EvaluateContext(ctx, mustPolicy(t, orOfAnds(1000)), q, w); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled mid-way: err = %v, want context.Canceled", err)
	}
}

// TestAbuse_PremiseReports: premise reports are counted before the work.
func TestAbuse_PremiseReports(t *testing.T) {
	p := mustPolicy(t, orOfAnds(262))
	q := mustRequest(t, request("urn:alice", "read", "http://example.org/asset3"))
	_, err := Evaluator{Limits: Limits{MaxPremiseReports: 700}}.Evaluate(p, q, nil)
	var lerr *LimitError
	if !errors.As(err, &lerr) || lerr.Limit != "MaxPremiseReports" || lerr.Value != 790 {
		t.Errorf("err = %v, want a MaxPremiseReports *LimitError for 790 reports", err)
	}
}

// TestAbuse_ParseLimits: every parse bound is data, and its breach names the limit.
func TestAbuse_ParseLimits(t *testing.T) {
	doc := []byte(benchPolicy(10, 5))
	for _, tt := range []struct {
		lim  Limits
		name string
	}{
		{Limits{MaxInputBytes: 100}, "MaxInputBytes"},
		{Limits{MaxRules: 5}, "MaxRules"},
		{Limits{MaxConstraints: 20}, "MaxConstraints"},
		{Limits{MaxListLength: 1}, "MaxListLength"},
	} {
		_, err := ParseOptions{Limits: tt.lim}.ParsePolicy(doc)
		var lerr *LimitError
		if !errors.As(err, &lerr) || lerr.Limit != tt.name {
			t.Errorf("%+v: err = %v, want a %s *LimitError", tt.lim, err, tt.name)
		}
	}
	if _, err := (ParseOptions{Limits: Limits{MaxWorldEntries: 1}}).ParseWorld([]byte(benchWorld)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("world: err = %v, want ErrTooLarge", err)
	}
}

// TestAbuse_WideInheritance: a child of 500 parents that all inherit from the same 20
// grandparents (10,000 inheritFrom links in one document) merges each grandparent once.
func TestAbuse_WideInheritance(t *testing.T) {
	var ps []string
	grand := make([]string, 20)
	for i := range grand {
		grand[i] = fmt.Sprintf(`"urn:g%d"`, i)
		ps = append(ps, fmt.Sprintf(`{"@type": "Set", "uid": "urn:g%d", "permission": [{"action": "use", "target": "urn:g%d"}]}`, i, i))
	}
	parents := make([]string, 500)
	for i := range parents {
		parents[i] = fmt.Sprintf(`"urn:p%d"`, i)
		ps = append(ps, fmt.Sprintf(`{"@type": "Set", "uid": "urn:p%d", "inheritFrom": [%s]}`, i, strings.Join(grand, ", ")))
	}
	ps = append(ps, fmt.Sprintf(`{"@type": "Set", "uid": "urn:child", "inheritFrom": [%s], "permission": [{"action": "read", "target": "urn:x"}]}`, strings.Join(parents, ", ")))
	doc := `{` + odrlCtx + `"@graph": [` + strings.Join(ps, ", ") + `]}`
	bounded(t, func() {
		p, err := ParsePolicy([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Permissions); n != 21 {
			t.Errorf("%d permissions, want 21 (the child's and one per grandparent)", n)
		}
	})
}
