package rights

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Decision answers a Query: whether it is allowed and, if so, by which grant and through
// which events; if not, why not, one reason for each grant the party holds on the asset.
//
// A Decision is a value, safe for concurrent use. Its JSON form is
//
//	{"allowed":true,"grant":"…","asset":"GZ-BDC-2024-0017","right":"processing-use","path":["…","…"],"crossBorder":"none"}
//	{"allowed":false,"reasons":[{"code":"revoked","event":"…","message":"rights: grant …"}]}
//
// where code names the kind of failure (see Code: "revoked", "scope-escalation",
// "not-held/revoked" …), event is the hash of the event at fault, and message is the error's
// text. The JSON form is for reports; it is not read back.
type Decision struct {
	Allowed bool
	Grant   Hash   // the grant that permits the query, when allowed
	Asset   string // the asset that grant is on: the query's, or with Derived a product of it
	Right   Right  // the right that grant gives
	Path    []Hash // the grants from the asset's roots down to Grant, parents first
	// CrossBorder is what the CAC Provisions require for the use (RequireNone when the data
	// stays in the mainland or never was there); when allowed, the query cleared it.
	CrossBorder Requirement
	Reasons     []error // when denied: why each candidate grant fails, or a *NoGrantError
}

// Err returns nil if d is allowed, or its reasons joined (errors.Join), so that errors.Is
// and errors.As find each of them.
func (d Decision) Err() error {
	if d.Allowed {
		return nil
	}
	return errors.Join(d.Reasons...)
}

// Decide answers q from the chain (see Chain for the semantics). Every grant that q.Party
// holds on q.Asset — and, with q.Derived, on products derived from it — is tried in time
// order; the first that permits the query decides it. An invalid query returns a
// *FormatError. Its cost is linear in the events of the chain at most.
func (c *Chain) Decide(q Query) (Decision, error) {
	return c.DecideContext(context.Background(), q)
}

// DecideContext is Decide, stopping between candidate grants when ctx is done with an error
// wrapping ctx.Err().
func (c *Chain) DecideContext(ctx context.Context, q Query) (Decision, error) {
	if err := q.validate(); err != nil {
		return Decision{}, err
	}
	assets := []string{q.Asset}
	if q.Derived {
		for i := 0; i < len(assets); i++ {
			for _, p := range c.products[assets[i]] {
				if !slices.Contains(assets, p) {
					assets = append(assets, p)
				}
			}
		}
	}
	m := new(memo).reset(q.At, 0)
	usage := c.usageAt(q.At)
	var d Decision
	for _, g := range c.byHolder[q.Party] {
		if err := ctx.Err(); err != nil {
			return Decision{}, fmt.Errorf("rights: deciding a query on %q: %w", clip(q.Asset), err)
		}
		n := &c.nodes[g]
		if !slices.Contains(assets, n.ev.Asset) {
			continue
		}
		req, err := c.check(m, usage, g, q)
		if err == nil {
			return Decision{Allowed: true, Grant: n.hash, Asset: n.ev.Asset, Right: n.right, Path: c.path(g), CrossBorder: req}, nil
		}
		d.CrossBorder = max(d.CrossBorder, req)
		d.Reasons = append(d.Reasons, err)
	}
	if len(d.Reasons) == 0 {
		d.Reasons = []error{&NoGrantError{Party: q.Party, Asset: q.Asset}}
	}
	return d, nil
}

// check returns nil if grant g permits q, and the cross-border requirement of the use.
func (c *Chain) check(m *memo, usage func(int32) (int64, int64), g int32, q Query) (Requirement, error) {
	n := &c.nodes[g]
	if n.err != nil {
		return 0, n.err
	}
	if ok, err := c.held(m, g, q.Party, q.At); !ok {
		if err := c.inForce(m, g, q.At); err != nil {
			return 0, err // a transfer to q.Party not yet in effect
		}
		return 0, &NoGrantError{Party: q.Party, Asset: q.Asset}
	} else if err != nil {
		return 0, err
	}
	if err := c.permits(g, q.Action, q.Purpose, q.Region, q.At, q.Volume, usage); err != nil {
		return 0, err
	}
	rec := c.nodes[n.root].ev.Record
	if !Mainland(rec.Region) || Mainland(q.Region) {
		return RequireNone, nil
	}
	x := q.Export
	x.Classification = max(x.Classification, rec.Classification)
	req, err := q.Rules.Required(x)
	if err != nil {
		return 0, err
	}
	if req > q.Cleared {
		return req, &CrossBorderError{Hash: n.hash, Asset: rec.ID, Required: req, Cleared: q.Cleared}
	}
	return req, nil
}

// path returns the hashes of g and every grant it builds on, in processing order.
func (c *Chain) path(g int32) []Hash {
	seen := map[int32]bool{g: true}
	stack := []int32{g}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range c.nodes[k].parents {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	idx := make([]int32, 0, len(seen))
	for k := range seen {
		idx = append(idx, k)
	}
	slices.Sort(idx)
	out := make([]Hash, len(idx))
	for i, k := range idx {
		out[i] = c.nodes[k].hash
	}
	return out
}

// Verify builds a Chain from events and decides q: the one-call form of NewChain and
// Decide. It stops when ctx is done (see NewChain). A non-nil error means the evidence itself is broken (an invalid event, a bad
// signature, an unknown or bad link, a cycle) or q is invalid; otherwise the Decision says
// whether q is allowed and why.
func Verify(ctx context.Context, events []Event, q Query) (Decision, error) {
	c, err := NewChain(ctx, events)
	if err != nil {
		return Decision{}, err
	}
	return c.DecideContext(ctx, q)
}

// reasonJSON is the JSON form of one reason of a Decision.
type reasonJSON struct {
	Code    string `json:"code"`
	Event   *Hash  `json:"event,omitempty"`
	Message string `json:"message"`
}

type decisionJSON struct {
	Allowed     bool         `json:"allowed"`
	Grant       *Hash        `json:"grant,omitempty"`
	Asset       string       `json:"asset,omitempty"`
	Right       Right        `json:"right,omitzero"`
	Path        []Hash       `json:"path,omitempty"`
	CrossBorder Requirement  `json:"crossBorder"`
	Reasons     []reasonJSON `json:"reasons,omitempty"`
}

// MarshalJSON encodes d in the form documented on Decision.
func (d Decision) MarshalJSON() ([]byte, error) {
	j := decisionJSON{Allowed: d.Allowed, Asset: d.Asset, Right: d.Right, Path: d.Path, CrossBorder: d.CrossBorder}
	if d.Allowed {
		j.Grant = &d.Grant
	}
	for _, err := range d.Reasons {
		r := reasonJSON{Code: Code(err), Message: err.Error()}
		if h, ok := EventOf(err); ok {
			r.Event = &h
		}
		j.Reasons = append(j.Reasons, r)
	}
	return json.Marshal(j)
}

// sentinels lists every sentinel error with its code, most specific first.
var sentinels = []struct {
	err  error
	code string
}{
	{ErrPending, "pending"}, {ErrCertificateExpired, "certificate-expired"}, {ErrPublication, "publication"},
	{ErrPledged, "pledged"}, {ErrNoStanding, "no-standing"}, {ErrDigestMismatch, "digest-mismatch"},
	{ErrExpired, "expired"}, {ErrNotYetValid, "not-yet-valid"}, {ErrRevoked, "revoked"},
	{ErrSuspended, "suspended"}, {ErrExhausted, "exhausted"},
	{ErrActionNotPermitted, "action-not-permitted"}, {ErrPurposeNotPermitted, "purpose-not-permitted"},
	{ErrRegionNotAllowed, "region-not-allowed"}, {ErrCrossBorder, "cross-border"},
	{ErrEscalation, "scope-escalation"}, {ErrNoSublicense, "sublicensing-not-permitted"},
	{ErrExclusive, "exclusive"}, {ErrUntrusted, "untrusted"}, {ErrNotHeld, "not-held"}, {ErrNoGrant, "no-grant"},
	{ErrBadSignature, "bad-signature"}, {ErrUnknownParent, "unknown-parent"}, {ErrBadLink, "bad-link"},
	{ErrCycle, "cycle"}, {ErrDuplicate, "duplicate"}, {ErrMalformed, "malformed"},
}

// Code returns a short, stable name for the kind of failure err reports — the sentinel it
// wraps, as "revoked", "scope-escalation", "region-not-allowed" … — or "" if it wraps none.
// An *AuthorityError is named by its reason when it has one that names a kind of failure
// (its signer's grant was "revoked"), else "not-held".
func Code(err error) string {
	var ae *AuthorityError
	if errors.As(err, &ae) {
		if ae.Err != nil {
			if code := Code(ae.Err); code != "" {
				return "not-held/" + code
			}
		}
		return "not-held"
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.code
		}
	}
	return ""
}

// EventOf returns the hash of the event at fault in err, for any typed error of this package
// that names one.
func EventOf(err error) (Hash, bool) {
	var h interface{ eventHash() Hash }
	if errors.As(err, &h) {
		return h.eventHash(), true
	}
	return Hash{}, false
}

func (e *SignatureError) eventHash() Hash    { return e.Hash }
func (e *LinkError) eventHash() Hash         { return e.Hash }
func (e *AuthorityError) eventHash() Hash    { return e.Hash }
func (e *EscalationError) eventHash() Hash   { return e.Hash }
func (e *SublicenseError) eventHash() Hash   { return e.Hash }
func (e *ExclusivityError) eventHash() Hash  { return e.Hash }
func (e *ValidityError) eventHash() Hash     { return e.Hash }
func (e *RevokedError) eventHash() Hash      { return e.Hash }
func (e *SuspendedError) eventHash() Hash    { return e.Hash }
func (e *ExhaustedError) eventHash() Hash    { return e.Hash }
func (e *ScopeError) eventHash() Hash        { return e.Hash }
func (e *CrossBorderError) eventHash() Hash  { return e.Hash }
func (e *RegistrationError) eventHash() Hash { return e.Hash }
func (e *PublicationError) eventHash() Hash  { return e.Hash }
func (e *PledgeError) eventHash() Hash       { return e.Hash }
