package assay

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// moneyJSON is the wire form of Money: the amount as a decimal string, so that no JSON reader
// turns it into a binary float, and the ISO 4217 code.
type moneyJSON struct {
	Amount   json.RawMessage `json:"amount"`
	Currency *string         `json:"currency"`
}

// MarshalJSON encodes m as {"amount":"12.34","currency":"CNY"}. The amount is written as
// String writes it — at least the currency's minor-unit digits, never rounded — unless that
// text would exceed the 256 bytes that decoding accepts; then the shortest exact form is used
// (without padding, or in scientific notation such as "1e900"). The zero Money encodes as
// null; any other amount without a currency, or one with no exact form of at most 256 bytes,
// is an error.
func (m Money) MarshalJSON() ([]byte, error) {
	if m.currency.IsZero() {
		if m.IsZero() {
			return []byte("null"), nil
		}
		return nil, &FieldError{Field: "currency", Value: "", Err: fmtErr(ErrInvalidCurrency, "amount has no currency")}
	}
	b, err := m.appendAmountText(append(make([]byte, 0, 64), `{"amount":"`...))
	if err != nil {
		return nil, err
	}
	b = append(b, `","currency":"`...)
	b = append(b, m.currency.Code()...)
	b = append(b, `"}`...)
	return b, nil
}

// UnmarshalJSON decodes {"amount":"12.34","currency":"CNY"}. The amount may also be a bare
// JSON number ({"amount":12.34,…}), read as its exact decimal text, never through float64.
// Both fields are required. The amount follows NewMoney's rules (at most 256 bytes, exponent
// within ±1000) and the currency must be an ISO 4217 code; errors name the field and value.
// JSON null leaves m unchanged, as encoding/json does for other types.
func (m *Money) UnmarshalJSON(data []byte) error {
	if amount, code, ok := scanMoneyJSON(data); ok {
		c, ok := lookupCurrency(code)
		if !ok {
			_, err := ParseCurrency(string(code))
			return err
		}
		if coef, exp, ok := parseSmall(amount); ok {
			*m = Money{coef: coef, exp: exp, currency: c}
			return nil
		}
		v, err := parseMoney(string(amount), c)
		if err != nil {
			return err
		}
		*m = v
		return nil
	}
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var w moneyJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return &FieldError{Field: "money", Value: clip(string(data), 64), Err: fmtErr(ErrInvalidInput, "want {\"amount\":\"12.34\",\"currency\":\"CNY\"}")}
	}
	if w.Currency == nil {
		return &FieldError{Field: "currency", Value: "", Err: fmtErr(ErrInvalidCurrency, "missing")}
	}
	c, err := ParseCurrency(*w.Currency)
	if err != nil {
		return err
	}
	raw := bytes.TrimSpace(w.Amount)
	var text string
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return &FieldError{Field: "amount", Value: "", Err: fmtErr(ErrInvalidAmount, "missing")}
	case raw[0] == '"':
		if len(raw) > 2*maxAmountLen+2 {
			return &FieldError{Field: "amount", Value: clip(string(raw), 64), Err: fmtErr(ErrInvalidAmount, "longer than 256 bytes")}
		}
		if err := json.Unmarshal(raw, &text); err != nil {
			return &FieldError{Field: "amount", Value: clip(string(raw), 64), Err: fmtErr(ErrInvalidAmount, "not a JSON string")}
		}
	default:
		text = string(raw) // a JSON number: its grammar is a subset of parseAmount's
	}
	v, err := parseMoney(text, c)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalText encodes m as "12.34 CNY", the form String prints (with MarshalJSON's rule for
// amounts too long for it). The zero Money encodes as
// the empty text; any other amount without a currency is an error.
func (m Money) MarshalText() ([]byte, error) {
	if m.currency.IsZero() {
		if m.IsZero() {
			return []byte{}, nil
		}
		return nil, &FieldError{Field: "currency", Value: "", Err: fmtErr(ErrInvalidCurrency, "amount has no currency")}
	}
	b, err := m.appendAmountText(make([]byte, 0, 32))
	if err != nil {
		return nil, err
	}
	return append(append(b, ' '), m.currency.Code()...), nil
}

// appendAmountText appends the amount as the encoders write it: the String form if it fits
// the decoders' 256-byte bound, else the shortest exact form that does.
func (m Money) appendAmountText(b []byte) ([]byte, error) {
	start := len(b)
	if t, ok := m.appendFixed(b); ok && len(t)-start <= maxAmountLen {
		return t, nil
	}
	// Forms that would be longer than maxAmountLen are not built at all: with an exponent of
	// ±10⁹ they would take gigabytes.
	d := m.dec()
	nd, exp := int64(d.NumDigits()), int64(d.Exponent())
	if nd+exp <= maxAmountLen { // the integer part is short enough
		if p := m.places(); p <= maxAmountLen {
			if s := d.StringFixed(p); len(s) <= maxAmountLen {
				return append(b, s...), nil
			}
		}
		if exp >= -(maxAmountLen + nd) { // at most 256 leading zeros
			if s := d.String(); len(s) <= maxAmountLen { // exact, no padding (not a money path: text only)
				return append(b, s...), nil
			}
		}
	}
	if s := d.Coefficient().String() + "e" + strconv.Itoa(int(d.Exponent())); len(s) <= maxAmountLen {
		return append(b, s...), nil
	}
	return nil, &FieldError{Field: "amount", Value: m.errorText(), Err: fmtErr(ErrOverflow, "has no exact text form of at most 256 bytes")}
}

// UnmarshalText decodes "12.34 CNY": an amount, one space, an ISO 4217 code. The empty text
// decodes to the zero Money.
func (m *Money) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Money{}
		return nil
	}
	amount, code, ok := bytes.Cut(text, []byte(" "))
	if !ok {
		return &FieldError{Field: "money", Value: clip(string(text), 64), Err: fmtErr(ErrInvalidInput, `want "12.34 CNY"`)}
	}
	if c, ok := lookupCurrency(code); ok {
		if coef, exp, ok := parseSmall(amount); ok {
			*m = Money{coef: coef, exp: exp, currency: c}
			return nil
		}
	}
	v, err := NewMoney(string(amount), string(code))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// scanMoneyJSON is the fast path of UnmarshalJSON for the plain form that encoders write:
// an object with exactly the keys "amount" (a string or number) and "currency" (a string),
// in either order, with plain ASCII strings. It reports ok = false for anything else — duplicate or
// unknown keys, escapes, other value types, malformed input — which the general path then
// decodes (or rejects) with encoding/json, so both paths accept and produce the same values.
func scanMoneyJSON(data []byte) (amount, code []byte, ok bool) {
	i := skipJSONSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, nil, false
	}
	i++
	var key []byte
	var haveAmount, haveCode bool
	for k := 0; k < 2; k++ {
		if key, i, ok = scanPlainString(data, skipJSONSpace(data, i)); !ok {
			return nil, nil, false
		}
		if i = skipJSONSpace(data, i); i >= len(data) || data[i] != ':' {
			return nil, nil, false
		}
		i = skipJSONSpace(data, i+1)
		switch {
		case string(key) == "amount" && !haveAmount:
			if i < len(data) && data[i] == '"' {
				if amount, i, ok = scanPlainString(data, i); !ok {
					return nil, nil, false
				}
			} else {
				start := i
				if i = scanJSONNumber(data, i); i == start {
					return nil, nil, false
				}
				amount = data[start:i]
			}
			haveAmount = true
		case string(key) == "currency" && !haveCode:
			if code, i, ok = scanPlainString(data, i); !ok {
				return nil, nil, false
			}
			haveCode = true
		default:
			return nil, nil, false
		}
		i = skipJSONSpace(data, i)
		if k == 0 {
			if i >= len(data) || data[i] != ',' {
				return nil, nil, false
			}
			i++
		}
	}
	if i >= len(data) || data[i] != '}' {
		return nil, nil, false
	}
	return amount, code, skipJSONSpace(data, i+1) == len(data)
}

// skipJSONSpace returns the index of the first byte at or after i that is not JSON white space.
func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// scanPlainString reads the JSON string that starts at data[i] if it has no escapes, control
// characters or non-ASCII bytes (which encoding/json would unescape or repair), returning its
// contents and the index just past it.
func scanPlainString(data []byte, i int) ([]byte, int, bool) {
	if i >= len(data) || data[i] != '"' {
		return nil, i, false
	}
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return data[i+1 : j], j + 1, true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return nil, i, false
		}
	}
	return nil, i, false
}

// scanJSONNumber returns the index just past the JSON number (RFC 8259 §6:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?) that starts at data[i], or i if none does.
func scanJSONNumber(data []byte, i int) int {
	start, n := i, len(data)
	digits := func() bool {
		j := i
		for i < n && isDigit(data[i]) {
			i++
		}
		return i > j
	}
	if i < n && data[i] == '-' {
		i++
	}
	switch {
	case i < n && data[i] == '0':
		i++
	case !digits():
		return start
	}
	if i < n && data[i] == '.' {
		i++
		if !digits() {
			return start
		}
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return start
		}
	}
	return i
}
