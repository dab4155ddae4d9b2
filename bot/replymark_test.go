package bot_test

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/state"
)

// marking is a platform that records the ReplyMark of each send (a zero
// mark and false when there is none), and dies (the goroutine ends) after
// recording send number die, when die > 0.
type marking struct {
	*console.Workspace
	marks *[]bot.ReplyMark
	found *[]bool
	die   int
}

func (p marking) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	mk, ok := bot.ReplyMarkOf(ctx)
	*p.marks, *p.found = append(*p.marks, mk), append(*p.found, ok)
	if p.die > 0 && len(*p.marks) == p.die {
		runtime.Goexit()
	}
	return p.Workspace.Send(ctx, m)
}

// TestReplyMarks: the replies of a journaled event go to the platform each
// with its own opaque key; when the run dies before recording them sent,
// the next delivery re-sends them with the same keys, marked as re-sends,
// with the time they were kept; an event with no id is not journaled and
// its replies are not marked.
func TestReplyMarks(t *testing.T) {
	dir, store, _ := base(t)
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "two", Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
		return []bot.Message{bot.Text("one"), bot.Text("two")}, nil
	}})
	b := bot.New(bot.Options{Registry: reg, Directory: dir, Memory: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ws := console.NewWorkspace(io.Discard, dir)
	deliver := func(ctx context.Context, id string, die int) ([]bot.ReplyMark, []bool) {
		var marks []bot.ReplyMark
		var found []bool
		done := make(chan struct{})
		go func() {
			defer close(done)
			b.Handle(ctx, marking{ws, &marks, &found, die}, &bot.Event{ID: id, Platform: "console", UserID: "alex", Text: "two",
				Command: true, Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}})
		}()
		<-done
		return marks, found
	}
	ctx := context.Background()
	first, ok1 := deliver(ctx, "Ev1", 2) // took both, died before recording them sent
	if len(first) != 2 || !ok1[0] || !ok1[1] || first[0].Resend || first[0].Key == "" || first[0].Key == first[1].Key || first[0].Since.IsZero() {
		t.Fatalf("first try marks %+v (%v): want two distinct keys, not re-sends, with a time", first, ok1)
	}
	again, ok2 := deliver(state.WithTakeover(ctx), "Ev1", 0)
	if len(again) != 2 || !ok2[0] || !ok2[1] {
		t.Fatalf("re-send marks %+v (%v): want two", again, ok2)
	}
	for i := range again {
		if again[i].Key != first[i].Key || !again[i].Resend || !again[i].Since.Equal(first[i].Since.Truncate(1e6)) {
			t.Errorf("re-send mark %d %+v, want key %s, a re-send, since %s", i, again[i], first[i].Key, first[i].Since)
		}
	}
	if more, _ := deliver(state.WithTakeover(ctx), "Ev1", 0); len(more) != 0 {
		t.Errorf("a third delivery sent %d replies", len(more))
	}
	other, _ := deliver(ctx, "Ev2", 0)
	if len(other) != 2 || other[0].Key == first[0].Key {
		t.Errorf("another event's marks %+v share the first event's key", other)
	}
	if plain, ok := deliver(ctx, "", 0); len(plain) != 2 || ok[0] || ok[1] {
		t.Errorf("an event with no id: marks %+v (%v), want none", plain, ok)
	}
}

// TestHandleRepliesSendsBeforeRecording: HandleReplies returns what it
// delivered, and a run that dies while sending leaves its replies to the
// next delivery, which sends them (marked as re-sends) and returns them.
func TestHandleRepliesSendsBeforeRecording(t *testing.T) {
	dir, store, _ := base(t)
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "one", Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
		return []bot.Message{bot.Text("one")}, nil
	}})
	b := bot.New(bot.Options{Registry: reg, Directory: dir, Memory: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ws := console.NewWorkspace(io.Discard, dir)
	run := func(ctx context.Context, die int) (marks []bot.ReplyMark, actor string, msgs []bot.Message) {
		var found []bool
		done := make(chan struct{})
		go func() {
			defer close(done)
			actor, msgs = b.HandleReplies(ctx, marking{ws, &marks, &found, die}, &bot.Event{ID: "Ev1", Platform: "console",
				UserID: "alex", Text: "one", Command: true, Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}})
		}()
		<-done
		return marks, actor, msgs
	}
	ctx := context.Background()
	if marks, _, _ := run(ctx, 1); len(marks) != 1 {
		t.Fatalf("the dying run sent %d replies, want 1", len(marks))
	}
	marks, actor, msgs := run(state.WithTakeover(ctx), 0)
	if len(marks) != 1 || !marks[0].Resend || actor != "alex" || len(msgs) != 1 || msgs[0].Text != "one" {
		t.Fatalf("retry sent %+v and returned %q %+v; want the reply re-sent once and returned", marks, actor, msgs)
	}
}
