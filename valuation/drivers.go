package valuation

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Driver names a scalar input of an approach that a Monte Carlo variable sets. The variable
// named by the driver replaces (or, for scales, multiplies) that input in every trial.
type Driver string

// The drivers of IncomeInput.Model.
const (
	DriverDiscountRate  Driver = "discountRate"  // replaces the discount rate i
	DriverGrowth        Driver = "growth"        // replaces the terminal growth g (needs a Terminal)
	DriverIncomeScale   Driver = "incomeScale"   // multiplies every year's F_t (1 = the forecast)
	DriverRate          Driver = "rate"          // replaces every year's split or royalty rate K_t
	DriverTaxRate       Driver = "taxRate"       // replaces the income-tax rate
	DriverRemainingLife Driver = "remainingLife" // replaces the remaining economic life in years
)

// The drivers of CostInput.Model.
const (
	DriverCostScale    Driver = "costScale"    // multiplies the replacement cost (1 = the items' sum)
	DriverReturnRate   Driver = "returnRate"   // replaces the return on cost R
	DriverCoefficient  Driver = "coefficient"  // replaces the value-adjustment coefficient δ
	DriverObsolescence Driver = "obsolescence" // replaces the combined obsolescence rate
)

// Model binds the income approach to Monte Carlo variables: variable i sets drivers[i]. The
// returned Model computes the value before rounding, in major units, exactly as Income does;
// it is safe for concurrent use and does not allocate. A trial whose draw leaves the model's
// domain (a discount rate ≤ 0 or ≤ the growth, a life ≤ 0, a rate outside [0, 1]) fails with
// an *InputError. A remaining life drawn inside the forecast drops the terminal value; one
// beyond it without a terminal ends the income with the forecast.
func (in IncomeInput) Model(drivers ...Driver) (Model, error) {
	base, _, err := in.model()
	if err != nil {
		return nil, err
	}
	drivers, err = distinctDrivers(drivers)
	if err != nil {
		return nil, err
	}
	for i, d := range drivers {
		switch d {
		case DriverDiscountRate, DriverIncomeScale, DriverTaxRate, DriverRemainingLife:
		case DriverGrowth:
			if !base.terminal {
				return nil, inputError(fmt.Sprintf("drivers[%d]", i), string(d), "name an input the income approach has (no terminal growth is given)")
			}
		case DriverRate:
			if !in.Basis.usesRate() {
				return nil, inputError(fmt.Sprintf("drivers[%d]", i), string(d), "name an input of the "+string(in.basis())+" basis")
			}
		default:
			return nil, inputError(fmt.Sprintf("drivers[%d]", i), string(d), "be an income driver")
		}
	}
	return func(x []float64) (float64, error) {
		if len(x) != len(drivers) {
			return 0, inputError("draw", len(x), fmt.Sprintf("hold %d values", len(drivers)))
		}
		m := base
		var rate = math.NaN()
		for i, d := range drivers {
			v := x[i]
			switch d {
			case DriverDiscountRate:
				m.r = v
			case DriverGrowth:
				m.g = v
			case DriverIncomeScale:
				m.scale = v
			case DriverRate:
				rate = v
			case DriverTaxRate:
				m.tax = v
			case DriverRemainingLife:
				m.life = v
			}
		}
		switch {
		case !(m.r > 0 && m.r <= 10):
			return 0, inputError("discountRate", m.r, "be in (0, 10]")
		case m.terminal && !(m.g > -1 && m.g < m.r):
			return 0, inputError("growth", m.g, fmt.Sprintf("be above -1 and below the discount rate %g", m.r))
		case !isFinite(m.scale):
			return 0, inputError("incomeScale", m.scale, "be finite")
		case !(m.tax >= 0 && m.tax < 1):
			return 0, inputError("taxRate", m.tax, "be in [0, 1)")
		case !(m.life >= 0 && m.life <= 1000) || (m.life == 0 && base.life != 0):
			return 0, inputError("remainingLife", m.life, "be positive and at most 1000 years")
		}
		if !math.IsNaN(rate) && !(rate >= 0 && rate <= 1) {
			return 0, inputError("rate", rate, "be in [0, 1]")
		}
		return m.drawValue(rate), nil
	}, nil
}

// drawValue evaluates one Monte Carlo trial of m: with every year's split rate set to k
// unless k is NaN, and the terminal value adjusted to a drawn remaining life.
func (m incomeModel) drawValue(k float64) float64 {
	var buf [maxForecastYears]float64
	if !math.IsNaN(k) {
		rates := buf[:len(m.income)]
		for i := range rates {
			rates[i] = k
		}
		m.rate = rates // a copy: the shared model's rates are read by other goroutines
	}
	n := float64(len(m.income))
	if m.terminal && m.life > 0 && m.life < n {
		m.terminal = false
	}
	if !m.terminal && m.life > n {
		m.life = 0
	}
	return m.value(nil)
}

// Model binds the cost approach to Monte Carlo variables: variable i sets drivers[i]. The
// returned Model computes C × scale × (1 + R) × δ × (1 − obsolescence) × ratio in float64,
// the value Cost computes exactly in decimals, before rounding. It is safe for concurrent use.
func (in CostInput) Model(drivers ...Driver) (Model, error) {
	c, err := in.replacementCost()
	if err != nil {
		return nil, err
	}
	if err := in.checkFactors(); err != nil {
		return nil, err
	}
	total := c.Amount().InexactFloat64()
	delta, obs, ratio := 1.0, 0.0, 1.0
	if in.Coefficient != nil {
		delta = *in.Coefficient
	}
	if in.Obsolescence != nil {
		obs = in.Obsolescence.Rate()
	}
	if in.Life != nil {
		ratio = in.Life.Ratio()
	}
	drivers, err = distinctDrivers(drivers)
	if err != nil {
		return nil, err
	}
	for i, d := range drivers {
		switch d {
		case DriverCostScale, DriverReturnRate, DriverCoefficient, DriverObsolescence:
		default:
			return nil, inputError(fmt.Sprintf("drivers[%d]", i), string(d), "be a cost driver")
		}
	}
	return func(x []float64) (float64, error) {
		if len(x) != len(drivers) {
			return 0, inputError("draw", len(x), fmt.Sprintf("hold %d values", len(drivers)))
		}
		scale, r, dl, ob := 1.0, in.ReturnRate, delta, obs
		for i, d := range drivers {
			switch d {
			case DriverCostScale:
				scale = x[i]
			case DriverReturnRate:
				r = x[i]
			case DriverCoefficient:
				dl = x[i]
			case DriverObsolescence:
				ob = x[i]
			}
		}
		if !(ob >= 0 && ob <= 1) {
			return 0, inputError("obsolescence", ob, "be in [0, 1]")
		}
		v := total * scale * (1 + r) * dl * (1 - ob) * ratio
		if !isFinite(v) {
			return 0, inputError("cost model", v, "be finite")
		}
		return v, nil
	}, nil
}

// distinctDrivers returns a copy of drivers, which the model keeps, refusing a driver named
// twice (the second variable would silently override the first).
func distinctDrivers(drivers []Driver) ([]Driver, error) {
	if len(drivers) > maxListLen {
		return nil, inputError("drivers", len(drivers), "hold at most 1000 drivers")
	}
	for i, d := range drivers {
		if j := slices.Index(drivers[:i], d); j >= 0 {
			return nil, inputError(indexed("drivers", i), string(d), "differ from drivers["+strconv.Itoa(j)+"]")
		}
	}
	return slices.Clone(drivers), nil
}
