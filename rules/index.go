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

// k1 is the BM25 term-frequency saturation.
const k1 = 1.2

// Query weights (variables only so the calibration test can vary them).
var (
	bigramWeight   = 0.6  // query weight of a neighbouring-word pair
	conceptQW      = 1.25 // query weight of a topic concept token (it stands for all its synonyms)
	entityWeight   = 0.5  // query weight of a concept naming people, professions or places
	inEntityWeight = 0.7  // query weight of a word inside such a concept
)

var fields = [...]field{
	{key: true, weight: 3.0, b: 0.3, text: func(r *Rule) []string { return []string{r.Title} }},
	{key: true, weight: 2.0, b: 0.4, text: func(r *Rule) []string { return r.Terms }},
	{weight: 1.0, b: 0.75, text: func(r *Rule) []string { return []string{r.Answer, r.NextStep} }},
	{key: true, weight: 1.5, b: 0, text: func(r *Rule) []string { return []string{strings.NewReplacer(".", " ", "-", " ").Replace(r.ID)} }},
	{weight: 0.5, b: 0.3, text: func(r *Rule) []string { return []string{r.Section} }},
}

const nFields = len(fields)

// posting is one rule's precomputed BM25F weight for a term (idf included).
type posting struct {
	doc int
	w   float64
}

// bitset is a set of term IDs.
type bitset []uint64

func (b bitset) has(id int) bool { return id/64 < len(b) && b[id/64]&(1<<(id%64)) != 0 }
func (b bitset) set(id int)      { b[id/64] |= 1 << (id % 64) }

// index is an inverted index over the rules, with terms interned to IDs.
type index struct {
	n        int
	dict     map[string]int // term → ID
	post     [][]posting    // by term ID
	idfs     []float64      // by term ID
	docTerms []bitset       // by rule: every term it has
	docKey   []bitset       // by rule: terms in its title, terms or ID
	words    map[string]bool
	byLen    map[int][]string // known words by length, for typo fixes
	idfMax   float64
	stems    stemCache // read-only once built
	clf      *classifier
	uWords   []string    // utterance words typo fixes may land on (for the model file)
	cal      *calibrator // the band's calibrator; nil: the hand-set thresholds
}

// occurrence is one term seen in one field of a rule.
type occurrence struct {
	id    int
	field int
}

// newIndex analyses every field of every rule and precomputes BM25F weights.
// A model read from the model file (pre) replaces training.
func newIndex(rules []*Rule, pre *savedModel) *index {
	ix := &index{n: len(rules), dict: map[string]int{}, words: map[string]bool{}, byLen: map[int][]string{}, stems: stemCache{}}
	ix.addVocabulary()
	occs := make([][]occurrence, len(rules))
	lens := make([][nFields]float64, len(rules))
	var avg [nFields]float64
	for d, r := range rules {
		occs[d] = ix.docOccurrences(r, &lens[d])
		for f := range fields {
			avg[f] += lens[d][f] / float64(len(rules))
		}
	}
	for w := range ix.stems {
		ix.addWord(w)
	}
	ix.trainOrLoad(rules, pre)
	for l := range ix.byLen {
		sort.Strings(ix.byLen[l])
	}
	counts, df := ix.countTerms(occs)
	ix.post = make([][]posting, len(ix.dict))
	ix.idfs = make([]float64, len(ix.dict))
	for id := range ix.idfs {
		ix.idfs[id] = idf(ix.n, df[id])
		ix.post[id] = make([]posting, 0, df[id])
	}
	ix.idfMax = idf(ix.n, 0)
	for d := range rules {
		for _, c := range counts[d] {
			pseudo := 0.0
			for f, fd := range fields {
				norm := 1 - fd.b + fd.b*lens[d][f]/math.Max(avg[f], 1)
				pseudo += fd.weight * float64(c.tf[f]) / norm
			}
			w := ix.idfs[c.id] * pseudo / (k1 + pseudo)
			ix.post[c.id] = append(ix.post[c.id], posting{doc: d, w: w})
		}
	}
	return ix
}

// trainOrLoad sets the classifier, from pre when given, else trained on
// the rules' texts, and adds the utterance words a typo fix may land on.
func (ix *index) trainOrLoad(rules []*Rule, pre *savedModel) {
	if pre != nil {
		ix.clf, ix.uWords = pre.clf, pre.words
	} else {
		uStems := stemCache{}
		ix.clf = newClassifier(rules, uStems.get)
		set := map[string]bool{}
		for w, s := range uStems {
			if ix.clf.common[s] {
				set[w] = true
			}
		}
		ix.uWords = sortedWords(set)
	}
	for _, w := range ix.uWords {
		ix.addWord(w)
	}
}

// addVocabulary registers the words of concept forms and run-together
// words, so typo fixes can reach them.
func (ix *index) addVocabulary() {
	for w := range theAnalyser().words {
		ix.addWord(w)
	}
	for w := range splitWords {
		ix.addWord(w)
	}
}

// docOccurrences analyses one rule's fields into interned term occurrences
// (the same terms as analysis.terms, without building bigram strings).
func (ix *index) docOccurrences(r *Rule, lens *[nFields]float64) []occurrence {
	a := theAnalyser()
	out := make([]occurrence, 0, 256)
	var buf []byte
	for f, fd := range fields {
		for _, text := range fd.text(r) {
			n0 := len(out)
			an := a.analyse(tokenize(text), ix.stems.get)
			ci := an.content()
			for k, i := range ci {
				out = append(out, occurrence{id: ix.intern(an.toks[i].stem), field: f})
				if k > 0 && an.joined(ci[k-1], i) {
					buf = append(append(append(buf[:0], an.toks[ci[k-1]].stem...), ' '), an.toks[i].stem...)
					out = append(out, occurrence{id: ix.internBytes(buf), field: f})
				}
			}
			for _, c := range an.concepts {
				out = append(out, occurrence{id: ix.intern(c.token), field: f})
			}
			lens[f] += float64(len(out) - n0)
		}
	}
	return out
}

// termCounts is one term's frequency in each field of one rule.
type termCounts struct {
	id int32
	tf [nFields]float32
}

// countTerms groups occurrences per rule and term, fills the rules' term
// sets and returns the document frequency of every term.
func (ix *index) countTerms(occs [][]occurrence) ([][]termCounts, []int) {
	words := (len(ix.dict) + 63) / 64
	df := make([]int, len(ix.dict))
	counts := make([][]termCounts, len(occs))
	ix.docTerms = make([]bitset, len(occs))
	ix.docKey = make([]bitset, len(occs))
	for d, os := range occs {
		ix.docTerms[d], ix.docKey[d] = make(bitset, words), make(bitset, words)
		counts[d] = make([]termCounts, 0, len(os)/2+1)
		sort.Slice(os, func(i, j int) bool { return os[i].id < os[j].id })
		for _, o := range os {
			if k := len(counts[d]); k == 0 || int(counts[d][k-1].id) != o.id {
				counts[d] = append(counts[d], termCounts{id: int32(o.id)})
				df[o.id]++
				ix.docTerms[d].set(o.id)
			}
			counts[d][len(counts[d])-1].tf[o.field]++
			if fields[o.field].key {
				ix.docKey[d].set(o.id)
			}
		}
	}
	return counts, df
}

// internBytes is intern for a term in a scratch buffer (no allocation
// unless the term is new).
func (ix *index) internBytes(b []byte) int {
	if id, ok := ix.dict[string(b)]; ok {
		return id
	}
	return ix.intern(string(b))
}

// intern returns the ID of term t, adding it if new.
func (ix *index) intern(t string) int {
	if id, ok := ix.dict[t]; ok {
		return id
	}
	id := len(ix.dict)
	ix.dict[t] = id
	return id
}

func (ix *index) addWord(w string) {
	if ix.words[w] {
		return
	}
	ix.words[w] = true
	if len(w) >= 4 {
		ix.byLen[len(w)] = append(ix.byLen[len(w)], w)
	}
}

// idf is the BM25 inverse document frequency (always positive).
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// termID returns the ID of a term some rule has.
func (ix *index) termID(t string) (int, bool) {
	id, ok := ix.dict[t]
	return id, ok
}
