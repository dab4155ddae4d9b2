//go:build calibrate

package rules

import (
	"os"
	"path/filepath"
	"testing"
)

// The tuning aids' shared preamble and question sets (all tuning data: the
// held-out files are read only by TestTune14's aggregate figures).
var (
	// olderTuningFiles are the tuning question sets from before issue 14.
	olderTuningFiles = []string{"tuning-questions.tsv", "practice-tuning.tsv"}
	// olderOffFiles are the off-topic tuning sets from before issue 14.
	olderOffFiles = []string{"offtopic-practice-tuning.txt", "out-of-scope-tuning.txt", "offtopic-near-dev.txt"}
)

// tuningBook skips t unless the environment variable env is set, applies
// JW_SET (see setVars) and returns the default book.
func tuningBook(t *testing.T, env string) *Book {
	t.Helper()
	if os.Getenv(env) == "" {
		t.Skip("set " + env + "=1")
	}
	setVars()
	return mustDefault(t)
}

// tuningCases returns the eval set's tuning half.
func tuningCases(t testing.TB) []evalCase {
	return readEval(t, filepath.Join(evalDir, tuningHalf.questions))
}

// evalLines returns the questions of a file in testdata/eval.
func evalLines(t testing.TB, name string) []string {
	return readLines(t, filepath.Join(evalDir, name))
}

// olderCases returns the questions of the older tuning sets.
func olderCases(t testing.TB) []evalCase {
	var out []evalCase
	for _, f := range olderTuningFiles {
		out = append(out, readEval(t, filepath.Join("testdata", f))...)
	}
	return out
}

// olderOff returns the questions of the older off-topic tuning sets.
func olderOff(t testing.TB) []string {
	var out []string
	for _, f := range olderOffFiles {
		out = append(out, readLines(t, filepath.Join("testdata", f))...)
	}
	return out
}

// allOffTuning returns every off-topic tuning question: the eval tuning
// half's, then the older sets'.
func allOffTuning(t testing.TB) []string {
	return append(evalLines(t, tuningHalf.offTopic), olderOff(t)...)
}
