package pricing

import (
	"encoding/json"

	"github.com/dataassay/assay"
)

// maxTiers bounds the number of tiers of a plan, so that decoding untrusted JSON stays cheap.
const maxTiers = 1000

// Tier is one band of a tiered price schedule: the units up to and including UpTo cost
// UnitPrice per Per units. The tiers of a schedule follow each other without gaps: tier i
// covers the units after tier i−1's UpTo. The zero UpTo, allowed on the last tier only, means
// "and beyond"; a schedule whose last tier is bounded refuses usage past it.
type Tier struct {
	UpTo      int64       `json:"upTo,omitzero"` // last unit of the tier, inclusive; 0 = unbounded (last tier only)
	UnitPrice assay.Money `json:"unitPrice"`     // price of Per units; at most 9 places below the minor unit
	Per       int64       `json:"per,omitzero"`  // units UnitPrice is for; 0 means 1
}

// tierTerms is the JSON form shared by Graduated and Volume.
type tierTerms struct {
	Kind     string             `json:"kind"`
	Tiers    []Tier             `json:"tiers"`
	Rounding assay.RoundingMode `json:"rounding"`
}

// compiledTier is a validated tier in minor units: a line costs qty × coef / div.
type compiledTier struct {
	from, upTo int64 // units from+1 … upTo; upTo = 0 means unbounded
	coef, div  int64
	desc       string
	// whole is the price of every unit of a bounded tier in minor units, computed once: a
	// graduated quote past the tier charges exactly that. wholeOK is false if the tier is
	// unbounded or its price overflows int64.
	whole   int64
	wholeOK bool
}

// schedule is the validated, compiled form of a tier list.
type schedule struct {
	tiers    []Tier
	compiled []compiledTier
	cur      assay.Currency
	mode     assay.RoundingMode
}

func compileTiers(tiers []Tier, mode assay.RoundingMode) (schedule, error) {
	if len(tiers) == 0 {
		return schedule{}, inputErr("tiers", "[]", "have at least one tier")
	}
	if len(tiers) > maxTiers {
		return schedule{}, inputErr("tiers", itoa(int64(len(tiers)))+" tiers", "have at most 1000 tiers")
	}
	if !mode.Valid() {
		return schedule{}, inputErr("rounding", mode.String(), "be a defined rounding mode")
	}
	s := schedule{tiers: append([]Tier(nil), tiers...), compiled: make([]compiledTier, len(tiers)), mode: mode}
	s.cur = tiers[0].UnitPrice.Currency()
	from := int64(0)
	for i, t := range tiers {
		field := "tiers[" + itoa(int64(i)) + "]"
		if t.UnitPrice.Currency().IsZero() {
			return schedule{}, inputErr(field+".unitPrice", t.UnitPrice.String(), "have a currency")
		}
		if t.UnitPrice.Currency() != s.cur {
			return schedule{}, inputErr(field+".unitPrice", t.UnitPrice.String(), "be in "+s.cur.Code()+" like tiers[0]")
		}
		if t.UnitPrice.IsNegative() {
			return schedule{}, inputErr(field+".unitPrice", t.UnitPrice.String(), "not be negative")
		}
		per := t.Per
		if per < 0 || per > nano {
			return schedule{}, inputErr(field+".per", itoa(per), "be between 1 and 1,000,000,000 (0 means 1)")
		}
		if per == 0 {
			per = 1
		}
		sc, ok := toScaled(t.UnitPrice.Amount(), s.cur.Digits())
		if !ok {
			return schedule{}, inputErr(field+".unitPrice", t.UnitPrice.String(), "have at most 9 decimal places below the minor unit and fit in int64 minor units")
		}
		last := i == len(tiers)-1
		switch {
		case t.UpTo == 0 && !last:
			return schedule{}, inputErr(field+".upTo", "0", "be set on every tier but the last")
		case t.UpTo != 0 && t.UpTo <= from:
			return schedule{}, inputErr(field+".upTo", itoa(t.UpTo), "exceed the previous tier's upTo "+itoa(from)+" (tiers must be sorted and not overlap)")
		}
		desc := "units " + group(from+1) + "–" + group(t.UpTo)
		if t.UpTo == 0 {
			desc = "units above " + group(from)
		}
		c := compiledTier{from: from, upTo: t.UpTo, coef: sc.coef, div: per * pow10[sc.scale], desc: desc}
		if t.UpTo != 0 {
			c.whole, c.wholeOK = mulDiv(t.UpTo-from, c.coef, c.div, mode)
		}
		s.compiled[i] = c
		from = t.UpTo
	}
	return s, nil
}

// checkUnits rejects negative usage and usage beyond a bounded last tier.
func (s schedule) checkUnits(units int64) error {
	if units < 0 {
		return inputErr("usage.units", itoa(units), "not be negative")
	}
	if last := s.compiled[len(s.compiled)-1]; last.upTo != 0 && units > last.upTo {
		return inputErr("usage.units", itoa(units), "not exceed the last tier's upTo "+itoa(last.upTo))
	}
	return nil
}

func (s schedule) line(t int, qty int64) (line, error) {
	c := &s.compiled[t]
	tier := &s.tiers[t]
	l := line{kind: LineCharge, desc: c.desc, qty: qty, unit: tier.UnitPrice, per: tier.Per}
	if c.wholeOK && qty == c.upTo-c.from {
		l.amount = c.whole
		return l, nil
	}
	var ok bool
	if l.amount, ok = mulDiv(qty, c.coef, c.div, s.mode); !ok {
		return line{}, overflowErr(c.desc)
	}
	return l, nil
}

func (s *schedule) marshal(kind string) ([]byte, error) {
	if s == nil {
		return json.Marshal(tierTerms{Kind: kind, Tiers: []Tier{}})
	}
	return json.Marshal(tierTerms{Kind: kind, Tiers: s.tiers, Rounding: s.mode})
}

func (s *schedule) currency() assay.Currency {
	if s == nil {
		return assay.Currency{}
	}
	return s.cur
}

func (s *schedule) tierList() []Tier {
	if s == nil {
		return nil
	}
	return append([]Tier(nil), s.tiers...)
}

// Graduated prices each unit by the tier it falls in, as AWS and Stripe's "graduated" tiers
// do: with tiers "first 5,000 free, to 100,000 at 1.00 per 1,000, to 1,000,000 at 0.50 per
// 1,000", 30,000 calls cost 25 × 1.00 = 25.00 and 1,000,000 cost 95 × 1.00 + 900 × 0.50 =
// 545.00 (hand calculation).
// Each tier reached is one line item, rounded to the minor unit by the plan's rounding mode.
//
// A Graduated is immutable after NewGraduated and safe for concurrent use.
type Graduated struct{ s *schedule } // one pointer: converting to Plan does not allocate

// NewGraduated returns a graduated plan. Tiers must be non-empty, in one currency, sorted by
// UpTo without overlap, with non-negative prices; mode rounds each line (the zero value is
// HalfEven). Invalid tiers return an *InputError naming the tier.
func NewGraduated(tiers []Tier, mode assay.RoundingMode) (Graduated, error) {
	s, err := compileTiers(tiers, mode)
	if err != nil {
		return Graduated{}, err
	}
	return Graduated{&s}, nil
}

// Kind returns "graduated".
func (g Graduated) Kind() string { return "graduated" }

// Currency returns the currency of the tier prices.
func (g Graduated) Currency() assay.Currency { return g.s.currency() }

// Tiers returns a copy of the tiers.
func (g Graduated) Tiers() []Tier { return g.s.tierList() }

func (g Graduated) charge(u Usage, dst []line) ([]line, error) {
	if g.s == nil {
		return dst, inputErr("plan", "zero Graduated", "be built by NewGraduated")
	}
	if err := g.s.checkUnits(u.Units); err != nil {
		return dst, err
	}
	for i, c := range g.s.compiled {
		if u.Units <= c.from {
			break
		}
		hi := u.Units
		if c.upTo != 0 {
			hi = min(hi, c.upTo)
		}
		l, err := g.s.line(i, hi-c.from)
		if err != nil {
			return dst, err
		}
		dst = append(dst, l)
	}
	return dst, nil
}

// MarshalJSON writes {"kind":"graduated","tiers":[…],"rounding":"half-even"}.
func (g Graduated) MarshalJSON() ([]byte, error) { return g.s.marshal(g.Kind()) }

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewGraduated does.
func (g *Graduated) UnmarshalJSON(b []byte) error {
	s, err := unmarshalTiers(b, "graduated")
	if err == nil {
		g.s = &s
	}
	return err
}

// Volume prices all units at the price of the tier the total reaches, as Stripe's "volume"
// tiers do: with the tiers of the Graduated example, 30,000 calls cost 30 × 1.00 = 30.00.
// Volume schedules can be non-monotone at tier boundaries (buying more costs less); see
// Volume.Arbitrage. The quote has one line item.
//
// A Volume is immutable after NewVolume and safe for concurrent use.
type Volume struct{ s *schedule }

// NewVolume returns a volume plan, validated as NewGraduated validates its tiers.
func NewVolume(tiers []Tier, mode assay.RoundingMode) (Volume, error) {
	s, err := compileTiers(tiers, mode)
	if err != nil {
		return Volume{}, err
	}
	return Volume{&s}, nil
}

// Kind returns "volume".
func (v Volume) Kind() string { return "volume" }

// Currency returns the currency of the tier prices.
func (v Volume) Currency() assay.Currency { return v.s.currency() }

// Tiers returns a copy of the tiers.
func (v Volume) Tiers() []Tier { return v.s.tierList() }

// tierOf returns the index of the tier that units fall in (units ≥ 1).
func (s schedule) tierOf(units int64) int {
	for i, c := range s.compiled {
		if c.upTo == 0 || units <= c.upTo {
			return i
		}
	}
	return len(s.compiled) - 1
}

func (v Volume) charge(u Usage, dst []line) ([]line, error) {
	if v.s == nil {
		return dst, inputErr("plan", "zero Volume", "be built by NewVolume")
	}
	if err := v.s.checkUnits(u.Units); err != nil || u.Units == 0 {
		return dst, err
	}
	l, err := v.s.line(v.s.tierOf(u.Units), u.Units)
	if err != nil {
		return dst, err
	}
	l.desc = "all units at " + l.desc
	return append(dst, l), nil
}

// total returns the price of units under the volume schedule, in minor units.
func (v Volume) total(units int64) (int64, error) {
	if units == 0 {
		return 0, nil
	}
	l, err := v.s.line(v.s.tierOf(units), units)
	return l.amount, err
}

// MarshalJSON writes {"kind":"volume","tiers":[…],"rounding":"half-even"}.
func (v Volume) MarshalJSON() ([]byte, error) { return v.s.marshal(v.Kind()) }

// UnmarshalJSON reads the form MarshalJSON writes and validates it as NewVolume does.
func (v *Volume) UnmarshalJSON(b []byte) error {
	s, err := unmarshalTiers(b, "volume")
	if err == nil {
		v.s = &s
	}
	return err
}

func unmarshalTiers(b []byte, kind string) (schedule, error) {
	var t tierTerms
	if err := decodeStrict(b, &t); err != nil {
		return schedule{}, err
	}
	if err := checkKind(t.Kind, kind); err != nil {
		return schedule{}, err
	}
	return compileTiers(t.Tiers, t.Rounding)
}

// group formats n with thousands separators: 1000000 → "1,000,000".
func group(n int64) string {
	s := itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
