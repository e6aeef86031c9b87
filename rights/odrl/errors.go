package odrl

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error this package returns wraps one of them, so callers can test
// with errors.Is without parsing messages.
var (
	// ErrSyntax reports input that is not well-formed JSON or not valid JSON-LD.
	ErrSyntax = errors.New("odrl: malformed input")
	// ErrRemoteContext reports a JSON-LD document that refers to a remote document other
	// than the ODRL 2.2 context; this package never loads anything from the network.
	ErrRemoteContext = errors.New("odrl: remote document refused")
	// ErrTooLarge reports input over one of the documented size bounds (MaxInputBytes,
	// MaxRules, MaxConstraints, MaxListLength, MaxDepth).
	ErrTooLarge = errors.New("odrl: input too large")
	// ErrInvalidPolicy reports a document that is valid JSON-LD but breaks a rule of the
	// ODRL 2.2 information model (no uid, no rule, an Offer without assigner, …).
	ErrInvalidPolicy = errors.New("odrl: invalid policy")
	// ErrOperandType reports a constraint whose right operand does not have the type its
	// left operand or operator requires (a dateTime compared with "banana", lt on an IRI).
	ErrOperandType = errors.New("odrl: mismatched operand types")
	// ErrInheritanceCycle reports policies that inherit from each other in a cycle.
	ErrInheritanceCycle = errors.New("odrl: inheritance cycle")
	// ErrUnresolvedParent reports a policy whose inheritFrom parent was not supplied; such a
	// policy can be written back but not evaluated, because the parent's rules are missing.
	ErrUnresolvedParent = errors.New("odrl: unresolved inheritFrom parent")
	// ErrNotEvaluable reports an Evaluate call on something that cannot be evaluated: an
	// Offer or Request as the policy (ODRL Formal Semantics: an Offer MUST NOT be
	// evaluated), a request that is not an odrl:Request, or a nil argument.
	ErrNotEvaluable = errors.New("odrl: not evaluable")
	// ErrInvalidWorld reports a state of the world that ParseWorld cannot accept.
	ErrInvalidWorld = errors.New("odrl: invalid state of the world")
)

// ContextError reports a JSON-LD document that asked for a remote document (usually an
// @context) that the embedded loader does not serve. It wraps ErrRemoteContext.
type ContextError struct {
	URL string // the IRI asked for, truncated to 256 bytes
}

func (e *ContextError) Error() string {
	return fmt.Sprintf("odrl: remote document %q refused: only the ODRL 2.2 context %s is available offline", e.URL, ContextIRI)
}

// Unwrap returns ErrRemoteContext.
func (e *ContextError) Unwrap() error { return ErrRemoteContext }

// PolicyError reports where in a policy a problem was found: Path locates the element
// ("permission[2].constraint[0]"), Reason says what is wrong, and Err is the sentinel it
// wraps (ErrInvalidPolicy, ErrOperandType, ErrTooLarge, …).
type PolicyError struct {
	Policy string // the policy's uid, if known
	Path   string
	Reason string
	Err    error
}

func (e *PolicyError) Error() string {
	where := e.Path
	if e.Policy != "" {
		if where != "" {
			where = e.Policy + " " + where
		} else {
			where = e.Policy
		}
	}
	if where == "" {
		return fmt.Sprintf("odrl: %s", e.Reason)
	}
	return fmt.Sprintf("odrl: %s: %s", clip(where, 300), e.Reason)
}

// Unwrap returns the sentinel error.
func (e *PolicyError) Unwrap() error { return e.Err }

// clip shortens untrusted text before it is copied into an error message or a report.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 { // do not cut a UTF-8 sequence
		n--
	}
	return s[:n] + "…"
}
