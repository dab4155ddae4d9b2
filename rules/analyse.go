package rules

import (
	"sort"
	"sync"
)

// phrase is one compiled surface form of a concept.
type phrase struct {
	stems   []string
	concept int
}

// analyser matches concept forms on stemmed token sequences.
type analyser struct {
	byFirst map[string][]phrase // first stem → phrases, longest first
	words   map[string]bool     // every raw word of every form
}

var theAnalyser = sync.OnceValue(newAnalyser)

func newAnalyser() *analyser {
	a := &analyser{byFirst: map[string][]phrase{}, words: map[string]bool{}}
	for ci, c := range concepts {
		for _, f := range c.forms {
			toks := tokenize(f)
			st := make([]string, len(toks))
			for i, t := range toks {
				st[i] = stem(t)
				a.words[t] = true
			}
			if len(st) > 0 {
				a.byFirst[st[0]] = append(a.byFirst[st[0]], phrase{stems: st, concept: ci})
			}
		}
	}
	for k, ps := range a.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].stems) > len(ps[j].stems) })
		a.byFirst[k] = ps
	}
	return a
}

// conceptHit is a concept found over tokens [start, end).
type conceptHit struct {
	token      string
	start, end int
}

// analysis is a text broken into tokens with stems, stop flags and concepts.
type analysis struct {
	words    []string
	stems    []string
	stop     []bool
	dropped  []bool
	concepts []conceptHit
}

// analyse tokenises, stems and finds concepts in already-tokenised words.
func (a *analyser) analyse(words []string) *analysis {
	n := len(words)
	an := &analysis{words: words, stems: make([]string, n), stop: make([]bool, n), dropped: make([]bool, n)}
	for i, w := range words {
		an.stems[i] = stem(w)
		an.stop[i] = stopWords[w]
	}
	covered := map[int]int{} // concept → covered up to (exclusive)
	for i := 0; i < n; i++ {
		for _, p := range a.byFirst[an.stems[i]] {
			if i < covered[p.concept] || !matchAt(an.stems, i, p.stems) {
				continue
			}
			end := i + len(p.stems)
			covered[p.concept] = end
			a.emit(an, p.concept, i, end)
		}
	}
	return an
}

// emit records one concept match (and its negated form, if any).
func (a *analyser) emit(an *analysis, ci, start, end int) {
	c := concepts[ci]
	an.concepts = append(an.concepts, conceptHit{token: "~" + c.name, start: start, end: end})
	if c.replace {
		for j := start; j < end; j++ {
			an.dropped[j] = true
		}
	}
	if c.negated != "" && negatedAt(an.words, start) {
		an.concepts = append(an.concepts, conceptHit{token: "~" + c.negated, start: start, end: end})
	}
}

func matchAt(stems []string, i int, p []string) bool {
	if i+len(p) > len(stems) {
		return false
	}
	for j, s := range p {
		if stems[i+j] != s {
			return false
		}
	}
	return true
}

// negatedAt reports a negation word among the three words before start.
func negatedAt(words []string, start int) bool {
	for j := start - 1; j >= 0 && j >= start-3; j-- {
		if negators[words[j]] {
			return true
		}
	}
	return false
}

// content returns the indexes of tokens that are scored as words.
func (an *analysis) content() []int {
	var idx []int
	for i := range an.stems {
		if !an.stop[i] && !an.dropped[i] {
			idx = append(idx, i)
		}
	}
	return idx
}

// terms returns the index terms: word stems, concept tokens and bigrams of
// neighbouring content words ("power attorney").
func (an *analysis) terms() []string {
	ci := an.content()
	out := make([]string, 0, 2*len(ci)+len(an.concepts))
	for k, i := range ci {
		out = append(out, an.stems[i])
		if k > 0 && an.joined(ci[k-1], i) {
			out = append(out, bigram(an.stems[ci[k-1]], an.stems[i]))
		}
	}
	for _, c := range an.concepts {
		out = append(out, c.token)
	}
	return out
}

func bigram(a, b string) string { return a + " " + b }

// joined reports whether content words i < j form a phrase: nothing but
// plain stop words (no breaker such as "and" or a comma) between them.
func (an *analysis) joined(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if breakers[an.words[k]] {
			return false
		}
	}
	return true
}
