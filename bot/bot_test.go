package bot_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/redistest"
)

// rig is a kernel with a few test commands, a real Redis and the console
// workspace as its platform.
type rig struct {
	bot   *bot.Bot
	ws    *console.Workspace
	out   *bytes.Buffer
	store *state.Store
	srv   *redistest.Server
	runs  atomic.Int32
	seen  []*bot.Request
	// waiting is who has an answer waiting (Options.AnswerWaiting).
	waiting map[string]bool
}

// base is what the kernel's tests build on, from the one test harness
// (internal/apptest): the example directory and a store on a real
// redis-server. Each test builds its own kernel on them with test
// commands: the kernel is under test, not the handlers apptest registers.
func base(t *testing.T) (*directory.Directory, *state.Store, *redistest.Server) {
	t.Helper()
	b := apptest.New(t, apptest.Options{})
	return b.Directory, b.Store, b.Redis
}

func newRig(t *testing.T) *rig {
	t.Helper()
	dir, store, srv := base(t)
	r := &rig{out: &bytes.Buffer{}, srv: srv, store: store, waiting: map[string]bool{}}
	reg := bot.NewRegistry()
	record := func(_ context.Context, req *bot.Request) ([]bot.Message, error) {
		r.runs.Add(1)
		r.seen = append(r.seen, req)
		return []bot.Message{bot.Text("ran " + req.Command.Name + " " + strings.Join(req.Args, "|"))}, nil
	}
	reg.Add(
		&bot.Command{Name: "help", MaxArgs: -1, Run: record},
		&bot.Command{Name: "ask", MinArgs: 1, MaxArgs: -1, Run: record},
		&bot.Command{Name: "task add", Usage: "@owner DUE TEXT", MinArgs: 3, MaxArgs: -1, Run: record},
		&bot.Command{Name: "task done", Usage: "ID", MinArgs: 1, MaxArgs: 1, Run: record},
		&bot.Command{Name: "concern", Where: bot.InDM, MaxArgs: -1, Run: record},
		&bot.Command{Name: "consent", MaxArgs: -1, Run: record},
		&bot.Command{Name: "boom", MaxArgs: -1, Run: func(context.Context, *bot.Request) ([]bot.Message, error) { panic("kaboom") }},
		&bot.Command{Name: "fail", MaxArgs: -1, Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
			return nil, errors.New("internal detail that must not reach the user")
		}},
	)
	r.ws = console.NewWorkspace(r.out, dir)
	r.bot = bot.New(bot.Options{Registry: reg, Directory: dir, Memory: r.store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		AnswerWaiting: func(_ context.Context, handle string) bool { return r.waiting[handle] }})
	return r
}

func (r *rig) handle(ev bot.Event) string {
	r.out.Reset()
	if ev.Platform == "" {
		ev.Platform = "console"
	}
	if ev.UserID == "" {
		ev.UserID = "alex"
	}
	if ev.Place.Channel == "" {
		ev.Place = bot.Place{Kind: bot.DM, Channel: "dm:" + ev.UserID}
	}
	r.bot.Handle(context.Background(), r.ws, &ev)
	return r.out.String()
}

func TestRouting(t *testing.T) {
	r := newRig(t)
	tests := []struct {
		name string
		ev   bot.Event
		want string // substring of the output; "" = no output at all
	}{
		{"slash command", bot.Event{Text: "task add @bea +3d Home visit", Command: true}, "ran task add @bea|+3d|Home|visit"},
		{"typed prefix in DM", bot.Event{Text: "/jointwork task done T1"}, "ran task done T1"},
		{"prefix any case", bot.Event{Text: "JointWork task done T1"}, "ran task done T1"},
		{"plain question in DM goes to ask", bot.Event{Text: "can I share a referral?"}, "ran ask can|I|share|a|referral?"},
		{"question starting with a command word", bot.Event{Text: "task add rules for carers?"}, "ran ask task|add|rules"},
		{"empty command is help", bot.Event{Text: "/jointwork", Command: true}, "ran help"},
		{"unknown slash command", bot.Event{Text: "frobnicate now", Command: true}, "I don't know the command `frobnicate`"},
		{"a family name alone lists its commands", bot.Event{Text: "task", Command: true}, "The `task` commands are:\n[only @alex] • /jointwork task add @owner DUE TEXT"},
		{"a wrong sub-command lists the family", bot.Event{Text: "/jointwork task list"}, "`/jointwork task list` is not a command"},
		{"missing arguments", bot.Event{Text: "task add @bea", Command: true}, "`task add` needs more"},
		{"extra arguments", bot.Event{Text: "task done T1 T2", Command: true}, "`task done` takes fewer words"},
		{"DM-only command in a channel", bot.Event{Text: "concern", Command: true, Place: bot.Place{Kind: bot.Channel, Channel: "dm:alex"}}, "in a direct message"},
		{"plain chat in a channel is ignored", bot.Event{Text: "morning all", Place: bot.Place{Kind: bot.Channel, Channel: "dm:alex"}}, ""},
		{"mention in a channel is addressed", bot.Event{Text: "what is joint work", Mention: true, Place: bot.Place{Kind: bot.Channel, Channel: "dm:alex"}}, "ran ask"},
		{"unknown person", bot.Event{UserID: "mallory", Text: "help", Command: true, Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}}, "ask your administrator to add you (handle mallory)"},
		{"stray yes in a DM", bot.Event{Text: "yes"}, "No question is waiting for an answer"},
		{"stray no in a DM", bot.Event{Text: "No"}, "No question is waiting for an answer"},
		{"over-long text", bot.Event{Text: "ask " + strings.Repeat("x", bot.MaxText), Command: true}, "the limit is 4000"},
		{"handler panic", bot.Event{Text: "boom", Command: true}, "Something went wrong on our side"},
		{"internal error hidden", bot.Event{Text: "fail", Command: true}, "reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.handle(tt.ev)
			if tt.want == "" && got != "" {
				t.Fatalf("want no output, got %q", got)
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("want %q in output, got %q", tt.want, got)
			}
			if strings.Contains(got, "internal detail") {
				t.Fatalf("internal error text leaked to the user: %q", got)
			}
		})
	}
}

// A plain "yes" or "no" in a DM goes to the fallback command when an
// answer is waiting for that person (an "I think you mean" suggestion).
func TestStrayAnswerWhenAnAnswerIsWaiting(t *testing.T) {
	r := newRig(t)
	for _, tc := range []struct {
		waiting bool
		text    string
		want    string
	}{
		{false, "yes", "No question is waiting for an answer"},
		{true, "yes", "ran ask yes"},
		{true, "no", "ran ask no"},
	} {
		r.waiting["alex"] = tc.waiting
		if got := r.handle(bot.Event{Text: tc.text}); !strings.Contains(got, tc.want) {
			t.Errorf("waiting=%v %q: want %q, got %q", tc.waiting, tc.text, tc.want, got)
		}
	}
}

func TestRefusalsRunNothing(t *testing.T) {
	r := newRig(t)
	for _, ev := range []bot.Event{
		{Text: "task add @bea", Command: true},
		{Text: "nope", Command: true},
		{UserID: "mallory", Text: "help", Command: true, Place: bot.Place{Kind: bot.DM, Channel: "dm:x"}},
		{Text: "ask " + strings.Repeat("y", bot.MaxText+1), Command: true},
	} {
		r.handle(ev)
	}
	if n := r.runs.Load(); n != 0 {
		t.Fatalf("refused events ran %d handlers", n)
	}
}

func TestDuplicateEventActsOnce(t *testing.T) {
	r := newRig(t)
	ev := bot.Event{ID: "Ev123", Text: "task done T9", Command: true}
	first := r.handle(ev)
	second := r.handle(ev)
	if r.runs.Load() != 1 || second != "" || !strings.Contains(first, "ran task done") {
		t.Fatalf("runs=%d first=%q second=%q", r.runs.Load(), first, second)
	}
	// The same id on another platform is a different event.
	ev.Platform = "slack"
	r.handle(ev)
	if r.runs.Load() != 2 {
		t.Fatalf("runs=%d, want 2", r.runs.Load())
	}
}

func TestDialogTakesPlainAnswers(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	ch, err := r.ws.CreateChannel(ctx, "jw-c9", "test")
	if err != nil {
		t.Fatal(err)
	}
	key := bot.DialogKey("console", "alex", ch.ID)
	if err := r.store.SaveDialog(ctx, key, &state.Dialog{Kind: "consent", Step: "capacity"}, time.Minute); err != nil {
		t.Fatal(err)
	}
	got := r.handle(bot.Event{Text: "yes", Place: bot.Place{Kind: bot.Channel, Channel: ch.ID}})
	if !strings.Contains(got, "ran consent yes") {
		t.Fatalf("plain answer not routed to the dialog: %q", got)
	}
	// Plain text starting with a command word still answers the dialog.
	if got := r.handle(bot.Event{Text: "task done by the nurse already", Place: bot.Place{Kind: bot.Channel, Channel: ch.ID}}); !strings.Contains(got, "ran consent task|done") {
		t.Fatalf("dialog answer starting with a command word went elsewhere: %q", got)
	}
	// An explicit command still runs as a command.
	if got := r.handle(bot.Event{Text: "/jointwork task done T1", Place: bot.Place{Kind: bot.Channel, Channel: ch.ID}}); !strings.Contains(got, "ran task done T1") {
		t.Fatalf("explicit command during a dialog: %q", got)
	}
	// Someone else in the same channel is not in that dialog.
	if got := r.handle(bot.Event{UserID: "bea", Text: "yes", Place: bot.Place{Kind: bot.Channel, Channel: ch.ID}}); got != "" {
		t.Fatalf("bea's chat was routed: %q", got)
	}
}

func TestStoreDownSaysNothingSaved(t *testing.T) {
	r := newRig(t)
	r.srv.Stop()
	got := r.handle(bot.Event{ID: "Ev1", Text: "task done T1", Command: true})
	if !strings.Contains(got, "can't save anything right now") || r.runs.Load() != 0 {
		t.Fatalf("runs=%d output=%q", r.runs.Load(), got)
	}
	r.srv.Restart()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got = r.handle(bot.Event{ID: "Ev1", Text: "task done T1", Command: true})
		if strings.Contains(got, "ran task done") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(got, "ran task done") {
		t.Fatalf("bot did not recover after Redis came back: %q", got)
	}
}

func TestTailKeepsFreeText(t *testing.T) {
	r := newRig(t)
	r.handle(bot.Event{Text: "task add @bea +3d  Home   visit, with OT", Command: true})
	req := r.seen[len(r.seen)-1]
	if got := req.Tail(2); got != "Home   visit, with OT" {
		t.Fatalf("Tail(2) = %q", got)
	}
	if req.Tail(9) != "" || req.Arg(9) != "" {
		t.Fatal("out-of-range Tail/Arg should be empty")
	}
}

func TestSlowParsesOnly(t *testing.T) {
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "case open", Slow: true, MaxArgs: -1}, &bot.Command{Name: "ask", MaxArgs: -1})
	b := bot.New(bot.Options{Registry: reg})
	for text, want := range map[string]bool{"case open c1": true, "/jointwork Case Open c1": true, "ask x": false, "nonsense": false, "": false} {
		if got := b.Slow(text); got != want {
			t.Errorf("Slow(%q) = %v, want %v", text, got, want)
		}
	}
}
