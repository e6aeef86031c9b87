package odrl

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestActionHierarchy_MatchesVocabulary reads the odrl:includedIn and skos:exactMatch
// statements of every odrl:Action in the ODRL 2.2 vocabulary (testdata/ODRL22.ttl, the
// W3C Turtle file) and compares them with the tables this package compiles in.
func TestActionHierarchy_MatchesVocabulary(t *testing.T) {
	ttl, err := os.ReadFile("testdata/ODRL22.ttl")
	if err != nil {
		t.Fatal(err)
	}
	expand := func(curie string) string {
		switch {
		case strings.HasPrefix(curie, "cc:"):
			return nsCC + curie[3:]
		case strings.HasPrefix(curie, "odrl:"):
			return NS + curie[5:]
		}
		return NS + strings.TrimPrefix(curie, ":")
	}
	subject := regexp.MustCompile(`(?m)^(:\w+|cc:\w+)\s*$`)
	included := regexp.MustCompile(`:includedIn\s+(\S+?)\s*[;.]`)
	exact := regexp.MustCompile(`skos:exactMatch\s+(\S+?)\s*[;.]`)
	wantParent, wantAlias := map[string]string{}, map[string]string{}
	locs := subject.FindAllStringSubmatchIndex(string(ttl), -1)
	for i, loc := range locs {
		end := len(ttl)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		block := string(ttl[loc[0]:end])
		if !strings.Contains(block, "a :Action") && !strings.Contains(block, "a odrl:Action") {
			continue
		}
		name := expand(string(ttl[loc[2]:loc[3]]))
		switch m, e := included.FindStringSubmatch(block), exact.FindStringSubmatch(block); {
		case m != nil:
			wantParent[name] = expand(m[1])
		case e != nil:
			wantAlias[name] = expand(e[1])
		case name == NS+"use" || name == NS+"transfer":
			wantParent[name] = ""
		}
	}
	if len(wantParent) < 50 {
		t.Fatalf("read only %d actions from the vocabulary", len(wantParent))
	}
	if diff := cmp.Diff(wantParent, actionParent); diff != "" {
		t.Errorf("includedIn (-vocabulary +compiled):\n%s", diff)
	}
	if diff := cmp.Diff(wantAlias, actionAlias); diff != "" {
		t.Errorf("exactMatch (-vocabulary +compiled):\n%s", diff)
	}
}

func TestIncludedIn(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"read", "use", true},
		{"sell", "transfer", true},
		{"give", "transfer", true},
		{"display", "play", true},
		{"display", "use", true}, // display ⊂ play ⊂ use
		{"extract", "reproduce", true},
		{"copy", "reproduce", true}, // deprecated copy is reproduce
		{"use", "read", false},
		{"sell", "use", false},
		{"transfer", "use", false},
		{"play", "display", false},
		{"use", "use", true},
		{"http://example.org/view", "use", false},
	}
	for _, tt := range tests {
		if got := IncludedIn(odrlTerm(tt.a), odrlTerm(tt.b)); got != tt.want {
			t.Errorf("IncludedIn(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func odrlTerm(s string) string {
	if strings.Contains(s, ":") {
		return s
	}
	return NS + s
}
