package accounting

import (
	"github.com/dataassay/assay"
)

// Line is a row of a roll-forward: a balance (…-opening, …-closing) or a movement.
type Line string

// The rows of the roll-forwards that 财会〔2023〕11号 三(二)1 (intangible data resources) and
// 三(二)2 (data resources recognised as inventory) prescribe, in the Ministry's order. The
// intangible table has cost, accumulated amortisation and impairment provision sections; the
// inventory table cost and write-down allowance (存货跌价准备) sections; both end with the
// carrying amounts.
const (
	CostOpening        Line = "cost-opening"         // 账面原值 期初余额
	CostPurchase       Line = "cost-purchase"        // 本期增加: 购入
	CostDevelopment    Line = "cost-development"     // 本期增加: 内部研发 (intangible)
	CostProcessing     Line = "cost-processing"      // 本期增加: 采集加工 (inventory)
	CostOtherIncrease  Line = "cost-other-increase"  // 本期增加: 其他增加
	CostDisposal       Line = "cost-disposal"        // 本期减少: 处置 / 出售
	CostDerecognition  Line = "cost-derecognition"   // 本期减少: 失效且终止确认
	CostOtherDecrease  Line = "cost-other-decrease"  // 本期减少: 其他减少
	CostClosing        Line = "cost-closing"         // 期末余额
	AmortOpening       Line = "amort-opening"        // 累计摊销 期初余额
	AmortCharge        Line = "amort-charge"         // 本期增加: 计提
	AmortDisposal      Line = "amort-disposal"       // 本期减少: 处置
	AmortDerecognition Line = "amort-derecognition"  // 本期减少: 失效且终止确认
	AmortOtherDecrease Line = "amort-other-decrease" // 本期减少: 其他减少
	AmortClosing       Line = "amort-closing"        // 期末余额
	ProvOpening        Line = "prov-opening"         // 减值准备 / 存货跌价准备 期初余额
	ProvCharge         Line = "prov-charge"          // 本期增加: 计提
	ProvReversal       Line = "prov-reversal"        // 本期减少: 转回 (inventory only)
	ProvDisposal       Line = "prov-disposal"        // 本期减少: 处置 (intangible) / 转销 (inventory)
	ProvDerecognition  Line = "prov-derecognition"   // 本期减少: 失效且终止确认 (intangible)
	ProvOtherDecrease  Line = "prov-other-decrease"  // 本期减少: 其他减少 (intangible)
	ProvClosing        Line = "prov-closing"         // 期末余额
	CarryingClosing    Line = "carrying-closing"     // 账面价值 期末
	CarryingOpening    Line = "carrying-opening"     // 账面价值 期初
	// The development-expenditure roll-forward (开发支出——数据资源): capitalised development
	// costs in, transferred to intangible assets when the resource is ready.
	DevOpening     Line = "dev-opening"     // 期初余额
	DevExpenditure Line = "dev-expenditure" // 本期增加: 开发支出
	DevTransferred Line = "dev-transferred" // 本期减少: 确认为无形资产
	DevClosing     Line = "dev-closing"     // 期末余额
)

// Caption is a Chinese and an English caption.
type Caption struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// String returns "ZH EN".
func (c Caption) String() string { return c.ZH + " " + c.EN }

type lineSpec struct {
	line    Line
	caption Caption
}

var intangibleLines = []lineSpec{
	{CostOpening, Caption{"一、账面原值 期初余额", "I. Original cost, opening"}},
	{CostPurchase, Caption{"本期增加：购入", "Increase: purchased"}},
	{CostDevelopment, Caption{"本期增加：内部研发", "Increase: internal development"}},
	{CostOtherIncrease, Caption{"本期增加：其他增加", "Increase: other"}},
	{CostDisposal, Caption{"本期减少：处置", "Decrease: disposal"}},
	{CostDerecognition, Caption{"本期减少：失效且终止确认", "Decrease: lapsed and derecognised"}},
	{CostOtherDecrease, Caption{"本期减少：其他减少", "Decrease: other"}},
	{CostClosing, Caption{"账面原值 期末余额", "Original cost, closing"}},
	{AmortOpening, Caption{"二、累计摊销 期初余额", "II. Accumulated amortisation, opening"}},
	{AmortCharge, Caption{"本期增加：计提", "Increase: charge for the year"}},
	{AmortDisposal, Caption{"本期减少：处置", "Decrease: disposal"}},
	{AmortDerecognition, Caption{"本期减少：失效且终止确认", "Decrease: lapsed and derecognised"}},
	{AmortOtherDecrease, Caption{"本期减少：其他减少", "Decrease: other"}},
	{AmortClosing, Caption{"累计摊销 期末余额", "Accumulated amortisation, closing"}},
	{ProvOpening, Caption{"三、减值准备 期初余额", "III. Impairment provision, opening"}},
	{ProvCharge, Caption{"本期增加：计提", "Increase: impairment loss"}},
	{ProvDisposal, Caption{"本期减少：处置", "Decrease: disposal"}},
	{ProvDerecognition, Caption{"本期减少：失效且终止确认", "Decrease: lapsed and derecognised"}},
	{ProvOtherDecrease, Caption{"本期减少：其他减少", "Decrease: other"}},
	{ProvClosing, Caption{"减值准备 期末余额", "Impairment provision, closing"}},
	{CarryingClosing, Caption{"四、账面价值 期末", "IV. Carrying amount, closing"}},
	{CarryingOpening, Caption{"账面价值 期初", "Carrying amount, opening"}},
}

var inventoryLines = []lineSpec{
	{CostOpening, Caption{"一、账面原值 期初余额", "I. Original cost, opening"}},
	{CostPurchase, Caption{"本期增加：购入", "Increase: purchased"}},
	{CostProcessing, Caption{"本期增加：采集加工", "Increase: collection and processing"}},
	{CostOtherIncrease, Caption{"本期增加：其他增加", "Increase: other"}},
	{CostDisposal, Caption{"本期减少：出售", "Decrease: sold"}},
	{CostDerecognition, Caption{"本期减少：失效且终止确认", "Decrease: lapsed and derecognised"}},
	{CostOtherDecrease, Caption{"本期减少：其他减少", "Decrease: other"}},
	{CostClosing, Caption{"账面原值 期末余额", "Original cost, closing"}},
	{ProvOpening, Caption{"二、存货跌价准备 期初余额", "II. Write-down allowance, opening"}},
	{ProvCharge, Caption{"本期增加：计提", "Increase: write-down"}},
	{ProvReversal, Caption{"本期减少：转回", "Decrease: reversed"}},
	{ProvDisposal, Caption{"本期减少：转销", "Decrease: written off with the item"}},
	{ProvClosing, Caption{"存货跌价准备 期末余额", "Write-down allowance, closing"}},
	{CarryingClosing, Caption{"三、账面价值 期末", "III. Carrying amount, closing"}},
	{CarryingOpening, Caption{"账面价值 期初", "Carrying amount, opening"}},
}

var developmentLines = []lineSpec{
	{DevOpening, Caption{"开发支出——数据资源 期初余额", "Development expenditure, opening"}},
	{DevExpenditure, Caption{"本期增加：资本化的开发支出", "Increase: capitalised development expenditure"}},
	{DevTransferred, Caption{"本期减少：确认为无形资产", "Decrease: recognised as intangible assets"}},
	{DevClosing, Caption{"开发支出——数据资源 期末余额", "Development expenditure, closing"}},
}

// routeCaptions are the columns: 财会〔2023〕11号 三(二) splits intangibles into 外购 / 自行开发 /
// 其他方式取得 and inventory into 外购 / 自行加工 / 其他方式取得.
var routeCaptions = map[Class][3]Caption{
	Intangible:             {{"外购的数据资源无形资产", "Purchased"}, {"自行开发的数据资源无形资产", "Internally developed"}, {"其他方式取得的数据资源无形资产", "Other"}},
	Inventory:              {{"外购的数据资源存货", "Purchased"}, {"自行加工的数据资源存货", "Internally processed"}, {"其他方式取得的数据资源存货", "Other"}},
	DevelopmentExpenditure: {{"外购", "Purchased"}, {"自行开发", "Internally developed"}, {"其他方式", "Other"}},
}

// RollForward is one year's note table for one class: each row's amount by route and in
// total. Within each section, opening + increases − decreases = closing, to the fen; the
// carrying amount is cost − accumulated amortisation − provision; opening balances are the
// previous year's closing balances.
type RollForward struct {
	Class Class     `json:"class"`
	Year  int       `json:"year"`
	Rows  []RollRow `json:"rows"`
}

// RollRow is a row of a RollForward.
type RollRow struct {
	Line      Line        `json:"line"`
	Caption   Caption     `json:"caption"`
	Purchased assay.Money `json:"purchased"`
	Developed assay.Money `json:"developed"`
	Other     assay.Money `json:"other"`
	Total     assay.Money `json:"total"`
}

// Row returns the row for line and whether the table has it.
func (r RollForward) Row(line Line) (RollRow, bool) {
	for _, row := range r.Rows {
		if row.Line == line {
			return row, true
		}
	}
	return RollRow{}, false
}

func additionLine(class Class, a Addition) Line {
	switch a {
	case AddDevelopment:
		if class == Inventory {
			return CostProcessing
		}
		return CostDevelopment
	case AddProcessing:
		if class == Intangible {
			return CostDevelopment
		}
		return CostProcessing
	case AddOther:
		return CostOtherIncrease
	}
	return CostPurchase
}

// close records p's balances at the end of year y.
func closingCarrying(p *position) int64 {
	if p.class == Expensed {
		return 0
	}
	return p.carrying()
}

func (rn *run) close(y int, p *position) {
	i := y - rn.from + 1
	acc := &rn.years[i]
	if acc.closing == nil {
		acc.closing = map[Class]*[3][3]int64{Intangible: {}, Inventory: {}, DevelopmentExpenditure: {}}
	}
	if p.class == Intangible || p.class == Inventory {
		c := acc.closing[p.class]
		ri := routeIndex(p.route)
		c[0][ri] += p.cost
		c[1][ri] += p.amort
		c[2][ri] += p.prov
	}
	if dev := p.developmentAt(yearEnd(y)); dev != 0 {
		acc.closing[DevelopmentExpenditure][0][routeIndex(p.route)] += dev
	}
	if i == 0 {
		p.closed = p.carrying()
		if p.class == Expensed {
			p.closed = 0
		}
		return
	}
	defer func() { p.closed = closingCarrying(p) }()
	// The resource's year: the opening is the previous close, the movements the year's
	// journal entries; closing = opening + movements is checked by the tests.
	ry := ResourceYear{Resource: p.id, Year: y}
	if p.class != Expensed {
		ry.Class = p.class
	}
	closing := closingCarrying(p)
	sums := p.sums[y]
	if sums == nil {
		sums = new([sumCount]int64)
	}
	if p.closed == 0 && closing == 0 && *sums == ([sumCount]int64{}) && p.class == Expensed {
		return // nothing on the balance sheet and nothing happened: no row
	}
	m := rn.money
	ry.Opening, ry.Closing = m(p.closed), m(closing)
	ry.Additions, ry.Amortisation, ry.Impairment = m(sums[sumAdd]), m(sums[sumAmort]), m(sums[sumImp])
	ry.Reversals, ry.Disposals, ry.Transfers, ry.ProfitOrLoss = m(sums[sumRev]), m(sums[sumDisp]), m(sums[sumTransfer]), m(sums[sumPL])
	acc.resources = append(acc.resources, ry)
}

// report assembles the years from the postings and the closing balances.
func (rn *run) report() []Year {
	years := make([]Year, 0, rn.to-rn.from+1)
	for i := 1; i < len(rn.years); i++ {
		y := rn.from + i - 1
		years = append(years, Year{Year: y,
			Intangible:  rn.table(Intangible, y, intangibleLines, &rn.years[i-1], &rn.years[i]),
			Inventory:   rn.table(Inventory, y, inventoryLines, &rn.years[i-1], &rn.years[i]),
			Development: rn.table(DevelopmentExpenditure, y, developmentLines, &rn.years[i-1], &rn.years[i]),
			Resources:   rn.years[i].resources})
	}
	return years
}

func (rn *run) table(class Class, y int, spec []lineSpec, prev, cur *yearAcc) RollForward {
	bal := func(a *yearAcc, section int) [3]int64 {
		if a.closing == nil {
			return [3]int64{}
		}
		return a.closing[class][section]
	}
	section := map[Line]int{AmortOpening: 1, AmortClosing: 1, ProvOpening: 2, ProvClosing: 2}
	rf := RollForward{Class: class, Year: y, Rows: make([]RollRow, len(spec))}
	for k, s := range spec {
		var v [3]int64
		switch s.line {
		case CostOpening, AmortOpening, ProvOpening, DevOpening:
			v = bal(prev, section[s.line])
		case CostClosing, AmortClosing, ProvClosing, DevClosing:
			v = bal(cur, section[s.line])
		case CarryingOpening, CarryingClosing:
			a := cur
			if s.line == CarryingOpening {
				a = prev
			}
			c, am, pr := bal(a, 0), bal(a, 1), bal(a, 2)
			for j := range v {
				v[j] = c[j] - am[j] - pr[j]
			}
		default:
			if cur.moves != nil && cur.moves[class][s.line] != nil {
				v = *cur.moves[class][s.line]
			}
		}
		m := rn.money
		rf.Rows[k] = RollRow{Line: s.line, Caption: s.caption, Purchased: m(v[0]), Developed: m(v[1]), Other: m(v[2]), Total: m(v[0] + v[1] + v[2])}
	}
	return rf
}
