package distribution

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dataassay/assay"
)

// Two theorems link the claims rules to the cooperative-game values of the bankruptcy game
// (bankruptcyGame, in nucleolus_test.go),
// and so check the two halves of the package against each other on random problems:
// the Talmud rule is the nucleolus (Aumann & Maschler 1985, Theorem A), and the random
// arrival rule is the Shapley value (O'Neill 1982). Awards are rounded to cents, so they may
// differ from the game values by at most one cent. (Trial 18 made gonum's simplex report
// "unbounded", and a later one made it cycle forever, before internal/lpsolve replaced it.)
func TestClaimsRulesAreGameValues(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	ctx := context.Background()
	cny := assay.MustCurrency("CNY")
	for trial := range 300 {
		n := 2 + r.IntN(4)
		claims := make([]assay.Money, n)
		fclaims := make([]float64, n)
		total := int64(0)
		for i := range claims {
			units := 100 + r.Int64N(100_000)
			claims[i] = assay.MoneyFromMinor(units, cny)
			fclaims[i] = float64(units) / 100
			total += units
		}
		estateUnits := 1 + r.Int64N(total)
		estate := assay.MoneyFromMinor(estateUnits, cny)
		g := bankruptcyGame(t, float64(estateUnits)/100, fclaims...)

		nucleolus, err := Nucleolus(ctx, g)
		if err != nil {
			t.Fatalf("trial %d: estate %v, claims %v: %v", trial, estate, claims, err)
		}
		shapley, err := Shapley(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			rule ClaimsRule
			want []float64
		}{{Talmud, nucleolus}, {RandomArrival, shapley}} {
			awards, err := c.rule.Divide(estate, claims)
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range awards {
				got, _ := a.Amount().Float64()
				if math.Abs(got-c.want[i]) > 0.01+1e-9 {
					t.Fatalf("trial %d, %v, estate %v, claims %v: award %d = %v, game value %.6f",
						trial, c.rule, estate, claims, i, a, c.want[i])
				}
			}
		}
	}
}
