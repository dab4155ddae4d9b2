package rules

// Confidence thresholds, calibrated on the dev set, the tuning questions and
// the out-of-scope questions (variables only so the calibration test can
// vary them).
var (
	unknownWeight  = 0.8  // weight of a word no rule knows, as a share of the largest idf
	offTopicWeight = 1.5  // weight of a word from outside the rulebook (pay, password, dose…), likewise
	minCoverage    = 0.40 // share of the question the best rule must match
	minScore       = 4.0  // BM25F score the best rule must reach …
	fullCoverage   = 0.9  // … unless it matches this much of the question in its key fields
	minScoreFull   = 1.5  // and reaches this score (short questions such as "consent")
	relCut         = 0.1  // Ask drops hits scoring under this share of the best one
)

// Band thresholds on the best rule's fused score (see search), its lead
// over the second rule, its probability under the linear model and the
// probability of the model's "none of the rules" (off-topic) class, chosen
// on the tuning half of the evaluation set for at most 2.5 % confident and
// wrong there, and on the calibrator's probability that the rule is right
// (variables so the calibration test can vary them).
var (
	answerCalib   = 0.5  // band answer only when the calibrator gives the best rule this probability of being right (more likely right than wrong) …
	answerScore   = 0.8  // … from this fused score …
	answerMargin  = 0.3  // … when it leads the second rule by this much
	agreeMargin   = 0.2  // … or by this much when all three models rank it first,
	agreeProb     = 0.35 // with this probability under the linear model
	longMargin    = 0.25 // in a long message (storyWords or more), the lead needed …
	longProb      = 0.4  // … the probability …
	longOff       = 0.1  // … and under this probability of "none of the rules"
	answerProb    = 0.4  // … and the linear model gives it this probability
	answerCov     = 0.15 // … and it matches this share of the question's words
	answerOff     = 0.3  // … and gives "none of the rules" less than this
	answerKnnLead = 0.08 // … and its nearest neighbours are this much closer than the off-topic questions
	unsureScore   = 0.7  // under this the band is unknown
	unsureCov     = 0.1  // likewise for the share of the question the best rule matches
	unsureOff     = 0.5  // from this probability of "none of the rules" the band is unknown
)

// Bands of an answer.
const (
	BandAnswer  = "answer"  // confident: give the answer
	BandUnsure  = "unsure"  // "I think you mean X": the answer, with Yes / Show other topics
	BandUnknown = "unknown" // "I don't know": the closest topics only
)

// suggestCount is how many closest topics an answer always carries.
const suggestCount = 3

// confident applies the rule-text thresholds to the best hit's BM25F score
// and coverage (used when the book has no utterances).
func confident(score, cov, keyCov float64) bool {
	if cov < minCoverage {
		return false
	}
	if score >= minScore {
		return true
	}
	return keyCov >= fullCoverage && score >= minScoreFull
}

// band judges a search result.
func (b *Book) band(r result) string {
	if len(r.hits) == 0 {
		return BandUnknown
	}
	if b.idx.clf.empty() {
		if confident(r.bm25, r.cov, r.keyCov) {
			return BandAnswer
		}
		return BandUnknown
	}
	s := r.hits[0].Score
	switch {
	case s >= answerScore && r.lead() && r.cov >= answerCov && r.off < answerOff && r.knn-r.offKnn >= answerKnnLead && b.idx.calibrated(r) >= answerCalib:
		return BandAnswer
	case s < unsureScore || r.cov < unsureCov || r.off >= unsureOff:
		return BandUnknown
	}
	return BandUnsure
}

// lead reports whether the best rule leads the others clearly enough to
// answer: by answerMargin, or by agreeMargin when the three models agree,
// or by longMargin in a long message that is clearly on topic (a story
// spreads the question's evidence over many words, so the lead is smaller).
func (r result) lead() bool {
	if r.long && r.off < longOff && r.margin >= longMargin && r.prob >= longProb {
		return true
	}
	if r.agree == 3 {
		return r.margin >= agreeMargin && r.prob >= agreeProb
	}
	return r.margin >= answerMargin && r.prob >= answerProb
}

// Answer is what Ask found. Band says how sure it is; Hits are given only
// in band answer (then Confident is true); Suggestions always hold the
// closest topics, best first (in band unsure the first is "I think you mean").
// Decision is set when the question states consent facts.
type Answer struct {
	Question    string
	Band        string
	Confident   bool
	Confidence  float64   // share of the question the best rule matches, 0..1
	Hits        []Hit     // best first; empty unless Band is BandAnswer
	Suggestions []*Rule   // the closest topics, best first
	Facts       Facts     // consent facts read from the question
	Decision    *Decision // the consent decision, when the question states consent facts
}

// fallbackTopics are offered when nothing in the book is close at all.
var fallbackTopics = []string{"jw.definition", "consent.required", "jw.forms.combine"}

// Ask answers a question: the band, the top hits when the best one is
// confidently on topic (leaving out hits far weaker than the best), and the
// closest topics.
func (b *Book) Ask(question string, top int) Answer {
	if top <= 0 {
		top = DefaultTop
	}
	r := b.search(question, max(top, suggestCount))
	a := Answer{Question: question, Confidence: r.cov, Band: b.band(r)}
	for i, h := range r.hits {
		if i < suggestCount {
			a.Suggestions = append(a.Suggestions, h.Rule)
		}
		if a.Band == BandAnswer && i < top && h.Score >= relCut*r.hits[0].Score {
			a.Hits = append(a.Hits, h)
		}
	}
	a.Confident = a.Band == BandAnswer
	if f, d, ok := Scenario(question); ok {
		a.Facts, a.Decision = f, d
	}
	if len(a.Suggestions) == 0 {
		for _, id := range fallbackTopics {
			if r, ok := b.Rule(id); ok {
				a.Suggestions = append(a.Suggestions, r)
			}
		}
	}
	return a
}
