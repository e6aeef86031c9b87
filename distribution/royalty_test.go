package distribution

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/dataassay/assay"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestRoyaltyChain_Distribute(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	tests := []struct {
		name     string
		chain    RoyaltyChain
		sale     string
		seller   string
		payments []RoyaltyPayment
		net      map[string]string
		source   string
	}{
		{"three separated rights", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "holder"},
			{Name: "processor", Owes: []RoyaltyTerm{{Upstream: "holder", RevenueShare: d("0.3")}}},
			{Name: "operator", Owes: []RoyaltyTerm{{Upstream: "processor", RevenueShare: d("0.2"), Fee: cny("100")}}},
		}}, "10000", "operator",
			[]RoyaltyPayment{{"operator", "processor", cny("2100")}, {"processor", "holder", cny("630")}},
			map[string]string{"operator": "7900", "processor": "1470", "holder": "630"},
			"hand: 20 % of 10,000 + 100 = 2,100; 30 % of 2,100 = 630"},
		{"several parent assets", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "product", Owes: []RoyaltyTerm{{Upstream: "X", RevenueShare: d("0.10")}, {Upstream: "Y", RevenueShare: d("0.05")}}},
			{Name: "X"},
			{Name: "Y", Owes: []RoyaltyTerm{{Upstream: "Z", RevenueShare: d("0.5")}}},
			{Name: "Z"},
		}}, "1000.00", "product",
			[]RoyaltyPayment{{"product", "X", cny("100")}, {"product", "Y", cny("50")}, {"Y", "Z", cny("25")}},
			map[string]string{"product": "850", "X": "100", "Y": "25", "Z": "25"},
			"hand: 15 % of 1,000 = 150 split 10:5; half of Y's 50 to Z"},
		{"diamond settles the shared parent last", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "T", Owes: []RoyaltyTerm{{Upstream: "root", RevenueShare: d("0.1")}}},
			{Name: "S", Owes: []RoyaltyTerm{{Upstream: "M1", RevenueShare: d("0.1")}, {Upstream: "M2", RevenueShare: d("0.1")}}},
			{Name: "M1", Owes: []RoyaltyTerm{{Upstream: "T", RevenueShare: d("0.5")}}},
			{Name: "M2", Owes: []RoyaltyTerm{{Upstream: "T", RevenueShare: d("0.5")}}},
			{Name: "root"},
		}}, "1000", "S",
			[]RoyaltyPayment{{"S", "M1", cny("100")}, {"S", "M2", cny("100")}, {"M1", "T", cny("50")}, {"M2", "T", cny("50")}, {"T", "root", cny("10")}},
			map[string]string{"S": "800", "M1": "50", "M2": "50", "T": "90", "root": "10"},
			"hand: T receives 50 + 50 before paying 10 % of 100"},
		{"dues above income are cut pro rata", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "C", Owes: []RoyaltyTerm{{Upstream: "B", Fee: cny("80")}, {Upstream: "A", RevenueShare: d("0.5")}}},
			{Name: "B"}, {Name: "A"},
		}}, "100", "C",
			[]RoyaltyPayment{{"C", "B", cny("61.54")}, {"C", "A", cny("38.46")}},
			map[string]string{"C": "0", "B": "61.54", "A": "38.46"},
			"hand: owed 80 + 50 = 130 > 100; 100·80/130 = 61.538…, 100·50/130 = 38.461…"},
		{"percentages rounded once per party", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "s", Owes: []RoyaltyTerm{{Upstream: "a", RevenueShare: d("0.125")}, {Upstream: "b", RevenueShare: d("0.125")}}},
			{Name: "a"}, {Name: "b"},
		}}, "0.10", "s",
			[]RoyaltyPayment{{"s", "a", cny("0.01")}, {"s", "b", cny("0.01")}},
			map[string]string{"s": "0.08", "a": "0.01", "b": "0.01"},
			"hand: 25 % of 10 fen = 2.5 fen → half-even 2 fen, split 1:1 = 1, 1"},
		{"unreached parties are left out", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "up"}, {Name: "seller", Owes: []RoyaltyTerm{{Upstream: "up", RevenueShare: d("1")}}}, {Name: "other", Owes: []RoyaltyTerm{{Upstream: "up", RevenueShare: d("0.5")}}},
		}}, "1", "seller",
			[]RoyaltyPayment{{"seller", "up", cny("1")}},
			map[string]string{"seller": "0", "up": "1"},
			"a 100 % share passes everything up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.chain.Distribute(cny(tt.sale), tt.seller)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.payments, got.Payments); diff != "" {
				t.Errorf("payments (-want +got) (source: %s):\n%s", tt.source, diff)
			}
			net := map[string]string{}
			var nets []assay.Money
			for _, p := range got.Parties {
				net[p.Party] = p.Net.Amount().String()
				nets = append(nets, p.Net)
				if r, _ := p.Paid.Add(p.Net); !r.Equal(p.Received) {
					t.Errorf("%s: paid %v + net %v ≠ received %v", p.Party, p.Paid, p.Net, p.Received)
				}
			}
			if diff := cmp.Diff(tt.net, net, cmp.Comparer(func(a, b string) bool {
				return decimal.RequireFromString(a).Equal(decimal.RequireFromString(b))
			})); diff != "" {
				t.Errorf("net incomes (-want +got) (source: %s):\n%s", tt.source, diff)
			}
			if sum, _ := assay.Sum(nets...); !sum.Equal(cny(tt.sale)) {
				t.Errorf("net incomes sum to %v, sale %v", sum, tt.sale)
			}
		})
	}
}

func TestRoyaltyChain_Errors(t *testing.T) {
	cny := func(s string) assay.Money { return assay.MustMoney(s, "CNY") }
	d := decimal.RequireFromString
	tests := []struct {
		name   string
		chain  RoyaltyChain
		sale   assay.Money
		seller string
		is     error
	}{
		{"cycle", RoyaltyChain{Parties: []RoyaltyParty{
			{Name: "a", Owes: []RoyaltyTerm{{Upstream: "b", RevenueShare: d("0.1")}}},
			{Name: "b", Owes: []RoyaltyTerm{{Upstream: "c", RevenueShare: d("0.1")}}},
			{Name: "c", Owes: []RoyaltyTerm{{Upstream: "a", RevenueShare: d("0.1")}}},
		}}, cny("1"), "a", ErrInvalidInput},
		{"self", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "a"}}}}}, cny("1"), "a", ErrInvalidInput},
		{"unknown upstream", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "z"}}}}}, cny("1"), "a", ErrInvalidInput},
		{"duplicate", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a"}, {Name: "a"}}}, cny("1"), "a", ErrInvalidInput},
		{"empty name", RoyaltyChain{Parties: []RoyaltyParty{{}}}, cny("1"), "", ErrInvalidInput},
		{"shares above 1", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "b", RevenueShare: d("0.6")}, {Upstream: "b", RevenueShare: d("0.6")}}}, {Name: "b"}}}, cny("1"), "a", ErrInvalidInput},
		{"share out of range", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "b", RevenueShare: d("-0.1")}}}, {Name: "b"}}}, cny("1"), "a", ErrInvalidInput},
		{"negative fee", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "b", Fee: cny("-1")}}}, {Name: "b"}}}, cny("1"), "a", ErrInvalidInput},
		{"inexact fee", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "b", Fee: cny("0.001")}}}, {Name: "b"}}}, cny("1"), "a", assay.ErrInexact},
		{"fee currency", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a", Owes: []RoyaltyTerm{{Upstream: "b", Fee: assay.MustMoney("1", "MOP")}}}, {Name: "b"}}}, cny("1"), "a", assay.ErrCurrencyMismatch},
		{"unknown seller", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a"}}}, cny("1"), "b", ErrInvalidInput},
		{"negative sale", RoyaltyChain{Parties: []RoyaltyParty{{Name: "a"}}}, cny("-1"), "a", ErrInvalidInput},
	}
	for _, tt := range tests {
		if got, err := tt.chain.Distribute(tt.sale, tt.seller); !errors.Is(err, tt.is) {
			t.Errorf("%s: Distribute = %v, %v; want %v", tt.name, got, err, tt.is)
		}
	}
}

func TestRoyaltyChain_JSON(t *testing.T) {
	const doc = `{"parties":[
		{"name":"operator","owes":[{"upstream":"processor","revenueShare":"0.2","fee":{"amount":"100","currency":"CNY"}}]},
		{"name":"processor","owes":[{"upstream":"holder","revenueShare":"0.3"}]},
		{"name":"holder"}]}`
	c, err := ParseRoyaltyChain([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Distribute(assay.MustMoney("10000", "CNY"), "operator")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r.Payments)
	if err != nil {
		t.Fatal(err)
	}
	// Hand: as in TestRoyaltyChain_Distribute, "three separated rights".
	want := `[{"from":"operator","to":"processor","amount":{"amount":"2100.00","currency":"CNY"}},` +
		`{"from":"processor","to":"holder","amount":{"amount":"630.00","currency":"CNY"}}]`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("payments JSON (-want +got):\n%s", diff)
	}
	if _, err := ParseRoyaltyChain([]byte(`{"parties":[{"name":"a","owes":[{"upstream":"a"}]}]}`)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("cyclic chain: error %v", err)
	}
}

// FuzzParseRoyaltyChain decodes arbitrary JSON and, when valid, settles a sale from its first
// party: no panic, and the net incomes conserve the sale.
func FuzzParseRoyaltyChain(f *testing.F) {
	f.Add([]byte(`{"parties":[{"name":"a","owes":[{"upstream":"b","revenueShare":"0.5","fee":{"amount":"1","currency":"CNY"}}]},{"name":"b"}]}`), "10")
	f.Add([]byte(`{"parties":[{"name":"a","owes":[{"upstream":"b","revenueShare":"0.3"},{"upstream":"c","revenueShare":"0.3"}]},{"name":"b","owes":[{"upstream":"c","revenueShare":"1"}]},{"name":"c"}]}`), "0.07")
	f.Fuzz(func(t *testing.T, data []byte, sale string) {
		c, err := ParseRoyaltyChain(data)
		if err != nil || len(c.Parties) == 0 {
			return
		}
		m, err := assay.NewMoney(sale, "CNY")
		if err != nil {
			return
		}
		r, err := c.Distribute(m, c.Parties[0].Name)
		if err != nil {
			return
		}
		nets := make([]assay.Money, len(r.Parties))
		for i, p := range r.Parties {
			nets[i] = p.Net
			if p.Net.IsNegative() {
				t.Fatalf("%s nets %v", p.Party, p.Net)
			}
		}
		if sum, _ := assay.Sum(nets...); !sum.Equal(m) && !(sum.IsZero() && m.IsZero()) {
			t.Fatalf("nets %v sum to %v, sale %v", nets, sum, m)
		}
	})
}

func ExampleRoyaltyChain_Distribute() {
	d := decimal.RequireFromString
	// A city data centre holds the data; a processor licenses it for 30 % of its receipts;
	// an operator sells a product built on it and owes the processor 20 % plus a 100 CNY fee.
	chain := RoyaltyChain{Parties: []RoyaltyParty{
		{Name: "city data centre"},
		{Name: "processor", Owes: []RoyaltyTerm{{Upstream: "city data centre", RevenueShare: d("0.3")}}},
		{Name: "operator", Owes: []RoyaltyTerm{{Upstream: "processor", RevenueShare: d("0.2"), Fee: assay.MustMoney("100", "CNY")}}},
	}}
	r, _ := chain.Distribute(assay.MustMoney("10000", "CNY"), "operator")
	for _, p := range r.Parties {
		fmt.Printf("%s: received %s, paid %s, net %s\n", p.Party, p.Received, p.Paid, p.Net)
	}
	// Output:
	// operator: received 10000.00 CNY, paid 2100.00 CNY, net 7900.00 CNY
	// processor: received 2100.00 CNY, paid 630.00 CNY, net 1470.00 CNY
	// city data centre: received 630.00 CNY, paid 0.00 CNY, net 630.00 CNY
}

// BenchmarkRoyaltyChain settles a sale through a chain of 100 parties, each owing the next
// two a share and a fee.
func BenchmarkRoyaltyChain(b *testing.B) {
	var c RoyaltyChain
	for i := range 100 {
		p := RoyaltyParty{Name: fmt.Sprintf("p%d", i)}
		for j := i + 1; j <= i+2 && j < 100; j++ {
			p.Owes = append(p.Owes, RoyaltyTerm{Upstream: fmt.Sprintf("p%d", j), RevenueShare: decimal.RequireFromString("0.1"), Fee: assay.MustMoney("1", "CNY")})
		}
		c.Parties = append(c.Parties, p)
	}
	sale := assay.MustMoney("1000000", "CNY")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Distribute(sale, "p0"); err != nil {
			b.Fatal(err)
		}
	}
}
