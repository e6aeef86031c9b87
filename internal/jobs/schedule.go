package jobs

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/valuation"
	"github.com/shopspring/decimal"
)

// ScheduleInput is the input of `assay schedule`: a depreciation or amortisation plan, the
// policy bounding its life, whether to compare the four usual methods side by side, and the
// shares of cost whose crossing days to report. Schema: schedule.input.json.
type ScheduleInput struct {
	Plan   valuation.Plan   `json:"plan"`
	Policy valuation.Policy `json:"policy,omitzero"` // zero: lives of 3 to 10 years
	// Compare adds straight line, double-declining balance with the switch, sum-of-years'-
	// digits and half-life decay (2 years unless the plan sets one) to the plan's own method.
	Compare bool `json:"compare,omitzero"`
	// Thresholds are shares of cost, each in (0, 1); nil: 0.5 and 0.1.
	Thresholds []decimal.Decimal `json:"thresholds,omitempty"`
}

// MaxPolicyYears bounds the policy's lives: no data asset is written off over a century.
const MaxPolicyYears = 100

// DecodeSchedule reads a ScheduleInput and checks its policy and thresholds.
func DecodeSchedule(data []byte) (ScheduleInput, error) {
	var in ScheduleInput
	if err := decode(data, &in); err != nil {
		return in, err
	}
	return in, in.check()
}

func (in ScheduleInput) check() error {
	if err := CheckPolicy(in.Policy); err != nil {
		return err
	}
	for i, t := range in.Thresholds {
		if !t.IsPositive() || t.GreaterThanOrEqual(decimal.NewFromInt(1)) {
			return inputErr("thresholds["+strconv.Itoa(i)+"]", t.String(), "must be a share of cost strictly between 0 and 1")
		}
	}
	return nil
}

// CheckPolicy checks the bounds of a depreciation policy: each 0 (the default) or from 1 to
// MaxPolicyYears, and the shortest no longer than the longest.
func CheckPolicy(p valuation.Policy) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"policy.minYears", p.MinYears}, {"policy.maxYears", p.MaxYears}} {
		if f.v < 0 || f.v > MaxPolicyYears {
			return inputErr(f.name, strconv.Itoa(f.v), "must be 0 (the default) or from 1 to "+strconv.Itoa(MaxPolicyYears)+" years")
		}
	}
	if lo, hi := p.Bounds(); lo > hi {
		return inputErr("policy", fmt.Sprintf("%d to %d years", lo, hi), "the shortest life must not exceed the longest")
	}
	return nil
}

// ScheduleOutput is the output of `assay schedule`. Schema: schedule.output.json.
type ScheduleOutput struct {
	Plan       valuation.Plan    `json:"plan"`
	Schedules  []MethodSchedule  `json:"schedules"`
	Thresholds []ThresholdResult `json:"thresholds"`
}

// MethodSchedule is the schedule of the plan under one method.
type MethodSchedule struct {
	Method   string              `json:"method"` // e.g. "declining balance ×2, switch to SL"
	Short    string              `json:"short"`  // the column heading, e.g. "DB→SL"
	Schedule *valuation.Schedule `json:"schedule"`
}

// ThresholdResult is the first day on which book value is below a share of cost.
type ThresholdResult struct {
	Method  string          `json:"method"`
	Share   decimal.Decimal `json:"share"`   // e.g. "0.5"
	Below   assay.Money     `json:"below"`   // share × cost
	Date    *string         `json:"date"`    // RFC 3339 full-date, "2027-02-17", as the schedule's dates; null if never
	Reached bool            `json:"reached"` // Date is set
}

// Schedule builds the plan's schedule (and the compared methods') and the threshold days.
func Schedule(in ScheduleInput) (ScheduleOutput, error) {
	if err := in.check(); err != nil {
		return ScheduleOutput{}, err
	}
	shares := in.Thresholds
	if shares == nil {
		shares = []decimal.Decimal{decimal.RequireFromString("0.5"), decimal.RequireFromString("0.1")}
	}
	plans := []valuation.Plan{in.Plan}
	if in.Compare {
		plans = comparedPlans(in.Plan)
	}
	out := ScheduleOutput{Plan: in.Plan}
	for _, p := range plans {
		s, err := valuation.NewSchedule(p, in.Policy)
		if err != nil {
			return out, fmt.Errorf("plan (%s): %w", methodName(p), err)
		}
		out.Schedules = append(out.Schedules, MethodSchedule{Method: methodName(p), Short: shortName(p), Schedule: s})
		for _, share := range shares {
			out.Thresholds = append(out.Thresholds, firstDayBelow(s, methodName(p), share))
		}
	}
	return out, nil
}

// comparedPlans returns the plan under straight line, double-declining with the switch,
// sum-of-years'-digits and decay (half-life from the plan, 2 years if unset), and the plan's
// own method if it is none of these.
func comparedPlans(p valuation.Plan) []valuation.Plan {
	q0 := p
	if q0.HalfLifeYears == 0 {
		q0.HalfLifeYears = 2
	}
	var out []valuation.Plan
	for _, m := range []valuation.Method{valuation.StraightLine, valuation.DecliningBalance, valuation.SumOfYearsDigits, valuation.Decay} {
		q := q0
		q.Method = m
		if m == valuation.DecliningBalance && p.Method != m {
			q.Factor, q.NoSwitch = 2, false
		}
		out = append(out, q)
	}
	if !slices.ContainsFunc(out, func(q valuation.Plan) bool { return q.Method == p.Method }) {
		out = append(out, p)
	}
	return out
}

func methodName(p valuation.Plan) string {
	switch p.Method {
	case valuation.DecliningBalance:
		f := p.Factor
		if f == 0 {
			f = 2
		}
		if p.NoSwitch {
			return fmt.Sprintf("declining balance ×%g", f)
		}
		return fmt.Sprintf("declining balance ×%g, switch to SL", f)
	case valuation.Decay:
		return fmt.Sprintf("decay, half-life %g y", p.HalfLifeYears)
	}
	return p.Method.String()
}

func shortName(p valuation.Plan) string {
	switch p.Method {
	case valuation.StraightLine:
		return "SL"
	case valuation.DecliningBalance:
		if p.NoSwitch {
			return "DB"
		}
		return "DB→SL"
	case valuation.SumOfYearsDigits:
		return "SYD"
	case valuation.Decay:
		return "decay"
	}
	return "UoP"
}

// firstDayBelow finds the first day on which book value is below share × cost, by binary
// search over the days of the life (book value never rises).
func firstDayBelow(s *valuation.Schedule, method string, share decimal.Decimal) ThresholdResult {
	limit := s.Plan.Cost.MulDecimal(share)
	t := ThresholdResult{Method: method, Share: share, Below: limit}
	below := func(d time.Time) bool {
		c, err := s.BookValueAt(d).Cmp(limit)
		return err == nil && c < 0
	}
	days := int(s.End.Sub(s.Start).Hours()/24) + 1
	i := sort.Search(days+1, func(i int) bool { return below(s.Start.AddDate(0, 0, i)) })
	if i <= days {
		d := s.Start.AddDate(0, 0, i).Format(time.DateOnly)
		t.Date, t.Reached = &d, true
	}
	return t
}

// Sheets returns the tables: "schedules" (each period's charge and closing book value under
// every method) and "thresholds".
func (r ScheduleOutput) Sheets() []cli.Sheet {
	plan := r.Plan
	sh := cli.Sheet{
		Name:   "schedules",
		Title:  fmt.Sprintf("%s: cost %s, salvage %s, %d years from %s", plan.Name, plan.Cost, plan.Salvage, plan.LifeYears, plan.InService.Format(time.DateOnly)),
		Header: []string{"period"},
		Notes:  []string{""},
	}
	for _, m := range r.Schedules {
		sh.Header = append(sh.Header, m.Short+" charge", m.Short+" book")
		sh.Notes = append(sh.Notes, fmt.Sprintf("%-6s %s", m.Short, m.Method))
	}
	// Methods share the calendar, so period i is the same period in every schedule.
	if len(r.Schedules) > 0 {
		for i, p := range r.Schedules[0].Schedule.Periods {
			row := []any{p.Label}
			for _, m := range r.Schedules {
				if i < len(m.Schedule.Periods) {
					q := m.Schedule.Periods[i]
					row = append(row, q.Charge, q.Closing)
				} else {
					row = append(row, "", "")
				}
			}
			sh.Add(row...)
		}
	}
	sh.Notes = append(sh.Notes, "Charges are rounded to the minor unit; the last period takes the rounding residue,",
		"so each column of charges adds up to cost − salvage − impairments.")

	th := cli.Sheet{Name: "thresholds", Title: "When book value falls below a share of cost", Header: []string{"method", "share of cost", "amount", "first day"}}
	for _, t := range r.Thresholds {
		day := "never"
		if t.Reached {
			day = *t.Date
		}
		share, _ := t.Share.Float64()
		th.Add(t.Method, cli.Pct(share), t.Below, day)
	}
	return []cli.Sheet{sh, th}
}
