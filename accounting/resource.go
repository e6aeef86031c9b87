package accounting

import (
	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

// Route is how a data resource was obtained (形成方式, 财会〔2023〕11号 二). Its JSON form is the
// constant's text.
type Route string

// The acquisition routes. The disclosure tables of 财会〔2023〕11号 三(二) have one column each.
const (
	Purchased Route = "purchased" // 外购
	Developed Route = "developed" // 自行开发 (intangibles) or 自行加工 (inventory)
	OtherWay  Route = "other"     // 其他方式取得: contributed by an investor, exchanged, …
)

// Use is why the enterprise holds a data resource (持有目的 and 业务模式, 财会〔2023〕11号 二).
type Use string

// The intended uses.
const (
	OwnUse    Use = "own-use"   // used in the enterprise's own operations (企业使用)
	Licensing Use = "licensing" // used to provide services or licences to others (对外提供服务)
	Sale      Use = "sale"      // held in the ordinary course of business for sale (日常持有以备出售)
)

// Class is where a data resource goes on the balance sheet.
type Class string

// The recognition outcomes.
const (
	Intangible Class = "intangible" // 无形资产——数据资源 (CAS 6)
	Inventory  Class = "inventory"  // 存货——数据资源 (CAS 1)
	Expensed   Class = "expense"    // not recognised as an asset: costs go to profit or loss

	// DevelopmentExpenditure is not a recognition outcome but the balance-sheet line in which
	// an internally developed intangible's capitalised expenditure waits until the resource is
	// ready for use (开发支出——数据资源, 财会〔2023〕11号 三(一)); it names that roll-forward.
	DevelopmentExpenditure Class = "development"
)

// Criteria are the judgements recognition needs. They are inputs, never inferred: the
// accountant (and the auditor) decide them and the decision cites them. The zero value meets no
// criterion, so a resource with no criteria given is expensed.
type Criteria struct {
	// Controlled: the enterprise lawfully owns or controls the resource (合法拥有或控制,
	// 财会〔2023〕11号 一; CAS 6 art. 3).
	Controlled bool `json:"controlled"`
	// Identifiable: separable, or arising from contractual or other legal rights (可辨认,
	// CAS 6 art. 3). Needed for intangibles only.
	Identifiable bool `json:"identifiable"`
	// ProbableBenefits: economic benefits are probable to flow to the enterprise (CAS 6 art.
	// 4(1); CAS 1 art. 4(1)).
	ProbableBenefits bool `json:"probableBenefits"`
	// ReliableCost: the cost can be measured reliably (CAS 6 art. 4(2); CAS 1 art. 4(2)).
	ReliableCost bool `json:"reliableCost"`
	// Development holds the five conditions of CAS 6 art. 9 for the development phase of an
	// internally developed intangible.
	Development DevelopmentCriteria `json:"development,omitzero"`
}

// DevelopmentCriteria are the conditions of CAS 6 art. 9 that development-phase expenditure
// must all meet before it is capitalised (财会〔2023〕11号 二(一)3).
type DevelopmentCriteria struct {
	TechnicallyFeasible  bool `json:"technicallyFeasible"`  // (一) completion is technically feasible
	IntentToComplete     bool `json:"intentToComplete"`     // (二) the intention to complete and use or sell it
	BenefitsDemonstrated bool `json:"benefitsDemonstrated"` // (三) a market for its output or itself, or its usefulness if used internally
	ResourcesAvailable   bool `json:"resourcesAvailable"`   // (四) adequate technical, financial and other resources
	CostsMeasurable      bool `json:"costsMeasurable"`      // (五) development expenditure can be measured reliably
}

// CostLine is one amount spent on a data resource.
type CostLine struct {
	Kind        CostKind    `json:"kind"`
	Description string      `json:"description,omitempty"` // free text, e.g. the supplier or invoice
	Date        Date        `json:"date"`                  // when the cost was incurred
	Amount      assay.Money `json:"amount"`                // non-negative, a whole number of minor units
}

// Life is the useful life of an intangible data resource (CAS 6 arts. 16–19; 财会〔2023〕11号
// 二(一)4). The zero Life is invalid for an intangible: either Years or Indefinite is needed.
type Life struct {
	// Years is the useful life in whole years, within the Book's Policy.
	Years int `json:"years,omitempty"`
	// Indefinite marks a life for which the period of benefits cannot be foreseen (CAS 6 art.
	// 16): no amortisation (art. 19), and an impairment test every year (CAS 8 art. 4).
	Indefinite bool `json:"indefinite,omitempty"`
	// Method is the amortisation method: straight line (the zero value, which CAS 6 art. 17
	// requires when the pattern of benefits cannot be determined reliably), declining balance
	// (double) or sum of the years' digits, run by valuation.NewSchedule. Residual value is
	// zero (CAS 6 art. 18).
	Method valuation.Method `json:"method,omitzero"`
	// Basis is why this life (or why indefinite): business model, rights restrictions,
	// update frequency and timeliness, product or technology iteration, competing products
	// (财会〔2023〕11号 二(一)4). Disclosed.
	Basis string `json:"basis,omitempty"`
}

// Disclosure holds the qualitative disclosures of a data resource (财会〔2023〕11号 三(二)
// and 三(三)), as plain text a reviewer can read and a report can print.
type Disclosure struct {
	Scenario     string   `json:"scenario,omitempty"`     // application scenario or business model (应用场景或业务模式)
	Source       string   `json:"source,omitempty"`       // type, scale and source of the raw data (原始数据的类型、规模、来源)
	RightsStatus string   `json:"rightsStatus,omitempty"` // ownership and rights (权属), e.g. registration certificate
	Restrictions string   `json:"restrictions,omitempty"` // territorial, field and legal restrictions (权利限制)
	Judgements   []string `json:"judgements,omitempty"`   // significant judgements made
}

// Resource is one data resource and its history.
type Resource struct {
	ID       string   `json:"id"`             // unique within the Book; 1 to 64 bytes
	Name     string   `json:"name,omitempty"` // free text
	Route    Route    `json:"route"`
	Use      Use      `json:"use"`
	Criteria Criteria `json:"criteria"`
	// DevelopmentFrom is the day from which all the CAS 6 art. 9 conditions were met; an
	// internally developed intangible capitalises development expenditure from then on (CAS 6
	// art. 13), and expenditure before it stays expensed. Needed for a developed intangible.
	DevelopmentFrom Date `json:"developmentFrom,omitzero"`
	// Ready is the day the resource is available for its intended use (an intangible) or ready
	// for sale (an inventory item): the day it is recognised and amortisation begins (CAS 6
	// art. 17). Costs after it are expensed.
	Ready      Date       `json:"ready"`
	Costs      []CostLine `json:"costs"`
	Life       Life       `json:"life,omitzero"`
	Disclosure Disclosure `json:"disclosure,omitzero"`
	Events     []Event    `json:"events,omitempty"` // in date order; those after the Book's ToYear are not run
}

// EventKind names what happened to a recognised data resource.
type EventKind string

// The events.
const (
	// ImpairmentTest compares an intangible's carrying amount with its recoverable amount,
	// the higher of FairValueLessCosts and the present value of its future cash flows
	// (ValueInUse, or Income valued by valuation.Income) (CAS 8 art. 6); a shortfall is an
	// impairment loss (CAS 8 art. 15) never reversed (art. 17).
	ImpairmentTest EventKind = "impairment-test"
	// NRVTest measures an inventory item at the lower of cost and net realisable value: the
	// estimated selling price less the costs to complete, the selling costs and the related
	// taxes (CAS 1 art. 15). The allowance rises or, within what was made, falls (art. 19).
	NRVTest EventKind = "nrv-test"
	// WriteDown adds Amount to an inventory item's allowance (CAS 1 art. 15).
	WriteDown EventKind = "write-down"
	// Reversal releases Amount of an inventory item's allowance (CAS 1 art. 19). On an
	// intangible it is an error: CAS 8 art. 17.
	Reversal EventKind = "reversal"
	// Disposal sells the resource for Proceeds: an intangible's gain or loss is the proceeds less
	// the carrying amount (CAS 6 art. 23); an inventory item's carrying amount becomes cost of
	// sales and its allowance is carried over (CAS 1 art. 14).
	Disposal EventKind = "disposal"
	// Derecognition writes the resource off because it no longer brings economic benefits —
	// rights lapsed, data obsolete (失效且终止确认; CAS 6 art. 24).
	Derecognition EventKind = "derecognition"
	// Transfer moves the resource to class To (intangible ↔ inventory) at its carrying amount,
	// when its use changes; it is shown as an other decrease and an other increase.
	Transfer EventKind = "transfer"
	// LifeReview revises an intangible's useful life or method at a year-end (or any month-end)
	// review (CAS 6 arts. 21–22): from the next day the carrying amount is amortised over
	// Life.Years more years by Life.Method, or not at all if Life.Indefinite. A change in
	// accounting estimate, applied prospectively (CAS 28).
	LifeReview EventKind = "life-review"
)

// Event is one event in a resource's history. Which fields are used depends on Kind.
type Event struct {
	Kind EventKind `json:"kind"`
	Date Date      `json:"date"`
	Note string    `json:"note,omitempty"`

	// ImpairmentTest: at least one measure of recoverable amount.
	FairValueLessCosts *assay.Money           `json:"fairValueLessCosts,omitempty"` // fair value less costs of disposal
	ValueInUse         *assay.Money           `json:"valueInUse,omitempty"`         // present value of future cash flows, if computed elsewhere
	Income             *valuation.IncomeInput `json:"income,omitempty"`             // or the forecast to value by the income approach

	// NRVTest: the components of net realisable value (CAS 1 art. 15).
	SellingPrice    assay.Money `json:"sellingPrice,omitzero"`
	CostsToComplete assay.Money `json:"costsToComplete,omitzero"`
	SellingCosts    assay.Money `json:"sellingCosts,omitzero"`
	Taxes           assay.Money `json:"taxes,omitzero"`

	Life     *Life       `json:"life,omitempty"`    // LifeReview: the remaining life from the next day
	Amount   assay.Money `json:"amount,omitzero"`   // WriteDown, Reversal
	Proceeds assay.Money `json:"proceeds,omitzero"` // Disposal
	To       Class       `json:"to,omitempty"`      // Transfer
}

// Book is the input of NewLedger: an entity's data resources over a range of fiscal years.
// The zero Book has no currency and is invalid.
type Book struct {
	Entity   string         `json:"entity,omitempty"` // free text, printed on the tables
	Currency assay.Currency `json:"currency"`         // of every amount
	// FromYear and ToYear are the fiscal (calendar) years reported. Zero FromYear means 2024,
	// the year 财会〔2023〕11号 took effect; zero ToYear means FromYear + 4. At most 50 years.
	FromYear int `json:"fromYear,omitempty"`
	ToYear   int `json:"toYear,omitempty"`
	// Policy bounds the useful lives accepted (valuation.Policy: the zero value accepts 3 to
	// 10 years, the range in which data resources are amortised in practice).
	Policy    valuation.Policy `json:"policy,omitzero"`
	Resources []Resource       `json:"resources"`
}

// Bounds on a Book, so that hostile input costs bounded time and memory, and sums of amounts
// fit in int64 minor units.
const (
	maxResources = 1000
	maxLines     = 1000 // cost lines per resource
	maxEvents    = 1000 // events per resource
	maxYears     = 50   // reported years
	maxMinor     = 1e13 // any amount, in minor units (10¹¹ CNY)
	maxJSONBytes = 8 << 20
)

func (b Book) years() (from, to int) {
	from, to = b.FromYear, b.ToYear
	if from == 0 {
		from = 2024
	}
	if to == 0 {
		to = from + 4
	}
	return from, to
}
