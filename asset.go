package assay

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Classification is the protection grade of data under the PRC Data Security Law (2021),
// Article 21: general data, important data, and national core data. The zero value is
// General. Its JSON form is "general", "important" or "core".
type Classification uint8

// The classification grades, from least to most protected.
const (
	General   Classification = iota // 一般数据
	Important                       // 重要数据
	Core                            // 核心数据
)

var classificationNames = [...]string{General: "general", Important: "important", Core: "core"}

// String returns "general", "important" or "core".
func (c Classification) String() string {
	if int(c) < len(classificationNames) {
		return classificationNames[c]
	}
	return "Classification(" + strconv.Itoa(int(c)) + ")"
}

// MarshalText encodes the grade by name.
func (c Classification) MarshalText() ([]byte, error) {
	if int(c) >= len(classificationNames) {
		return nil, &FieldError{Field: "classification", Value: c.String(), Err: ErrInvalidInput}
	}
	return []byte(classificationNames[c]), nil
}

// UnmarshalText decodes "general", "important" or "core"; the empty text is General.
func (c *Classification) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = General
		return nil
	}
	for i, name := range classificationNames {
		if string(text) == name {
			*c = Classification(i)
			return nil
		}
	}
	return &FieldError{Field: "classification", Value: clip(string(text), 64),
		Err: fmtErr(ErrInvalidInput, `want "general", "important" or "core"`)}
}

// Asset is the descriptive record of a data asset that every Assay package shares: what it
// is, who holds it, where, how sensitive it is, and how long it is expected to be useful.
// Inputs specific to one computation (costs, forecasts, prices) live in that package.
//
// The zero Asset is not valid (it has no ID); Validate says what is missing. An Asset is a
// plain value, safe to copy and to read concurrently.
type Asset struct {
	ID             string         `json:"id"`             // stable identifier, e.g. a registry number
	Name           string         `json:"name"`           // human-readable name
	Holder         string         `json:"holder"`         // the holder of the data resource (持有权人)
	Region         string         `json:"region"`         // ISO 3166-1 alpha-2 or ISO 3166-2 code: "CN-GD", "HK", "MO"
	Classification Classification `json:"classification"` // Data Security Law grade
	Acquired       time.Time      `json:"acquired"`       // date acquired or put in service; only the date counts
	UsefulLife     int            `json:"usefulLife"`     // expected useful life in whole years
	Records        int64          `json:"records"`        // number of records in the data set

	// What data registries ask an applicant to declare (Shenzhen 深发改规〔2023〕5号 and the
	// data-IP registration rules of Beijing (2023), Zhejiang (2023) and Shandong (2023)):
	// the source of the data (数据来源), its scale (数据规模: Records and Bytes), how often
	// it is updated (更新频率), a summary of the rules or algorithm that processed it
	// (算法规则/处理规则; Zhejiang registers data "依法收集、经过一定算法加工"), and the
	// period over which it was collected (采集期间). All are optional; zero means "not
	// declared".
	Source          string          `json:"source,omitempty"`          // where the data comes from and on what authority, e.g. "traffic sensors of the city, own collection"
	Bytes           int64           `json:"bytes,omitzero"`            // size of the data set in bytes
	UpdateFrequency UpdateFrequency `json:"updateFrequency,omitempty"` // how often the data set is updated
	Algorithm       string          `json:"algorithm,omitempty"`       // summary of the processing rules or algorithm, at most 1024 bytes
	CollectedFrom   time.Time       `json:"collectedFrom,omitzero"`    // start of the collection period
	CollectedUntil  time.Time       `json:"collectedUntil,omitzero"`   // end of the collection period; not before CollectedFrom
}

// UpdateFrequency is how often a data set is updated, as registration forms ask (更新频率).
// The zero value, "", means not declared. Its JSON form is its text.
type UpdateFrequency string

// The update frequencies Validate accepts.
const (
	Static    UpdateFrequency = "static"    // never updated: a closed collection (一次性)
	RealTime  UpdateFrequency = "real-time" // continuously, as a stream or an API (实时)
	Daily     UpdateFrequency = "daily"
	Weekly    UpdateFrequency = "weekly"
	Monthly   UpdateFrequency = "monthly"
	Quarterly UpdateFrequency = "quarterly"
	Yearly    UpdateFrequency = "yearly"
	Irregular UpdateFrequency = "irregular" // updated, but not on a schedule (不定期)
)

// Valid reports whether f is "" or one of the defined frequencies.
func (f UpdateFrequency) Valid() bool {
	switch f {
	case "", Static, RealTime, Daily, Weekly, Monthly, Quarterly, Yearly, Irregular:
		return true
	}
	return false
}

// Limits that Validate enforces on an Asset.
const (
	maxAssetText  = 256 // bytes of ID, Name, Holder
	maxUsefulLife = 100 // years; data infrastructure lives 3 to 10
	maxAlgorithm  = 1024
)

// Validate reports the first invalid field as a *FieldError wrapping ErrInvalidInput:
// ID, Name and Holder must be non-empty UTF-8 of at most 256 bytes; Region must be an
// ISO 3166-1 alpha-2 code optionally followed by an ISO 3166-2 subdivision ("CN", "CN-GD",
// "HK"); Classification must be a defined grade; Acquired must be set; UsefulLife must be in
// 1..100 years; Records must not be negative. Of the declared fields, Source must be UTF-8 of
// at most 256 bytes and Algorithm of at most 1024, UpdateFrequency a defined frequency, Bytes
// not negative, and CollectedUntil not before CollectedFrom when both are set.
func (a Asset) Validate() error {
	for _, f := range [...]struct{ name, value string }{{"id", a.ID}, {"name", a.Name}, {"holder", a.Holder}} {
		switch {
		case f.value == "":
			return &FieldError{Field: "asset " + f.name, Value: "", Err: fmtErr(ErrInvalidInput, "must not be empty")}
		case len(f.value) > maxAssetText:
			return &FieldError{Field: "asset " + f.name, Value: clip(f.value, 64), Err: fmtErr(ErrInvalidInput, "longer than 256 bytes")}
		case !utf8.ValidString(f.value):
			return &FieldError{Field: "asset " + f.name, Value: clip(f.value, 64), Err: fmtErr(ErrInvalidInput, "not valid UTF-8")}
		}
	}
	if !ValidRegion(a.Region) {
		return &FieldError{Field: "asset region", Value: clip(a.Region, 64),
			Err: fmtErr(ErrInvalidInput, `want an ISO 3166 code such as "CN-GD", "HK" or "MO"`)}
	}
	if int(a.Classification) >= len(classificationNames) {
		return &FieldError{Field: "asset classification", Value: a.Classification.String(), Err: fmtErr(ErrInvalidInput, "undefined grade")}
	}
	if a.Acquired.IsZero() {
		return &FieldError{Field: "asset acquired", Value: "", Err: fmtErr(ErrInvalidInput, "must be set")}
	}
	if a.UsefulLife < 1 || a.UsefulLife > maxUsefulLife {
		return &FieldError{Field: "asset usefulLife", Value: strconv.Itoa(a.UsefulLife),
			Err: fmtErr(ErrInvalidInput, fmt.Sprintf("must be 1 to %d years", maxUsefulLife))}
	}
	if a.Records < 0 {
		return &FieldError{Field: "asset records", Value: strconv.FormatInt(a.Records, 10), Err: fmtErr(ErrInvalidInput, "must not be negative")}
	}
	return a.validateDeclared()
}

// validateDeclared checks the fields an applicant declares to a registry.
func (a Asset) validateDeclared() error {
	for _, f := range [...]struct {
		name, value string
		max         int
	}{{"source", a.Source, maxAssetText}, {"algorithm", a.Algorithm, maxAlgorithm}} {
		switch {
		case len(f.value) > f.max:
			return &FieldError{Field: "asset " + f.name, Value: clip(f.value, 64), Err: fmtErr(ErrInvalidInput, fmt.Sprintf("longer than %d bytes", f.max))}
		case !utf8.ValidString(f.value):
			return &FieldError{Field: "asset " + f.name, Value: clip(f.value, 64), Err: fmtErr(ErrInvalidInput, "not valid UTF-8")}
		}
	}
	if !a.UpdateFrequency.Valid() {
		return &FieldError{Field: "asset updateFrequency", Value: clip(string(a.UpdateFrequency), 64),
			Err: fmtErr(ErrInvalidInput, "want static, real-time, daily, weekly, monthly, quarterly, yearly or irregular")}
	}
	if a.Bytes < 0 {
		return &FieldError{Field: "asset bytes", Value: strconv.FormatInt(a.Bytes, 10), Err: fmtErr(ErrInvalidInput, "must not be negative")}
	}
	if !a.CollectedFrom.IsZero() && !a.CollectedUntil.IsZero() && a.CollectedUntil.Before(a.CollectedFrom) {
		return &FieldError{Field: "asset collectedUntil", Value: a.CollectedUntil.Format(time.RFC3339),
			Err: fmtErr(ErrInvalidInput, "must not be before collectedFrom "+a.CollectedFrom.Format(time.RFC3339))}
	}
	return nil
}

// ValidRegion reports whether s has the form of an ISO 3166 region code: a country code of two
// upper-case letters (ISO 3166-1 alpha-2), optionally followed by "-" and a subdivision of one
// to three upper-case letters or digits (ISO 3166-2), as in "CN", "CN-GD", "HK", "MO", "US-CA".
// It checks the form, not membership in the current code lists.
func ValidRegion(s string) bool {
	if len(s) < 2 || !isUpper(s[0]) || !isUpper(s[1]) {
		return false
	}
	if len(s) == 2 {
		return true
	}
	if s[2] != '-' || len(s) < 4 || len(s) > 6 {
		return false
	}
	for i := 3; i < len(s); i++ {
		if !isUpper(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return true
}
