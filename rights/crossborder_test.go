package rights_test

import (
	"errors"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights"
)

// Source: CAC 《促进和规范数据跨境流动规定》 (2024-03-22) as summarised in rights.md §1.3, with
// the statute's wording for the boundaries (10万人以上、不满100万人; 1万人以上); "以上" includes and
// "不满" excludes the number itself (Civil Code Art. 1259).
func TestCrossBorderRules_Required(t *testing.T) {
	tests := []struct {
		name string
		x    rights.Export
		want rights.Requirement
	}{
		{"no personal information, general data", rights.Export{}, rights.RequireNone},
		{"99,999 persons: below 100,000", rights.Export{Persons: 99_999}, rights.RequireNone},
		{"100,000 persons: 10万人以上", rights.Export{Persons: 100_000}, rights.RequireContract},
		{"999,999 persons: 不满100万人", rights.Export{Persons: 999_999}, rights.RequireContract},
		{"1,000,000 persons: 100万人以上", rights.Export{Persons: 1_000_000}, rights.RequireAssessment},
		{"1 sensitive person: 不满1万人", rights.Export{SensitivePersons: 1}, rights.RequireContract},
		{"9,999 sensitive persons", rights.Export{SensitivePersons: 9_999}, rights.RequireContract},
		{"10,000 sensitive persons: 1万人以上", rights.Export{SensitivePersons: 10_000}, rights.RequireAssessment},
		{"important data", rights.Export{Classification: assay.Important}, rights.RequireAssessment},
		{"core data", rights.Export{Classification: assay.Core}, rights.RequireAssessment},
		{"a CIIO with one person's information", rights.Export{Persons: 1, CIIO: true}, rights.RequireAssessment},
		{"a CIIO with no personal information", rights.Export{CIIO: true}, rights.RequireNone},
		{"exempt: contract with the individual", rights.Export{Persons: 2_000_000, Exempt: true}, rights.RequireNone},
	}
	for _, tt := range tests {
		var zero rights.CrossBorderRules
		for _, rules := range []rights.CrossBorderRules{zero, rights.CAC2024()} {
			got, err := rules.Required(tt.x)
			if err != nil || got != tt.want {
				t.Errorf("%s: Required = %v, %v; want %v", tt.name, got, err, tt.want)
			}
		}
	}
}

func TestCrossBorderRules_CustomThresholds(t *testing.T) {
	// The 2022 Measures required an assessment from 100,000 persons and a contract below.
	rules := rights.CrossBorderRules{AssessmentPersons: 100_000, ContractPersons: 1}
	for _, c := range []struct {
		persons int64
		want    rights.Requirement
	}{{0, rights.RequireNone}, {1, rights.RequireContract}, {99_999, rights.RequireContract}, {100_000, rights.RequireAssessment}} {
		got, err := rules.Required(rights.Export{Persons: c.persons})
		if err != nil || got != c.want {
			t.Errorf("%d persons: %v, %v; want %v", c.persons, got, err, c.want)
		}
	}
}

func TestCrossBorderRules_Invalid(t *testing.T) {
	for _, c := range []struct {
		rules rights.CrossBorderRules
		x     rights.Export
	}{
		{rights.CrossBorderRules{}, rights.Export{Persons: -1}},
		{rights.CrossBorderRules{}, rights.Export{SensitivePersons: -1}},
		{rights.CrossBorderRules{}, rights.Export{Classification: 9}},
		{rights.CrossBorderRules{AssessmentPersons: -5}, rights.Export{}},
		{rights.CrossBorderRules{AssessmentPersons: 10, ContractPersons: 20}, rights.Export{}},
	} {
		if _, err := c.rules.Required(c.x); !errors.Is(err, rights.ErrMalformed) {
			t.Errorf("Required(%+v, %+v) = %v, want ErrMalformed", c.rules, c.x, err)
		}
	}
}
