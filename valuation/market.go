package valuation

import (
	"github.com/dataassay/assay"
	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat"
)

// Comparable is one comparable transaction of the market approach with its correction
// factors. Each factor is a subject/comparable index ratio (100/95 when the subject is 5 %
// better), following the CAS 数据资产评估指导意见 (2023) art. 24 model
// P = Q × X₁ × X₂ × X₃ × X₄ × X₅. A zero factor means 1 (no correction).
type Comparable struct {
	ID    string      `json:"id"`    // e.g. the exchange's listing number
	Price assay.Money `json:"price"` // Q, the transaction price, positive
	// Quality is X₁ (质量), e.g. subject quality score / comparable quality score.
	Quality float64 `json:"quality,omitempty"`
	// SupplyDemand is X₂ (供求).
	SupplyDemand float64 `json:"supplyDemand,omitempty"`
	// Date is X₃ (期日). Leave it zero and give the two price indices to use
	// 基准日价格指数 / 可比交易日价格指数 instead.
	Date float64 `json:"date,omitempty"`
	// IndexAtValuation and IndexAtTransaction are the price index at the valuation date and
	// at the comparable's transaction date; when both are given, Date = their ratio.
	IndexAtValuation   float64 `json:"indexAtValuation,omitempty"`
	IndexAtTransaction float64 `json:"indexAtTransaction,omitempty"`
	// Capacity is X₄ (容量), ≈ subject / comparable volume when value density is similar.
	Capacity float64 `json:"capacity,omitempty"`
	// Other is X₅ (其他): rights type, term, region, trade mode.
	Other float64 `json:"other,omitempty"`
	// Similarity in (0, 1] weights the comparable under SimilarityWeights.
	Similarity float64 `json:"similarity,omitempty"`
	// Weight weights the comparable under GivenWeights.
	Weight float64 `json:"weight,omitempty"`
	// Exclude, when not empty, sets the comparable aside and records why.
	Exclude string `json:"exclude,omitempty"`
}

// Weighting says how the adjusted prices of the comparables are averaged.
type Weighting string

// The weightings.
const (
	EqualWeights      Weighting = "equal"      // Σ Pᵢ / n, the CAS 2023 model; the zero Weighting
	SimilarityWeights Weighting = "similarity" // weights proportional to Comparable.Similarity
	GivenWeights      Weighting = "given"      // Comparable.Weight, summing to 1 unless normalised
)

// Band is the sanity band of the correction factors: each must lie in [Low, High]. The zero
// value is the default [0.5, 2.0]: a correction beyond it says the comparable is not
// comparable, and an appraiser who keeps it must widen the band and justify it.
type Band struct {
	Low  float64 `json:"low,omitempty"`  // lowest factor allowed, in (0, 1]; 0 means 0.5
	High float64 `json:"high,omitempty"` // highest factor allowed, ≥ 1; 0 means 2.0
}

func (b Band) bounds() (lo, hi float64) {
	lo, hi = b.Low, b.High
	if lo == 0 {
		lo = defaultBandLow
	}
	if hi == 0 {
		hi = defaultBandHigh
	}
	return lo, hi
}

// Defaults and bounds of a MarketInput.
const (
	// defaultMinComparables is the least number of comparables that must remain after
	// exclusions when MinComparables is zero: the customary minimum of comparable cases in
	// Chinese appraisal practice.
	defaultMinComparables = 3
	// defaultBandLow and defaultBandHigh bound each correction factor when Band is zero: a
	// comparable that needs more than halving or doubling is not comparable.
	defaultBandLow, defaultBandHigh = 0.5, 2.0
	// maxBandHigh bounds Band.High, so that a band cannot admit any factor at all.
	maxBandHigh = 1e6
)

// MarketInput is the input of Market. The zero value has no comparables and is invalid. It is
// a plain value, safe to copy and to read concurrently; Market does not modify it.
type MarketInput struct {
	Comparables []Comparable `json:"comparables"`
	Weighting   Weighting    `json:"weighting,omitempty"` // default EqualWeights
	// Normalize divides given weights by their sum instead of requiring them to sum to 1
	// within 1e-9. Default false.
	Normalize bool `json:"normalize,omitempty"`
	// MinComparables is the least number of comparables that must remain after exclusions;
	// zero means 3, the customary minimum number of comparable cases in Chinese appraisal
	// practice.
	MinComparables int `json:"minComparables,omitempty"`
	// Band is the factors' sanity band; default [0.5, 2.0].
	Band Band `json:"band,omitzero"`
	// Rounding rounds the value to the currency's minor unit; default HalfEven.
	Rounding assay.RoundingMode `json:"rounding,omitzero"`
}

// UnmarshalJSON decodes a MarketInput, refusing unknown fields, inputs over 1 MiB and more
// than 1000 comparables.
func (in *MarketInput) UnmarshalJSON(data []byte) error {
	type plain MarketInput
	var p plain
	if err := decodeStrict(data, &p, "market input"); err != nil {
		return err
	}
	if len(p.Comparables) > maxListLen {
		return inputError("comparables", len(p.Comparables), "hold at most 1000 comparables")
	}
	*in = MarketInput(p)
	return nil
}

// Validate reports the first invalid field of in: an *InputError, a *FactorError or a
// *ComparablesError. It checks what Market checks without computing the valuation.
func (in MarketInput) Validate() error {
	_, err := in.check()
	return err
}

// marketPlan is a validated MarketInput: the band, the comparables' date factors and the raw
// weights of the comparables kept.
type marketPlan struct {
	lo, hi float64
	date   []float64 // X₃ per comparable, from Date or the two price indices
	raw    []float64 // raw weight per kept comparable
	w      []float64 // normalised weight per kept comparable
	kept   []int     // indices of the comparables not excluded
	cur    assay.Currency
}

// check validates in and returns what Market needs to compute it.
func (in MarketInput) check() (marketPlan, error) {
	n := len(in.Comparables)
	if n > maxListLen {
		return marketPlan{}, inputError("comparables", n, "hold at most 1000 comparables")
	}
	switch in.Weighting {
	case "", EqualWeights, SimilarityWeights, GivenWeights:
	default:
		return marketPlan{}, inputError("weighting", string(in.Weighting), `be "equal", "similarity" or "given"`)
	}
	minN := in.MinComparables
	if minN < 0 || minN > maxListLen {
		return marketPlan{}, inputError("minComparables", minN, "be in 0..1000")
	}
	if minN == 0 {
		minN = defaultMinComparables
	}
	if err := finiteIn("band.low", in.Band.Low, 0, 1); err != nil {
		return marketPlan{}, err
	}
	if err := finiteIn("band.high", in.Band.High, 0, maxBandHigh); err != nil {
		return marketPlan{}, err
	}
	if in.Band.High != 0 && in.Band.High < 1 {
		return marketPlan{}, inputError("band.high", in.Band.High, "be at least 1")
	}
	if !in.Rounding.Valid() {
		return marketPlan{}, inputError("rounding", in.Rounding.String(), "be a defined rounding mode")
	}
	p := marketPlan{date: make([]float64, n), raw: make([]float64, 0, n), kept: make([]int, 0, n)}
	p.lo, p.hi = in.Band.bounds()
	var cc currencyOf
	for i, cp := range in.Comparables {
		if !cc.take(cp.Price) {
			return marketPlan{}, cc.add(indexed("comparables", i)+".price", cp.Price)
		}
		var err error
		if p.date[i], err = p.checkComparable(i, cp); err != nil {
			return marketPlan{}, err
		}
		if cp.Exclude != "" {
			continue
		}
		w, err := comparableWeight(i, cp, in.Weighting)
		if err != nil {
			return marketPlan{}, err
		}
		p.raw = append(p.raw, w)
		p.kept = append(p.kept, i)
	}
	if len(p.kept) < minN {
		return marketPlan{}, &ComparablesError{Remaining: len(p.kept), Min: minN}
	}
	var err error
	p.w, err = checkedWeights(p.raw, in.Weighting != GivenWeights || in.Normalize, func(j int) string {
		return indexed("comparables", p.kept[j]) + ".weight"
	})
	if err != nil {
		return marketPlan{}, err
	}
	p.cur, _ = cc.get("comparables") // prices are positive, so a currency was seen
	return p, nil
}

// checkComparable validates comparable i and returns its date factor X₃.
func (p marketPlan) checkComparable(i int, cp Comparable) (float64, error) {
	// The field path is built only for an error: valid input formats no names.
	f := func(leaf string) string { return indexed("comparables", i) + leaf }
	if !cp.Price.IsPositive() {
		return 0, inputError(f(".price"), cp.Price.String(), "be positive")
	}
	date := cp.Date
	if cp.IndexAtValuation != 0 || cp.IndexAtTransaction != 0 {
		if cp.Date != 0 {
			return 0, inputError(f(".date"), cp.Date, "be absent when price indices are given")
		}
		if !above(cp.IndexAtValuation, 0) {
			return 0, finiteAbove(f(".indexAtValuation"), cp.IndexAtValuation, 0)
		}
		if !above(cp.IndexAtTransaction, 0) {
			return 0, finiteAbove(f(".indexAtTransaction"), cp.IndexAtTransaction, 0)
		}
		date = cp.IndexAtValuation / cp.IndexAtTransaction
	}
	for _, x := range [...]struct {
		name string
		v    float64
	}{{"quality", cp.Quality}, {"supplyDemand", cp.SupplyDemand}, {"date", date}, {"capacity", cp.Capacity}, {"other", cp.Other}} {
		v := factorOrOne(x.v)
		if !isFinite(v) {
			return 0, inputError(f("."+x.name), v, "be finite")
		}
		if cp.Exclude == "" && (v < p.lo || v > p.hi) {
			return 0, &FactorError{Field: f("." + x.name), Value: v, Low: p.lo, High: p.hi}
		}
	}
	return date, nil
}

// comparableWeight returns the raw weight of comparable i under weighting.
func comparableWeight(i int, cp Comparable, weighting Weighting) (float64, error) {
	switch weighting {
	case SimilarityWeights:
		if !inRange(cp.Similarity, 0, 1) {
			return 0, finiteIn(indexed("comparables", i)+".similarity", cp.Similarity, 0, 1)
		}
		if cp.Similarity == 0 {
			return 0, inputError(indexed("comparables", i)+".similarity", cp.Similarity, "be positive under similarity weighting")
		}
		return cp.Similarity, nil
	case GivenWeights:
		return cp.Weight, nil
	}
	return 1, nil
}

// factorOrOne reads a zero correction factor as 1, no correction.
func factorOrOne(v float64) float64 {
	if v == 0 {
		return 1
	}
	return v
}

// AdjustedComparable is one comparable in a MarketResult.
type AdjustedComparable struct {
	ID           string      `json:"id"`
	Price        assay.Money `json:"price"`
	Quality      float64     `json:"quality"`
	SupplyDemand float64     `json:"supplyDemand"`
	Date         float64     `json:"date"`
	Capacity     float64     `json:"capacity"`
	Other        float64     `json:"other"`
	Composite    float64     `json:"composite"` // X₁·X₂·X₃·X₄·X₅
	Adjusted     assay.Money `json:"adjusted"`  // Q × composite, rounded for display
	Weight       float64     `json:"weight"`    // normalised; 0 when excluded
	Exclude      string      `json:"exclude,omitempty"`
}

// MarketResult is the result of Market: the comparables with their factors and adjusted
// prices, the weighted value, and the dispersion of the adjusted prices (lowest, highest,
// coefficient of variation = sample standard deviation / mean). It is a plain value, safe
// to read concurrently.
type MarketResult struct {
	Comparables []AdjustedComparable `json:"comparables"`
	Value       assay.Money          `json:"value"`
	Low         assay.Money          `json:"low"`
	High        assay.Money          `json:"high"`
	CV          float64              `json:"cv"`
	Trail       Trail                `json:"trail"`
}

// Indication returns the result as an indication for Reconcile, ranging from the lowest to
// the highest adjusted price.
func (r MarketResult) Indication(weight float64) Indication {
	return Indication{Approach: "market", Value: r.Value, Low: r.Low, High: r.High, Weight: weight}
}

// Market values a data asset by the market approach of the CAS 数据资产评估指导意见 (2023)
// art. 24: each comparable price times its correction factors (quality, supply–demand, date
// as a price-index ratio, capacity, other), then their weighted mean. The products and the
// mean are exact decimals, rounded once. It refuses, with a *FactorError, any factor outside
// the sanity band and, with a *ComparablesError, fewer remaining comparables than the minimum.
func Market(in MarketInput) (MarketResult, error) {
	p, err := in.check()
	if err != nil {
		return MarketResult{}, err
	}
	res := MarketResult{Comparables: make([]AdjustedComparable, len(in.Comparables))}
	exact := make([]decimal.Decimal, len(in.Comparables))      // Q × composite, unrounded
	composites := make([]decimal.Decimal, len(in.Comparables)) // X₁·X₂·X₃·X₄·X₅
	for i, cp := range in.Comparables {
		ac := AdjustedComparable{ID: cp.ID, Price: cp.Price, Exclude: cp.Exclude,
			Quality: factorOrOne(cp.Quality), SupplyDemand: factorOrOne(cp.SupplyDemand), Date: factorOrOne(p.date[i]),
			Capacity: factorOrOne(cp.Capacity), Other: factorOrOne(cp.Other)}
		var factors [5]float64 // those other than 1, in order
		nf := 0
		for _, v := range [...]float64{ac.Quality, ac.SupplyDemand, ac.Date, ac.Capacity, ac.Other} {
			if v != 1 {
				factors[nf], nf = v, nf+1
			}
		}
		composites[i] = shortestProduct(factors[:nf])
		ac.Composite = composites[i].InexactFloat64()
		exact[i] = cp.Price.Amount().Mul(composites[i])
		ac.Adjusted = assay.MoneyOf(exact[i], cp.Price.Currency()).Round(in.Rounding)
		res.Comparables[i] = ac
	}
	for j, i := range p.kept {
		res.Comparables[i].Weight = p.w[j]
	}
	res.Value, res.Low, res.High, res.CV = p.weightedMean(exact, in.Rounding)
	res.Trail = marketTrail(res, composites, in)
	return res, nil
}

// weightedMean returns the weighted mean of the kept adjusted prices, rounded once, their
// lowest and highest, and their coefficient of variation (sample standard deviation / mean).
func (p marketPlan) weightedMean(exact []decimal.Decimal, mode assay.RoundingMode) (value, low, high assay.Money, cv float64) {
	var num, den, lowest, highest decimal.Decimal
	adjusted := make([]float64, len(p.kept))
	for j, i := range p.kept {
		dw := decimalOf(p.raw[j])
		num = num.Add(exact[i].Mul(dw))
		den = den.Add(dw)
		adjusted[j] = exact[i].InexactFloat64()
		if j == 0 || exact[i].LessThan(lowest) {
			lowest = exact[i]
		}
		if j == 0 || exact[i].GreaterThan(highest) {
			highest = exact[i]
		}
	}
	value = assay.MoneyOf(quoRound(num, den, int32(p.cur.Digits()), mode), p.cur)
	low = assay.MoneyOf(lowest, p.cur).Round(mode)
	high = assay.MoneyOf(highest, p.cur).Round(mode)
	if len(adjusted) > 1 {
		mean, sd := stat.MeanStdDev(adjusted, nil)
		cv = sd / mean
	}
	return value, low, high, cv
}

// marketTrail writes the working of a market valuation: a step per comparable, then the mean.
func marketTrail(res MarketResult, composites []decimal.Decimal, in MarketInput) Trail {
	trail := make(Trail, 0, len(res.Comparables)+1)
	// The comparables' inputs share one backing array; each step's slice is capped at its own.
	const perComparable = 7
	slab := make([]StepInput, 0, perComparable*len(res.Comparables))
	for i, ac := range res.Comparables {
		if ac.Exclude != "" {
			trail = append(trail, Step{Name: "excluded comparable " + ac.ID, Inputs: []StepInput{stepText("reason", ac.Exclude)},
				Source: "CAS 数据资产评估指导意见 (2023) art. 24: comparables must be comparable"})
			continue
		}
		from := len(slab)
		slab = append(slab, stepMoney("price Q", ac.Price), stepRate("quality", ac.Quality),
			stepRate("supply-demand", ac.SupplyDemand), stepRate("date", ac.Date), stepRate("capacity", ac.Capacity),
			stepRate("other", ac.Other), stepRate("weight", ac.Weight))
		trail = append(trail, Step{Name: "comparable " + ac.ID, Inputs: slab[from:len(slab):len(slab)],
			Factor: composites[i].String(), Value: ac.Adjusted,
			Source: "CAS 数据资产评估指导意见 (2023) art. 24: P = Q × X₁(质量) × X₂(供求) × X₃(期日) × X₄(容量) × X₅(其他)"})
	}
	wsrc := "arithmetic mean Σ Pᵢ / n"
	switch in.Weighting {
	case SimilarityWeights:
		wsrc = "weighted mean by similarity Σ sᵢPᵢ / Σ sᵢ"
	case GivenWeights:
		wsrc = "weighted mean by given weights Σ wᵢPᵢ / Σ wᵢ"
	}
	return append(trail,
		Step{Name: "market-approach value", Inputs: []StepInput{
			stepMoney("lowest adjusted", res.Low), stepMoney("highest adjusted", res.High),
			stepRate("coefficient of variation", res.CV), stepText("rounding", in.Rounding.String())},
			Value: res.Value, Source: wsrc + ", rounded once"})
}
