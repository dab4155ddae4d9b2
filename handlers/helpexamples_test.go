package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
)

// syntaxRefusals are answers that mean an example is not written as the
// bot reads it (a confident answer is expected from ask examples too).
var syntaxRefusals = []string{"needs more", "takes fewer", "I don't know the command", "is not a command",
	"can't read", "There is no command", "not confident", "Something went wrong"}

// TestHelpExamplesWork runs every example of every command, as written, each
// on a fresh case where alex leads with bea and chris admitted (c101 in an
// example is that case), in the case channel, or in a DM for DM-only commands.
func TestHelpExamplesWork(t *testing.T) {
	e := newEnv(t)
	n := 0
	for _, c := range e.app.Bot.Registry().Visible() {
		for _, ex := range c.Examples {
			n++
			ref := fmt.Sprintf("x%d", n)
			e.permit(ref)
			e.in(ref, "alex", "/jointwork invite @chris district nursing")
			text := strings.ReplaceAll(ex, "c101", ref)
			if c.Name == "case open" {
				text = strings.ReplaceAll(ex, "c101", ref+"b")
			}
			var out string
			if c.Where == bot.InDM {
				out = e.dm("alex", text)
			} else {
				out = e.in(ref, "alex", text)
			}
			for _, bad := range syntaxRefusals {
				if strings.Contains(out, bad) {
					t.Errorf("help example %q (%s) answered %q:\n%s", ex, c.Name, bad, out)
				}
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d examples run", n)
	}
}
