package rights

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/rights/odrl"
)

// IRIs of the ODRL form of a Scope.
const (
	// RegionIRIPrefix makes an ISO 3166 code an IRI for odrl:spatial, which must be an IRI
	// (ODRL 2.2 Vocabulary §4.5.22). The form is the one the ODRL Information Model's
	// example 26 uses for dc:coverage: https://www.iso.org/obp/ui/#iso:code:3166:AU-QLD.
	RegionIRIPrefix = "https://www.iso.org/obp/ui/#iso:code:3166:"
	// CurrencyIRIPrefix makes an ISO 4217 code the unit IRI of a payAmount (URN namespace
	// of ISO standards, RFC 5141).
	CurrencyIRIPrefix = "urn:iso:std:iso:4217:"
	// ODRLProfile is the ODRL profile declared by exported policies that limit volume; it
	// defines one left operand, ODRLVolume.
	ODRLProfile = "https://github.com/dataassay/assay/rights#odrl-profile"
	// ODRLVolume is the left operand of Scope.MaxVolume: the number of records used under a
	// grant, a decimal. ODRL 2.2 has no left operand for it.
	ODRLVolume = "https://github.com/dataassay/assay/rights#volume"
)

// ErrNotExpressible reports an ODRL policy with terms a Scope cannot hold (see
// ScopeFromODRL), or a Scope or ODRLTerms that cannot be written as ODRL.
var ErrNotExpressible = errors.New("rights: not expressible")

// NotExpressibleError lists every term of an ODRL policy that ScopeFromODRL could not map
// onto a Scope. It wraps ErrNotExpressible.
type NotExpressibleError struct {
	Policy  string   // the policy's uid
	Reasons []string // one per term, e.g. "permission[1]: constraint on odrl:media"
}

func (e *NotExpressibleError) Error() string {
	return fmt.Sprintf("rights: ODRL policy %s is not expressible as a scope: %s", e.Policy, strings.Join(e.Reasons, "; "))
}

// Unwrap returns ErrNotExpressible.
func (e *NotExpressibleError) Unwrap() error { return ErrNotExpressible }

// ODRLTerms are what an ODRL policy names besides the scope: the policy's IRI and class, the
// asset and the parties, all IRIs chosen by the caller (a data exchange's own identifiers).
// Its zero value is not usable: UID, Target and Assigner are required. A plain value, safe
// to copy and to read concurrently.
type ODRLTerms struct {
	UID      string          // the policy IRI
	Type     odrl.PolicyType // Offer or Agreement; zero: Agreement if Assignee is set, else Offer
	Target   string          // the asset IRI
	Assigner string          // the grantor's IRI
	Assignee string          // the licensee's IRI; required for an Agreement
}

// ODRL exports s as an ODRL 2.2 Offer or Agreement (ODRL 2.2 Information Model §2.1):
//
//   - one permission per action on Target, each with the scope's constraints:
//     purpose eq or isAnyOf the purposes (IRIs when they contain a colon, strings
//     otherwise); spatial isPartOf the region (RegionIRIPrefix + code), or an odrl:or of
//     those for several regions; dateTime gteq From and lt Until (xsd:dateTime); count lteq
//     MaxUses; ODRLVolume lteq MaxVolume;
//   - sublicensing as odrl:grantUse: when Sublicensable, a grantUse permission unless an
//     action already includes it (use); when not, a prohibition of grantUse, with conflict
//     strategy prohibit so that it overrides a use permission;
//   - exclusivity as an obligation of the assigner (as the obligation's assignee) to
//     ensureExclusivity, owed to the assignee;
//   - the royalty as obligations of the assignee to compensate the assigner: a payAmount eq
//     fee (unit CurrencyIRIPrefix + currency) and a percentage eq 100 × revenue share.
//
// The result is what ParsePolicy reads from its JSON-LD, so it evaluates and writes like any
// parsed policy; give the evaluator ODRLRegionFacts in World.PartOf so that subdivisions
// fall within their countries. It fails with ErrNotExpressible if terms lack an IRI or the
// scope is invalid.
func (s Scope) ODRL(t ODRLTerms) (*odrl.Policy, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotExpressible, err)
	}
	typ := t.Type
	if typ == "" {
		typ = odrl.Offer
		if t.Assignee != "" {
			typ = odrl.Agreement
		}
	}
	switch {
	case t.UID == "" || t.Target == "" || t.Assigner == "":
		return nil, fmt.Errorf("%w: ODRL terms need a policy uid, a target and an assigner", ErrNotExpressible)
	case typ != odrl.Offer && typ != odrl.Agreement:
		return nil, fmt.Errorf("%w: a scope exports to an Offer or an Agreement, not a %s", ErrNotExpressible, typ)
	case typ == odrl.Agreement && t.Assignee == "":
		return nil, fmt.Errorf("%w: an Agreement needs an assignee", ErrNotExpressible)
	}
	p := &odrl.Policy{UID: t.UID, Type: typ, Target: &odrl.Asset{UID: t.Target}, Assigner: &odrl.Party{UID: t.Assigner}}
	if t.Assignee != "" {
		p.Assignee = &odrl.Party{UID: t.Assignee}
	}
	constraints, err := s.odrlConstraints()
	if err != nil {
		return nil, err
	}
	if s.MaxVolume > 0 {
		p.Profiles = []string{ODRLProfile}
	}
	permit := func(a string) {
		p.Permissions = append(p.Permissions, odrl.Rule{Kind: odrl.Permission, Action: odrl.Action{IRI: odrl.NS + a}, Constraints: constraints})
	}
	for _, a := range s.Actions {
		permit(string(a))
	}
	grantUse := odrl.NS + string(ActionGrantUse)
	covered := slices.ContainsFunc(s.Actions, func(a Action) bool { return odrl.IncludedIn(grantUse, odrl.NS+string(a)) })
	switch {
	case s.Sublicensable && !covered:
		permit(string(ActionGrantUse))
	case !s.Sublicensable:
		p.Prohibitions = append(p.Prohibitions, odrl.Rule{Kind: odrl.Prohibition, Action: odrl.Action{IRI: grantUse}})
		p.Conflict = odrl.Prohibit
	}
	if s.Exclusive {
		p.Obligations = append(p.Obligations, odrl.Rule{Kind: odrl.Duty, Action: odrl.Action{IRI: odrl.NS + "ensureExclusivity"},
			Assigner: p.Assignee, Assignee: p.Assigner})
	}
	if !s.Royalty.Fee.IsZero() {
		fee, err := odrl.Literal(s.Royalty.Fee.Amount().StringFixed(int32(s.Royalty.Fee.Currency().Digits())), odrl.XSDDecimal)
		if err != nil {
			return nil, err
		}
		p.Obligations = append(p.Obligations, compensate(p, odrl.Constraint{LeftOperand: odrl.PayAmount, Operator: odrl.Eq, RightOperand: fee,
			Unit: CurrencyIRIPrefix + s.Royalty.Fee.Currency().Code()}))
	}
	if !s.Royalty.RevenueShare.IsZero() {
		pct, err := odrl.Literal(s.Royalty.RevenueShare.Shift(2).String(), odrl.XSDDecimal)
		if err != nil {
			return nil, err
		}
		p.Obligations = append(p.Obligations, compensate(p, odrl.Constraint{LeftOperand: odrl.Percentage, Operator: odrl.Eq, RightOperand: pct}))
	}
	// Written and read back, so the policy is exactly what any reader of its JSON-LD gets,
	// with the policy-level target and parties copied into the rules.
	doc, err := p.MarshalJSONLD()
	if err != nil {
		return nil, err
	}
	return odrl.ParsePolicy(doc)
}

// ODRLRegionFacts returns the partOf facts of an odrl.World that make the evaluator place
// regions as a Scope does: each subdivision ("CN-GD") within its country ("CN"), and Hong
// Kong, Macao and Taiwan within nothing, whatever their code ("CN-HK" is "HK"). Exported
// policies constrain spatial with isPartOf; without these facts a request from "CN-GD"
// would not be within a scope limited to "CN". Codes that are not ISO 3166 are skipped.
func ODRLRegionFacts(regions ...string) map[string][]string {
	facts := make(map[string][]string)
	for _, r := range regions {
		if !assay.ValidRegion(r) {
			continue
		}
		n := normRegion(r)
		if n != r { // CN-HK and the like: the same place as HK, within no country
			facts[RegionIRIPrefix+r] = []string{RegionIRIPrefix + n}
			continue
		}
		if country, _, ok := strings.Cut(r, "-"); ok {
			facts[RegionIRIPrefix+r] = []string{RegionIRIPrefix + country}
		}
	}
	return facts
}

// compensate is an obligation of the assignee to pay the assigner.
func compensate(p *odrl.Policy, refinement odrl.Constraint) odrl.Rule {
	r := odrl.Rule{Kind: odrl.Duty, Action: odrl.Action{IRI: odrl.NS + "compensate", Refinements: []odrl.Constraint{refinement}}}
	if p.Assigner != nil {
		r.Functions = []odrl.Function{{Role: odrl.NS + "compensatedParty", Party: *p.Assigner}}
	}
	return r
}

// MarshalODRL writes s as the compact JSON-LD of its ODRL policy (see ODRL).
func (s Scope) MarshalODRL(t ODRLTerms) ([]byte, error) {
	p, err := s.ODRL(t)
	if err != nil {
		return nil, err
	}
	return p.MarshalJSONLD()
}

func (s Scope) odrlConstraints() ([]odrl.Constraint, error) {
	var cs []odrl.Constraint
	switch len(s.Purposes) {
	case 0:
	case 1:
		cs = append(cs, odrl.Constraint{LeftOperand: odrl.Purpose, Operator: odrl.Eq, RightOperand: purposeValue(s.Purposes[0])})
	default:
		vs := make([]odrl.Value, len(s.Purposes))
		for i, p := range s.Purposes {
			vs[i] = purposeValue(p)
		}
		cs = append(cs, odrl.Constraint{LeftOperand: odrl.Purpose, Operator: odrl.IsAnyOf, RightOperand: odrl.List(vs...)})
	}
	if len(s.Regions) > 0 {
		regions := make([]odrl.Constraint, len(s.Regions))
		for i, r := range s.Regions {
			regions[i] = odrl.Constraint{LeftOperand: odrl.Spatial, Operator: odrl.IsPartOf, RightOperand: odrl.IRI(RegionIRIPrefix + r)}
		}
		if len(regions) == 1 {
			cs = append(cs, regions[0])
		} else {
			cs = append(cs, odrl.Constraint{Logic: odrl.Or, Operands: regions})
		}
	}
	instant := func(t time.Time) (odrl.Value, error) {
		return odrl.Literal(t.UTC().Format(time.RFC3339Nano), odrl.XSDDateTime)
	}
	if !s.From.IsZero() {
		v, err := instant(s.From)
		if err != nil {
			return nil, err
		}
		cs = append(cs, odrl.Constraint{LeftOperand: odrl.DateTime, Operator: odrl.Gteq, RightOperand: v})
	}
	if !s.Until.IsZero() {
		v, err := instant(s.Until)
		if err != nil {
			return nil, err
		}
		cs = append(cs, odrl.Constraint{LeftOperand: odrl.DateTime, Operator: odrl.Lt, RightOperand: v})
	}
	for _, lim := range [...]struct {
		operand string
		n       int64
	}{{odrl.Count, s.MaxUses}, {ODRLVolume, s.MaxVolume}} {
		if lim.n > 0 {
			v, err := odrl.Literal(fmt.Sprint(lim.n), odrl.XSDInteger)
			if err != nil {
				return nil, err
			}
			cs = append(cs, odrl.Constraint{LeftOperand: lim.operand, Operator: odrl.Lteq, RightOperand: v})
		}
	}
	return cs, nil
}

func purposeValue(p string) odrl.Value {
	if strings.Contains(p, ":") {
		return odrl.IRI(p)
	}
	v, _ := odrl.Literal(p, "")
	return v
}

// ScopeFromODRL imports an ODRL Agreement (or Offer) into a Scope and the terms that name
// its policy, asset and parties: the inverse of Scope.ODRL. It is expressible when
//
//   - every permission has the same target, assigner, assignee and constraints, no duty
//     and an ODRL 2.2 action that is not deprecated;
//   - the constraints are among those Scope.ODRL writes: purpose eq or isAnyOf; spatial eq
//     or isPartOf a RegionIRIPrefix IRI, or an odrl:or of those; dateTime gt, gteq, lt or
//     lteq an xsd:dateTime or xsd:date (lteq a date ends the scope at the end of that day,
//     UTC); count and ODRLVolume lt or lteq an integer;
//   - the only prohibition is of grantUse, on the same target, without constraint;
//   - the obligations are ensureExclusivity, and compensate refined by payAmount eq an
//     amount with a CurrencyIRIPrefix unit or by percentage eq a share.
//
// Not expressible, and reported all at once in a *NotExpressibleError: Set and other policy
// classes, unresolved inheritFrom, several targets or parties, constraints on other left
// operands (media, industry, recipient, elapsedTime, …) or with other operators (neq,
// isNoneOf, …), logical constraints other than or over regions, refinements of targets and
// parties, duties and remedies, prohibitions of other actions, other obligations, and
// constraints that differ between permissions. A grantUse permission makes the scope
// Sublicensable and is dropped from Actions when other actions remain; a grantUse
// prohibition makes it not sublicensable; without either, it is sublicensable when an action
// includes grantUse (use).
func ScopeFromODRL(p *odrl.Policy) (Scope, ODRLTerms, error) {
	if p == nil {
		return Scope{}, ODRLTerms{}, fmt.Errorf("%w: nil policy", ErrNotExpressible)
	}
	imp := odrlImport{terms: ODRLTerms{UID: p.UID, Type: p.Type}}
	switch {
	case p.Type != odrl.Agreement && p.Type != odrl.Offer:
		imp.fail("policy", "a %s is not an Offer or Agreement", p.Type)
	case len(p.InheritFrom) > 0:
		imp.fail("policy", "inherits from %s, which is not merged (odrl.Inherit)", p.InheritFrom[0])
	}
	var s Scope
	grantUse := odrl.NS + string(ActionGrantUse)
	var sublicense, grantUsePermission bool
	for i, r := range p.Permissions {
		where := fmt.Sprintf("permission[%d]", i)
		imp.parties(where, r)
		if len(r.Duties) > 0 {
			imp.fail(where, "duties are not expressible")
		}
		if len(r.Action.Refinements) > 0 {
			imp.fail(where, "action refinements are not expressible")
		}
		a, ok := strings.CutPrefix(r.Action.IRI, odrl.NS)
		if !ok || !Action(a).Valid() {
			imp.fail(where, "action %s is not an ODRL 2.2 action a scope can hold", r.Action.IRI)
			continue
		}
		if i == 0 {
			imp.constraints(where, r.Constraints, &s)
		} else if !constraintsEqual(r.Constraints, p.Permissions[0].Constraints) {
			imp.fail(where, "constraints differ from permission[0]'s; a scope has one set of constraints")
		}
		if r.Action.IRI == grantUse {
			grantUsePermission = true
			continue
		}
		if !slices.Contains(s.Actions, Action(a)) {
			s.Actions = append(s.Actions, Action(a))
		}
		sublicense = sublicense || odrl.IncludedIn(grantUse, r.Action.IRI)
	}
	switch {
	case grantUsePermission && len(s.Actions) == 0:
		s.Actions = []Action{ActionGrantUse}
		s.Sublicensable = true
	case grantUsePermission:
		s.Sublicensable = true
	default:
		s.Sublicensable = sublicense
	}
	if len(p.Permissions) == 0 {
		imp.fail("policy", "has no permission")
	}
	for i, r := range p.Prohibitions {
		where := fmt.Sprintf("prohibition[%d]", i)
		if r.Action.IRI != grantUse || len(r.Constraints) > 0 || len(r.Remedies) > 0 ||
			(r.Target != nil && r.Target.UID != imp.terms.Target) {
			imp.fail(where, "only an unconstrained prohibition of grantUse on the target is expressible")
			continue
		}
		s.Sublicensable = false
	}
	for i, r := range p.Obligations {
		imp.obligation(fmt.Sprintf("obligation[%d]", i), r, &s)
	}
	if len(imp.reasons) > 0 {
		return Scope{}, ODRLTerms{}, &NotExpressibleError{Policy: p.UID, Reasons: imp.reasons}
	}
	if err := s.Validate(); err != nil {
		return Scope{}, ODRLTerms{}, &NotExpressibleError{Policy: p.UID, Reasons: []string{err.Error()}}
	}
	return s, imp.terms, nil
}

// odrlImport collects the terms of a policy and every reason it is not expressible.
type odrlImport struct {
	terms   ODRLTerms
	reasons []string
	seen    bool
}

func (imp *odrlImport) fail(where, format string, args ...any) {
	imp.reasons = append(imp.reasons, where+": "+fmt.Sprintf(format, args...))
}

// parties checks that every permission names the same single target and parties.
func (imp *odrlImport) parties(where string, r odrl.Rule) {
	var target, assigner, assignee string
	if r.Target != nil {
		if r.Target.Collection || len(r.Target.Refinements) > 0 || r.Target.UID == "" {
			imp.fail(where, "asset collections and refined targets are not expressible")
		}
		target = r.Target.UID
	}
	for _, p := range []*odrl.Party{r.Assigner, r.Assignee} {
		if p != nil && (p.Collection || len(p.Refinements) > 0 || p.UID == "") {
			imp.fail(where, "party collections and refined parties are not expressible")
		}
	}
	if r.Assigner != nil {
		assigner = r.Assigner.UID
	}
	if r.Assignee != nil {
		assignee = r.Assignee.UID
	}
	if !imp.seen {
		imp.terms.Target, imp.terms.Assigner, imp.terms.Assignee, imp.seen = target, assigner, assignee, true
		if target == "" {
			imp.fail(where, "has no target")
		}
		return
	}
	if target != imp.terms.Target || assigner != imp.terms.Assigner || assignee != imp.terms.Assignee {
		imp.fail(where, "target or parties differ from permission[0]'s; a scope names one of each")
	}
}

// constraints maps the constraints of the first permission onto s.
func (imp *odrlImport) constraints(where string, cs []odrl.Constraint, s *Scope) {
	for j, c := range cs {
		at := fmt.Sprintf("%s.constraint[%d]", where, j)
		switch {
		case c.Logic == odrl.Or && allRegions(c.Operands):
			for _, o := range c.Operands {
				imp.region(at, o, s)
			}
		case c.Logic != "":
			imp.fail(at, "logical constraint %s is not expressible", odrl.Short(string(c.Logic)))
		case c.RightOperandReference != "":
			imp.fail(at, "rightOperandReference is not expressible")
		case c.LeftOperand == odrl.Purpose && (c.Operator == odrl.Eq || c.Operator == odrl.IsAnyOf):
			for _, v := range listOf(c.RightOperand) {
				s.Purposes = append(s.Purposes, v.Lexical)
			}
		case c.LeftOperand == odrl.Spatial:
			imp.region(at, c, s)
		case c.LeftOperand == odrl.DateTime:
			imp.validity(at, c, s)
		case c.LeftOperand == odrl.Count || c.LeftOperand == ODRLVolume:
			n, ok := limitOf(c)
			switch {
			case !ok:
				imp.fail(at, "%s %s %s is not an upper limit", odrl.Short(c.LeftOperand), odrl.Short(string(c.Operator)), c.RightOperand)
			case c.LeftOperand == odrl.Count:
				s.MaxUses = n
			default:
				s.MaxVolume = n
			}
		default:
			imp.fail(at, "constraint %s %s is not expressible", odrl.Short(c.LeftOperand), odrl.Short(string(c.Operator)))
		}
	}
}

func allRegions(cs []odrl.Constraint) bool {
	for _, c := range cs {
		if c.Logic != "" || c.LeftOperand != odrl.Spatial {
			return false
		}
	}
	return len(cs) > 0
}

func (imp *odrlImport) region(at string, c odrl.Constraint, s *Scope) {
	code, ok := strings.CutPrefix(c.RightOperand.Lexical, RegionIRIPrefix)
	if (c.Operator != odrl.IsPartOf && c.Operator != odrl.Eq) || c.RightOperand.Kind != odrl.KindIRI || !ok || !assay.ValidRegion(code) {
		imp.fail(at, "spatial %s %s is not a region a scope can hold", odrl.Short(string(c.Operator)), c.RightOperand)
		return
	}
	s.Regions = append(s.Regions, code)
}

func (imp *odrlImport) validity(at string, c odrl.Constraint, s *Scope) {
	v := c.RightOperand
	var t time.Time
	var err error
	day := v.Kind == odrl.KindDate
	switch v.Kind {
	case odrl.KindDateTime:
		t, err = time.Parse(time.RFC3339Nano, v.Lexical)
		if err != nil {
			t, err = time.Parse("2006-01-02T15:04:05.999999999", v.Lexical)
		}
	case odrl.KindDate:
		t, err = time.Parse(time.DateOnly, v.Lexical)
	default:
		err = errors.New("not an instant")
	}
	if err != nil {
		imp.fail(at, "dateTime %s %s is not expressible", odrl.Short(string(c.Operator)), v)
		return
	}
	t = t.UTC()
	// A scope is valid on [From, Until); a day covers [its start, the next day's start).
	switch c.Operator {
	case odrl.Gteq:
		s.From = t
	case odrl.Gt:
		if day {
			s.From = t.AddDate(0, 0, 1)
		} else {
			s.From = t.Add(time.Nanosecond)
		}
	case odrl.Lt:
		s.Until = t
	case odrl.Lteq:
		if day {
			s.Until = t.AddDate(0, 0, 1)
		} else {
			s.Until = t.Add(time.Nanosecond)
		}
	default:
		imp.fail(at, "dateTime %s is not a validity bound", odrl.Short(string(c.Operator)))
	}
}

// limitOf reads "count lteq n" or "count lt n+1" as the limit n.
func limitOf(c odrl.Constraint) (int64, bool) {
	d, err := decimal.NewFromString(c.RightOperand.Lexical)
	if err != nil || !d.IsInteger() || c.RightOperand.Kind != odrl.KindDecimal {
		return 0, false
	}
	n := d.IntPart()
	switch c.Operator {
	case odrl.Lteq:
	case odrl.Lt:
		n--
	default:
		return 0, false
	}
	return n, n > 0
}

func listOf(v odrl.Value) []odrl.Value {
	if v.Kind == odrl.KindList {
		return v.List
	}
	return []odrl.Value{v}
}

func (imp *odrlImport) obligation(where string, r odrl.Rule, s *Scope) {
	if len(r.Constraints) > 0 || len(r.Consequences) > 0 {
		imp.fail(where, "constrained obligations and consequences are not expressible")
		return
	}
	switch r.Action.IRI {
	case odrl.NS + "ensureExclusivity":
		s.Exclusive = true
		return
	case odrl.NS + "compensate":
		if len(r.Action.Refinements) == 1 {
			c := r.Action.Refinements[0]
			amount, err := decimal.NewFromString(c.RightOperand.Lexical)
			code, isCurrency := strings.CutPrefix(c.Unit, CurrencyIRIPrefix)
			switch {
			case err != nil || c.Operator != odrl.Eq || c.RightOperand.Kind != odrl.KindDecimal:
			case c.LeftOperand == odrl.PayAmount && isCurrency:
				cur, err := assay.ParseCurrency(code)
				if err == nil {
					s.Royalty.Fee = assay.MoneyOf(amount, cur)
					return
				}
			case c.LeftOperand == odrl.Percentage && c.Unit == "":
				s.Royalty.RevenueShare = amount.Shift(-2)
				return
			}
		}
		imp.fail(where, "compensate is expressible only refined by payAmount eq an amount in an ISO 4217 unit, or percentage eq a share")
		return
	}
	imp.fail(where, "obligation to %s is not expressible", odrl.Short(r.Action.IRI))
}

// constraintsEqual compares two constraint lists with Value.Equal.
func constraintsEqual(a, b []odrl.Constraint) bool {
	return slices.EqualFunc(a, b, func(x, y odrl.Constraint) bool {
		return x.UID == y.UID && x.LeftOperand == y.LeftOperand && x.Operator == y.Operator &&
			x.RightOperand.Equal(y.RightOperand) && x.RightOperandReference == y.RightOperandReference &&
			x.DataType == y.DataType && x.Unit == y.Unit && x.Status.Equal(y.Status) &&
			x.Logic == y.Logic && constraintsEqual(x.Operands, y.Operands)
	})
}
