package accounting

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dataassay/assay"
)

// Table is one exportable table: a stable machine Name ("intangible-2025"), a caption and
// column captions in Chinese and English, and rows of text cells. Amounts are plain decimals
// in the ledger's currency with its minor-unit digits ("1500000.00"); the caption names the
// currency. A Table is a plain value, safe to share.
type Table struct {
	Name    string     `json:"name"`
	Caption Caption    `json:"caption"`
	Columns []Caption  `json:"columns"`
	Rows    [][]string `json:"rows"`
}

// Header returns the column captions as "中文 English".
func (t Table) Header() []string {
	h := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		h[i] = c.String()
	}
	return h
}

// WriteCSV writes the table as RFC 4180 CSV: the header row of bilingual column captions,
// then the rows. One table per file, as spreadsheets import it.
func (t Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header()); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// Tables renders the ledger for export, in this order: "recognition" (the decisions),
// "measurement" (every cost line and its rule), "ledger" (each resource's carrying amount year
// by year), "balance-sheet" (the "of which: data resources" lines of 财会〔2023〕11号 三(一) at
// each year end), "journal" (every entry), for each year "intangible-YYYY", "inventory-YYYY"
// (the roll-forwards of 三(二)) and "development-YYYY" (development expenditure not yet ready),
// and "disclosures" (the qualitative disclosures of 三(二) and 三(三)).
func (l *Ledger) Tables() []Table {
	cur := l.Currency.Code()
	amt := func(m assay.Money) string {
		if m.Currency().IsZero() {
			return assay.MoneyFromMinor(0, l.Currency).Amount().StringFixed(int32(l.Currency.Digits()))
		}
		return m.Amount().StringFixed(int32(m.Currency().Digits()))
	}
	in := func(zh, en string) Caption { return Caption{zh + "（" + cur + "）", en + " (" + cur + ")"} }
	c := func(zh, en string) Caption { return Caption{zh, en} }

	rec := Table{Name: "recognition", Caption: c("数据资源确认", "Recognition of data resources"),
		Columns: []Caption{c("编号", "ID"), c("名称", "Name"), c("形成方式", "Route"), c("持有目的", "Use"), c("分类", "Class"),
			in("资本化金额", "Capitalised"), in("费用化金额", "Expensed"), c("理由", "Reason"), c("依据", "Articles")}}
	meas := Table{Name: "measurement", Caption: c("初始计量", "Initial measurement by cost line"),
		Columns: []Caption{c("编号", "ID"), c("成本项目", "Cost kind"), c("说明", "Description"), c("日期", "Date"), in("金额", "Amount"),
			c("处理", "Treatment"), c("列示行", "Row"), c("规则", "Rule"), c("依据", "Source")}}
	disc := Table{Name: "disclosures", Caption: c("数据资源定性披露", "Qualitative disclosures"),
		Columns: []Caption{c("编号", "ID"), c("分类", "Class"), c("应用场景", "Application scenario"), c("数据来源", "Source"),
			c("权属状况", "Rights status"), c("权利限制", "Restrictions"), c("使用寿命", "Useful life"), c("摊销方法", "Method"),
			c("寿命确定依据", "Basis of the life"), c("重大判断", "Significant judgements")}}
	for _, r := range l.Resources {
		m := r.Measurement
		rec.Rows = append(rec.Rows, []string{r.ID, r.Name, string(r.Route), string(r.Use), string(m.Decision.Class),
			amt(m.Capitalised), amt(m.Expensed), m.Decision.Reason, strings.Join(m.Decision.Articles, "; ")})
		for _, lr := range m.Lines {
			treat := "expensed 费用化"
			if lr.Capitalised {
				treat = "capitalised 资本化"
			}
			meas.Rows = append(meas.Rows, []string{r.ID, lr.Line.Kind.Caption().String(), lr.Line.Description, lr.Line.Date.String(),
				amt(lr.Line.Amount), treat, string(lr.Addition), lr.Rule, lr.Source})
		}
		life, method := "", ""
		switch {
		case m.Decision.Class != Intangible:
		case r.Life.Indefinite:
			life, method = "indefinite 使用寿命不确定", "not amortised; tested for impairment annually 不摊销，每年减值测试"
		default:
			life, method = strconv.Itoa(r.Life.Years)+" years 年", r.Life.Method.String()
		}
		judgements := append([]string{"recognition: " + m.Decision.Reason}, r.Disclosure.Judgements...)
		d := r.Disclosure
		disc.Rows = append(disc.Rows, []string{r.ID, string(m.Decision.Class), d.Scenario, d.Source, d.RightsStatus, d.Restrictions,
			life, method, r.Life.Basis, strings.Join(judgements, " | ")})
	}
	ledger := Table{Name: "ledger", Caption: c("数据资源账面价值变动（逐年）", "Carrying amounts year by year"),
		Columns: []Caption{c("年度", "Year"), c("编号", "ID"), c("分类", "Class"), in("期初", "Opening"), in("增加", "Additions"),
			in("摊销", "Amortisation"), in("减值/跌价", "Impairment"), in("转回", "Reversals"), in("处置", "Disposals"),
			in("转入转出净额", "Transfers"), in("期末", "Closing"), in("损益影响", "Profit or loss")}}
	bs := Table{Name: "balance-sheet", Caption: c("资产负债表列示（年末）", "Balance-sheet lines at each year end"),
		Columns: []Caption{c("年度", "Year"), in("存货：其中：数据资源", "Inventories: of which data resources"),
			in("无形资产：其中：数据资源", "Intangible assets: of which data resources"), in("开发支出：其中：数据资源", "Development expenditure: of which data resources")}}
	var rolls []Table
	for _, y := range l.Years {
		total := func(rf RollForward, line Line) string { r, _ := rf.Row(line); return amt(r.Total) }
		bs.Rows = append(bs.Rows, []string{strconv.Itoa(y.Year), total(y.Inventory, CarryingClosing),
			total(y.Intangible, CarryingClosing), total(y.Development, DevClosing)})
		for _, ry := range y.Resources {
			ledger.Rows = append(ledger.Rows, []string{strconv.Itoa(ry.Year), ry.Resource, string(ry.Class), amt(ry.Opening), amt(ry.Additions),
				amt(ry.Amortisation), amt(ry.Impairment), amt(ry.Reversals), amt(ry.Disposals), amt(ry.Transfers), amt(ry.Closing), amt(ry.ProfitOrLoss)})
		}
		for _, rf := range []RollForward{y.Intangible, y.Inventory, y.Development} {
			zh, en := "确认为无形资产的数据资源", "Data resources recognised as intangible assets"
			switch rf.Class {
			case Inventory:
				zh, en = "确认为存货的数据资源", "Data resources recognised as inventory"
			case DevelopmentExpenditure:
				zh, en = "数据资源开发支出", "Development expenditure on data resources"
			}
			routes := routeCaptions[rf.Class]
			t := Table{Name: fmt.Sprintf("%s-%d", rf.Class, rf.Year),
				Caption: c(fmt.Sprintf("%s %d 年度（%s）", zh, rf.Year, cur), fmt.Sprintf("%s, %d (%s)", en, rf.Year, cur)),
				Columns: []Caption{c("项目", "Item"), routes[0], routes[1], routes[2], c("合计", "Total")}}
			for _, row := range rf.Rows {
				t.Rows = append(t.Rows, []string{row.Caption.String(), amt(row.Purchased), amt(row.Developed), amt(row.Other), amt(row.Total)})
			}
			rolls = append(rolls, t)
		}
	}
	journal := Table{Name: "journal", Caption: c("会计分录", "Journal"),
		Columns: []Caption{c("日期", "Date"), c("编号", "ID"), c("事项", "Entry"), c("分类", "Class"), in("金额", "Amount"),
			in("账面价值变动", "Carrying change"), in("损益影响", "Profit or loss"), c("说明", "Detail"), c("依据", "Source")}}
	for _, e := range l.Entries {
		journal.Rows = append(journal.Rows, []string{e.Date.String(), e.Resource, string(e.Kind), string(e.Class), amt(e.Amount),
			amt(e.CarryingChange), amt(e.ProfitOrLoss), e.Detail, e.Source})
	}
	out := []Table{rec, meas, ledger, bs, journal}
	out = append(out, rolls...)
	return append(out, disc)
}
