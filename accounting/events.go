package accounting

import (
	"fmt"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

// event applies one event to p and reports whether the resource has left the balance sheet.
func (rn *run) event(p *position, ev Event, prefix, f string) (done bool, err error) {
	if len(ev.Note) > maxText {
		return false, inputError(f+".note", ev.Note, "be at most 2000 bytes")
	}
	// An intangible that leaves the class is not amortised in the month it leaves
	// (当月减少的无形资产当月不再摊销, the PRC practice that mirrors starting in the month of
	// availability); every other event sees the amortisation up to its own day.
	through := ev.Date
	if p.class == Intangible && (ev.Kind == Disposal || ev.Kind == Derecognition || ev.Kind == Transfer) {
		through = ev.Date.AddDays(-ev.Date.t.Day())
	}
	if err := rn.amortiseTo(p, through); err != nil {
		return false, err
	}
	switch ev.Kind {
	case ImpairmentTest:
		if p.class != Intangible {
			return false, inputError(f+".kind", ev.Kind, "apply to an intangible; test inventory with \"nrv-test\" (CAS 1 art. 15)")
		}
		return false, rn.impairmentTest(p, ev, f)
	case NRVTest, WriteDown:
		if p.class != Inventory {
			return false, inputError(f+".kind", ev.Kind, "apply to inventory; test an intangible with \"impairment-test\" (CAS 8)")
		}
		return false, rn.writeDown(p, ev, f)
	case Reversal:
		if p.class == Intangible {
			return false, &InputError{Field: f + ".kind", Value: string(ev.Kind), Err: ErrImpairmentReversal,
				Reason: "not reverse an intangible's impairment loss (CAS 8 art. 17: 资产减值损失一经确认，在以后会计期间不得转回)"}
		}
		return false, rn.writeDown(p, ev, f)
	case Disposal, Derecognition:
		return true, rn.leave(p, ev, f)
	case Transfer:
		return false, rn.transfer(p, ev, prefix, f)
	case LifeReview:
		return false, rn.reviewLife(p, ev, f)
	}
	return false, inputError(f+".kind", ev.Kind, `be "impairment-test", "nrv-test", "write-down", "reversal", "disposal", "derecognition", "transfer" or "life-review"`)
}

// reviewLife applies a revised useful life or method from the first day of the next month,
// prospectively: the carrying amount at the end of the review day is amortised over the
// remaining life (CAS 6 arts. 21–22; a change in accounting estimate, CAS 28).
func (rn *run) reviewLife(p *position, ev Event, f string) error {
	switch {
	case p.class != Intangible:
		return inputError(f+".kind", ev.Kind, "apply to an intangible (CAS 6 art. 21)")
	case ev.Life == nil:
		return inputError(f+".life", "", "be set: the remaining useful life from the next day")
	case ev.Date.AddDays(1).t.Day() != 1:
		return inputError(f+".date", ev.Date, "be the last day of a month: a revised life applies from the next month")
	}
	old := p.life
	p.life = *ev.Life
	if err := rn.startAmortisation(p, ev.Date.AddDays(1), f); err != nil {
		return err
	}
	detail := fmt.Sprintf("life %s → %s from %s; carrying amount %s", lifeText(old), lifeText(p.life), ev.Date.AddDays(1), rn.money(p.carrying()))
	rn.entry(ev.Date, p, EntryLifeReview, 0, 0, 0, detail, "CAS 6 arts. 21–22; CAS 28 (change in accounting estimate, prospective)")
	return nil
}

func lifeText(l Life) string {
	if l.Indefinite {
		return "indefinite"
	}
	return fmt.Sprintf("%d years %s", l.Years, l.Method)
}

// impairmentTest applies CAS 8 arts. 6, 7 and 15: recoverable amount is the higher of fair
// value less costs of disposal and the present value of future cash flows; a carrying amount
// above it is written down to it at the end of the test day, and the schedule amortises the
// reduced amount over the remaining life (art. 16).
func (rn *run) impairmentTest(p *position, ev Event, f string) error {
	var measures []int64
	var trail valuation.Trail
	detail := ""
	if ev.FairValueLessCosts != nil {
		u, err := checkAmount(f+".fairValueLessCosts", *ev.FairValueLessCosts, rn.cur)
		if err != nil {
			return err
		}
		measures = append(measures, u)
		detail += "fair value less costs of disposal " + ev.FairValueLessCosts.String() + "; "
	}
	switch {
	case ev.ValueInUse != nil && ev.Income != nil:
		return inputError(f+".income", "both valueInUse and income", "be given without valueInUse (one present value)")
	case ev.ValueInUse != nil:
		u, err := checkAmount(f+".valueInUse", *ev.ValueInUse, rn.cur)
		if err != nil {
			return err
		}
		measures = append(measures, u)
		detail += "present value of future cash flows " + ev.ValueInUse.String() + "; "
	case ev.Income != nil:
		res, err := valuation.Income(*ev.Income)
		if err != nil {
			return &InputError{Field: f + ".income", Value: "income approach", Reason: "be a valid income-approach input: " + err.Error(), Err: err}
		}
		if res.Value.Currency() != rn.cur {
			return inputError(f+".income", res.Value, "be in the book's currency "+rn.cur.Code())
		}
		u, err := res.Value.MinorUnits()
		if err != nil || u > maxMinor {
			return inputError(f+".income", res.Value, "value at most 10^13 minor units")
		}
		measures = append(measures, max(u, 0))
		trail = res.Trail
		detail += "present value of future cash flows (income approach, CAS 8 art. 9) " + res.Value.String() + "; "
	}
	if len(measures) == 0 {
		return inputError(f, "no measure", "give fairValueLessCosts, valueInUse or income (CAS 8 art. 6)")
	}
	recoverable := measures[0]
	if len(measures) > 1 {
		recoverable = max(measures[0], measures[1])
	}
	carrying := p.carrying()
	detail += fmt.Sprintf("recoverable amount %s; carrying amount %s", rn.money(recoverable), rn.money(carrying))
	loss := carrying - recoverable
	var e *Entry
	if loss <= 0 {
		e = rn.entry(ev.Date, p, EntryImpairment, 0, 0, 0, detail+": not impaired", "CAS 8 arts. 6–7")
	} else {
		p.prov += loss
		rn.post(ev.Date, Intangible, p.route, ProvCharge, loss)
		e = rn.entry(ev.Date, p, EntryImpairment, loss, -loss, -loss, detail, "CAS 8 arts. 6, 15; CAS 6 art. 20")
	}
	if e != nil {
		e.Trail = trail
	}
	if loss <= 0 {
		return nil
	}
	if p.sched == nil {
		return nil // an indefinite life: nothing to amortise
	}
	// The schedule applies an impairment at the start of its date: dating it the day after
	// the test writes the carrying amount down to exactly the recoverable amount at the end of
	// the test day. On the last day of the life nothing is left to amortise afterwards.
	at := ev.Date.AddDays(1)
	if !at.t.Before(p.sched.End) {
		at = ev.Date
	}
	p.plan.Impairments = append(p.plan.Impairments, valuation.Impairment{Date: at.t, Amount: rn.money(loss), Reason: "CAS 8 impairment test " + ev.Date.String()})
	return rn.schedule(p, f)
}

// writeDown applies an NRV test, a write-down or a reversal to an inventory item (CAS 1 arts.
// 15 and 19).
func (rn *run) writeDown(p *position, ev Event, f string) error {
	target := p.prov
	switch ev.Kind {
	case NRVTest:
		if ev.SellingPrice.Currency().IsZero() {
			return inputError(f+".sellingPrice", "", "be set: the estimated selling price (CAS 1 art. 15)")
		}
		price, err := checkAmount(f+".sellingPrice", ev.SellingPrice, rn.cur)
		if err != nil {
			return err
		}
		nrv := price
		for _, c := range []struct {
			field string
			m     assay.Money
		}{{"costsToComplete", ev.CostsToComplete}, {"sellingCosts", ev.SellingCosts}, {"taxes", ev.Taxes}} {
			u, err := checkAmount(f+"."+c.field, c.m, rn.cur)
			if err != nil {
				return err
			}
			nrv -= u
		}
		if nrv < 0 {
			return &InputError{Field: f + ".sellingPrice", Value: ev.SellingPrice.String(), Err: ErrWriteDownAboveCost,
				Reason: "cover the costs to complete, selling costs and taxes: a negative net realisable value would write the item down by more than its cost"}
		}
		target = max(p.cost-nrv, 0)
	case WriteDown, Reversal:
		u, err := checkAmount(f+".amount", ev.Amount, rn.cur)
		if err != nil {
			return err
		}
		if u == 0 {
			return inputError(f+".amount", ev.Amount, "be positive")
		}
		if ev.Kind == WriteDown {
			target += u
		} else {
			target -= u
		}
	}
	switch {
	case target > p.cost:
		return &InputError{Field: f + ".amount", Value: ev.Amount.String(), Err: ErrWriteDownAboveCost,
			Reason: fmt.Sprintf("not take the allowance above the item's cost %s (allowance %s)", rn.money(p.cost), rn.money(p.prov))}
	case target < 0:
		return &InputError{Field: f + ".amount", Value: ev.Amount.String(), Err: ErrWriteDownAboveCost,
			Reason: fmt.Sprintf("not exceed the allowance made, %s (CAS 1 art. 19)", rn.money(p.prov))}
	}
	delta := target - p.prov
	detail := fmt.Sprintf("cost %s; allowance %s → %s; carrying amount %s", rn.money(p.cost), rn.money(p.prov), rn.money(target), rn.money(p.cost-target))
	p.prov = target
	switch {
	case delta > 0:
		rn.post(ev.Date, Inventory, p.route, ProvCharge, delta)
		rn.entry(ev.Date, p, EntryWriteDown, delta, -delta, -delta, detail, "CAS 1 art. 15")
	case delta < 0:
		rn.post(ev.Date, Inventory, p.route, ProvReversal, -delta)
		rn.entry(ev.Date, p, EntryReversal, -delta, -delta, -delta, detail, "CAS 1 art. 19")
	default:
		rn.entry(ev.Date, p, EntryWriteDown, 0, 0, 0, detail+": no change", "CAS 1 art. 15")
	}
	return nil
}

// leave takes the resource off the balance sheet: sold (CAS 6 art. 23; CAS 1 art. 14) or
// derecognised (CAS 6 art. 24).
func (rn *run) leave(p *position, ev Event, f string) error {
	proceeds, err := checkAmount(f+".proceeds", ev.Proceeds, rn.cur)
	if err != nil {
		return err
	}
	if ev.Kind == Derecognition && proceeds != 0 {
		return inputError(f+".proceeds", ev.Proceeds, "be zero for a derecognition; sell with \"disposal\"")
	}
	cost, amort, prov, carrying := p.cost, p.amort, p.prov, p.carrying()
	lines := [3]Line{CostDisposal, AmortDisposal, ProvDisposal}
	kind, source := EntryDisposal, "CAS 6 art. 23"
	if p.class == Inventory {
		source = "CAS 1 art. 14"
	}
	if ev.Kind == Derecognition {
		lines = [3]Line{CostDerecognition, AmortDerecognition, ProvDerecognition}
		kind, source = EntryDerecognition, "CAS 6 art. 24"
		if p.class == Inventory {
			lines[2] = ProvDisposal // 转销: the allowance goes with the item
			source = "CAS 1 arts. 14, 21"
		}
	}
	rn.post(ev.Date, p.class, p.route, lines[0], cost)
	rn.post(ev.Date, p.class, p.route, lines[1], amort)
	rn.post(ev.Date, p.class, p.route, lines[2], prov)
	detail := fmt.Sprintf("proceeds %s; carrying amount %s (cost %s, amortisation %s, provision %s)",
		rn.money(proceeds), rn.money(carrying), rn.money(cost), rn.money(amort), rn.money(prov))
	rn.entry(ev.Date, p, kind, carrying, -carrying, proceeds-carrying, detail, source)
	p.cost, p.amort, p.prov, p.class, p.sched = 0, 0, 0, Expensed, nil
	return nil
}

// transfer moves the resource to the other class at its carrying amount.
func (rn *run) transfer(p *position, ev Event, prefix, f string) error {
	if (ev.To != Intangible && ev.To != Inventory) || ev.To == p.class {
		return inputError(f+".to", ev.To, fmt.Sprintf("be the other asset class than %q", p.class))
	}
	carrying := p.carrying()
	from := p.class
	rn.post(ev.Date, from, p.route, CostOtherDecrease, p.cost)
	if from == Intangible {
		rn.post(ev.Date, from, p.route, AmortOtherDecrease, p.amort)
		rn.post(ev.Date, from, p.route, ProvOtherDecrease, p.prov)
	} else {
		rn.post(ev.Date, from, p.route, ProvDisposal, p.prov)
	}
	rn.entry(ev.Date, p, EntryTransferOut, carrying, -carrying, 0, "to "+string(ev.To)+" at carrying amount", "财会〔2023〕11号 二; change of use")
	p.class, p.cost, p.amort, p.prov, p.sched, p.plan, p.spread = ev.To, carrying, 0, 0, nil, valuation.Plan{}, 0
	rn.post(ev.Date, ev.To, p.route, CostOtherIncrease, carrying)
	rn.entry(ev.Date, p, EntryTransferIn, carrying, carrying, 0, "from "+string(from)+" at carrying amount", "财会〔2023〕11号 二; change of use")
	if ev.To == Intangible {
		return rn.startAmortisation(p, ev.Date.AddDays(1), prefix)
	}
	return nil
}
