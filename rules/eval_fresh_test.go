package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// freshHeldOut is a blind evaluation set for issue 14: written from the
// rulebook's rule data and the spec only, by someone who had seen neither the
// training utterances nor any other evaluation set, and never run against
// the model while it was written. It is held out: never tune on it, never
// read its misses; this file only reports its figures (no floors yet).
var freshHeldOut = evalHalf{"fresh", "fresh-heldout.tsv", "fresh-offtopic.txt"}

// frozenFreshFiles pins the fresh set by SHA-256: it must never be edited.
var frozenFreshFiles = map[string]string{
	"fresh-heldout.tsv":  "990ed332b85cfae210c13497015dc6ece47fa503b5476a410d8f2d0a2c45e273",
	"fresh-offtopic.txt": "559024ab1a6ff22bff9f17dffbc2956c1a7e97d9da3aaedc3ca7d8a6ed505012",
}

// freshMinPerRule is how many questions of the fresh set each rule of the
// default book must be expected by.
const freshMinPerRule = 4

func TestEvalFreshIsFrozen(t *testing.T) {
	for name, want := range frozenFreshFiles {
		data, err := os.ReadFile(filepath.Join(evalDir, name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s changed (sha256 %s, frozen %s): the fresh evaluation set must not be edited", name, got, want)
		}
	}
}

// TestEvalFreshReport logs the fresh set's figures: the summary table, the
// per-rule table and the ten weakest rules. Report only: it asserts no floor,
// and it never prints individual misses (the set is held out).
//
//	go test -count=1 -run TestEvalFreshReport -v ./rules/
func TestEvalFreshReport(t *testing.T) {
	r := evalHalfReport(t, mustDefault(t), freshHeldOut)
	if r.all.n == 0 || r.offN == 0 {
		t.Fatalf("fresh set is empty: %d questions, %d off-topic", r.all.n, r.offN)
	}
	t.Log("\n" + summaryTable(r))
	t.Log("\n" + ruleTable(r))
}

// TestEvalFreshCoversEveryRule: every expected ID is a rule of the default
// book, every rule of the book is expected by at least freshMinPerRule
// questions, and no question is repeated within the set.
func TestEvalFreshCoversEveryRule(t *testing.T) {
	b := mustDefault(t)
	count := map[string]int{}
	seen := map[string]bool{}
	for _, c := range readEval(t, filepath.Join(evalDir, freshHeldOut.questions)) {
		if len(c.want) == 0 {
			t.Errorf("fresh set: no expected rule for %q", c.q)
		}
		for _, id := range c.want {
			if _, ok := b.Rule(id); !ok {
				t.Errorf("fresh set expects unknown rule %q for %q", id, c.q)
			}
			count[id]++
		}
		key := strings.ToLower(strings.TrimSpace(c.q))
		if seen[key] {
			t.Errorf("fresh set repeats a question: %q", c.q)
		}
		seen[key] = true
	}
	for _, r := range b.Rules() {
		if count[r.ID] < freshMinPerRule {
			t.Errorf("rule %s is expected by %d fresh questions, want at least %d", r.ID, count[r.ID], freshMinPerRule)
		}
	}
}

// freshKnownCollisions are fresh lines, written blind, that turned out on the
// first run (after the set was frozen) to match a line already in rulebook
// data or another evaluation file word for word: short generic questions
// written independently twice. They stay (the set is frozen); three of them
// are training data (the first three below), so the fresh figures are a
// little optimistic for those. Any NEW match fails the test.
var freshKnownCollisions = map[string]bool{
	"what does professional courtesy mean in joint work":         true, // rule utterances
	"what's the capital of australia":                            true, // off-topic utterances
	"who won the football last night":                            true, // off-topic utterances
	`what makes joint work "high level"`:                         true, // hard-heldout.tsv
	"what does section 6 of the care act say about co-operating": true, // heldout.tsv
	"lacey 2001 chaos thing?":                                    true, // tuning.tsv
}

// TestEvalFreshNotElsewhere: no fresh question (or off-topic line) is copied
// into the rulebook data or is a question of another evaluation file, so the
// set stays blind (apart from freshKnownCollisions).
func TestEvalFreshNotElsewhere(t *testing.T) {
	data, others := dataText(t), otherEvalQuestions(t)
	qs := readLines(t, filepath.Join(evalDir, freshHeldOut.offTopic))
	for _, c := range readEval(t, filepath.Join(evalDir, freshHeldOut.questions)) {
		qs = append(qs, c.q)
	}
	known := 0
	for _, q := range qs {
		n := normQ(q)
		if freshKnownCollisions[n] {
			known++
		} else if strings.Contains(data, n) || others[n] {
			t.Errorf("fresh question also found outside the fresh set: %q", q)
		}
	}
	if known != len(freshKnownCollisions) {
		t.Errorf("%d of %d known collisions are lines of the fresh set", known, len(freshKnownCollisions))
	}
}

func normQ(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// dataText is every file under rules/data, normalised and joined.
func dataText(t *testing.T) string {
	t.Helper()
	var sb strings.Builder
	err := filepath.WalkDir("data", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		sb.WriteString(normQ(string(b)) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// otherEvalQuestions is the set of questions (normalised) of every other
// file in the evaluation directory; TSV lines lose their expected IDs.
func otherEvalQuestions(t *testing.T) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(evalDir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range entries {
		if _, fresh := frozenFreshFiles[e.Name()]; fresh || e.IsDir() {
			continue
		}
		for _, line := range readLines(t, filepath.Join(evalDir, e.Name())) {
			if _, q, ok := strings.Cut(line, "\t"); ok && strings.HasSuffix(e.Name(), ".tsv") {
				line = q
			}
			out[normQ(line)] = true
		}
	}
	return out
}
