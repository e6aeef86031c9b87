// Package errs holds the error plumbing shared by every package of the module: sentinels that
// also match the root package's sentinels under errors.Is, and clipping of untrusted text
// before it is copied into a message.
package errs

import "unicode/utf8"

// Sentinel returns a sentinel error that prints msg and unwraps to parent, so that
// errors.Is(err, pkg.ErrInvalidInput) and errors.Is(err, assay.ErrInvalidInput) both hold for
// an error wrapping it. Each call returns a distinct value: compare sentinels with errors.Is.
func Sentinel(msg string, parent error) error { return &sentinel{msg: msg, parent: parent} }

type sentinel struct {
	msg    string
	parent error
}

func (s *sentinel) Error() string { return s.msg }
func (s *sentinel) Unwrap() error { return s.parent }

// Clip shortens untrusted text to at most n bytes before it is copied into an error message or
// a report, never cutting a UTF-8 sequence, and replaces invalid UTF-8 with U+FFFD so that a
// message is always valid text. A clipped string ends in "…".
func Clip(s string, n int) string {
	if n < 0 {
		n = 0
	}
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	if !utf8.ValidString(s) {
		s = toValid(s)
	}
	return s
}

func toValid(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+w]...)
		}
		i += w
	}
	return string(b)
}
