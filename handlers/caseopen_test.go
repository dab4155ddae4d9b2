package handlers_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// crashAfterCreate is a platform whose process dies (the goroutine ends)
// right after the platform created a channel.
type crashAfterCreate struct{ bot.Platform }

func (c crashAfterCreate) CreateChannel(ctx context.Context, name, topic string) (bot.ChannelInfo, error) {
	_, _ = c.Platform.CreateChannel(ctx, name, topic)
	runtime.Goexit()
	return bot.ChannelInfo{}, nil
}

// handleIn runs one event on p in its own goroutine (so a crash ends only
// it) and returns what the bot printed.
func (e *env) handleIn(ctx context.Context, p bot.Platform, as, text, id string) string {
	e.out.Reset()
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.app.Bot.Handle(ctx, p, &bot.Event{ID: id, Platform: "console", UserID: as, Text: text, Command: true,
			Place: bot.Place{Kind: bot.DM, Channel: "dm:" + as}, At: e.app.Clock.Now()})
	}()
	<-done
	return e.out.String()
}

// TestCaseOpenCrashLeavesNoDebris: the bot dies after the platform created
// a case's channel, before the case was stored. The same command, retried,
// opens the case on that channel (no second channel); opened by someone
// else once the first run is clearly dead, the abandoned channel is
// archived; opened by someone else meanwhile, it is refused.
func TestCaseOpenCrashLeavesNoDebris(t *testing.T) {
	const open = "/jointwork case open c101 subject=person Hospital discharge"
	retry := state.WithTakeover(context.Background())
	t.Run("same event retried", func(t *testing.T) {
		e := newEnv(t)
		first := e.handleIn(e.ctx, crashAfterCreate{e.plat}, "alex", open, "Ev1")
		again := e.handleIn(retry, e.plat, "alex", open, "Ev1")
		if n := strings.Count(first+again, "private channel created"); n != 1 {
			t.Fatalf("%d channels created, want 1:\n%s\n%s", n, first, again)
		}
		if c := e.caseOf("c101"); c.ChannelName != "jw-c101" || !strings.Contains(again, "Case c101 is open in the private channel #jw-c101") {
			t.Fatalf("case on #%s after the retry:\n%s", c.ChannelName, again)
		}
	})
	t.Run("another event", func(t *testing.T) {
		e := newEnv(t)
		e.handleIn(e.ctx, crashAfterCreate{e.plat}, "alex", open, "Ev1")
		if out := e.handleIn(e.ctx, e.plat, "bea", open, "Ev2"); !strings.Contains(out, "being opened by someone else") {
			t.Fatalf("open while the first may still run:\n%s", out)
		}
		e.app.Clock.Advance(3 * time.Minute)
		out := e.handleIn(e.ctx, e.plat, "bea", open, "Ev3")
		if !strings.Contains(out, "[#jw-c101] -- channel archived") || !strings.Contains(out, "open in the private channel #jw-c101-2") {
			t.Fatalf("open after the first run died:\n%s", out)
		}
		if c := e.caseOf("c101"); c.Lead != "bea" || c.ChannelName != "jw-c101-2" {
			t.Fatalf("case %+v", c)
		}
	})
}
