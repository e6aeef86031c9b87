// Package valuation values data assets and the infrastructure that holds them.
//
// It holds spreadsheet-exact time value of money and depreciation (SLN, SYD, DB, DDB, VDB,
// NPV, XNPV, IRR, MIRR, XIRR with Excel 2010 semantics, in float64), depreciation and
// amortisation schedules in exact money over the 3–10 year lives of data infrastructure,
// data-quality scoring (GB/T 36344-2018), the cost, income and market approaches of the China
// Appraisal Society's data-asset guidance (2023) and IVS 210, reconciliation of approaches, and
// Monte Carlo uncertainty.
package valuation
