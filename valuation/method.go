package valuation

import (
	"fmt"

	"github.com/dataassay/assay/internal/errs"
)

// Method is the pattern by which a Plan spreads the depreciable amount (cost − salvage −
// impairments) over the useful life. The zero value is StraightLine, the method CAS 6 and
// IAS 38 prescribe when the pattern of consumption cannot be determined reliably. Its JSON
// form is the name String returns. Like Frequency and Proration, it is a plain value, safe
// for concurrent use.
type Method uint8

// The depreciation and amortisation methods.
const (
	// StraightLine charges equal amounts per unit of time: (cost − salvage)/life (Excel SLN).
	StraightLine Method = iota
	// DecliningBalance charges Factor/life of the opening book value each asset year and
	// switches to straight line on the remaining book value in the first year where that is
	// larger, unless NoSwitch (Excel VDB, year by year).
	DecliningBalance
	// SumOfYearsDigits charges (life − k + 1)/(life(life+1)/2) of the depreciable amount in
	// asset year k (Excel SYD).
	SumOfYearsDigits
	// UnitsOfProduction charges each asset year its share of the Usage forecast (IAS 16.62).
	UnitsOfProduction
	// Decay follows exponential value decay with half-life HalfLifeYears, the timeliness model
	// for data (value V₀·2^(−t/h)), truncated so that book value reaches salvage at the end of
	// the life. See DecayShare.
	Decay
)

var methodNames = [...]string{
	StraightLine:      "straight-line",
	DecliningBalance:  "declining-balance",
	SumOfYearsDigits:  "sum-of-years-digits",
	UnitsOfProduction: "units-of-production",
	Decay:             "decay",
}

// String returns "straight-line", "declining-balance", "sum-of-years-digits",
// "units-of-production" or "decay".
func (m Method) String() string { return scheduleEnumName(methodNames[:], uint8(m), "Method") }

// MarshalText encodes the method by name; an undefined method is an error.
func (m Method) MarshalText() ([]byte, error) {
	return scheduleEnumMarshal(methodNames[:], uint8(m), "method")
}

// UnmarshalText decodes a method by name; the empty text is StraightLine.
func (m *Method) UnmarshalText(text []byte) error {
	i, err := scheduleEnumUnmarshal(methodNames[:], text, "method")
	*m = Method(i)
	return err
}

// Frequency is the length of a schedule's reporting periods. The zero value is Annual
// (fiscal years); JSON "annual" or "monthly".
type Frequency uint8

// The schedule frequencies.
const (
	Annual  Frequency = iota // one period per fiscal year
	Monthly                  // one period per calendar month
)

var frequencyNames = [...]string{Annual: "annual", Monthly: "monthly"}

// String returns "annual" or "monthly".
func (f Frequency) String() string { return scheduleEnumName(frequencyNames[:], uint8(f), "Frequency") }

// MarshalText encodes the frequency by name.
func (f Frequency) MarshalText() ([]byte, error) {
	return scheduleEnumMarshal(frequencyNames[:], uint8(f), "frequency")
}

// UnmarshalText decodes "annual" or "monthly"; the empty text is Annual.
func (f *Frequency) UnmarshalText(text []byte) error {
	i, err := scheduleEnumUnmarshal(frequencyNames[:], text, "frequency")
	*f = Frequency(i)
	return err
}

// Proration says when depreciation starts and how a partial first period is measured. The zero
// value is ProrateMonths; JSON "months", "next-month" or "days".
type Proration uint8

// The proration conventions.
const (
	// ProrateMonths counts whole months: the month the asset enters service counts in full,
	// as PRC practice does for intangible assets (当月增加的无形资产当月开始摊销). An asset in
	// service in month m of a calendar fiscal year carries (13 − m)/12 of a year's charge in it.
	ProrateMonths Proration = iota
	// ProrateNextMonth counts whole months from the month after the asset enters service, the
	// PRC rule for fixed assets under CAS 4 and the enterprise income tax regulations
	// (当月增加的固定资产当月不计提折旧，从下月起计提).
	ProrateNextMonth
	// ProrateDays starts on the in-service date; a partial month counts its days in service
	// over the days in that month, so the first and last periods of the life are partial.
	ProrateDays
)

var prorationNames = [...]string{ProrateMonths: "months", ProrateNextMonth: "next-month", ProrateDays: "days"}

// String returns "months", "next-month" or "days".
func (p Proration) String() string { return scheduleEnumName(prorationNames[:], uint8(p), "Proration") }

// MarshalText encodes the convention by name.
func (p Proration) MarshalText() ([]byte, error) {
	return scheduleEnumMarshal(prorationNames[:], uint8(p), "proration")
}

// UnmarshalText decodes "months", "next-month" or "days"; the empty text is ProrateMonths.
func (p *Proration) UnmarshalText(text []byte) error {
	i, err := scheduleEnumUnmarshal(prorationNames[:], text, "proration")
	*p = Proration(i)
	return err
}

func scheduleEnumName(names []string, i uint8, typ string) string {
	if int(i) < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s(%d)", typ, i)
}

func scheduleEnumMarshal(names []string, i uint8, field string) ([]byte, error) {
	if int(i) >= len(names) {
		return nil, &InputError{Field: field, Value: fmt.Sprint(i), Reason: "be a defined " + field}
	}
	return []byte(names[i]), nil
}

func scheduleEnumUnmarshal(names []string, text []byte, field string) (uint8, error) {
	if len(text) == 0 {
		return 0, nil
	}
	for i, n := range names {
		if string(text) == n {
			return uint8(i), nil
		}
	}
	return 0, &InputError{Field: field, Value: errs.Clip(string(text), 64), Reason: fmt.Sprintf("be one of %q", names)}
}
