package rights

import "strconv"

// Kind is the kind of a registration event, after the registration types of Shenzhen's
// Interim Measures for Data Property Rights Registration (深发改规〔2023〕5号: 首次, 许可, 转移,
// 变更, 注销, 异议), Changchun's renewal (续展), derivation of data products, recorded uses,
// and the registry's own acts: issuing a certificate after publication (公示 then 签发证书, as
// in Shandong's data-IP registration rules of 2023), pledges of registered data for
// financing and their release (质押融资; Civil Code Arts. 440 and 444), and the resolution of
// an objection by a registrar or a court. The zero Kind is invalid. Its JSON and text form is
// the name listed with each constant.
//
// Parents holds, for each kind, the events an event builds on:
//
//	kind      signer                       parents                          grants
//	register  the holder                   none                             Holding of Asset, scope Scope
//	license   holder of the parent grant   the grant exercised (one)        Right with Scope to Subject
//	transfer  holder of the parent grant   the grant assigned (one)         the parent grant, to Subject
//	change    grantor of the license       the license (one)                narrows its Scope from Time
//	renew     grantor of the license       the license (one)                replaces its Scope, may extend Until
//	cancel    see below                    the license, registration, derivation or objection (one)
//	object    a party with standing        the event disputed (one)         suspends it and all built on it (see Config)
//	derive    holder of each parent grant  grants on the parent assets      ProductOperation of the new Asset
//	use       holder of the parent grant   the grant exercised (one)        records Action, Volume
//	issue     a registrar (Config)         the registration or derivation   makes it effective; a certificate valid until Until
//	pledge    holder of the parent grant   the grant pledged (one)          to Subject (the pledgee), securing Amount until Until
//	release   the pledgee                  the pledge (one)                 ends the pledge (and is the pledgee's consent)
//	arbitrate a registrar or arbiter       the objection (one)              Outcome: dismissed ends it; upheld also voids what it disputed
//
// A registration or derivation is cancelled by whoever holds it at the time (after a transfer,
// the assignee), a license by its grantor (revocation) or its holder (surrender), an objection
// by the objector (withdrawal).
type Kind uint8

// The kinds of event.
const (
	KindRegister  Kind = iota + 1 // "register": initial registration (首次登记)
	KindLicense                   // "license": grant of a right with a scope (许可登记)
	KindTransfer                  // "transfer": assignment of a grant (转移登记)
	KindChange                    // "change": narrowing of a license's scope (变更登记)
	KindRenew                     // "renew": renewal of a license (续展)
	KindCancel                    // "cancel": revocation or surrender (注销登记), or withdrawal of an objection
	KindObject                    // "object": a dispute that suspends rights until withdrawn (异议登记)
	KindDerive                    // "derive": a new data product made from parent assets
	KindUse                       // "use": a recorded exercise of a grant, counted against its limits
	KindIssue                     // "issue": a registrar issues the certificate of a registration (签发证书), or renews it
	KindPledge                    // "pledge": a grant pledged to secure a debt (质押登记)
	KindRelease                   // "release": the pledgee releases a pledge (解除质押)
	KindArbitrate                 // "arbitrate": a registrar or court resolves an objection
)

// v2 reports whether events of kind k need version 2 of the canonical encoding.
func (k Kind) v2() bool { return k >= KindIssue }

var kindNames = [...]string{KindRegister: "register", KindLicense: "license", KindTransfer: "transfer",
	KindChange: "change", KindRenew: "renew", KindCancel: "cancel", KindObject: "object",
	KindDerive: "derive", KindUse: "use", KindIssue: "issue", KindPledge: "pledge", KindRelease: "release",
	KindArbitrate: "arbitrate"}

// Valid reports whether k is a defined kind.
func (k Kind) Valid() bool { return k != 0 && int(k) < len(kindNames) }

// String returns the kind's JSON name.
func (k Kind) String() string {
	if k.Valid() {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes k by name.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, &FormatError{Field: "kind", Value: k.String(), Reason: "undefined kind"}
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes a kind by name.
func (k *Kind) UnmarshalText(text []byte) error {
	v, ok := lookupName(kindNames[:], string(text))
	if !ok || v == 0 {
		return &FormatError{Field: "kind", Value: clip(string(text)),
			Reason: "want register, license, transfer, change, renew, cancel, object, derive, use, issue, pledge, release or arbitrate"}
	}
	*k = Kind(v)
	return nil
}

// Outcome is how an arbitration resolves an objection. The zero Outcome is invalid in an
// arbitrate event. Its JSON and text form is "dismissed" or "upheld".
type Outcome uint8

// The outcomes of an arbitration.
const (
	Dismissed Outcome = iota + 1 // the objection fails: the event disputed stands again
	Upheld                       // the objection succeeds: the event disputed is void from then on
)

var outcomeNames = [...]string{Dismissed: "dismissed", Upheld: "upheld"}

// Valid reports whether o is a defined outcome.
func (o Outcome) Valid() bool { return o != 0 && int(o) < len(outcomeNames) }

// String returns the outcome's JSON name.
func (o Outcome) String() string {
	if o.Valid() {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText encodes o by name.
func (o Outcome) MarshalText() ([]byte, error) {
	if !o.Valid() {
		return nil, &FormatError{Field: "outcome", Value: o.String(), Reason: "undefined outcome"}
	}
	return []byte(outcomeNames[o]), nil
}

// UnmarshalText decodes "dismissed" or "upheld".
func (o *Outcome) UnmarshalText(text []byte) error {
	v, ok := lookupName(outcomeNames[:], string(text))
	if !ok || v == 0 {
		return &FormatError{Field: "outcome", Value: clip(string(text)), Reason: `want "dismissed" or "upheld"`}
	}
	*o = Outcome(v)
	return nil
}
