package assay

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func validAsset() Asset {
	return Asset{
		ID: "GZ-BDC-2024-0017", Name: "City traffic flows", Holder: "Guangzhou Municipal Big Data Centre",
		Region: "CN-GD", Classification: Important, Acquired: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC),
		UsefulLife: 5, Records: 182_500_000,
	}
}

func TestAssetValidate(t *testing.T) {
	if err := validAsset().Validate(); err != nil {
		t.Fatalf("valid asset: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Asset)
		field string
	}{
		{"no id", func(a *Asset) { a.ID = "" }, "asset id"},
		{"long name", func(a *Asset) { a.Name = strings.Repeat("x", 257) }, "asset name"},
		{"bad utf-8 holder", func(a *Asset) { a.Holder = "\xff" }, "asset holder"},
		{"no region", func(a *Asset) { a.Region = "" }, "asset region"},
		{"lower-case region", func(a *Asset) { a.Region = "cn-gd" }, "asset region"},
		{"bad subdivision", func(a *Asset) { a.Region = "CN-GUANGD" }, "asset region"},
		{"undefined grade", func(a *Asset) { a.Classification = 7 }, "asset classification"},
		{"no date", func(a *Asset) { a.Acquired = time.Time{} }, "asset acquired"},
		{"zero life", func(a *Asset) { a.UsefulLife = 0 }, "asset usefulLife"},
		{"negative records", func(a *Asset) { a.Records = -1 }, "asset records"},
		{"long source", func(a *Asset) { a.Source = strings.Repeat("源", 86) }, "asset source"},
		{"bad utf-8 algorithm", func(a *Asset) { a.Algorithm = "\xff" }, "asset algorithm"},
		{"undefined frequency", func(a *Asset) { a.UpdateFrequency = "hourly" }, "asset updateFrequency"},
		{"negative bytes", func(a *Asset) { a.Bytes = -1 }, "asset bytes"},
		{"collection ends before it starts", func(a *Asset) {
			a.CollectedFrom, a.CollectedUntil = time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		}, "asset collectedUntil"},
	}
	for _, tt := range tests {
		a := validAsset()
		tt.edit(&a)
		err := a.Validate()
		var fe *FieldError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: Validate() = %v, want a *FieldError for %q wrapping ErrInvalidInput", tt.name, err, tt.field)
		}
	}
}

func TestValidRegion(t *testing.T) {
	for _, ok := range []string{"CN", "CN-GD", "HK", "MO", "US-CA", "GB-ENG", "FR-75"} {
		if !ValidRegion(ok) {
			t.Errorf("ValidRegion(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", "C", "cn", "CHN", "CN-", "CN_GD", "CN-GD-1", "CN-gd"} {
		if ValidRegion(bad) {
			t.Errorf("ValidRegion(%q) = true", bad)
		}
	}
}

func TestAssetJSON(t *testing.T) {
	a := validAsset()
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"GZ-BDC-2024-0017","name":"City traffic flows","holder":"Guangzhou Municipal Big Data Centre",` +
		`"region":"CN-GD","classification":"important","acquired":"2024-01-15T00:00:00Z","usefulLife":5,"records":182500000}`
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("Marshal (-want +got):\n%s", diff)
	}
	var back Asset
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"classification":"secret"}`), &back); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("unknown classification: %v", err)
	}
}
