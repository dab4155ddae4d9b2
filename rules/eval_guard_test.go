package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJudge(t *testing.T) {
	r := func(id string) *Rule { return &Rule{ID: id} }
	hits := func(ids ...string) []Hit {
		var hs []Hit
		for _, id := range ids {
			hs = append(hs, Hit{Rule: r(id)})
		}
		return hs
	}
	tests := []struct {
		name string
		a    Answer
		want []string
		out  askOutcome
	}{
		{"confident right", Answer{Confident: true, Hits: hits("a", "b")}, []string{"a"},
			askOutcome{confident: true, topID: "a", right: true, firstShown: true, inShown: true}},
		{"confident wrong, right second", Answer{Confident: true, Hits: hits("b", "a")}, []string{"a"},
			askOutcome{confident: true, topID: "b", inShown: true}},
		{"any expected ID counts", Answer{Confident: true, Hits: hits("c")}, []string{"a", "c"},
			askOutcome{confident: true, topID: "c", right: true, firstShown: true, inShown: true}},
		{"unsure, right suggested first", Answer{Suggestions: []*Rule{r("a"), r("b")}}, []string{"a"},
			askOutcome{firstShown: true, inShown: true}},
		{"unsure, right fourth is not shown", Answer{Suggestions: []*Rule{r("x"), r("y"), r("z"), r("a")}}, []string{"a"},
			askOutcome{}},
		{"hits ignored when unsure", Answer{Hits: hits("a"), Suggestions: []*Rule{r("b")}}, []string{"a"},
			askOutcome{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := judge(tt.a, tt.want); got != tt.out {
				t.Errorf("judge = %+v, want %+v", got, tt.out)
			}
		})
	}
}

func TestTallyAndWorstRules(t *testing.T) {
	r := setReport{perRule: map[string]*tally{
		"good": {n: 4, right: 4, three: 4}, "bad": {n: 4, right: 1, three: 2},
		"worse": {n: 2, right: 0, three: 2}, "worst": {n: 2, right: 0, three: 0},
	}}
	got := strings.Join(r.worstRules(3), " ")
	if want := "worst worse bad"; got != want {
		t.Errorf("worstRules = %q, want %q", got, want)
	}
	var tl tally
	for _, o := range []askOutcome{{confident: true, right: true, firstShown: true, inShown: true}, {confident: true, inShown: true}, {}} {
		tl.add(o)
	}
	if want := (tally{n: 3, right: 1, wrong: 1, first: 1, three: 2}); tl != want {
		t.Errorf("tally = %+v, want %+v", tl, want)
	}
}

// evalCoveredIDs are the rules every half of the evaluation set expects at
// least once: the spec IDs and the rulebook's two finer consent rules. (Rules
// added later, such as finer splits, are measured through the rule IDs they
// refine: the frozen set cannot grow.)
var evalCoveredIDs = append(SpecIDs(), "consent.refused", "consent.capacity")

// TestEvalSetCoversEveryRule: each half expects every spec rule at least
// once, names only real rules, and no question is in both halves.
func TestEvalSetCoversEveryRule(t *testing.T) {
	b := mustDefault(t)
	inHalf := map[string]string{}
	for _, h := range []evalHalf{tuningHalf, heldOutHalf} {
		seen := map[string]bool{}
		for _, c := range readEval(t, filepath.Join(evalDir, h.questions)) {
			for _, id := range c.want {
				if _, ok := b.Rule(id); !ok {
					t.Errorf("%s: unknown rule %q for %q", h.questions, id, c.q)
				}
				seen[id] = true
			}
			inHalf[strings.ToLower(c.q)] += h.name + " "
		}
		for _, q := range readLines(t, filepath.Join(evalDir, h.offTopic)) {
			inHalf[strings.ToLower(q)] += h.name + " "
		}
		for _, id := range evalCoveredIDs {
			if !seen[id] {
				t.Errorf("%s: no question expects %s", h.questions, id)
			}
		}
	}
	for q, halves := range inHalf {
		if strings.Count(halves, " ") > 1 {
			t.Errorf("question in more than one place (%s): %q", halves, q)
		}
	}
}

// TestEvalQuestionsNotInRulebookData: no evaluation question may be copied
// into the rulebook data (rules, terms or training utterances).
func TestEvalQuestionsNotInRulebookData(t *testing.T) {
	var data strings.Builder
	err := filepath.WalkDir("data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		data.WriteString(strings.ToLower(strings.Join(strings.Fields(string(b)), " ")) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	all := data.String()
	for _, h := range []evalHalf{tuningHalf, heldOutHalf} {
		var qs []string
		for _, c := range readEval(t, filepath.Join(evalDir, h.questions)) {
			qs = append(qs, c.q)
		}
		qs = append(qs, readLines(t, filepath.Join(evalDir, h.offTopic))...)
		for _, q := range qs {
			if norm := strings.ToLower(strings.Join(strings.Fields(q), " ")); strings.Contains(all, norm) {
				t.Errorf("%s question copied into rules/data: %q", h.name, q)
			}
		}
	}
}
