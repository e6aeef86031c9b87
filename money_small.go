package assay

import (
	"cmp"
	"math"
	"math/bits"
	"strconv"

	"github.com/dataassay/assay/internal/rounding"
)

// The compact representation's arithmetic: coefficients in int64 with a decimal exponent,
// every operation either exact or reported as not fitting (ok false), detected with math/bits
// and never wrapped, so that the caller falls back to decimal.Decimal. The exponents follow
// shopspring/decimal's: a sum takes the smaller exponent, a product the sum of exponents.

func abs64(x int64) uint64 {
	if x < 0 {
		return -uint64(x) // 2^63 for MinInt64
	}
	return uint64(x)
}

// signed returns ±mag as an int64, ok false if it does not fit.
func signed(mag uint64, neg bool) (int64, bool) {
	if neg {
		return -int64(mag), mag <= 1<<63
	}
	return int64(mag), mag <= math.MaxInt64
}

// scaleSmall returns c × 10^k for k ≥ 0, ok false if it does not fit in int64.
func scaleSmall(c int64, k int64) (int64, bool) {
	if c == 0 {
		return 0, true
	}
	p, ok := rounding.Pow10(k)
	if !ok {
		return 0, false
	}
	hi, lo := bits.Mul64(abs64(c), p)
	if hi != 0 {
		return 0, false
	}
	return signed(lo, c < 0)
}

// mulSmall returns a × b, ok false if it does not fit in int64.
func mulSmall(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	if hi != 0 {
		return 0, false
	}
	return signed(lo, (a < 0) != (b < 0))
}

// addSmall returns a×10^ea + b×10^eb as a coefficient at the smaller exponent.
func addSmall(a int64, ea int32, b int64, eb int32) (int64, int32, bool) {
	exp := ea
	switch {
	case ea > eb:
		var ok bool
		if a, ok = scaleSmall(a, int64(ea)-int64(eb)); !ok {
			return 0, 0, false
		}
		exp = eb
	case eb > ea:
		var ok bool
		if b, ok = scaleSmall(b, int64(eb)-int64(ea)); !ok {
			return 0, 0, false
		}
	}
	s := a + b
	if (a^s)&(b^s) < 0 { // both operands' signs differ from the sum's: overflow
		return 0, 0, false
	}
	return s, exp, true
}

// cmpSmall compares a×10^ea with b×10^eb.
func cmpSmall(a int64, ea int32, b int64, eb int32) int {
	if ea != eb {
		// Scale the operand with the larger exponent; if it no longer fits in int64 its
		// magnitude exceeds 2^63 ≥ |other| (a multiple of 10 is never exactly ±2^63), so
		// its sign decides.
		if ea > eb {
			sa, ok := scaleSmall(a, int64(ea)-int64(eb))
			if !ok {
				return cmp.Compare(a, 0)
			}
			a = sa
		} else {
			sb, ok := scaleSmall(b, int64(eb)-int64(ea))
			if !ok {
				return cmp.Compare(0, b)
			}
			b = sb
		}
	}
	return cmp.Compare(a, b)
}

// roundSmall rounds coef × 10^-drop (drop ≥ 1) to an integer by mode: the coefficient of the
// amount rounded drop places up.
func roundSmall(coef int64, drop int64, mode RoundingMode) int64 {
	return rounding.QuoPow10(coef, drop, rounding.Mode(mode))
}

// appendFixed appends the amount with m.places() decimal places, as decimal's StringFixed
// writes it, for a compact amount of modest exponent; ok is false otherwise (the caller then
// formats with decimal.Decimal).
func (m Money) appendFixed(b []byte) ([]byte, bool) {
	if m.big != nil || m.exp > maxAmountLen || m.exp < -maxAmountLen {
		return b, false
	}
	places := int(m.places()) // ≤ max(digits, −exp) ≤ 256
	var buf [20]byte
	ds := strconv.AppendUint(buf[:0], abs64(m.coef), 10)
	if m.coef < 0 {
		b = append(b, '-')
	}
	if m.exp >= 0 {
		b = append(b, ds...)
		if m.coef != 0 {
			b = appendZeros(b, int(m.exp))
		}
		if places > 0 {
			b = appendZeros(append(b, '.'), places)
		}
		return b, true
	}
	k := int(-m.exp) // digits of ds after the point
	if k > places {
		// The last k − places digits are trailing zeros of a non-zero coefficient (places is
		// at least the significant scale), so ds has more digits than that.
		ds, k = ds[:len(ds)-(k-places)], places
	}
	if len(ds) > k {
		b = append(b, ds[:len(ds)-k]...)
		ds = ds[len(ds)-k:]
	} else {
		b = append(b, '0')
	}
	if places > 0 {
		b = append(b, '.')
		b = appendZeros(b, k-len(ds))
		b = append(b, ds...)
		b = appendZeros(b, places-k)
	}
	return b, true
}

func appendZeros(b []byte, n int) []byte {
	for range n {
		b = append(b, '0')
	}
	return b
}

// parseSmall reads the grammar parseAmount accepts, [+-]digits[.digits][(e|E)[+-]digits],
// into coef × 10^exp with the coefficient and exponent decimal.NewFromString gives, when the
// mantissa has at most 18 digits and the exponent lies within ±maxExponent; ok is false for
// anything else, which parseAmount then reads (or rejects) in full.
func parseSmall[T string | []byte](s T) (coef int64, exp int32, ok bool) {
	i, n := 0, len(s)
	if n == 0 || n > maxAmountLen {
		return 0, 0, false
	}
	neg := s[0] == '-'
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	var c uint64 // < 10^18
	digits, frac := 0, 0
	for ; i < n && isDigit(s[i]); i++ {
		c = c*10 + uint64(s[i]-'0')
		digits++
	}
	if i < n && s[i] == '.' {
		i++
		for ; i < n && isDigit(s[i]); i++ {
			c = c*10 + uint64(s[i]-'0')
			digits++
			frac++
		}
	}
	if digits == 0 || digits > 18 {
		return 0, 0, false
	}
	e := -frac
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < n && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		start, x := i, 0
		for ; i < n && isDigit(s[i]) && i-start < 5; i++ {
			x = x*10 + int(s[i]-'0')
		}
		if i == start {
			return 0, 0, false
		}
		if eneg {
			x = -x
		}
		e += x
	}
	if i != n || e > maxExponent || e < -maxExponent {
		return 0, 0, false
	}
	coef = int64(c)
	if neg {
		coef = -coef
	}
	return coef, int32(e), true
}

// lookupCurrency finds an ISO 4217 code in currencyTable by binary search, without
// allocating.
func lookupCurrency[T string | []byte](code T) (Currency, bool) {
	if len(code) != 3 {
		return Currency{}, false
	}
	key := uint32(code[0])<<16 | uint32(code[1])<<8 | uint32(code[2])
	lo, hi := 0, len(currencyTable)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		c := currencyTable[mid].code
		switch k := uint32(c[0])<<16 | uint32(c[1])<<8 | uint32(c[2]); {
		case k == key:
			return Currency{idx: uint8(mid + 1)}, true
		case k < key:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return Currency{}, false
}
