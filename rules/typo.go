package rules

// correct replaces an unknown word of five or more letters with a word the
// book knows that is one edit away (a letter added, dropped, changed or two
// swapped), so "safegaurding" still finds safeguarding.
func (ix *index) correct(words []string) []string {
	var out []string
	for i, w := range words {
		parts, ok := ix.fix(w)
		if ok && out == nil {
			out = append(make([]string, 0, len(words)+1), words[:i]...)
		}
		switch {
		case ok:
			out = append(out, parts...)
		case out != nil:
			out = append(out, w)
		}
	}
	if out == nil {
		return words
	}
	return out
}

// fix returns the replacement for one word, or false to keep it. A fixed
// run-together word is split again ("whistleblowing" → "whistle blowing").
func (ix *index) fix(w string) ([]string, bool) {
	if len(w) < 5 || theAnalyser().words[w] || splitWords[w] != nil || stopWords[w] || !isWordy(w) {
		return nil, false
	}
	st := ix.stems.lookup(w)
	if _, ok := ix.termID(st); ok {
		return nil, false
	}
	c, ok := ix.nearest(w)
	if !ok {
		return nil, false
	}
	if (ix.words[w] || ix.clf.common[st]) && ix.clf.df(ix.stems.lookup(c)) < typoRatio*ix.clf.df(st) {
		return nil, false // a word of the utterances, not a slip
	}
	if parts, ok := splitWords[c]; ok {
		return parts, true
	}
	return []string{c}, true
}

// nearest finds the first known word one edit from w.
func (ix *index) nearest(w string) (string, bool) {
	for _, l := range []int{len(w), len(w) - 1, len(w) + 1} {
		for _, c := range ix.byLen[l] {
			if oneEdit(w, c) {
				return c, true
			}
		}
	}
	return "", false
}

// oneEdit reports whether a and b (ASCII-ish) differ by exactly one
// insertion, deletion, substitution or adjacent transposition.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		return sameLenOneEdit(a, b)
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

func sameLenOneEdit(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if a[i+1:] == b[i+1:] {
		return true
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// typoRatio: a word the utterances use is still read as a slip for a word
// one edit away that they use this many times as often ("consnet" is in a
// few utterances on purpose; "consent" in hundreds).
const typoRatio = 20

// df returns how many training texts have feature t.
func (c *classifier) df(t string) int {
	if id, ok := c.dict[t]; ok {
		return len(c.post[id])
	}
	return 0
}
