package rules

import (
	"math"
	"strings"
)

// addTerms adds the analyser's terms of words to into, weighted w.
func addTerms(words []string, st stemFunc, w float64, into map[string]float64) {
	an := theAnalyser().analyse(words, st)
	ci := an.content()
	neg, last := 0, 0
	for k, i := range ci {
		for _, x := range words[last:i] {
			if negators[x] {
				neg = negWindow
			} else if x == boundary {
				neg = 0
			}
		}
		last = i + 1
		if neg > 0 {
			into["!"+an.toks[i].stem] += w * negFeat
			neg--
		}
		into[an.toks[i].stem] += w
		if k > 0 && an.joined(ci[k-1], i) {
			into[bigram(an.toks[ci[k-1]].stem, an.toks[i].stem)] += w * pairFeat
		}
	}
	for _, h := range an.concepts {
		into[h.token] += w
	}
	if frameFeat > 0 {
		addFrames(words, w*frameFeat, into)
	}
	if charFeat > 0 {
		for _, i := range ci {
			addCharGrams(words[i], w*charFeat, into)
		}
	}
}

// charFeat weighs a content word's character 4-grams ("#sav", "safe", …,
// split over the word's grams), so a misspelt word still shares most of
// its features with the right one; 0 turns them off.
var charFeat = 0.0

// addCharGrams adds the 4-grams of "#word#" (words of five or more letters)
// as "#gram" features, each w divided by their number.
func addCharGrams(word string, w float64, into map[string]float64) {
	if len(word) < 5 {
		return
	}
	s := "#" + word + "#"
	n := len(s) - 3
	for i := 0; i < n; i++ {
		into["#"+s[i:i+4]] += w / float64(n)
	}
}

// frameFeat weighs the question's frame: pairs of neighbouring words with a
// stop word among them ("have to", "what form", "if i"), which say what is
// asked about the topic.
var frameFeat = 0.3

// addFrames adds "^a_b" for neighbouring words a, b when one is a stop word.
func addFrames(words []string, w float64, into map[string]float64) {
	for i := 1; i < len(words); i++ {
		a, b := words[i-1], words[i]
		if a == boundary || b == boundary || (!stopWords[a] && !stopWords[b]) {
			continue
		}
		into["^"+a+"_"+b] += w
	}
}

// questionTerms reads a question for the classifier. In a long message the
// story around the question counts storyWeight as much (see questionParts),
// so the story does not drown the question.
func (ix *index) questionTerms(question string) map[string]float64 {
	return ix.partTerms(questionParts(question), storyWeight)
}

// partTerms reads the parts of a question, the story weighted sw.
func (ix *index) partTerms(parts []part, sw float64) map[string]float64 {
	terms := map[string]float64{}
	for _, p := range parts {
		w := 1.0
		if !p.ask {
			w = sw
		}
		if w == 0 {
			continue
		}
		addTerms(ix.correct(tokenize(p.text)), ix.stems.lookup, w, terms)
	}
	return terms
}

// part is a sentence of a question; ask marks the question itself.
type part struct {
	text string
	ask  bool
}

// questionParts splits a long message (storyWords or more, two sentences or
// more) into sentences and marks the question: the sentences ending in "?",
// else the last one. A shorter message is one part, the question.
func questionParts(question string) []part {
	parts := sentences(question)
	if len(parts) < 2 || len(strings.Fields(question)) < storyWords {
		return []part{{text: question, ask: true}}
	}
	asks := 0
	for _, p := range parts {
		if strings.HasSuffix(p, "?") {
			asks++
		}
	}
	out := make([]part, len(parts))
	for i, p := range parts {
		out[i] = part{text: p, ask: (asks > 0 && strings.HasSuffix(p, "?")) || (asks == 0 && i == len(parts)-1)}
	}
	return out
}

// sentences splits text after ".", "!", "?" and line breaks, keeping the
// mark; empty sentences are dropped.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', '!', '?', '\n':
			for i+1 < len(text) && strings.IndexByte(".!?", text[i+1]) >= 0 {
				i++
			}
			if s := strings.TrimSpace(text[start : i+1]); len(s) > 1 {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// tfWeight damps repeated terms (1 + ln tf above one occurrence).
func tfWeight(tf float64) float64 {
	if tf <= 1 {
		return tf
	}
	return 1 + math.Log(tf)
}
