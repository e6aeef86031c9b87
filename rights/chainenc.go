package rights

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strconv"
)

// chainMagic opens a chain document (assay rights chain, version 1).
const chainMagic = "ARC\x01"

// MarshalChain encodes events as one binary document, for storage or transport: the magic
// "ARC\x01", the number of events as a uint32, then each event's binary record
// (Event.MarshalBinary) preceded by its length as a uint32. Invalid events return the
// *FormatError of Validate.
func MarshalChain(events []Event) ([]byte, error) {
	if len(events) > MaxChainEvents {
		return nil, &FormatError{Field: "chain", Value: strconv.Itoa(len(events)) + " events", Reason: "more than " + strconv.Itoa(MaxChainEvents) + " events"}
	}
	b := binary.BigEndian.AppendUint32([]byte(chainMagic), uint32(len(events)))
	for _, e := range events {
		rec, err := e.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b = append(binary.BigEndian.AppendUint32(b, uint32(len(rec))), rec...)
	}
	return b, nil
}

// UnmarshalChain decodes a document written by MarshalChain. More than MaxChainEvents
// events, a record longer than MaxEventSize, a count that the data cannot hold, truncated or
// trailing bytes, and invalid events return a *FormatError. Signatures are not verified
// (see NewChain).
func UnmarshalChain(data []byte) ([]Event, error) {
	d := decoder{b: data}
	if string(d.bytes(len(chainMagic), "chain magic")) != chainMagic && d.err == nil {
		d.fail("chain magic", "", "not a chain document of version 1")
	}
	n := d.u32("chain count")
	// Each record takes its 4-byte length and at least the fixed part of an event, so a
	// count the data cannot hold is refused before anything is allocated for it.
	if d.err == nil && (n > MaxChainEvents || uint64(n)*minRecord > uint64(len(data)-d.off)) {
		d.fail("chain count", strconv.FormatUint(uint64(n), 10), "more events than the data can hold or than "+strconv.Itoa(MaxChainEvents))
	}
	if d.err != nil {
		return nil, d.err
	}
	events := make([]Event, 0, n)
	for i := range n {
		size := d.u32("chain record")
		if d.err == nil && size > MaxEventSize {
			d.fail("chain record", strconv.FormatUint(uint64(size), 10)+" bytes", "longer than "+strconv.Itoa(MaxEventSize)+" bytes")
		}
		rec := d.bytes(int(size), "chain record")
		if d.err != nil {
			return nil, d.err
		}
		var e Event
		if err := e.UnmarshalBinary(rec); err != nil {
			return nil, &FormatError{Field: "chain event " + strconv.FormatUint(uint64(i), 10), Reason: trimPrefix(err.Error())}
		}
		events = append(events, e)
	}
	if d.off != len(data) {
		return nil, &FormatError{Field: "chain", Value: strconv.Itoa(len(data)-d.off) + " bytes", Reason: "trailing data"}
	}
	return events, nil
}

// minRecord is the fewest bytes an event record with its length prefix can take: the
// length, the magic, the kind, three times, two parties with empty strings, and the fixed
// fields; a loose lower bound is enough to refuse impossible counts.
const minRecord = 4 + 4 + 1 + 3*12 + 2*(32+4+1+4)

// UnmarshalChainJSON decodes a JSON array of events — the form json.Marshal writes for an
// []Event — reading one event at a time. More than MaxChainEvents events, anything but an
// array, and events that Event.UnmarshalJSON rejects return a *FormatError. Signatures are
// not verified (see NewChain).
func UnmarshalChainJSON(data []byte) ([]Event, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, &FormatError{Field: "chain JSON", Reason: "want an array of events"}
	}
	var events []Event
	for dec.More() {
		if len(events) == MaxChainEvents {
			return nil, &FormatError{Field: "chain JSON", Reason: "more than " + strconv.Itoa(MaxChainEvents) + " events"}
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, &FormatError{Field: "chain JSON", Value: "event " + strconv.Itoa(len(events)), Reason: clip(err.Error())}
		}
		var e Event
		if err := e.UnmarshalJSON(raw); err != nil {
			return nil, &FormatError{Field: "chain JSON event " + strconv.Itoa(len(events)), Reason: trimPrefix(err.Error())}
		}
		events = append(events, e)
	}
	if _, err := dec.Token(); err != nil {
		return nil, &FormatError{Field: "chain JSON", Reason: clip(err.Error())}
	}
	if dec.More() || dec.InputOffset() != int64(len(bytes.TrimRight(data, " \t\r\n"))) {
		return nil, &FormatError{Field: "chain JSON", Reason: "trailing data"}
	}
	return events, nil
}
