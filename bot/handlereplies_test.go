package bot_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/outbox"
	"github.com/jointwork/jointwork/bot/state"
)

// countingGate refuses replies saying "no" and counts how often it is
// asked; its wrapped platform asks it on every Send, as the real gate does.
type countingGate struct{ asked *int }

func (g countingGate) Wrap(p bot.Platform) bot.Platform {
	if _, ok := p.(gatedSender); ok {
		return p
	}
	return gatedSender{p, g}
}

func (g countingGate) Allow(_ context.Context, m bot.Message) bool {
	*g.asked++
	return m.Text != "no"
}

type gatedSender struct {
	bot.Platform
	g countingGate
}

func (p gatedSender) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	if !p.g.Allow(ctx, m) {
		return bot.Ref{}, errors.New("withheld")
	}
	return p.Platform.Send(ctx, m)
}

// sentTexts is a console platform that records what it sends.
type sentTexts struct {
	*console.Workspace
	sent *[]string
}

func (p sentTexts) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	*p.sent = append(*p.sent, m.Text)
	return p.Workspace.Send(ctx, m)
}

// gatedTwo is a bot whose one command, "two", replies "yes" and "no"
// behind countingGate (which withholds "no"), a platform recording what it
// sends, and the store (which holds the outbox when withOutbox).
type gatedTwo struct {
	b     *bot.Bot
	p     sentTexts
	sent  *[]string
	asked *int
	store *state.Store
}

func newGatedTwo(t *testing.T, withOutbox bool) gatedTwo {
	dir, store, _ := base(t)
	reg := bot.NewRegistry()
	reg.Add(&bot.Command{Name: "two", Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
		return []bot.Message{bot.Text("yes"), bot.Text("no")}, nil
	}})
	g := gatedTwo{sent: new([]string), asked: new(int), store: store}
	opt := bot.Options{Registry: reg, Directory: dir, Memory: store, Gate: countingGate{g.asked},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if withOutbox {
		opt.Outbox = &outbox.Outbox{Store: store}
	}
	g.b = bot.New(opt)
	g.p = sentTexts{console.NewWorkspace(io.Discard, dir), g.sent}
	return g
}

// twoEvent is the "two" command from alex in their DM.
func twoEvent(id string) *bot.Event {
	return &bot.Event{ID: id, Platform: "console", UserID: "alex", Text: "two", Command: true,
		Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}}
}

// TestHandleRepliesVetsEachReplyOnce: HandleReplies sends and returns only
// the replies the gate allows, and asks the gate once per reply (the gate
// reads the store, so a second ask is a second round trip).
func TestHandleRepliesVetsEachReplyOnce(t *testing.T) {
	g := newGatedTwo(t, false)
	_, msgs := g.b.HandleReplies(context.Background(), g.p, twoEvent("EvGate"))
	sent, asked := *g.sent, *g.asked
	if len(sent) != 1 || sent[0] != "yes" || len(msgs) != 1 || msgs[0].Text != "yes" {
		t.Fatalf("sent %q, returned %+v; want only the allowed reply", sent, msgs)
	}
	if asked != 2 {
		t.Errorf("gate asked %d times for 2 replies, want once each", asked)
	}
}

// A reply the disclosure gate withholds is final: it is not kept in the
// outbox for a retry (the outbox would retry it for hours and then tell
// the asker it could not be delivered).
func TestWithheldReplyIsNotKeptForRetry(t *testing.T) {
	g := newGatedTwo(t, true)
	ctx := context.Background()
	g.b.Handle(ctx, g.p, twoEvent("EvWithheld"))
	sent := *g.sent
	if len(sent) != 1 || sent[0] != "yes" {
		t.Fatalf("sent %q; want only the allowed reply", sent)
	}
	kept, err := g.store.ClaimDue(ctx, time.Now().Add(365*24*time.Hour), time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 0 {
		t.Errorf("%d item(s) kept for a retry; a withheld reply must not be", len(kept))
	}
}
