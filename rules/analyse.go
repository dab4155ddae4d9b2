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
	stems   map[string]string   // stems of those words
	tokens  []string            // "~name" per concept
	negs    []string            // "~negated" per concept, or ""
}

var theAnalyser = sync.OnceValue(newAnalyser)

func newAnalyser() *analyser {
	a := &analyser{byFirst: map[string][]phrase{}, words: map[string]bool{}, stems: map[string]string{}}
	for ci, c := range concepts {
		a.tokens = append(a.tokens, "~"+c.name)
		neg := ""
		if c.negated != "" {
			neg = "~" + c.negated
		}
		a.negs = append(a.negs, neg)
		for _, f := range c.forms {
			a.addForm(ci, f)
		}
	}
	for k, ps := range a.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].stems) > len(ps[j].stems) })
		a.byFirst[k] = ps
	}
	return a
}

func (a *analyser) addForm(ci int, form string) {
	toks := tokenize(form)
	st := make([]string, len(toks))
	for i, t := range toks {
		s, ok := a.stems[t]
		if !ok {
			s = stem(t)
			a.stems[t] = s
		}
		st[i] = s
		a.words[t] = true
	}
	if len(st) > 0 {
		a.byFirst[st[0]] = append(a.byFirst[st[0]], phrase{stems: st, concept: ci})
	}
}

// stemFunc stems one lower-case word.
type stemFunc func(string) string

// stemCache memoises stems while a book is built (one goroutine); the index
// keeps it read-only afterwards for questions.
type stemCache map[string]string

// get returns the stem of w, computing and keeping it if new.
func (c stemCache) get(w string) string {
	if s, ok := c[w]; ok {
		return s
	}
	s := stemKnown(w)
	c[w] = s
	return s
}

// lookup returns the stem of w without writing to the cache, so a built
// index can share it between goroutines.
func (c stemCache) lookup(w string) string {
	if s, ok := c[w]; ok {
		return s
	}
	return stemKnown(w)
}

// stemKnown stems w, reusing the analyser's stems of concept words.
func stemKnown(w string) string {
	if s, ok := theAnalyser().stems[w]; ok {
		return s
	}
	return stem(w)
}

// conceptHit is a concept found over tokens [start, end).
type conceptHit struct {
	token      string
	start, end int
	entity     bool
}

// tok is one analysed word.
type tok struct {
	stem          string
	stop, dropped bool
}

// analysis is a text broken into tokens with stems, stop flags and concepts.
type analysis struct {
	words    []string
	toks     []tok
	concepts []conceptHit
}

// analyse stems already-tokenised words and finds the concepts in them.
func (a *analyser) analyse(words []string, st stemFunc) *analysis {
	an := &analysis{words: words, toks: make([]tok, len(words))}
	for i, w := range words {
		an.toks[i] = tok{stem: st(w), stop: stopWords[w]}
	}
	var covered []conceptHit // last match per concept, to skip nested repeats
	for i := range an.toks {
		for _, p := range a.byFirst[an.toks[i].stem] {
			if coveredAt(covered, p.concept, i) || !an.matchAt(i, p.stems) {
				continue
			}
			end := i + len(p.stems)
			covered = append(covered, conceptHit{start: p.concept, end: end})
			a.emit(an, p.concept, i, end)
		}
	}
	return an
}

// coveredAt reports whether concept ci already matched over position i.
func coveredAt(covered []conceptHit, ci, i int) bool {
	for _, c := range covered {
		if c.start == ci && i < c.end {
			return true
		}
	}
	return false
}

// emit records one concept match (and its negated form, if any).
func (a *analyser) emit(an *analysis, ci, start, end int) {
	an.concepts = append(an.concepts, conceptHit{token: a.tokens[ci], start: start, end: end, entity: concepts[ci].entity})
	if concepts[ci].replace {
		for j := start; j < end; j++ {
			an.toks[j].dropped = true
		}
	}
	if a.negs[ci] != "" && negatedAt(an.words, start) {
		an.concepts = append(an.concepts, conceptHit{token: a.negs[ci], start: start, end: end})
	}
}

func (an *analysis) matchAt(i int, p []string) bool {
	if i+len(p) > len(an.toks) {
		return false
	}
	for j, s := range p {
		if an.toks[i+j].stem != s {
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

// wordWeights returns each word's query weight and the multi-word concept
// span it is in (-1 if none). A word inside an entity concept (a profession,
// a person, a place) counts less: it says who, not what about.
func (an *analysis) wordWeights() ([]float64, []int) {
	w := make([]float64, len(an.toks))
	span := make([]int, len(an.toks))
	for j := range w {
		w[j], span[j] = 1, -1
	}
	for k, c := range an.concepts {
		for j := c.start; j < c.end; j++ {
			if c.entity && inEntityWeight < w[j] {
				w[j] = inEntityWeight
			}
			if c.end-c.start > 1 && span[j] < 0 {
				span[j] = k
			}
		}
	}
	return w, span
}

// allStop reports whether tokens [start, end) are all stop words.
func (an *analysis) allStop(start, end int) bool {
	for j := start; j < end; j++ {
		if !an.toks[j].stop {
			return false
		}
	}
	return true
}

// content returns the indexes of tokens that are scored as words.
func (an *analysis) content() []int {
	idx := make([]int, 0, len(an.toks))
	for i, t := range an.toks {
		if !t.stop && !t.dropped {
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
		out = append(out, an.toks[i].stem)
		if k > 0 && an.joined(ci[k-1], i) {
			out = append(out, bigram(an.toks[ci[k-1]].stem, an.toks[i].stem))
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
