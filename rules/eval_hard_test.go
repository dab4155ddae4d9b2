package rules

import "testing"

// Floors for the HARD held-out set (testdata/eval/hard-heldout.tsv and
// offtopic-hard.txt): questions written independently of the first set, in
// the style of real messages (long stories, shorthand, slang, typos, negative
// and indirect framings). Set at the figures measured on the search as it was
// before issue 14's model, minus a small margin. Raise them as the answers
// improve; never lower them to make a change pass, and never tune on this set.
const (
	hardMinConfidentRight = 0.74 // share confident with the right rule on top (measured 0.773 with the doubled utterances and the calibrator veto; 0.705 before)
	hardMaxConfidentWrong = 0.03 // share confident with a wrong rule on top (measured 0.009)
	hardMinFirstShown     = 0.88 // share with the right rule first among what is shown (measured 0.905; 0.886 before)
	hardMinTopThreeShown  = 0.97 // share with the right rule among the three shown (measured 0.991; 0.977 before)
	hardMaxOffTopic       = 3    // off-topic questions answered confidently, of 60 (measured 2)
)

// floorCheck is one headline figure of a set against its limit.
type floorCheck struct {
	name    string
	got     float64
	limit   float64
	atLeast bool
}

// failedFloors reports every check that is past its limit and says whether any was.
func failedFloors(t *testing.T, set string, checks []floorCheck) bool {
	t.Helper()
	failed := false
	for _, c := range checks {
		if (c.atLeast && c.got < c.limit) || (!c.atLeast && c.got > c.limit) {
			failed = true
			t.Errorf("%s %s: %.3f, limit %.3f", set, c.name, c.got, c.limit)
		}
	}
	return failed
}

// TestEvalHardHeldOutFloors holds the hard held-out set to its floors. On a
// failure it prints the figures and the per-rule table, never the questions.
func TestEvalHardHeldOutFloors(t *testing.T) {
	r := evalHalfReport(t, mustDefault(t), hardHeldOut)
	n := r.all.n
	if n < 200 || r.offN < 50 {
		t.Fatalf("hard held-out set too small: %d questions, %d off-topic", n, r.offN)
	}
	checks := []floorCheck{
		{"confident and right", share(r.all.right, n), hardMinConfidentRight, true},
		{"confident and wrong", share(r.all.wrong, n), hardMaxConfidentWrong, false},
		{"right first shown", share(r.all.first, n), hardMinFirstShown, true},
		{"right in three shown", share(r.all.three, n), hardMinTopThreeShown, true},
		{"off-topic confident", float64(len(r.offAnswers)), float64(hardMaxOffTopic), false},
	}
	if failedFloors(t, "hard-held-out", checks) {
		t.Log("\n" + summaryTable(r) + "\n" + ruleTable(r))
	}
}

// TestEvalHardCoversEveryRule checks the hard set names only real rules and
// asks about every spec rule at least three times. Rules added after the set
// was frozen (the children's-law rules) are measured by other sets: the
// frozen files never change.
func TestEvalHardCoversEveryRule(t *testing.T) {
	b := mustDefault(t)
	count := map[string]int{}
	for _, c := range readEval(t, evalDir+"/"+hardHeldOut.questions) {
		for _, id := range c.want {
			if _, ok := b.Rule(id); !ok {
				t.Errorf("hard held-out set expects unknown rule %q", id)
			}
			count[id]++
		}
	}
	for _, id := range SpecIDs() {
		if count[id] < 3 {
			t.Errorf("rule %s is expected by %d hard held-out questions, want at least 3", id, count[id])
		}
	}
}
