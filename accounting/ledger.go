package accounting

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

// EntryKind names a journal entry.
type EntryKind string

// The journal entries a Ledger records.
const (
	EntryRecognition   EntryKind = "recognition"   // the capitalised cost enters the balance sheet
	EntryExpense       EntryKind = "expense"       // a cost line expensed
	EntryAmortisation  EntryKind = "amortisation"  // CAS 6 art. 17
	EntryImpairment    EntryKind = "impairment"    // CAS 8 art. 15 (zero Amount: tested, not impaired)
	EntryWriteDown     EntryKind = "write-down"    // CAS 1 art. 15
	EntryReversal      EntryKind = "reversal"      // CAS 1 art. 19
	EntryDisposal      EntryKind = "disposal"      // CAS 6 art. 23; CAS 1 art. 14
	EntryDerecognition EntryKind = "derecognition" // CAS 6 art. 24
	EntryTransferOut   EntryKind = "transfer-out"  // change of use, at carrying amount
	EntryTransferIn    EntryKind = "transfer-in"   // change of use, at carrying amount
	EntryLifeReview    EntryKind = "life-review"   // CAS 6 arts. 21–22 (no amount)
)

// Entry is one line of the journal. Amount is the size of the movement; CarryingChange its
// signed effect on the resource's carrying amount and ProfitOrLoss its signed effect on profit
// (a charge is negative, a gain positive).
type Entry struct {
	Date           Date        `json:"date"`
	Resource       string      `json:"resource"`
	Kind           EntryKind   `json:"kind"`
	Class          Class       `json:"class"`
	Amount         assay.Money `json:"amount"`
	CarryingChange assay.Money `json:"carryingChange"`
	ProfitOrLoss   assay.Money `json:"profitOrLoss"`
	Detail         string      `json:"detail,omitempty"`
	Source         string      `json:"source"`
	// Trail is the working of an impairment test's present value when the income approach
	// computed it (valuation.Income): the appraisal's sources, assumptions and parameters that
	// 财会〔2023〕11号 三(二)3 asks to be disclosed when a valuation matters to the statements.
	Trail valuation.Trail `json:"trail,omitempty"`
}

// ResourceYear is one resource's movement in one year: opening carrying amount + additions −
// amortisation − impairment + reversals − disposals + transfers = closing carrying amount.
type ResourceYear struct {
	Resource     string      `json:"resource"`
	Year         int         `json:"year"`
	Class        Class       `json:"class"` // at the end of the year ("" once disposed of)
	Opening      assay.Money `json:"opening"`
	Additions    assay.Money `json:"additions"`
	Amortisation assay.Money `json:"amortisation"`
	Impairment   assay.Money `json:"impairment"` // impairment losses and inventory write-downs
	Reversals    assay.Money `json:"reversals"`
	Disposals    assay.Money `json:"disposals"` // carrying amount sold or derecognised
	Transfers    assay.Money `json:"transfers"` // net transfers in (+) and out (−)
	Closing      assay.Money `json:"closing"`
	ProfitOrLoss assay.Money `json:"profitOrLoss"` // the year's effect on profit, incl. expensed costs
}

// Year is one fiscal year of a Ledger: the note roll-forwards for intangible and inventory
// data resources and each resource's movement.
type Year struct {
	Year       int         `json:"year"`
	Intangible RollForward `json:"intangible"`
	Inventory  RollForward `json:"inventory"`
	// Development is the roll-forward of capitalised development expenditure not yet ready
	// for use (开发支出——数据资源).
	Development RollForward    `json:"development"`
	Resources   []ResourceYear `json:"resources"`
}

// ResourceResult is a resource's recognition and measurement in a Ledger.
type ResourceResult struct {
	ID          string      `json:"id"`
	Name        string      `json:"name,omitempty"`
	Route       Route       `json:"route"`
	Use         Use         `json:"use"`
	Measurement Measurement `json:"measurement"`
	Life        Life        `json:"life,omitzero"`
	Disclosure  Disclosure  `json:"disclosure,omitzero"`
}

// Ledger is a Book run over its fiscal years. It is immutable after NewLedger and safe for
// concurrent use.
type Ledger struct {
	Entity    string           `json:"entity,omitempty"`
	Currency  assay.Currency   `json:"currency"`
	Resources []ResourceResult `json:"resources"`
	Entries   []Entry          `json:"entries"` // in date order, within FromYear..ToYear
	Years     []Year           `json:"years"`
}

// NewLedger validates b, recognises and measures each resource, and runs its events through
// the fiscal years b.FromYear..b.ToYear: intangibles are amortised by valuation.NewSchedule
// (monthly proration, the month of availability counting in full, as PRC practice does for
// intangibles; zero residual value, CAS 6 art. 18) from the day they are ready to the end of
// the month before they are sold, derecognised or transferred (当月减少当月不再摊销); impairment tests
// write an intangible down to its recoverable amount at the end of the test day (CAS 8 art. 15)
// and the rest of its life is amortised from the reduced amount (art. 16); inventory is held at
// the lower of cost and net realisable value (CAS 1 art. 15).
//
// Errors are *InputError naming the field (resources[i].events[j].date …): the errors of
// Measure; events out of date order or before ready; events on an expensed resource or after
// its disposal; an event that does not suit the class (ErrImpairmentReversal for a reversal on
// an intangible; ErrWriteDownAboveCost for a write-down beyond cost or a reversal beyond the
// allowance); a useful life missing or outside b.Policy; an indefinite-life intangible without
// an impairment test in a reported year (CAS 8 art. 4).
func NewLedger(b Book) (*Ledger, error) {
	if b.Currency.IsZero() {
		return nil, inputError("currency", "", "be set")
	}
	if len(b.Entity) > maxText {
		return nil, inputError("entity", b.Entity, "be at most 2000 bytes")
	}
	from, to := b.years()
	if from < 1900 || to < from || to-from >= maxYears || to > 9000 {
		return nil, inputError("toYear", to, fmt.Sprintf("be from fromYear (%d) to fromYear + 49, in 1900..9000", from))
	}
	if len(b.Resources) > maxResources {
		return nil, inputError("resources", len(b.Resources), "hold at most 1000 resources")
	}
	l := &Ledger{Entity: b.Entity, Currency: b.Currency, Resources: make([]ResourceResult, len(b.Resources))}
	run := &run{book: b, from: from, to: to, cur: b.Currency, years: make([]yearAcc, to-from+2)}
	ids := make(map[string]int, len(b.Resources))
	for i, r := range b.Resources {
		prefix := fmt.Sprintf("resources[%d]", i)
		if err := checkResourceText(r, prefix); err != nil {
			return nil, err
		}
		if j, dup := ids[r.ID]; dup {
			return nil, inputError(prefix+".id", r.ID, fmt.Sprintf("be unique (resources[%d] has it)", j))
		}
		ids[r.ID] = i
		m, err := measure(r, b.Currency, prefix)
		if err != nil {
			return nil, err
		}
		l.Resources[i] = ResourceResult{ID: r.ID, Name: r.Name, Route: r.Route, Use: r.Use, Measurement: m, Life: r.Life, Disclosure: r.Disclosure}
		if err := run.resource(r, m, prefix); err != nil {
			return nil, err
		}
	}
	l.Entries = run.entries
	slices.SortStableFunc(l.Entries, func(a, b Entry) int { return a.Date.t.Compare(b.Date.t) })
	l.Years = run.report()
	return l, nil
}

func checkResourceText(r Resource, prefix string) error {
	switch {
	case r.ID == "" || len(r.ID) > 64:
		return inputError(prefix+".id", r.ID, "be 1 to 64 bytes")
	case len(r.Name) > maxText:
		return inputError(prefix+".name", r.Name, "be at most 2000 bytes")
	case len(r.Events) > maxEvents:
		return inputError(prefix+".events", len(r.Events), "hold at most 1000 events")
	case len(r.Disclosure.Judgements) > 100:
		return inputError(prefix+".disclosure.judgements", len(r.Disclosure.Judgements), "hold at most 100 entries")
	}
	d := r.Disclosure
	for name, s := range map[string]string{"scenario": d.Scenario, "source": d.Source, "rightsStatus": d.RightsStatus,
		"restrictions": d.Restrictions, "life.basis": r.Life.Basis} {
		if len(s) > maxText {
			return inputError(prefix+"."+name, s, "be at most 2000 bytes")
		}
	}
	return nil
}

// run holds the state of NewLedger.
type run struct {
	book     Book
	from, to int
	cur      assay.Currency
	entries  []Entry
	years    []yearAcc // index 0: the year before from (opening balances only)
}

// yearAcc accumulates one year's postings and closing balances, by class, line and route.
type yearAcc struct {
	moves     map[Class]map[Line]*[3]int64
	closing   map[Class]*[3][3]int64 // cost, accumulated amortisation, provision
	resources []ResourceYear
}

// position is one resource's running state.
type position struct {
	id     string
	route  Route
	class  Class // Expensed when not (or no longer) on the balance sheet
	cost   int64 // original cost
	amort  int64 // accumulated amortisation (intangibles)
	prov   int64 // impairment provision (intangibles) or write-down allowance (inventory)
	life   Life
	sched  *valuation.Schedule
	plan   valuation.Plan // the schedule's plan: its Cost is the carrying amount when it began
	spread int64          // amortisation posted under plan
	posted Date           // amortisation is posted up to the end of this day
	closed int64          // carrying amount at the last year end
	sums   map[int]*[sumCount]int64
	ready  Date       // when a developed intangible leaves development expenditure
	dev    []CostLine // its capitalised lines
}

// developmentAt returns the capitalised development expenditure of p at the end of day d: the
// capitalised lines of a developed intangible dated by d, while it is not yet ready.
func (p *position) developmentAt(d Date) int64 {
	if !p.ready.After(d) {
		return 0
	}
	var s int64
	for _, l := range p.dev {
		if !l.Date.After(d) {
			u, _ := l.Amount.MinorUnits()
			s += u
		}
	}
	return s
}

// The per-year sums of a position's journal entries.
const (
	sumAdd = iota
	sumAmort
	sumImp
	sumRev
	sumDisp
	sumTransfer
	sumPL
	sumCount
)

// sumIndex is the ResourceYear column an entry kind adds to (−1: none; transfers out subtract).
var sumIndex = map[EntryKind]int{EntryRecognition: sumAdd, EntryAmortisation: sumAmort, EntryImpairment: sumImp,
	EntryWriteDown: sumImp, EntryReversal: sumRev, EntryDisposal: sumDisp, EntryDerecognition: sumDisp,
	EntryTransferIn: sumTransfer, EntryTransferOut: sumTransfer, EntryExpense: -1}

func (p *position) carrying() int64 { return p.cost - p.amort - p.prov }

func routeIndex(r Route) int {
	switch r {
	case Developed:
		return 1
	case OtherWay:
		return 2
	}
	return 0
}

// post adds amount to line of class in the year of date, if that year is reported.
func (rn *run) post(d Date, class Class, route Route, line Line, amount int64) {
	y := d.Year() - rn.from + 1
	if y < 1 || y >= len(rn.years) || amount == 0 {
		return
	}
	acc := &rn.years[y]
	if acc.moves == nil {
		acc.moves = map[Class]map[Line]*[3]int64{Intangible: {}, Inventory: {}, DevelopmentExpenditure: {}}
	}
	m := acc.moves[class]
	if m[line] == nil {
		m[line] = new([3]int64)
	}
	m[line][routeIndex(route)] += amount
}

func (rn *run) money(units int64) assay.Money { return assay.MoneyFromMinor(units, rn.cur) }

// entry records a journal entry if its year is reported and returns it (nil if not), valid
// until the next entry.
func (rn *run) entry(d Date, p *position, kind EntryKind, amount, carrying, pl int64, detail, source string) *Entry {
	if d.Year() < rn.from || d.Year() > rn.to {
		return nil
	}
	if p.sums == nil {
		p.sums = map[int]*[sumCount]int64{}
	}
	sums := p.sums[d.Year()]
	if sums == nil {
		sums = new([sumCount]int64)
		p.sums[d.Year()] = sums
	}
	sums[sumPL] += pl
	switch k := sumIndex[kind]; {
	case kind == EntryTransferOut:
		sums[sumTransfer] -= amount
	case k >= 0:
		sums[k] += amount
	}
	rn.entries = append(rn.entries, Entry{Date: d, Resource: p.id, Kind: kind, Class: p.class, Amount: rn.money(amount),
		CarryingChange: rn.money(carrying), ProfitOrLoss: rn.money(pl), Detail: detail, Source: source})
	return &rn.entries[len(rn.entries)-1]
}

// resource runs one resource through the years.
func (rn *run) resource(r Resource, m Measurement, prefix string) error {
	p := &position{id: r.ID, route: r.Route, class: Expensed, life: r.Life}
	for _, lr := range m.Lines {
		if !lr.Capitalised {
			u, _ := lr.Line.Amount.MinorUnits()
			c := lr.Line.Kind.Caption()
			rn.entry(lr.Line.Date, p, EntryExpense, u, 0, -u, c.EN+" "+c.ZH+": "+lr.Rule, lr.Source)
		}
	}
	class := m.Decision.Class
	if class == Intangible && r.Route == Developed {
		// Development expenditure accumulates until the resource is ready (CAS 6 art. 13).
		p.ready = r.Ready
		for _, lr := range m.Lines {
			if lr.Capitalised {
				p.dev = append(p.dev, lr.Line)
				u, _ := lr.Line.Amount.MinorUnits()
				rn.post(lr.Line.Date, DevelopmentExpenditure, r.Route, DevExpenditure, u)
			}
		}
	}
	if class == Expensed && len(r.Events) > 0 {
		return inputError(prefix+".events", len(r.Events), "be empty for a resource not recognised as an asset")
	}
	// The timeline: recognition on Ready, the events, and every year end from the year
	// before the first reported one to the last.
	type step struct {
		d     Date
		order int // 0 recognition, 1 event, 2 year end
		ev    int
	}
	steps := make([]step, 0, len(r.Events)+rn.to-rn.from+3)
	if class != Expensed {
		steps = append(steps, step{d: r.Ready})
	}
	var last Date
	for j, ev := range r.Events {
		f := fmt.Sprintf("%s.events[%d].date", prefix, j)
		switch {
		case ev.Date.IsZero():
			return inputError(f, "", "be set")
		case ev.Date.Before(r.Ready):
			return inputError(f, ev.Date, "be on or after the resource is ready, "+r.Ready.String())
		case ev.Date.Before(last):
			return inputError(f, ev.Date, "be on or after the previous event's date, "+last.String()+" (events in date order)")
		}
		last = ev.Date
		steps = append(steps, step{d: ev.Date, order: 1, ev: j})
	}
	for y := rn.from - 1; y <= rn.to; y++ {
		steps = append(steps, step{d: yearEnd(y), order: 2})
	}
	slices.SortStableFunc(steps, func(a, b step) int {
		if c := a.d.t.Compare(b.d.t); c != 0 {
			return c
		}
		return a.order - b.order
	})
	tested := map[int]bool{} // years with an impairment test
	done := false            // disposed of or derecognised
	for _, s := range steps {
		if s.d.Year() > rn.to {
			break
		}
		switch s.order {
		case 0:
			if err := rn.recognise(p, class, r, m, prefix); err != nil {
				return err
			}
		case 1:
			ev := r.Events[s.ev]
			f := fmt.Sprintf("%s.events[%d]", prefix, s.ev)
			if done {
				return inputError(f+".date", ev.Date, "not follow the resource's disposal or derecognition")
			}
			if ev.Kind == ImpairmentTest {
				tested[ev.Date.Year()] = true
			}
			var err error
			if done, err = rn.event(p, ev, prefix, f); err != nil {
				return err
			}
		case 2:
			if err := rn.amortiseTo(p, s.d); err != nil {
				return err
			}
			y := s.d.Year()
			if p.class == Intangible && p.life.Indefinite && y >= rn.from && !tested[y] {
				return inputError(prefix+".events", strconv.Itoa(y)+" without an impairment test",
					"hold an impairment test in every reported year for an indefinite-life intangible (CAS 8 art. 4)")
			}
			rn.close(y, p)
		}
	}
	return nil
}

// recognise puts the capitalised cost on the balance sheet on Ready.
func (rn *run) recognise(p *position, class Class, r Resource, m Measurement, prefix string) error {
	p.class = class
	for _, lr := range m.Lines {
		if lr.Capitalised {
			u, _ := lr.Line.Amount.MinorUnits()
			p.cost += u
			rn.post(r.Ready, class, r.Route, additionLine(class, lr.Addition), u)
		}
	}
	if p.dev != nil {
		rn.post(r.Ready, DevelopmentExpenditure, r.Route, DevTransferred, p.cost)
	}
	rn.entry(r.Ready, p, EntryRecognition, p.cost, p.cost, 0, string(class)+" at cost", strings.Join(m.Decision.Articles, "; "))
	if class == Intangible {
		return rn.startAmortisation(p, r.Ready, prefix)
	}
	return nil
}

// startAmortisation builds the schedule that amortises p's carrying amount over p.life from
// day d: when the intangible becomes available, is transferred in, or its life is revised.
func (rn *run) startAmortisation(p *position, d Date, prefix string) error {
	p.posted = d.AddDays(-1)
	switch {
	case p.life.Indefinite && p.life.Years != 0:
		return inputError(prefix+".life.years", p.life.Years, "be 0 for an indefinite life")
	case p.life.Indefinite:
		return nil
	case p.life.Years == 0:
		return inputError(prefix+".life", "no useful life", "give years or indefinite for an intangible (CAS 6 art. 16)")
	case p.life.Method != valuation.StraightLine && p.life.Method != valuation.DecliningBalance && p.life.Method != valuation.SumOfYearsDigits:
		return inputError(prefix+".life.method", p.life.Method, `be "straight-line", "declining-balance" or "sum-of-years-digits"`)
	}
	if err := rn.book.Policy.Check(p.life.Years); err != nil {
		return inputError(prefix+".life.years", p.life.Years, errReason(err))
	}
	p.sched, p.plan, p.spread = nil, valuation.Plan{}, 0
	base := p.carrying()
	if base <= 0 {
		return nil
	}
	p.plan = valuation.Plan{Name: p.id, Cost: rn.money(base), LifeYears: p.life.Years, InService: d.t, Method: p.life.Method}
	return rn.schedule(p, prefix+".life")
}

func (rn *run) schedule(p *position, field string) error {
	s, err := valuation.NewSchedule(p.plan, rn.book.Policy)
	if err != nil {
		return &InputError{Field: field, Value: p.plan.Method.String(), Reason: "give an amortisation schedule: " + err.Error()}
	}
	p.sched = s
	return nil
}

func errReason(err error) string {
	var ie *valuation.InputError
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return err.Error()
}

// amortiseTo posts the amortisation of p up to the end of day d.
func (rn *run) amortiseTo(p *position, d Date) error {
	if p.class != Intangible || p.sched == nil || !d.After(p.posted) {
		return nil
	}
	bv, err := p.sched.BookValueAt(d.t).MinorUnits()
	if err != nil {
		return err
	}
	var imps int64 // impairments the schedule has applied by d
	for _, imp := range p.plan.Impairments {
		if !imp.Date.After(d.t) {
			u, _ := imp.Amount.MinorUnits()
			imps += u
		}
	}
	base, _ := p.plan.Cost.MinorUnits()
	charge := base - bv - imps - p.spread
	p.posted = d
	if charge <= 0 {
		return nil
	}
	p.amort += charge
	p.spread += charge
	rn.post(d, Intangible, p.route, AmortCharge, charge)
	rn.entry(d, p, EntryAmortisation, charge, -charge, -charge, amortDetail(p), "CAS 6 art. 17; 财会〔2023〕11号 二(一)2")
	return nil
}

func amortDetail(p *position) string {
	return p.plan.Method.String() + " over " + strconv.Itoa(p.life.Years) + " years"
}
