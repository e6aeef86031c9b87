package rights

import "encoding/hex"

// Hash is the SHA-256 digest of an event's canonical encoding (see Event.MarshalBinary). It
// identifies the event, and later events name the events they build on by their Hash. Its
// text and JSON form is lower-case hexadecimal (64 characters). The zero Hash names no event.
type Hash [32]byte

// IsZero reports whether h is the zero Hash.
func (h Hash) IsZero() bool { return h == Hash{} }

// String returns the hash in lower-case hexadecimal.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Short returns the first 12 hexadecimal digits, for tables and logs.
func (h Hash) Short() string { return hex.EncodeToString(h[:6]) }

// MarshalText encodes h in lower-case hexadecimal.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes 64 hexadecimal digits.
func (h *Hash) UnmarshalText(text []byte) error { return decodeHex32((*[32]byte)(h), text, "hash") }

// ParseHash decodes a hash from 64 hexadecimal digits.
func ParseHash(s string) (Hash, error) {
	var h Hash
	err := h.UnmarshalText([]byte(s))
	return h, err
}
