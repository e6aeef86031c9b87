package rights

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// With hashes computed from content a cycle cannot be built (it needs a SHA-256 collision),
// so the cycle check is tested on the graph directly.
func TestTopoOrder_Cycle(t *testing.T) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	nodes := []node{
		{hash: Hash{3}, ev: Event{Time: at}},                         // 0: a root
		{hash: Hash{1}, ev: Event{Time: at}, parents: []int32{0, 2}}, // 1 ⇄ 2
		{hash: Hash{2}, ev: Event{Time: at}, parents: []int32{1}},
		{hash: Hash{4}, ev: Event{Time: at}, parents: []int32{2}}, // behind the cycle
	}
	_, err := topoOrder(nodes)
	var ce *CycleError
	if !errors.As(err, &ce) || !errors.Is(err, ErrCycle) {
		t.Fatalf("topoOrder = %v, want a *CycleError", err)
	}
	if diff := cmp.Diff([]Hash{{1}, {2}, {4}}, ce.Hashes); diff != "" {
		t.Errorf("cycle (-want +got):\n%s", diff)
	}
}

// Among the events ready at each step the earliest comes first, then the smaller hash; a
// child never precedes its parent even when it sorts first.
func TestTopoOrder_EarliestFirst(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	nodes := []node{
		{hash: Hash{9}, ev: Event{Time: day(1)}},                      // 0: root
		{hash: Hash{1}, ev: Event{Time: day(1)}, parents: []int32{0}}, // 1: same time as its parent, smaller hash
		{hash: Hash{5}, ev: Event{Time: day(3)}, parents: []int32{0}}, // 2
		{hash: Hash{7}, ev: Event{Time: day(2)}},                      // 3: another root, later
	}
	got, err := topoOrder(nodes)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int32{0, 1, 3, 2}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestRegionWithin(t *testing.T) {
	tests := []struct {
		r, p string
		want bool
	}{
		{"CN-GD", "CN", true}, {"CN", "CN-GD", false}, {"CN", "CN", true},
		{"CN-HK", "CN", false}, {"HK", "CN", false}, {"CN-HK", "HK", true}, {"HK", "CN-HK", true},
		{"CNX", "CN", false}, {"US-CA", "US", true}, {"CN-GD", "CN-G", false},
	}
	for _, tt := range tests {
		if got := regionWithin(tt.r, tt.p); got != tt.want {
			t.Errorf("regionWithin(%q, %q) = %v, want %v", tt.r, tt.p, got, tt.want)
		}
	}
}
