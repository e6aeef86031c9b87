package rights_test

import (
	"errors"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights"
)

// Broken evidence is invalid input across packages (issue 12, item 4): a caller that only
// knows assay.ErrInvalidInput recognises it; a decision's reasons are not input errors.
func TestErrors_MatchAssayInvalidInput(t *testing.T) {
	for _, err := range []error{
		&rights.FormatError{Field: "kind", Reason: "undefined kind"},
		&rights.SignatureError{},
		&rights.LinkError{},
		&rights.LinkError{Reason: "later"},
		&rights.CycleError{Hashes: []rights.Hash{{1}}},
	} {
		if !errors.Is(err, assay.ErrInvalidInput) {
			t.Errorf("%T %v: want errors.Is(err, assay.ErrInvalidInput)", err, err)
		}
	}
	if errors.Is(&rights.RevokedError{}, assay.ErrInvalidInput) {
		t.Error("a revoked grant is a decision, not invalid input")
	}
	var e rights.Event
	err := e.UnmarshalJSON([]byte(`{"kind":"` + "\xe4\xb8\xad\xe6\x96\x87" + string(make([]byte, 70)) + `"}`))
	if !errors.Is(err, rights.ErrMalformed) || !errors.Is(err, assay.ErrInvalidInput) {
		t.Errorf("UnmarshalJSON: %v, want ErrMalformed and assay.ErrInvalidInput", err)
	}
}
