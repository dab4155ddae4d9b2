package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalCase is one question with the rule IDs that count as right.
type evalCase struct {
	want []string
	q    string
}

// readEval reads "ids<TAB>question" lines; # starts a comment.
func readEval(t testing.TB, path string) []evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ids, q, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s: no tab in %q", path, line)
		}
		out = append(out, evalCase{want: strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' }), q: q})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// evalResult holds top-1/top-3 accuracy of what Ask shows: the hits in band
// answer, otherwise the closest topics (in band unsure the first is offered
// as "I think you mean …" with its answer). Confident-and-right is measured
// by the issue-14 evaluation (eval_test.go).
type evalResult struct {
	n, top1, top3 int
	misses        []string
}

func (r evalResult) rate1() float64 { return float64(r.top1) / float64(r.n) }
func (r evalResult) rate3() float64 { return float64(r.top3) / float64(r.n) }

func evaluate(b *Book, cases []evalCase) evalResult {
	var r evalResult
	for _, c := range cases {
		r.n++
		a := b.Ask(c.q, 3)
		rank := -1
		for i, id := range shownIDs(a) {
			if contains(c.want, id) {
				rank = i
				break
			}
		}
		if rank == 0 {
			r.top1++
		}
		if rank >= 0 {
			r.top3++
		}
		if rank != 0 {
			r.misses = append(r.misses, describeMiss(c, a, rank))
		}
	}
	return r
}

func describeMiss(c evalCase, a Answer, rank int) string {
	var got []string
	for _, h := range a.Hits {
		got = append(got, h.Rule.ID)
	}
	for _, s := range a.Suggestions {
		got = append(got, "?"+s.ID)
	}
	return strings.Join(c.want, ",") + " rank " + itoa(rank) + " conf " + ftoa(a.Confidence) + " got " + strings.Join(got, " ") + " :: " + c.q
}

func mustDefault(t testing.TB) *Book {
	t.Helper()
	b, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return b
}

// devSetPath is the dev set beside the repo, or JW_DEV_SET when set (a
// worktree lives elsewhere).
func devSetPath() string {
	if p := os.Getenv("JW_DEV_SET"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "shared", "eval", "dev-questions.tsv")
}

func TestDevSetAccuracy(t *testing.T) {
	path := devSetPath()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("dev set %s not found (it lives beside the repo): %v", path, err)
	}
	checkFloors(t, "dev set", evaluate(mustDefault(t), readEval(t, path)), [2]float64{0.90, 1.0})
}

// checkFloors logs a set's figures and fails when it is under its floors
// (top-1, top-3), listing the misses.
func checkFloors(t *testing.T, name string, r evalResult, floor [2]float64) {
	t.Helper()
	t.Logf("%s: %d questions, top-1 %.1f%%, top-3 %.1f%%", name, r.n, 100*r.rate1(), 100*r.rate3())
	if r.rate1() < floor[0] || r.rate3() < floor[1] {
		for _, m := range r.misses {
			t.Logf("miss: %s", m)
		}
		t.Errorf("%s: top-1 %.3f (want >= %.2f), top-3 %.3f (want >= %.2f)", name, r.rate1(), floor[0], r.rate3(), floor[1])
	}
}

func TestOutOfScopeNotConfident(t *testing.T) {
	b := mustDefault(t)
	data, err := os.ReadFile(filepath.Join("testdata", "out-of-scope.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(string(data), "\n") {
		if q == "" || strings.HasPrefix(q, "#") {
			continue
		}
		a := b.Ask(q, 3)
		if a.Confident || len(a.Hits) > 0 {
			t.Errorf("Ask(%q) confident (%.2f) with %s; want not confident", q, a.Confidence, a.Hits[0].Rule.ID)
		}
		if len(a.Suggestions) == 0 {
			t.Errorf("Ask(%q): no suggestions offered", q)
		}
	}
}

// setFloors are the accuracy floors (top-1, top-3 of what is shown) of the
// question sets in testdata. heldout-questions.tsv was written before any
// tuning; practice-*.tsv are Slack-style questions split at random into a
// tuning half and a held-out half before tuning. Measured with the issue-14
// model: heldout-questions 100/100 %, tuning-questions 87.0/100 %,
// practice-tuning 95.2/99.0 %, practice-heldout 96.0/97.0 %; the floors
// leave a small margin.
var setFloors = map[string][2]float64{
	"heldout-questions.tsv": {0.95, 0.97},
	"tuning-questions.tsv":  {0.84, 0.97},
	"practice-tuning.tsv":   {0.92, 0.96},
	"practice-heldout.tsv":  {0.93, 0.94},
}

// practiceSets are the two halves of the practitioner questions.
var practiceSets = []string{"practice-tuning.tsv", "practice-heldout.tsv"}

func TestQuestionSets(t *testing.T) {
	b := mustDefault(t)
	for file, floor := range setFloors {
		checkFloors(t, file, evaluate(b, readEval(t, filepath.Join("testdata", file))), floor)
	}
}

// TestPracticeSetsCoverEveryRule: each half names every rule of the book
// among its expected answers at least once, so no rule goes unmeasured.
func TestPracticeSetsCoverEveryRule(t *testing.T) {
	b := mustDefault(t)
	for _, file := range practiceSets {
		seen := map[string]bool{}
		for _, c := range readEval(t, filepath.Join("testdata", file)) {
			for _, id := range c.want {
				if _, ok := b.Rule(id); !ok {
					t.Errorf("%s: unknown rule %q for %q", file, id, c.q)
				}
				seen[id] = true
			}
		}
		for _, r := range b.Rules() {
			if !seen[r.ID] {
				t.Errorf("%s: no question expects %s", file, r.ID)
			}
		}
	}
}

// offTopicCeilings is how many questions of each off-topic file Ask may be
// confident on: out-of-scope-tuning.txt shares words with the rulebook on
// purpose; the practice held-out half was measured at 1 of 27.
var offTopicCeilings = map[string]int{
	"out-of-scope-tuning.txt":       1,
	"offtopic-practice-tuning.txt":  1,
	"offtopic-practice-heldout.txt": 2,
}

func TestOffTopicCeilings(t *testing.T) {
	b := mustDefault(t)
	for file, ceiling := range offTopicCeilings {
		wrong, n := offTopicConfident(t, b, file)
		if strings.Contains(file, "tuning") { // held-out questions are never printed: nobody may tune on them
			t.Logf("%s: confident on %d of %d: %q", file, len(wrong), n, wrong)
		}
		if n < 15 || len(wrong) > ceiling {
			t.Errorf("%s: confident on %d of %d off-topic questions, want at most %d", file, len(wrong), n, ceiling)
		}
	}
}

// offTopicConfident returns the questions of an off-topic file Ask is
// confident on, and how many questions the file has.
func offTopicConfident(t testing.TB, b *Book, name string) ([]string, int) {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var wrong []string
	n := 0
	for _, q := range strings.Split(string(data), "\n") {
		if q == "" || strings.HasPrefix(q, "#") {
			continue
		}
		n++
		if a := b.Ask(q, 3); a.Confident {
			wrong = append(wrong, q+" -> "+a.Hits[0].Rule.ID)
		}
	}
	return wrong, n
}
