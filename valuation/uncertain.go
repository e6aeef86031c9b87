package valuation

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// DistKind names the family of a Distribution. Its JSON form is the constant's text.
type DistKind string

// The distribution families, all sampled by gonum's stat/distuv.
const (
	Normal     DistKind = "normal"     // Mean, StdDev > 0
	LogNormal  DistKind = "lognormal"  // Mu, Sigma > 0 of the logarithm: median e^Mu
	Triangular DistKind = "triangular" // Min < Max, Min ≤ Mode ≤ Max
	Uniform    DistKind = "uniform"    // Min < Max
	PERT       DistKind = "pert"       // beta-PERT: Min < Max, Min ≤ Mode ≤ Max
)

// InputDistribution is the uncertainty of one input of a valuation. Only the fields of its Kind
// are used; the others must be zero. Its base value, used for the deterministic run and the
// tornado, is the appraiser's best estimate: the mean of a normal, the median e^Mu of a
// log-normal, the mode of a triangular or PERT, the midpoint of a uniform.
//
// Beta-PERT is the PERT distribution of Malcolm et al. (1959) with the usual weight λ = 4:
// Min + (Max − Min)·Beta(α, β), α = 1 + 4(Mode − Min)/(Max − Min),
// β = 1 + 4(Max − Mode)/(Max − Min); its mean is (Min + 4·Mode + Max)/6 (Vose, Risk
// Analysis: A Quantitative Guide, 3rd ed., 2008).
//
// An InputDistribution is a plain value, safe to copy and to read concurrently; MonteCarlo builds
// its own seeded samplers from it.
type InputDistribution struct {
	Kind   DistKind `json:"kind"`
	Mean   float64  `json:"mean,omitempty"`
	StdDev float64  `json:"stdDev,omitempty"`
	Mu     float64  `json:"mu,omitempty"`
	Sigma  float64  `json:"sigma,omitempty"`
	Min    float64  `json:"min,omitempty"`
	Mode   float64  `json:"mode,omitempty"`
	Max    float64  `json:"max,omitempty"`
}

// validate reports the first invalid parameter as an *InputError; field prefixes its name.
func (d InputDistribution) validate(field string) error {
	for _, p := range [...]struct {
		f string
		v float64
	}{{"mean", d.Mean}, {"stdDev", d.StdDev}, {"mu", d.Mu}, {"sigma", d.Sigma}, {"min", d.Min}, {"mode", d.Mode}, {"max", d.Max}} {
		if !isFinite(p.v) || math.Abs(p.v) > 1e15 {
			return inputError(field+"."+p.f, p.v, "be finite and within ±1e15")
		}
	}
	unused := func(names ...string) error {
		vals := map[string]float64{"mean": d.Mean, "stdDev": d.StdDev, "mu": d.Mu, "sigma": d.Sigma, "min": d.Min, "mode": d.Mode, "max": d.Max}
		for _, n := range names {
			if vals[n] != 0 {
				return inputError(field+"."+n, vals[n], "be absent for a "+string(d.Kind)+" distribution")
			}
		}
		return nil
	}
	switch d.Kind {
	case Normal:
		if d.StdDev <= 0 {
			return inputError(field+".stdDev", d.StdDev, "be positive")
		}
		return unused("mu", "sigma", "min", "mode", "max")
	case LogNormal:
		if d.Sigma <= 0 {
			return inputError(field+".sigma", d.Sigma, "be positive")
		}
		if d.Mu > 700 {
			return inputError(field+".mu", d.Mu, "be at most 700")
		}
		return unused("mean", "stdDev", "min", "mode", "max")
	case Uniform:
		if d.Min >= d.Max {
			return inputError(field+".max", d.Max, "be above min")
		}
		return unused("mean", "stdDev", "mu", "sigma", "mode")
	case Triangular, PERT:
		if d.Min >= d.Max {
			return inputError(field+".max", d.Max, "be above min")
		}
		if d.Mode < d.Min || d.Mode > d.Max {
			return inputError(field+".mode", d.Mode, "lie in [min, max]")
		}
		return unused("mean", "stdDev", "mu", "sigma")
	}
	return inputError(field+".kind", string(d.Kind), "be normal, lognormal, triangular, uniform or pert")
}

// Base returns the distribution's base value (see Distribution).
func (d InputDistribution) Base() float64 {
	switch d.Kind {
	case Normal:
		return d.Mean
	case LogNormal:
		return math.Exp(d.Mu)
	case Uniform:
		return d.Min + (d.Max-d.Min)/2
	}
	return d.Mode
}

// Quantile returns the p-quantile of the distribution, 0 ≤ p ≤ 1 (the tornado's low and high
// inputs). It assumes a valid distribution.
func (d InputDistribution) Quantile(p float64) float64 {
	return d.sampler(nil).Quantile(p)
}

// sampler returns a gonum distribution drawing from src.
func (d InputDistribution) sampler(src rand.Source) sampler {
	switch d.Kind {
	case Normal:
		return distuv.Normal{Mu: d.Mean, Sigma: d.StdDev, Src: src}
	case LogNormal:
		return distuv.LogNormal{Mu: d.Mu, Sigma: d.Sigma, Src: src}
	case Uniform:
		return distuv.Uniform{Min: d.Min, Max: d.Max, Src: src}
	case Triangular:
		return distuv.NewTriangle(d.Min, d.Max, d.Mode, src)
	}
	width := d.Max - d.Min
	return scaledBeta{Beta: distuv.Beta{Alpha: 1 + 4*(d.Mode-d.Min)/width, Beta: 1 + 4*(d.Max-d.Mode)/width, Src: src},
		lo: d.Min, width: width}
}

type sampler interface {
	Rand() float64
	Quantile(p float64) float64
}

// scaledBeta is a beta distribution stretched from [0, 1] onto [lo, lo + width]: beta-PERT.
type scaledBeta struct {
	distuv.Beta
	lo, width float64
}

// Rand draws from the stretched distribution.
func (s scaledBeta) Rand() float64 { return s.lo + s.width*s.Beta.Rand() }

// Quantile returns the p-quantile of the stretched distribution.
func (s scaledBeta) Quantile(p float64) float64 { return s.lo + s.width*s.Beta.Quantile(p) }

// Variable is one uncertain input of a Monte Carlo run: a name (which a model binding such as
// IncomeInput.Model reads as a Driver) and its distribution.
type Variable struct {
	Name string            `json:"name"` // the variable's name; a Driver for the approaches' models
	Dist InputDistribution `json:"dist"`
}
