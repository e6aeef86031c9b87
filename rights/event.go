package rights

import (
	"crypto"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/jsonin"
)

// SignatureContext is the Ed25519ctx context string (RFC 8032 §5.1) under which events are
// signed. It binds a signature to this protocol and version, so that a signature made for
// another protocol — or another version of this encoding — never verifies as an event.
const SignatureContext = "github.com/dataassay/assay/rights event v1"

// Event is one signed record of a rights chain: an initial registration, a license, a
// transfer, a change, a renewal, a cancellation, an objection, a derivation, a recorded use,
// the issue of a certificate, a pledge, its release, or an arbitration (see Kind for what
// each kind means, who signs it and what its Parents are).
//
// An event is identified by its Hash, the SHA-256 digest of its canonical encoding, which
// covers every field except the signature; the Signer signs the Hash with Ed25519ctx under
// SignatureContext. Changing any byte of an event therefore changes its hash and breaks its
// signature and every link to it.
//
// Fields a kind does not use must be zero (see Validate), so that an event has exactly one
// encoding. An Event is an immutable value once signed (do not modify its slices); it is safe
// for concurrent use. Its JSON form has the field names below, times in RFC 3339 with
// nanoseconds, hashes and keys in hexadecimal, the signature in base64; reloading the JSON
// yields an event with the same canonical encoding and hash.
type Event struct {
	Kind    Kind        `json:"kind"`
	Time    time.Time   `json:"time"`              // when the event takes effect, as the signer states it
	Asset   string      `json:"asset"`             // ID of the asset concerned; for derive, of the new product
	Record  assay.Asset `json:"record,omitzero"`   // register, derive: the asset's description; Record.ID == Asset
	Parents []Hash      `json:"parents,omitempty"` // the events this one builds on (see Kind)
	Signer  Party       `json:"signer"`            // the party exercising its right; signs the event
	Subject Party       `json:"subject,omitzero"`  // license: the licensee; transfer: the assignee
	Right   Right       `json:"right,omitzero"`    // license: the right granted
	Scope   Scope       `json:"scope,omitzero"`    // register, license, change, renew, derive: the scope held or granted
	Action  Action      `json:"action,omitempty"`  // use: the action exercised
	Purpose string      `json:"purpose,omitempty"` // derive, use: the purpose of the exercise
	Region  string      `json:"region,omitempty"`  // use: where the data is used (derive: Record.Region)
	Volume  int64       `json:"volume,omitzero"`   // use: units (records) used
	Note    string      `json:"note,omitempty"`    // free text: grounds of an objection, reason of a cancellation

	Digest  Digest      `json:"digest,omitzero"`  // register, derive: the Digest of the data's Manifest (存证); optional
	Until   time.Time   `json:"until,omitzero"`   // issue: end of the certificate's validity; pledge: end of the secured term
	Amount  assay.Money `json:"amount,omitzero"`  // pledge: the secured amount, a positive whole number of minor units
	Outcome Outcome     `json:"outcome,omitzero"` // arbitrate: how the objection is resolved

	Signature []byte `json:"signature,omitempty"` // Ed25519ctx signature of the hash, 64 bytes
}

// Grants returns the right the event gives: Holding for a registration, the licensed Right
// for a license, ProductOperation for a derivation, and the zero Right for every other kind
// (a transfer moves the right of its parent, which the event alone does not name).
func (e Event) Grants() Right {
	switch e.Kind {
	case KindRegister:
		return Holding
	case KindLicense:
		return e.Right
	case KindDerive:
		return ProductOperation
	}
	return 0
}

// uses reports which optional fields each kind uses.
type uses struct{ record, subject, right, scope, use, until, amount, outcome bool }

var kindUses = [...]uses{
	KindRegister:  {record: true, scope: true},
	KindLicense:   {subject: true, right: true, scope: true},
	KindTransfer:  {subject: true},
	KindChange:    {scope: true},
	KindRenew:     {scope: true},
	KindDerive:    {record: true, scope: true},
	KindUse:       {use: true},
	KindCancel:    {},
	KindObject:    {},
	KindIssue:     {until: true},
	KindPledge:    {subject: true, until: true, amount: true},
	KindRelease:   {},
	KindArbitrate: {outcome: true},
}

// Validate reports the first field that breaks the rules of the event's kind as a
// *FormatError: a defined Kind; a Time between years 1 and 9999; a non-empty Asset; a valid
// Signer (and Subject, different from the Signer, for license and transfer); a valid Record
// whose ID is Asset for register and derive; a valid Scope where the kind takes one; no
// parents for register, one or more distinct ones for derive, exactly one otherwise; a valid
// Action and non-negative Volume for use; an Until after Time for issue and pledge; a positive
// Amount, exact in minor units, for pledge; a defined Outcome for arbitrate; every string
// within MaxString bytes and every list within MaxList entries; zero values in fields the
// kind does not use (a Digest only on register and derive). It does not check the
// signature or the links (see Verify).
func (e Event) Validate() error {
	if !e.Kind.Valid() {
		return &FormatError{Field: "kind", Value: e.Kind.String(), Reason: "undefined kind"}
	}
	u := kindUses[e.Kind]
	if e.Time.IsZero() {
		return &FormatError{Field: "time", Reason: "must be set"}
	}
	if err := checkTime("time", e.Time); err != nil {
		return err
	}
	if e.Asset == "" {
		return &FormatError{Field: "asset", Reason: "must not be empty"}
	}
	for _, f := range [...]struct{ name, v string }{{"asset", e.Asset}, {"purpose", e.Purpose}, {"region", e.Region}, {"note", e.Note}, {"action", string(e.Action)}} {
		if err := checkString(f.name, f.v); err != nil {
			return err
		}
	}
	if err := e.Signer.Validate(); err != nil {
		return prefixField("signer", err)
	}
	if u.subject {
		if err := e.Subject.Validate(); err != nil {
			return prefixField("subject", err)
		}
		if e.Subject.ID == e.Signer.ID {
			return &FormatError{Field: "subject", Value: e.Subject.ID.Short(), Reason: "must differ from the signer"}
		}
	} else if !e.Subject.IsZero() {
		return unused("subject", e.Kind)
	}
	if u.right {
		if !e.Right.Valid() {
			return &FormatError{Field: "right", Value: e.Right.String(), Reason: "a license must grant a right"}
		}
	} else if e.Right != 0 {
		return unused("right", e.Kind)
	}
	if u.record {
		if err := e.Record.Validate(); err != nil {
			return &FormatError{Field: "record", Value: clip(e.Record.ID), Reason: trimPrefix(err.Error())}
		}
		for _, f := range [...]struct {
			name string
			t    time.Time
		}{{"record acquired", e.Record.Acquired}, {"record collectedFrom", e.Record.CollectedFrom}, {"record collectedUntil", e.Record.CollectedUntil}} {
			if err := checkTime(f.name, f.t); err != nil {
				return err
			}
		}
		if e.Record.ID != e.Asset {
			return &FormatError{Field: "record id", Value: clip(e.Record.ID), Reason: "must equal the event's asset"}
		}
	} else if e.Record != (assay.Asset{}) {
		return unused("record", e.Kind)
	} else if !e.Digest.IsZero() {
		return unused("digest", e.Kind)
	}
	if err := e.validateV2(u); err != nil {
		return err
	}
	if u.scope {
		if err := e.Scope.Validate(); err != nil {
			return err
		}
	} else if !e.Scope.IsZero() {
		return unused("scope", e.Kind)
	}
	if u.use {
		if !e.Action.Valid() {
			return &FormatError{Field: "action", Value: clip(string(e.Action)), Reason: "not an ODRL 2.2 action"}
		}
		if e.Region != "" && !assay.ValidRegion(e.Region) {
			return &FormatError{Field: "region", Value: clip(e.Region), Reason: `want an ISO 3166 code such as "CN-GD" or "HK"`}
		}
		if e.Volume < 0 {
			return &FormatError{Field: "volume", Value: strconv.FormatInt(e.Volume, 10), Reason: "must not be negative"}
		}
	} else {
		switch {
		case e.Action != "":
			return unused("action", e.Kind)
		case e.Region != "":
			return unused("region", e.Kind)
		case e.Volume != 0:
			return unused("volume", e.Kind)
		case e.Purpose != "" && e.Kind != KindDerive:
			return unused("purpose", e.Kind)
		}
	}
	return e.validateParents()
}

// validateV2 checks the fields of the kinds added in version 2 of the encoding.
func (e Event) validateV2(u uses) error {
	if u.until {
		if e.Until.IsZero() {
			return &FormatError{Field: "until", Reason: "must be set in a " + e.Kind.String() + " event"}
		}
		if err := checkTime("until", e.Until); err != nil {
			return err
		}
		if !e.Until.After(e.Time) {
			return &FormatError{Field: "until", Value: e.Until.UTC().Format(time.RFC3339), Reason: "must be after the event's time"}
		}
	} else if !e.Until.IsZero() {
		return unused("until", e.Kind)
	}
	if u.amount {
		units, err := e.Amount.MinorUnits()
		switch {
		case e.Amount.Currency().IsZero():
			return &FormatError{Field: "amount", Value: clip(e.Amount.String()), Reason: "a pledge must secure an amount in a currency"}
		case err != nil:
			return &FormatError{Field: "amount", Value: clip(e.Amount.String()), Reason: "must be a whole number of minor units within int64"}
		case units <= 0:
			return &FormatError{Field: "amount", Value: clip(e.Amount.String()), Reason: "must be positive"}
		}
	} else if !e.Amount.IsZero() || !e.Amount.Currency().IsZero() {
		return unused("amount", e.Kind)
	}
	if u.outcome {
		if !e.Outcome.Valid() {
			return &FormatError{Field: "outcome", Value: e.Outcome.String(), Reason: `want "dismissed" or "upheld"`}
		}
	} else if e.Outcome != 0 {
		return unused("outcome", e.Kind)
	}
	return nil
}

func (e Event) validateParents() error {
	n := len(e.Parents)
	switch {
	case e.Kind == KindRegister && n != 0:
		return &FormatError{Field: "parents", Value: strconv.Itoa(n), Reason: "a registration has no parents"}
	case e.Kind == KindDerive && (n == 0 || n > MaxList):
		return &FormatError{Field: "parents", Value: strconv.Itoa(n), Reason: "a derivation needs 1 to " + strconv.Itoa(MaxList) + " parents"}
	case e.Kind != KindRegister && e.Kind != KindDerive && n != 1:
		return &FormatError{Field: "parents", Value: strconv.Itoa(n), Reason: "a " + e.Kind.String() + " event has exactly one parent"}
	}
	for i, p := range e.Parents {
		if p.IsZero() {
			return &FormatError{Field: "parents", Reason: "zero hash"}
		}
		for _, q := range e.Parents[:i] {
			if p == q {
				return &FormatError{Field: "parents", Value: p.String(), Reason: "listed twice"}
			}
		}
	}
	return nil
}

func unused(field string, k Kind) error {
	return &FormatError{Field: field, Reason: "must be empty in a " + k.String() + " event"}
}

func prefixField(prefix string, err error) error {
	if fe := (*FormatError)(nil); errors.As(err, &fe) {
		c := *fe
		c.Field = prefix + " " + trimWord(c.Field, "party ")
		return &c
	}
	return err
}

func trimWord(s, w string) string {
	if len(s) >= len(w) && s[:len(w)] == w {
		return s[len(w):]
	}
	return s
}

// Hash returns the SHA-256 digest of the event's canonical encoding, which identifies it.
// An invalid event returns the *FormatError of Validate.
func (e Event) Hash() (Hash, error) {
	if err := e.Validate(); err != nil {
		return Hash{}, err
	}
	return sha256.Sum256(e.appendBody(nil)), nil
}

// Sign returns a copy of e signed by signer, whose public key must be e.Signer.ID: the
// signature is Ed25519ctx (RFC 8032 §5.1) over e's Hash under SignatureContext. signer may be
// an ed25519.PrivateKey or any crypto.Signer holding an Ed25519 key (a hardware module, a
// remote signing service) that supports ed25519.Options. It returns the event's hash too.
func (e Event) Sign(signer crypto.Signer) (Event, Hash, error) {
	h, err := e.Hash()
	if err != nil {
		return Event{}, Hash{}, err
	}
	pub, ok := signer.Public().(ed25519.PublicKey)
	if !ok || len(pub) != ed25519.PublicKeySize || PartyID(pub) != e.Signer.ID {
		return Event{}, Hash{}, &FormatError{Field: "signer", Value: e.Signer.ID.Short(), Reason: "the signing key is not the signer's Ed25519 key"}
	}
	sig, err := signer.Sign(nil, h[:], &ed25519.Options{Context: SignatureContext}) // a copy: signer may keep it
	if err != nil {
		return Event{}, Hash{}, fmt.Errorf("rights: signing event %s: %w", h.Short(), err)
	}
	e.Signature = sig
	return e, h, nil
}

// verifySignature reports whether e.Signature is the signer's Ed25519ctx signature of h.
func (e Event) verifySignature(h Hash) bool {
	return len(e.Signature) == ed25519.SignatureSize &&
		ed25519.VerifyWithOptions(e.Signer.ID[:], h[:], e.Signature, &signatureOptions) == nil
}

// signatureOptions selects Ed25519ctx with SignatureContext. It is never modified; it is a
// variable only so that verification does not allocate a fresh copy for every event.
var signatureOptions = ed25519.Options{Context: SignatureContext}

// VerifySignature checks that e is valid and carries a good signature by e.Signer, and
// returns its hash. A bad signature returns a *SignatureError; an invalid event a
// *FormatError. It does not check what the signer was entitled to sign (see Verify).
func (e Event) VerifySignature() (Hash, error) {
	h, err := e.Hash()
	if err != nil {
		return Hash{}, err
	}
	if !e.verifySignature(h) {
		return h, &SignatureError{Hash: h, Signer: e.Signer.ID}
	}
	return h, nil
}

// MaxEventJSON is the most bytes Event.UnmarshalJSON accepts.
const MaxEventJSON = 4 * MaxEventSize

// UnmarshalJSON decodes the JSON form of an event and checks it with Validate; input longer
// than MaxEventJSON bytes, unknown fields and invalid events return a *FormatError. The
// signature is not verified.
func (e *Event) UnmarshalJSON(data []byte) error {
	type plain Event // without methods, so decoding does not recurse
	var p plain
	if err := jsonin.Decode(data, &p, MaxEventJSON); err != nil {
		if fe := (*FormatError)(nil); errors.As(err, &fe) {
			return fe
		}
		if je := (*jsonin.Error)(nil); errors.As(err, &je) {
			return &FormatError{Field: strings.TrimSpace("event JSON " + je.Path), Reason: clip(je.Reason)}
		}
		return &FormatError{Field: "event JSON", Reason: clip(err.Error())}
	}
	if err := Event(p).Validate(); err != nil {
		return err
	}
	if n := len(p.Signature); n != 0 && n != ed25519.SignatureSize {
		return &FormatError{Field: "signature", Value: strconv.Itoa(n) + " bytes", Reason: "want 64 bytes"}
	}
	*e = Event(p)
	return nil
}
