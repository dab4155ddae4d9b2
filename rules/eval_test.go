package rules

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 14's evaluation: run the frozen set in testdata/eval through Ask.
//
//	go test -run TestEvalReport -v ./rules/                     # both halves and the hard set, per rule, worst ten
//	go test -run TestEvalReport -v ./rules/ -args -eval-report  # also the tuning half's misses
//
// JW_EVAL_REPORT=1 does what -eval-report does. The held-out half's
// individual misses are never printed: read only its figures, never tune on it.
var evalReportFlag = flag.Bool("eval-report", false, "print the issue-14 evaluation report with the tuning half's misses")

// Floors for the HELD-OUT half (testdata/eval/heldout.tsv and
// offtopic-heldout.txt), set at the figures measured with issue 14's model
// (utterance classifier fused with BM25F, calibrated bands), minus a small
// margin. Raise them as the answers improve; never lower them to make a
// change pass.
const (
	heldOutMinConfidentRight = 0.77  // share confident with the right rule on top (measured 0.815 with the doubled utterances and the calibrator veto; 0.722 before)
	heldOutMaxConfidentWrong = 0.035 // share confident with a wrong rule on top (measured 0.024)
	heldOutMinFirstShown     = 0.88  // share with the right rule first among what is shown (measured 0.907; 0.883 before)
	heldOutMinTopThreeShown  = 0.96  // share with the right rule among the three shown (measured 0.980; 0.961 before)
	heldOutMaxOffTopic       = 2     // off-topic questions answered confidently, of 45 (measured 0)
)

// evalHalf names the files of one half of the evaluation set.
type evalHalf struct{ name, questions, offTopic string }

var (
	tuningHalf  = evalHalf{"tuning", "tuning.tsv", "offtopic-tuning.txt"}
	heldOutHalf = evalHalf{"held-out", "heldout.tsv", "offtopic-heldout.txt"}
	// hardHeldOut is a second, harder held-out set written independently
	// (eval_hard_test.go holds its floors); never tune on it either.
	hardHeldOut = evalHalf{"hard-held-out", "hard-heldout.tsv", "offtopic-hard.txt"}
)

// readLines returns the non-empty lines of a file that are not # comments.
func readLines(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

func evalHalfReport(t testing.TB, b *Book, h evalHalf) setReport {
	t.Helper()
	cases := readEval(t, filepath.Join(evalDir, h.questions))
	return runEval(b, h.name, cases, readLines(t, filepath.Join(evalDir, h.offTopic)))
}

func TestEvalReport(t *testing.T) {
	detail := *evalReportFlag || os.Getenv("JW_EVAL_REPORT") != ""
	if !testing.Verbose() && !detail {
		t.Skip("report only: run with -v, or -args -eval-report, or JW_EVAL_REPORT=1")
	}
	b := mustDefault(t)
	tun, held := evalHalfReport(t, b, tuningHalf), evalHalfReport(t, b, heldOutHalf)
	hard := evalHalfReport(t, b, hardHeldOut)
	t.Log("\n" + summaryTable(tun, held, hard))
	t.Log("\n" + ruleTable(tun))
	t.Log("\n" + ruleTable(held))
	t.Log("\n" + ruleTable(hard))
	if detail {
		t.Log("tuning misses (expected <- shown):\n  " + strings.Join(tun.misses, "\n  "))
		t.Log("tuning off-topic answered confidently:\n  " + strings.Join(tun.offAnswers, "\n  "))
	}
}

func TestEvalHeldOutFloors(t *testing.T) {
	r := evalHalfReport(t, mustDefault(t), heldOutHalf)
	n := r.all.n
	checks := []struct {
		name    string
		got     float64
		limit   float64
		atLeast bool
	}{
		{"confident and right", share(r.all.right, n), heldOutMinConfidentRight, true},
		{"confident and wrong", share(r.all.wrong, n), heldOutMaxConfidentWrong, false},
		{"right first shown", share(r.all.first, n), heldOutMinFirstShown, true},
		{"right in three shown", share(r.all.three, n), heldOutMinTopThreeShown, true},
		{"off-topic confident", float64(len(r.offAnswers)), float64(heldOutMaxOffTopic), false},
	}
	failed := false
	for _, c := range checks {
		if (c.atLeast && c.got < c.limit) || (!c.atLeast && c.got > c.limit) {
			failed = true
			t.Errorf("held-out %s: %.3f, limit %.3f", c.name, c.got, c.limit)
		}
	}
	if failed {
		t.Log("\n" + summaryTable(r) + "\n" + ruleTable(r))
	}
}
