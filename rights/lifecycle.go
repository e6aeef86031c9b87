package rights

import (
	"slices"
	"strconv"
	"time"

	"github.com/dataassay/assay"
)

// Config adjusts how NewChain judges a set of events. The zero Config trusts the source of
// the events: every registration is in force from its time, as when the set comes from a
// registry that vetted what it accepted, and no issuing event or arbitration counts. A
// Config is a plain value, safe for concurrent use.
//
// # Registration as registries practise it
//
// With Registrars set, a registration (or derivation) follows the procedure of the data
// registries — application, review, publication (公示), then issue of a certificate
// (签发证书), as Shandong's data-IP registration rules (2023) list the steps:
//
//   - It is pending from its time: no grant on it is in force, and it is no rival claim on
//     its asset. For Publication after its time anyone may object to it (the purpose of
//     publication); an objection suspends it until withdrawn or arbitrated.
//   - A registrar's issue event makes it effective from the issue's time until the event's
//     Until, the certificate's validity (Beijing's Measures for data-IP registration, 2023,
//     Art. 13: three years from the announcement). An issue before the publication period has
//     ended, or while an objection is pending (Shenzhen, 深发改规〔2023〕5号: no registration
//     while an ownership dispute is unresolved), or by a key not listed, is void.
//   - After Until the registration is expired until a registrar issues it again (续展,
//     renewal, as Changchun's rules name it); a renewal needs no new publication.
//
// This replaces the earlier meaning of Registrars (the only keys whose registrations count):
// a registry countersigns by issuing, instead of the verifier guessing which applicants are
// genuine. Build on it rather than around it: a verifier that trusts its registry's vetting
// leaves Registrars empty.
//
// # Objections and standing
//
// An objection is valid only from a party with standing (issue 21: otherwise a stranger can
// freeze any asset by objecting): during the publication period of the registration the
// objection builds on, anyone; afterwards, a party that signed or received a valid event on
// the same asset (a rival applicant included: an application is a claim), or a registrar or
// arbiter. OpenObjections restores the open door.
type Config struct {
	// Registrars lists the keys of the registration authorities (登记机构) whose issue
	// events make registrations effective and who may arbitrate objections. Empty: every
	// registration is in force from its time and issue events are void (ErrUntrusted).
	Registrars []PartyID
	// Arbiters lists further keys — courts, arbitration commissions — whose arbitrate events
	// resolve objections. Empty: only the registrars arbitrate.
	Arbiters []PartyID
	// Publication is the publication period (公示期) of a registration: issue before its end
	// is void, and anyone may object during it. Zero: DefaultPublication. Negative: invalid.
	Publication time.Duration
	// OpenObjections lets anyone object at any time. False (the default): objections need
	// standing, as described above.
	OpenObjections bool
}

// DefaultPublication is the publication period used when Config.Publication is zero: two
// weeks, which covers ten working days of public notice (公示). Every pilot registry
// publishes before it issues (Shandong's rules of 2023: 存证或公证—申请—审查—公示—签发证书;
// Zhejiang's platform of 2023: 申请、审查、公示、公告、发证), but the length differs between
// them and its article could not be verified for this package: set Config.Publication to your
// registry's rule.
const DefaultPublication = 14 * 24 * time.Hour

func (cfg Config) registrar(id PartyID) bool { return slices.Contains(cfg.Registrars, id) }

// registryAuthority returns why an issue, pledge, release, arbitration or objection (event i)
// is void, or nil.
func (c *Chain) registryAuthority(i int32) error {
	n := &c.nodes[i]
	e := n.ev
	t := e.Time
	x := n.up()
	target := &c.nodes[x]
	void := func(reason error) error {
		return &AuthorityError{Hash: n.hash, Signer: e.Signer.ID, Grant: target.hash, At: t, Err: reason}
	}
	switch e.Kind {
	case KindIssue:
		if !c.cfg.registrar(e.Signer.ID) {
			return void(ErrUntrusted)
		}
		if target.err != nil {
			return void(target.err)
		}
		if k := c.revokedAt(x, t); k >= 0 {
			return void(&RevokedError{Hash: target.hash, By: c.nodes[k].hash, At: c.nodes[k].ev.Time})
		}
		if ends := target.ev.Time.Add(c.cfg.Publication); len(target.issues) == 0 && t.Before(ends) {
			return &PublicationError{Hash: n.hash, Registration: target.hash, Ends: ends}
		}
		if d := c.dispute(c.adm, x, t); d.objection >= 0 {
			return void(d.err(c, target.hash))
		}
	case KindPledge:
		if ok, err := c.held(c.adm, x, e.Signer.ID, t); !ok || err != nil {
			return void(err)
		}
	case KindRelease:
		if e.Signer.ID != target.ev.Subject.ID {
			return void(nil) // only the pledgee releases
		}
	case KindArbitrate:
		if !c.cfg.registrar(e.Signer.ID) && !slices.Contains(c.cfg.Arbiters, e.Signer.ID) {
			return void(ErrUntrusted)
		}
		if k := c.revokedAt(x, t); k >= 0 {
			return void(&RevokedError{Hash: target.hash, By: c.nodes[k].hash, At: c.nodes[k].ev.Time})
		}
	case KindObject:
		if c.cfg.OpenObjections || c.cfg.registrar(e.Signer.ID) || slices.Contains(c.cfg.Arbiters, e.Signer.ID) ||
			c.parties[e.Asset][e.Signer.ID] {
			return nil
		}
		root := &c.nodes[target.root]
		if t.Before(root.ev.Time.Add(c.cfg.Publication)) {
			return nil // publication invites objections from anyone
		}
		return void(ErrNoStanding)
	}
	return nil
}

// pledged returns a *PledgeError if a pledge of grant g (or of the grant it moves) stands at
// t, so that event i — a transfer or cancellation — needs the pledgee's consent, which it
// gives by releasing the pledge (Civil Code Art. 444: a pledged intellectual-property right
// may not be transferred without the pledgee's consent; Art. 436: the pledge ends when
// released).
func (c *Chain) pledged(i, g int32, t time.Time) error {
	for _, p := range c.nodes[c.base(g)].pledges {
		if !c.nodes[p].ev.Time.After(t) && c.revokedAt(p, t) < 0 {
			return &PledgeError{Hash: c.nodes[i].hash, Pledge: c.nodes[p].hash, Pledgee: c.nodes[p].ev.Subject.ID}
		}
	}
	return nil
}

// issuedAt returns the issuing event of root g in force at t, the last at or before t, or -1.
func (c *Chain) issuedAt(g int32, t time.Time) int32 {
	if k := c.upTo(c.nodes[g].issues, t); k > 0 {
		return c.nodes[g].issues[k-1]
	}
	return -1
}

// certified returns nil if root g (a registration or derivation) has a certificate valid at
// t, or needs none (no Registrars), else a *RegistrationError: pending or expired.
func (c *Chain) certified(g int32, t time.Time) error {
	if len(c.cfg.Registrars) == 0 {
		return nil
	}
	n := &c.nodes[g]
	k := c.issuedAt(g, t)
	if k < 0 {
		return &RegistrationError{Hash: n.hash, State: StatePending, PublicationEnds: n.ev.Time.Add(c.cfg.Publication)}
	}
	if until := c.nodes[k].ev.Until; !t.Before(until) {
		return &RegistrationError{Hash: n.hash, State: StateExpired, Issue: c.nodes[k].hash, Until: until}
	}
	return nil
}

// State is where a registration (or derivation) stands in the registry's procedure at a
// given time. The zero State is invalid. Its JSON and text form is the name listed.
type State uint8

// The states of a registration.
const (
	StateRecorded  State = iota + 1 // "recorded": in force without a certificate (no Registrars)
	StatePending                    // "pending": not issued yet (in or after its publication period)
	StateObjected                   // "objected": suspended by a pending objection or a rival claim
	StateIssued                     // "issued": its certificate is valid
	StateExpired                    // "expired": its certificate's validity has ended
	StateCancelled                  // "cancelled": cancelled, or an objection against it upheld
	StateVoid                       // "void": the event itself is void (its signer lacked authority)
)

var stateNames = [...]string{StateRecorded: "recorded", StatePending: "pending", StateObjected: "objected",
	StateIssued: "issued", StateExpired: "expired", StateCancelled: "cancelled", StateVoid: "void"}

// String returns the state's name.
func (s State) String() string {
	if s != 0 && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText encodes s by name.
func (s State) MarshalText() ([]byte, error) {
	if s == 0 || int(s) >= len(stateNames) {
		return nil, &FormatError{Field: "state", Value: s.String(), Reason: "undefined state"}
	}
	return []byte(stateNames[s]), nil
}

// State answers where the registration or derivation with hash h stands at t, with the
// typed reason when it is not in force: a *RegistrationError (pending, expired), a
// *SuspendedError (objected), a *RevokedError (cancelled or objection upheld), or the
// event's own error (void). An unknown hash returns a *LinkError, another kind of event a
// *FormatError.
func (c *Chain) State(h Hash, t time.Time) (State, error) {
	i, ok := c.index[h]
	if !ok {
		return 0, &LinkError{Parent: h}
	}
	n := &c.nodes[i]
	if n.ev.Kind != KindRegister && n.ev.Kind != KindDerive {
		return 0, &FormatError{Field: "state", Value: n.ev.Kind.String(), Reason: "only a registration or derivation has a state"}
	}
	if n.err != nil {
		return StateVoid, n.err
	}
	if k := c.revokedAt(i, t); k >= 0 {
		return StateCancelled, &RevokedError{Hash: n.hash, By: c.nodes[k].hash, At: c.nodes[k].ev.Time}
	}
	if d := c.dispute(new(memo).reset(t, 0), i, t); d.objection >= 0 {
		return StateObjected, d.err(c, n.hash)
	}
	if err := c.certified(i, t); err != nil {
		return err.(*RegistrationError).State, err
	}
	if t.Before(n.ev.Time) {
		return StatePending, &ValidityError{Hash: n.hash, At: t, From: n.ev.Time}
	}
	if len(c.cfg.Registrars) == 0 {
		return StateRecorded, nil
	}
	return StateIssued, nil
}

// Certificate is what a registrar certifies by an issue event: who holds which right over
// which data, with the data's digest and the certificate's validity — the 登记证书 of the
// registries (Shenzhen 深发改规〔2023〕5号 makes it a basis for trade, financing, accounting
// and arbitration). Export it with Credential; it is a plain value, safe for concurrent use.
type Certificate struct {
	Issue        Hash        // the issuing event
	Registration Hash        // the registration or derivation issued
	Registrar    Party       // who issued it
	Holder       Party       // who held the registration when it was issued
	Asset        assay.Asset // the registered record, with the declared fields
	Right        Right       // Holding for a registration, ProductOperation for a derivation
	Scope        Scope       // the scope held
	Digest       Digest      // the data's digest (存证), zero if none was recorded
	ValidFrom    time.Time   // the issue's time
	ValidUntil   time.Time   // end of validity, exclusive
}

// Certificate returns the certificate that the issue event with hash h certifies. An unknown
// hash returns a *LinkError; another kind of event a *FormatError; a void issue its reason.
func (c *Chain) Certificate(h Hash) (Certificate, error) {
	i, ok := c.index[h]
	if !ok {
		return Certificate{}, &LinkError{Parent: h}
	}
	n := &c.nodes[i]
	if n.ev.Kind != KindIssue {
		return Certificate{}, &FormatError{Field: "certificate", Value: n.ev.Kind.String(), Reason: "want an issue event"}
	}
	if n.err != nil {
		return Certificate{}, n.err
	}
	r := &c.nodes[n.up()]
	holder := r.ev.Signer
	if k := c.holding(n.up(), n.ev.Time); c.nodes[k].ev.Kind == KindTransfer {
		holder = c.nodes[k].ev.Subject
	}
	return Certificate{Issue: n.hash, Registration: r.hash, Registrar: n.ev.Signer, Holder: holder, Asset: r.ev.Record,
		Right: r.right, Scope: r.ev.Scope, Digest: r.ev.Digest, ValidFrom: n.ev.Time, ValidUntil: n.ev.Until}, nil
}
