package distribution

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// The inequality measures share their conventions — weights, errors, negative incomes — which
// the package documentation states under "Measuring inequality". Negative incomes follow
// Chen, Tsaur and Rhai, "The Gini coefficient and negative income", Oxford Economic Papers
// 34(3), 1982: the mean-difference Gini stays defined (and can exceed 1) while the mean is
// positive.

// UndefinedError reports an inequality measure that has no value for the incomes given:
// why, in words. It wraps ErrUndefined.
type UndefinedError struct {
	Measure string // e.g. "Atkinson(ε=1)"
	Reason  string // e.g. "income x[3] is 0: the geometric mean is 0"
}

func (e *UndefinedError) Error() string {
	return fmt.Sprintf("distribution: %s is undefined: %s", e.Measure, e.Reason)
}

// Unwrap returns ErrUndefined.
func (e *UndefinedError) Unwrap() error { return ErrUndefined }

// incomeSample is a validated income distribution: x with weights w (nil = all 1), the total
// weight and the weighted mean.
type incomeSample struct {
	x, w   []float64
	weight float64
	mean   float64
}

// newIncomeSample validates x and weights for measure.
func newIncomeSample(measure string, x, weights []float64) (incomeSample, error) {
	if len(x) == 0 {
		return incomeSample{}, &InputError{Field: "x", Value: "[]", Reason: "not be empty"}
	}
	if weights != nil && len(weights) != len(x) {
		return incomeSample{}, &InputError{Field: "weights", Value: fmt.Sprintf("%d weights", len(weights)),
			Reason: fmt.Sprintf("have one weight per income (%d)", len(x))}
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return incomeSample{}, &InputError{Field: fmt.Sprintf("x[%d]", i), Value: fmt.Sprint(v), Reason: "be finite"}
		}
	}
	s := incomeSample{x: x, w: weights, weight: float64(len(x))}
	if weights != nil {
		s.weight = 0
		for i, v := range weights {
			if !(v >= 0) || math.IsInf(v, 1) {
				return incomeSample{}, &InputError{Field: fmt.Sprintf("weights[%d]", i), Value: fmt.Sprint(v), Reason: "be finite and non-negative"}
			}
			s.weight += v
		}
		if s.weight == 0 {
			return incomeSample{}, &InputError{Field: "weights", Value: "all zero", Reason: "have a positive sum"}
		}
		if math.IsInf(s.weight, 1) {
			return incomeSample{}, &InputError{Field: "weights", Value: "+Inf", Reason: "have a finite sum"}
		}
	}
	s.mean = stat.Mean(x, weights)
	if math.IsInf(s.mean, 0) || math.IsNaN(s.mean) {
		// Σwx overflowed: average the population shares' incomes instead, term by term
		// bounded by max |x|.
		s.mean = 0
		for i, v := range x {
			s.mean += s.weightOf(i) / s.weight * v
		}
	}
	if !(s.mean > 0) {
		return incomeSample{}, &UndefinedError{Measure: measure, Reason: fmt.Sprintf("the mean income is %g, not positive", s.mean)}
	}
	return s, nil
}

// weightOf returns the weight of income i.
func (s incomeSample) weightOf(i int) float64 {
	if s.w == nil {
		return 1
	}
	return s.w[i]
}

// requirePositive returns an *UndefinedError for the first negative income with positive
// weight, and for the first zero income too unless allowZero.
func (s incomeSample) requirePositive(measure string, allowZero bool, why string) error {
	for i, v := range s.x {
		if s.weightOf(i) == 0 || v > 0 || (v == 0 && allowZero) {
			continue
		}
		return &UndefinedError{Measure: measure, Reason: fmt.Sprintf("income x[%d] is %g: %s", i, v, why)}
	}
	return nil
}

// sorted returns the incomes in ascending order with their weights (nil when unweighted),
// leaving the caller's slices alone and dropping zero weights. Equal incomes keep their
// input order, so Lorenz vertices are deterministic.
func (s incomeSample) sorted() (x, w []float64) {
	if s.w == nil {
		x = slices.Clone(s.x)
		sortIncomes(x, nil)
		return x, nil
	}
	x, w = make([]float64, 0, len(s.x)), make([]float64, 0, len(s.x))
	for i, v := range s.x {
		if s.w[i] > 0 {
			x, w = append(x, v), append(w, s.w[i])
		}
	}
	sortIncomes(x, w)
	return x, w
}

// Radix sort parameters: from radixMin incomes on, sortIncomes sorts 64-bit keys in
// radixPasses passes of radixBits-bit digits.
const (
	radixMin    = 256
	radixBits   = 11
	radixPasses = 6 // ⌈64/11⌉
	radixMask   = 1<<radixBits - 1
)

// sortIncomes sorts x ascending, stably, moving the weights w (if not nil) along. Long inputs
// go through a least-significant-digit radix sort on the IEEE 754 bit patterns, mapped to
// unsigned keys that order like the floats (D. E. Knuth, TAOCP vol. 3, §5.2.5; the key
// mapping is Herf's, "Radix tricks", 2001): O(n) and several times faster than a comparison
// sort at 10⁶ incomes. x holds no NaN.
func sortIncomes(x, w []float64) {
	n := len(x)
	if n < radixMin {
		if w == nil {
			slices.Sort(x)
			return
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
		xs, ws := make([]float64, n), make([]float64, n)
		for k, i := range order {
			xs[k], ws[k] = x[i], w[i]
		}
		copy(x, xs)
		copy(w, ws)
		return
	}
	keys, keyBuf := make([]uint64, n), make([]uint64, n)
	var count [radixPasses][1 << radixBits]int // the digit histograms of all passes, counted in one sweep
	for i, v := range x {
		b := math.Float64bits(v)
		if b>>63 == 1 {
			b = ^b // negative: reverse the order of the magnitudes
		} else {
			b |= 1 << 63
		}
		keys[i] = b
		for p := range count {
			count[p][(b>>(radixBits*p))&radixMask]++
		}
	}
	ws, wBuf := w, []float64(nil)
	if w != nil {
		wBuf = make([]float64, n)
	}
	for p := range count {
		shift := radixBits * p
		if count[p][(keys[0]>>shift)&radixMask] == n {
			continue // every key has the same digit here
		}
		at := 0
		for d, c := range count[p] {
			count[p][d] = at
			at += c
		}
		for i, k := range keys {
			d := (k >> shift) & radixMask
			keyBuf[count[p][d]] = k
			if ws != nil {
				wBuf[count[p][d]] = ws[i]
			}
			count[p][d]++
		}
		keys, keyBuf = keyBuf, keys
		ws, wBuf = wBuf, ws
	}
	for i, k := range keys {
		if k>>63 == 1 {
			x[i] = math.Float64frombits(k &^ (1 << 63))
		} else {
			x[i] = math.Float64frombits(^k)
		}
	}
	if w != nil && &ws[0] != &w[0] {
		copy(w, ws)
	}
}

// Gini returns the Gini index of incomes x: half the relative mean absolute difference,
//
//	G = Σᵢ Σⱼ wᵢwⱼ|xᵢ − xⱼ| / (2W²μ),
//
// computed exactly in O(n log n) from the sorted incomes as Σᵢ wᵢxᵢ(2Bᵢ + wᵢ − W) / (W·Σwx),
// where Bᵢ is the weight below the i-th income (evaluated in population shares and incomes
// relative to the mean, so that no sum overflows). G is 0 for equal incomes and at most
// (n−1)/n for n unweighted non-negative incomes (one holder has everything); it is the same
// as 1 − 2·(area under the Lorenz curve). No small-sample correction is applied (R ineq's
// corr=TRUE multiplies by n/(n−1)).
//
// Source: C. Gini, Variabilità e mutabilità (1912); the weighted form as in Inequality.jl
// (gini) and R ineq; sorted-sum identity from P. J. Lambert, The Distribution and
// Redistribution of Income (3rd ed., 2001), ch. 2. Weights, negative incomes and errors: see
// "Measuring inequality" in the package documentation.
func Gini(x, weights []float64) (float64, error) {
	s, err := newIncomeSample("Gini", x, weights)
	if err != nil {
		return 0, err
	}
	xs, ws := s.sorted()
	// In population shares pᵢ = wᵢ/W and relative incomes rᵢ = xᵢ/μ, which cannot overflow:
	// G = Σ pᵢrᵢ(2Pᵢ + pᵢ − 1), Pᵢ the population share below the i-th income.
	var g, below float64
	for i, v := range xs {
		p := 1 / s.weight
		if ws != nil {
			p = ws[i] / s.weight
		}
		g += p * (v / s.mean) * (2*below + p - 1)
		below += p
	}
	return g, nil
}

// Theil returns the Theil T index, GE(1): (1/W) Σ wᵢ (xᵢ/μ) ln(xᵢ/μ), with 0·ln 0 = 0. It is
// the Kullback–Leibler divergence of income shares sᵢ = wᵢxᵢ/Σwx from population shares
// pᵢ = wᵢ/W, and for unweighted incomes ln n − H(s), where H is the Shannon entropy
// (gonum stat.KullbackLeibler and stat.Entropy). It ranges from 0 to ln n. Zero incomes are
// allowed; negative ones make it undefined.
//
// Source: H. Theil, Economics and Information Theory (1967), ch. 4; Inequality.jl (theil).
func Theil(x, weights []float64) (float64, error) {
	s, err := newIncomeSample("Theil", x, weights)
	if err != nil {
		return 0, err
	}
	if err := s.requirePositive("Theil", true, "its logarithm is undefined"); err != nil {
		return 0, err
	}
	income, population := s.shares()
	if population == nil {
		return math.Max(0, math.Log(float64(len(income)))-stat.Entropy(income)), nil
	}
	return math.Max(0, stat.KullbackLeibler(income, population)), nil
}

// MeanLogDeviation returns the mean log deviation, GE(0): (1/W) Σ wᵢ ln(μ/xᵢ), the
// Kullback–Leibler divergence of population shares from income shares (gonum
// stat.KullbackLeibler). It needs every income with positive weight to be positive.
//
// Source: H. Theil (1967), the "second Theil measure"; A. F. Shorrocks, "The class of additively
// decomposable inequality measures", Econometrica 48(3), 1980; Inequality.jl (mld).
func MeanLogDeviation(x, weights []float64) (float64, error) {
	s, err := newIncomeSample("MeanLogDeviation", x, weights)
	if err != nil {
		return 0, err
	}
	if err := s.requirePositive("MeanLogDeviation", false, "ln(μ/x) is infinite"); err != nil {
		return 0, err
	}
	income, population := s.shares()
	if population == nil {
		population = slices.Repeat([]float64{1 / float64(len(income))}, len(income))
	}
	return math.Max(0, stat.KullbackLeibler(population, income)), nil
}

// shares returns the income shares wᵢxᵢ/Σwx and, when weighted, the population shares wᵢ/W
// (nil when unweighted: then every population share is 1/n).
func (s incomeSample) shares() (income, population []float64) {
	income = make([]float64, len(s.x))
	for i, v := range s.x {
		income[i] = s.weightOf(i) / s.weight * (v / s.mean)
	}
	if s.w == nil {
		return income, nil
	}
	population = make([]float64, len(s.x))
	for i, v := range s.w {
		population[i] = v / s.weight
	}
	return income, population
}

// GeneralizedEntropy returns the generalised entropy index GE(α):
//
//	GE(α) = [ (1/W) Σ wᵢ (xᵢ/μ)^α − 1 ] / (α(α−1))   for α ∉ {0, 1},
//
// with GE(0) = MeanLogDeviation and GE(1) = Theil; GE(2) is half the squared coefficient of
// variation. Larger α weighs the top of the distribution more. Zero incomes are allowed for
// α > 0 and make it undefined for α ≤ 0; negative incomes make it undefined. α must be
// finite.
//
// Source: A. F. Shorrocks, Econometrica 48(3), 1980; F. A. Cowell, Measuring Inequality
// (3rd ed., 2011), §3.3; Inequality.jl (gen_entropy).
func GeneralizedEntropy(x, weights []float64, alpha float64) (float64, error) {
	if math.IsNaN(alpha) || math.IsInf(alpha, 0) {
		return 0, &InputError{Field: "alpha", Value: fmt.Sprint(alpha), Reason: "be finite"}
	}
	switch alpha {
	case 0:
		return MeanLogDeviation(x, weights)
	case 1:
		return Theil(x, weights)
	}
	measure := fmt.Sprintf("GeneralizedEntropy(α=%g)", alpha)
	s, err := newIncomeSample(measure, x, weights)
	if err != nil {
		return 0, err
	}
	if err := s.requirePositive(measure, alpha > 0, "(x/μ)^α is undefined or infinite"); err != nil {
		return 0, err
	}
	var m float64
	for i, v := range s.x {
		m += s.weightOf(i) * math.Pow(v/s.mean, alpha)
	}
	return math.Max(0, (m/s.weight-1)/(alpha*(alpha-1))), nil
}

// Atkinson returns the Atkinson index with inequality aversion ε ≥ 0: one minus the ratio
// of the equally distributed equivalent income to the mean,
//
//	A(ε) = 1 − [ (1/W) Σ wᵢ (xᵢ/μ)^(1−ε) ]^(1/(1−ε))   for ε ≠ 1,
//	A(1) = 1 − (Π xᵢ^(wᵢ/W)) / μ                       (geometric mean over mean).
//
// A(0) = 0; A rises with ε toward 1 − min(x)/μ. For ε ≥ 1 an income of zero is an error, not
// dropped as Inequality.jl does: the limit there is A = 1, which says nothing about the
// rest of the distribution. Negative incomes make it undefined.
//
// Source: A. B. Atkinson, "On the measurement of inequality", Journal of Economic Theory 2(3),
// 1970; Inequality.jl (atkinson).
func Atkinson(x, weights []float64, epsilon float64) (float64, error) {
	if !(epsilon >= 0) || math.IsInf(epsilon, 1) {
		return 0, &InputError{Field: "epsilon", Value: fmt.Sprint(epsilon), Reason: "be finite and non-negative"}
	}
	measure := fmt.Sprintf("Atkinson(ε=%g)", epsilon)
	s, err := newIncomeSample(measure, x, weights)
	if err != nil {
		return 0, err
	}
	if err := s.requirePositive(measure, epsilon < 1, "the index is undefined for zero incomes when ε ≥ 1"); err != nil {
		return 0, err
	}
	if epsilon == 1 {
		var logGeo float64
		for i, v := range s.x {
			if wi := s.weightOf(i); wi > 0 {
				logGeo += wi * math.Log(v/s.mean)
			}
		}
		return math.Max(0, 1-math.Exp(logGeo/s.weight)), nil
	}
	var m float64
	for i, v := range s.x {
		if wi := s.weightOf(i); wi > 0 {
			m += wi * math.Pow(v/s.mean, 1-epsilon)
		}
	}
	return math.Max(0, 1-math.Pow(m/s.weight, 1/(1-epsilon))), nil
}

// Palma returns the Palma ratio: the income share of the richest 10 % of the population
// divided by the share of the poorest 40 %, (1 − L(0.9)) / L(0.4), where L is the Lorenz
// curve.
//
// Cut-offs that fall inside a unit (n not a multiple of 10, or weights) are interpolated
// linearly along the Lorenz curve: a unit of weight w straddling the cut-off counts with the
// fraction of its weight on each side, its income spread evenly over its weight. For n a
// multiple of 10 unweighted, this is exactly the top n/10 incomes over the bottom 4n/10. It
// is undefined when the bottom 40 % hold nothing or less.
//
// Source: J. G. Palma, "Homogeneous middles vs. heterogeneous tails", Development and Change
// 42(1), 2011; A. Cobham and A. Sumner, "Is inequality all about the tails?", 2013. The
// interpolation rule is this package's, as no standard one exists (reference §8).
func Palma(x, weights []float64) (float64, error) {
	l, err := lorenzCurve("Palma", x, weights)
	if err != nil {
		return 0, err
	}
	return l.palma()
}

// palma is the Palma ratio of the distribution the curve describes.
func (l LorenzCurve) palma() (float64, error) {
	bottom, top := l.Share(0.4), 1-l.Share(0.9)
	if !(bottom > 0) {
		return 0, &UndefinedError{Measure: "Palma", Reason: fmt.Sprintf("the poorest 40%% hold a share of %g, not positive", bottom)}
	}
	return top / bottom, nil
}

// LorenzPoint is one vertex of a Lorenz curve: the poorest Population share of the
// population (0..1) holds the Income share of total income. A plain value.
type LorenzPoint struct {
	Population float64 `json:"population"`
	Income     float64 `json:"income"`
}

// LorenzCurve is the Lorenz curve of an income distribution: the vertices from (0, 0) to
// (1, 1), one per income with positive weight in ascending order of income, joined by
// straight lines, and the Area under them. Gini = 1 − 2·Area. With negative incomes the
// curve dips below zero. A LorenzCurve is a plain value, safe for concurrent reads.
//
// JSON: {"points":[{"population":0,"income":0},…],"area":0.38}.
type LorenzCurve struct {
	Points []LorenzPoint `json:"points"`
	Area   float64       `json:"area"`
}

// Lorenz returns the Lorenz curve of incomes x with weights (nil = equal): point k is
// (Σ_{j≤k} wⱼ / W, Σ_{j≤k} wⱼxⱼ / Σwx) over incomes sorted ascending, after (0, 0).
//
// Source: M. O. Lorenz, "Methods of measuring the concentration of wealth", Publications of
// the American Statistical Association 9(70), 1905; Inequality.jl (lorenz_curve).
func Lorenz(x, weights []float64) (LorenzCurve, error) {
	return lorenzCurve("Lorenz", x, weights)
}

func lorenzCurve(measure string, x, weights []float64) (LorenzCurve, error) {
	s, err := newIncomeSample(measure, x, weights)
	if err != nil {
		return LorenzCurve{}, err
	}
	xs, ws := s.sorted()
	points := make([]LorenzPoint, 0, len(xs)+1)
	points = append(points, LorenzPoint{})
	var below, income, area float64 // population share, income share, area so far
	for i, v := range xs {
		p := 1 / s.weight
		if ws != nil {
			p = ws[i] / s.weight
		}
		prev := income
		below += p
		income += p * (v / s.mean)
		area += p * (prev + income) / 2 // the trapezoid under this segment
		points = append(points, LorenzPoint{Population: below, Income: income})
	}
	points[len(points)-1] = LorenzPoint{Population: 1, Income: 1} // exact end point despite rounding
	return LorenzCurve{Points: points, Area: area}, nil
}

// Share returns L(p), the income share of the poorest fraction p of the population,
// interpolating linearly between vertices; p is clamped to [0, 1].
func (l LorenzCurve) Share(p float64) float64 {
	if len(l.Points) == 0 {
		return 0
	}
	p = math.Min(1, math.Max(0, p))
	k, _ := slices.BinarySearchFunc(l.Points, p, func(pt LorenzPoint, p float64) int { return cmp.Compare(pt.Population, p) })
	if k == 0 {
		return l.Points[0].Income
	}
	if k == len(l.Points) {
		return l.Points[len(l.Points)-1].Income
	}
	a, b := l.Points[k-1], l.Points[k]
	if b.Population == a.Population {
		return b.Income
	}
	return a.Income + (b.Income-a.Income)*(p-a.Population)/(b.Population-a.Population)
}

// Gini returns 1 − 2·Area, the Gini index of the distribution the curve describes.
func (l LorenzCurve) Gini() float64 { return 1 - 2*l.Area }
