package valuation

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Microsoft's documented examples (support.microsoft.com, "PMT function", "IPMT function",
// "PPMT function", "PV function", "FV function", "NPER function", "RATE function"), printed to
// the cent, or to the digits shown.
func TestAnnuity_MicrosoftExamples(t *testing.T) {
	tests := []struct {
		name string
		got  func() (float64, error)
		want float64
		tol  cmp.Option
	}{
		{"PMT 8%/12, 10 months, 10000", func() (float64, error) { return PMT(0.08/12, 10, 10000, 0, false) }, -1037.03, depCentTol},
		{"PMT due", func() (float64, error) { return PMT(0.08/12, 10, 10000, 0, true) }, -1030.16, depCentTol},
		{"PMT saving 50000 in 18 years", func() (float64, error) { return PMT(0.06/12, 18*12, 0, 50000, false) }, -129.08, depCentTol},
		{"IPMT first month", func() (float64, error) { return IPMT(0.1/12, 1, 3*12, 8000, 0, false) }, -66.67, depCentTol},
		{"IPMT last year", func() (float64, error) { return IPMT(0.1, 3, 3, 8000, 0, false) }, -292.45, depCentTol},
		{"PPMT first month", func() (float64, error) { return PPMT(0.1/12, 1, 2*12, 2000, 0, false) }, -75.62, depCentTol},
		{"PPMT 10th year", func() (float64, error) { return PPMT(0.08, 10, 10, 200000, 0, false) }, -27598.05, depCentTol},
		{"PV annuity", func() (float64, error) { return PV(0.08/12, 12*20, 500, 0, false) }, -59777.15, depCentTol},
		{"FV due with pv", func() (float64, error) { return FV(0.06/12, 10, -200, -500, true) }, 2581.40, depCentTol},
		{"FV ordinary", func() (float64, error) { return FV(0.12/12, 12, -1000, 0, false) }, 12682.50, depCentTol},
		{"FV due", func() (float64, error) { return FV(0.11/12, 35, -2000, 0, true) }, 82846.25, depCentTol},
		{"NPER due", func() (float64, error) { return NPER(0.12/12, -100, -1000, 10000, true) }, 59.6738657, cmpopts.EquateApprox(0, 5e-8)},
		{"NPER", func() (float64, error) { return NPER(0.12/12, -100, -1000, 10000, false) }, 60.0821229, cmpopts.EquateApprox(0, 5e-8)},
		{"NPER no fv", func() (float64, error) { return NPER(0.12/12, -100, -1000, 0, false) }, -9.57859404, cmpopts.EquateApprox(0, 5e-9)},
		{"RATE monthly", func() (float64, error) { return RATE(4*12, -200, 8000, 0, false, 0.1) }, 0.0077, cmpopts.EquateApprox(0, 0.00005)},
		{"RATE annual", func() (float64, error) {
			r, err := RATE(4*12, -200, 8000, 0, false, 0.1)
			return 12 * r, err
		}, 0.0924, cmpopts.EquateApprox(0, 0.00005)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, tt.tol); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// loan simulates an annuity period by period — the oracle for the closed forms. It returns
// the balance owed after each period (balance[0] = pv, in the functions' sign convention: the
// balance b satisfies FV = −b) and the interest accrued in each period.
func loan(rate float64, nper int, pmt, pv float64, due bool) (balance, interest []float64) {
	balance = []float64{pv}
	b := pv
	for range nper {
		if due {
			b += pmt
		}
		i := b * rate
		b += i
		if !due {
			b += pmt
		}
		balance = append(balance, b)
		interest = append(interest, i)
	}
	return balance, interest
}

// TestAnnuity_AgreesWithSimulation checks each function against the period-by-period
// simulation of random loans, licence instalment plans and leases: FV is minus the final
// balance, PV the pv that makes it −fv, IPMT minus the interest of the period (paid at the
// start of the next when due), PPMT = PMT − IPMT, and NPER and RATE invert PMT.
func TestAnnuity_AgreesWithSimulation(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2024))
	rel := cmpopts.EquateApprox(1e-9, 1e-6)
	for range 500 {
		rate := rng.Float64()*0.15 - 0.05 // growth (1+rate)^n stays below 10⁵, so float64 keeps 1e-9
		if rng.IntN(10) == 0 {
			rate = 0
		}
		n := 1 + rng.IntN(120)
		pv := math.Round(rng.Float64()*2e6) / 100
		fv := 0.0
		if rng.IntN(2) == 0 {
			fv = -math.Round(rng.Float64()*pv*100) / 100 // a residual (balloon) still owed
		}
		due := rng.IntN(2) == 0
		p, err := PMT(rate, float64(n), pv, fv, due)
		if err != nil {
			t.Fatal(err)
		}
		bal, interest := loan(rate, n, p, pv, due)
		if diff := cmp.Diff(-fv, bal[n], rel); diff != "" {
			t.Fatalf("PMT(%v, %d, %v, %v, %v) = %v does not leave fv: %s", rate, n, pv, fv, due, p, diff)
		}
		got := map[string]float64{}
		want := map[string]float64{"FV": fv, "PV": pv, "NPER": float64(n)}
		got["FV"], _ = FV(rate, float64(n), p, pv, due)
		got["PV"], _ = PV(rate, float64(n), p, fv, due)
		got["NPER"], _ = NPER(rate, p, pv, fv, due)
		if rate > 0.001 {
			want["RATE"] = rate
			if got["RATE"], err = RATE(float64(n), p, pv, fv, due, 0.1); err != nil {
				t.Fatalf("RATE(%d, %v, %v, %v, %v): %v", n, p, pv, fv, due, err)
			}
		}
		var sumPrincipal float64
		for per := 1; per <= n; per++ {
			ip, err := IPMT(rate, float64(per), float64(n), pv, fv, due)
			if err != nil {
				t.Fatal(err)
			}
			pp, _ := PPMT(rate, float64(per), float64(n), pv, fv, due)
			wantI := 0.0
			switch {
			case !due:
				wantI = -interest[per-1]
			case per > 1:
				wantI = -interest[per-2]
			}
			if diff := cmp.Diff(wantI, ip, rel); diff != "" {
				t.Fatalf("IPMT(%v, %d, %d, %v, %v, %v): %s", rate, per, n, pv, fv, due, diff)
			}
			if diff := cmp.Diff(p, ip+pp, rel); diff != "" {
				t.Fatalf("IPMT + PPMT != PMT: %s", diff)
			}
			sumPrincipal += pp
		}
		if fv == 0 && !due {
			if diff := cmp.Diff(-pv, sumPrincipal, rel); diff != "" {
				t.Fatalf("principal parts do not repay pv: %s", diff)
			}
		}
		if diff := cmp.Diff(want, got, rel); diff != "" {
			t.Fatalf("rate %v n %d pv %v fv %v due %v pmt %v (-want +got)\n%s", rate, n, pv, fv, due, p, diff)
		}
	}
}

// Hand calculations at rate 0 (the spreadsheets' straight-line branch) and for a licence paid
// in advance: a 3-year data licence worth 300,000 today at 5 % a year, paid at the start of
// each year. The ordinary annuity repays 300000·0.05/(1 − 1.05⁻³) = 15000/0.1361624 =
// 110,162.57 at each year's end; paid a year earlier each instalment is worth 1.05 times
// more, so PMT = −110,162.57/1.05 = −104,916.73.
func TestAnnuity_HandCalculations(t *testing.T) {
	tests := []struct {
		name string
		got  func() (float64, error)
		want float64
	}{
		{"PMT rate 0", func() (float64, error) { return PMT(0, 4, 1000, 200, false) }, -300},
		{"PV rate 0", func() (float64, error) { return PV(0, 4, -300, -200, true) }, 1400},
		{"FV rate 0", func() (float64, error) { return FV(0, 4, -300, 1000, false) }, 200},
		{"NPER rate 0", func() (float64, error) { return NPER(0, -300, 1000, 200, false) }, 4},
		{"IPMT rate 0", func() (float64, error) { return IPMT(0, 2, 4, 1000, 0, false) }, 0},
		{"PPMT rate 0", func() (float64, error) { return PPMT(0, 2, 4, 1000, 0, false) }, -250},
		{"licence in advance", func() (float64, error) { return PMT(0.05, 3, 300000, 0, true) }, -104916.73},
		{"RATE at zero interest", func() (float64, error) { return RATE(4, -250, 1000, 0, false, 0.1) }, 0},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got, depCentTol); diff != "" {
			t.Errorf("%s (-want +got)\n%s", tt.name, diff)
		}
	}
}

// The spreadsheets' #NUM! and #DIV/0! cases are typed errors naming the argument.
func TestAnnuity_Errors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		err   func() error
		field string
		is    error
	}{
		{"PMT nper 0", func() error { _, err := PMT(0.1, 0, 100, 0, false); return err }, "nper", ErrInvalidInput},
		{"PMT NaN", func() error { _, err := PMT(nan, 10, 100, 0, false); return err }, "rate", ErrInvalidInput},
		{"IPMT per 0", func() error { _, err := IPMT(0.1, 0, 10, 100, 0, false); return err }, "per", ErrInvalidInput},
		{"PPMT per beyond nper", func() error { _, err := PPMT(0.1, 11, 10, 100, 0, false); return err }, "per", ErrInvalidInput},
		{"PV rate -1", func() error { _, err := PV(-1, 3, 10, 0, false); return err }, "rate", ErrInvalidInput},
		{"FV inf", func() error { _, err := FV(0.1, math.Inf(1), 10, 0, false); return err }, "nper", ErrInvalidInput},
		{"FV fractional power of a negative", func() error { _, err := FV(-2, 1.5, 10, 5, false); return err }, "rate", ErrInvalidInput},
		{"NPER unreachable", func() error { _, err := NPER(0.1, -10, 1000, 0, false); return err }, "fv", ErrInvalidInput},
		{"NPER no payment at rate 0", func() error { _, err := NPER(0, 0, 1000, 0, false); return err }, "pmt", ErrInvalidInput},
		{"NPER rate -1", func() error { _, err := NPER(-1, -10, 100, 0, false); return err }, "rate", ErrInvalidInput},
		{"RATE nper 0", func() error { _, err := RATE(0, -10, 100, 0, false, 0.1); return err }, "nper", ErrInvalidInput},
		{"RATE guess NaN", func() error { _, err := RATE(10, -10, 100, 0, false, nan); return err }, "guess", ErrInvalidInput},
		{"RATE no root", func() error { _, err := RATE(10, 10, 100, 0, false, 0.1); return err }, "", ErrNoConvergence},
	}
	for _, tt := range tests {
		err := tt.err()
		if !errors.Is(err, tt.is) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.is)
			continue
		}
		var ie *InputError
		if tt.field != "" && (!errors.As(err, &ie) || ie.Field != tt.field) {
			t.Errorf("%s: error %v does not name %q", tt.name, err, tt.field)
		}
	}
}

// No argument, however hostile, makes a function return NaN or ±Inf with a nil error.
func FuzzAnnuity(f *testing.F) {
	f.Add(0.08/12, 10.0, 3.0, 10000.0, 0.0, false, 0.1)
	f.Add(0.0, 4.0, 1.0, 1000.0, 200.0, true, 0.0)
	f.Add(-1.0, 3.0, 2.0, 1e308, -1e308, true, -0.99)
	f.Add(1e-300, 1e300, 1.0, 5e-324, 1.0, false, 1e10)
	f.Fuzz(func(t *testing.T, rate, nper, per, pv, fv float64, due bool, guess float64) {
		check := func(fn string, v float64, err error) {
			if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
				t.Fatalf("%s returned %v without an error", fn, v)
			}
		}
		p, err := PMT(rate, nper, pv, fv, due)
		check("PMT", p, err)
		v, err := IPMT(rate, per, nper, pv, fv, due)
		check("IPMT", v, err)
		v, err = PPMT(rate, per, nper, pv, fv, due)
		check("PPMT", v, err)
		v, err = PV(rate, nper, per, fv, due)
		check("PV", v, err)
		v, err = FV(rate, nper, per, pv, due)
		check("FV", v, err)
		v, err = NPER(rate, per, pv, fv, due)
		check("NPER", v, err)
		if math.Abs(nper) < 1e4 {
			v, err = RATE(nper, per, pv, fv, due, guess)
			check("RATE", v, err)
		}
	})
}

func BenchmarkPMT(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PMT(0.08/12, 360, 250000, 0, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIPMT(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := IPMT(0.08/12, 180, 360, 250000, 0, true); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRATE(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RATE(48, -200, 8000, 0, false, 0.1); err != nil {
			b.Fatal(err)
		}
	}
}
