package distribution

import (
	"fmt"
	"math"
	"strconv"
)

// ReplicationRobust returns similarity-penalised values for data sellers, the
// Shapley-Robust rule of Agarwal, Dahleh & Sarkar ("A Marketplace for Data: An Algorithmic
// Solution", ACM EC 2019, §4.3, Algorithm 2):
//
//	ψᵢ = φᵢ · exp(−λ · Σ_{j≠i} sim(i, j)),
//
// where φ is a value vector (usually Shapley), sim(i, j) ∈ [0, 1] the similarity of the
// data of sellers i and j (CosineSimilarity of their feature columns, say) and λ ≥ 0 the
// penalty. Plain Shapley rewards copying: if seller A of a pair of substitutes (v = 1 for any
// non-empty coalition) enters a second copy of its data, A's copies share ⅔ instead of A's ½.
// Under the penalty every copy is discounted by the similarity it shares with the others, so
// duplicating stops paying once λ is large enough (λ ≥ ln 4/3 for the raw values of that
// example, λ ≥ ln 2 once they are renormalised to the revenue).
//
// The result is not efficient: the penalties are revenue not paid out (ADS keep it with the
// market). Passing it to ToMoney or NormalizeValues shares the whole revenue in proportion to
// ψ, which keeps the ordering but weakens the guarantee, as the example's two thresholds show.
// similarity must be n×n with entries in [0, 1] (the diagonal is ignored); lambda must be
// finite and non-negative.
func ReplicationRobust(values []float64, similarity [][]float64, lambda float64) ([]float64, error) {
	n := len(values)
	if !(lambda >= 0) || math.IsInf(lambda, 0) {
		return nil, &InputError{Field: "lambda", Value: fmtWorth(lambda), Reason: "be finite and not negative"}
	}
	if len(similarity) != n {
		return nil, &InputError{Field: "len(similarity)", Value: strconv.Itoa(len(similarity)), Reason: fmt.Sprintf("equal len(values) = %d", n)}
	}
	out := make([]float64, n)
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &InputError{Field: fmt.Sprintf("values[%d]", i), Value: fmtWorth(v), Reason: "be finite"}
		}
		if len(similarity[i]) != n {
			return nil, &InputError{Field: fmt.Sprintf("len(similarity[%d])", i), Value: strconv.Itoa(len(similarity[i])), Reason: fmt.Sprintf("equal %d", n)}
		}
		var s float64
		for j, x := range similarity[i] {
			if !(x >= 0 && x <= 1) {
				return nil, &InputError{Field: fmt.Sprintf("similarity[%d][%d]", i, j), Value: fmtWorth(x), Reason: "be in [0, 1]"}
			}
			if j != i {
				s += x
			}
		}
		out[i] = v * math.Exp(-lambda*s)
	}
	return out, nil
}

// CosineSimilarity returns the matrix of absolute cosine similarities |⟨xᵢ, xⱼ⟩|/(‖xᵢ‖‖xⱼ‖)
// between feature vectors (one per seller, all of the same length), the similarity measure
// Agarwal, Dahleh & Sarkar use with ReplicationRobust. The absolute value treats a feature
// and its negation as the same information. A zero vector is similar to nothing (0), except
// itself on the diagonal (1).
func CosineSimilarity(features [][]float64) ([][]float64, error) {
	n := len(features)
	norms := make([]float64, n)
	for i, f := range features {
		if len(f) != len(features[0]) || len(f) == 0 {
			return nil, &InputError{Field: fmt.Sprintf("len(features[%d])", i), Value: strconv.Itoa(len(f)), Reason: fmt.Sprintf("equal len(features[0]) = %d > 0", len(features[0]))}
		}
		var s float64
		for j, x := range f {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, &InputError{Field: fmt.Sprintf("features[%d][%d]", i, j), Value: fmtWorth(x), Reason: "be finite"}
			}
			s += x * x
		}
		norms[i] = math.Sqrt(s)
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		sim[i][i] = 1
	}
	for i := range n {
		for j := range i {
			if norms[i] == 0 || norms[j] == 0 {
				continue
			}
			var d float64
			for k, x := range features[i] {
				d += x * features[j][k]
			}
			c := min(1, math.Abs(d)/(norms[i]*norms[j]))
			sim[i][j], sim[j][i] = c, c
		}
	}
	return sim, nil
}
