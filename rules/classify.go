package rules

import (
	"math"
	"slices"
	"strings"
)

// classifier is a nearest-neighbour intent model over the training
// utterances. Each utterance is a TF-IDF vector of the analyser's terms
// (word stems, concept tokens such as ~lpa, neighbouring-word pairs); a
// question is compared (cosine) with every utterance that shares a term, and
// a rule scores the mean of its knnK best similarities. Hand-written rather
// than a library: it must use the rulebook's own analyser (stems, concepts,
// shorthand), the data is ~2,000 short texts, and an inverted index over
// them answers in microseconds with no model files to download or train.
type classifier struct {
	dict      map[string]int32
	idf       []float32
	post      [][]uPost       // by feature: the utterances that have it
	rule      []int32         // by utterance: its class
	nRules    int             // classes: the rules in index order, then "none of them" (off topic)
	perRul    []int           // utterances per class
	ruleTexts int             // training texts of the rules (not off topic)
	idfNew    float32         // idf of a feature no utterance has
	common    map[string]bool // word stems in two or more utterances (so not typos)
	lin       *linear
}

// uPost is one utterance's normalised weight for a feature.
type uPost struct {
	u int32
	w float32
}

// Model weights (variables so the calibration test can vary them).
var (
	knnK        = 3   // a rule's score is the mean of its knnK best similarities
	pairFeat    = 0.5 // weight of a neighbouring-word pair against a word
	storyWeight = 0.5 // weight of the sentences around the question in a long message
	storyWords  = 30  // messages shorter than this are read as one question
	negFeat     = 1.0 // weight of a word under a negation ("!present" in "isn't present")
	negWindow   = 3   // content words a negation reaches
)

// newClassifier builds the model from each rule's utterances (rules in
// index order). Feature IDs follow the order terms are first met (sorted
// within an utterance), so the same book always trains the same model.
func newClassifier(rules []*Rule, st stemFunc) *classifier {
	return trainClassifier(classTexts(rules), st, nil)
}

// classTexts returns the training texts of every class: each rule's
// utterances then its title and terms, and last the off-topic questions.
func classTexts(rules []*Rule) []classText {
	out := make([]classText, len(rules)+1)
	for d, r := range rules {
		out[d] = classText{texts: trainingTexts(r), utterances: len(utterancesOf(r))}
	}
	off := offTopicTexts()
	out[len(rules)] = classText{texts: off, utterances: len(off)}
	return out
}

// classText is one class's training texts; the first utterances of them are
// examples that may be held out (the rest are the rule's own words).
type classText struct {
	texts      []string
	utterances int
}

// trainClassifier trains on every text of every class for which skip (when
// not nil) is false; skip is given the class and the text's index.
func trainClassifier(texts []classText, st stemFunc, skip func(d, i int) bool) *classifier {
	c := &classifier{dict: map[string]int32{}, nRules: len(texts), perRul: make([]int, len(texts))}
	var xs [][]sparse
	var df []int
	terms := map[string]float64{}
	var keys []string
	for d, ct := range texts {
		for i, u := range ct.texts {
			if skip != nil && skip(d, i) {
				continue
			}
			if d < len(texts)-1 {
				c.ruleTexts++
			}
			clear(terms)
			addTerms(tokenize(u), st, 1, terms)
			keys = keys[:0]
			for t := range terms {
				keys = append(keys, t)
			}
			slices.Sort(keys)
			x := make([]sparse, len(keys))
			for k, t := range keys {
				id, ok := c.dict[t]
				if !ok {
					id = int32(len(c.dict))
					c.dict[t] = id
					df = append(df, 0)
				}
				df[id]++
				x[k] = sparse{id: id, v: float32(terms[t])}
			}
			xs = append(xs, x)
			c.rule = append(c.rule, int32(d))
			c.perRul[d]++
		}
	}
	c.weigh(xs, df)
	c.lin = trainLinear(xs, c.rule, len(df), c.nRules)
	c.lin.pack()
	return c
}

// weigh sets the idf of every feature, turns the counts in xs into
// normalised TF-IDF weights and builds the postings of the kNN search.
func (c *classifier) weigh(xs [][]sparse, df []int) {
	c.setIdf(df, len(xs))
	c.post = make([][]uPost, len(df))
	for id, f := range df {
		c.post[id] = make([]uPost, 0, f)
	}
	for u, x := range xs {
		var norm float64
		for k, f := range x {
			w := tfWeight(float64(f.v)) * float64(c.idf[f.id])
			x[k].v = float32(w)
			norm += w * w
		}
		if norm == 0 {
			continue
		}
		inv := float32(1 / math.Sqrt(norm))
		for k := range x {
			x[k].v *= inv
			c.post[x[k].id] = append(c.post[x[k].id], uPost{u: int32(u), w: x[k].v})
		}
	}
}

// setIdf sets the idf of every feature from its document frequency over n
// texts, and the common word stems.
func (c *classifier) setIdf(df []int, n int) {
	c.idf = make([]float32, len(df))
	for id, f := range df {
		c.idf[id] = float32(math.Log((float64(n)+1)/(float64(f)+1)) + 1)
	}
	c.idfNew = float32(math.Log(float64(n)+1) + 1)
	c.common = map[string]bool{}
	for t, id := range c.dict {
		if df[id] >= 2 && !strings.ContainsAny(t[:1], "~!^#") && !strings.Contains(t, " ") {
			c.common[t] = true
		}
	}
}

// empty reports a model without utterances for any rule.
func (c *classifier) empty() bool { return c.ruleTexts == 0 }

// scores returns each class's nearest-neighbour similarity (0..1) and its
// probability under the linear model, for the question terms; the last
// class is "none of the rules".
func (c *classifier) scores(terms map[string]float64) (knn, prob []float64) {
	knn, prob = make([]float64, c.nRules), make([]float64, c.nRules)
	if c.empty() || len(terms) == 0 {
		return knn, prob
	}
	sims := make([]float32, len(c.rule))
	x := make([]sparse, 0, len(terms))
	var qnorm float64
	for t, n := range terms {
		id, ok := c.dict[t]
		idf := c.idfNew
		if ok {
			idf = c.idf[id]
		}
		w := float32(tfWeight(n) * float64(idf))
		qnorm += float64(w * w)
		if !ok {
			continue
		}
		x = append(x, sparse{id: id, v: w})
		for _, p := range c.post[id] {
			sims[p.u] += w * p.w
		}
	}
	qn := float32(math.Sqrt(qnorm))
	if len(x) == 0 {
		return knn, prob // nothing the model knows: no rule is likelier
	}
	c.topMeans(sims, qn, knn)
	for i := range x {
		x[i].v /= qn
	}
	c.lin.probs(x, prob)
	return knn, prob
}

// topMeans sets out[d] to the mean of rule d's knnK best similarities.
func (c *classifier) topMeans(sims []float32, qnorm float32, out []float64) {
	k := knnK
	best := make([]float32, c.nRules*k)
	for u, s := range sims {
		if s <= 0 {
			continue
		}
		b := best[int(c.rule[u])*k : int(c.rule[u])*k+k]
		for i := range b {
			if s > b[i] {
				copy(b[i+1:], b[i:k-1])
				b[i] = s
				break
			}
		}
	}
	for d := range out {
		var sum float32
		for _, s := range best[d*k : d*k+k] {
			sum += s
		}
		out[d] = float64(sum / float32(k) / qnorm)
	}
}

// trainingTexts are a rule's utterances plus its title and terms (the
// words practitioners use for it), so every rule has some examples.
func trainingTexts(r *Rule) []string {
	if !withRuleText {
		return utterancesOf(r)
	}
	return append(append(utterancesOf(r), r.Title), r.Terms...)
}

var withRuleText = true
