// Package jsonin decodes untrusted JSON input the one way every package of the module does: a
// size cap checked before any parsing, exactly one value (trailing data rejected), unknown
// fields rejected, and errors that name the offending field's path.
package jsonin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/dataassay/assay/internal/errs"
)

// DefaultMaxBytes is the size cap that Decode applies when maxBytes ≤ 0: 1 MiB, ample for any
// single plan, appraisal case, game or policy and small enough that a hostile document cannot
// cost more than a few megabytes to reject.
const DefaultMaxBytes = 1 << 20

// Error reports JSON that is too large, malformed, of the wrong shape, or carries an unknown
// field or trailing data. Packages wrap it in their own typed input error.
type Error struct {
	Path   string // the field's path, e.g. "tiers[2].price"; "" for the whole document
	Reason string // what is wrong, e.g. `unknown field "prise"`
	Err    error  // the nested value's own error, when its UnmarshalJSON failed; else nil
}

// Unwrap returns the nested value's error, if any.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Reason
	}
	return e.Path + ": " + e.Reason
}

// NestedError is a typed error of a nested value's UnmarshalJSON (an amount, a currency, a
// date), with the path of the value in the document. It prints the nested error with the path
// after it, and unwraps to it, so errors.Is and errors.As see the nested error's type and
// sentinel as before.
type NestedError struct {
	Path string // e.g. "fees[0].fixed"
	Err  error
}

func (e *NestedError) Error() string { return e.Err.Error() + " (at " + e.Path + ")" }

// Unwrap returns the nested value's error.
func (e *NestedError) Unwrap() error { return e.Err }

// Decode decodes exactly one JSON value from data into v. Documents over maxBytes (DefaultMaxBytes
// when maxBytes ≤ 0), syntax errors, values of the wrong type, unknown object fields and
// anything but white space after the value return an *Error. An error returned by a nested
// UnmarshalJSON that wraps another (the module's typed errors, which match a sentinel) comes
// back as a *NestedError naming the value's path and unwrapping to it; any other (a decimal's
// "can't convert abc to decimal") is returned as an *Error at the path of the failing value,
// wrapping it.
func Decode(data []byte, v any, maxBytes int) error {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if len(data) > maxBytes {
		return &Error{Reason: fmt.Sprintf("document is %d bytes, more than the limit of %d", len(data), maxBytes)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return translate(data, reflect.TypeOf(v), err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Reason: fmt.Sprintf("trailing data after the JSON value at byte %d", dec.InputOffset())}
	}
	return nil
}

func translate(data []byte, t reflect.Type, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return &Error{Reason: "empty document: want one JSON value"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Reason: "document ends in the middle of a JSON value"}
	case errors.As(err, &syn):
		return &Error{Reason: fmt.Sprintf("malformed JSON at byte %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))}
	case errors.As(err, &typ):
		what := typ.Value
		if what == "" {
			what = "value"
		}
		return &Error{Path: typ.Field, Reason: fmt.Sprintf("want %s, got a JSON %s", goTypeName(typ), what)}
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		name, uerr := strconv.Unquote(name)
		if uerr != nil {
			name = strings.Trim(name, `"`)
		}
		return &Error{Path: keyPath(data, name), Reason: fmt.Sprintf("unknown field %q", errs.Clip(name, 64))}
	}
	if strings.HasPrefix(msg, "json: ") {
		return &Error{Reason: errs.Clip(strings.TrimPrefix(msg, "json: "), 200)}
	}
	// A nested UnmarshalJSON failed. A typed error of the module's packages names what is
	// wrong and passes through; any other (a decimal's "can't convert abc to decimal") is
	// reported at the path of the value that fails.
	var fielded interface{ Unwrap() error }
	if errors.As(err, &fielded) {
		if path := locate(data, t, err); path != "" {
			return &NestedError{Path: path, Err: err}
		}
		return err
	}
	return &Error{Path: locate(data, t, err), Reason: errs.Clip(msg, 200), Err: err}
}

func locate(data []byte, t reflect.Type, err error) string {
	l := locator{msg: err.Error(), budget: maxLocateSteps}
	path, _ := l.find(data, t, "")
	return path
}

// maxLocateSteps bounds the sub-decodes locator makes on the error path.
const maxLocateSteps = 4096

// locator finds the path of the value whose decoding fails with msg, by walking the JSON
// document and the Go type together and decoding each value again into its own type. It runs
// only when decoding has already failed, and at most maxLocateSteps decodes.
type locator struct {
	msg    string
	budget int
}

func (l *locator) find(raw []byte, t reflect.Type, path string) (string, bool) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || l.budget <= 0 {
		return path, false
	}
	if p, ok := l.children(raw, t, path); ok {
		return p, true
	}
	l.budget--
	v := reflect.New(t)
	if err := json.Unmarshal(raw, v.Interface()); err != nil && err.Error() == l.msg {
		return path, true
	}
	return path, false
}

func (l *locator) children(raw []byte, t reflect.Type, path string) (string, bool) {
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return "", false
		}
		for key, val := range obj {
			if ft, ok := fieldType(t, key); ok {
				if p, ok := l.find(val, ft, join(path, key)); ok {
					return p, true
				}
			}
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return "", false
		}
		for key, val := range obj {
			if p, ok := l.find(val, t.Elem(), join(path, key)); ok {
				return p, true
			}
		}
	case reflect.Slice, reflect.Array:
		var arr []json.RawMessage
		if json.Unmarshal(raw, &arr) != nil {
			return "", false
		}
		for i, val := range arr {
			if p, ok := l.find(val, t.Elem(), path+"["+strconv.Itoa(i)+"]"); ok {
				return p, true
			}
		}
	}
	return "", false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fieldType returns the type of the struct field that encoding/json decodes key into: the
// field named key by its tag or name, else the first that matches case-insensitively.
func fieldType(t reflect.Type, key string) (reflect.Type, bool) {
	var fold reflect.Type
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "") {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, true
		}
		if fold == nil && strings.EqualFold(name, key) {
			fold = f.Type
		}
	}
	return fold, fold != nil
}

// goTypeName names a Go destination type in JSON's words, so that a message never shows a Go
// struct or package name.
func goTypeName(typ *json.UnmarshalTypeError) string {
	if typ.Type == nil {
		return "another type"
	}
	switch typ.Type.Kind().String() {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer in range"
	case "float32", "float64":
		return "a number"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	}
	return "another type"
}

// keyPath returns the path of the first object key named name in data, in the form
// "a.b[2].name", or name itself if it cannot be found.
func keyPath(data []byte, name string) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		array bool
		index int
		key   string
	}
	var stack []frame
	expectKey := func() bool { return len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].key == "" }
	path := func(last string) string {
		var b strings.Builder
		for _, f := range stack[:len(stack)-1] {
			if f.array {
				fmt.Fprintf(&b, "[%d]", f.index)
			} else {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			}
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(last)
		return b.String()
	}
	// endValue records that one value of the enclosing container is complete.
	endValue := func() {
		if len(stack) == 0 {
			return
		}
		top := &stack[len(stack)-1]
		if top.array {
			top.index++
		} else {
			top.key = ""
		}
	}
	for steps := 0; steps < 1<<20; steps++ {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{})
			case '[':
				stack = append(stack, frame{array: true})
			default:
				stack = stack[:len(stack)-1]
				endValue()
			}
		case string:
			if expectKey() {
				if t == name {
					return path(t)
				}
				stack[len(stack)-1].key = t
				continue
			}
			endValue()
		default:
			endValue()
		}
	}
	return name
}
