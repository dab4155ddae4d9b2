package rules

import (
	"math"
)

// The calibrator turns what search measures about its best rule into the
// probability that the rule is right: a logistic regression over the
// signals below, fit on out-of-fold answers to the training utterances
// (train the classifier on k-1 folds of every rule's utterances and the
// off-topic texts, ask the held-back fold alone and after a story, k
// times), so it never sees the evaluation questions. It backs the band's
// thresholds (ask.go): Ask answers only when the rule is more likely right
// than wrong (answerCalib). It is fit on the embedded book by go generate
// and stored in model/model.bin; a book with local rules uses the same
// coefficients (its signals mean the same things).
//
// Used as the band on its own (answer from a threshold on the probability
// chosen on the tuning half), it answered more long messages but was too
// sure of them when a story came before the question (tuning questions with
// invented stories put in front: 4-6 % confident and wrong against 2 % for
// the thresholds), so it is a veto, not the band.

// nSignals is the number of calibrator inputs (see signals).
const nSignals = 19

// signals are the calibrator's inputs for a result with hits.
func (r result) signals() [nSignals]float64 {
	b := func(ok bool) float64 {
		if ok {
			return 1
		}
		return 0
	}
	return [nSignals]float64{
		r.hits[0].Score, r.margin, r.prob, r.off, r.knn, r.offKnn,
		r.cov, r.keyCov, b(r.agree == 3), b(r.agree == 2), b(r.long),
		r.bm25 / (r.bm25 + bm25Half),
		r.prob - r.prob2, r.knn - r.knn2, math.Log((r.prob + 1e-4) / (r.prob2 + 1e-4)),
		b(r.long) * r.margin, b(r.agree == 3) * r.margin,
		r.askProb, r.prob - r.askProb,
	}
}

// calibrator is a fitted logistic regression over standardised signals.
type calibrator struct {
	Mean  [nSignals]float64 `json:"mean"`
	Scale [nSignals]float64 `json:"scale"`
	W     [nSignals]float64 `json:"w"`
	Bias  float64           `json:"bias"`
}

// prob returns the probability that the result's best rule is right.
func (c *calibrator) prob(r result) float64 {
	s := r.signals()
	z := c.Bias
	for i, v := range s {
		z += c.W[i] * (v - c.Mean[i]) / c.Scale[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// calibrated returns the calibrator's probability that the result's best
// rule is right (1 without a calibrator: the thresholds decide alone).
func (ix *index) calibrated(r result) float64 {
	if ix.cal == nil {
		return 1
	}
	return ix.cal.prob(r)
}

// calibFolds is how many folds the out-of-fold answers are split into.
const calibFolds = 5

// foldRows asks every held-back training utterance of k folds, alone and
// after a story (two or three scene-setting sentences, as practitioners
// write long messages), and returns the signals and whether the best rule
// was the utterance's own (off-topic texts are never right).
func (b *Book) foldRows(k int) (xs [][nSignals]float64, ys []bool) {
	texts := classTexts(b.rules)
	scenes := storyTexts()
	for f := 0; f < k; f++ {
		skip := func(d, i int) bool { return i < texts[d].utterances && i%k == f }
		ix := *b.idx
		ix.clf = trainClassifier(texts, b.idx.stems.lookup, skip)
		fb := *b
		fb.idx = &ix
		for d, ct := range texts {
			for i := f; i < ct.utterances; i += k {
				for _, q := range []string{ct.texts[i], story(scenes, d, i) + ct.texts[i]} {
					r := fb.search(q, DefaultTop)
					if len(r.hits) == 0 {
						continue
					}
					xs = append(xs, r.signals())
					ys = append(ys, d < len(b.rules) && r.hits[0].Rule == b.rules[d])
				}
			}
		}
	}
	return xs, ys
}

// Calibrator fitting settings.
const (
	calibIters = 400
	calibRate  = 0.5
	calibL2    = 1e-3
)

// fitCalibrator fits the logistic regression by batch gradient descent on
// standardised signals (deterministic: same rows, same model).
func fitCalibrator(xs [][nSignals]float64, ys []bool) *calibrator {
	c := &calibrator{}
	n := float64(len(xs))
	if n == 0 {
		for i := range c.Scale {
			c.Scale[i] = 1
		}
		return c
	}
	for _, x := range xs {
		for i, v := range x {
			c.Mean[i] += v / n
		}
	}
	for _, x := range xs {
		for i, v := range x {
			c.Scale[i] += (v - c.Mean[i]) * (v - c.Mean[i]) / n
		}
	}
	for i := range c.Scale {
		c.Scale[i] = math.Max(math.Sqrt(c.Scale[i]), 1e-6)
	}
	zs := make([][nSignals]float64, len(xs))
	for k, x := range xs {
		for i, v := range x {
			zs[k][i] = (v - c.Mean[i]) / c.Scale[i]
		}
	}
	for it := 0; it < calibIters; it++ {
		var g [nSignals]float64
		var gb float64
		for k, z := range zs {
			s := c.Bias
			for i, v := range z {
				s += c.W[i] * v
			}
			e := 1 / (1 + math.Exp(-s))
			if ys[k] {
				e--
			}
			for i, v := range z {
				g[i] += e * v / n
			}
			gb += e / n
		}
		for i := range c.W {
			c.W[i] -= calibRate * (g[i] + calibL2*c.W[i])
		}
		c.Bias -= calibRate * gb
	}
	return c.rounded()
}

// rounded keeps four decimals of every coefficient: search sums floats in
// map order, so the signals (and the fit) vary in the last bits between
// runs, and go generate should not rewrite the model file for that.
func (c *calibrator) rounded() *calibrator {
	r := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for i := range c.W {
		c.W[i], c.Mean[i], c.Scale[i] = r(c.W[i]), r(c.Mean[i]), math.Max(r(c.Scale[i]), 1e-4)
	}
	c.Bias = r(c.Bias)
	return c
}

// story returns two or three scene-setting sentences for utterance i of
// class d (a fixed choice, so the fit is the same every time).
func story(scenes []string, d, i int) string {
	n := len(scenes)
	if n == 0 {
		return ""
	}
	s := scenes[(i*7+d)%n] + " " + scenes[(i*3+d*5+1)%n] + " "
	if i%2 == 0 {
		s += scenes[(i*5+d*3+2)%n] + " "
	}
	return s
}
