package assay

// Currency is an ISO 4217 currency: its alphabetic code and the number of digits of its
// minor unit (CNY 2, JPY 0, KWD 3).
//
// The zero Currency is "no currency": its Code is "" and its Digits is 0. Currencies are
// comparable with ==, and usable as map keys. A Currency is a small immutable value.
type Currency struct {
	idx uint8 // 1-based index into currencyTable; 0 = no currency
}

type currencyInfo struct {
	code   string
	digits int
}

// currencyTable lists the active ISO 4217 currencies with a minor unit, sorted by code
// (ISO 4217 list one, as amended through 2024: SLE, VED, ZWG, XCG included). It is read-only.
var currencyTable = [...]currencyInfo{
	{"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2},
	{"ARS", 2}, {"AUD", 2}, {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2},
	{"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BMD", 2}, {"BND", 2},
	{"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2},
	{"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHE", 2}, {"CHF", 2},
	{"CHW", 2}, {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2},
	{"CRC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2},
	{"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2},
	{"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2}, {"GIP", 2},
	{"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
	{"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3},
	{"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2},
	{"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3},
	{"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2},
	{"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2},
	{"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2},
	{"MWK", 2}, {"MXN", 2}, {"MXV", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2},
	{"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3},
	{"PAB", 2}, {"PEN", 2}, {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2},
	{"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"RWF", 0},
	{"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2},
	{"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2},
	{"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2},
	{"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2}, {"TZS", 2},
	{"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0}, {"UYU", 2},
	{"UYW", 4}, {"UZS", 2}, {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0},
	{"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2}, {"XOF", 0}, {"XPF", 0},
	{"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
}

// ParseCurrency returns the ISO 4217 currency with the given alphabetic code. The code must be
// exactly three upper-case ASCII letters; anything else, or a code that is not an active
// ISO 4217 currency with a minor unit, returns a *CurrencyError wrapping ErrInvalidCurrency.
func ParseCurrency(code string) (Currency, error) {
	if len(code) != 3 || !isUpper(code[0]) || !isUpper(code[1]) || !isUpper(code[2]) {
		return Currency{}, &CurrencyError{Code: clip(code, 16), Malformed: true}
	}
	c, ok := lookupCurrency(code)
	if !ok {
		return Currency{}, &CurrencyError{Code: code}
	}
	return c, nil
}

// MustCurrency is like ParseCurrency but panics if the code is invalid. It is meant for
// tests, examples and package-level values built from literals.
func MustCurrency(code string) Currency {
	c, err := ParseCurrency(code)
	if err != nil {
		panic(err)
	}
	return c
}

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

// Code returns the ISO 4217 alphabetic code, e.g. "CNY", or "" for the zero Currency.
func (c Currency) Code() string {
	if c.idx == 0 {
		return ""
	}
	return currencyTable[c.idx-1].code
}

// Digits returns the number of digits of the minor unit: 2 for CNY, HKD, MOP, USD; 0 for JPY
// and KRW; 3 for KWD. The zero Currency has 0 digits.
func (c Currency) Digits() int {
	if c.idx == 0 {
		return 0
	}
	return currencyTable[c.idx-1].digits
}

// IsZero reports whether c is the zero Currency ("no currency").
func (c Currency) IsZero() bool { return c.idx == 0 }

// Equal reports whether c and d are the same currency. It is the same as c == d and exists so
// that go-cmp compares currencies without reaching into unexported fields.
func (c Currency) Equal(d Currency) bool { return c == d }

// String returns the code, or "(no currency)" for the zero Currency.
func (c Currency) String() string { return codeOrNone(c) }

// MarshalText encodes the currency as its code. The zero Currency encodes as "".
func (c Currency) MarshalText() ([]byte, error) { return []byte(c.Code()), nil }

// UnmarshalText decodes a code with ParseCurrency. The empty text decodes to the zero Currency.
func (c *Currency) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = Currency{}
		return nil
	}
	d, err := ParseCurrency(string(text))
	if err != nil {
		return err
	}
	*c = d
	return nil
}
