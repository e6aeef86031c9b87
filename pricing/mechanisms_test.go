package pricing

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestOptimalReserve(t *testing.T) {
	for _, c := range []struct {
		name   string
		d      ValueDistribution
		want   float64
		source string
	}{
		{"U[0,1]", distuv.Uniform{Min: 0, Max: 1}, 0.5, "Myerson 1981: φ(v) = 2v − 1 = 0 at 1/2"},
		{"Exp(λ=2)", distuv.Exponential{Rate: 2}, 0.5, "by hand: φ(v) = v − 1/λ = 0 at 1/λ"},
		{"U[0.6,1]", distuv.Uniform{Min: 0.6, Max: 1}, 0.6, "by hand: φ(v) = 2v − b = 0 at b/2, floored at a"},
		{"U[2,10]", distuv.Uniform{Min: 2, Max: 10}, 5, "by hand: φ(v) = 2v − b = 0 at b/2, floored at a"},
	} {
		got, err := OptimalReserve(c.d)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: r* = %.12g, want %g (%s)", c.name, got, c.want, c.source)
		}
	}
}

func TestOptimalReserve_MaximisesRevenue(t *testing.T) {
	// Oracle: a fine grid search of the single-buyer revenue r(1 − F(r)), which r* maximises.
	for _, d := range []ValueDistribution{
		distuv.Normal{Mu: 0, Sigma: 1},
		distuv.LogNormal{Mu: 0, Sigma: 0.5},
		distuv.Gamma{Alpha: 3, Beta: 2},
		distuv.Weibull{K: 2, Lambda: 1},
	} {
		got, err := OptimalReserve(d)
		if err != nil {
			t.Fatalf("%T: %v", d, err)
		}
		lo, hi := support(d)
		best, bestR := math.Inf(-1), 0.0
		for i := 0; i <= 20_000; i++ {
			r := lo + (hi-lo)*float64(i)/20_000
			if rev := r * (1 - d.CDF(r)); rev > best {
				best, bestR = rev, r
			}
		}
		if step := (hi - lo) / 20_000; math.Abs(got-bestR) > 2*step {
			t.Errorf("%T: r* = %g, grid argmax %g", d, got, bestR)
		}
	}
	// N(0,1): φ(v) = v − (1 − Φ(v))/φ(v) = 0 at v ≈ 0.7518 (by bisection on the normal tables).
	if got, _ := OptimalReserve(distuv.Normal{Mu: 0, Sigma: 1}); math.Abs(got-0.75) > 0.005 {
		t.Errorf("N(0,1): r* = %g, want ≈ 0.75", got)
	}
}

func TestOptimalReserve_NoRoot(t *testing.T) {
	// Pareto(x_m, α): (1 − F)/f = v/α, so φ(v) = v(1 − 1/α) < 0 everywhere when α < 1: revenue
	// r(1 − F(r)) = x_m^α r^(1−α) grows without bound and there is no optimal reserve.
	_, err := OptimalReserve(distuv.Pareto{Xm: 1, Alpha: 0.5})
	if !errors.Is(err, ErrNoConvergence) {
		t.Errorf("Pareto(α=0.5): err %v, want ErrNoConvergence", err)
	}
}

func TestExpectedRevenue(t *testing.T) {
	for _, c := range []struct {
		name string
		d    ValueDistribution
		n    int
		r    float64
		want float64
	}{
		// Reference sheet §5.1: two U[0,1] bidders, second price: 1/3 without a reserve,
		// 5/12 with r = 1/2.
		{"U[0,1], n=2, no reserve", distuv.Uniform{Min: 0, Max: 1}, 2, 0, 1.0 / 3},
		{"U[0,1], n=2, r=1/2", distuv.Uniform{Min: 0, Max: 1}, 2, 0.5, 5.0 / 12},
		// Reference sheet §5.1: single-buyer revenue at r* = 1/2 is 1/4.
		{"U[0,1], n=1, r=1/2", distuv.Uniform{Min: 0, Max: 1}, 1, 0.5, 0.25},
		// Hand calculation, λ = 2, r = 1/λ: E = 2∫_r^∞ (v − 1/λ)(1 − e^{−λv}) λe^{−λv} dv
		// = 2[e^{−1}/λ − e^{−2}/(4λ)] = e^{−1} − e^{−2}/4.
		{"Exp(2), n=2, r=1/2", distuv.Exponential{Rate: 2}, 2, 0.5, math.Exp(-1) - math.Exp(-2)/4},
	} {
		got, err := ExpectedRevenue(c.d, c.n, c.r)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: %.12g, want %.12g", c.name, got, c.want)
		}
	}
}

func TestSimulateRevenue(t *testing.T) {
	d := distuv.Uniform{Min: 0, Max: 1}
	one, err := SimulateRevenue(context.Background(), d, 2, 0.5, SimulationOptions{Seed: 42, Draws: 50_000, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	four, err := SimulateRevenue(context.Background(), d, 2, 0.5, SimulationOptions{Seed: 42, Draws: 50_000, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(one, four); diff != "" {
		t.Errorf("1 vs 4 workers (-one +four):\n%s", diff)
	}
	// By Myerson's lemma, 2∫_{1/2}^1 (2v − 1)·v dv = 5/12; the estimate must lie within 4
	// standard errors.
	if math.Abs(one.Mean-5.0/12) > 4*one.StdErr || one.StdErr <= 0 {
		t.Errorf("estimate %+v, want 5/12 = %g", one, 5.0/12)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := SimulateRevenue(ctx, d, 2, 0.5, SimulationOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err %v", err)
	}
}

func TestSecondPrice(t *testing.T) {
	bids := func(amounts ...string) []Bid {
		var out []Bid
		for i, a := range amounts {
			out = append(out, Bid{Bidder: string(rune('a' + i)), Amount: usdm(a)})
		}
		return out
	}
	for _, c := range []struct {
		name  string
		bids  []Bid
		rules AuctionRules
		want  AuctionResult
	}{
		// Hand calculations from the rule: the highest bid wins, paying max(second, reserve).
		{"no reserve", bids("10", "30", "20"), AuctionRules{}, AuctionResult{Sold: true, Winner: 1, Bidder: "b", Price: usdm("20")}},
		{"reserve above second", bids("10", "30", "20"), AuctionRules{Reserve: usdm("25")}, AuctionResult{Sold: true, Winner: 1, Bidder: "b", Price: usdm("25")}},
		{"reserve below second", bids("10", "30", "20"), AuctionRules{Reserve: usdm("15")}, AuctionResult{Sold: true, Winner: 1, Bidder: "b", Price: usdm("20")}},
		{"reserve above all", bids("10", "30"), AuctionRules{Reserve: usdm("31")}, AuctionResult{Winner: -1}},
		{"single bid pays reserve", bids("30"), AuctionRules{Reserve: usdm("12.50")}, AuctionResult{Sold: true, Winner: 0, Bidder: "a", Price: usdm("12.50")}},
		{"tie to earliest", bids("30", "10", "30"), AuctionRules{}, AuctionResult{Sold: true, Winner: 0, Bidder: "a", Price: usdm("30")}},
		{"no bids", nil, AuctionRules{}, AuctionResult{Winner: -1}},
	} {
		got, err := SecondPrice(c.bids, c.rules)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
	// A random tie-break is reproducible by seed and picks among the tied bids only; over
	// seeds it picks each of them.
	seen := map[int]bool{}
	for seed := range uint64(64) {
		r1, _ := SecondPrice(bids("30", "10", "30", "30"), AuctionRules{Tie: TieRandom, Seed: seed})
		r2, _ := SecondPrice(bids("30", "10", "30", "30"), AuctionRules{Tie: TieRandom, Seed: seed})
		if r1 != r2 && !cmp.Equal(r1, r2) || r1.Winner == 1 {
			t.Fatalf("seed %d: %+v then %+v", seed, r1, r2)
		}
		seen[r1.Winner] = true
	}
	if len(seen) != 3 {
		t.Errorf("random ties chose %v, want all of 0, 2, 3", seen)
	}
	if _, err := SecondPrice(bids("10", "-1"), AuctionRules{}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("negative bid: err %v", err)
	}
}

func TestPostedPrice(t *testing.T) {
	got, err := PostedPrice(usdm("50"), []assay.Money{usdm("100"), usdm("40"), usdm("50")})
	if err != nil {
		t.Fatal(err)
	}
	// Hand calculation: buyers 0 and 2 value the copy at 50 or more; revenue 2 × 50.
	want := PostedPriceResult{Buyers: []int{0, 2}, Revenue: usdm("100")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNashPrice(t *testing.T) {
	cnym := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	for _, c := range []struct {
		res, val string
		beta     float64
		want     string
	}{
		// Reference sheet §3: p* = d_s + β(v_b − d_s); 100 + 0.5 × 200 = 200, 100 + 0.7 × 200 = 240.
		{"100", "300", 0.5, "200"},
		{"100", "300", 0.7, "240"},
		{"100", "300", 0, "100"},
		{"100", "300", 1, "300"},
		{"100", "100", 0.5, "100"},
		// Hand calculation: 0.5 × 0.01 = 0.005 rounds half-even to 0.00, so the price is 0.01;
		// 0.7 × 0.01 = 0.007 rounds to 0.01, so 0.02.
		{"0.01", "0.02", 0.5, "0.01"},
		{"0.01", "0.02", 0.7, "0.02"},
	} {
		got, err := NashPrice(cnym(c.res), cnym(c.val), c.beta)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if !got.Equal(cnym(c.want)) {
			t.Errorf("%+v: %v", c, got)
		}
	}
	if _, err := NashPrice(cnym("300"), cnym("100"), 0.5); !errors.Is(err, ErrNoDeal) {
		t.Errorf("value below reservation: err %v, want ErrNoDeal", err)
	}
	for _, beta := range []float64{-0.1, 1.1, math.NaN()} {
		if _, err := NashPrice(cnym("1"), cnym("2"), beta); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("beta %v: err %v", beta, err)
		}
	}
	if _, err := NashPrice(cnym("1"), usdm("2"), 0.5); !errors.Is(err, assay.ErrCurrencyMismatch) {
		t.Errorf("mixed currencies: err %v", err)
	}
}

func exp2() ValueDistribution { return distuv.Exponential{Rate: 2} }
