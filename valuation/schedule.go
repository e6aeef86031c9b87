package valuation

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/dataassay/assay"
)

// Schedule is a depreciation or amortisation schedule: the plan it was built from, the dates
// its depreciation starts and ends, and one Period per reporting period (fiscal year or month)
// from the one in which depreciation starts to the one in which the life ends.
//
// Every amount is an assay.Money in the plan's currency, a whole number of minor units. Each
// period's charge is the method's exact amount rounded by the plan's RoundingMode; the
// rounding residue goes into the last period of the life, so the charges add up exactly to
// cost − salvage − impairments, and the closing book value of the last period is the salvage.
//
// A Schedule is immutable after NewSchedule and safe for concurrent use; do not modify its
// slices.
type Schedule struct {
	Plan    Plan      // the plan, as given
	Start   time.Time // the first day of depreciation (see Proration)
	End     time.Time // the day the useful life ends; book value is salvage from then on
	Periods []Period  // in date order

	start, end int64         // calendar positions of Start and End (see calendar.go)
	pat        chargePattern // the method's shape
	states     []segmentState
	imps       []datedImpairment
	cur        assay.Currency
	cost       int64 // minor units
}

// Period is one row of a Schedule. Opening − Charge − Impairment = Closing; Accumulated is the
// sum of the charges (not the impairments) up to the end of the period. A Period is a plain
// value, safe to copy and share.
type Period struct {
	Index       int         // 1, 2, …
	Label       string      // "2024" or "2024/25" (fiscal years), "2024-04" (months)
	FiscalYear  int         // the calendar year in which the period's fiscal year begins
	Start, End  time.Time   // first and last day of the period, inclusive
	Opening     assay.Money // book value at the start of the period
	Charge      assay.Money // depreciation or amortisation charged in the period
	Impairment  assay.Money // impairments dated in the period (zero if none)
	Accumulated assay.Money // accumulated depreciation at the end of the period
	Closing     assay.Money // book value at the end of the period
}

// segmentState is the state of the running computation: the depreciable amount of the current
// segment (since the last impairment), the pattern weight consumed at the segment's start, and
// the depreciable amount still to charge. All amounts are in minor units.
type segmentState struct {
	base      int64
	cumStart  uint64
	remaining int64
	acc       int64 // accumulated charges
	impaired  int64 // accumulated impairments
	next      int   // index of the next impairment to apply
}

type datedImpairment struct {
	pos    int64 // where it takes effect: its date, or the start of depreciation if earlier
	dated  int64 // its date
	amount int64
}

// NewSchedule validates p, checks its life against pol (the zero Policy accepts 3 to 10 years),
// and computes its schedule. Errors wrap ErrInvalidInput and name the field: an invalid plan,
// a life outside the policy, or an impairment dated after the end of the life or larger than
// the book value above salvage on its date.
func NewSchedule(p Plan, pol Policy) (*Schedule, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := pol.Check(p.LifeYears); err != nil {
		return nil, err
	}
	cur := p.Cost.Currency()
	cost, err := p.Cost.MinorUnits()
	if err != nil {
		return nil, &InputError{Field: "cost", Value: p.Cost.String(), Reason: "fit in int64 minor units"}
	}
	salvage := int64(0)
	if !p.Salvage.IsZero() {
		if salvage, err = p.Salvage.MinorUnits(); err != nil {
			return nil, &InputError{Field: "salvage", Value: p.Salvage.String(), Reason: "fit in int64 minor units"}
		}
	}
	s := &Schedule{Plan: p, cur: cur, cost: cost}
	s.start = depreciationStart(p.InService, p.Proration)
	s.end = s.start + int64(12*p.LifeYears)*unitsPerMonth
	s.Start, s.End = dateAtPos(s.start), dateAtPos(s.end)
	s.pat = methodPattern(p, cost-salvage)
	for i, imp := range p.Impairments {
		pos := calendarPos(calendarDate(imp.Date))
		if pos >= s.end {
			return nil, &InputError{Field: fmt.Sprintf("impairments[%d].date", i), Value: planDateText(imp.Date),
				Reason: "be before the end of the useful life, " + planDateText(s.End)}
		}
		amount, err := imp.Amount.MinorUnits()
		if err != nil {
			return nil, &InputError{Field: fmt.Sprintf("impairments[%d].amount", i), Value: imp.Amount.String(), Reason: "fit in int64 minor units"}
		}
		s.imps = append(s.imps, datedImpairment{pos: max(pos, s.start), dated: pos, amount: amount})
	}
	slices.SortStableFunc(s.imps, func(a, b datedImpairment) int { return cmp.Compare(a.pos, b.pos) })

	fyStart := p.FiscalYearStart
	if fyStart == 0 {
		fyStart = time.January
	}
	st := segmentState{base: cost - salvage, remaining: cost - salvage}
	per := periodContaining(floorDivInt(s.start, unitsPerMonth), p.Frequency, fyStart)
	n := int(floorDivInt(floorDivInt(s.end-1, unitsPerMonth)-per.first, per.months)) + 1
	s.Periods = make([]Period, 0, n)
	s.states = make([]segmentState, 0, n)
	// Money values are immutable, so equal amounts share one value: each period's opening is
	// the previous closing, and straight-line charges repeat.
	// Labels share one string: one allocation instead of one per period.
	labels := make([]byte, 0, n*8)
	labelEnds := make([]int, 0, n)
	zero := assay.MoneyFromMinor(0, cur)
	opening := assay.MoneyFromMinor(cost, cur)
	lastCharge, lastChargeMinor := zero, int64(0)
	start := firstOfMonth(per.first)
	for {
		a := max(per.first*unitsPerMonth, s.start)
		b := min((per.first+per.months)*unitsPerMonth, s.end)
		s.states = append(s.states, st)
		charge, impairment, next, err := s.advance(st, a, b)
		if err != nil {
			return nil, err
		}
		st = next
		if charge != lastChargeMinor {
			lastCharge, lastChargeMinor = assay.MoneyFromMinor(charge, cur), charge
		}
		imp := zero
		if impairment != 0 {
			imp = assay.MoneyFromMinor(impairment, cur)
		}
		nextStart := start // firstOfMonth(per.first + per.months), by whole UTC days
		for mi := per.first; mi < per.first+per.months; mi++ {
			nextStart = nextStart.Add(time.Duration(daysInMonthIndex(mi)) * 24 * time.Hour)
		}
		closing := assay.MoneyFromMinor(cost-st.acc-st.impaired, cur)
		labels = per.appendLabel(labels, fyStart)
		labelEnds = append(labelEnds, len(labels))
		s.Periods = append(s.Periods, Period{
			Index:       len(s.Periods) + 1,
			FiscalYear:  fiscalYearOf(per.first, fyStart),
			Start:       start,
			End:         nextStart.Add(-24 * time.Hour), // the day before, in UTC (no DST)
			Opening:     opening,
			Charge:      lastCharge,
			Impairment:  imp,
			Accumulated: assay.MoneyFromMinor(st.acc, cur),
			Closing:     closing,
		})
		if b == s.end {
			all, from := string(labels), 0
			for i, to := range labelEnds {
				s.Periods[i].Label, from = all[from:to], to
			}
			return s, nil
		}
		opening, start = closing, nextStart
		per = fiscalPeriod{first: per.first + per.months, months: per.months}
	}
}

// advance charges depreciation from calendar position a to b (within one period) and applies
// the impairments dated before b, returning the charge, the impairments and the new state. The
// life's last position takes whatever is left: the rounding residue.
func (s *Schedule) advance(st segmentState, a, b int64) (charge, impairment int64, _ segmentState, _ error) {
	x := a
	for st.next < len(s.imps) && s.imps[st.next].pos < b {
		imp := s.imps[st.next]
		d := max(imp.pos, x)
		part := s.segmentCharge(st, x, d)
		charge += part
		st.remaining -= part
		st.acc += part
		if imp.amount > st.remaining {
			return 0, 0, st, &InputError{Field: "impairments", Value: assay.MoneyFromMinor(imp.amount, s.cur).String(),
				Reason: fmt.Sprintf("not exceed the book value above salvage on %s, %s", planDateText(dateAtPos(imp.pos)), assay.MoneyFromMinor(st.remaining, s.cur))}
		}
		st.remaining -= imp.amount
		st.impaired += imp.amount
		impairment += imp.amount
		st.base = st.remaining
		st.cumStart = s.pat.cum(d - s.start)
		st.next++
		x = d
	}
	part := st.remaining
	if b < s.end {
		part = s.segmentCharge(st, x, b)
	}
	charge += part
	st.remaining -= part
	st.acc += part
	return charge, impairment, st, nil
}

// segmentCharge is the segment's charge from position x to y, rounded, never more than what
// remains to charge.
func (s *Schedule) segmentCharge(st segmentState, x, y int64) int64 {
	den := s.pat.den - st.cumStart
	if den == 0 || y <= x || st.base == 0 {
		return 0
	}
	num := s.pat.cum(y-s.start) - s.pat.cum(x-s.start)
	return min(mulDivRound(st.base, num, den, s.Plan.Rounding), st.remaining)
}

// depreciationStart returns the calendar position at which depreciation starts.
func depreciationStart(inService time.Time, pr Proration) int64 {
	d := calendarDate(inService)
	switch pr {
	case ProrateDays:
		return calendarPos(d)
	case ProrateNextMonth:
		return (monthIndexOf(d) + 1) * unitsPerMonth
	default:
		return monthIndexOf(d) * unitsPerMonth
	}
}

// methodPattern builds the pattern of p's method; depreciable is cost − salvage in minor units.
// With nothing to depreciate, every method is straight line (all charges are zero).
func methodPattern(p Plan, depreciable int64) chargePattern {
	year := int64(12 * unitsPerMonth)
	switch {
	case p.Method == Decay:
		return floatChargePattern(unitsPerMonth, decayWeights(p.LifeYears, p.HalfLifeYears))
	case p.Method == DecliningBalance && depreciable > 0:
		return floatChargePattern(year, decliningWeights(p))
	}
	L := p.LifeYears
	w := make([]uint64, L)
	for k := range w {
		switch p.Method {
		case SumOfYearsDigits:
			w[k] = uint64(L - k)
		case UnitsOfProduction:
			w[k] = uint64(p.Usage[k])
		default:
			w[k] = 1
		}
	}
	return newChargePattern(year, w)
}

// decliningWeights returns the declining-balance charge of each asset year, by Excel's VDB
// algorithm (see VDB) on the plan's cost and salvage as float64. Without the switch, what is
// left at the end of the life goes into the last year.
func decliningWeights(p Plan) []float64 {
	cost, salvage := p.Cost.Amount().InexactFloat64(), p.Salvage.Amount().InexactFloat64()
	factor := p.Factor
	if factor == 0 {
		factor = 2
	}
	L := float64(p.LifeYears)
	w := make([]float64, p.LifeYears)
	var total float64
	for k := range w {
		if p.NoSwitch {
			w[k] = ddbPeriod(cost, salvage, L, float64(k+1), factor)
		} else {
			reduced := cost - interVDB(cost, salvage, L, L, float64(k), factor)
			w[k] = interVDB(reduced, salvage, L, L-float64(k), 1, factor)
		}
		total += w[k]
	}
	if p.NoSwitch {
		w[len(w)-1] += max(cost-salvage-total, 0)
	}
	return w
}

// BookValueAt returns the book value at the end of date: cost less the depreciation charged
// and the impairments dated up to and including that day. Within a period the charge accrues
// by the method's pattern and is rounded as the period's charge is; on a period's last day the
// result is that period's Closing. Before the first day of depreciation it is the cost less any
// impairments dated by then.
func (s *Schedule) BookValueAt(date time.Time) assay.Money {
	p := calendarPos(calendarDate(date).AddDate(0, 0, 1))
	switch {
	case p >= s.end:
		return s.Periods[len(s.Periods)-1].Closing
	case p <= s.start:
		impaired := int64(0)
		for _, imp := range s.imps {
			if imp.dated < p {
				impaired += imp.amount
			}
		}
		return assay.MoneyFromMinor(s.cost-impaired, s.cur)
	}
	i, _ := slices.BinarySearchFunc(s.Periods, date, func(per Period, d time.Time) int {
		if calendarDate(d).After(per.End) {
			return -1
		}
		if calendarDate(d).Before(per.Start) {
			return 1
		}
		return 0
	})
	st := s.states[i]
	a := max(calendarPos(s.Periods[i].Start), s.start)
	charge, impairment, _, _ := s.advance(st, a, p)
	return assay.MoneyFromMinor(s.cost-st.acc-st.impaired-charge-impairment, s.cur)
}

// RemainingMonths returns the useful life left at the end of date, in months (fractional for
// partial months, counted by days in the month): the full life before depreciation starts,
// zero from the end of the life on.
func (s *Schedule) RemainingMonths(date time.Time) float64 {
	p := calendarPos(calendarDate(date).AddDate(0, 0, 1))
	p = min(max(p, s.start), s.end)
	return float64(s.end-p) / unitsPerMonth
}

// Total returns the sum of the charges: cost − salvage − impairments, exactly.
func (s *Schedule) Total() assay.Money {
	return s.Periods[len(s.Periods)-1].Accumulated
}

// FirstBelow returns the first period whose closing book value is below threshold (in the
// plan's currency), and false if there is none.
func (s *Schedule) FirstBelow(threshold assay.Money) (Period, bool) {
	for _, per := range s.Periods {
		if c, err := per.Closing.Cmp(threshold); err == nil && c < 0 {
			return per, true
		}
	}
	return Period{}, false
}

type periodJSON struct {
	Index       int         `json:"index"`
	Label       string      `json:"label"`
	FiscalYear  int         `json:"fiscalYear"`
	Start       string      `json:"start"`
	End         string      `json:"end"`
	Opening     assay.Money `json:"opening"`
	Charge      assay.Money `json:"charge"`
	Impairment  assay.Money `json:"impairment"`
	Accumulated assay.Money `json:"accumulated"`
	Closing     assay.Money `json:"closing"`
}

// MarshalJSON encodes the period with dates as "2006-01-02" and amounts as
// {"amount":"…","currency":"…"}.
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(periodJSON{
		Index: p.Index, Label: p.Label, FiscalYear: p.FiscalYear, Start: planDateText(p.Start), End: planDateText(p.End),
		Opening: p.Opening, Charge: p.Charge, Impairment: p.Impairment, Accumulated: p.Accumulated, Closing: p.Closing,
	})
}

// MarshalJSON encodes the schedule as {"plan":…,"start":"…","end":"…","total":…,"periods":[…]}.
// A schedule is not decoded from JSON: rebuild it from its plan with NewSchedule.
func (s *Schedule) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Plan    Plan        `json:"plan"`
		Start   string      `json:"start"`
		End     string      `json:"end"`
		Total   assay.Money `json:"total"`
		Periods []Period    `json:"periods"`
	}{s.Plan, planDateText(s.Start), planDateText(s.End), s.Total(), s.Periods})
}

// Equal reports whether s and t were built from equal plans and hold equal periods (amounts
// compared with assay.Money.Equal, dates with time.Time.Equal). go-cmp uses this method, so
// cmp.Diff works on schedules despite their unexported fields.
func (s *Schedule) Equal(t *Schedule) bool {
	if s == nil || t == nil {
		return s == t
	}
	return s.Plan.Equal(t.Plan) && s.Start.Equal(t.Start) && s.End.Equal(t.End) &&
		slices.EqualFunc(s.Periods, t.Periods, Period.Equal)
}

// Equal reports whether p and q are the same row: equal indexes, labels and fiscal years, the
// same dates, numerically equal amounts.
func (p Period) Equal(q Period) bool {
	return p.Index == q.Index && p.Label == q.Label && p.FiscalYear == q.FiscalYear &&
		p.Start.Equal(q.Start) && p.End.Equal(q.End) &&
		p.Opening.Equal(q.Opening) && p.Charge.Equal(q.Charge) && p.Impairment.Equal(q.Impairment) &&
		p.Accumulated.Equal(q.Accumulated) && p.Closing.Equal(q.Closing)
}
