package rules

import "testing"

func TestAgreement(t *testing.T) {
	tests := []struct {
		name  string
		d     int
		lists [][]float64
		want  int
	}{
		{"all three", 1, [][]float64{{0.1, 0.8}, {0.2, 0.5}, {1, 3}}, 3},
		{"two of three", 0, [][]float64{{0.9, 0.1}, {0.2, 0.5}, {3, 1}}, 2},
		{"none", 0, [][]float64{{0.1, 0.9}, {0, 0.5}}, 0},
		{"zero scores do not agree", 0, [][]float64{{0, 0}, {0, 0}}, 0},
	}
	for _, tc := range tests {
		if got := agreement(tc.d, tc.lists...); got != tc.want {
			t.Errorf("%s: agreement = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestLead: the best rule leads by answerMargin alone, by the smaller
// agreeMargin only when the three models agree, and by longMargin only in a
// long message that is clearly on topic.
func TestLead(t *testing.T) {
	tests := []struct {
		name string
		r    result
		want bool
	}{
		{"clear lead", result{margin: answerMargin, prob: answerProb, off: 0.5}, true},
		{"small lead, models disagree", result{margin: agreeMargin, prob: answerProb, agree: 2, off: 0.5}, false},
		{"small lead, models agree", result{margin: agreeMargin, prob: agreeProb, agree: 3, off: 0.5}, true},
		{"long message on topic", result{margin: longMargin, prob: longProb, long: true}, true},
		{"long message maybe off topic", result{margin: longMargin, prob: longProb, long: true, off: longOff}, false},
		{"short message, long margin", result{margin: longMargin, prob: longProb}, false},
		{"too unlikely", result{margin: 1, prob: longProb - 0.01, long: true}, false},
	}
	for _, tc := range tests {
		if got := tc.r.lead(); got != tc.want {
			t.Errorf("%s: lead = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestBandNeedsKnnLeadOverOffTopic: a result that would be answered is only
// unsure when its nearest neighbours are no closer than the off-topic ones.
func TestBandNeedsKnnLeadOverOffTopic(t *testing.T) {
	b := mustDefault(t)
	r, _ := b.Rule("consent.required")
	base := result{hits: []Hit{{Rule: r, Score: answerScore + 0.5}}, margin: 1, prob: 0.9, cov: 0.9, knn: 0.5, agree: 3}
	if got := b.band(base); got != BandAnswer {
		t.Fatalf("clear result: band %s, want %s", got, BandAnswer)
	}
	near := base
	near.offKnn = base.knn - answerKnnLead/2
	if got := b.band(near); got != BandUnsure {
		t.Errorf("as close to the off-topic questions: band %s, want %s", got, BandUnsure)
	}
}
