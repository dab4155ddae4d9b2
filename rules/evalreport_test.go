package rules

import (
	"fmt"
	"sort"
	"strings"
)

// This file scores Ask on the issue-14 evaluation set (testdata/eval) and
// formats the report; eval_test.go runs it and holds the floors.

// askOutcome is how one answer fared against the expected rule IDs.
type askOutcome struct {
	confident  bool
	topID      string // the answer's top hit when confident, else ""
	right      bool   // confident and the top hit is expected
	firstShown bool   // the first rule shown is expected
	inShown    bool   // an expected rule is among the three shown
}

// shownIDs is what the practitioner sees: the hits when Ask is confident,
// otherwise the suggested closest topics; at most three.
func shownIDs(a Answer) []string {
	var ids []string
	if a.Confident {
		for _, h := range a.Hits {
			ids = append(ids, h.Rule.ID)
		}
	} else {
		for _, r := range a.Suggestions {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) > 3 {
		ids = ids[:3]
	}
	return ids
}

// judge scores one answer against the rule IDs that count as right.
func judge(a Answer, want []string) askOutcome {
	o := askOutcome{confident: a.Confident}
	if a.Confident && len(a.Hits) > 0 {
		o.topID = a.Hits[0].Rule.ID
		o.right = contains(want, o.topID)
	}
	for i, id := range shownIDs(a) {
		if contains(want, id) {
			o.firstShown = o.firstShown || i == 0
			o.inShown = true
		}
	}
	return o
}

// tally counts outcomes for a set of questions or for one rule.
type tally struct {
	n, right, wrong, first, three int
}

func (t *tally) add(o askOutcome) {
	t.n++
	if o.right {
		t.right++
	} else if o.confident {
		t.wrong++
	}
	if o.firstShown {
		t.first++
	}
	if o.inShown {
		t.three++
	}
}

func share(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// setReport is the evaluation of one half: the totals, a tally per rule
// (by the question's first expected ID), how often each rule was the top
// answer when it was wrong, and the off-topic questions answered confidently.
type setReport struct {
	name       string
	all        tally
	perRule    map[string]*tally
	falseTop   map[string]int
	misses     []string
	offN       int
	offAnswers []string
}

// runEval asks every question of one half and every off-topic question.
func runEval(b *Book, name string, cases []evalCase, offTopic []string) setReport {
	r := setReport{name: name, perRule: map[string]*tally{}, falseTop: map[string]int{}}
	for _, c := range cases {
		a := b.Ask(c.q, 3)
		o := judge(a, c.want)
		r.all.add(o)
		t := r.perRule[c.want[0]]
		if t == nil {
			t = &tally{}
			r.perRule[c.want[0]] = t
		}
		t.add(o)
		if o.confident && !o.right {
			r.falseTop[o.topID]++
		}
		if !o.right {
			r.misses = append(r.misses, strings.Join(c.want, ",")+" <- shown "+strings.Join(shownIDs(a), " ")+
				fmt.Sprintf(" (confident %v) :: %s", a.Confident, c.q))
		}
	}
	for _, q := range offTopic {
		r.offN++
		if a := b.Ask(q, 3); a.Confident {
			r.offAnswers = append(r.offAnswers, a.Hits[0].Rule.ID+" :: "+q)
			r.falseTop[a.Hits[0].Rule.ID]++
		}
	}
	return r
}

// worstRules lists up to n rules, weakest first: lowest confident-right
// share, then lowest right-in-three share, then most questions.
func (r setReport) worstRules(n int) []string {
	ids := make([]string, 0, len(r.perRule))
	for id := range r.perRule {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := r.perRule[ids[i]], r.perRule[ids[j]]
		if ra, rb := share(a.right, a.n), share(b.right, b.n); ra != rb {
			return ra < rb
		}
		if ta, tb := share(a.three, a.n), share(b.three, b.n); ta != tb {
			return ta < tb
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return ids[i] < ids[j]
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}

// pct formats k of n as a percentage with the counts.
func pct(k, n int) string {
	return fmt.Sprintf("%5.1f %% (%d/%d)", 100*share(k, n), k, n)
}

// summaryTable prints the headline figures of the halves side by side, in
// the layout of issue 14.
func summaryTable(reps ...setReport) string {
	var sb strings.Builder
	sb.WriteString("| |")
	for _, r := range reps {
		fmt.Fprintf(&sb, " %s |", r.name)
	}
	sb.WriteString("\n| --- |" + strings.Repeat(" --- |", len(reps)) + "\n")
	rows := []struct {
		label string
		cell  func(r setReport) string
	}{
		{"questions", func(r setReport) string { return fmt.Sprint(r.all.n) }},
		{"confident and right (top answer)", func(r setReport) string { return pct(r.all.right, r.all.n) }},
		{"confident and wrong", func(r setReport) string { return pct(r.all.wrong, r.all.n) }},
		{"right rule first among what is shown", func(r setReport) string { return pct(r.all.first, r.all.n) }},
		{"right rule anywhere in the three shown", func(r setReport) string { return pct(r.all.three, r.all.n) }},
		{"off-topic answered confidently", func(r setReport) string { return pct(len(r.offAnswers), r.offN) }},
	}
	for _, row := range rows {
		sb.WriteString("| " + row.label + " |")
		for _, r := range reps {
			sb.WriteString(" " + row.cell(r) + " |")
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// ruleTable prints the per-rule breakdown of one half, rules in ID order,
// then the ten weakest rules. "wrong top" counts the times the rule was the
// confident answer to a question (or off-topic question) it does not answer.
func ruleTable(r setReport) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s, per rule (by first expected ID):\n", r.name)
	fmt.Fprintf(&sb, "  %-34s %3s %6s %6s %6s %6s %9s\n", "rule", "n", "right", "wrong", "first", "top3", "wrong top")
	ids := make([]string, 0, len(r.perRule))
	for id := range r.perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		t := r.perRule[id]
		fmt.Fprintf(&sb, "  %-34s %3d %6d %6d %6d %6d %9d\n", id, t.n, t.right, t.wrong, t.first, t.three, r.falseTop[id])
	}
	fmt.Fprintf(&sb, "%s, worst ten rules (confident-right, then top-3):\n", r.name)
	for i, id := range r.worstRules(10) {
		t := r.perRule[id]
		fmt.Fprintf(&sb, "  %2d. %-34s right %d/%d, wrong %d, top-3 %d/%d\n", i+1, id, t.right, t.n, t.wrong, t.three, t.n)
	}
	return sb.String()
}
