package valuation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/dataassay/assay/internal/mcrun"
)

// Model computes a value from one draw of the variables of a Monte Carlo run, x[i] being
// the value of variable i. It is called from several goroutines at once, so it must be safe
// for concurrent use, and it must not keep x, which is reused. IncomeInput.Model and
// CostInput.Model bind an approach to named variables; any func of this type works.
type Model func(x []float64) (float64, error)

// MonteCarloOptions configures MonteCarlo. The zero value is valid. It is a plain value.
type MonteCarloOptions struct {
	// Seed seeds the pseudo-random streams; the same seed gives the same result.
	Seed uint64 `json:"seed"`
	// Trials is the number of trials; zero means 10,000. At most 10,000,000.
	Trials int `json:"trials,omitempty"`
	// Workers is the number of goroutines; zero means one (the module-wide meaning; pass
	// runtime.GOMAXPROCS(0) to use every core). At most 1024. The result does not depend on
	// it.
	Workers int `json:"workers,omitempty"`
	// Percentiles are the probabilities in [0, 1] to report; nil means 0.05, 0.5, 0.95.
	Percentiles []float64 `json:"percentiles,omitempty"`
	// TornadoLow and TornadoHigh are the quantiles of each variable at which the tornado
	// evaluates the model, the others held at base; zero means 0.05 and 0.95.
	TornadoLow  float64 `json:"tornadoLow,omitempty"`
	TornadoHigh float64 `json:"tornadoHigh,omitempty"`
	// KeepSamples returns every trial's value, in trial order (for a histogram).
	KeepSamples bool `json:"keepSamples,omitempty"`
}

// Percentile is one reported percentile of a Simulation.
type Percentile struct {
	P     float64 `json:"p"`     // probability, e.g. 0.95
	Value float64 `json:"value"` // the smallest trial value not exceeded by a fraction P of the trials
}

// TornadoBar is one row of a sensitivity (tornado) table: the model's value with one
// variable at its low and at its high quantile and every other at its base.
type TornadoBar struct {
	Variable  string  `json:"variable"`
	Low       float64 `json:"low"`       // the variable's low input
	High      float64 `json:"high"`      // the variable's high input
	ValueLow  float64 `json:"valueLow"`  // the model at Low
	ValueHigh float64 `json:"valueHigh"` // the model at High
	Swing     float64 `json:"swing"`     // |ValueHigh − ValueLow|
}

// Simulation is the result of MonteCarlo, in the model's units (for the approaches' models,
// major units of the currency; cross into money with MoneyFromModel). It is a plain value,
// safe to read concurrently.
type Simulation struct {
	Trials      int          `json:"trials"`            // trials run
	Seed        uint64       `json:"seed"`              // the seed that reproduces the run
	Base        float64      `json:"base"`              // the model with every variable at its base
	Mean        float64      `json:"mean"`              // mean of the trials
	StdDev      float64      `json:"stdDev"`            // sample standard deviation (n − 1)
	Percentiles []Percentile `json:"percentiles"`       // in the order requested
	Tornado     []TornadoBar `json:"tornado"`           // by decreasing swing
	Samples     []float64    `json:"samples,omitempty"` // every trial's value in trial order, with KeepSamples
}

// Percentile returns the reported value at probability p, and whether p was reported.
func (s Simulation) Percentile(p float64) (float64, bool) {
	for _, q := range s.Percentiles {
		if q.P == p {
			return q.Value, true
		}
	}
	return 0, false
}

// mcBlock is the number of trials in one block: each block draws from its own stream seeded
// from (seed, block index), so the draws of a trial do not depend on which worker ran it.
// It is part of the reproducibility contract: changing it changes every result.
const mcBlock = 1024

const maxTrials = 10_000_000

// MonteCarlo runs model over Trials draws of vars and returns the mean, the sample standard
// deviation and the requested percentiles (empirical inverse CDF: the smallest trial value
// with at least a fraction p of trials at or below it), and a sensitivity (tornado) table: the
// model with each variable at its low and high quantile and the others at base.
//
// Draws come from gonum's stat/distuv, fed by PCG streams (math/rand/v2): trials are split
// into blocks of 1024, block b drawing from the PCG stream the module's Monte Carlo runner
// (internal/mcrun) derives from (Seed, b); variables are drawn in order within a trial.
// Blocks run on Workers goroutines and results are combined in trial order, so the result
// depends on the seed only, never on the number of workers. The run checks ctx before every
// trial and, once it is done, returns an error wrapping ctx.Err(). A failing trial stops the
// run with a *TrialError for the lowest failing trial.
func MonteCarlo(ctx context.Context, model Model, vars []Variable, opt MonteCarloOptions) (Simulation, error) {
	if model == nil {
		return Simulation{}, inputError("model", "nil", "be a function")
	}
	if len(vars) == 0 || len(vars) > maxListLen {
		return Simulation{}, inputError("variables", len(vars), "hold 1 to 1000 variables")
	}
	for i, v := range vars {
		if err := v.Dist.validate(fmt.Sprintf("variables[%d].dist", i)); err != nil {
			return Simulation{}, err
		}
	}
	trials := opt.Trials
	if trials == 0 {
		trials = 10_000
	}
	if trials < 0 || trials > maxTrials {
		return Simulation{}, inputError("trials", trials, "be in 1..10000000")
	}
	workers := opt.Workers
	if workers < 0 || workers > mcrun.MaxWorkers {
		return Simulation{}, inputError("workers", workers, "be in 0..1024")
	}
	ps := opt.Percentiles
	if ps == nil {
		ps = []float64{0.05, 0.5, 0.95}
	}
	if len(ps) > maxListLen {
		return Simulation{}, inputError("percentiles", len(ps), "hold at most 1000 probabilities")
	}
	for i, p := range ps {
		if err := finiteIn(fmt.Sprintf("percentiles[%d]", i), p, 0, 1); err != nil {
			return Simulation{}, err
		}
	}
	tlo, thi := opt.TornadoLow, opt.TornadoHigh
	if tlo == 0 {
		tlo = 0.05
	}
	if thi == 0 {
		thi = 0.95
	}
	if err := finiteIn("tornadoLow", tlo, 0, 1); err != nil {
		return Simulation{}, err
	}
	if err := finiteIn("tornadoHigh", thi, tlo, 1); err != nil {
		return Simulation{}, err
	}

	// Deterministic runs first: the base and the tornado.
	base := make([]float64, len(vars))
	for i, v := range vars {
		base[i] = v.Dist.Base()
	}
	sim := Simulation{Trials: trials, Seed: opt.Seed}
	var err error
	if sim.Base, err = finiteModel(model, base); err != nil {
		return Simulation{}, fmt.Errorf("valuation: model at base values: %w", err)
	}
	x := slices.Clone(base)
	sim.Tornado = make([]TornadoBar, len(vars))
	for i, v := range vars {
		bar := TornadoBar{Variable: v.Name, Low: v.Dist.Quantile(tlo), High: v.Dist.Quantile(thi)}
		x[i] = bar.Low
		if bar.ValueLow, err = finiteModel(model, x); err != nil {
			return Simulation{}, fmt.Errorf("valuation: model with %s at %g: %w", v.Name, bar.Low, err)
		}
		x[i] = bar.High
		if bar.ValueHigh, err = finiteModel(model, x); err != nil {
			return Simulation{}, fmt.Errorf("valuation: model with %s at %g: %w", v.Name, bar.High, err)
		}
		x[i] = base[i]
		bar.Swing = math.Abs(bar.ValueHigh - bar.ValueLow)
		sim.Tornado[i] = bar
	}
	sort.SliceStable(sim.Tornado, func(a, b int) bool { return sim.Tornado[a].Swing > sim.Tornado[b].Swing })

	values, err := runTrials(ctx, model, vars, trials, workers, opt.Seed)
	if err != nil {
		return Simulation{}, err
	}
	sim.Mean, sim.StdDev = stat.MeanStdDev(values, nil)
	if trials == 1 {
		sim.StdDev = 0
	}
	if opt.KeepSamples {
		sim.Samples = slices.Clone(values)
	}
	slices.Sort(values)
	sim.Percentiles = make([]Percentile, len(ps))
	for i, p := range ps {
		sim.Percentiles[i] = Percentile{P: p, Value: stat.Quantile(p, stat.Empirical, values, nil)}
	}
	return sim, nil
}

// runTrials fills values[t] with the model's value in trial t, on the module's one Monte
// Carlo runner (internal/mcrun): blocks of mcBlock trials, block b drawing from the stream
// mcrun.Seed(seed, b), finished in trial order.
func runTrials(ctx context.Context, model Model, vars []Variable, trials, workers int, seed uint64) ([]float64, error) {
	values := make([]float64, trials)
	_, err := mcrun.Run(ctx, mcrun.Job[struct{}]{
		Draws: trials, Block: mcBlock, Workers: workers,
		NewState: func() struct{} { return struct{}{} },
		NewDraw: func() func(int, struct{}) error {
			pcg := rand.NewPCG(0, 0)
			s := make([]sampler, len(vars))
			for i, v := range vars {
				s[i] = v.Dist.sampler(pcg)
			}
			x := make([]float64, len(vars))
			return func(t int, _ struct{}) error {
				if t%mcBlock == 0 { // a goroutine runs a block from its first trial
					mcrun.Seed(pcg, seed, uint64(t/mcBlock))
				}
				for i := range s {
					x[i] = s[i].Rand()
				}
				v, err := finiteModel(model, x)
				if err != nil {
					return &TrialError{Trial: t, Draw: slices.Clone(x), Err: err}
				}
				values[t] = v
				return nil
			}
		},
		Reduce: func(int, int, struct{}) bool { return false },
	})
	// The runner reports the error of the lowest failing block, and a block runs its trials in
	// order, so the *TrialError is that of the lowest failing trial whatever the workers.
	var te *TrialError
	switch {
	case errors.As(err, &te):
		return nil, te
	case err != nil:
		return nil, fmt.Errorf("valuation: Monte Carlo stopped: %w", err)
	}
	return values, nil
}

// finiteModel calls model and refuses a NaN or infinite value, which no statistic (and no
// JSON) could carry.
func finiteModel(model Model, x []float64) (float64, error) {
	v, err := model(x)
	if err == nil && !isFinite(v) {
		err = fmt.Errorf("valuation: model returned %g", v)
	}
	return v, err
}
