// Package accounting puts data resources on the balance sheet (数据资产入表) under the Ministry
// of Finance's 《企业数据资源相关会计处理暂行规定》 (财会〔2023〕11号, issued 2023-08-01, in
// force from 2024-01-01, applied prospectively) and the standards it points to: CAS 6
// 《企业会计准则第6号——无形资产》, CAS 1 《企业会计准则第1号——存货》 and CAS 8
// 《企业会计准则第8号——资产减值》.
//
// # A tour
//
// A Book lists a company's data resources. Each Resource names its acquisition route
// (purchased, internally developed, other), its intended use (own use, licensing to others,
// sale), the judgements recognition needs (Criteria — explicit inputs, never guessed), its cost
// lines by kind, its useful life and its events (impairment tests, net-realisable-value tests,
// write-downs, disposals, transfers).
//
//   - Recognise classifies a resource as an intangible asset (CAS 6), an inventory item (CAS 1)
//     or an expense, with the reason and the articles it rests on.
//   - Measure splits its cost lines into capitalised cost and expense by the route's rules,
//     each line traced to its rule in a valuation.Trail.
//   - NewLedger runs the book over its fiscal years: amortisation through valuation's
//     schedules, CAS 8 impairment with recoverable amount = max(fair value less costs of
//     disposal, present value of future cash flows by valuation.Income), never reversed;
//     inventory at the lower of cost and net realisable value with permitted reversal; disposal,
//     derecognition and transfers between classes; development costs wait in development
//     expenditure until the resource is ready. It returns the journal of entries and, for
//     each year, the note roll-forwards 财会〔2023〕11号 三(二) prescribes, which reconcile to the
//     fen: opening + movements = closing.
//   - Ledger.Tables renders the recognition decisions, the measurement, the year-by-year ledger,
//     the roll-forwards and the qualitative disclosures as tables with Chinese and English
//     captions, for JSON and CSV export.
//
// # Sources
//
// The provisions are cited by part: 一 scope; 二(一) data resources used by the enterprise
// (intangible assets; 二(一)2 the cost of purchased ones, 二(一)3 internal research and
// development, 二(一)4 useful life); 二(二) data resources held for sale (inventory); 三(二)
// disclosure, 三(三) voluntary disclosure; 四 effective date and prospective application. Texts
// read: the Ministry's notice as reproduced at bjzydata.com/news/180 and jianbiaoku.com, and the
// Ministry's training of 2023-11-27. The CAS articles are those of the 2006 standards.
//
// # Money and concurrency
//
// Every amount is an assay.Money in the book's currency, a whole number of minor units; the
// ledger computes in minor units (int64), so every total is exact. All values are immutable
// after construction and safe for concurrent use; NewLedger does not modify the Book.
package accounting
