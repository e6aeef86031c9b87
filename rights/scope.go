package rights

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dataassay/assay"
)

// Scope is what a grant permits: which actions, for which purposes, where, when, how much,
// whether exclusively, whether it may be licensed on, and what is owed upstream for it.
// Data 20 Articles, Art. 7, asks that the "scope of use be definable"; the dimensions follow
// the license vouchers of data-exchange registries and the constraints of ODRL 2.2 (action,
// purpose, spatial, dateTime, count).
//
// A request is within a scope when its action is within one of Actions (ODRL's includedIn),
// its purpose is one of Purposes, its region is within one of Regions ("CN-GD" is within
// "CN"; Hong Kong, Macao and Taiwan are not), and its time is in [From, Until). An empty
// Purposes or Regions list, a zero From or Until, and a zero MaxUses or MaxVolume mean "no
// limit" in that dimension. Actions may not be empty.
//
// A Scope is an immutable value (do not modify its slices after use), safe for concurrent
// use. Its JSON form has the field names below; empty fields are omitted.
type Scope struct {
	Actions  []Action `json:"actions"`            // permitted ODRL actions; at least one
	Purposes []string `json:"purposes,omitempty"` // permitted purposes, e.g. "city-planning" or a DPV IRI; empty: any
	Regions  []string `json:"regions,omitempty"`  // ISO 3166 codes where the data may be used; empty: anywhere

	From  time.Time `json:"from,omitzero"`  // start of validity, inclusive; zero: no start
	Until time.Time `json:"until,omitzero"` // end of validity, exclusive; zero: no end

	MaxUses   int64 `json:"maxUses,omitzero"`   // most exercises under this grant and all its sublicenses; 0: unlimited
	MaxVolume int64 `json:"maxVolume,omitzero"` // most units (records) used under this grant and its sublicenses; 0: unlimited

	Exclusive     bool `json:"exclusive,omitzero"`     // no other license from the same grant may overlap it
	Sublicensable bool `json:"sublicensable,omitzero"` // the holder of this grant may license rights under it to others

	Royalty Royalty `json:"royalty,omitzero"` // owed to the grantor
}

// IsZero reports whether s is the zero Scope.
func (s Scope) IsZero() bool {
	return len(s.Actions) == 0 && len(s.Purposes) == 0 && len(s.Regions) == 0 && s.From.IsZero() &&
		s.Until.IsZero() && s.MaxUses == 0 && s.MaxVolume == 0 && !s.Exclusive && !s.Sublicensable &&
		s.Royalty.IsZero()
}

// Limits on every event, enforced when events are built, encoded and decoded.
const (
	MaxString = 1024 // bytes in any string field
	MaxList   = 64   // entries in any list: actions, purposes, regions, parents
)

// Validate reports the first invalid field as a *FormatError: at least one and at most
// MaxList valid, distinct actions; at most MaxList distinct, non-empty purposes and ISO 3166
// regions; From before Until when both are set; non-negative limits; a valid Royalty.
func (s Scope) Validate() error {
	if len(s.Actions) == 0 {
		return &FormatError{Field: "scope actions", Reason: "at least one action is required"}
	}
	if err := checkList("scope actions", s.Actions, func(a Action) string {
		if !a.Valid() {
			return "not an ODRL 2.2 action"
		}
		return ""
	}); err != nil {
		return err
	}
	if err := checkList("scope purposes", s.Purposes, func(p string) string {
		if p == "" {
			return "must not be empty"
		}
		return ""
	}); err != nil {
		return err
	}
	if err := checkList("scope regions", s.Regions, func(r string) string {
		if !assay.ValidRegion(r) {
			return `want an ISO 3166 code such as "CN-GD", "HK" or "MO"`
		}
		return ""
	}); err != nil {
		return err
	}
	if err := checkTime("scope from", s.From); err != nil {
		return err
	}
	if err := checkTime("scope until", s.Until); err != nil {
		return err
	}
	if !s.From.IsZero() && !s.Until.IsZero() && !s.From.Before(s.Until) {
		return &FormatError{Field: "scope until", Value: s.Until.Format(time.RFC3339), Reason: "must be after from"}
	}
	if s.MaxUses < 0 {
		return &FormatError{Field: "scope maxUses", Value: strconv.FormatInt(s.MaxUses, 10), Reason: "must not be negative"}
	}
	if s.MaxVolume < 0 {
		return &FormatError{Field: "scope maxVolume", Value: strconv.FormatInt(s.MaxVolume, 10), Reason: "must not be negative"}
	}
	return s.Royalty.Validate()
}

// checkList checks a list's length, each entry's string limits, bad(entry) and distinctness.
func checkList[T ~string](field string, list []T, bad func(T) string) error {
	if len(list) > MaxList {
		return &FormatError{Field: field, Value: strconv.Itoa(len(list)) + " entries", Reason: "more than " + strconv.Itoa(MaxList) + " entries"}
	}
	for i, v := range list {
		if err := checkString(field, string(v)); err != nil {
			return err
		}
		if msg := bad(v); msg != "" {
			return &FormatError{Field: field, Value: clip(string(v)), Reason: msg}
		}
		if slices.Contains(list[:i], v) {
			return &FormatError{Field: field, Value: clip(string(v)), Reason: "listed twice"}
		}
	}
	return nil
}

// Within reports whether s is no wider than parent in every dimension — the attenuation rule
// of delegation chains (a grantor cannot give more than it holds): each action within one of
// parent's, purposes and regions within parent's, validity inside parent's, limits no larger,
// exclusivity and sublicensing only if parent has them. It returns nil or an *EscalationError
// naming the first dimension in which s is wider (its Hash fields are zero). Royalty terms are
// not compared: they are owed, not held.
func (s Scope) Within(parent Scope) error {
	esc := func(dim, granted, held string) error {
		return &EscalationError{Dimension: dim, Granted: granted, Held: held}
	}
	for _, a := range s.Actions {
		if !slices.ContainsFunc(parent.Actions, a.Within) {
			return esc("actions", string(a), joinList(parent.Actions))
		}
	}
	if len(parent.Purposes) > 0 {
		if len(s.Purposes) == 0 {
			return esc("purposes", "any", joinList(parent.Purposes))
		}
		for _, p := range s.Purposes {
			if !slices.Contains(parent.Purposes, p) {
				return esc("purposes", p, joinList(parent.Purposes))
			}
		}
	}
	if len(parent.Regions) > 0 {
		if len(s.Regions) == 0 {
			return esc("regions", "anywhere", joinList(parent.Regions))
		}
		for _, r := range s.Regions {
			if !slices.ContainsFunc(parent.Regions, func(p string) bool { return regionWithin(r, p) }) {
				return esc("regions", r, joinList(parent.Regions))
			}
		}
	}
	if !parent.From.IsZero() && (s.From.IsZero() || s.From.Before(parent.From)) {
		return esc("from", timeText(s.From, "no start"), timeText(parent.From, ""))
	}
	if !parent.Until.IsZero() && (s.Until.IsZero() || s.Until.After(parent.Until)) {
		return esc("until", timeText(s.Until, "no end"), timeText(parent.Until, ""))
	}
	if parent.MaxUses > 0 && (s.MaxUses == 0 || s.MaxUses > parent.MaxUses) {
		return esc("maxUses", limitText(s.MaxUses), limitText(parent.MaxUses))
	}
	if parent.MaxVolume > 0 && (s.MaxVolume == 0 || s.MaxVolume > parent.MaxVolume) {
		return esc("maxVolume", limitText(s.MaxVolume), limitText(parent.MaxVolume))
	}
	if s.Exclusive && !parent.Exclusive {
		return esc("exclusive", "exclusive", "not exclusive")
	}
	if s.Sublicensable && !parent.Sublicensable {
		return esc("sublicensable", "sublicensable", "not sublicensable")
	}
	return nil
}

// Overlaps reports whether some request could fall within both s and t: their validity
// windows intersect and they share a related action (one within the other), a purpose and a
// region. Exclusive licenses must not overlap other licenses from the same grant.
func (s Scope) Overlaps(t Scope) bool {
	if !s.Until.IsZero() && !t.From.IsZero() && !t.From.Before(s.Until) ||
		!t.Until.IsZero() && !s.From.IsZero() && !s.From.Before(t.Until) {
		return false
	}
	related := func(a Action) bool {
		return slices.ContainsFunc(t.Actions, func(b Action) bool { return a.Within(b) || b.Within(a) })
	}
	if !slices.ContainsFunc(s.Actions, related) {
		return false
	}
	if len(s.Purposes) > 0 && len(t.Purposes) > 0 &&
		!slices.ContainsFunc(s.Purposes, func(p string) bool { return slices.Contains(t.Purposes, p) }) {
		return false
	}
	if len(s.Regions) > 0 && len(t.Regions) > 0 &&
		!slices.ContainsFunc(s.Regions, func(r string) bool {
			return slices.ContainsFunc(t.Regions, func(q string) bool { return regionsOverlap(r, q) })
		}) {
		return false
	}
	return true
}

// permits checks one request against s alone, returning a *ScopeError or *ValidityError
// with a zero Hash, or nil.
func (s Scope) permits(a Action, purpose, region string, at time.Time) error {
	if !slices.ContainsFunc(s.Actions, a.Within) {
		return &ScopeError{Dimension: "action", Value: string(a), Allowed: joinList(s.Actions)}
	}
	if len(s.Purposes) > 0 && !slices.Contains(s.Purposes, purpose) {
		return &ScopeError{Dimension: "purpose", Value: purpose, Allowed: joinList(s.Purposes)}
	}
	if len(s.Regions) > 0 && !slices.ContainsFunc(s.Regions, func(p string) bool { return regionWithin(region, p) }) {
		return &ScopeError{Dimension: "region", Value: region, Allowed: joinList(s.Regions)}
	}
	if (!s.From.IsZero() && at.Before(s.From)) || (!s.Until.IsZero() && !at.Before(s.Until)) {
		return &ValidityError{At: at, From: s.From, Until: s.Until}
	}
	return nil
}

func joinList[T ~string](list []T) string {
	var b strings.Builder
	for i, v := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}

func timeText(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return t.UTC().Format(time.RFC3339)
}

func limitText(n int64) string {
	if n == 0 {
		return "unlimited"
	}
	return strconv.FormatInt(n, 10)
}

// The Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: times outside these years
// have no RFC 3339 form.
const (
	minUnix = -62135596800
	maxUnix = 253402300799
)

// checkTime accepts the zero time and times in years 1 to 9999.
func checkTime(field string, t time.Time) error {
	if u := t.Unix(); u < minUnix || u > maxUnix {
		return &FormatError{Field: field, Value: t.String(), Reason: "outside years 1 to 9999"}
	}
	return nil
}
