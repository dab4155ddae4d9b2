package rules

import (
	"math"
	"sort"
	"strings"
)

// Hit is a rule found by Search with its score (higher is better): the
// classifier's similarity fused with the BM25F score.
type Hit struct {
	Rule  *Rule
	Score float64
}

// DefaultTop is how many hits Search and Ask return when top <= 0.
const DefaultTop = 3

// query is a parsed question: weighted terms to score and the units (one per
// content word) used to judge confidence.
type query struct {
	terms map[string]float64
	units [][]string // per content word: the word's stem and the concepts over it
}

// parseParts analyses a question, split by questionParts, the same way
// rules were indexed. In a long message the story around the question
// counts bm25Story as much.
func (ix *index) parseParts(parts []part) query {
	q := query{terms: map[string]float64{}}
	for _, p := range parts {
		w := 1.0
		if !p.ask {
			w = bm25Story
		}
		ix.parsePart(&q, p.text, w)
	}
	return q
}

// bm25Story is the BM25F query weight of a long message's story sentences.
var bm25Story = 1.0

// parsePart adds the terms of one part of a question, weighted w, and its
// units.
func (ix *index) parsePart(q *query, text string, w float64) {
	words := ix.correct(tokenize(text))
	an := theAnalyser().analyse(words, ix.stems.lookup)
	ci := an.content()
	ww, span := an.wordWeights()
	for k, i := range ci {
		q.add(an.toks[i].stem, w*ww[i])
		if k > 0 && an.joined(ci[k-1], i) && (span[i] < 0 || span[i] != span[ci[k-1]]) {
			q.add(bigram(an.toks[ci[k-1]].stem, an.toks[i].stem), w*bigramWeight*math.Min(ww[i], ww[ci[k-1]]))
		}
	}
	for _, c := range an.concepts {
		if c.token == offTopicToken {
			continue // only judges confidence; never scores
		}
		cw := conceptQW
		if c.entity {
			cw = entityWeight
		}
		q.add(c.token, w*cw)
	}
	for i, t := range an.toks {
		if t.stop {
			continue
		}
		var alts []string
		if !t.dropped {
			alts = append(alts, t.stem)
		}
		for _, c := range an.concepts {
			if c.start <= i && i < c.end {
				alts = append(alts, c.token)
			}
		}
		q.units = append(q.units, alts)
	}
	for _, c := range an.concepts {
		if !c.entity && an.allStop(c.start, c.end) {
			q.units = append(q.units, []string{c.token}) // "does not want"
		}
	}
}

func (q *query) add(t string, w float64) {
	if w > q.terms[t] {
		q.terms[t] = w
	}
}

// scores returns the BM25F score of every rule for q.
func (ix *index) scores(q query) []float64 {
	acc := make([]float64, ix.n)
	for t, w := range q.terms {
		if id, ok := ix.termID(t); ok {
			for _, p := range ix.post[id] {
				acc[p.doc] += w * p.w
			}
		}
	}
	return acc
}

// ranked returns the indexes of rules with a positive score, best first
// (ties broken by rule ID order, which is the index order).
func ranked(acc []float64) []int {
	var idx []int
	for d, s := range acc {
		if s > 0 {
			idx = append(idx, d)
		}
	}
	sort.SliceStable(idx, func(i, j int) bool { return acc[idx[i]] > acc[idx[j]] })
	return idx
}

// Search ranks the rules for a question, best first, and returns at most top
// hits (DefaultTop when top <= 0). Only rules with a positive score are hits.
func (b *Book) Search(question string, top int) []Hit {
	return b.search(question, top).hits
}

// Fusion weights of the two models (variables so the calibration test can
// vary them): the classifier's similarity (0..1) plus bm25Weight times the
// BM25F score squashed to 0..1 (half way at bm25Half).
var (
	bm25Weight = 0.5
	bm25Half   = 4.0
	knnWeight  = 0.5
	lrWeight   = 1.0
)

// result is a ranked question with what confidence is judged on.
type result struct {
	hits        []Hit
	cov, keyCov float64 // share of the question the best rule matches (all fields; key fields)
	bm25        float64 // the best rule's BM25F score
	knn         float64 // the best rule's classifier similarity
	prob        float64 // the best rule's probability under the linear model
	off         float64 // the linear model's probability that no rule fits
	margin      float64 // fused score of the best minus the second
	offKnn      float64 // the nearest neighbours' similarity to the off-topic questions
	long        bool    // the question is a long message (storyWords or more)
	prob2, knn2 float64 // the second rule's probability and similarity
	askProb     float64 // in a long message, the best rule's probability reading the question sentence alone (else prob)
	agree       int     // how many of the three models (linear, nearest neighbours, BM25F) rank the best rule first
}

// search fuses BM25F over the rule text with the utterance classifier.
func (b *Book) search(question string, top int) result {
	if top <= 0 {
		top = DefaultTop
	}
	parts := questionParts(question) // split once: BM25F, the classifier and askProb read them
	q := b.idx.parseParts(parts)
	acc := b.idx.scores(q)
	knn, prob := b.idx.clf.scores(b.idx.partTerms(parts, storyWeight))
	fused := make([]float64, len(acc))
	for d := range fused {
		fused[d] = lrWeight*prob[d] + knnWeight*knn[d] + bm25Weight*acc[d]/(acc[d]+bm25Half)
	}
	order := ranked(fused)
	if len(order) == 0 {
		return result{}
	}
	var res result
	if len(prob) > len(acc) {
		res.off, res.offKnn = prob[len(acc)], knn[len(acc)]
	}
	res.cov, res.keyCov = b.idx.coverages(q, order[0])
	res.bm25, res.knn, res.prob = acc[order[0]], knn[order[0]], prob[order[0]]
	res.margin = fused[order[0]]
	if len(order) > 1 {
		res.margin -= fused[order[1]]
		res.prob2, res.knn2 = prob[order[1]], knn[order[1]]
	}
	res.long = len(strings.Fields(question)) >= storyWords
	res.askProb = res.prob
	if len(parts) > 1 {
		_, p := b.idx.clf.scores(b.idx.partTerms(parts, 0))
		res.askProb = p[order[0]]
	}
	res.agree = agreement(order[0], prob[:len(acc)], knn[:len(acc)], acc)
	if len(order) > top {
		order = order[:top]
	}
	res.hits = make([]Hit, len(order))
	for i, d := range order {
		res.hits[i] = Hit{Rule: b.rules[d], Score: math.Round(fused[d]*1e4) / 1e4}
	}
	return res
}

// coverages returns the share of the question's information (idf-weighted
// content words) that rule d matches anywhere, and the share it matches in
// its key fields (title, terms, ID). Words no rule knows weigh
// unknownWeight × the largest idf, so a question about something else
// ("reset my password") scores low.
func (ix *index) coverages(q query, d int) (float64, float64) {
	var total, matched, key float64
	for _, alts := range q.units {
		w, known, hit, inKey := 0.0, false, false, false
		if isOffTopic(alts) {
			total += offTopicWeight * ix.idfMax
			continue
		}
		for _, t := range alts {
			if id, ok := ix.termID(t); ok {
				known = true
				w = math.Max(w, ix.idfs[id])
				hit = hit || ix.docTerms[d].has(id)
				inKey = inKey || ix.docKey[d].has(id)
			}
		}
		if !known {
			w = unknownWeight * ix.idfMax
		}
		total += w
		if hit {
			matched += w
		}
		if inKey {
			key += w
		}
	}
	if total == 0 {
		return 0, 0
	}
	return matched / total, key / total
}

// offTopicToken is the concept token of words from outside the rulebook.
const offTopicToken = "~" + offTopicConcept

// isOffTopic reports whether a question word is inside an off-topic form.
func isOffTopic(alts []string) bool {
	for _, t := range alts {
		if t == offTopicToken {
			return true
		}
	}
	return false
}

// agreement counts the score lists whose best entry is d.
func agreement(d int, lists ...[]float64) int {
	n := 0
	for _, l := range lists {
		best := 0
		for i, s := range l {
			if s > l[best] {
				best = i
			}
		}
		if best == d && l[d] > 0 {
			n++
		}
	}
	return n
}
