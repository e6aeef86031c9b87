// Command quickstart tells Assay's story end to end, one package at a time, for a city traffic
// data set held by a municipal big-data centre:
//
//  1. assay: describe the data asset;
//  2. valuation: value it by the income approach, and amortise its booked cost over its life;
//  3. rights: register it, license processing-use to a state-owned smart-city company, and
//     verify offline that the company may use it for city planning; rights/odrl: check a
//     buyer's request against the licence as an ODRL 2.2 policy (examples/data/odrl.json);
//  4. pricing: quote an API plan for a buyer with the exchange's fee and VAT;
//  5. distribution: pay the royalty the licence owes upstream and share the rest among the
//     three holders whose sensors feed the data set, by their Shapley values, to the fen.
//
// Usage:
//
//	go run ./examples/quickstart               # readable tables
//	go run ./examples/quickstart -format json  # one JSON document, for notebooks
//	go run ./examples/quickstart -format csv -table price
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/distribution"
	"github.com/dataassay/assay/distribution/rightsroyalty"
	"github.com/dataassay/assay/examples/data"
	"github.com/dataassay/assay/internal/cli"
	"github.com/dataassay/assay/internal/jobs"
	"github.com/dataassay/assay/pricing"
	"github.com/dataassay/assay/rights"
	"github.com/dataassay/assay/rights/odrl"
	"github.com/dataassay/assay/valuation"
)

func main() { cli.Main("quickstart", run) }

// report is the JSON form of the story.
type report struct {
	Asset        assay.Asset            `json:"asset"`
	Valuation    valuationReport        `json:"valuation"`
	Rights       rightsReport           `json:"rights"`
	Quote        pricing.Quotation      `json:"quote"`
	Distribution distributionReport     `json:"distribution"`
	Amortisation []valuation.Period     `json:"amortisation"`
	Income       valuation.IncomeResult `json:"income"`
}

type valuationReport struct {
	IncomeValue assay.Money `json:"incomeValue"`
	BookedCost  assay.Money `json:"bookedCost"`
	BookValue   assay.Money `json:"bookValue"`     // straight-line book value on BookValueOn
	BookValueOn time.Time   `json:"bookValueDate"` // RFC 3339
}

type rightsReport struct {
	ODRL *odrl.Report `json:"odrl"` // a buyer's request checked against the licence in ODRL

	Question string   `json:"question"`
	Allowed  bool     `json:"allowed"`
	Path     []string `json:"path"`
}

type share struct {
	Holder  string      `json:"holder"`
	Shapley float64     `json:"shapley"`
	Amount  assay.Money `json:"amount"`
}

type distributionReport struct {
	SellerNet assay.Money `json:"sellerNet"`
	Royalty   assay.Money `json:"royalty"`
	Shares    []share     `json:"shares"`
	Gini      float64     `json:"gini"`
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
func cny(s string) assay.Money                 { return assay.MustMoney(s, "CNY") }

func run(args []string) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	output := cli.OutputFlags(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	var out report

	// 1. The asset.
	asset := assay.Asset{
		ID:             "GZ-BDC-2024-0017",
		Name:           "City traffic flows (loop detectors and bus GPS), 2019–2024",
		Holder:         "Guangzhou Municipal Big Data Centre",
		Region:         "CN-GD",
		Classification: assay.Important,
		Acquired:       day(2024, time.January, 15),
		UsefulLife:     5,
		Records:        182_500_000,
	}
	if err := asset.Validate(); err != nil {
		return err
	}
	out.Asset = asset

	// 2. Its value: the income approach on the licence revenue the data earns (a 30 % split of
	// the revenue of the products built on it), and the straight-line amortisation of what the
	// centre booked for it (CAS 6, intangible assets) over its five-year life.
	income, err := valuation.Income(valuation.IncomeInput{
		Basis: valuation.SplitIncome,
		Forecast: []valuation.ForecastYear{
			{Income: cny("4000000")}, {Income: cny("5000000")}, {Income: cny("6000000")},
			{Income: cny("6500000")}, {Income: cny("6800000")},
		},
		Rate:         0.30,
		TaxRate:      0.25,
		DiscountRate: 0.105,
	})
	if err != nil {
		return err
	}
	booked := cny("3600000")
	schedule, err := valuation.NewSchedule(valuation.Plan{
		Name: asset.Name, Cost: booked, LifeYears: asset.UsefulLife, InService: asset.Acquired,
	}, valuation.Policy{})
	if err != nil {
		return err
	}
	out.Income, out.Amortisation = income, schedule.Periods
	out.Valuation = valuationReport{
		IncomeValue: income.Value, BookedCost: booked, BookValue: schedule.BookValueAt(day(2026, time.December, 31)),
		BookValueOn: day(2026, time.December, 31),
	}

	// 3. Its rights: the centre registers the data set and licenses processing-use to the
	// smart-city company for city planning in Guangdong for three years, for 10 % of the
	// revenue from it. Keys come from fixed seeds so the output is the same on every run.
	centreKey, companyKey := key("centre"), key("company")
	centre := party(centreKey, "Guangzhou Municipal Big Data Centre", rights.Government)
	company := party(companyKey, "Guangzhou Smart City Investment Co.", rights.StateOwned)
	register, regHash, err := rights.Event{
		Kind: rights.KindRegister, Time: asset.Acquired, Asset: asset.ID, Record: asset, Signer: centre,
		Scope: rights.Scope{Actions: []rights.Action{rights.ActionUse, rights.ActionTransfer}, Regions: []string{"CN"}, Sublicensable: true},
	}.Sign(centreKey)
	if err != nil {
		return err
	}
	license, _, err := rights.Event{
		Kind: rights.KindLicense, Time: day(2024, time.March, 1), Asset: asset.ID, Parents: []rights.Hash{regHash},
		Signer: centre, Subject: company, Right: rights.ProcessingUse,
		Scope: rights.Scope{
			Actions: []rights.Action{rights.ActionUse}, Purposes: []string{"city-planning"}, Regions: []string{"CN-GD"},
			From: day(2024, time.March, 1), Until: day(2027, time.March, 1),
			Royalty: rights.Royalty{RevenueShare: decimal.RequireFromString("0.10")},
		},
	}.Sign(centreKey)
	if err != nil {
		return err
	}
	chain, err := rights.NewChain(ctx, []rights.Event{register, license}) // checks every signature and link
	if err != nil {
		return err
	}
	asked := day(2025, time.June, 1)
	decision, err := chain.Decide(rights.Query{
		Party: company.ID, Action: rights.ActionRead, Purpose: "city-planning", Region: "CN-GD",
		At: asked, Asset: asset.ID,
	})
	if err != nil {
		return err
	}
	out.Rights = rightsReport{Question: "may the company read the data for city planning in CN-GD on 2025-06-01?", Allowed: decision.Allowed}
	// The same licence offered to a Hong Kong firm as an ODRL policy, asked about a commercial
	// use: the job of `assay odrl` on the sample case.
	odrlIn, err := jobs.DecodeODRL(data.File("odrl.json"))
	if err != nil {
		return err
	}
	odrlOut, err := jobs.ODRL(odrlIn)
	if err != nil {
		return err
	}
	out.Rights.ODRL = odrlOut.Report
	for _, h := range decision.Path {
		out.Rights.Path = append(out.Rights.Path, h.String()[:12])
	}

	// 4. Its price: the company sells API access to a product built on the data, on a
	// graduated plan, through an exchange that charges a 0.5 % service fee and 6 % VAT.
	plan, err := pricing.NewGraduated([]pricing.Tier{
		{UpTo: 5_000, UnitPrice: cny("0"), Per: 1000},
		{UpTo: 100_000, UnitPrice: cny("8.00"), Per: 1000},
		{UpTo: 1_000_000, UnitPrice: cny("4.00"), Per: 1000},
		{UnitPrice: cny("2.00"), Per: 1000},
	}, assay.HalfEven)
	if err != nil {
		return err
	}
	fees, err := pricing.NewFeeStack(
		pricing.Fee{Name: "exchange service fee 0.5 %", Recipient: "exchange", Rate: decimal.RequireFromString("0.005")},
		pricing.Fee{Name: "VAT 6 %", Recipient: "tax authority", Rate: decimal.RequireFromString("0.06"), Tax: true, Compound: true},
	)
	if err != nil {
		return err
	}
	quote, err := pricing.Quoter{Fees: fees}.Quote(ctx, plan, pricing.Usage{Units: 1_200_000})
	if err != nil {
		return err
	}
	out.Quote = quote

	// 5. Its income: the royalty the licence owes upstream is read off the verified path of
	// grants and paid to the centre; what the company keeps is shared among the three holders
	// whose sensors feed the data set, in proportion to their Shapley values in a coverage
	// game: a coalition is worth the share of the city's eleven districts its sensors cover.
	royalties, err := rightsroyalty.Chain(chain.Royalties(decision.Path, asked)).
		Distribute(quote.SellerNet, rightsroyalty.PartyName(company.ID))
	if err != nil {
		return err
	}
	var royalty, rest assay.Money
	for _, p := range royalties.Parties {
		switch p.Party {
		case rightsroyalty.PartyName(centre.ID):
			royalty = p.Net
		case rightsroyalty.PartyName(company.ID):
			rest = p.Net
		}
	}
	holders := []string{"loop detectors (municipal centre)", "bus GPS (transit group)", "ride-hailing traces (platform)"}
	covers := []uint16{0b000_0111_1111, 0b011_1110_0000, 0b111_0000_0011} // districts as bits
	values := make([]float64, 1<<len(covers))
	for mask := range values {
		var union uint16
		for i, c := range covers {
			if mask&(1<<i) != 0 {
				union |= c
			}
		}
		values[mask] = float64(popcount(union)) / 11
	}
	game, err := distribution.NewTableGame(values)
	if err != nil {
		return err
	}
	phi, err := distribution.Shapley(ctx, game)
	if err != nil {
		return err
	}
	amounts, err := distribution.ToMoney(phi, rest)
	if err != nil {
		return err
	}
	incomes := make([]float64, len(amounts))
	out.Distribution = distributionReport{SellerNet: quote.SellerNet, Royalty: royalty}
	for i, a := range amounts {
		out.Distribution.Shares = append(out.Distribution.Shares, share{Holder: holders[i], Shapley: phi[i], Amount: a})
		incomes[i], _ = a.Amount().Float64()
	}
	if out.Distribution.Gini, err = distribution.Gini(incomes, nil); err != nil {
		return err
	}

	return output.Emit(os.Stdout, out, sheets(out)...)
}

func sheets(r report) []cli.Sheet {
	a := cli.Sheet{Name: "asset", Title: "1. The data asset", Header: []string{"field", "value"}}
	a.Add("id", r.Asset.ID)
	a.Add("name", r.Asset.Name)
	a.Add("holder", r.Asset.Holder)
	a.Add("region", r.Asset.Region)
	a.Add("classification", r.Asset.Classification)
	a.Add("acquired", r.Asset.Acquired.Format(time.DateOnly))
	a.Add("useful life (years)", r.Asset.UsefulLife)
	a.Add("records", strconv.FormatInt(r.Asset.Records, 10))

	v := cli.Sheet{Name: "value", Title: "2. Its value", Header: []string{"measure", "amount"}}
	v.Add("income approach (30 % split, 10.5 % discount rate, 5 years)", r.Valuation.IncomeValue)
	v.Add("booked cost", r.Valuation.BookedCost)
	v.Add("book value on "+r.Valuation.BookValueOn.Format(time.DateOnly)+" (straight line, 5 years)", r.Valuation.BookValue)

	g := cli.Sheet{Name: "rights", Title: "3. Its rights", Header: []string{"question", "answer", "path of grants"}}
	answer := "denied"
	if r.Rights.Allowed {
		answer = "allowed"
	}
	g.Add(r.Rights.Question, answer, strings.Join(r.Rights.Path, " → "))
	if o := r.Rights.ODRL; o != nil {
		g.Add("ODRL: may Harbour Analytics use it commercially from Hong Kong?", string(o.Decision), o.Reason)
	}

	q := cli.Sheet{Name: "price", Title: "4. Its price: 1,200,000 API calls", Header: []string{"line", "amount"}}
	for _, l := range r.Quote.Lines {
		q.Add(l.Description, l.Amount)
	}
	q.Add("buyer pays", r.Quote.Total)
	q.Add("seller receives", r.Quote.SellerNet)

	d := cli.Sheet{Name: "income", Title: "5. Its income, shared", Header: []string{"recipient", "Shapley value", "amount"}}
	d.Add("royalty to the centre (10 % under the licence)", "", r.Distribution.Royalty)
	for _, s := range r.Distribution.Shares {
		d.Add(s.Holder, strconv.FormatFloat(s.Shapley, 'f', 4, 64), s.Amount)
	}
	d.Notes = []string{fmt.Sprintf("Gini of the holders' shares: %.4f", r.Distribution.Gini)}
	return []cli.Sheet{a, v, g, q, d}
}

// key derives a fixed Ed25519 key from a label, so the example prints the same hashes on
// every run. Real parties generate their keys with ed25519.GenerateKey.
func key(label string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("assay quickstart: " + label))
	return ed25519.NewKeyFromSeed(seed[:])
}

func party(k ed25519.PrivateKey, name string, kind rights.PartyKind) rights.Party {
	id, _ := rights.PartyIDOf(k.Public().(ed25519.PublicKey))
	return rights.Party{ID: id, Name: name, Kind: kind, Region: "CN-GD"}
}

func popcount(x uint16) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
