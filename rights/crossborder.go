package rights

import (
	"strconv"

	"github.com/dataassay/assay"
)

// Requirement is the procedure PRC law requires before data leaves the mainland, from least
// to most demanding. The zero value is RequireNone. Its JSON and text form is "none",
// "standard-contract" or "security-assessment".
type Requirement uint8

// The procedures of the CAC Provisions on Promoting and Regulating Cross-Border Data Flows
// (《促进和规范数据跨境流动规定》, effective 2024-03-22): exemptions (Arts. 3–6), standard
// contract or certification (Art. 8), security assessment (Art. 7).
const (
	RequireNone Requirement = iota // exempt: no procedure
	// RequireContract is a filed personal-information standard contract or a
	// personal-information protection certification.
	RequireContract
	// RequireAssessment is a CAC data-export security assessment.
	RequireAssessment
)

var requirementNames = [...]string{RequireNone: "none", RequireContract: "standard-contract", RequireAssessment: "security-assessment"}

// String returns the requirement's JSON name.
func (r Requirement) String() string {
	if int(r) < len(requirementNames) {
		return requirementNames[r]
	}
	return "Requirement(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText encodes r by name.
func (r Requirement) MarshalText() ([]byte, error) {
	if int(r) >= len(requirementNames) {
		return nil, &FormatError{Field: "requirement", Value: r.String(), Reason: "undefined requirement"}
	}
	return []byte(requirementNames[r]), nil
}

// UnmarshalText decodes "none", "standard-contract" or "security-assessment"; the empty text
// is RequireNone.
func (r *Requirement) UnmarshalText(text []byte) error {
	for i, n := range requirementNames {
		if string(text) == n || len(text) == 0 && i == 0 {
			*r = Requirement(i)
			return nil
		}
	}
	return &FormatError{Field: "requirement", Value: clip(string(text)),
		Reason: `want "none", "standard-contract" or "security-assessment"`}
}

// Export describes one provision of data from the mainland to Hong Kong, Macao or abroad, for
// CrossBorderRules.Required. Counts are cumulative per exporter since 1 January of the current
// year, including this provision, as the CAC Provisions of 2024 count them. The zero Export is general
// data with no personal information.
type Export struct {
	Classification   assay.Classification `json:"classification,omitzero"`   // grade of the data (Data Security Law Art. 21)
	Persons          int64                `json:"persons,omitzero"`          // persons whose non-sensitive personal information is provided
	SensitivePersons int64                `json:"sensitivePersons,omitzero"` // persons whose sensitive personal information is provided
	CIIO             bool                 `json:"ciio,omitzero"`             // the exporter is a critical information infrastructure operator
	Exempt           bool                 `json:"exempt,omitzero"`           // an exemption applies (contract with the individual, HR, emergencies, FTZ negative list …)
}

// CrossBorderRules holds the thresholds of the CAC Provisions, as data because the rules
// change (they replaced the 2022 Measures' thresholds in 2024). The zero value is the rules in
// force since 2024-03-22; a zero field takes its default. Counts follow Chinese statutory
// drafting: "以上" (at or above) includes the number itself, "不满" (below) excludes it (Civil
// Code Art. 1259).
//
// CrossBorderRules is a plain value, safe for concurrent use.
type CrossBorderRules struct {
	// AssessmentPersons: providing non-sensitive personal information of this many persons or
	// more (100万人以上) needs a security assessment. Defaults to 1,000,000.
	AssessmentPersons int64 `json:"assessmentPersons,omitzero"`
	// AssessmentSensitive: providing sensitive personal information of this many persons or
	// more (1万人以上) needs a security assessment; fewer, but at least one, needs a standard
	// contract or certification. Defaults to 10,000.
	AssessmentSensitive int64 `json:"assessmentSensitive,omitzero"`
	// ContractPersons: providing non-sensitive personal information of this many persons or
	// more, and fewer than AssessmentPersons, needs a standard contract or certification
	// (10万人以上、不满100万人); fewer is exempt (不满10万人). Defaults to 100,000.
	ContractPersons int64 `json:"contractPersons,omitzero"`
}

// CAC2024 returns the thresholds of the CAC Provisions of 2024-03-22, spelled out.
func CAC2024() CrossBorderRules {
	return CrossBorderRules{AssessmentPersons: 1_000_000, AssessmentSensitive: 10_000, ContractPersons: 100_000}
}

func (r CrossBorderRules) withDefaults() CrossBorderRules {
	d := CAC2024()
	if r.AssessmentPersons == 0 {
		r.AssessmentPersons = d.AssessmentPersons
	}
	if r.AssessmentSensitive == 0 {
		r.AssessmentSensitive = d.AssessmentSensitive
	}
	if r.ContractPersons == 0 {
		r.ContractPersons = d.ContractPersons
	}
	return r
}

// Required returns the procedure needed before the data in x leaves the mainland:
//
//   - a security assessment for important (or core) data, for a CIIO providing any personal
//     information, or at or above the assessment thresholds;
//   - a standard contract or certification at or above ContractPersons, or for any sensitive
//     personal information below AssessmentSensitive;
//   - nothing otherwise, or when x.Exempt.
//
// Negative counts, negative thresholds, ContractPersons above AssessmentPersons and undefined
// classifications return a *FormatError.
func (r CrossBorderRules) Required(x Export) (Requirement, error) {
	r = r.withDefaults()
	switch {
	case r.AssessmentPersons < 0 || r.AssessmentSensitive < 0 || r.ContractPersons < 0:
		return 0, &FormatError{Field: "cross-border rules", Reason: "thresholds must not be negative"}
	case r.ContractPersons > r.AssessmentPersons:
		return 0, &FormatError{Field: "cross-border rules", Value: strconv.FormatInt(r.ContractPersons, 10), Reason: "contract threshold above assessment threshold"}
	case x.Persons < 0 || x.SensitivePersons < 0:
		return 0, &FormatError{Field: "export persons", Reason: "must not be negative"}
	case x.Classification > assay.Core:
		return 0, &FormatError{Field: "export classification", Value: x.Classification.String(), Reason: "undefined grade"}
	}
	pi := x.Persons > 0 || x.SensitivePersons > 0
	switch {
	case x.Exempt:
		return RequireNone, nil
	case x.Classification >= assay.Important,
		x.CIIO && pi,
		x.Persons >= r.AssessmentPersons,
		x.SensitivePersons >= r.AssessmentSensitive:
		return RequireAssessment, nil
	case x.Persons >= r.ContractPersons, x.SensitivePersons > 0:
		return RequireContract, nil
	}
	return RequireNone, nil
}
