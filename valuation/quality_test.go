package valuation

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// trafficQuality is the quality assessment of the city traffic data set used across the
// tests: GB/T 36344 ratios for completeness and accuracy, expert scores for the rest.
func trafficQuality() QualityAssessment {
	return QualityAssessment{Measures: []QualityMeasure{
		{Dimension: Completeness, Indicator: "数据记录完整性", Passing: 9_800, Assessed: 10_000, Weight: 0.2},
		{Dimension: Accuracy, Indicator: "内容正确性", Passing: 9_500, Assessed: 10_000, Weight: 0.3},
		{Dimension: Timeliness, Score: 0.9, Weight: 0.2},
		{Dimension: Normativity, Score: 0.85, Weight: 0.1},
		{Dimension: Consistency, Score: 0.97, Weight: 0.1},
		{Dimension: Accessibility, Score: 1, Weight: 0.1},
	}}
}

func TestScoreQuality_WeightedRatios(t *testing.T) {
	approx := cmpopts.EquateApprox(0, 1e-12)
	tests := []struct {
		name    string
		mapping QualityMapping
		norm    float64 // multiply every weight by this and set Normalize
		want    Quality
	}{
		{
			// S = 0.2·0.98 + 0.3·0.95 + 0.2·0.9 + 0.1·0.85 + 0.1·0.97 + 0.1·1
			//   = 0.196 + 0.285 + 0.18 + 0.085 + 0.097 + 0.1 = 0.943; δ = S (identity).
			name: "identity mapping",
			want: Quality{Score: 0.943, Coefficient: 0.943},
		},
		{
			// δ = 0.7 + (1 − 0.7)·(0.943 − 0.6)/(1 − 0.6) = 0.7 + 0.3·0.8575 = 0.95725.
			name:    "linear floor 0.7 at 0.6",
			mapping: QualityMapping{Points: []QualityPoint{{0.6, 0.7}, {1, 1}}},
			want:    Quality{Score: 0.943, Coefficient: 0.95725},
		},
		{
			// Graded table: 0.9 → 0.95, 1 → 1.05; δ = 0.95 + 0.1·0.43 = 0.993.
			name:    "graded table",
			mapping: QualityMapping{Points: []QualityPoint{{0, 0}, {0.6, 0.5}, {0.9, 0.95}, {1, 1.05}}},
			want:    Quality{Score: 0.943, Coefficient: 0.993},
		},
		{
			// Weights ×5 sum to 5; normalised they are the same weights.
			name: "normalised weights",
			norm: 5,
			want: Quality{Score: 0.943, Coefficient: 0.943},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := trafficQuality()
			a.Mapping = tt.mapping
			if tt.norm != 0 {
				for i := range a.Measures {
					a.Measures[i].Weight *= tt.norm
				}
				a.Normalize = true
			}
			got, err := ScoreQuality(a)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, approx, cmpopts.IgnoreFields(Quality{}, "Measures", "Trail")); diff != "" {
				t.Errorf("ScoreQuality (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreQuality_MeasureTable(t *testing.T) {
	a := trafficQuality()
	a.Measures = a.Measures[:2]
	a.Measures[0].Weight, a.Measures[1].Weight = 0.5, 0.5
	got, err := ScoreQuality(a)
	if err != nil {
		t.Fatal(err)
	}
	// X = 9800/10000 = 0.98 and 9500/10000 = 0.95; contributions 0.49 and 0.475.
	want := Quality{
		Measures: []MeasureScore{
			{Dimension: Completeness, Indicator: "数据记录完整性", Passing: 9800, Assessed: 10000, Score: 0.98, Weight: 0.5, Contribution: 0.49},
			{Dimension: Accuracy, Indicator: "内容正确性", Passing: 9500, Assessed: 10000, Score: 0.95, Weight: 0.5, Contribution: 0.475},
		},
		Score: 0.965, Coefficient: 0.965,
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12), cmpopts.IgnoreFields(Quality{}, "Trail")); diff != "" {
		t.Errorf("ScoreQuality (-want +got):\n%s", diff)
	}
	// The trail: one step per measure with the running score, then S and δ.
	wantText := `1. completeness: 数据记录完整性
   inputs: passing A 9800; assessed B 10000; score X 0.98; weight w 0.5; running score 0.49
   source: GB/T 36344-2018: X = A/B (elements that pass / elements assessed), or a given score
2. accuracy: 内容正确性
   inputs: passing A 9500; assessed B 10000; score X 0.95; weight w 0.5; running score 0.965
   source: GB/T 36344-2018: X = A/B (elements that pass / elements assessed), or a given score
3. aggregate quality score S = Σ w·X
   inputs: S 0.965
   source: GB/T 36344-2018 indicators with caller-supplied weights (the standard prescribes none)
4. value-adjustment coefficient δ
   inputs: mapping identity δ = S; δ 0.965
   source: CAS 数据资产评估指导意见 (2023) art. 23: 价值调整系数 from quality factors
`
	if diff := cmp.Diff(wantText, got.Trail.String()); diff != "" {
		t.Errorf("trail (-want +got):\n%s", diff)
	}
}

func TestScoreQuality_BadInput(t *testing.T) {
	nan := func(a *QualityAssessment) { a.Measures[2].Score = nanValue() }
	tests := []struct {
		name   string
		mutate func(*QualityAssessment)
		field  string
	}{
		{"no measures", func(a *QualityAssessment) { a.Measures = nil }, "measures"},
		{"weights do not sum to 1", func(a *QualityAssessment) { a.Measures[0].Weight = 0.25 }, "weights (sum)"},
		{"negative weight", func(a *QualityAssessment) { a.Measures[0].Weight = -0.2 }, "measures[0].weight"},
		{"passing above assessed", func(a *QualityAssessment) { a.Measures[0].Passing = 10_001 }, "measures[0].passing"},
		{"negative assessed", func(a *QualityAssessment) { a.Measures[0].Assessed = -1 }, "measures[0].assessed"},
		{"score and ratio", func(a *QualityAssessment) { a.Measures[0].Score = 0.5 }, "measures[0].score"},
		{"passing without assessed", func(a *QualityAssessment) { a.Measures[2].Passing = 3 }, "measures[2].assessed"},
		{"score above 1", func(a *QualityAssessment) { a.Measures[2].Score = 1.2 }, "measures[2].score"},
		{"NaN score", nan, "measures[2].score"},
		{"no dimension", func(a *QualityAssessment) { a.Measures[3].Dimension = 0 }, "measures[3].dimension"},
		{"one point", func(a *QualityAssessment) { a.Mapping.Points = []QualityPoint{{0.5, 0.5}} }, "mapping.points"},
		{"decreasing points", func(a *QualityAssessment) { a.Mapping.Points = []QualityPoint{{0.5, 0.5}, {0.4, 1}} }, "mapping.points[1].score"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := trafficQuality()
			tt.mutate(&a)
			_, err := ScoreQuality(a)
			assertInputError(t, err, tt.field)
		})
	}
}

func TestQualityAssessment_JSON(t *testing.T) {
	const in = `{"measures":[{"dimension":"completeness","passing":98,"assessed":100,"weight":0.5},
		{"dimension":"timeliness","score":0.9,"weight":0.5}],"mapping":{"points":[{"score":0,"coefficient":0.5},{"score":1,"coefficient":1}]}}`
	var a QualityAssessment
	if err := json.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	want := QualityAssessment{
		Measures: []QualityMeasure{{Dimension: Completeness, Passing: 98, Assessed: 100, Weight: 0.5}, {Dimension: Timeliness, Score: 0.9, Weight: 0.5}},
		Mapping:  QualityMapping{Points: []QualityPoint{{0, 0.5}, {1, 1}}},
	}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		`{"measures":[{"dimension":"beauty","score":1,"weight":1}]}`,
		`{"measures":[],"weigths":[1]}`,
	} {
		if err := json.Unmarshal([]byte(bad), &a); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Unmarshal(%s) = %v, want ErrInvalidInput", bad, err)
		}
	}
}

func FuzzQualityAssessmentJSON(f *testing.F) {
	f.Add([]byte(`{"measures":[{"dimension":"completeness","passing":98,"assessed":100,"weight":1}]}`))
	f.Add([]byte(`{"measures":[{"dimension":"accuracy","score":0.5,"weight":2}],"normalize":true,"mapping":{"points":[{"score":0,"coefficient":0},{"score":1,"coefficient":1}]}}`))
	f.Add([]byte(`{"measures":[{"dimension":"timeliness","score":1e308,"weight":-1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a QualityAssessment
		if json.Unmarshal(data, &a) != nil {
			return
		}
		q, err := ScoreQuality(a)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		if !(q.Score >= 0 && q.Score <= 1) || !isFinite(q.Coefficient) {
			t.Fatalf("score %v, coefficient %v out of range", q.Score, q.Coefficient)
		}
	})
}
