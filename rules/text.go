package rules

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// stopWords are dropped before scoring. Phrase concepts are matched before
// this, so "said no" or "no deputy" still count.
var stopWords = setOf(`a an the and or but if of to in on at by for with from as into onto than then so too very
is are was were be been being am do does did doing done have has had having
i me my mine myself we us our ours you your yours he him his she her hers herself himself it its itself
they them their theirs themselves this that these those there here
what whats which who whom whose when where why how
can could should would will shall may might must ought just also about any some all each such only
up out off again further once like really actually basically please thanks thank hi hello hey ok okay
yes no not nor s t d ll re ve m jw get got gets getting i'm etc eg ie
case cases someone something anything thing things bit lot
seem seems seemed know knows knew think thinks thought feel want wants wanted tell told let lets
go goes going went need needs needed help helps helped helping time times today tomorrow yesterday now |`)

// breakers end a phrase: no bigram is formed across them.
var breakers = setOf(`| and or but if then so because when while whether although though unless`)

// boundary marks punctuation that ends a phrase.
const boundary = "|"

// respell maps variant spellings to the one the rulebook uses.
var respell = map[string]string{
	"organization": "organisation", "organizations": "organisations", "organizational": "organisational",
	"practise": "practice", "practising": "practicing", "behavior": "behaviour", "judgment": "judgement",
	"enquiries": "enquiry", "inquiry": "enquiry", "inquiries": "enquiry", "enquire": "enquiry",
	"e-mail": "email", "e-mails": "emails", "emails": "email",
}

// splitWords breaks run-together forms into the words the rulebook uses.
var splitWords = map[string][]string{
	"multiagency":       {"multi", "agency"},
	"interagency":       {"inter", "agency"},
	"crossagency":       {"cross", "agency"},
	"multidisciplinary": {"multi", "disciplinary"},
	"multiprofessional": {"multi", "professional"},
	"teamwork":          {"team", "work"},
	"keyworker":         {"key", "worker"},
	"whistleblowing":    {"whistle", "blowing"},
	"whistleblower":     {"whistle", "blower"},
	"whistleblow":       {"whistle", "blow"},
	"wellbeing":         {"well", "being"},
	"healthcare":        {"health", "care"},
	"coproduction":      {"co", "production"},
	"s.42":              {"s42"},
}

// joinPrefixes are hyphenated prefixes glued to the next word ("co-ordinate").
var joinPrefixes = map[string]bool{"co": true, "e": true, "re": true, "pre": true, "non": true}

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// tokenize lower-cases s and splits it into words, expanding contractions
// ("doesn't" → "does not"), dropping possessives and fixing variant spellings.
func tokenize(s string) []string {
	var out []string
	rs := []rune(s)
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = appendWord(out, string(cur))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		r = unicode.ToLower(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		case isApostrophe(r) && len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			cur = append(cur, '\'')
		case r == '-' && len(cur) > 0 && i+1 < len(rs) && isAlnum(rs[i+1]):
			if !joinPrefixes[string(cur)] {
				flush()
			}
		case r == '.' && string(cur) == "s" && i+1 < len(rs) && unicode.IsDigit(rs[i+1]):
			// "s.42" reads as "s42"
		case isBreak(r):
			flush()
			if len(out) > 0 && out[len(out)-1] != boundary {
				out = append(out, boundary)
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

func isBreak(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '\n', '"', '/', '–', '—':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' }
func isAlnum(r rune) bool      { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// appendWord adds one raw word, handling contractions and spellings.
func appendWord(out []string, w string) []string {
	if i := strings.IndexByte(w, '\''); i >= 0 {
		base, rest := w[:i], w[i+1:]
		if rest == "t" && strings.HasSuffix(base, "n") {
			return append(out, contraction(base[:len(base)-1]), "not")
		}
		w = base
		if w == "" {
			return out
		}
	}
	if r, ok := respell[w]; ok {
		w = r
	}
	if parts, ok := splitWords[w]; ok {
		return append(out, parts...)
	}
	return append(out, w)
}

// contraction restores the verb of a "n't" contraction.
func contraction(base string) string {
	switch base {
	case "ca":
		return "can"
	case "wo":
		return "will"
	case "sha":
		return "shall"
	}
	return base
}

// stem returns the Snowball English stem of a lower-case word.
func stem(w string) string {
	if len(w) <= 2 || !isWordy(w) {
		return w
	}
	return english.Stem(w, true)
}

// isWordy reports whether w is letters only (numbers and codes like s42 are
// kept as they are).
func isWordy(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' {
			return false
		}
	}
	return true
}
