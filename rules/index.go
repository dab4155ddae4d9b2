package rules

import (
	"math"
	"sort"
	"strings"
)

// field is one searchable part of a rule with its BM25F weight and length
// normalisation.
type field struct {
	key       bool // a field practitioners' words are written into (title, terms, ID)
	weight, b float64
	text      func(r *Rule) []string
}

// BM25F settings. Titles, terms and IDs weigh more than the answer text.
const (
	k1           = 1.2
	bigramWeight = 0.6 // query weight of a neighbouring-word pair
	conceptQW    = 1.0 // query weight of a concept token
)

var fields = []field{
	{key: true, weight: 3.0, b: 0.3, text: func(r *Rule) []string { return []string{r.Title} }},
	{key: true, weight: 2.0, b: 0.4, text: func(r *Rule) []string { return r.Terms }},
	{weight: 1.0, b: 0.75, text: func(r *Rule) []string { return []string{r.Answer, r.NextStep} }},
	{key: true, weight: 1.5, b: 0, text: func(r *Rule) []string { return []string{strings.NewReplacer(".", " ", "-", " ").Replace(r.ID)} }},
	{weight: 0.5, b: 0.3, text: func(r *Rule) []string { return []string{r.Section} }},
}

// posting is one rule's precomputed BM25F weight for a term (idf included).
type posting struct {
	doc int
	w   float64
}

// index is an inverted index over the rules.
type index struct {
	n        int
	post     map[string][]posting
	docTerms []map[string]bool
	docKey   []map[string]bool // terms in a rule's title, terms or ID
	words    map[string]bool   // raw words known to the book, for typo fixes
	byLen    map[int][]string
	idfMax   float64
}

// newIndex analyses every field of every rule and precomputes BM25F weights.
func newIndex(rules []*Rule) *index {
	a := theAnalyser()
	ix := &index{n: len(rules), post: map[string][]posting{}, words: map[string]bool{}, byLen: map[int][]string{}}
	for w := range a.words {
		ix.addWord(w)
	}
	tf := make([][]map[string]float64, len(rules)) // doc → field → term → count
	avg := make([]float64, len(fields))
	lens := make([][]float64, len(rules))
	for d, r := range rules {
		tf[d], lens[d] = ix.docFields(a, r)
		for f := range fields {
			avg[f] += lens[d][f] / float64(len(rules))
		}
	}
	ix.docTerms = make([]map[string]bool, len(rules))
	ix.docKey = make([]map[string]bool, len(rules))
	df := map[string]int{}
	for d := range rules {
		ix.docTerms[d] = map[string]bool{}
		ix.docKey[d] = map[string]bool{}
		for f, fd := range fields {
			for t := range tf[d][f] {
				if fd.key {
					ix.docKey[d][t] = true
				}
				if !ix.docTerms[d][t] {
					ix.docTerms[d][t] = true
					df[t]++
				}
			}
		}
	}
	ix.idfMax = idf(ix.n, 0)
	for d := range rules {
		for t := range ix.docTerms[d] {
			pseudo := 0.0
			for f, fd := range fields {
				norm := 1 - fd.b + fd.b*lens[d][f]/math.Max(avg[f], 1)
				pseudo += fd.weight * tf[d][f][t] / norm
			}
			w := idf(ix.n, df[t]) * pseudo / (k1 + pseudo)
			ix.post[t] = append(ix.post[t], posting{doc: d, w: w})
		}
	}
	for l := range ix.byLen {
		sort.Strings(ix.byLen[l])
	}
	return ix
}

// docFields analyses each field of one rule into term counts and lengths.
func (ix *index) docFields(a *analyser, r *Rule) ([]map[string]float64, []float64) {
	counts := make([]map[string]float64, len(fields))
	lens := make([]float64, len(fields))
	for f, fd := range fields {
		counts[f] = map[string]float64{}
		for _, text := range fd.text(r) {
			words := tokenize(text)
			for _, w := range words {
				ix.addWord(w)
			}
			for _, t := range a.analyse(words).terms() {
				counts[f][t]++
				lens[f]++
			}
		}
	}
	return counts, lens
}

func (ix *index) addWord(w string) {
	if !ix.words[w] && len(w) >= 4 {
		ix.byLen[len(w)] = append(ix.byLen[len(w)], w)
	}
	ix.words[w] = true
}

// idf is the BM25 inverse document frequency (always positive).
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// idfOf returns a term's idf, or false if no rule has it.
func (ix *index) idfOf(t string) (float64, bool) {
	p := ix.post[t]
	if len(p) == 0 {
		return 0, false
	}
	return idf(ix.n, len(p)), true
}
