package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/scripttest"
)

// consoleMark starts a want line of a lifecycle script that only the
// console shows.
const consoleMark = "# console: "

// TestLifecycleScripts walks each examples/lifecycle-*.txt (issue 11: the
// lawful basis governs every flow for the whole life of a case) on the
// embedded store and on a real redis-server: the transcripts must be the
// same, show every "want" line in order and no "never" line, and the
// stderr must stay free of warnings (a message withheld by the disclosure
// gate is logged as a warning, so an attempted leak fails the test too).
func TestLifecycleScripts(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "examples", "lifecycle-*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no lifecycle scripts: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, never := scripttest.Marks(string(raw), consoleMark)
			if len(want) == 0 || len(never) == 0 {
				t.Fatalf("%s needs both %q and %q lines", path, scripttest.WantMark, scripttest.NeverMark)
			}
			_, real := runOnBothStores(t, path, consoleStart)
			scripttest.InOrder(t, real, want)
			for _, n := range never {
				if strings.Contains(real, n) {
					t.Errorf("transcript has %q, which must never appear:\n%s", n, real)
				}
			}
		})
	}
}
