package rules

import (
	"math"
	"strings"
	"testing"
)

// FuzzSearch: any question, no panic; hits come only from the book, have
// finite positive scores, best first, at most top.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "LPA", "can I take the OT on a visit if she said no?", "s.42 co-ordination multi-agency",
		"doesn't won't can't", "safegaurding", "’‘`", "- -- ---", "level 1 level 2", "\x00\xff", "ééé ñ 日本語",
		strings.Repeat("consent ", 200), "no no no deputy deputy", "a-b-c-d co-", "s.", "s.42.42"} {
		f.Add(s, 3)
	}
	b, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string, top int) {
		top %= 60
		hits := b.Search(q, top)
		want := top
		if top <= 0 {
			want = DefaultTop
		}
		if len(hits) > want {
			t.Fatalf("Search(%q, %d) gave %d hits", q, top, len(hits))
		}
		for i, h := range hits {
			r, ok := b.Rule(h.Rule.ID)
			if !ok || r != h.Rule {
				t.Fatalf("hit %q is not a rule of the book", h.Rule.ID)
			}
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) || h.Score <= 0 || (i > 0 && h.Score > hits[i-1].Score) {
				t.Fatalf("bad score order %v", hits)
			}
		}
		a := b.Ask(q, top)
		if a.Confident != (len(a.Hits) > 0) || (!a.Confident && len(a.Suggestions) == 0) {
			t.Fatalf("Ask(%q): confident %v, %d hits, %d suggestions", q, a.Confident, len(a.Hits), len(a.Suggestions))
		}
		for _, r := range a.Suggestions {
			if _, ok := b.Rule(r.ID); !ok {
				t.Fatalf("suggestion %q is not a rule", r.ID)
			}
		}
	})
}

// FuzzParseFacts: any text, no panic; accepted facts hold only allowed
// values, round-trip through Pairs, and decide to rules in the book.
func FuzzParseFacts(f *testing.F) {
	for _, s := range []string{"capacity=yes consent=yes direct=yes", "subject=carer consent=no", "", "=", "capacity==yes",
		"--best_interest=Y", "attorney=consent", "consent=? capacity=unsure", "x=y", "capacity=yes capacity=no"} {
		f.Add(s)
	}
	b, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := ParseFacts(strings.Fields(s))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for _, k := range factKeys {
			if v := facts.Get(k); v != "" && !contains(factValues[k], v) {
				t.Fatalf("%s=%q accepted", k, v)
			}
		}
		back, err := ParseFacts(facts.Pairs())
		if err != nil || back != facts {
			t.Fatalf("round trip %v: %+v, %v", facts.Pairs(), back, err)
		}
		d := Decide(facts)
		if len(d.Rules) == 0 {
			t.Fatal("decision without rules")
		}
		for _, id := range d.Rules {
			if _, ok := b.Rule(id); !ok {
				t.Fatalf("decision cites unknown rule %s", id)
			}
		}
	})
}
