package odrl

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error this package returns wraps one of them (or a context's error),
// so callers can test with errors.Is without parsing messages. Each also matches
// ErrInvalidInput and assay.ErrInvalidInput: all of them describe input the caller gave.
var (
	// ErrInvalidInput is the parent of every sentinel below; it matches
	// assay.ErrInvalidInput under errors.Is.
	ErrInvalidInput = errs.Sentinel("odrl: invalid input", assay.ErrInvalidInput)
	// ErrSyntax reports input that is not well-formed JSON or not valid JSON-LD.
	ErrSyntax = errs.Sentinel("odrl: malformed input", ErrInvalidInput)
	// ErrRemoteContext reports a JSON-LD document that refers to a remote document other
	// than the ODRL 2.2 context; this package never loads anything from the network.
	ErrRemoteContext = errs.Sentinel("odrl: remote document refused", ErrInvalidInput)
	// ErrTooLarge reports input over one of the documented size bounds (MaxInputBytes,
	// MaxRules, MaxConstraints, MaxListLength, MaxDepth).
	ErrTooLarge = errs.Sentinel("odrl: input too large", ErrInvalidInput)
	// ErrInvalidPolicy reports a document that is valid JSON-LD but breaks a rule of the
	// ODRL 2.2 information model (no uid, no rule, an Offer without assigner, …).
	ErrInvalidPolicy = errs.Sentinel("odrl: invalid policy", ErrInvalidInput)
	// ErrOperandType reports a constraint whose right operand does not have the type its
	// left operand or operator requires (a dateTime compared with "banana", lt on an IRI).
	ErrOperandType = errs.Sentinel("odrl: mismatched operand types", ErrInvalidInput)
	// ErrInheritanceCycle reports policies that inherit from each other in a cycle.
	ErrInheritanceCycle = errs.Sentinel("odrl: inheritance cycle", ErrInvalidInput)
	// ErrUnresolvedParent reports a policy whose inheritFrom parent was not supplied; such a
	// policy can be written back but not evaluated, because the parent's rules are missing.
	ErrUnresolvedParent = errs.Sentinel("odrl: unresolved inheritFrom parent", ErrInvalidInput)
	// ErrNotEvaluable reports an Evaluate call on something that cannot be evaluated: an
	// Offer or Request as the policy (ODRL Formal Semantics: an Offer MUST NOT be
	// evaluated), a request that is not an odrl:Request, or a nil argument.
	ErrNotEvaluable = errs.Sentinel("odrl: not evaluable", ErrInvalidInput)
	// ErrInvalidWorld reports a state of the world that ParseWorld cannot accept.
	ErrInvalidWorld = errs.Sentinel("odrl: invalid state of the world", ErrInvalidInput)
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
	return fmt.Sprintf("odrl: %s: %s", errs.Clip(where, 300), e.Reason)
}

// Unwrap returns the sentinel error.
func (e *PolicyError) Unwrap() error { return e.Err }
