package billing

import (
	"strconv"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/rounding"
	"github.com/dataassay/assay/pricing"
)

// Refund asks for part or all of one invoice line's net amount back.
type Refund struct {
	Line   int         `json:"line"`   // index into Invoice.Lines
	Amount assay.Money `json:"amount"` // net, before tax
}

// CreditLine is one line of a credit note: the net refunded on an invoice line and the tax
// reversed with it.
type CreditLine struct {
	Line int         `json:"line"`
	Net  assay.Money `json:"net"`
	Tax  assay.Money `json:"tax"`
}

// CreditNote refunds part or all of an invoice, its taxes reversed exactly: Total = Net + Tax.
type CreditNote struct {
	ID      string       `json:"id"`
	Invoice string       `json:"invoice"`
	Issued  time.Time    `json:"issued"`
	Reason  string       `json:"reason,omitzero"`
	Lines   []CreditLine `json:"lines"`
	Net     assay.Money  `json:"net"`
	Tax     assay.Money  `json:"tax"`
	Total   assay.Money  `json:"total"`
}

// CreditNote refunds the given amounts of the invoice's lines, after the earlier credit notes
// prior of the same invoice. A line's tax is reversed in proportion to the net refunded,
// rounded as the invoice rounds, except that the refund of all that is left of a line
// reverses exactly the tax left, so that full refunds reverse the invoice's tax to the minor
// unit. No line is refunded beyond its net, no tax beyond the line's tax, and no note beyond
// what was paid in money: the invoice's total less the prepaid credits it drew and the
// earlier notes. An invoice with credit lines thus refunds less than its positive lines, and
// credits come back only as credits, as Lago rules (getlago.com/docs, "Credit notes":
// prepaid credits cannot be refunded, only credited back to the customer's account): the
// caller grants them to the wallet again, so that Summarize's statement never turns a
// promotional credit into a cash refund. Errors:
// *InputError naming the refund: an unknown line, a negative or excessive amount, another
// currency, a note dated before the invoice's period ends or before an earlier note, or an
// earlier note of another invoice.
func (inv Invoice) CreditNote(id string, issued time.Time, reason string, refunds []Refund, prior []CreditNote) (CreditNote, error) {
	rec := quoted("credit note", id)
	switch {
	case id == "":
		return CreditNote{}, inputErr("", "creditNote.id", "", "be set")
	case len(refunds) == 0:
		return CreditNote{}, inputErr(rec, "refunds", "[]", "hold at least one refund")
	case issued.Before(inv.Period.End):
		return CreditNote{}, orderErr(rec, "issued", issued.Format(time.RFC3339), "not be before the invoice's period ends at "+inv.Period.End.Format(time.RFC3339))
	}
	if err := inv.Check(); err != nil {
		return CreditNote{}, err
	}
	cur := inv.Currency
	invTotal, _ := inv.Total.MinorUnits()
	credits, _ := inv.CreditsApplied.MinorUnits()
	refundable := invTotal - credits // paid in money, less earlier notes: what a note may return at most
	netLeft := make([]int64, len(inv.Lines))
	taxLeft := make([]int64, len(inv.Lines))
	for i, l := range inv.Lines {
		netLeft[i], _ = l.Net.MinorUnits()
		taxLeft[i], _ = l.Tax.MinorUnits()
	}
	for _, p := range prior {
		if p.Invoice != inv.ID {
			return CreditNote{}, inputErr(rec, "prior", p.ID, "be a credit note of invoice "+strconv.Quote(inv.ID))
		}
		if p.ID == id {
			return CreditNote{}, inputErr(rec, "id", id, "be unique")
		}
		if issued.Before(p.Issued) {
			return CreditNote{}, orderErr(rec, "issued", issued.Format(time.RFC3339), "not be before credit note "+strconv.Quote(p.ID))
		}
		pt, err := minor(rec, "prior", p.Total, cur)
		if err != nil {
			return CreditNote{}, err
		}
		refundable -= pt
		for _, cl := range p.Lines {
			if cl.Line < 0 || cl.Line >= len(inv.Lines) {
				return CreditNote{}, inputErr(rec, "prior", p.ID, "refund lines of invoice "+strconv.Quote(inv.ID)+", not line "+strconv.Itoa(cl.Line))
			}
			n, err := minor(rec, "prior", cl.Net, cur)
			if err != nil {
				return CreditNote{}, err
			}
			t, err := minor(rec, "prior", cl.Tax, cur)
			if err != nil {
				return CreditNote{}, err
			}
			netLeft[cl.Line] -= n
			taxLeft[cl.Line] -= t
		}
	}
	note := CreditNote{ID: id, Invoice: inv.ID, Issued: issued, Reason: reason}
	var net, tax int64
	for k, r := range refunds {
		field := "refunds[" + strconv.Itoa(k) + "]"
		if r.Line < 0 || r.Line >= len(inv.Lines) {
			return CreditNote{}, inputErr(rec, field+".line", strconv.Itoa(r.Line), "name a line of invoice "+strconv.Quote(inv.ID))
		}
		amt, err := minor(rec, field+".amount", r.Amount, cur)
		if err != nil {
			return CreditNote{}, err
		}
		if amt <= 0 {
			return CreditNote{}, inputErr(rec, field+".amount", r.Amount.String(), "be positive")
		}
		if amt > netLeft[r.Line] {
			return CreditNote{}, inputErr(rec, field+".amount", r.Amount.String(),
				"not exceed what is refundable on line "+strconv.Itoa(r.Line)+", "+assay.MoneyFromMinor(max(netLeft[r.Line], 0), cur).String())
		}
		t := taxLeft[r.Line]
		if amt < netLeft[r.Line] {
			lineNet, _ := inv.Lines[r.Line].Net.MinorUnits()
			lineTax, _ := inv.Lines[r.Line].Tax.MinorUnits()
			// tax × amt / net, rounded as the invoice rounds its tax.
			u, _ := rounding.MulDivInt64(lineTax, amt, lineNet, rounding.Mode(pricing.InvoiceRounding(cur)))
			t = min(u, taxLeft[r.Line])
		}
		netLeft[r.Line] -= amt
		taxLeft[r.Line] -= t
		note.Lines = append(note.Lines, CreditLine{Line: r.Line, Net: assay.MoneyFromMinor(amt, cur), Tax: assay.MoneyFromMinor(t, cur)})
		net, tax = net+amt, tax+t
	}
	if net+tax > refundable {
		return CreditNote{}, inputErr(rec, "refunds", assay.MoneyFromMinor(net+tax, cur).String(),
			"not exceed what is left refundable of invoice "+strconv.Quote(inv.ID)+", "+assay.MoneyFromMinor(max(refundable, 0), cur).String()+" (its total less the credits it drew and earlier credit notes)")
	}
	note.Net = assay.MoneyFromMinor(net, cur)
	note.Tax = assay.MoneyFromMinor(tax, cur)
	note.Total = assay.MoneyFromMinor(net+tax, cur)
	return note, nil
}

// Statement sums a customer's invoices and credit notes in one currency:
//
//	Owed = Invoiced − Credited − CreditsUsed
//
// A negative Owed is what the seller owes the buyer back.
type Statement struct {
	Invoiced    assay.Money `json:"invoiced"`    // Σ invoice totals
	Credited    assay.Money `json:"credited"`    // Σ credit note totals
	CreditsUsed assay.Money `json:"creditsUsed"` // Σ credits drawn by the invoices
	Owed        assay.Money `json:"owed"`
}

// Summarize returns the statement of the invoices and credit notes, which must be in one
// currency. Errors: assay.ErrCurrencyMismatch for a mix.
func Summarize(cur assay.Currency, invoices []Invoice, notes []CreditNote) (Statement, error) {
	var inv, cred, used int64
	for _, i := range invoices {
		t, err := minor(quoted("invoice", i.ID), "total", i.Total, cur)
		if err != nil {
			return Statement{}, err
		}
		u, err := minor(quoted("invoice", i.ID), "creditsApplied", i.CreditsApplied, cur)
		if err != nil {
			return Statement{}, err
		}
		inv, used = inv+t, used+u
	}
	for _, n := range notes {
		t, err := minor(quoted("credit note", n.ID), "total", n.Total, cur)
		if err != nil {
			return Statement{}, err
		}
		cred += t
	}
	return Statement{Invoiced: assay.MoneyFromMinor(inv, cur), Credited: assay.MoneyFromMinor(cred, cur),
		CreditsUsed: assay.MoneyFromMinor(used, cur), Owed: assay.MoneyFromMinor(inv-cred-used, cur)}, nil
}
