package apptest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/internal/apptest"
)

// Every outbound message goes through the Recorder, its Check hook sees
// each one, and the console output is what the workspace printed.
func TestRecorderSeesEveryMessage(t *testing.T) {
	for _, embedded := range []bool{false, true} {
		b := apptest.New(t, apptest.Options{Embedded: embedded})
		if got := b.Embedded(); got != embedded {
			t.Fatalf("Embedded() = %v, want %v", got, embedded)
		}
		if !b.Clock.Now().Equal(apptest.Monday) {
			t.Fatalf("clock %v, want %v", b.Clock.Now(), apptest.Monday)
		}
		var checked []string
		b.Recorder.Check = func(s apptest.Sent) { checked = append(checked, s.Message.Text) }
		ev := &bot.Event{ID: "e1", Platform: "console", UserID: "alex", Text: "/jointwork case open c101", Command: true,
			Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}, At: b.Clock.Now()}
		b.Bot.Handle(context.Background(), b.Recorder, ev)
		sent := b.Recorder.Sent()
		if len(sent) == 0 || len(checked) != len(sent) {
			t.Fatalf("recorded %d, checked %d", len(sent), len(checked))
		}
		if !strings.Contains(b.Out.String(), "Case c101 is open") {
			t.Errorf("console output:\n%s", b.Out.String())
		}
		b.Recorder.Reset()
		if n := len(b.Recorder.Sent()); n != 0 {
			t.Errorf("after Reset: %d recorded", n)
		}
	}
}
