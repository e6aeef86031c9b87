package jobs

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay/distribution"
)

// TestCoverageValues checks the closed forms of the coverage game's Shapley and Banzhaf
// values against the library's exact enumeration over every coalition, on random games.
func TestCoverageValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 4))
	for trial := range 30 {
		n, items := 1+rng.IntN(9), 1+rng.IntN(6)
		g := CoverageGame{Items: make([]CoverageItem, items), Coverage: make([][]float64, n)}
		for d := range g.Items {
			g.Items[d].Weight = rng.Float64() * 10
		}
		for i := range g.Coverage {
			g.Coverage[i] = make([]float64, items)
			for d := range g.Coverage[i] {
				switch rng.IntN(4) {
				case 0: // leave 0: a player that does not cover the item
				case 1:
					g.Coverage[i][d] = 1
				default:
					g.Coverage[i][d] = rng.Float64()
				}
			}
		}
		phi, bz := g.values()
		wantPhi, err := distribution.Shapley(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		wantBz, err := distribution.Banzhaf(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if math.Abs(phi[i]-wantPhi[i]) > 1e-9*(1+math.Abs(wantPhi[i])) || math.Abs(bz[i]-wantBz[i]) > 1e-9*(1+math.Abs(wantBz[i])) {
				t.Errorf("trial %d (n %d): player %d Shapley %v Banzhaf %v, enumeration %v %v", trial, n, i, phi[i], bz[i], wantPhi[i], wantBz[i])
			}
		}
	}
}
