package rights_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights"
)

// parentScope is the grantor's scope the Within cases are measured against.
var parentScope = rights.Scope{
	Actions: []rights.Action{"read", "reproduce"}, Purposes: []string{"research", "planning"},
	Regions: []string{"CN-GD", "HK"}, From: day(2024, 1, 1), Until: day(2026, 1, 1),
	MaxUses: 100, MaxVolume: 1000, Sublicensable: true,
}

func TestScope_Within(t *testing.T) {
	tests := []struct {
		name  string
		child func(*rights.Scope)
		want  string // dimension of the escalation; "" for none
	}{
		{"equal", func(*rights.Scope) {}, ""},
		{"narrower everywhere", func(s *rights.Scope) {
			s.Actions, s.Purposes, s.Regions = []rights.Action{"extract"}, []string{"research"}, []string{"CN-GD-01"}
			s.From, s.Until, s.MaxUses, s.MaxVolume, s.Sublicensable = day(2024, 6, 1), day(2025, 1, 1), 5, 10, false
		}, ""},
		{"a royalty is owed, not held", func(s *rights.Scope) {
			s.Royalty = rights.Royalty{RevenueShare: decimal.RequireFromString("0.2")}
		}, ""},
		{"an action outside", func(s *rights.Scope) { s.Actions = []rights.Action{"read", "derive"} }, "actions"},
		{"the parent of an action", func(s *rights.Scope) { s.Actions = []rights.Action{"use"} }, "actions"},
		{"another purpose", func(s *rights.Scope) { s.Purposes = []string{"marketing"} }, "purposes"},
		{"any purpose", func(s *rights.Scope) { s.Purposes = nil }, "purposes"},
		{"a wider region", func(s *rights.Scope) { s.Regions = []string{"CN"} }, "regions"},
		{"Macao", func(s *rights.Scope) { s.Regions = []string{"MO"} }, "regions"},
		{"anywhere", func(s *rights.Scope) { s.Regions = nil }, "regions"},
		{"earlier start", func(s *rights.Scope) { s.From = day(2023, 12, 31) }, "from"},
		{"no start", func(s *rights.Scope) { s.From = zeroTime }, "from"},
		{"later end", func(s *rights.Scope) { s.Until = day(2026, 1, 2) }, "until"},
		{"no end", func(s *rights.Scope) { s.Until = zeroTime }, "until"},
		{"more uses", func(s *rights.Scope) { s.MaxUses = 101 }, "maxUses"},
		{"unlimited uses", func(s *rights.Scope) { s.MaxUses = 0 }, "maxUses"},
		{"more volume", func(s *rights.Scope) { s.MaxVolume = 1001 }, "maxVolume"},
		{"exclusive", func(s *rights.Scope) { s.Exclusive = true }, "exclusive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			child := parentScope
			tt.child(&child)
			err := child.Within(parentScope)
			var esc *rights.EscalationError
			got := ""
			if errors.As(err, &esc) {
				got = esc.Dimension
			} else if err != nil {
				t.Fatalf("Within: %v", err)
			}
			if got != tt.want {
				t.Errorf("escalation in %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
	notSub := parentScope
	notSub.Sublicensable = false
	if err := parentScope.Within(notSub); !errors.Is(err, rights.ErrEscalation) {
		t.Errorf("sublicensable within not sublicensable: %v", err)
	}
}

func TestScope_Overlaps(t *testing.T) {
	base := rights.Scope{Actions: []rights.Action{"read"}, Purposes: []string{"research"}, Regions: []string{"CN-GD"},
		From: day(2024, 1, 1), Until: day(2025, 1, 1)}
	tests := []struct {
		name  string
		other func(*rights.Scope)
		want  bool
	}{
		{"same", func(*rights.Scope) {}, true},
		{"related action", func(s *rights.Scope) { s.Actions = []rights.Action{"use"} }, true},
		{"unrelated action", func(s *rights.Scope) { s.Actions = []rights.Action{"derive"} }, false},
		{"other purpose", func(s *rights.Scope) { s.Purposes = []string{"marketing"} }, false},
		{"any purpose", func(s *rights.Scope) { s.Purposes = nil }, true},
		{"country around the province", func(s *rights.Scope) { s.Regions = []string{"CN"} }, true},
		{"other province", func(s *rights.Scope) { s.Regions = []string{"CN-BJ"} }, false},
		{"starts when the other ends", func(s *rights.Scope) { s.From, s.Until = day(2025, 1, 1), day(2026, 1, 1) }, false},
		{"ends when the other starts", func(s *rights.Scope) { s.From, s.Until = day(2023, 1, 1), day(2024, 1, 1) }, false},
		{"open-ended", func(s *rights.Scope) { s.From, s.Until = zeroTime, zeroTime }, true},
	}
	for _, tt := range tests {
		other := base
		tt.other(&other)
		if got := base.Overlaps(other); got != tt.want {
			t.Errorf("%s: Overlaps = %v, want %v", tt.name, got, tt.want)
		}
		if got := other.Overlaps(base); got != tt.want {
			t.Errorf("%s: Overlaps (swapped) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScope_Validate(t *testing.T) {
	ok := rights.Scope{Actions: []rights.Action{"read"}}
	tests := []struct {
		name  string
		scope func(*rights.Scope)
		field string // "" for valid
	}{
		{"minimal", func(*rights.Scope) {}, ""},
		{"no action", func(s *rights.Scope) { s.Actions = nil }, "scope actions"},
		{"deprecated action", func(s *rights.Scope) { s.Actions = []rights.Action{"copy"} }, "scope actions"},
		{"action twice", func(s *rights.Scope) { s.Actions = []rights.Action{"read", "read"} }, "scope actions"},
		{"empty purpose", func(s *rights.Scope) { s.Purposes = []string{""} }, "scope purposes"},
		{"bad region", func(s *rights.Scope) { s.Regions = []string{"Guangdong"} }, "scope regions"},
		{"too many regions", func(s *rights.Scope) {
			for i := range rights.MaxList + 1 {
				s.Regions = append(s.Regions, "CN-"+string(rune('A'+i/26))+string(rune('A'+i%26)))
			}
		}, "scope regions"},
		{"until before from", func(s *rights.Scope) { s.From, s.Until = day(2025, 1, 1), day(2024, 1, 1) }, "scope until"},
		{"negative uses", func(s *rights.Scope) { s.MaxUses = -1 }, "scope maxUses"},
		{"share above one", func(s *rights.Scope) { s.Royalty.RevenueShare = decimal.RequireFromString("1.01") }, "royalty revenueShare"},
		{"share too precise", func(s *rights.Scope) { s.Royalty.RevenueShare = decimal.RequireFromString("0.123456789") }, "royalty revenueShare"},
		{"fee in tenths of a fen", func(s *rights.Scope) { s.Royalty.Fee = assay.MustMoney("0.001", "CNY") }, "royalty fee"},
		{"negative fee", func(s *rights.Scope) { s.Royalty.Fee = assay.MustMoney("-1", "CNY") }, "royalty fee"},
	}
	for _, tt := range tests {
		s := ok
		tt.scope(&s)
		err := s.Validate()
		var fe *rights.FormatError
		got := ""
		if errors.As(err, &fe) {
			got = fe.Field
		}
		if got != tt.field || (err != nil) != (tt.field != "") {
			t.Errorf("%s: Validate = %v, want field %q", tt.name, err, tt.field)
		}
		if err != nil && !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("%s: %v does not wrap ErrMalformed", tt.name, err)
		}
	}
}

func TestMainland(t *testing.T) {
	got := map[string]bool{}
	for _, r := range []string{"CN", "CN-GD", "CN-BJ", "HK", "MO", "TW", "CN-HK", "CN-MO", "CN-TW", "SG", "US-CA", "CNX"} {
		got[r] = rights.Mainland(r)
	}
	want := map[string]bool{"CN": true, "CN-GD": true, "CN-BJ": true, "HK": false, "MO": false, "TW": false,
		"CN-HK": false, "CN-MO": false, "CN-TW": false, "SG": false, "US-CA": false, "CNX": false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Mainland (-want +got):\n%s", diff)
	}
}
