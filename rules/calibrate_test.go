//go:build calibrate

// Development aids for tuning search, built only with -tags calibrate:
//
//	JW_EXPLAIN="question" go test -tags calibrate -run Explain -v ./rules
//	JW_PROBE="q1|q2" go test -tags calibrate -run Probe -v ./rules
//	JW_GRID=label JW_SET="ms=4 mc=0.4" JW_MISS=1 go test -tags calibrate -run GridReport -v ./rules

package rules

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestExplain prints per-term contributions for JW_EXPLAIN="question" (a
// development aid; skipped otherwise).
func TestExplain(t *testing.T) {
	q := os.Getenv("JW_EXPLAIN")
	if q == "" {
		t.Skip("set JW_EXPLAIN to a question")
	}
	b := mustDefault(t)
	pq := b.idx.parseParts(questionParts(q))
	fmt.Printf("terms: %v\nunits: %v\n", pq.terms, pq.units)
	acc := b.idx.scores(pq)
	for _, d := range ranked(acc)[:min(5, len(ranked(acc)))] {
		var parts []string
		for term, w := range pq.terms {
			id, _ := b.idx.termID(term)
			for _, p := range b.idx.post[id] {
				if p.doc == d {
					parts = append(parts, fmt.Sprintf("%s=%.2f", term, w*p.w))
				}
			}
		}
		sort.Strings(parts)
		fmt.Printf("%-34s %.2f cov %.2f  %s\n", b.rules[d].ID, acc[d], first(b.idx.coverages(pq, d)), strings.Join(parts, " "))
	}
}

// TestProbe prints Ask results for JW_PROBE (questions separated by "|").
func TestProbe(t *testing.T) {
	qs := os.Getenv("JW_PROBE")
	if qs == "" {
		t.Skip("set JW_PROBE")
	}
	b := mustDefault(t)
	for _, q := range strings.Split(qs, "|") {
		a := b.Ask(q, 3)
		var ids []string
		for _, h := range a.Hits {
			ids = append(ids, fmt.Sprintf("%s(%.1f)", h.Rule.ID, h.Score))
		}
		for _, s := range a.Suggestions {
			ids = append(ids, "?"+s.ID)
		}
		fmt.Printf("%-7s %.2f %-70s %s\n", a.Band, a.Confidence, q, strings.Join(ids, " "))
	}
}

func first(a, _ float64) float64 { return a }
