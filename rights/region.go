package rights

import "strings"

// normRegion maps the ISO 3166-2:CN codes of Hong Kong, Macao and Taiwan to their ISO 3166-1
// codes, so that "CN-HK" and "HK" name the same place and neither is within "CN".
func normRegion(r string) string {
	switch r {
	case "CN-HK":
		return "HK"
	case "CN-MO":
		return "MO"
	case "CN-TW":
		return "TW"
	}
	return r
}

// regionWithin reports whether region r lies within region p: equal codes, or a subdivision
// of a country ("CN-GD" within "CN"). "CN" means the mainland: Hong Kong, Macao and Taiwan
// are separate customs and data-export territories under PRC law (the CAC Provisions of
// 2024 treat providing data to them as export), so none of them is within "CN".
func regionWithin(r, p string) bool {
	r, p = normRegion(r), normRegion(p)
	return r == p || len(r) > len(p) && r[len(p)] == '-' && strings.HasPrefix(r, p)
}

// regionsOverlap reports whether some place lies within both regions.
func regionsOverlap(a, b string) bool { return regionWithin(a, b) || regionWithin(b, a) }

// Mainland reports whether an ISO 3166 region code lies in mainland China: "CN" or one of
// its subdivisions other than Hong Kong, Macao and Taiwan. Data that moves from a mainland
// region to any other leaves the mainland in the sense of the CAC Provisions of 2024.
func Mainland(region string) bool { return regionWithin(region, "CN") }
