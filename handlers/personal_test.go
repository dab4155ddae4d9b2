package handlers_test

import (
	"strings"
	"testing"
)

// Personal views and another case's confirmation typed in a case channel
// reach only the asker: nothing about another case is posted there.
func TestPersonalViewsStayPrivateInSharedChannels(t *testing.T) {
	e := newEnv(t)
	e.permit("c7")
	e.permit("c12")
	e.in("c12", "alex", "/jointwork task add @bea +2d Ring the GP")
	e.in("c12", "alex", "/jointwork request @bea +2d Joint visit")
	for _, tc := range []struct{ as, text, want string }{
		{"bea", "/jointwork home", "[only @bea]"},
		{"bea", "/jointwork task mine", "[only @bea]"},
		{"bea", "/jointwork escalations", "[only @bea]"},
		{"alex", "/jointwork case open c8", "[only @alex] Case c8 is open"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			out := e.in("c7", tc.as, tc.text)
			if !strings.Contains(out, tc.want) {
				t.Errorf("want %q:\n%s", tc.want, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "[#jw-c7") && (strings.Contains(line, "c12") || strings.Contains(line, "c8") || strings.Contains(line, "Ring the GP")) {
					t.Errorf("another case's data posted in #jw-c7: %s", line)
				}
			}
		})
	}
}
