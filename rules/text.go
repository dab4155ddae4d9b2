package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
go goes going went need needs needed help helps helped helping time times today tomorrow yesterday now |
still even yet ever quite maybe perhaps currently already pls plz u ur thx cheers guys anyone anybody wondering wonder
around through during until via per among towards upon called`)

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
	// chat shorthand
	"abt": "about", "b4": "before", "bc": "because", "cos": "because", "coz": "because", "cuz": "because",
	"thru": "through", "jt": "joint", "mtg": "meeting", "mtgs": "meetings", "wk": "week", "wks": "weeks",
	"appt": "appointment", "appts": "appointments", "ref": "referral", "refs": "referrals",
	"assmt": "assessment", "assmts": "assessments", "msg": "message",
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
	"wl":                {"waiting", "list"},
	// contractions typed without the apostrophe
	"doesnt": {"does", "not"}, "dont": {"do", "not"}, "didnt": {"did", "not"}, "cant": {"can", "not"},
	"wont": {"will", "not"}, "isnt": {"is", "not"}, "arent": {"are", "not"}, "wasnt": {"was", "not"},
	"werent": {"were", "not"}, "hasnt": {"has", "not"}, "havent": {"have", "not"}, "hadnt": {"had", "not"},
	"shouldnt": {"should", "not"}, "wouldnt": {"would", "not"}, "couldnt": {"could", "not"},
	"mustnt": {"must", "not"}, "im": {"i", "am"}, "ive": {"i", "have"}, "youre": {"you", "are"},
	"theyre": {"they", "are"}, "thats": {"that", "is"},
}

// stemAs overrides Snowball where it merges words practitioners keep apart
// ("informal" is not "information", "personal" is not "person").
var stemAs = map[string]string{
	"informal": "informal", "informally": "informal", "personal": "personal", "personally": "personal",
	"universal": "universal", "housing": "housing", "called": "called",
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
// ("doesn't" → "does not"), dropping possessives and fixing variant
// spellings. Punctuation that ends a phrase becomes the boundary token "|".
func tokenize(s string) []string {
	t := tokenizer{s: expandWith(strings.ToLower(s)), start: -1}
	t.out = make([]string, 0, len(t.s)/5+1)
	for i, r := range t.s {
		t.step(i, r)
	}
	t.flush(len(t.s))
	return t.out
}

// tokenizer keeps the word being read as a slice of s (start..) or, once a
// character inside it was skipped, in buf.
type tokenizer struct {
	s     string
	out   []string
	start int
	buf   []byte
	dirty bool
}

func (t *tokenizer) step(i int, r rune) {
	next, _ := utf8.DecodeRuneInString(t.s[i+utf8.RuneLen(r):])
	inWord := t.start >= 0
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		if !inWord {
			t.start, t.dirty, t.buf = i, false, t.buf[:0]
		}
		if t.dirty {
			t.buf = utf8.AppendRune(t.buf, r)
		}
	case isApostrophe(r) && inWord && unicode.IsLetter(next):
		t.skip(i, '\'')
	case r == '-' && inWord && isAlnum(next):
		if !joinPrefixes[t.word(i)] {
			t.flush(i)
		} else {
			t.skip(i, 0)
		}
	case r == '.' && inWord && t.word(i) == "s" && unicode.IsDigit(next):
		t.skip(i, 0) // "s.42" reads as "s42"
	case isBreak(r):
		t.flush(i)
		if len(t.out) > 0 && t.out[len(t.out)-1] != boundary {
			t.out = append(t.out, boundary)
		}
	default:
		t.flush(i)
	}
}

// word returns the word read so far, up to byte i.
func (t *tokenizer) word(i int) string {
	if t.dirty {
		return string(t.buf)
	}
	return t.s[t.start:i]
}

// skip drops the character at i from the word, writing keep instead if set.
func (t *tokenizer) skip(i int, keep byte) {
	if !t.dirty {
		t.buf = append(t.buf[:0], t.s[t.start:i]...)
		t.dirty = true
	}
	if keep != 0 {
		t.buf = append(t.buf, keep)
	}
}

func (t *tokenizer) flush(i int) {
	if t.start < 0 {
		return
	}
	t.out = appendWord(t.out, t.word(i))
	t.start = -1
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
	if n := leadingDigits(w); n > 0 && n < len(w) && isWordy(w[n:]) {
		out = append(out, w[:n]) // "12wks" → "12 weeks"
		w = w[n:]
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
	if s, ok := stemAs[w]; ok {
		return s
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

// leadingDigits returns how many ASCII digits w starts with.
func leadingDigits(w string) int {
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	return n
}

// expandWith spells out the chat shorthand "w/" (with) and "w/o" (without)
// in lower-case s.
func expandWith(s string) string {
	if !strings.Contains(s, "w/") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 'w' && i+1 < len(s) && s[i+1] == '/' && (i == 0 || !isAlnumByte(s[i-1])) {
			if i+2 < len(s) && s[i+2] == 'o' && (i+3 == len(s) || !isAlnumByte(s[i+3])) {
				b.WriteString("without ")
				i += 2
				continue
			}
			b.WriteString("with ")
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}
