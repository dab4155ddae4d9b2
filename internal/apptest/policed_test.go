package apptest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/internal/apptest"
)

// spyTB is a testing.TB that keeps Errorf calls instead of failing.
type spyTB struct {
	*testing.T
	errs []string
}

func (s *spyTB) Errorf(format string, args ...any) {
	s.errs = append(s.errs, fmt.Sprintf(format, args...))
}

// The harness fails a test on a message the disclosure policy does not
// admit: one the send gate withholds, and one sent around the gate that
// the Recorder's Check sees. An admitted message passes.
func TestHarnessFailsOnDisclosure(t *testing.T) {
	for _, tc := range []struct {
		name  string
		send  func(b *apptest.Bot, ctx context.Context, m bot.Message)
		to    string
		fails bool
	}{
		{"gate, to the lead", sendGated, "alex", false},
		{"gate, to a stranger", sendGated, "eve", true},
		{"around the gate, to a stranger", sendRaw, "eve", true},
		{"around the gate, to the lead", sendRaw, "alex", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spy := &spyTB{T: t}
			b := apptest.New(spy, apptest.Options{Embedded: true})
			ctx := context.Background()
			ev := &bot.Event{ID: "e1", Platform: "console", UserID: "alex", Text: "/jointwork case open c101", Command: true,
				Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}, At: b.Clock.Now()}
			b.Bot.Handle(ctx, b.Recorder, ev)
			if len(spy.errs) != 0 {
				t.Fatalf("opening a case failed the harness: %v", spy.errs)
			}
			tc.send(b, ctx, bot.Message{To: bot.Target{Kind: bot.ToDM, User: tc.to}, Text: "case detail", Case: "c101"})
			if got := len(spy.errs) > 0; got != tc.fails {
				t.Errorf("harness failed = %v, want %v (%v)", got, tc.fails, spy.errs)
			}
		})
	}
}

func sendGated(b *apptest.Bot, ctx context.Context, m bot.Message) {
	_, _ = b.Handlers.Gate().Wrap(b.Recorder).Send(ctx, m)
}

func sendRaw(b *apptest.Bot, ctx context.Context, m bot.Message) { _, _ = b.Recorder.Send(ctx, m) }
