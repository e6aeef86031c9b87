package rights

import (
	"errors"
	"fmt"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Sentinel errors. Every error this package returns wraps one of them, so callers can test
// with errors.Is; the typed errors below carry the details and the hash of the event at
// fault, for errors.As. The errors of broken evidence — ErrMalformed, ErrBadSignature,
// ErrUnknownParent, ErrBadLink and ErrCycle — also match assay.ErrInvalidInput.
var (
	// ErrMalformed reports an event or encoding that breaks the format's rules.
	ErrMalformed = errs.Sentinel("rights: malformed event", assay.ErrInvalidInput)
	// ErrBadSignature reports a signature that does not verify under the signer's key.
	ErrBadSignature = errs.Sentinel("rights: bad signature", assay.ErrInvalidInput)
	// ErrUnknownParent reports a link to an event that is not in the set.
	ErrUnknownParent = errs.Sentinel("rights: unknown parent", assay.ErrInvalidInput)
	// ErrBadLink reports a link to an event of the wrong kind or asset, or later in time.
	ErrBadLink = errs.Sentinel("rights: bad link", assay.ErrInvalidInput)
	// ErrCycle reports events whose links form a cycle.
	ErrCycle = errs.Sentinel("rights: cycle", assay.ErrInvalidInput)
	// ErrNotHeld reports a party exercising a right it did not hold at that time.
	ErrNotHeld = errors.New("rights: right not held")
	// ErrEscalation reports a license, change or renewal wider than what its grantor held.
	ErrEscalation = errors.New("rights: scope escalation")
	// ErrNoSublicense reports a license granted under a grant that may not be licensed on,
	// or of a right that the grantor's right cannot grant.
	ErrNoSublicense = errors.New("rights: sublicensing not permitted")
	// ErrExclusive reports a license that overlaps an exclusive license from the same grant.
	ErrExclusive = errors.New("rights: conflicts with an exclusive license")
	// ErrExpired reports a grant used at or after the end of its validity.
	ErrExpired = errors.New("rights: expired")
	// ErrNotYetValid reports a grant used before the start of its validity.
	ErrNotYetValid = errors.New("rights: not yet valid")
	// ErrRevoked reports a grant cancelled before the time in question.
	ErrRevoked = errors.New("rights: revoked")
	// ErrSuspended reports a grant suspended by an unresolved objection.
	ErrSuspended = errors.New("rights: suspended by objection")
	// ErrExhausted reports a grant whose use count or volume is used up.
	ErrExhausted = errors.New("rights: use limit exhausted")
	// ErrActionNotPermitted reports an action outside a grant's scope.
	ErrActionNotPermitted = errors.New("rights: action not permitted")
	// ErrPurposeNotPermitted reports a purpose outside a grant's scope.
	ErrPurposeNotPermitted = errors.New("rights: purpose not permitted")
	// ErrRegionNotAllowed reports a region outside a grant's scope.
	ErrRegionNotAllowed = errors.New("rights: region not allowed")
	// ErrCrossBorder reports a use outside the mainland that needs a procedure (standard
	// contract, certification or security assessment) not yet completed.
	ErrCrossBorder = errors.New("rights: cross-border procedure required")
	// ErrNoGrant reports a party that holds no grant on the asset at all.
	ErrNoGrant = errors.New("rights: no grant")
	// ErrUntrusted reports an issue or arbitration signed by a key that Config.Registrars
	// (or, for an arbitration, Config.Arbiters) does not list.
	ErrUntrusted = errors.New("rights: registrar not trusted")
	// ErrDigestMismatch reports data, a manifest or a record that is not what was registered.
	ErrDigestMismatch = errors.New("rights: data does not match the registered digest")
	// ErrPending reports a registration not (yet) issued by a registrar.
	ErrPending = errors.New("rights: registration not issued")
	// ErrCertificateExpired reports a registration whose certificate's validity has ended.
	ErrCertificateExpired = errors.New("rights: certificate expired")
	// ErrPublication reports an issue before the publication period of the registration
	// ended.
	ErrPublication = errors.New("rights: issued before the publication period ended")
	// ErrPledged reports a transfer or cancellation of a pledged grant without the pledgee's
	// release.
	ErrPledged = errors.New("rights: pledged")
	// ErrNoStanding reports an objection by a party without standing (see Config).
	ErrNoStanding = errors.New("rights: objector has no standing")
	// ErrDuplicate reports an event already in a registry.
	ErrDuplicate = errors.New("rights: duplicate event")
)

// FormatError reports an invalid field of an event, a scope or an encoding. It wraps
// ErrMalformed.
type FormatError struct {
	Field  string // the field, e.g. "scope regions"
	Value  string // the offending value as text, truncated to 64 bytes
	Reason string
}

func (e *FormatError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("rights: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("rights: %s %q: %s", e.Field, e.Value, e.Reason)
}

// Unwrap returns ErrMalformed.
func (e *FormatError) Unwrap() error { return ErrMalformed }

// clip shortens untrusted text to 64 bytes before it is copied into an error message.
func clip(s string) string { return errs.Clip(s, 64) }

// SignatureError reports an event whose signature does not verify under its signer's key.
type SignatureError struct {
	Hash   Hash    // the event
	Signer PartyID // the key it claims
}

func (e *SignatureError) Error() string {
	return fmt.Sprintf("rights: event %s: bad signature for key %s", e.Hash.Short(), e.Signer.Short())
}

// Unwrap returns ErrBadSignature.
func (e *SignatureError) Unwrap() error { return ErrBadSignature }

// LinkError reports a link from an event to another that is missing from the set (wrapping
// ErrUnknownParent) or that it may not build on (wrapping ErrBadLink): a parent of the wrong
// kind, about another asset, or later than the event.
type LinkError struct {
	Hash   Hash   // the event
	Parent Hash   // the event it links to
	Reason string // empty when the parent is unknown
}

func (e *LinkError) Error() string {
	if e.Reason == "" {
		return fmt.Sprintf("rights: event %s: unknown parent %s", e.Hash.Short(), e.Parent.Short())
	}
	return fmt.Sprintf("rights: event %s: parent %s: %s", e.Hash.Short(), e.Parent.Short(), e.Reason)
}

// Unwrap returns ErrUnknownParent or ErrBadLink.
func (e *LinkError) Unwrap() error {
	if e.Reason == "" {
		return ErrUnknownParent
	}
	return ErrBadLink
}

// CycleError reports events whose links form a cycle. With SHA-256 links a cycle means a
// hash collision or events whose hashes were supplied rather than computed.
type CycleError struct {
	Hashes []Hash // the events on or behind the cycle, in hash order
}

func (e *CycleError) Error() string {
	return fmt.Sprintf("rights: %d events form a cycle, starting at %s", len(e.Hashes), e.Hashes[0].Short())
}

// Unwrap returns ErrCycle.
func (e *CycleError) Unwrap() error { return ErrCycle }

// AuthorityError reports an event whose signer did not hold, at the event's time, the right
// the event exercises: it holds no such grant, the grant was not in force (Err says why:
// revoked, suspended, pending, pledged …), the event is one only the grantor, holder or
// pledgee may sign, an issue or arbitration by a key Config does not list (Err is
// ErrUntrusted), or an objection without standing (Err is ErrNoStanding). It wraps both
// ErrNotHeld and Err.
type AuthorityError struct {
	Hash   Hash      // the event
	Signer PartyID   // who signed it
	Grant  Hash      // the grant it exercises, if any
	At     time.Time // the event's time
	Err    error     // the reason, or nil
}

func (e *AuthorityError) Error() string {
	msg := fmt.Sprintf("rights: event %s: signer %s did not hold grant %s at %s",
		e.Hash.Short(), e.Signer.Short(), e.Grant.Short(), e.At.UTC().Format(time.RFC3339))
	if e.Grant.IsZero() { // a registration, which exercises no grant
		msg = fmt.Sprintf("rights: event %s: signer %s may not register", e.Hash.Short(), e.Signer.Short())
	}
	if e.Err != nil {
		msg += ": " + trimPrefix(e.Err.Error())
	}
	return msg
}

// Unwrap returns ErrNotHeld and the reason.
func (e *AuthorityError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrNotHeld}
	}
	return []error{ErrNotHeld, e.Err}
}

// EscalationError reports a license, change or renewal whose scope is wider than its grantor
// held in one dimension ("actions", "purposes", "regions", "from", "until", "maxUses",
// "maxVolume", "exclusive", "sublicensable").
type EscalationError struct {
	Hash      Hash   // the event
	Grant     Hash   // the grant it is measured against
	Dimension string // the first dimension in which it is wider
	Granted   string // what the event grants in that dimension
	Held      string // what the grantor held
}

func (e *EscalationError) Error() string {
	msg := fmt.Sprintf("scope escalation in %s: grants %s, grantor held %s", e.Dimension, e.Granted, e.Held)
	if e.Hash.IsZero() { // from Scope.Within, before any event is known
		return "rights: " + msg
	}
	return fmt.Sprintf("rights: event %s: %s", e.Hash.Short(), msg)
}

// Unwrap returns ErrEscalation.
func (e *EscalationError) Unwrap() error { return ErrEscalation }

// SublicenseError reports a license granted under a grant whose scope is not sublicensable,
// or of a right the grantor's right cannot grant (see Right.CanGrant).
type SublicenseError struct {
	Hash  Hash  // the license
	Grant Hash  // the grant it was issued under
	Held  Right // the grantor's right
	Right Right // the right it grants
}

func (e *SublicenseError) Error() string {
	if !e.Held.CanGrant(e.Right) {
		return fmt.Sprintf("rights: event %s: a %s right cannot grant %s", e.Hash.Short(), e.Held, e.Right)
	}
	return fmt.Sprintf("rights: event %s: grant %s may not be sublicensed", e.Hash.Short(), e.Grant.Short())
}

// Unwrap returns ErrNoSublicense.
func (e *SublicenseError) Unwrap() error { return ErrNoSublicense }

// ExclusivityError reports a license that overlaps another license from the same grant when
// one of the two is exclusive; the later of the two is the one at fault.
type ExclusivityError struct {
	Hash      Hash // the later license
	Conflicts Hash // the earlier license it overlaps
}

func (e *ExclusivityError) Error() string {
	return fmt.Sprintf("rights: event %s: overlaps license %s, and one of them is exclusive", e.Hash.Short(), e.Conflicts.Short())
}

// Unwrap returns ErrExclusive.
func (e *ExclusivityError) Unwrap() error { return ErrExclusive }

// ValidityError reports a grant used outside its validity window [From, Until). It wraps
// ErrNotYetValid if At is before From, ErrExpired otherwise.
type ValidityError struct {
	Hash        Hash // the grant
	At          time.Time
	From, Until time.Time // zero when unbounded
}

func (e *ValidityError) Error() string {
	if e.early() {
		return fmt.Sprintf("rights: grant %s: not valid until %s (at %s)", e.Hash.Short(), timeText(e.From, ""), timeText(e.At, ""))
	}
	return fmt.Sprintf("rights: grant %s: expired at %s (at %s)", e.Hash.Short(), timeText(e.Until, ""), timeText(e.At, ""))
}

func (e *ValidityError) early() bool { return !e.From.IsZero() && e.At.Before(e.From) }

// Unwrap returns ErrNotYetValid or ErrExpired.
func (e *ValidityError) Unwrap() error {
	if e.early() {
		return ErrNotYetValid
	}
	return ErrExpired
}

// RevokedError reports a grant cancelled at or before the time in question, or one whose
// holder had transferred it away.
type RevokedError struct {
	Hash Hash      // the grant
	By   Hash      // the cancellation or transfer
	At   time.Time // when it took effect
}

func (e *RevokedError) Error() string {
	return fmt.Sprintf("rights: grant %s: revoked by %s at %s", e.Hash.Short(), e.By.Short(), timeText(e.At, ""))
}

// Unwrap returns ErrRevoked.
func (e *RevokedError) Unwrap() error { return ErrRevoked }

// SuspendedError reports a grant suspended by an objection not withdrawn at the time in
// question, filed against it or against an event it builds on.
type SuspendedError struct {
	Hash      Hash // the grant
	Objection Hash // the objection
	Against   Hash // the event objected to
}

func (e *SuspendedError) Error() string {
	return fmt.Sprintf("rights: grant %s: suspended by objection %s against %s", e.Hash.Short(), e.Objection.Short(), e.Against.Short())
}

// Unwrap returns ErrSuspended.
func (e *SuspendedError) Unwrap() error { return ErrSuspended }

// ExhaustedError reports a grant whose use count ("uses") or volume ("volume") would exceed
// its limit: Used so far under it and its sublicenses, plus Requested, is more than Limit.
type ExhaustedError struct {
	Hash      Hash // the grant
	Dimension string
	Limit     int64
	Used      int64
	Requested int64
}

func (e *ExhaustedError) Error() string {
	return fmt.Sprintf("rights: grant %s: %s limit %d exhausted: %d used, %d requested", e.Hash.Short(), e.Dimension, e.Limit, e.Used, e.Requested)
}

// Unwrap returns ErrExhausted.
func (e *ExhaustedError) Unwrap() error { return ErrExhausted }

// ScopeError reports a request outside a grant's scope in one dimension: "action" (wrapping
// ErrActionNotPermitted), "purpose" (ErrPurposeNotPermitted) or "region"
// (ErrRegionNotAllowed).
type ScopeError struct {
	Hash      Hash   // the grant
	Dimension string // "action", "purpose" or "region"
	Value     string // what was requested
	Allowed   string // what the scope allows, comma-separated
}

func (e *ScopeError) Error() string {
	return fmt.Sprintf("rights: grant %s: %s %q not permitted (allowed: %s)", e.Hash.Short(), e.Dimension, e.Value, e.Allowed)
}

// Unwrap returns the sentinel of the dimension.
func (e *ScopeError) Unwrap() error {
	switch e.Dimension {
	case "action":
		return ErrActionNotPermitted
	case "purpose":
		return ErrPurposeNotPermitted
	}
	return ErrRegionNotAllowed
}

// CrossBorderError reports a use outside the mainland of data held in the mainland that
// requires a procedure more demanding than the one completed.
type CrossBorderError struct {
	Hash     Hash        // the grant on the path whose asset leaves the mainland
	Asset    string      // that asset
	Required Requirement // what the CAC Provisions require
	Cleared  Requirement // what the query says was completed
}

func (e *CrossBorderError) Error() string {
	return fmt.Sprintf("rights: grant %s: moving asset %q out of the mainland requires %s, completed: %s",
		e.Hash.Short(), e.Asset, e.Required, e.Cleared)
}

// Unwrap returns ErrCrossBorder.
func (e *CrossBorderError) Unwrap() error { return ErrCrossBorder }

// NoGrantError reports a party that holds no grant on the asset, by any event in the set.
type NoGrantError struct {
	Party PartyID
	Asset string
}

func (e *NoGrantError) Error() string {
	return fmt.Sprintf("rights: party %s holds no grant on asset %q", e.Party.Short(), e.Asset)
}

// Unwrap returns ErrNoGrant.
func (e *NoGrantError) Unwrap() error { return ErrNoGrant }

func trimPrefix(s string) string {
	const p = "rights: "
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// DigestError reports data that does not match a registration's digest: a manifest whose
// Digest is not the one recorded (Got is its digest), or a record whose proof does not lead
// to the manifest's record root (Record is the record's index). It wraps ErrDigestMismatch.
type DigestError struct {
	Want   Digest // the digest or root recorded
	Got    Digest // the digest of the manifest presented, for a manifest
	Record int64  // the index of the record, for a record proof
}

func (e *DigestError) Error() string {
	if e.Got.IsZero() {
		return fmt.Sprintf("rights: record %d is not in the registered set with root %s", e.Record, e.Want.String()[:12])
	}
	return fmt.Sprintf("rights: data digest %s does not match the registered %s", e.Got.String()[:12], e.Want.String()[:12])
}

// Unwrap returns ErrDigestMismatch.
func (e *DigestError) Unwrap() error { return ErrDigestMismatch }

// RegistrationError reports a grant whose registration (or derivation) Hash is not in force
// because of where it stands in the registry's procedure: State is StatePending (no issue
// yet; wraps ErrPending) or StateExpired (the certificate Issue ended at Until; wraps
// ErrCertificateExpired and ErrExpired).
type RegistrationError struct {
	Hash            Hash
	State           State
	PublicationEnds time.Time // pending: when the publication period ends (or ended)
	Issue           Hash      // expired: the last certificate
	Until           time.Time // expired: when it ended
}

func (e *RegistrationError) Error() string {
	if e.State == StateExpired {
		return fmt.Sprintf("rights: registration %s: certificate %s expired at %s", e.Hash.Short(), e.Issue.Short(), timeText(e.Until, ""))
	}
	return fmt.Sprintf("rights: registration %s: pending, not issued (publication period until %s)", e.Hash.Short(), timeText(e.PublicationEnds, ""))
}

// Unwrap returns ErrPending, or ErrCertificateExpired and ErrExpired.
func (e *RegistrationError) Unwrap() []error {
	if e.State == StateExpired {
		return []error{ErrCertificateExpired, ErrExpired}
	}
	return []error{ErrPending}
}

// PublicationError reports an issue event (Hash) dated before the publication period of the
// Registration ended at Ends. It wraps ErrPublication.
type PublicationError struct {
	Hash         Hash
	Registration Hash
	Ends         time.Time
}

func (e *PublicationError) Error() string {
	return fmt.Sprintf("rights: event %s: issues registration %s before its publication period ends at %s", e.Hash.Short(), e.Registration.Short(), timeText(e.Ends, ""))
}

// Unwrap returns ErrPublication.
func (e *PublicationError) Unwrap() error { return ErrPublication }

// PledgeError reports a transfer or cancellation (Hash) of a grant that stands pledged by
// Pledge to Pledgee, who has not released it. It wraps ErrPledged.
type PledgeError struct {
	Hash    Hash
	Pledge  Hash
	Pledgee PartyID
}

func (e *PledgeError) Error() string {
	return fmt.Sprintf("rights: event %s: the grant is pledged by %s to %s, who has not released it", e.Hash.Short(), e.Pledge.Short(), e.Pledgee.Short())
}

// Unwrap returns ErrPledged.
func (e *PledgeError) Unwrap() error { return ErrPledged }
