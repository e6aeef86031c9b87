package valuation_test

import (
	"fmt"

	"github.com/dataassay/assay/valuation"
)

// A three-year data licence worth CNY 300,000 today, at 5 % a year: the instalment paid at the
// start of each year, its interest and principal parts in year 2, and the rate implied by
// instalments of 110,000 paid at the end of each year.
//
// By hand: the first instalment, paid at once, leaves 300,000 − 104,916.73 = 195,083.27 owed,
// whose year of interest is 9,754.16; the rest of the second instalment, 95,162.57, repays
// principal. The rate solves 110,000·(1 − (1+r)⁻³)/r = 300,000; bisection in Python gives
// 4.921226 %.
func ExamplePMT() {
	pmt, _ := valuation.PMT(0.05, 3, 300000, 0, true)
	ipmt, _ := valuation.IPMT(0.05, 2, 3, 300000, 0, true)
	ppmt, _ := valuation.PPMT(0.05, 2, 3, 300000, 0, true)
	rate, _ := valuation.RATE(3, -110000, 300000, 0, false, 0.1)
	fmt.Printf("instalment %.2f = interest %.2f + principal %.2f\n", pmt, ipmt, ppmt)
	fmt.Printf("implied rate %.4f%%\n", 100*rate)
	// Output:
	// instalment -104916.73 = interest -9754.16 + principal -95162.57
	// implied rate 4.9212%
}
