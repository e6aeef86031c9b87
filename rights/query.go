package rights

import (
	"time"

	"github.com/dataassay/assay"
)

// Query asks whether Party may perform Action for Purpose in Region at time At on Asset — or,
// with Derived, on a product derived from it, directly or through other products.
//
// The optional fields' zero values mean: no stated purpose (which fails any scope that lists
// purposes), a use of no volume (it still counts as one use), an export with no personal
// information, no cross-border procedure completed (RequireNone), and the CAC2024 thresholds.
// A Query is a plain value, safe for concurrent use. Its JSON form has the field names below.
type Query struct {
	Party   PartyID   `json:"party"`             // who asks
	Action  Action    `json:"action"`            // an ODRL action
	Purpose string    `json:"purpose,omitempty"` // purpose of the use
	Region  string    `json:"region"`            // ISO 3166 code of where the data is used
	At      time.Time `json:"at"`                // when
	Asset   string    `json:"asset"`             // the asset's ID
	Derived bool      `json:"derived,omitzero"`  // also grants on products derived from Asset
	Volume  int64     `json:"volume,omitzero"`   // units (records) the use consumes, checked against MaxVolume

	// Export holds the personal-information counts for the cross-border check, made when
	// data held in the mainland is used outside it; its Classification is raised to the
	// asset's own. Cleared is the procedure the exporter has completed, and Rules the
	// thresholds (zero: CAC2024).
	Export  Export           `json:"export,omitzero"`
	Cleared Requirement      `json:"cleared,omitzero"`
	Rules   CrossBorderRules `json:"rules,omitzero"`
}

// validate checks the query's own fields.
func (q Query) validate() error {
	switch {
	case q.Party.IsZero():
		return &FormatError{Field: "query party", Reason: "must be set"}
	case !q.Action.Valid():
		return &FormatError{Field: "query action", Value: clip(string(q.Action)), Reason: "not an ODRL 2.2 action"}
	case !assay.ValidRegion(q.Region):
		return &FormatError{Field: "query region", Value: clip(q.Region), Reason: `want an ISO 3166 code such as "CN-GD" or "HK"`}
	case q.At.IsZero():
		return &FormatError{Field: "query at", Reason: "must be set"}
	case q.Asset == "":
		return &FormatError{Field: "query asset", Reason: "must not be empty"}
	case q.Volume < 0:
		return &FormatError{Field: "query volume", Reason: "must not be negative"}
	case int(q.Cleared) >= len(requirementNames):
		return &FormatError{Field: "query cleared", Value: q.Cleared.String(), Reason: "undefined requirement"}
	}
	_, err := q.Rules.Required(q.Export) // checks the counts and thresholds
	return err
}
