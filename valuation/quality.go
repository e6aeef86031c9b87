package valuation

import (
	"fmt"
	"strconv"
)

// Dimension is a first-level data-quality indicator of GB/T 36344-2018 《信息技术 数据质量评价
// 指标》, the six that the CAS data-asset guidance (2023) also lists. The zero value is no
// dimension and is invalid in a QualityMeasure. Its JSON form is the English name.
type Dimension uint8

// The six dimensions, in the standard's order (codes 01–06).
const (
	Normativity   Dimension = iota + 1 // 规范性: standards, models, metadata, business rules, reference data, security
	Completeness                       // 完整性: element and record completeness
	Accuracy                           // 准确性: correctness, format compliance, duplication, uniqueness, dirty data
	Consistency                        // 一致性: same-data and related-data consistency
	Timeliness                         // 时效性: period correctness, point-in-time timeliness, ordering
	Accessibility                      // 可访问性: accessible, usable
)

var dimensionNames = [...]string{"", "normativity", "completeness", "accuracy", "consistency", "timeliness", "accessibility"}

// String returns the dimension's English name, e.g. "completeness".
func (d Dimension) String() string {
	if d >= 1 && int(d) < len(dimensionNames) {
		return dimensionNames[d]
	}
	return "Dimension(" + strconv.Itoa(int(d)) + ")"
}

// MarshalText encodes the dimension by name; an undefined dimension is an error.
func (d Dimension) MarshalText() ([]byte, error) {
	if d < 1 || int(d) >= len(dimensionNames) {
		return nil, inputError("dimension", int(d), "be one of the six GB/T 36344 dimensions")
	}
	return []byte(dimensionNames[d]), nil
}

// UnmarshalText decodes a dimension by name ("normativity", "completeness", "accuracy",
// "consistency", "timeliness", "accessibility").
func (d *Dimension) UnmarshalText(text []byte) error {
	for i := 1; i < len(dimensionNames); i++ {
		if string(text) == dimensionNames[i] {
			*d = Dimension(i)
			return nil
		}
	}
	return inputError("dimension", string(text), "be one of the six GB/T 36344 dimensions")
}

// QualityMeasure is one measured quality indicator: its GB/T 36344 dimension, an optional
// second-level indicator name, its score and its weight in the aggregate.
//
// The score is X = A/B, Passing elements meeting the requirement over Assessed elements
// evaluated (the X = A/B form of the GB/T 36344-2018 indicators, e.g. record completeness), when Assessed is positive;
// otherwise Score is taken as given in [0, 1] (an expert, Delphi or third-party score).
type QualityMeasure struct {
	Dimension Dimension `json:"dimension"`
	Indicator string    `json:"indicator,omitempty"` // e.g. "数据记录完整性"; for reports only
	Passing   int64     `json:"passing,omitempty"`   // A: elements that pass
	Assessed  int64     `json:"assessed,omitempty"`  // B: elements assessed; 0 means Score is given
	Score     float64   `json:"score,omitempty"`     // used when Assessed is 0
	Weight    float64   `json:"weight"`              // non-negative; weights sum to 1 unless normalised
}

// QualityPoint is one knot of a QualityMapping: the adjustment coefficient at a score.
type QualityPoint struct {
	Score       float64 `json:"score"`       // aggregate quality score in [0, 1]
	Coefficient float64 `json:"coefficient"` // coefficient at that score, in [0, 10]
}

// QualityMapping maps an aggregate quality score in [0, 1] to the value-adjustment
// coefficient δ of the cost approach (CAS 2023 art. 23, P = C × δ) or to a quality factor.
//
// Points is a piecewise-linear map through (score, coefficient) knots with strictly
// increasing scores in [0, 1]; scores outside the knots take the nearest end's coefficient.
// The zero value (no points) is the linear identity δ = score. Two points give a linear map
// (e.g. {0.6, 0.7}–{1, 1}: a floor for a data set that just passes); more points encode a
// graded table; coefficients lie in [0, 10]. The standard prescribes no mapping: choose and
// cite one in the report.
type QualityMapping struct {
	Points []QualityPoint `json:"points,omitempty"`
}

// Validate reports whether the mapping is usable.
func (m QualityMapping) Validate() error {
	if len(m.Points) == 0 {
		return nil
	}
	if len(m.Points) < 2 || len(m.Points) > maxListLen {
		return inputError("mapping.points", len(m.Points), "hold 2 to 1000 points")
	}
	for i, p := range m.Points {
		f := func(leaf string) string { return indexed("mapping.points", i) + leaf } // built only for an error
		if !inRange(p.Score, 0, 1) {
			return finiteIn(f(".score"), p.Score, 0, 1)
		}
		if !inRange(p.Coefficient, 0, 10) {
			return finiteIn(f(".coefficient"), p.Coefficient, 0, 10)
		}
		if i > 0 && p.Score <= m.Points[i-1].Score {
			return inputError(f(".score"), p.Score, "increase strictly")
		}
	}
	return nil
}

// Coefficient returns the coefficient at score s (assumed valid).
func (m QualityMapping) Coefficient(s float64) float64 {
	pts := m.Points
	if len(pts) == 0 {
		return s
	}
	if s <= pts[0].Score {
		return pts[0].Coefficient
	}
	for i := 1; i < len(pts); i++ {
		if s <= pts[i].Score {
			a, b := pts[i-1], pts[i]
			return a.Coefficient + (b.Coefficient-a.Coefficient)*(s-a.Score)/(b.Score-a.Score)
		}
	}
	return pts[len(pts)-1].Coefficient
}

// QualityAssessment is the input of ScoreQuality: measured indicators, their weights, and the
// mapping from score to coefficient. The zero value has no measures and is invalid. It is a
// plain value, safe to copy and to read concurrently.
type QualityAssessment struct {
	Measures []QualityMeasure `json:"measures"`
	// Normalize divides the weights by their sum instead of requiring them to sum to 1
	// within 1e-9. Default false.
	Normalize bool `json:"normalize,omitempty"`
	// Mapping maps the aggregate score to the coefficient; the zero value is δ = score.
	Mapping QualityMapping `json:"mapping,omitzero"`
}

// UnmarshalJSON decodes an assessment, refusing unknown fields, inputs over 1 MiB and more
// than 1000 measures.
func (a *QualityAssessment) UnmarshalJSON(data []byte) error {
	type plain QualityAssessment
	var p plain
	if err := decodeStrict(data, &p, "quality assessment"); err != nil {
		return err
	}
	if len(p.Measures) > maxListLen {
		return inputError("measures", len(p.Measures), "hold at most 1000 measures")
	}
	*a = QualityAssessment(p)
	return nil
}

// MeasureScore is one scored indicator of a Quality: the measure's score X and its
// contribution w·X to the aggregate (w normalised).
type MeasureScore struct {
	Dimension    Dimension `json:"dimension"`
	Indicator    string    `json:"indicator,omitempty"`
	Passing      int64     `json:"passing,omitempty"`
	Assessed     int64     `json:"assessed,omitempty"`
	Score        float64   `json:"score"`
	Weight       float64   `json:"weight"`
	Contribution float64   `json:"contribution"`
}

// Quality is the result of ScoreQuality: each measure's score and contribution in input
// order, the aggregate score S = Σ w_k·X_k in [0, 1], and the adjustment coefficient
// δ = Mapping(S). It is a plain value, safe to read concurrently.
type Quality struct {
	Measures    []MeasureScore `json:"measures"`    // in input order
	Score       float64        `json:"score"`       // S = Σ w_k·X_k in [0, 1]
	Coefficient float64        `json:"coefficient"` // δ = Mapping(S)
	Trail       Trail          `json:"trail"`       // one step per measure, then S and δ (values are scores, not money)
}

// ScoreQuality scores data quality per GB/T 36344-2018: each indicator X = A/B (or given),
// the composite Σ w_k·X_k with caller-supplied weights (the standard prescribes none), and the
// value-adjustment coefficient from the mapping (CAS 数据资产评估指导意见 2023 art. 23:
// "价值调整系数 … 质量因素"). Weights must be non-negative and sum to 1 within 1e-9 unless
// Normalize is set; Passing must lie in [0, Assessed]; a given Score in [0, 1]. Errors are
// *InputError naming the field.
func ScoreQuality(a QualityAssessment) (Quality, error) {
	if len(a.Measures) == 0 || len(a.Measures) > maxListLen {
		return Quality{}, inputError("measures", len(a.Measures), "hold 1 to 1000 measures")
	}
	if err := a.Mapping.Validate(); err != nil {
		return Quality{}, err
	}
	weights := make([]float64, len(a.Measures))
	for i, m := range a.Measures {
		weights[i] = m.Weight
	}
	w, err := checkedWeights(weights, a.Normalize, func(i int) string { return indexed("measures", i) + ".weight" })
	if err != nil {
		return Quality{}, err
	}
	q := Quality{Measures: make([]MeasureScore, len(a.Measures))}
	for i, m := range a.Measures {
		f := func(leaf string) string { return indexed("measures", i) + leaf } // built only for an error
		if m.Dimension < Normativity || m.Dimension > Accessibility {
			return Quality{}, inputError(f(".dimension"), int(m.Dimension), "be one of the six GB/T 36344 dimensions")
		}
		x := m.Score
		switch {
		case m.Assessed < 0:
			return Quality{}, inputError(f(".assessed"), m.Assessed, "not be negative")
		case m.Assessed > 0:
			if m.Passing < 0 || m.Passing > m.Assessed {
				return Quality{}, inputError(f(".passing"), m.Passing, fmt.Sprintf("be in [0, assessed = %d]", m.Assessed))
			}
			if m.Score != 0 {
				return Quality{}, inputError(f(".score"), m.Score, "be absent when assessed is given")
			}
			x = float64(m.Passing) / float64(m.Assessed)
		default:
			if m.Passing != 0 {
				return Quality{}, inputError(f(".assessed"), m.Assessed, "be positive when passing is given")
			}
			if !inRange(x, 0, 1) {
				return Quality{}, finiteIn(f(".score"), x, 0, 1)
			}
		}
		c := w[i] * x
		q.Measures[i] = MeasureScore{Dimension: m.Dimension, Indicator: m.Indicator, Passing: m.Passing,
			Assessed: m.Assessed, Score: x, Weight: w[i], Contribution: c}
		q.Score += c
	}
	q.Score = min(max(q.Score, 0), 1) // normalised weights may sum to 1 ± an ulp
	q.Coefficient = a.Mapping.Coefficient(q.Score)
	q.Trail = q.trail(a.Mapping)
	return q, nil
}

// trail records the scoring as steps whose inputs carry the scores; quality has no money, so
// the steps' values are zero.
func (q Quality) trail(mapping QualityMapping) Trail {
	const src = "GB/T 36344-2018: X = A/B (elements that pass / elements assessed), or a given score"
	t := make(Trail, 0, len(q.Measures)+2)
	// The measures' inputs share one backing array; each step's slice is capped at its own.
	slab := make([]StepInput, 0, 5*len(q.Measures))
	var running float64
	for _, m := range q.Measures {
		running += m.Contribution
		name := m.Dimension.String()
		if m.Indicator != "" {
			name += ": " + m.Indicator
		}
		from := len(slab)
		if m.Assessed > 0 {
			slab = append(slab, stepRate("passing A", float64(m.Passing)), stepRate("assessed B", float64(m.Assessed)))
		}
		slab = append(slab, stepRate("score X", m.Score), stepRate("weight w", m.Weight), stepRate("running score", running))
		t = append(t, Step{Name: name, Inputs: slab[from:len(slab):len(slab)], Source: src})
	}
	mapText := "identity δ = S"
	if len(mapping.Points) > 0 {
		mapText = "piecewise linear through " + strconv.Itoa(len(mapping.Points)) + " points"
	}
	return append(t,
		Step{Name: "aggregate quality score S = Σ w·X", Inputs: []StepInput{stepRate("S", q.Score)},
			Source: "GB/T 36344-2018 indicators with caller-supplied weights (the standard prescribes none)"},
		Step{Name: "value-adjustment coefficient δ", Inputs: []StepInput{stepText("mapping", mapText), stepRate("δ", q.Coefficient)},
			Source: "CAS 数据资产评估指导意见 (2023) art. 23: 价值调整系数 from quality factors"})
}
