package rights

import (
	"crypto/ed25519"
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
)

// The canonical encoding of an event (version 1). Integers are big-endian; a string is its
// length as a uint32 followed by its UTF-8 bytes; a list is its length as a uint32 followed by
// its entries; a time is its Unix seconds as an int64 followed by nanoseconds as a uint32
// (the zero time.Time is -62135596800 s, 0 ns); a bool is one byte, 0 or 1. The body is, in
// order:
//
//	magic     4 bytes  "ARE\x01" (assay rights event, version 1)
//	kind      uint8
//	time      time
//	asset     string
//	record    uint8 0, or 1 followed by: id, name, holder, region (strings),
//	          classification (uint8), acquired (time), usefulLife (int64), records (int64)
//	parents   list of 32-byte hashes
//	signer    party: 32-byte key, name (string), kind (uint8), region (string)
//	subject   party
//	right     uint8
//	scope     actions, purposes, regions (lists of strings), from, until (times),
//	          maxUses, maxVolume (int64), exclusive, sublicensable (bools),
//	          revenueShare (int64, in units of 10⁻⁸), fee currency (string, "" when the fee is
//	          zero), fee (int64, in minor units)
//	action    string
//	purpose   string
//	region    string
//	volume    int64
//	note      string
//
// Version 2 adds the registry's own acts (issue, pledge, release, arbitrate), the data's
// digest and the fields an applicant declares about the data. An event that uses none of
// them — every event that version 1 could express — is still encoded in version 1, byte for
// byte, so the hashes and signatures of existing chains are unchanged. Any other event is
// encoded in version 2: the magic "ARE\x02", the version 1 body, then
//
//	record+   source, updateFrequency, algorithm (strings), bytes (int64),
//	          collectedFrom, collectedUntil (times); all zero when there is no record
//	digest    32 bytes, zero when none
//	until     time
//	amount    currency (string, "" when zero), amount (int64, in minor units)
//	outcome   uint8
//
// A version 2 record of an event that version 1 can express is not canonical and is
// refused, as is a version 1 record of a version 2 kind. Both versions are signed under the
// same SignatureContext: the magic inside the hashed body already tells them apart.
//
// The Hash of an event is SHA-256 of its body. Its binary record (MarshalBinary) is the body
// followed by the signature as a string of 0 or 64 bytes. Decoding is strict — every value
// has one encoding, and no bytes may follow — so that decoding and re-encoding returns the
// same bytes. The JSON Lines export of a registry writes each event's JSON form (see Event)
// on one line; reloading it yields the same canonical bodies and hashes.
const (
	magic   = "ARE\x01"
	magicV2 = "ARE\x02"
)

// v2 reports whether e needs version 2 of the encoding.
func (e Event) v2() bool {
	r := e.Record
	return e.Kind.v2() || !e.Digest.IsZero() || r.Source != "" || r.Bytes != 0 || r.UpdateFrequency != "" ||
		r.Algorithm != "" || !r.CollectedFrom.IsZero() || !r.CollectedUntil.IsZero()
}

// MaxEventSize is the most bytes an event's binary record may have.
const MaxEventSize = 128 << 10

func appendU32(b []byte, v int) []byte { return binary.BigEndian.AppendUint32(b, uint32(v)) }
func appendI64(b []byte, v int64) []byte {
	return binary.BigEndian.AppendUint64(b, uint64(v))
}
func appendStr(b []byte, s string) []byte { return append(appendU32(b, len(s)), s...) }
func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}
func appendTime(b []byte, t time.Time) []byte {
	return binary.BigEndian.AppendUint32(appendI64(b, t.Unix()), uint32(t.Nanosecond()))
}
func appendParty(b []byte, p Party) []byte {
	b = append(b, p.ID[:]...)
	b = appendStr(b, p.Name)
	b = append(b, byte(p.Kind))
	return appendStr(b, p.Region)
}
func appendList[T ~string](b []byte, list []T) []byte {
	b = appendU32(b, len(list))
	for _, v := range list {
		b = appendStr(b, string(v))
	}
	return b
}

// appendMoney appends m as its currency code ("" when zero) and whole minor units; Validate
// has checked that the amount is exact in minor units and fits in int64.
func appendMoney(b []byte, m assay.Money) []byte {
	if m.IsZero() {
		return appendI64(appendStr(b, ""), 0)
	}
	units, _ := m.MinorUnits()
	return appendI64(appendStr(b, m.Currency().Code()), units)
}

// appendBody appends the canonical body of e, which must be valid.
func (e Event) appendBody(b []byte) []byte {
	v2 := e.v2()
	if v2 {
		b = append(b, magicV2...)
	} else {
		b = append(b, magic...)
	}
	b = append(b, byte(e.Kind))
	b = appendTime(b, e.Time)
	b = appendStr(b, e.Asset)
	if r := e.Record; r == (assay.Asset{}) {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendStr(appendStr(appendStr(appendStr(b, r.ID), r.Name), r.Holder), r.Region)
		b = append(b, byte(r.Classification))
		b = appendTime(b, r.Acquired)
		b = appendI64(appendI64(b, int64(r.UsefulLife)), r.Records)
	}
	b = appendU32(b, len(e.Parents))
	for _, p := range e.Parents {
		b = append(b, p[:]...)
	}
	b = appendParty(appendParty(b, e.Signer), e.Subject)
	b = append(b, byte(e.Right))
	s := e.Scope
	b = appendList(appendList(appendList(b, s.Actions), s.Purposes), s.Regions)
	b = appendTime(appendTime(b, s.From), s.Until)
	b = appendI64(appendI64(b, s.MaxUses), s.MaxVolume)
	b = appendBool(appendBool(b, s.Exclusive), s.Sublicensable)
	// Validate has checked that the share has at most 8 places and the fee fits in int64.
	var share int64
	if !s.Royalty.RevenueShare.IsZero() { // Shift allocates; most scopes owe no share
		share = s.Royalty.RevenueShare.Shift(maxShareScale).IntPart()
	}
	b = appendI64(b, share)
	b = appendMoney(b, s.Royalty.Fee)
	b = appendStr(appendStr(appendStr(b, string(e.Action)), e.Purpose), e.Region)
	b = appendI64(b, e.Volume)
	b = appendStr(b, e.Note)
	if !v2 {
		return b
	}
	r := e.Record
	b = appendStr(appendStr(appendStr(b, r.Source), string(r.UpdateFrequency)), r.Algorithm)
	b = appendI64(b, r.Bytes)
	b = appendTime(appendTime(b, r.CollectedFrom), r.CollectedUntil)
	b = append(b, e.Digest[:]...)
	b = appendTime(b, e.Until)
	b = appendMoney(b, e.Amount)
	return append(b, byte(e.Outcome))
}

// MarshalBinary returns the event's binary record: its canonical body followed by its
// signature (see the layout above). An invalid event returns the *FormatError of Validate.
func (e Event) MarshalBinary() ([]byte, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if n := len(e.Signature); n != 0 && n != ed25519.SignatureSize {
		return nil, &FormatError{Field: "signature", Value: strconv.Itoa(n) + " bytes", Reason: "want 0 or 64 bytes"}
	}
	return appendStr(e.appendBody(make([]byte, 0, 512)), string(e.Signature)), nil
}

// UnmarshalBinary decodes a binary record written by MarshalBinary. Records longer than
// MaxEventSize, truncated or trailing bytes, non-canonical values and events that fail
// Validate return a *FormatError; on error e is unchanged. The signature is not verified.
func (e *Event) UnmarshalBinary(data []byte) error {
	ev, _, err := decodeEvent(data)
	if err != nil {
		return err
	}
	*e = ev
	return nil
}

// decodeEvent decodes a binary record and returns the event and the length of its body.
func decodeEvent(data []byte) (Event, int, error) {
	if len(data) > MaxEventSize {
		return Event{}, 0, &FormatError{Field: "event", Value: strconv.Itoa(len(data)) + " bytes", Reason: "longer than " + strconv.Itoa(MaxEventSize) + " bytes"}
	}
	d := decoder{b: data}
	var e Event
	version := string(d.bytes(len(magic), "magic"))
	if version != magic && version != magicV2 && d.err == nil {
		d.fail("magic", "", "not an event record of version 1 or 2")
	}
	e.Kind = Kind(d.u8("kind"))
	e.Time = d.time("time")
	e.Asset = d.str("asset")
	switch d.u8("record") {
	case 0:
	case 1:
		r := &e.Record
		r.ID, r.Name, r.Holder, r.Region = d.str("record id"), d.str("record name"), d.str("record holder"), d.str("record region")
		r.Classification = assay.Classification(d.u8("record classification"))
		r.Acquired = d.time("record acquired")
		life := d.i64("record usefulLife")
		if life < 0 || life > math.MaxInt32 {
			d.fail("record usefulLife", strconv.FormatInt(life, 10), "out of range")
		}
		r.UsefulLife = int(life)
		r.Records = d.i64("record records")
		if *r == (assay.Asset{}) {
			d.fail("record", "", "present but empty")
		}
	default:
		d.fail("record", "", "flag must be 0 or 1")
	}
	if n := d.count("parents"); n > 0 {
		e.Parents = make([]Hash, n)
		for i := range e.Parents {
			copy(e.Parents[i][:], d.bytes(32, "parents"))
		}
	}
	e.Signer = d.party("signer")
	e.Subject = d.party("subject")
	e.Right = Right(d.u8("right"))
	s := &e.Scope
	s.Actions = list[Action](&d, "scope actions")
	s.Purposes = list[string](&d, "scope purposes")
	s.Regions = list[string](&d, "scope regions")
	s.From, s.Until = d.time("scope from"), d.time("scope until")
	s.MaxUses, s.MaxVolume = d.i64("scope maxUses"), d.i64("scope maxVolume")
	s.Exclusive, s.Sublicensable = d.bool("scope exclusive"), d.bool("scope sublicensable")
	if share := d.i64("royalty revenueShare"); share != 0 {
		s.Royalty.RevenueShare = decimal.New(share, -maxShareScale)
	}
	s.Royalty.Fee = d.money("royalty fee")
	e.Action = Action(d.str("action"))
	e.Purpose = d.str("purpose")
	e.Region = d.str("region")
	e.Volume = d.i64("volume")
	e.Note = d.str("note")
	if version == magicV2 {
		d.decodeV2(&e)
	}
	body := d.off
	switch n := d.u32("signature"); n {
	case 0:
	case ed25519.SignatureSize:
		e.Signature = slices.Clone(d.bytes(int(n), "signature"))
	default:
		d.fail("signature", strconv.FormatUint(uint64(n), 10)+" bytes", "want 0 or 64 bytes")
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("event", strconv.Itoa(len(d.b)-d.off)+" bytes", "trailing data")
	}
	if d.err != nil {
		return Event{}, 0, d.err
	}
	if err := e.Validate(); err != nil {
		return Event{}, 0, err
	}
	if e.v2() != (version == magicV2) {
		return Event{}, 0, &FormatError{Field: "magic", Value: e.Kind.String(), Reason: "not the canonical version for this event"}
	}
	return e, body, nil
}

// decodeV2 reads the fields that version 2 appends.
func (d *decoder) decodeV2(e *Event) {
	r := &e.Record
	source, freq, algo := d.str("record source"), d.str("record updateFrequency"), d.str("record algorithm")
	size := d.i64("record bytes")
	from, until := d.time("record collectedFrom"), d.time("record collectedUntil")
	if *r == (assay.Asset{}) {
		if source != "" || freq != "" || algo != "" || size != 0 || !from.IsZero() || !until.IsZero() {
			d.fail("record", "", "declared fields without a record")
		}
	} else {
		r.Source, r.UpdateFrequency, r.Algorithm, r.Bytes, r.CollectedFrom, r.CollectedUntil =
			source, assay.UpdateFrequency(freq), algo, size, from, until
	}
	copy(e.Digest[:], d.bytes(32, "digest"))
	e.Until = d.time("until")
	e.Amount = d.money("amount")
	e.Outcome = Outcome(d.u8("outcome"))
}

// decoder reads the canonical encoding; after the first error every read returns zero.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(field, value, reason string) {
	if d.err == nil {
		d.err = &FormatError{Field: field, Value: clip(value), Reason: reason}
	}
}

func (d *decoder) bytes(n int, field string) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b)-d.off {
		d.fail(field, "", "truncated")
		return nil
	}
	v := d.b[d.off : d.off+n]
	d.off += n
	return v
}

func (d *decoder) u8(field string) byte {
	if v := d.bytes(1, field); v != nil {
		return v[0]
	}
	return 0
}

func (d *decoder) u32(field string) uint32 {
	if v := d.bytes(4, field); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

func (d *decoder) i64(field string) int64 {
	if v := d.bytes(8, field); v != nil {
		return int64(binary.BigEndian.Uint64(v))
	}
	return 0
}

func (d *decoder) bool(field string) bool {
	switch d.u8(field) {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail(field, "", "bool must be 0 or 1")
	return false
}

func (d *decoder) str(field string) string {
	n := d.u32(field)
	if n > MaxString {
		d.fail(field, strconv.FormatUint(uint64(n), 10)+" bytes", "longer than "+strconv.Itoa(MaxString)+" bytes")
		return ""
	}
	v := d.bytes(int(n), field)
	if !utf8.Valid(v) {
		d.fail(field, string(v), "not valid UTF-8")
		return ""
	}
	return string(v)
}

func (d *decoder) count(field string) int {
	n := d.u32(field)
	if n > MaxList {
		d.fail(field, strconv.FormatUint(uint64(n), 10)+" entries", "more than "+strconv.Itoa(MaxList)+" entries")
		return 0
	}
	return int(n)
}

func list[T ~string](d *decoder, field string) []T {
	n := d.count(field)
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n)
	for range n {
		out = append(out, T(d.str(field)))
	}
	return out
}

func (d *decoder) time(field string) time.Time {
	sec, nsec := d.i64(field), d.u32(field)
	if sec < minUnix || sec > maxUnix {
		d.fail(field, strconv.FormatInt(sec, 10)+" s", "outside years 1 to 9999")
		return time.Time{}
	}
	if nsec >= 1e9 {
		d.fail(field, strconv.FormatUint(uint64(nsec), 10)+" ns", "nanoseconds out of range")
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec)).UTC()
	if t.IsZero() {
		return time.Time{}
	}
	return t
}

// money reads an amount written as a currency code ("" for zero) and whole minor units.
func (d *decoder) money(field string) assay.Money {
	code, units := d.str(field+" currency"), d.i64(field)
	switch {
	case code == "" && units != 0:
		d.fail(field, strconv.FormatInt(units, 10), "has no currency")
	case code != "" && units == 0:
		d.fail(field+" currency", code, "a zero amount has no currency")
	case code != "":
		c, err := assay.ParseCurrency(code)
		if err != nil {
			d.fail(field+" currency", code, "not an ISO 4217 currency")
			return assay.Money{}
		}
		return assay.MoneyFromMinor(units, c)
	}
	return assay.Money{}
}

func (d *decoder) party(field string) Party {
	var p Party
	copy(p.ID[:], d.bytes(32, field+" id"))
	p.Name = d.str(field + " name")
	p.Kind = PartyKind(d.u8(field + " kind"))
	p.Region = d.str(field + " region")
	return p
}
