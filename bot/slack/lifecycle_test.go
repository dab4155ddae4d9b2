package slack_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/scripttest"
)

// clock runs a console "/clock +Nd" line: the bot's clock moves on and the
// timed work that fell due runs (pings go out through Slack).
func (r *slackRun) clock(arg string) {
	r.t.Helper()
	if err := apptest.AdvanceDays(context.Background(), r.app, arg); err != nil {
		r.t.Fatal(err)
	}
}

// The issue-11 lifecycle scripts replayed through Slack: no "never" line of
// a script appears in the Slack transcript, and its "want" lines appear in
// order once Slack's own markup is taken off. The harness fails the test on
// any message the disclosure gate withholds.
func TestLifecycleScriptsThroughSlack(t *testing.T) {
	scripttest.Each(t, filepath.Join("..", "..", "examples", "lifecycle-*.txt"), func(t *testing.T, path, script string) {
		r := newSlackRun(t)
		r.replay(filepath.Base(path))
		want, never := scripttest.Marks(script)
		// Slack marks errors with :warning: and titles in bold, and
		// answers a slash command in a DM as a DM line: compare past that.
		norm := strings.NewReplacer(":warning: ", "", "*", "", "[only @", "[DM @")
		out := norm.Replace(r.transcript())
		for i := range want {
			want[i] = norm.Replace(want[i])
		}
		scripttest.InOrder(t, out, want)
		scripttest.Never(t, out, never)
	})
}
