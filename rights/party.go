package rights

import (
	"crypto/ed25519"
	"encoding/hex"
	"strconv"
	"unicode/utf8"

	"github.com/dataassay/assay"
)

// PartyID identifies a party by its Ed25519 public key (RFC 8032): the 32 bytes are the key.
// Its text and JSON form is the key in lower-case hexadecimal (64 characters). The zero
// PartyID is "no party". A PartyID is comparable and usable as a map key.
type PartyID [ed25519.PublicKeySize]byte

// PartyIDOf returns the PartyID of an Ed25519 public key; a key of the wrong length returns
// a *FormatError.
func PartyIDOf(pub ed25519.PublicKey) (PartyID, error) {
	var id PartyID
	if len(pub) != len(id) {
		return id, &FormatError{Field: "party id", Value: strconv.Itoa(len(pub)) + " bytes", Reason: "want a 32-byte Ed25519 public key"}
	}
	copy(id[:], pub)
	return id, nil
}

// PublicKey returns the Ed25519 public key; the caller may modify the returned slice.
func (id PartyID) PublicKey() ed25519.PublicKey { return append(ed25519.PublicKey(nil), id[:]...) }

// IsZero reports whether id is the zero PartyID.
func (id PartyID) IsZero() bool { return id == PartyID{} }

// String returns the key in lower-case hexadecimal.
func (id PartyID) String() string { return hex.EncodeToString(id[:]) }

// Short returns the first 8 hexadecimal digits of the key, for tables and logs.
func (id PartyID) Short() string { return hex.EncodeToString(id[:4]) }

// MarshalText encodes the key in lower-case hexadecimal.
func (id PartyID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText decodes 64 hexadecimal digits.
func (id *PartyID) UnmarshalText(text []byte) error {
	return decodeHex32((*[32]byte)(id), text, "party id")
}

func decodeHex32(dst *[32]byte, text []byte, field string) error {
	if len(text) != 64 {
		return &FormatError{Field: field, Value: clip(string(text)), Reason: "want 64 hexadecimal digits"}
	}
	var b [32]byte
	if _, err := hex.Decode(b[:], text); err != nil {
		return &FormatError{Field: field, Value: clip(string(text)), Reason: "want 64 hexadecimal digits"}
	}
	*dst = b
	return nil
}

// PartyKind is the kind of organisation or person a party is, after the actors of China's
// data markets: government bodies and their big-data centres, state-owned platforms, private
// platforms, intermediaries (数据商, third-party service providers) and individuals. The zero
// value is "unspecified". Its JSON and text form is the name listed with each constant.
type PartyKind uint8

// The kinds of party.
const (
	Government      PartyKind = iota + 1 // "government": a government body or public institution, e.g. a municipal big-data centre
	StateOwned                           // "state-owned": a state-owned enterprise or platform
	PrivatePlatform                      // "private-platform": a private enterprise or platform
	Intermediary                         // "intermediary": a data merchant or third-party service provider
	Individual                           // "individual": a natural person
)

var partyKindNames = [...]string{Government: "government", StateOwned: "state-owned",
	PrivatePlatform: "private-platform", Intermediary: "intermediary", Individual: "individual"}

// String returns the kind's JSON name, "unspecified" for the zero value.
func (k PartyKind) String() string {
	if k == 0 {
		return "unspecified"
	}
	if int(k) < len(partyKindNames) {
		return partyKindNames[k]
	}
	return "PartyKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes k by name; the zero value encodes as the empty text.
func (k PartyKind) MarshalText() ([]byte, error) {
	if int(k) >= len(partyKindNames) {
		return nil, &FormatError{Field: "party kind", Value: k.String(), Reason: "undefined kind"}
	}
	return []byte(partyKindNames[k]), nil
}

// UnmarshalText decodes a kind by name; the empty text is the zero value.
func (k *PartyKind) UnmarshalText(text []byte) error {
	v, ok := lookupName(partyKindNames[:], string(text))
	if !ok {
		return &FormatError{Field: "party kind", Value: clip(string(text)),
			Reason: `want "government", "state-owned", "private-platform", "intermediary" or "individual"`}
	}
	*k = PartyKind(v)
	return nil
}

// Party is a participant in a rights chain. Only ID identifies it: the name, kind and region
// are what the signer of an event declared, shown to people and to the cross-border check,
// and verification never trusts them to decide who is who.
//
// The zero Party is "no party". A Party is a plain value, safe to copy and to read
// concurrently.
type Party struct {
	ID     PartyID   `json:"id"`               // Ed25519 public key
	Name   string    `json:"name,omitempty"`   // display name, UTF-8, at most MaxString bytes
	Kind   PartyKind `json:"kind,omitzero"`    // kind of organisation
	Region string    `json:"region,omitempty"` // ISO 3166 code of its seat: "CN-GD", "HK"
}

// IsZero reports whether p is the zero Party.
func (p Party) IsZero() bool { return p == Party{} }

// Validate reports the first invalid field as a *FormatError: the ID must be set, the Name
// valid UTF-8 of at most MaxString bytes, the Kind defined, and the Region empty or an ISO
// 3166 code (assay.ValidRegion).
func (p Party) Validate() error {
	if p.ID.IsZero() {
		return &FormatError{Field: "party id", Reason: "must be set"}
	}
	if err := checkString("party name", p.Name); err != nil {
		return err
	}
	if int(p.Kind) >= len(partyKindNames) {
		return &FormatError{Field: "party kind", Value: p.Kind.String(), Reason: "undefined kind"}
	}
	if p.Region != "" && !assay.ValidRegion(p.Region) {
		return &FormatError{Field: "party region", Value: clip(p.Region), Reason: `want an ISO 3166 code such as "CN-GD" or "HK"`}
	}
	return nil
}

// String returns the name and the short key, "Guangzhou Big Data Centre (3b6a27bc)".
func (p Party) String() string {
	if p.Name == "" {
		return p.ID.Short()
	}
	return p.Name + " (" + p.ID.Short() + ")"
}

// checkString enforces the limits every string of an event obeys.
func checkString(field, s string) error {
	if len(s) > MaxString {
		return &FormatError{Field: field, Value: clip(s), Reason: "longer than " + strconv.Itoa(MaxString) + " bytes"}
	}
	if !utf8.ValidString(s) {
		return &FormatError{Field: field, Value: clip(s), Reason: "not valid UTF-8"}
	}
	return nil
}
