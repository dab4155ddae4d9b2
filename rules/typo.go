package rules

// correct replaces an unknown word of five or more letters with a word the
// book knows that is one edit away (a letter added, dropped, changed or two
// swapped), so "safegaurding" still finds safeguarding.
func (ix *index) correct(words []string) []string {
	var out []string
	for i, w := range words {
		if len(w) < 5 || ix.words[w] || stopWords[w] || !isWordy(w) {
			continue
		}
		if _, ok := ix.post[stem(w)]; ok {
			continue
		}
		c, ok := ix.nearest(w)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]string(nil), words...)
		}
		out[i] = c
	}
	if out == nil {
		return words
	}
	return out
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
