package odrl

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseWorld(t *testing.T) {
	// The example of DESIGN.md, with typed operands added.
	doc := `{"now": "2024-02-12T11:20:10.999Z",
	  "partOf":   {"http://example.org/alice": ["http://example.org/partyCollection"]},
	  "duties":   {"urn:uuid:a0b12cb7": "Fulfilled", "urn:uuid:b": "https://w3id.org/force/compliance-report#Violated", "urn:uuid:c": "report:NonSet", "urn:uuid:d": "fulfilled"},
	  "operands": {"http://www.w3.org/ns/odrl/2/purpose": "http://example.org/research", "count": 3,
	    "odrl:elapsedTime": "PT2H", "http://example.org/level": {"@value": "7", "@type": "xsd:integer"}}}`
	got, err := ParseWorld([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := &World{
		Now:    time.Date(2024, 2, 12, 11, 20, 10, 999_000_000, time.UTC),
		PartOf: map[string][]string{"http://example.org/alice": {"http://example.org/partyCollection"}},
		Duties: map[string]DeonticState{"urn:uuid:a0b12cb7": Fulfilled, "urn:uuid:b": Violated, "urn:uuid:c": NonSet, "urn:uuid:d": Fulfilled},
		Operands: map[string]Value{
			Purpose:                    IRI("http://example.org/research"),
			Count:                      {Kind: KindDecimal, Lexical: "3", Datatype: XSDDecimal},
			ElapsedTime:                {Kind: KindDuration, Lexical: "PT2H", Datatype: XSDDuration},
			"http://example.org/level": {Kind: KindDecimal, Lexical: "7", Datatype: XSDInteger},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseWorld (-want +got):\n%s", diff)
	}
	// MarshalJSON writes what ParseWorld reads.
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseWorld(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if diff := cmp.Diff(got, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseWorld_Day(t *testing.T) {
	w := mustWorld(t, `{"@context": {"odrl": "http://www.w3.org/ns/odrl/2/"}, "now": "2024-02-12"}`)
	if want := time.Date(2024, 2, 12, 0, 0, 0, 0, time.UTC); !w.Now.Equal(want) {
		t.Errorf("now = %v, want %v", w.Now, want)
	}
}

func TestParseWorld_BadInput(t *testing.T) {
	tests := []struct {
		name, doc string
		want      error
	}{
		{"not JSON", `{"now": `, ErrSyntax},
		{"unknown field", `{"later": "2024-01-01T00:00:00Z"}`, ErrSyntax},
		{"bad now", `{"now": "yesterday"}`, ErrInvalidWorld},
		{"bad day", `{"now": "2024-02-30"}`, ErrInvalidWorld},
		{"bad duty state", `{"duties": {"urn:d": "Done"}}`, ErrInvalidWorld},
		{"count not a number", `{"operands": {"count": "many"}}`, ErrInvalidWorld},
		{"dateTime not an instant", `{"operands": {"dateTime": 5}}`, ErrInvalidWorld},
		{"elapsedTime not a duration", `{"operands": {"elapsedTime": "2 hours"}}`, ErrInvalidWorld},
		{"huge exponent", `{"operands": {"payAmount": 1e999999999}}`, ErrInvalidWorld},
		{"nested list", `{"operands": {"language": [["en"]]}}`, ErrInvalidWorld},
		{"object without value", `{"operands": {"language": {"lang": "en"}}}`, ErrInvalidWorld},
		{"too large", `{"now": "` + string(make([]byte, MaxWorldBytes)) + `"}`, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if w, err := ParseWorld([]byte(tt.doc)); !errors.Is(err, tt.want) {
				t.Errorf("ParseWorld = %v, %v; want %v", w, err, tt.want)
			}
		})
	}
}
