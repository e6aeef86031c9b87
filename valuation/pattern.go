package valuation

import (
	"math"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/rounding"
)

// chargePattern is the shape of a method over the life, in whole-number weights: slot k (an asset
// year or, for Decay, an asset month) carries weight w[k], spread evenly over its slotLen
// calendar units. cum(age) is the weight consumed by age, from 0 to den. The charge between
// two ages is the depreciable amount × Δcum/den, computed exactly in 128-bit integers.
//
// Straight line, sum-of-years'-digits and units of production have exact integer weights
// (1; L − k + 1; the usage forecast). Declining balance and decay are float models: their
// weights are computed in float64 and scaled to integers summing to about 2⁴⁰ — the one
// documented rounding step where a float model crosses into money (a relative error below
// 1e-12: under a hundredth of a minor unit for any cost below 10¹⁰ minor units).
type chargePattern struct {
	slotLen int64
	w       []uint64
	prefix  []uint64 // prefix[k] = w[0] + … + w[k−1]
	den     uint64   // prefix[len(w)] × slotLen
}

const floatWeightScale = 1 << 40

func newChargePattern(slotLen int64, w []uint64) chargePattern {
	p := chargePattern{slotLen: slotLen, w: w, prefix: make([]uint64, len(w)+1)}
	for k, x := range w {
		p.prefix[k+1] = p.prefix[k] + x
	}
	p.den = p.prefix[len(w)] * uint64(slotLen)
	return p
}

// floatChargePattern scales float weights to integers.
func floatChargePattern(slotLen int64, w []float64) chargePattern {
	var total float64
	for _, x := range w {
		total += x
	}
	iw := make([]uint64, len(w))
	for k, x := range w {
		iw[k] = uint64(math.Round(x / total * floatWeightScale))
	}
	return newChargePattern(slotLen, iw)
}

// cum returns the weight consumed by age (in calendar units from the start of depreciation).
func (p chargePattern) cum(age int64) uint64 {
	if age <= 0 {
		return 0
	}
	k := age / p.slotLen
	if k >= int64(len(p.w)) {
		return p.den
	}
	return p.prefix[k]*uint64(p.slotLen) + p.w[k]*uint64(age-k*p.slotLen)
}

// mulDivRound returns a·num/den rounded to an integer by mode, for 0 ≤ a, num ≤ den, den > 0,
// exactly: the product is formed in 128 bits (internal/rounding).
func mulDivRound(a int64, num, den uint64, mode assay.RoundingMode) int64 {
	q, _ := rounding.MulDiv(uint64(a), num, den, false, rounding.Mode(mode)) // ≤ a: fits
	return int64(q)
}
