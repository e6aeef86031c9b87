package accounting

import (
	"fmt"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
)

// CostKind is the nature of a cost line; the rules that capitalise or expense it depend on it
// and on the resource's class and route.
type CostKind string

// The cost kinds named by 财会〔2023〕11号 二(一)2 and 二(二), CAS 6 arts. 8, 12–14 and CAS 1
// arts. 6–9, 11–12.
const (
	PurchasePrice      CostKind = "purchase-price"       // 购买价款
	PurchaseTaxes      CostKind = "taxes"                // 相关税费 (non-deductible)
	Insurance          CostKind = "insurance"            // 保险费
	Desensitisation    CostKind = "desensitisation"      // 脱敏
	Cleansing          CostKind = "cleansing"            // 清洗
	Labelling          CostKind = "labelling"            // 标注
	Integration        CostKind = "integration"          // 整合
	Analysis           CostKind = "analysis"             // 分析
	Visualisation      CostKind = "visualisation"        // 可视化
	Collection         CostKind = "collection"           // 数据采集
	RightsConfirmation CostKind = "rights-confirmation"  // 数据权属鉴证
	QualityAssessment  CostKind = "quality-assessment"   // 质量评估
	Registration       CostKind = "registration"         // 登记结算
	SecurityManagement CostKind = "security"             // 安全管理
	DevelopmentSalary  CostKind = "development-salaries" // 开发人员薪酬
	DevelopmentOther   CostKind = "development-other"    // 其他开发支出 (compute, services)
	Research           CostKind = "research"             // 研究阶段支出
	AgreedValue        CostKind = "agreed-value"         // 投资合同或协议约定的价值 (route other)
	Storage            CostKind = "storage"              // 仓储费用
	AbnormalLoss       CostKind = "abnormal-loss"        // 非正常消耗
	Administration     CostKind = "administration"       // 管理费用, training, advertising
	Selling            CostKind = "selling"              // 销售费用
)

type kindInfo struct {
	zh, en string
	group  kindGroup
}

type kindGroup uint8

const (
	gPurchase    kindGroup = iota // price, taxes, insurance
	gProcessing                   // desensitisation … visualisation, collection
	gService                      // rights confirmation, quality, registration, security
	gDevelopment                  // development-phase expenditure
	gResearch                     // research-phase expenditure
	gContributed                  // agreed value of a contributed resource
	gExcluded                     // never part of cost
)

var kinds = map[CostKind]kindInfo{
	PurchasePrice:      {"购买价款", "purchase price", gPurchase},
	PurchaseTaxes:      {"相关税费", "related taxes", gPurchase},
	Insurance:          {"保险费", "insurance", gPurchase},
	Desensitisation:    {"脱敏", "desensitisation", gProcessing},
	Cleansing:          {"清洗", "cleansing", gProcessing},
	Labelling:          {"标注", "labelling", gProcessing},
	Integration:        {"整合", "integration", gProcessing},
	Analysis:           {"分析", "analysis", gProcessing},
	Visualisation:      {"可视化", "visualisation", gProcessing},
	Collection:         {"数据采集", "data collection", gProcessing},
	RightsConfirmation: {"数据权属鉴证", "rights confirmation", gService},
	QualityAssessment:  {"质量评估", "quality assessment", gService},
	Registration:       {"登记结算", "registration and settlement", gService},
	SecurityManagement: {"安全管理", "security management", gService},
	DevelopmentSalary:  {"开发人员薪酬", "development salaries", gDevelopment},
	DevelopmentOther:   {"其他开发支出", "other development expenditure", gDevelopment},
	Research:           {"研究阶段支出", "research-phase expenditure", gResearch},
	AgreedValue:        {"协议约定价值", "agreed value", gContributed},
	Storage:            {"仓储费用", "storage", gExcluded},
	AbnormalLoss:       {"非正常消耗", "abnormal loss", gExcluded},
	Administration:     {"管理费用", "administration, training and advertising", gExcluded},
	Selling:            {"销售费用", "selling costs", gExcluded},
}

// Caption returns the kind's Chinese and English names.
func (k CostKind) Caption() Caption {
	i := kinds[k]
	return Caption{ZH: i.zh, EN: i.en}
}

// Addition is the row of the disclosure table into which a capitalised amount goes.
type Addition string

// The increase rows of the roll-forwards (财会〔2023〕11号 三(二)).
const (
	AddPurchase    Addition = "purchase"    // 购入
	AddDevelopment Addition = "development" // 内部研发 (intangibles)
	AddProcessing  Addition = "processing"  // 采集加工 (inventory)
	AddOther       Addition = "other"       // 其他增加
)

// LineResult is one cost line as measured: capitalised or expensed, by which rule, on which
// articles.
type LineResult struct {
	Line        CostLine `json:"line"`
	Capitalised bool     `json:"capitalised"`
	Addition    Addition `json:"addition,omitempty"` // the roll-forward row, when capitalised
	Rule        string   `json:"rule"`
	Source      string   `json:"source"`
}

// Measurement is the initial measurement of a data resource: its capitalised cost (the cost
// recognised on Ready), what was expensed, and each line's treatment. Trail is the same working
// in valuation's audit-trail form: one step per line whose Value is the running capitalised
// cost.
type Measurement struct {
	Decision    Decision        `json:"decision"`
	Capitalised assay.Money     `json:"capitalised"`
	Expensed    assay.Money     `json:"expensed"`
	Lines       []LineResult    `json:"lines"`
	Trail       valuation.Trail `json:"trail"`
}

// effective is the day 财会〔2023〕11号 took effect; it applies prospectively (四), so costs
// incurred and expensed before it are not capitalised afterwards.
var effective = NewDate(2024, 1, 1)

// Measure recognises r (see Recognise) and measures its cost (CAS 6 arts. 12–14; CAS 1 arts.
// 5–9, 11–12; 财会〔2023〕11号 二(一)2, 二(一)3, 二(二)). A line is capitalised only when the
// resource is an asset and the line is dated no later than Ready, no earlier than 2024-01-01
// (四, prospective application) and — for a developed intangible — no earlier than
// DevelopmentFrom (CAS 6 art. 13); and when its kind belongs to the class and route's cost:
//
//   - purchased intangible: purchase price and taxes (CAS 6 art. 12); the desensitisation,
//     cleansing, labelling, integration, analysis and visualisation directly attributable to
//     making it ready; rights confirmation, quality assessment, registration and security
//     management (二(一)2). Collection and insurance are not in that list and are expensed.
//   - developed intangible: every kind except research, incurred in the development phase
//     (CAS 6 arts. 9 and 13; 二(一)3); research is expensed (CAS 6 art. 8).
//   - other intangible: the agreed value of a contributed resource (CAS 6 art. 14) and the
//     purchased kinds.
//   - inventory: purchase cost — price, taxes, insurance, rights confirmation, quality
//     assessment, registration, security (二(二); CAS 1 art. 6); processing cost — collection,
//     desensitisation … visualisation and development labour (二(二); CAS 1 art. 7); the agreed
//     value of a contributed item (CAS 1 arts. 11–12).
//   - storage, abnormal losses, administration and selling costs are never cost (CAS 1 art.
//     9; CAS 6 application guide).
//
// Errors: an *InputError naming the field for an unknown kind, a negative amount or one in
// another currency, a developed intangible without DevelopmentFrom, DevelopmentFrom after
// Ready, or an agreed value on a route other than "other".
func Measure(r Resource, cur assay.Currency) (Measurement, error) {
	return measure(r, cur, "resource")
}

func measure(r Resource, cur assay.Currency, prefix string) (Measurement, error) {
	if err := checkRouteUse(r, prefix); err != nil {
		return Measurement{}, err
	}
	if len(r.Costs) > maxLines {
		return Measurement{}, inputError(prefix+".costs", len(r.Costs), "hold at most 1000 lines")
	}
	if cur.IsZero() {
		return Measurement{}, inputError("currency", "", "be set")
	}
	d, _ := Recognise(r)
	if err := checkDates(r, d.Class, prefix); err != nil {
		return Measurement{}, err
	}
	m := Measurement{Decision: d, Lines: make([]LineResult, len(r.Costs)), Trail: make(valuation.Trail, 0, len(r.Costs)+1)}
	var capd, exp int64
	for i, line := range r.Costs {
		field := fmt.Sprintf("%s.costs[%d]", prefix, i)
		units, err := checkAmount(field+".amount", line.Amount, cur)
		if err != nil {
			return Measurement{}, err
		}
		info, ok := kinds[line.Kind]
		if !ok {
			return Measurement{}, inputError(field+".kind", line.Kind, "be a known cost kind, e.g. \"purchase-price\" or \"cleansing\"")
		}
		if line.Kind == AgreedValue && r.Route != OtherWay {
			return Measurement{}, inputError(field+".kind", line.Kind, `be used with route "other" only`)
		}
		if line.Date.IsZero() {
			return Measurement{}, inputError(field+".date", "", "be set")
		}
		res := treat(r, d.Class, line, info)
		res.Line = line
		m.Lines[i] = res
		name := info.en + " " + info.zh
		if line.Description != "" {
			name += " — " + line.Description
		}
		if res.Capitalised {
			capd += units
			name = "capitalise " + name
		} else {
			exp += units
			name = "expense " + name
		}
		m.Trail = append(m.Trail, valuation.Step{Name: name,
			Inputs: []valuation.StepInput{{Name: "amount", Amount: line.Amount}, {Name: "date", Text: line.Date.String()}, {Name: "rule", Text: res.Rule}},
			Value:  assay.MoneyFromMinor(capd, cur), Source: res.Source})
	}
	m.Capitalised, m.Expensed = assay.MoneyFromMinor(capd, cur), assay.MoneyFromMinor(exp, cur)
	if capd > maxMinor {
		return Measurement{}, inputError(prefix+".costs", m.Capitalised, "capitalise at most 10^13 minor units")
	}
	m.Trail = append(m.Trail, valuation.Step{Name: "capitalised cost (" + string(d.Class) + ")",
		Inputs: []valuation.StepInput{{Name: "expensed", Amount: m.Expensed}}, Value: m.Capitalised,
		Source: d.Reason + " (" + strings.Join(d.Articles, "; ") + ")"})
	return m, nil
}

// treat applies the rules of Measure to one line.
func treat(r Resource, class Class, line CostLine, info kindInfo) LineResult {
	expense := func(rule, source string) LineResult { return LineResult{Rule: rule, Source: source} }
	capitalise := func(add Addition, rule, source string) LineResult {
		return LineResult{Capitalised: true, Addition: add, Rule: rule, Source: source}
	}
	switch {
	case class == Expensed:
		return expense("the resource is not recognised as an asset", art11Scope)
	case info.group == gExcluded:
		return expense("never part of cost: storage, abnormal losses, administration and selling costs", cas1Excluded+"; CAS 6 application guide")
	case info.group == gResearch:
		return expense("research-phase expenditure is expensed as incurred", cas6Research+"; "+art11Developed)
	case line.Date.Before(effective):
		return expense("incurred before 2024-01-01 and expensed then; not re-capitalised (prospective application)", art11Prospect)
	case line.Date.After(r.Ready):
		if class == Inventory {
			return expense("incurred after the item was ready for sale: not a cost of bringing it to its present condition", cas1Excluded+"(三)")
		}
		return expense("incurred after the resource was ready for its intended use", cas6DevCost+"; CAS 6 application guide")
	}
	if class == Inventory {
		switch info.group {
		case gPurchase, gService:
			return capitalise(AddPurchase, "purchase cost of inventory", art11Inventory+"; "+cas1Purchase)
		case gProcessing, gDevelopment:
			return capitalise(AddProcessing, "processing (conversion) cost of inventory", art11Inventory+"; "+cas1Conversion)
		case gContributed:
			return capitalise(AddOther, "agreed value of contributed inventory", cas1Other)
		}
	}
	switch r.Route {
	case Developed:
		if line.Date.Before(r.DevelopmentFrom) {
			return expense("incurred before the development conditions were met; expensed and not re-capitalised", cas6DevCost+"; "+cas6Research)
		}
		return capitalise(AddDevelopment, "development-phase expenditure after the CAS 6 art. 9 conditions were met", cas6Develop+"; "+cas6DevCost+"; "+art11Developed)
	case OtherWay:
		if info.group == gContributed {
			return capitalise(AddOther, "agreed value of a contributed intangible", cas6Contributed)
		}
	}
	add := AddPurchase
	if r.Route == OtherWay {
		add = AddOther
	}
	switch {
	case info.group == gPurchase && line.Kind != Insurance:
		return capitalise(add, "purchase price and related taxes", cas6Purchased+"; "+art11Purchased)
	case info.group == gProcessing && line.Kind != Collection:
		return capitalise(add, "processing directly attributable to making the data ready for use", art11Purchased)
	case info.group == gService:
		return capitalise(add, "rights confirmation, quality assessment, registration and security fees", art11Purchased)
	}
	return expense("not among the costs of a purchased data resource; expensed according to its use", art11Purchased)
}

// checkDates checks the dates of r that Measure and the ledger rely on.
func checkDates(r Resource, class Class, field string) error {
	if class == Expensed {
		return nil
	}
	if r.Ready.IsZero() {
		return inputError(field+".ready", "", "be set for a recognised resource")
	}
	if class == Intangible && r.Route == Developed {
		switch {
		case r.DevelopmentFrom.IsZero():
			return inputError(field+".developmentFrom", "", "be set for an internally developed intangible (CAS 6 art. 13)")
		case r.DevelopmentFrom.After(r.Ready):
			return inputError(field+".developmentFrom", r.DevelopmentFrom, "be on or before ready, "+r.Ready.String())
		}
	}
	return nil
}

// checkAmount returns m in minor units if it is in currency cur, non-negative, a whole number
// of minor units and at most 10¹³ of them.
func checkAmount(field string, m assay.Money, cur assay.Currency) (int64, error) {
	if m.IsZero() && m.Currency().IsZero() {
		return 0, nil
	}
	switch {
	case m.Currency() != cur:
		return 0, inputError(field, m, "be in the book's currency "+cur.Code())
	case m.IsNegative():
		return 0, inputError(field, m, "not be negative")
	}
	units, err := m.MinorUnits()
	if err != nil || units > maxMinor {
		return 0, inputError(field, m, "be a whole number of minor units, at most 10^13 of them")
	}
	return units, nil
}
