// Package scripttest checks transcripts of the example console scripts,
// whichever platform replayed them.
package scripttest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each runs fn as a subtest, named after the file, for every script that
// matches pattern (a filepath.Glob), with the script's text. It fails when
// no script matches.
func Each(t *testing.T, pattern string, fn func(t *testing.T, path, script string)) {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts match %s: %v", pattern, err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, path, string(raw))
		})
	}
}

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

// Never fails for each piece that appears in out.
func Never(t testing.TB, out string, never []string) {
	t.Helper()
	for _, n := range never {
		if strings.Contains(out, n) {
			t.Errorf("transcript has %q, which must never appear\n--- transcript ---\n%s", n, out)
		}
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

// Marks in a script: a "# want: TEXT" line's text must appear in the
// transcript, in the order written; a "# never: TEXT" line's text nowhere.
const (
	WantMark  = "# want: "
	NeverMark = "# never: "
)

// Marks reads the want and never lines of a script. A line starting with
// any of alsoWant (such as "# console: ") is a want line too.
func Marks(script string, alsoWant ...string) (want, never []string) {
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if text, ok := strings.CutPrefix(line, NeverMark); ok {
			never = append(never, text)
			continue
		}
		for _, mark := range append([]string{WantMark}, alsoWant...) {
			if text, ok := strings.CutPrefix(line, mark); ok {
				want = append(want, text)
				break
			}
		}
	}
	return want, never
}
