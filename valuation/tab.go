package valuation

import (
	"math"

	"github.com/shopspring/decimal"
)

// TABFactor returns the tax amortisation benefit gross-up factor of IVS 210 for an intangible
// amortised for tax straight-line over years years at tax rate taxRate, discounted at rate:
//
//	TAB factor = 1 / (1 − (t/n)·(1/k − 1/(k(1+k)^n))) = 1 / (1 − t·PVAF(k, n)/n)
//
// with end-of-year discounting (IVS 210; the closed form that resolves the circularity of a
// value that includes its own tax shield). Fair value = value before amortisation benefit ×
// factor. For t = 25 %, n = 15, k = 12 % the factor is 1.12805. taxRate must be in [0, 1),
// years in 1..100 and rate in (0, 10]; otherwise an *InputError is returned.
func TABFactor(taxRate float64, years int, rate float64) (float64, error) {
	if err := finiteIn("taxRate", taxRate, 0, 1); err != nil {
		return 0, err
	}
	if taxRate == 1 {
		return 0, inputError("taxRate", taxRate, "be below 1")
	}
	if years < 1 || years > 100 {
		return 0, inputError("years", years, "be in 1..100")
	}
	if err := finiteAbove("rate", rate, 0); err != nil {
		return 0, err
	}
	if rate > 10 {
		return 0, inputError("rate", rate, "be at most 10")
	}
	return tabFactor(taxRate, float64(years), rate), nil
}

// tabFactor is TABFactor without validation. The annuity factor PVAF(k, n) = (1 − (1+k)^−n)/k
// is computed with Expm1 and Log1p so that small rates keep their precision.
func tabFactor(t, n, k float64) float64 {
	pvaf := -math.Expm1(-n*math.Log1p(k)) / k
	return 1 / (1 - t*pvaf/n)
}

// RateBuildUp builds a discount rate up from a risk-free rate and the risk premiums the CAS
// 数据资产评估指导意见 (2023) art. 22 lists for data assets: management (管理), circulation
// (流通), data security (数据安全) and regulatory (监管) risk, plus any other premium (e.g. a
// market or size premium). All are decimal fractions per year (0.025 is 2.5 %). The zero value
// is a zero rate, which the income approach refuses.
type RateBuildUp struct {
	RiskFree    float64 `json:"riskFree"`
	Management  float64 `json:"management,omitempty"`
	Circulation float64 `json:"circulation,omitempty"`
	Security    float64 `json:"security,omitempty"`
	Regulatory  float64 `json:"regulatory,omitempty"`
	Other       float64 `json:"other,omitempty"`
}

// Rate returns the built-up rate: the sum of the risk-free rate and the premiums, added as
// exact decimals so that 2.5 % + 2 % + 2.5 % + 2 % + 1.5 % is 10.5 %, not 10.500000000000001 %.
func (b RateBuildUp) Rate() float64 {
	terms := [...]float64{b.RiskFree, b.Management, b.Circulation, b.Security, b.Regulatory, b.Other}
	if r, ok := shortestSum(terms[:]); ok {
		return r
	}
	var sum decimal.Decimal
	for _, v := range terms {
		if v != 0 { // adding zero leaves the exact sum as it is
			sum = sum.Add(decimalOf(v))
		}
	}
	return sum.InexactFloat64()
}

// shortestSum returns the float64 nearest to the exact sum of the shortest decimals of terms
// (decimalOf's), computed in int64 without allocating, and whether the terms were small
// enough for that: every shortest decimal at most 2^53 units of a common exponent in
// [-22, 0], where float64(coefficient) / 10^-exponent is one correctly rounded division (the
// fast path of decimal.Decimal.Float64). Otherwise the caller sums decimals.
func shortestSum(terms []float64) (float64, bool) {
	const maxCoef = 1 << 53
	var sum, exp int64 // sum × 10^exp so far; exp stays ≤ 0
	for _, v := range terms {
		if v == 0 {
			continue
		}
		if !isFinite(v) {
			return 0, false
		}
		mant, ve := shortestDecimal(v)
		neg := mant < 0
		if neg {
			mant = -mant
		}
		for ; ve > 0 && mant <= maxCoef; ve-- {
			mant *= 10
		}
		if ve < -22 || mant > maxCoef {
			return 0, false
		}
		for ; exp > ve; exp-- {
			if sum *= 10; sum > maxCoef || sum < -maxCoef {
				return 0, false
			}
		}
		for ; ve > exp; ve-- {
			if mant *= 10; mant > maxCoef {
				return 0, false
			}
		}
		if neg {
			mant = -mant
		}
		if sum += mant; sum > maxCoef || sum < -maxCoef {
			return 0, false
		}
	}
	return float64(sum) / math.Pow10(int(-exp)), true
}

func (b RateBuildUp) validate() error {
	for _, p := range [...]struct {
		f string
		v float64
	}{{"buildUp.riskFree", b.RiskFree}, {"buildUp.management", b.Management}, {"buildUp.circulation", b.Circulation},
		{"buildUp.security", b.Security}, {"buildUp.regulatory", b.Regulatory}, {"buildUp.other", b.Other}} {
		if err := finiteIn(p.f, p.v, -1, 1); err != nil {
			return err
		}
	}
	return nil
}
