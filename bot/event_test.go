package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/state"
)

// TestRetryOfFailedEventRunsDoneOneDoesNot delivers one event id several
// times: a run that failed leaves it to be retried; once a run committed
// its change, later deliveries change nothing and say nothing.
func TestRetryOfFailedEventRunsDoneOneDoesNot(t *testing.T) {
	dir, store, _ := base(t)
	ctx := context.Background()
	if err := store.CreateCase(ctx, &state.Case{Ref: "c101", Lead: "alex"}, state.Entry{Action: "case.open"}); err != nil {
		t.Fatal(err)
	}
	runs := 0
	note := func(ctx context.Context, _ *bot.Request) ([]bot.Message, error) {
		runs++
		if runs == 1 {
			return nil, fmt.Errorf("save: %w", state.ErrUnavailable)
		}
		err := store.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.Log(state.Entry{Actor: "alex", Action: "note"})
			return nil
		})
		return []bot.Message{bot.Text("noted")}, err
	}
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "note", MaxArgs: -1, Run: note})
	out := &bytes.Buffer{}
	ws := console.NewWorkspace(out, dir)
	b := bot.New(bot.Options{Registry: reg, Directory: dir, Memory: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	deliver := func() string {
		out.Reset()
		b.Handle(ctx, ws, &bot.Event{ID: "Ev1", Platform: "console", UserID: "alex", Text: "note", Command: true,
			Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}})
		return out.String()
	}
	for i, want := range []struct {
		runs int
		text string
	}{{1, "nothing was changed"}, {2, "noted"}, {2, ""}} {
		got := deliver()
		if runs != want.runs || (want.text == "") != (got == "") || !strings.Contains(got, want.text) {
			t.Fatalf("delivery %d: %d runs, output %q; want %d runs and %q", i+1, runs, got, want.runs, want.text)
		}
	}
	c, _ := store.Case(ctx, "c101")
	if c.Version != 2 {
		t.Fatalf("case version %d, want 2 (one change)", c.Version)
	}
}

// TestUnknownOutcomeNeverSaysNothingChanged: when a commit's reply was lost
// and the store could not be asked, the person is not told that nothing
// was changed.
func TestUnknownOutcomeNeverSaysNothingChanged(t *testing.T) {
	dir, store, _ := base(t)
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "note", MaxArgs: -1, Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
		return nil, fmt.Errorf("state: update c101: %w", state.ErrUnknownOutcome)
	}})
	out := &bytes.Buffer{}
	b := bot.New(bot.Options{Registry: reg, Directory: dir, Memory: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	b.Handle(context.Background(), console.NewWorkspace(out, dir), &bot.Event{ID: "Ev2", Platform: "console", UserID: "alex",
		Text: "note", Command: true, Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}})
	if got := out.String(); strings.Contains(got, "nothing was changed") || !strings.Contains(got, "can't tell whether it was saved") {
		t.Fatalf("reply %q", got)
	}
}

type keeper struct{ kept []bot.Message }

func (k *keeper) Keep(_ context.Context, _ string, m bot.Message, asker string) error {
	m.To.User = asker + "|" + m.To.User
	k.kept = append(k.kept, m)
	return nil
}

// TestUndeliveredReplyKept: a reply the platform refuses goes to the outbox
// with the asker, instead of being only logged.
func TestUndeliveredReplyKept(t *testing.T) {
	dir, store, _ := base(t)
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "note", MaxArgs: -1, Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
		return []bot.Message{{To: bot.Target{Kind: bot.ToChannel, Channel: "C404"}, Text: "noted"}}, nil
	}})
	k := &keeper{}
	b := bot.New(bot.Options{Registry: reg, Directory: dir, Memory: store,
		Outbox: k, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	b.Handle(context.Background(), console.NewWorkspace(&bytes.Buffer{}, dir), &bot.Event{ID: "Ev3", Platform: "console",
		UserID: "alex", Text: "note", Command: true, Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}})
	if len(k.kept) != 1 || k.kept[0].Text != "noted" || k.kept[0].To.User != "alex|" {
		t.Fatalf("kept %+v; want the refused reply with its asker", k.kept)
	}
}
