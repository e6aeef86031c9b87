package odrl

import (
	"fmt"
)

// Limits bounds the work that untrusted policies, requests and states of the world can ask
// for. Each field's zero value means the default named beside it, which is safe for
// untrusted input: a parse or an evaluation within the defaults takes well under 100 ms and
// 64 MB. A negative field is treated as zero. Every bound is checked before the work it
// bounds; a breach fails with a *LimitError wrapping ErrTooLarge that names the limit, the
// value asked for and the bound.
//
// A Limits is a plain value, safe to share.
type Limits struct {
	MaxInputBytes  int // bytes of a policy or request document; 0: MaxInputBytes (1 MiB)
	MaxRules       int // atomic rules of a policy after splitting and inheritance, duties included; 0: MaxRules (1,024)
	MaxConstraints int // constraints and refinements of a document, logical ones included; 0: MaxConstraints (4,096)
	MaxListLength  int // values of one right operand, members of one partOf list; 0: MaxListLength (1,024)
	MaxDepth       int // nesting of logical constraints, of duties, and of inheritance; 0: MaxDepth (16)

	MaxWorldBytes   int // bytes of a state of the world; 0: MaxWorldBytes (4 MiB)
	MaxWorldEntries int // keys of partOf, duties and operands together; 0: MaxWorldEntries (65,536)

	// MaxRuleReports bounds the rule reports of one evaluation: the request's permissions
	// times the policy's rules and duties; 0: MaxRuleReports (65,536).
	MaxRuleReports int
	// MaxPremiseReports bounds the premise reports of one evaluation, operands of logical
	// constraints and refinements included; 0: MaxPremiseReports (131,072).
	MaxPremiseReports int
	// MaxSteps bounds the elementary steps of one evaluation: premises evaluated, partOf
	// edges followed, set elements compared; 0: MaxSteps (2¹⁹ = 524,288, tens of milliseconds of work).
	MaxSteps int
}

// Defaults of the evaluation limits (see Limits).
const (
	MaxRuleReports    = 1 << 16
	MaxPremiseReports = 1 << 17
	MaxSteps          = 1 << 19
)

// orDefault returns v, or def when v is zero or negative.
func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// effective returns l with every zero field replaced by its default.
func (l Limits) effective() Limits {
	return Limits{
		MaxInputBytes:     orDefault(l.MaxInputBytes, MaxInputBytes),
		MaxRules:          orDefault(l.MaxRules, MaxRules),
		MaxConstraints:    orDefault(l.MaxConstraints, MaxConstraints),
		MaxListLength:     orDefault(l.MaxListLength, MaxListLength),
		MaxDepth:          orDefault(l.MaxDepth, MaxDepth),
		MaxWorldBytes:     orDefault(l.MaxWorldBytes, MaxWorldBytes),
		MaxWorldEntries:   orDefault(l.MaxWorldEntries, MaxWorldEntries),
		MaxRuleReports:    orDefault(l.MaxRuleReports, MaxRuleReports),
		MaxPremiseReports: orDefault(l.MaxPremiseReports, MaxPremiseReports),
		MaxSteps:          orDefault(l.MaxSteps, MaxSteps),
	}
}

// LimitError reports input over one of the Limits. It wraps ErrTooLarge.
type LimitError struct {
	Limit string // the Limits field, e.g. "MaxRuleReports"
	Value int    // what the input asked for (at least; counting stops at the breach)
	Bound int    // the limit in force
	What  string // what was counted, in words
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("odrl: %s: %d is over the limit %s = %d", e.What, e.Value, e.Limit, e.Bound)
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }
