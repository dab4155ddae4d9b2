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
	relCut         = 0.3  // Ask drops hits scoring under this share of the best one
)

// confident applies the thresholds to the best hit's score and coverage.
func confident(score, cov, keyCov float64) bool {
	if cov < minCoverage {
		return false
	}
	if score >= minScore {
		return true
	}
	return keyCov >= fullCoverage && score >= minScoreFull
}

// Answer is what Ask found: the hits when confident, otherwise the closest
// topics to offer instead.
type Answer struct {
	Question    string
	Confident   bool
	Confidence  float64 // share of the question the best rule matches, 0..1
	Hits        []Hit   // best first; empty when not confident
	Suggestions []*Rule // closest topics when not confident
}

// fallbackTopics are offered when nothing in the book is close at all.
var fallbackTopics = []string{"jw.definition", "consent.required", "jw.forms.combine"}

// Ask answers a question: the top hits when the best one is confidently on
// topic (leaving out hits far weaker than the best), otherwise no hits and
// the closest topics as suggestions.
func (b *Book) Ask(question string, top int) Answer {
	hits, conf, keyCov := b.search(question, top)
	a := Answer{Question: question, Confidence: conf}
	if len(hits) > 0 && confident(hits[0].Score, conf, keyCov) {
		a.Confident = true
		for _, h := range hits {
			if h.Score >= relCut*hits[0].Score {
				a.Hits = append(a.Hits, h)
			}
		}
		return a
	}
	for _, h := range hits {
		a.Suggestions = append(a.Suggestions, h.Rule)
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
