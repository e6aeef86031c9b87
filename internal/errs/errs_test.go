package errs

import (
	"errors"
	"fmt"
	"testing"
	"unicode/utf8"
)

func TestSentinelMatchesParent(t *testing.T) {
	root := errors.New("root: invalid input")
	pkg := Sentinel("pkg: invalid input", root)
	err := fmt.Errorf("pkg: field x: %w", pkg)
	if !errors.Is(err, pkg) || !errors.Is(err, root) {
		t.Fatalf("errors.Is: want both the package and the root sentinel to match %v", err)
	}
	if pkg.Error() != "pkg: invalid input" {
		t.Fatalf("Error() = %q", pkg.Error())
	}
	if other := Sentinel("pkg: invalid input", root); errors.Is(err, other) {
		t.Fatal("two sentinels with the same text must not match each other")
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdef", 3, "abc…"},
		{"数据资产", 4, "数…"}, // 3-byte runes: the cut backs up to a rune start
		{"数据资产", 3, "数…"},
		{"数据资产", 2, "…"},
		{"a\xffb", 10, "a\uFFFDb"},
		{"abc", -1, "…"},
	}
	for _, tt := range tests {
		got := Clip(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Clip(%q, %d) = %q is not valid UTF-8", tt.in, tt.n, got)
		}
	}
}

func FuzzClip(f *testing.F) {
	f.Add("数据资产入表", 5)
	f.Add("\xe4\xb8", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {
		n %= 100
		got := Clip(s, n)
		if !utf8.ValidString(got) {
			t.Fatalf("Clip(%q, %d) = %q: invalid UTF-8", s, n, got)
		}
		if n >= 0 && len(s) <= n && utf8.ValidString(s) && got != s {
			t.Fatalf("Clip(%q, %d) = %q changed a short valid string", s, n, got)
		}
	})
}
