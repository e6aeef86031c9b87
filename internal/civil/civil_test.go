package civil

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestDay_MatchesTimePackage compares Day with the time package's own day count, an
// independent oracle, over random dates from year -9999 to 9999, in several locations.
func TestDay_MatchesTimePackage(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		sec := rng.Int64N(2*315_537_897_600) - 315_537_897_600 - 62_135_596_800
		for _, loc := range []*time.Location{time.UTC, shanghai} {
			tt := time.Unix(sec, 0).In(loc)
			y, m, d := tt.Date()
			want := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
			if want < 0 && want%86400 != 0 {
				t.Fatalf("oracle not on a day boundary: %d", want)
			}
			if got := Day(tt); got != want/86400 {
				t.Fatalf("Day(%v) = %d, want %d", tt, got, want/86400)
			}
		}
	}
}

func TestFromDate_Examples(t *testing.T) {
	// Excel's serial 45292 is 2024-01-01; serial 25569 is 1970-01-01 (Excel's DATE function),
	// so Day(2024-01-01) = 45292 − 25569 = 19723.
	for _, c := range []struct{ y, m, d, want int64 }{
		{1970, 1, 1, 0}, {2024, 1, 1, 19723}, {2024, 2, 29, 19782}, {1969, 12, 31, -1}, {2000, 3, 1, 11017},
	} {
		if got := FromDate(c.y, c.m, c.d); got != c.want {
			t.Errorf("FromDate(%d-%d-%d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
	}
}
