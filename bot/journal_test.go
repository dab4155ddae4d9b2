package bot_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/state"
)

// dying is a platform whose process dies (the goroutine ends, running no
// more of the kernel) at its first send.
type dying struct{ *console.Workspace }

func (dying) Send(context.Context, bot.Message) (bot.Ref, error) {
	runtime.Goexit()
	return bot.Ref{}, nil
}

// TestRepliesOfACrashedRunSentOnce: the bot dies after an event's change
// committed, before its reply went out (at the send, or inside the
// handler before it returned). The next delivery of the event (taken over
// from the dead run) changes nothing and sends the kept reply once, or
// says the reply was lost; a further delivery says nothing.
func TestRepliesOfACrashedRunSentOnce(t *testing.T) {
	dir, store, _ := base(t)
	ctx := context.Background()
	if err := store.CreateCase(ctx, &state.Case{Ref: "c101", Lead: "alex"}, state.Entry{Action: "case.open"}); err != nil {
		t.Fatal(err)
	}
	runs, dieInHandler := 0, false
	note := func(ctx context.Context, _ *bot.Request) ([]bot.Message, error) {
		runs++
		err := store.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.Log(state.Entry{Actor: "alex", Action: "note"})
			return nil
		})
		if dieInHandler {
			runtime.Goexit()
		}
		return []bot.Message{bot.Text("noted")}, err
	}
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "note", MaxArgs: -1, Run: note})
	out := &bytes.Buffer{}
	ws := console.NewWorkspace(out, dir)
	b := bot.New(bot.Options{Registry: reg, Directory: dir, Memory: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	deliver := func(ctx context.Context, p bot.Platform, id string) string {
		out.Reset()
		done := make(chan struct{})
		go func() {
			defer close(done)
			b.Handle(ctx, p, &bot.Event{ID: id, Platform: "console", UserID: "alex", Text: "note", Command: true,
				Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}})
		}()
		<-done
		return out.String()
	}
	retry := state.WithTakeover(ctx)
	for _, tc := range []struct {
		id, want     string
		dieInHandler bool
	}{{"Ev1", "noted", false}, {"Ev2", "reply to it was lost", true}} {
		before := runs
		dieInHandler = tc.dieInHandler
		if got := deliver(ctx, dying{ws}, tc.id); got != "" {
			t.Fatalf("%s: the dying run printed %q", tc.id, got)
		}
		dieInHandler = false
		if got := deliver(retry, ws, tc.id); strings.Count(got, tc.want) != 1 {
			t.Fatalf("%s: retry after the crash printed %q, want %q once", tc.id, got, tc.want)
		}
		if got := deliver(retry, ws, tc.id); got != "" {
			t.Fatalf("%s: third delivery printed %q, want nothing", tc.id, got)
		}
		if runs != before+1 {
			t.Fatalf("%s: handler ran %d times, want once", tc.id, runs-before)
		}
	}
	if c, _ := store.Case(ctx, "c101"); c.Version != 3 {
		t.Fatalf("case version %d, want 3 (one change per event)", c.Version)
	}
}
