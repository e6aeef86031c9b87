package assaybeam

import (
	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// ErrInvalidInput reports input a pipeline refuses: a game that does not parse, shards that
// overlap or leave a gap, a sale that does not parse, owes more than 100 % or is in another
// currency. errors.Is(err, assay.ErrInvalidInput) holds too.
var ErrInvalidInput = errs.Sentinel("assaybeam: invalid input", assay.ErrInvalidInput)
