package accounting

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

func minor(m assay.Money) int64 {
	if m.Currency().IsZero() {
		return 0
	}
	u, err := m.MinorUnits()
	if err != nil {
		panic(err)
	}
	return u
}

// The movements of each section of the roll-forwards, with their sign.
var sections = map[Class][][]struct {
	line Line
	sign int64
}{
	Intangible: {
		{{CostOpening, 1}, {CostPurchase, 1}, {CostDevelopment, 1}, {CostOtherIncrease, 1}, {CostDisposal, -1}, {CostDerecognition, -1}, {CostOtherDecrease, -1}, {CostClosing, -1}},
		{{AmortOpening, 1}, {AmortCharge, 1}, {AmortDisposal, -1}, {AmortDerecognition, -1}, {AmortOtherDecrease, -1}, {AmortClosing, -1}},
		{{ProvOpening, 1}, {ProvCharge, 1}, {ProvDisposal, -1}, {ProvDerecognition, -1}, {ProvOtherDecrease, -1}, {ProvClosing, -1}},
	},
	DevelopmentExpenditure: {{{DevOpening, 1}, {DevExpenditure, 1}, {DevTransferred, -1}, {DevClosing, -1}}},
	Inventory: {
		{{CostOpening, 1}, {CostPurchase, 1}, {CostProcessing, 1}, {CostOtherIncrease, 1}, {CostDisposal, -1}, {CostDerecognition, -1}, {CostOtherDecrease, -1}, {CostClosing, -1}},
		{{ProvOpening, 1}, {ProvCharge, 1}, {ProvReversal, -1}, {ProvDisposal, -1}, {ProvClosing, -1}},
	},
}

// checkLedger checks every reconciliation a reader of the notes relies on, to the fen:
// in each roll-forward section and each column, opening + increases − decreases = closing;
// the total column is the sum of the route columns; carrying = cost − amortisation −
// provision; each year opens where the last closed; each resource's year reconciles (opening
// + additions − amortisation − impairment + reversals − disposals + transfers = closing) and
// its closing carrying amounts add up to the tables'; and nothing is lost over the whole
// history: Σ profit or loss = Σ proceeds − Σ costs + final carrying amount.
func checkLedger(t *testing.T, l *Ledger) {
	t.Helper()
	var prevClose map[Class]map[Line][4]int64
	for _, y := range l.Years {
		closeNow := map[Class]map[Line][4]int64{}
		for _, rf := range []RollForward{y.Intangible, y.Inventory, y.Development} {
			v := map[Line][4]int64{}
			for _, r := range rf.Rows {
				row := [4]int64{minor(r.Purchased), minor(r.Developed), minor(r.Other), minor(r.Total)}
				if row[0]+row[1]+row[2] != row[3] {
					t.Fatalf("%d %s %s: total %d ≠ sum of routes %v", y.Year, rf.Class, r.Line, row[3], row)
				}
				v[r.Line] = row
			}
			for _, sec := range sections[rf.Class] {
				for c := range 4 {
					var s int64
					for _, m := range sec {
						s += m.sign * v[m.line][c]
					}
					if s != 0 {
						t.Fatalf("%d %s section %s column %d does not reconcile: off by %d fen", y.Year, rf.Class, sec[0].line, c, s)
					}
				}
			}
			for c := range 4 {
				for _, bal := range [][4]Line{{CarryingClosing, CostClosing, AmortClosing, ProvClosing}, {CarryingOpening, CostOpening, AmortOpening, ProvOpening}} {
					if v[bal[0]][c] != v[bal[1]][c]-v[bal[2]][c]-v[bal[3]][c] {
						t.Fatalf("%d %s %s column %d ≠ cost − amortisation − provision", y.Year, rf.Class, bal[0], c)
					}
				}
				if v[ProvClosing][c] < 0 || v[CarryingClosing][c] < 0 || v[AmortClosing][c] < 0 {
					t.Fatalf("%d %s column %d: a negative balance %v", y.Year, rf.Class, c, v)
				}
			}
			if prevClose != nil {
				p := prevClose[rf.Class]
				for _, pair := range [][2]Line{{CostOpening, CostClosing}, {AmortOpening, AmortClosing}, {ProvOpening, ProvClosing}, {CarryingOpening, CarryingClosing}, {DevOpening, DevClosing}} {
					if v[pair[0]] != p[pair[1]] {
						t.Fatalf("%d %s %s %v ≠ last year's %s %v", y.Year, rf.Class, pair[0], v[pair[0]], pair[1], p[pair[1]])
					}
				}
			}
			closeNow[rf.Class] = v
		}
		prevClose = closeNow
		var sum int64
		for _, ry := range y.Resources {
			o, c := minor(ry.Opening), minor(ry.Closing)
			if o+minor(ry.Additions)-minor(ry.Amortisation)-minor(ry.Impairment)+minor(ry.Reversals)-minor(ry.Disposals)+minor(ry.Transfers) != c {
				t.Fatalf("%d %s: the resource's year does not reconcile: %+v", y.Year, ry.Resource, ry)
			}
			sum += c
		}
		if tables := closeNow[Intangible][CarryingClosing][3] + closeNow[Inventory][CarryingClosing][3]; sum != tables {
			t.Fatalf("%d: resources' closing carrying amounts %d ≠ tables' %d", y.Year, sum, tables)
		}
	}
}

// conservation checks Σ profit or loss = Σ proceeds − Σ costs + final carrying, for a book
// whose costs and events all fall in its years.
func conservation(t *testing.T, b Book, l *Ledger) {
	t.Helper()
	var pl, proceeds, costs int64
	for _, e := range l.Entries {
		pl += minor(e.ProfitOrLoss)
	}
	for _, r := range b.Resources {
		for _, c := range r.Costs {
			costs += minor(c.Amount)
		}
		for _, e := range r.Events {
			proceeds += minor(e.Proceeds)
		}
	}
	last := l.Years[len(l.Years)-1]
	var final int64
	for _, rf := range []RollForward{last.Intangible, last.Inventory, last.Development} {
		for _, line := range []Line{CarryingClosing, DevClosing} {
			if row, ok := rf.Row(line); ok {
				final += minor(row.Total)
			}
		}
	}
	if pl != proceeds-costs+final {
		t.Fatalf("money lost: Σ P&L %d ≠ proceeds %d − costs %d + final carrying %d", pl, proceeds, costs, final)
	}
}

// randomBook draws a company's data resources and their histories within 2024–2028.
func randomBook(rng *rand.Rand) Book {
	cur := assay.MustMoney("0", "CNY").Currency()
	fen := func(max int64) assay.Money { return assay.MoneyFromMinor(rng.Int64N(max), cur) }
	day := func(from Date, span int) Date { return from.AddDays(rng.IntN(span)) }
	b := Book{Currency: cur, Policy: valuation.Policy{MinYears: 1, MaxYears: 10}}
	routes := []Route{Purchased, Developed, OtherWay}
	uses := []Use{OwnUse, Licensing, Sale}
	allKinds := make([]CostKind, 0, len(kinds))
	for k := range kinds {
		if k != AgreedValue {
			allKinds = append(allKinds, k)
		}
	}
	slices.Sort(allKinds)
	for i := range 1 + rng.IntN(6) {
		r := Resource{ID: fmt.Sprintf("r%d", i), Route: routes[rng.IntN(3)], Use: uses[rng.IntN(3)],
			Criteria: Criteria{Controlled: true, Identifiable: true, ProbableBenefits: true, ReliableCost: rng.IntN(12) > 0,
				Development: DevelopmentCriteria{true, true, true, true, true}}}
		r.Ready = day(NewDate(2024, 3, 1), 3*365)
		r.DevelopmentFrom = r.Ready.AddDays(-rng.IntN(400))
		r.Life = Life{Years: 1 + rng.IntN(10), Method: valuation.Method(rng.IntN(2) * 2)} // straight line or sum of years' digits
		if rng.IntN(6) == 0 {
			r.Life = Life{Indefinite: true}
		}
		for range 1 + rng.IntN(6) {
			kind := allKinds[rng.IntN(len(allKinds))]
			r.Costs = append(r.Costs, CostLine{Kind: kind, Date: day(NewDate(2024, 1, 1), int(r.Ready.t.Sub(NewDate(2024, 1, 1).t).Hours()/24)+30), Amount: fen(2e8)})
		}
		if r.Route == OtherWay && rng.IntN(2) == 0 {
			r.Costs = append(r.Costs, CostLine{Kind: AgreedValue, Date: r.Ready, Amount: fen(2e8)})
		}
		d, _ := Recognise(r)
		class := d.Class
		if class == Expensed {
			b.Resources = append(b.Resources, r)
			continue
		}
		// Events at random dates, plus every year end for an indefinite life's annual test.
		var dates []Date
		for range rng.IntN(8) {
			dt := day(r.Ready, int(NewDate(2028, 12, 31).t.Sub(r.Ready.t).Hours()/24)+1)
			if rng.IntN(3) == 0 { // a month end, where a life review may fall
				dt = NewDate(dt.Year(), dt.t.Month()+1, 0)
			}
			dates = append(dates, dt)
		}
		if r.Life.Indefinite {
			for y := r.Ready.Year(); y <= 2028; y++ {
				dates = append(dates, yearEnd(y))
			}
		}
		slices.SortFunc(dates, func(a, b Date) int { return a.t.Compare(b.t) })
		for _, dt := range dates {
			var ev Event
			switch {
			case class == Intangible && r.Life.Indefinite && dt == yearEnd(dt.Year()):
				ev = Event{Kind: ImpairmentTest, ValueInUse: ptr(fen(3e8))}
			case class == Intangible && dt.AddDays(1).t.Day() == 1 && rng.IntN(3) == 0:
				ev = Event{Kind: LifeReview, Life: &Life{Years: 1 + rng.IntN(10), Method: valuation.Method(rng.IntN(3))}}
			case rng.IntN(10) == 0:
				ev = Event{Kind: Disposal, Proceeds: fen(3e8)}
			case rng.IntN(12) == 0:
				ev = Event{Kind: Derecognition}
			case rng.IntN(6) == 0 && !r.Life.Indefinite: // an indefinite life needs every year's test
				class = map[Class]Class{Intangible: Inventory, Inventory: Intangible}[class]
				ev = Event{Kind: Transfer, To: class}
			case class == Intangible:
				ev = Event{Kind: ImpairmentTest, FairValueLessCosts: ptr(fen(3e8))}
			default:
				ev = Event{Kind: NRVTest, SellingPrice: fen(3e8), SellingCosts: fen(1e6)}
				ev.SellingPrice, _ = ev.SellingPrice.Add(ev.SellingCosts)
			}
			ev.Date = dt
			r.Events = append(r.Events, ev)
			if ev.Kind == Disposal || ev.Kind == Derecognition {
				break
			}
		}
		b.Resources = append(b.Resources, r)
	}
	return b
}

// TestLedger_ReconcilesOverRandomHistories is the property test of the roll-forwards: over
// random books of purchased, developed and contributed resources with impairments, NRV tests,
// transfers, disposals and derecognitions, every table reconciles to the fen and no money is
// lost.
func TestLedger_ReconcilesOverRandomHistories(t *testing.T) {
	rng := rand.New(rand.NewPCG(2023, 11))
	n := 400
	if testing.Short() {
		n = 50
	}
	for i := range n {
		b := randomBook(rng)
		l, err := NewLedger(b)
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) && ie.Field != "" {
				t.Fatalf("book %d: %v", i, err)
			}
			t.Fatalf("book %d: untyped error %v", i, err)
		}
		checkLedger(t, l)
		conservation(t, b, l)
	}
}

func BenchmarkNewLedger(b *testing.B) {
	bk := sampleBook(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLedger(bk); err != nil {
			b.Fatal(err)
		}
	}
}
