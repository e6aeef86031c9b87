package jobs

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// locate finds where in data the value that made a nested UnmarshalJSON fail sits, for a
// document decoded into v: it walks the document alongside v's type and returns the path of
// the first value whose type's UnmarshalJSON rejects it ("parties[2].weight"), or "" if none
// does. encoding/json names the field of a type mismatch but not of an error returned by a
// nested UnmarshalJSON (a decimal that is not a number, say); this puts the name back.
func locate(data []byte, v any) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil {
		return ""
	}
	path, _ := walk(doc, reflect.TypeOf(v), "", 0)
	return path
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

func walk(doc any, t reflect.Type, path string, depth int) (string, bool) {
	if t == nil || depth > 32 {
		return "", false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshaler) {
		raw, err := json.Marshal(doc)
		if err != nil {
			return "", false
		}
		if reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw) != nil {
			return path, true
		}
		return "", false
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := doc.(map[string]any)
		if !ok {
			return "", false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			for k, sub := range obj {
				if strings.EqualFold(k, name) {
					if p, ok := walk(sub, f.Type, join(path, k), depth+1); ok {
						return p, true
					}
				}
			}
		}
	case reflect.Slice, reflect.Array:
		arr, ok := doc.([]any)
		if !ok {
			return "", false
		}
		for i, sub := range arr {
			if p, ok := walk(sub, t.Elem(), path+"["+strconv.Itoa(i)+"]", depth+1); ok {
				return p, true
			}
		}
	case reflect.Map:
		obj, ok := doc.(map[string]any)
		if !ok {
			return "", false
		}
		for k, sub := range obj {
			if p, ok := walk(sub, t.Elem(), join(path, k), depth+1); ok {
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
