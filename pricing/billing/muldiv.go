package billing

import (
	"math/big"

	"github.com/dataassay/assay"
)

// mulDiv returns a × b / d rounded by mode, computed exactly in big integers (the operands are
// minor units and counts; a rounded result beyond int64 is reported by ok = false).
func mulDiv(a, b, d int64, mode assay.RoundingMode) (int64, bool) {
	num := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	den := big.NewInt(d)
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 {
		twice := new(big.Int).Abs(r)
		twice.Lsh(twice, 1)
		half := twice.Cmp(den) // <0 below half, 0 a tie, >0 above
		away := false
		switch mode {
		case assay.Up:
			away = true
		case assay.Floor:
			away = num.Sign() < 0
		case assay.Ceiling:
			away = num.Sign() > 0
		case assay.HalfUp:
			away = half >= 0
		case assay.HalfDown:
			away = half > 0
		case assay.HalfEven:
			away = half > 0 || (half == 0 && q.Bit(0) == 1)
		}
		if away {
			if num.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return q.Int64(), q.IsInt64()
}
