package main

import (
	"context"
	"os"
	"strings"
)

// assayExample runs the command as a shell would, printing stdout (and stderr, to see
// failures in the example's output).
func assayExample(stdin string, args ...string) {
	run(context.Background(), args, strings.NewReader(stdin), os.Stdout, os.Stdout)
}

// The valuation of the sample case: the reconciled value lies between the three approaches
// (rounded to the case's unit of 10,000), and its range spans the Monte Carlo P5–P95 of the
// income approach.
func Example_value() {
	assayExample("", "value", "-in", "../../examples/data/value.json", "-format", "csv", "-table", "conclusion")
	// Output:
	// approach,value,value currency,low,low currency,high,high currency,weight
	// cost,7718049.18,CNY,7718049.18,CNY,7718049.18,CNY,0.2
	// income,8643336.68,CNY,5899681.42,CNY,9907080.24,CNY,0.5
	// market,8159241.12,CNY,7961760.00,CNY,8465184.00,CNY,0.3
	// reconciled,8310000.00,CNY,5900000.00,CNY,9910000.00,CNY,1
}

// Straight line charges 11.4 M / 5 = 2.28 M a year from 2024-07-01, so book value falls
// below 6 M after 6 M / 2.28 M ≈ 2.63 years: in February 2027.
func Example_schedule() {
	assayExample("", "schedule", "-in", "../../examples/data/schedule.json", "-format", "csv", "-table", "thresholds")
	// Output:
	// method,share of cost,amount,amount currency,first day
	// straight-line,0.5,6000000.00,CNY,2027-02-17
	// straight-line,0.1,1200000.00,CNY,2029-03-27
	// "declining balance ×2, switch to SL",0.5,6000000.00,CNY,2025-12-01
	// "declining balance ×2, switch to SL",0.1,1200000.00,CNY,2028-11-14
	// sum-of-years-digits,0.5,6000000.00,CNY,2026-03-22
	// sum-of-years-digits,0.1,1200000.00,CNY,2028-09-16
	// "decay, half-life 2 y",0.5,6000000.00,CNY,2026-02-19
	// "decay, half-life 2 y",0.1,1200000.00,CNY,2028-11-13
}

// 1,200,000 calls on the graduated plan: 95 × 8 + 900 × 4 + 200 × 2 = 4,760.00 CNY; the
// seller pays 3 % of it (142.80) to the intermediary; the buyer pays 0.5 % (23.80) and 6 %
// VAT on the subtotal plus that fee: 6 % of 4,783.80 = 287.028, rounded half up once as on a
// VAT invoice, 287.03.
func Example_quote() {
	assayExample("", "quote", "-in", "../../examples/data/quote.json", "-format", "csv", "-table", "payouts")
	// Output:
	// buyer,recipient,for,amount,amount currency
	// logistics start-up,seller,sale,4617.20,CNY
	// logistics start-up,exchange,exchange service fee 0.5 %,23.80,CNY
	// logistics start-up,tax authority,VAT 6 %,287.03,CNY
	// logistics start-up,intermediary,intermediary commission 3 %,142.80,CNY
}

// The hourly aggregates are derivable from the raw feed listed below them: a buyer would buy
// the feed instead. The repair lowers them to the feed's price.
func Example_arbitrage() {
	assayExample("", "arbitrage", "-in", "../../examples/data/menu.json", "-format", "csv", "-table", "repaired")
	// Output:
	// item,listed,listed currency,arbitrage-free,arbitrage-free currency
	// daily aggregates,8000.00,CNY,8000.00,CNY
	// hourly aggregates,20000.00,CNY,18000.00,CNY
	// raw 5-minute feed,18000.00,CNY,18000.00,CNY
}

// The MSME's sublicense is for city planning only, so reading for advertising is denied.
func Example_verify() {
	assayExample("", "verify", "-in", "../../examples/data/chain.jsonl", "-query", "../../examples/data/query-denied.json")
	// Output:
	// Rights: may the party do this?
	// ==============================
	// field            value
	// party            46fd95a4
	// action           read
	// purpose          advertising
	// region           CN-GD
	// at               2025-01-10T09:30:00+08:00
	// asset            GZ-BDC-2024-0017
	// events in chain  5
	// answer           denied
	// because          purpose-not-permitted: grant acb3560fb9f1: purpose "advertising" not permitted (allowed: city-planning)
}

// A commercial use asked of a research-only licence is denied.
func Example_odrl() {
	assayExample("", "odrl", "-in", "../../examples/data/odrl.json", "-format", "csv", "-table", "requests")
	// Output:
	// #,action,target,assignee,decision,reason
	// 0,use,https://exchange.example.cn/asset/GZ-BDC-2024-0017,https://exchange.example.cn/party/hk-harbour-analytics,Deny,"no permission is active: permission[0]: purpose is https://w3id.org/dpv#CommercialPurpose, expected isA https://w3id.org/dpv#ResearchAndDevelopment"
}

// 1,280,000.00 by weights 3 : 2 : 2 : 1.5 : 0.5 (of 9): the floors leave 2 fen, which go to the
// largest remainders, 0.67 of the first share and, of the tied 0.44s, the first.
func Example_split() {
	assayExample("", "split", "-in", "../../examples/data/split.json", "-format", "csv")
	// Output:
	// party,weight,amount,amount currency
	// Guangzhou Municipal Big Data Centre,3,426666.67,CNY
	// Bus GPS (public transport group),2,284444.45,CNY
	// Ride-hailing platform,2,284444.44,CNY
	// Navigation app,1.5,213333.33,CNY
	// 停车运营商 (parking operator),0.5,71111.11,CNY
}

// The airport game of Littlechild and Owen (Management Science 20(3), 1973): each runway
// segment's cost is shared equally by the planes that need it, so the Shapley values of
// costs 1, 2, 3 are 1/3, 1/3 + 1/2 and 1/3 + 1/2 + 1. Raw Banzhaf, by hand over the four
// coalitions of the others: (1 + 0 + 0 + 0)/4, (2 + 1 + 0 + 0)/4, (3 + 2 + 1 + 1)/4; normalised
// to sum to v(N) = 3 by the factor 3/2.75.
func Example_shapley() {
	assayExample(`{"players":["small plane","regional jet","wide-body"],"game":{"kind":"airport","costs":[1,2,3]}}`,
		"shapley", "-format", "csv")
	// Output:
	// player,alone,Shapley,Banzhaf,Banzhaf norm.,sampled Shapley,± std. err.
	// small plane,1,0.333333333333,0.25,0.272727272727,,
	// regional jet,2,0.833333333333,0.75,0.818181818182,,
	// wide-body,3,1.83333333333,1.75,1.90909090909,,
}

// Incomes 1, 2, 3, 4: Gini = Σ|xᵢ − xⱼ| / (2n²μ) = 20 / 80 = 0.25; the richest 10 % (0.4 of
// the person with 4) hold 1.6 / 10; the poorest 40 % (1.6 persons) hold (1 + 0.6 × 2) / 10;
// Palma = 0.16 / 0.22. Theil T = ¼ Σ (x/μ) ln(x/μ) with μ = 2.5 is ¼ (−0.36652 − 0.17851 +
// 0.21879 + 0.75201) = 0.10644; the mean log deviation ¼ Σ ln(μ/x) = ¼ (0.91629 + 0.22314 −
// 0.18232 − 0.47000) = 0.12178; Atkinson(½) = 1 − (mean √x)² / μ = 1 − 1.53657² / 2.5 =
// 0.05559. CSV keeps 12 significant digits.
func Example_inequality() {
	assayExample(`{"incomes":[1,2,3,4]}`, "inequality", "-format", "csv", "-table", "measures")
	// Output:
	// measure,value
	// Gini,0.25
	// Theil T,0.106440135286
	// mean log deviation (Theil L),0.121777274287
	// Palma (top 10 % / bottom 40 %),0.727272727273
	// Atkinson (ε = 0.5),0.0555858573695
	// top 10 % share,0.16
	// bottom 40 % share,0.22
}

// The IIT marginal rates above the 60,000 basic deduction levy 459 + 4,280 + 56,080 = 60,819
// on the three incomes above it; 5 % is retained and the rest paid to the five rural and
// elderly contributors; the data dividend pays 10 % of 20 M to all ten.
func Example_redistribute() {
	assayExample("", "redistribute", "-in", "../../examples/data/redistribute.json", "-format", "csv", "-table", "flows")
	// Output:
	// scheme,collected,collected currency,paid as dividends,paid as dividends currency,retained,retained currency,recipients
	// levy and dividend,60819.00,CNY,57778.05,CNY,3040.95,CNY,5
	// data dividend,2000000.00,CNY,2000000.00,CNY,0.00,CNY,10
}
