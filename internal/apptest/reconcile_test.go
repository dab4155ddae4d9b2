package apptest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/internal/apptest"
)

// The channel check runs at start-up and then as a scheduler item every
// hour: someone put in a case channel with no join event is found by it,
// and the item schedules its next run.
func TestStartReconcileAndScheduledCheck(t *testing.T) {
	ctx := context.Background()
	b := apptest.New(t, apptest.Options{})
	ev := &bot.Event{ID: "e1", Platform: "console", UserID: "alex", Text: "/jointwork case open c101", Command: true,
		Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}, At: b.Clock.Now()}
	b.Bot.Handle(ctx, b.Recorder, ev)
	c, err := b.Store.Case(ctx, "c101")
	if err != nil {
		t.Fatal(err)
	}
	for i, who := range []string{"eve", "finn"} {
		if err := b.Workspace.Join(c.Channel, who); err != nil {
			t.Fatal(err)
		}
		b.Out.Reset()
		if i == 0 {
			b.StartReconcile(ctx)
		} else {
			b.Clock.Advance(time.Hour + time.Minute)
			b.RunDue(ctx)
		}
		if out := b.Out.String(); !strings.Contains(out, "[#jw-c101] -- @"+who+" was removed") {
			t.Errorf("check %d did not take @%s out:\n%s", i, who, out)
		}
		it, err := b.Store.Scheduled(ctx, "channels:reconcile")
		if err != nil || !it.Due.After(b.Clock.Now()) {
			t.Fatalf("next check not scheduled after now: %+v, %v", it, err)
		}
	}
}
