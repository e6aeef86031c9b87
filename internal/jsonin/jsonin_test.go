package jsonin

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type tier struct {
	Up    int    `json:"up"`
	Price string `json:"price"`
}

type plan struct {
	Name  string `json:"name"`
	Tiers []tier `json:"tiers"`
}

type failing struct{}

var errOwn = errors.New("own error")

func (*failing) UnmarshalJSON([]byte) error { return errOwn }

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want *Error
	}{
		{"ok", `{"name":"a","tiers":[{"up":1,"price":"2"}]}`, 0, nil},
		{"ok with trailing space", "{\"name\":\"a\"}  \n", 0, nil},
		{"too large", `{"name":"abcdef"}`, 8, &Error{Reason: "document is 17 bytes, more than the limit of 8"}},
		{"empty", ``, 0, &Error{Reason: "empty document: want one JSON value"}},
		{"truncated", `{"name":`, 0, &Error{Reason: "document ends in the middle of a JSON value"}},
		{"trailing", `{"name":"a"} {}`, 0, &Error{Reason: "trailing data after the JSON value at byte 14"}},
		{"unknown nested", `{"name":"a","tiers":[{"up":1},{"up":2,"prise":"3"}]}`, 0,
			&Error{Path: "tiers[1].prise", Reason: `unknown field "prise"`}},
		{"unknown top", `{"nme":"a"}`, 0, &Error{Path: "nme", Reason: `unknown field "nme"`}},
		{"wrong type", `{"tiers":[{"up":"x"}]}`, 0, &Error{Path: "tiers.up", Reason: "want an integer in range, got a JSON string"}},
		{"syntax", `{"name" "a"}`, 0, &Error{Reason: "malformed JSON at byte 9: invalid character '\"' after object key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p plan
			err := Decode([]byte(tt.in), &p, tt.max)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("Decode error %v (%T), want *Error", err, err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("error (-want +got):\n%s", d)
			}
			if strings.Contains(err.Error(), "main.") || strings.Contains(err.Error(), "jsonin.") {
				t.Errorf("message leaks Go type names: %v", err)
			}
		})
	}
}

type wrapping struct{}

var errTyped = fmt.Errorf("typed: %w", errOwn)

func (*wrapping) UnmarshalJSON([]byte) error { return errTyped }

func TestDecodeNestedErrors(t *testing.T) {
	var v struct {
		Items []struct {
			X failing `json:"x"`
		} `json:"items"`
		W wrapping `json:"w"`
	}
	err := Decode([]byte(`{"items":[{"x":1},{"x":2}]}`), &v, 0)
	var e *Error
	if !errors.As(err, &e) || e.Path != "items[0].x" || e.Reason != "own error" || !errors.Is(err, errOwn) {
		t.Fatalf("Decode = %#v, want *Error at items[0].x wrapping the nested error", err)
	}
	err = Decode([]byte(`{"w":1}`), &v, 0)
	var ne *NestedError
	if !errors.As(err, &ne) || ne.Path != "w" || !errors.Is(err, errTyped) || !errors.Is(err, errOwn) {
		t.Fatalf("Decode = %#v, want a *NestedError at w unwrapping to the typed error", err)
	}
	var deep struct {
		Items []struct {
			W wrapping `json:"w"`
		} `json:"items"`
	}
	if err := Decode([]byte(`{"items":[{"w":1}]}`), &deep, 0); !errors.As(err, &ne) || ne.Path != "items[0].w" {
		t.Fatalf("Decode = %v, want a *NestedError at items[0].w", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"name":"a","tiers":[{"up":1,"price":"2"}]}`))
	f.Add([]byte(`{"tiers":[{"x":[1,{"y":2}]}]}`))
	f.Add([]byte(`[[[[[[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p plan
		err := Decode(data, &p, 4096)
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("Decode(%q) = %v (%T), want *Error", data, err, err)
		}
	})
}
