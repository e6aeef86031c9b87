package rights_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dataassay/assay/rights"
)

// Source: ODRL22.ttl (W3C ODRL 2.2 vocabulary), odrl:includedIn.
func TestAction_Within(t *testing.T) {
	tests := []struct {
		a, b rights.Action
		want bool
	}{
		{"read", "use", true},          // :read :includedIn odrl:use
		{"use", "read", false},         // not the other way round
		{"extract", "reproduce", true}, // :extract :includedIn odrl:reproduce
		{"extract", "use", true},       // transitively
		{"display", "play", true},      // :display :includedIn odrl:play
		{"display", "use", true},       // transitively
		{"sell", "transfer", true},     // :sell :includedIn :transfer
		{"give", "transfer", true},     // :give :includedIn :transfer
		{"sell", "use", false},         // the two roots are disjoint
		{"grantUse", "use", true},      // :grantUse :includedIn odrl:use
		{"transfer", "transfer", true}, // reflexive
		{"derive", "read", false},      // siblings
		{"copy", "reproduce", false},   // deprecated: not a valid action
		{"license", "use", false},      // deprecated
		{"", "use", false},
		{"read", "", false},
	}
	for _, tt := range tests {
		if got := tt.a.Within(tt.b); got != tt.want {
			t.Errorf("%q.Within(%q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// ODRL 2.2 §2.5.1: every action is included, transitively, in use or transfer.
func TestActions_RootedInUseOrTransfer(t *testing.T) {
	all := rights.Actions()
	if len(all) != 42 { // ODRL22.ttl defines 42 actions that are not owl:deprecated (and 21 that are)
		t.Errorf("len(Actions()) = %d, want 42", len(all))
	}
	for _, a := range all {
		if !a.Valid() || !(a.Within("use") || a.Within("transfer")) {
			t.Errorf("%q is not rooted in use or transfer", a)
		}
		if a.IRI() != "http://www.w3.org/ns/odrl/2/"+string(a) {
			t.Errorf("IRI(%q) = %q", a, a.IRI())
		}
	}
	var underTransfer []rights.Action
	for _, a := range all {
		if a.Within("transfer") {
			underTransfer = append(underTransfer, a)
		}
	}
	if diff := cmp.Diff([]rights.Action{"give", "sell", "transfer"}, underTransfer); diff != "" {
		t.Errorf("actions within transfer (-want +got):\n%s", diff)
	}
}

func TestRight_CanGrant(t *testing.T) {
	// Data 20 Articles, Art. 7: the holder licenses use and operation; a processing-use
	// licensee only sublicenses use; a product operator licenses use and operation of it.
	want := map[rights.Right][]rights.Right{
		rights.Holding:          {rights.ProcessingUse, rights.ProductOperation},
		rights.ProcessingUse:    {rights.ProcessingUse},
		rights.ProductOperation: {rights.ProcessingUse, rights.ProductOperation},
		0:                       nil,
	}
	got := map[rights.Right][]rights.Right{}
	for r := range want {
		got[r] = nil
		for _, g := range []rights.Right{rights.Holding, rights.ProcessingUse, rights.ProductOperation} {
			if r.CanGrant(g) {
				got[r] = append(got[r], g)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CanGrant (-want +got):\n%s", diff)
	}
}

func TestEnums_TextRoundTrip(t *testing.T) {
	for _, r := range []rights.Right{rights.Holding, rights.ProcessingUse, rights.ProductOperation} {
		b, err := r.MarshalText()
		var back rights.Right
		if err != nil || back.UnmarshalText(b) != nil || back != r {
			t.Errorf("Right %v: %q, %v → %v", r, b, err, back)
		}
	}
	for k := rights.KindRegister; k <= rights.KindUse; k++ {
		b, err := k.MarshalText()
		var back rights.Kind
		if err != nil || back.UnmarshalText(b) != nil || back != k {
			t.Errorf("Kind %v: %q, %v → %v", k, b, err, back)
		}
	}
	for k := rights.PartyKind(0); k <= rights.Individual; k++ {
		b, err := k.MarshalText()
		var back rights.PartyKind
		if err != nil || back.UnmarshalText(b) != nil || back != k {
			t.Errorf("PartyKind %v: %q, %v → %v", k, b, err, back)
		}
	}
	for _, bad := range []string{"Holding", "owner", "licence"} {
		var r rights.Right
		var k rights.Kind
		if r.UnmarshalText([]byte(bad)) == nil || k.UnmarshalText([]byte(bad)) == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}
