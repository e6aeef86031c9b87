package odrl

import (
	"os"
	"path/filepath"
	"testing"
)

func readForce(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "force", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestScratch(t *testing.T) {
	p, err := ParsePolicyRDF(readForce(t, "duty-policy.ttl"), Turtle)
	if err != nil {
		t.Fatal(err)
	}
	q, err := ParseRequestRDF(readForce(t, "alice-read-x.ttl"), Turtle)
	if err != nil {
		t.Fatal(err)
	}
	w, err := ParseWorldRDF(readForce(t, "world-duty-Violated.ttl"), Turtle)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Evaluate(p, q, w)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := r.MarshalRDF(Turtle)
	t.Logf("%+v\n%+v\n%s", p.Permissions, w, b)
}
