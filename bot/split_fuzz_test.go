package bot

import (
	"strings"
	"testing"
)

// FuzzSplitArgs: the words are exactly strings.Fields' (for ASCII space),
// and each tail starts with its word and ends the text.
func FuzzSplitArgs(f *testing.F) {
	for _, s := range []string{"", "task add @bea +3d  Home   visit", " \t\n", "a", "request decline R1 no nurse free\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words, rest := splitArgs(text)
		if len(words) != len(rest) {
			t.Fatalf("%d words, %d tails", len(words), len(rest))
		}
		want := strings.FieldsFunc(text, func(r rune) bool { return r < 128 && isSpace(byte(r)) })
		if strings.Join(words, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("words %q, want %q", words, want)
		}
		for i, w := range words {
			if !strings.HasPrefix(rest[i], w) || !strings.HasSuffix(strings.TrimRight(text, " \t\r\n"), rest[i]) {
				t.Fatalf("tail %d %q does not start with %q or end the text", i, rest[i], w)
			}
		}
	})
}
