package main

import (
	"path/filepath"
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
	scripttest.Each(t, filepath.Join("..", "..", "examples", "lifecycle-*.txt"), func(t *testing.T, path, script string) {
		want, never := scripttest.Marks(script, consoleMark)
		if len(want) == 0 || len(never) == 0 {
			t.Fatalf("%s needs both %q and %q lines", path, scripttest.WantMark, scripttest.NeverMark)
		}
		_, real := runOnBothStores(t, path, consoleStart)
		scripttest.InOrder(t, real, want)
		scripttest.Never(t, real, never)
	})
}
