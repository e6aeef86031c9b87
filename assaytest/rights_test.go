package assaytest_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

func TestRightsKey_Deterministic(t *testing.T) {
	a, b, other := assaytest.RightsKey("centre"), assaytest.RightsKey("centre"), assaytest.RightsKey("company")
	if !bytes.Equal(a, b) || bytes.Equal(a, other) {
		t.Error("RightsKey must give one key per name, the same on every call")
	}
}

func TestSeedRights_Verifies(t *testing.T) {
	s := assaytest.SeedRights()
	c, err := rights.NewChain(context.Background(), s.Events())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Events() {
		h, err := e.Hash()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Status(h); err != nil {
			t.Errorf("%v event is void: %v", e.Kind, err)
		}
	}
}
