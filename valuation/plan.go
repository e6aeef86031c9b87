package valuation

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
)

// Plan is a depreciation or amortisation plan for one asset: what it cost, what it will be
// worth at the end (salvage, the residual value), how long it is useful, when it entered
// service, how its cost is spread, and any impairments. NewSchedule turns a Plan into a
// Schedule.
//
// The zero Plan is not valid (it has no cost or life); Validate says what is missing. Every
// other zero field has a documented default. A Plan is a value; it is safe to share between
// goroutines as long as no one modifies its slices.
//
// JSON (see MarshalJSON):
//
//	{"name":"City big-data platform","cost":{"amount":"12000000.00","currency":"CNY"},
//	 "salvage":{"amount":"600000.00","currency":"CNY"},"lifeYears":5,"inService":"2024-03-15",
//	 "frequency":"monthly","method":"declining-balance","factor":2,"proration":"days",
//	 "fiscalYearStart":4,"impairments":[{"date":"2026-06-30","amount":{…},"reason":"…"}]}
type Plan struct {
	Name      string      // free text; at most 256 bytes
	Cost      assay.Money // acquisition or production cost; a whole number of minor units
	Salvage   assay.Money // residual value at the end of the life; zero Money means none
	LifeYears int         // useful life in whole years, within the Policy's bounds
	InService time.Time   // the date the asset is available for use; only the date counts

	Frequency Frequency // Annual (the zero value) or Monthly periods
	Method    Method    // StraightLine (the zero value) and the others
	Proration Proration // how the first period is prorated; ProrateMonths by default

	// FiscalYearStart is the month in which fiscal years begin: April for Hong Kong, 1 for
	// (or the zero value meaning) January as in the Mainland and Macao.
	FiscalYearStart time.Month

	// Factor is the declining-balance rate as a multiple of the straight-line rate; zero means
	// 2 (double-declining balance). Used by DecliningBalance only.
	Factor float64
	// NoSwitch keeps DecliningBalance from switching to straight line; the amount left at the
	// end of the life is then charged in the last asset year.
	NoSwitch bool
	// HalfLifeYears is the half-life of the value for Decay; it must be positive.
	HalfLifeYears float64
	// Usage is the forecast of units produced or consumed in each asset year (queries served,
	// records licensed …), one entry per year of the life, for UnitsOfProduction. Use a unit
	// small enough that the forecasts are whole numbers; their sum must not exceed 10¹².
	Usage []int64

	// Impairments are write-downs of the book value, in any order; see Impairment.
	Impairments []Impairment

	// Rounding rounds each period's charge to the currency's minor unit; the zero value is
	// HalfEven. The residue of rounding goes into the last period of the life.
	Rounding assay.RoundingMode
}

// Impairment is a write-down of an asset's book value on a date (CAS 8 / IAS 36): the book
// value falls by Amount at the start of Date, and the depreciable amount that remains is spread
// over the rest of the life by the plan's method. An impairment dated before depreciation
// starts takes effect at its start, in the schedule's first period. It is a plain value, safe
// to share.
type Impairment struct {
	Date   time.Time   // only the date counts
	Amount assay.Money // positive, in the plan's currency, a whole number of minor units
	Reason string      // free text, e.g. "data source withdrawn"; at most 256 bytes
}

// Bounds on a Plan, checked by Validate and by the JSON decoder.
const (
	maxPlanText        = 256
	maxPlanImpairments = 1000
	maxPlanLifeYears   = 100
	maxUsageTotal      = 1_000_000_000_000
)

// Validate reports the first invalid field of p as an *InputError wrapping ErrInvalidInput.
// It checks the plan on its own; NewSchedule also applies a Policy to the life.
func (p Plan) Validate() error {
	cur := p.Cost.Currency()
	switch {
	case len(p.Name) > maxPlanText:
		return &InputError{Field: "name", Value: errs.Clip(p.Name, 64), Reason: "be at most 256 bytes"}
	case cur.IsZero():
		return &InputError{Field: "cost", Value: p.Cost.String(), Reason: "have a currency"}
	case !p.Cost.IsPositive():
		return &InputError{Field: "cost", Value: p.Cost.String(), Reason: "be positive"}
	case !p.Cost.IsRounded():
		return &InputError{Field: "cost", Value: p.Cost.String(), Reason: "be a whole number of minor units"}
	case !p.Salvage.IsZero() && p.Salvage.Currency() != cur:
		return &InputError{Field: "salvage", Value: p.Salvage.String(), Reason: "be in the cost's currency " + cur.Code()}
	case p.Salvage.IsNegative():
		return &InputError{Field: "salvage", Value: p.Salvage.String(), Reason: "not be negative"}
	case !p.Salvage.IsRounded():
		return &InputError{Field: "salvage", Value: p.Salvage.String(), Reason: "be a whole number of minor units"}
	case p.Salvage.Amount().GreaterThan(p.Cost.Amount()):
		return &InputError{Field: "salvage", Value: p.Salvage.String(), Reason: "not exceed the cost"}
	case p.LifeYears < 1 || p.LifeYears > maxPlanLifeYears:
		return &InputError{Field: "lifeYears", Value: strconv.Itoa(p.LifeYears), Reason: "be 1 to 100 years"}
	case p.InService.IsZero():
		return &InputError{Field: "inService", Value: "", Reason: "be set"}
	case p.InService.Year() < 1 || p.InService.Year() > 9000:
		return &InputError{Field: "inService", Value: p.InService.Format(time.DateOnly), Reason: "be in the years 1 to 9000"}
	case p.Frequency > Monthly:
		return &InputError{Field: "frequency", Value: p.Frequency.String(), Reason: "be annual or monthly"}
	case p.Method > Decay:
		return &InputError{Field: "method", Value: p.Method.String(), Reason: "be a defined method"}
	case p.Proration > ProrateDays:
		return &InputError{Field: "proration", Value: p.Proration.String(), Reason: "be months, next-month or days"}
	case p.FiscalYearStart < 0 || p.FiscalYearStart > time.December:
		return &InputError{Field: "fiscalYearStart", Value: strconv.Itoa(int(p.FiscalYearStart)), Reason: "be a month, 1 to 12 (0 means January)"}
	case !p.Rounding.Valid():
		return &InputError{Field: "rounding", Value: p.Rounding.String(), Reason: "be a defined rounding mode"}
	case len(p.Impairments) > maxPlanImpairments:
		return &InputError{Field: "impairments", Value: strconv.Itoa(len(p.Impairments)), Reason: "hold at most 1000 entries"}
	}
	if err := p.validateMethod(); err != nil {
		return err
	}
	for i, imp := range p.Impairments {
		field := fmt.Sprintf("impairments[%d]", i)
		switch {
		case imp.Date.IsZero():
			return &InputError{Field: field + ".date", Value: "", Reason: "be set"}
		case imp.Amount.Currency() != cur:
			return &InputError{Field: field + ".amount", Value: imp.Amount.String(), Reason: "be in the cost's currency " + cur.Code()}
		case !imp.Amount.IsPositive():
			return &InputError{Field: field + ".amount", Value: imp.Amount.String(), Reason: "be positive"}
		case !imp.Amount.IsRounded():
			return &InputError{Field: field + ".amount", Value: imp.Amount.String(), Reason: "be a whole number of minor units"}
		case len(imp.Reason) > maxPlanText:
			return &InputError{Field: field + ".reason", Value: errs.Clip(imp.Reason, 64), Reason: "be at most 256 bytes"}
		}
	}
	return nil
}

func (p Plan) validateMethod() error {
	switch p.Method {
	case DecliningBalance:
		if math.IsNaN(p.Factor) || p.Factor < 0 || p.Factor > 100 {
			return spreadsheetArgError("factor", p.Factor, "be in (0, 100] (0 means 2)")
		}
	case Decay:
		if math.IsNaN(p.HalfLifeYears) || p.HalfLifeYears <= 0 || p.HalfLifeYears > 1000 {
			return spreadsheetArgError("halfLifeYears", p.HalfLifeYears, "be in (0, 1000]")
		}
	case UnitsOfProduction:
		if len(p.Usage) != p.LifeYears {
			return &InputError{Field: "usage", Value: fmt.Sprintf("%d entries", len(p.Usage)), Reason: fmt.Sprintf("have one entry per year of the life (%d)", p.LifeYears)}
		}
		var total int64
		for i, u := range p.Usage {
			if u < 0 || u > maxUsageTotal {
				return &InputError{Field: fmt.Sprintf("usage[%d]", i), Value: strconv.FormatInt(u, 10), Reason: "be between 0 and 10^12"}
			}
			total += u
		}
		if total <= 0 || total > maxUsageTotal {
			return &InputError{Field: "usage", Value: strconv.FormatInt(total, 10), Reason: "add up to a positive total of at most 10^12"}
		}
	}
	return nil
}

// planJSON is the wire form of Plan: dates as "2006-01-02", enumerations by name.
type planJSON struct {
	Name            string             `json:"name,omitempty"`
	Cost            assay.Money        `json:"cost"`
	Salvage         assay.Money        `json:"salvage,omitzero"`
	LifeYears       int                `json:"lifeYears"`
	InService       string             `json:"inService"`
	Frequency       Frequency          `json:"frequency"`
	Method          Method             `json:"method"`
	Proration       Proration          `json:"proration"`
	FiscalYearStart int                `json:"fiscalYearStart,omitempty"`
	Factor          float64            `json:"factor,omitempty"`
	NoSwitch        bool               `json:"noSwitch,omitempty"`
	HalfLifeYears   float64            `json:"halfLifeYears,omitempty"`
	Usage           []int64            `json:"usage,omitempty"`
	Impairments     []impairmentJSON   `json:"impairments,omitempty"`
	Rounding        assay.RoundingMode `json:"rounding"`
}

type impairmentJSON struct {
	Date   string      `json:"date"`
	Amount assay.Money `json:"amount"`
	Reason string      `json:"reason,omitempty"`
}

// MarshalJSON encodes the plan with dates as "2006-01-02", money as {"amount","currency"}
// strings and enumerations by name; zero optional fields are omitted.
func (p Plan) MarshalJSON() ([]byte, error) {
	w := planJSON{
		Name: p.Name, Cost: p.Cost, Salvage: p.Salvage, LifeYears: p.LifeYears,
		InService: planDateText(p.InService), Frequency: p.Frequency, Method: p.Method, Proration: p.Proration,
		FiscalYearStart: int(p.FiscalYearStart), Factor: p.Factor, NoSwitch: p.NoSwitch,
		HalfLifeYears: p.HalfLifeYears, Usage: p.Usage, Rounding: p.Rounding,
	}
	for _, imp := range p.Impairments {
		w.Impairments = append(w.Impairments, impairmentJSON{Date: planDateText(imp.Date), Amount: imp.Amount, Reason: imp.Reason})
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes the form MarshalJSON writes. Unknown fields are rejected so that a
// misspelt option is not silently ignored; lists are bounded (1000 impairments, 100 usage
// entries). It does not validate the plan: call Validate, or use ParsePlan.
func (p *Plan) UnmarshalJSON(data []byte) error {
	var w planJSON
	if err := decodeStrict(data, &w, "plan"); err != nil {
		return err
	}
	if len(w.Impairments) > maxPlanImpairments {
		return &InputError{Field: "impairments", Value: strconv.Itoa(len(w.Impairments)), Reason: "hold at most 1000 entries"}
	}
	if len(w.Usage) > maxPlanLifeYears {
		return &InputError{Field: "usage", Value: strconv.Itoa(len(w.Usage)), Reason: "hold at most 100 entries"}
	}
	inService, err := parsePlanDate("inService", w.InService)
	if err != nil {
		return err
	}
	q := Plan{
		Name: w.Name, Cost: w.Cost, Salvage: w.Salvage, LifeYears: w.LifeYears, InService: inService,
		Frequency: w.Frequency, Method: w.Method, Proration: w.Proration, FiscalYearStart: time.Month(w.FiscalYearStart),
		Factor: w.Factor, NoSwitch: w.NoSwitch, HalfLifeYears: w.HalfLifeYears, Usage: w.Usage, Rounding: w.Rounding,
	}
	for i, imp := range w.Impairments {
		d, err := parsePlanDate(fmt.Sprintf("impairments[%d].date", i), imp.Date)
		if err != nil {
			return err
		}
		q.Impairments = append(q.Impairments, Impairment{Date: d, Amount: imp.Amount, Reason: imp.Reason})
	}
	*p = q
	return nil
}

// ParsePlan decodes a plan from JSON (at most 1 MiB) and validates it.
func ParsePlan(data []byte) (Plan, error) {
	var p Plan
	if err := p.UnmarshalJSON(data); err != nil {
		return Plan{}, err
	}
	if err := p.Validate(); err != nil {
		return Plan{}, err
	}
	return p, nil
}

func planDateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func parsePlanDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, &InputError{Field: field, Value: errs.Clip(s, 64), Reason: `be a date "2006-01-02"`}
	}
	return t, nil
}

// Equal reports whether p and q describe the same plan: amounts numerically equal
// (assay.Money.Equal), dates equal as instants (time.Time.Equal), every other field identical.
func (p Plan) Equal(q Plan) bool {
	return p.Name == q.Name && p.Cost.Equal(q.Cost) && p.Salvage.Equal(q.Salvage) &&
		p.LifeYears == q.LifeYears && p.InService.Equal(q.InService) &&
		p.Frequency == q.Frequency && p.Method == q.Method && p.Proration == q.Proration &&
		p.FiscalYearStart == q.FiscalYearStart && p.Factor == q.Factor && p.NoSwitch == q.NoSwitch &&
		p.HalfLifeYears == q.HalfLifeYears && slices.Equal(p.Usage, q.Usage) &&
		slices.EqualFunc(p.Impairments, q.Impairments, Impairment.Equal) && p.Rounding == q.Rounding
}

// Equal reports whether i and j are the same write-down: the same date, numerically equal
// amounts, the same reason.
func (i Impairment) Equal(j Impairment) bool {
	return i.Date.Equal(j.Date) && i.Amount.Equal(j.Amount) && i.Reason == j.Reason
}
