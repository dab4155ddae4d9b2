package e2e_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/scripttest"
)

// clock runs a console "/clock +Nd" line: the bot's clock moves on a day
// at a time and the timed work that fell due runs (pings go out via Teams).
func (e *env) clock(arg string) {
	e.t.Helper()
	if err := apptest.AdvanceDays(context.Background(), e.app, arg); err != nil {
		e.t.Fatal(err)
	}
}

// The issue-11 lifecycle scripts replayed as Teams activities: no "never"
// line of a script reaches anyone. "[DM @x] TEXT" is checked against x's
// chat with the bot (every message, when TEXT is empty), "[#jw-REF…" lines
// against the case channel, and plain text against everything the bot
// posted. The harness fails the test on any message the gate withholds.
func TestLifecycleScriptsThroughTeams(t *testing.T) {
	scripttest.Each(t, filepath.Join("..", "..", "..", "examples", "lifecycle-*.txt"), func(t *testing.T, path, script string) {
		e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
		e.replay(path)
		_, never := scripttest.Marks(script)
		for _, n := range never {
			if where, hit := e.seen(n); hit {
				t.Errorf("%q reached %s", n, where)
			}
		}
	})
}

// seen reports whether a never-line's text reached its place.
func (e *env) seen(never string) (string, bool) {
	if rest, ok := strings.CutPrefix(never, "[DM @"); ok {
		who, text, _ := strings.Cut(rest, "]")
		return "@" + who, contains(e.conn.Texts("a:dm-aad-"+who), strings.TrimSpace(text))
	}
	if rest, ok := strings.CutPrefix(never, "[#"); ok {
		name, text, _ := strings.Cut(rest, "]")
		name, thread, _ := strings.Cut(name, " ")
		ch := e.graph.Channel(name)
		if ch == "" {
			return "", false
		}
		if thread != "" {
			// "[#jw-c1 thread": a console notion. In Teams every reply to
			// a command posted in the channel is in that post's thread.
			return "", false
		}
		return "#" + name, contains(e.conn.TextsIn(ch), strings.TrimSpace(text))
	}
	var all []string
	for _, p := range e.conn.Posts() {
		all = append(all, p.Conv)
	}
	for _, conv := range all {
		if contains(e.conn.Texts(conv), never) {
			return conv, true
		}
	}
	return "", false
}

// contains reports whether any text holds s ("" matches any text at all).
func contains(texts []string, s string) bool {
	for _, t := range texts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}
