package outbox_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/outbox"
	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// flaky is a platform that refuses sends (as a 429 storm would) while down.
type flaky struct {
	bot.Platform // only Name and Send are used
	mu           sync.Mutex
	down         bool
	sent         []bot.Message
	marks        []bot.ReplyMark // of each message sent (zero when none)
	refused      int
}

func (f *flaky) Name() string { return "flaky" }

func (f *flaky) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down && m.To.Kind != bot.ToDM {
		f.refused++
		return bot.Ref{}, errors.New("ratelimited")
	}
	f.sent = append(f.sent, m)
	mk, _ := bot.ReplyMarkOf(ctx)
	f.marks = append(f.marks, mk)
	return bot.Ref{ID: "1"}, nil
}

func (f *flaky) set(down bool) { f.mu.Lock(); f.down = down; f.mu.Unlock() }

func (f *flaky) texts() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, m := range f.sent {
		out = append(out, m.Text)
	}
	return out
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func rig(t *testing.T) (*outbox.Outbox, *schedule.Runner, *flaky, *clock) {
	clk := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	st := state.New(redistest.Start(t).Client(), state.Options{Now: clk.Now})
	p := &flaky{down: true}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	o := &outbox.Outbox{Store: st, Deadline: time.Hour, Log: quiet,
		Platform: func(name string) (bot.Sender, bool) { return p, name == "flaky" }}
	r := &schedule.Runner{Store: st, Now: clk.Now, Handle: o.Handle, Log: quiet}
	return o, r, p, clk
}

// TestKeptReplyDeliveredOnceAfterStorm: a reply refused during a storm is
// retried with backoff and delivered once when the platform takes it again.
func TestKeptReplyDeliveredOnceAfterStorm(t *testing.T) {
	o, r, p, clk := rig(t)
	ctx := context.Background()
	reply := bot.Message{To: bot.Target{Kind: bot.ToChannel, Channel: "C1"}, Text: "Task T1 added"}
	if err := o.Keep(ctx, "flaky", reply, "alex"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ { // 30 s, 1 min, 2 min, 4 min apart: all refused
		clk.Add(5 * time.Minute)
		if _, err := r.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if p.refused < 3 || len(p.texts()) != 0 {
		t.Fatalf("refused %d, sent %q; want retries while the storm lasts", p.refused, p.texts())
	}
	p.set(false)
	for i := 0; i < 3; i++ {
		clk.Add(15 * time.Minute)
		if _, err := r.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := p.texts(); len(got) != 1 || got[0] != "Task T1 added" {
		t.Fatalf("sent %q, want the reply exactly once", got)
	}
}

// TestUndeliveredReplyToldToAsker: past the deadline the asker gets a DM.
func TestUndeliveredReplyToldToAsker(t *testing.T) {
	o, r, p, clk := rig(t)
	ctx := context.Background()
	if err := o.Keep(ctx, "flaky", bot.Message{To: bot.Target{Kind: bot.Ephemeral, Channel: "C1", User: "alex"}, Text: "Saved."}, "alex"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 8; i++ {
		clk.Add(15 * time.Minute)
		if _, err := r.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := p.texts()
	if len(got) != 1 || !strings.Contains(got[0], "could not be delivered") || p.sent[0].To.User != "alex" {
		t.Fatalf("sent %q; want one DM to the asker saying the reply was not delivered", got)
	}
	clk.Add(time.Hour)
	if _, err := r.Tick(ctx); err != nil || len(p.texts()) != 1 {
		t.Fatalf("after the notice: %q, %v; want nothing more", p.texts(), err)
	}
}

// TestKeptReplyResentWithItsMark: a journaled reply kept after a failed
// send goes out marked as a re-send with its key and time (the failed try
// may have reached the platform); a message with no mark gets none.
func TestKeptReplyResentWithItsMark(t *testing.T) {
	o, r, p, clk := rig(t)
	ctx := context.Background()
	since := time.Date(2026, 3, 2, 8, 59, 0, 0, time.UTC)
	to := bot.Target{Kind: bot.ToChannel, Channel: "C1"}
	if err := o.Keep(bot.WithReplyMark(ctx, bot.ReplyMark{Key: "k1", Since: since}), "flaky", bot.Message{To: to, Text: "marked"}, "alex"); err != nil {
		t.Fatal(err)
	}
	if err := o.Keep(ctx, "flaky", bot.Message{To: to, Text: "plain"}, "alex"); err != nil {
		t.Fatal(err)
	}
	p.set(false)
	clk.Add(time.Minute)
	if _, err := r.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string]bot.ReplyMark{}
	for i, m := range p.sent {
		got[m.Text] = p.marks[i]
	}
	if mk := got["marked"]; mk.Key != "k1" || !mk.Resend || !mk.Since.Equal(since) {
		t.Errorf("kept journaled reply sent with mark %+v, want key k1, a re-send, since %s", mk, since)
	}
	if mk, sent := got["plain"]; !sent || mk != (bot.ReplyMark{}) {
		t.Errorf("message with no mark: sent %v with mark %+v, want sent with none", sent, mk)
	}
}
