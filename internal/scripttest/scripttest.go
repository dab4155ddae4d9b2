// Package scripttest checks transcripts of the example console scripts,
// whichever platform replayed them.
package scripttest

import (
	"strings"
	"testing"
)

// InOrder fails unless every wanted piece appears in out, in this order.
func InOrder(t testing.TB, out string, wants []string) {
	t.Helper()
	rest := out
	for _, want := range wants {
		i := strings.Index(rest, want)
		if i < 0 {
			t.Fatalf("transcript lacks (or has out of order) %q\n--- transcript ---\n%s", want, out)
		}
		rest = rest[i+len(want):]
	}
}

// Once fails for each piece that does not appear exactly once in out: a
// refused or replayed step must not have written it a second time.
func Once(t testing.TB, out string, pieces ...string) {
	t.Helper()
	for _, p := range pieces {
		if n := strings.Count(out, p); n != 1 {
			t.Errorf("%q appears %d times, want 1\n--- transcript ---\n%s", p, n, out)
		}
	}
}
