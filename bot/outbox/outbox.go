// Package outbox keeps the bot's replies that a platform would not take
// (rate limits, outages) and sends them again until a deadline, through
// the Redis schedule of package state, so no confirmation is dropped
// silently and a restart loses none.
//
// When the kernel's Deliver cannot send a message (after the adapter's own
// short retries, such as Slack's Retry-After waits), it hands the message
// to Keep, which stores it as a schedule item of Kind "outbox". Any
// replica's scheduler runs it: the message is sent again; a failure before
// the deadline reschedules it with backoff (30 s doubling, at most 15 min
// apart); after the deadline (default 6 h) the person who asked is told in a
// direct message that a reply could not be delivered. A delivered message
// completes its item, so a restart never sends it again; the one window is
// a crash between the platform accepting it and the completion (one Redis
// round trip), as for pings, and a journaled reply's tries are marked as
// re-sends, so a platform that can look for one it already took (Slack)
// does not post it twice. Messages of one command that are kept may arrive
// after later ones.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// Kind is the schedule item kind of kept messages.
const Kind = "outbox"

// Defaults for zero Outbox fields.
const (
	DefaultDeadline = 6 * time.Hour
	baseBackoff     = 30 * time.Second
	maxBackoff      = 15 * time.Minute
)

// Outbox keeps and resends undelivered messages. It implements bot.Outbox.
type Outbox struct {
	Store *state.Store
	// Platform finds a platform by name for resending.
	Platform func(name string) (bot.Sender, bool)
	// Deadline is how long a message is retried (DefaultDeadline).
	Deadline time.Duration
	// FirstRetry is the wait before the first resend (30 s when zero); it
	// doubles after each failure, up to 15 min.
	FirstRetry time.Duration
	// Now is the clock (Store.Now when nil).
	Now func() time.Time
	Log *slog.Logger
}

var _ bot.Outbox = (*Outbox)(nil)

// Keep stores m, which could not be sent on platform, for another try;
// asker is told if it never goes through.
func (o *Outbox) Keep(ctx context.Context, platform string, m bot.Message, asker string) error {
	raw, err := json.Marshal(&m)
	if err != nil {
		return fmt.Errorf("outbox: encode message: %w", err)
	}
	id, err := o.Store.NewID(ctx, "O")
	if err != nil {
		return err
	}
	now := o.now()
	data := map[string]string{"platform": platform, "msg": string(raw), "asker": asker,
		"deadline": now.Add(o.deadline()).Format(time.RFC3339Nano)}
	if mk, ok := bot.ReplyMarkOf(ctx); ok && mk.Key != "" {
		data["reply_key"], data["reply_since"] = mk.Key, mk.Since.Format(time.RFC3339Nano)
	}
	return o.Store.Schedule(context.WithoutCancel(ctx), state.Item{ID: id, Kind: Kind, Due: now.Add(o.backoff(0)), Data: data})
}

// resendMark marks a kept journaled reply's every try as a re-send: a try
// that failed may still have reached the platform (an answer lost on the
// way back), and a platform that can tell skips it (bot.ReplyMark).
func resendMark(ctx context.Context, it state.Item) context.Context {
	key := it.Data["reply_key"]
	if key == "" {
		return ctx
	}
	since, _ := time.Parse(time.RFC3339Nano, it.Data["reply_since"])
	return bot.WithReplyMark(ctx, bot.ReplyMark{Key: key, Resend: true, Since: since})
}

// Handle is the scheduler handler of Kind items: it sends the message, or
// reschedules it, or past the deadline tells the asker. It returns an
// error only when the item is unreadable.
func (o *Outbox) Handle(ctx context.Context, it state.Item) error {
	var m bot.Message
	if err := json.Unmarshal([]byte(it.Data["msg"]), &m); err != nil {
		return fmt.Errorf("outbox: decode %s: %w", it.ID, err)
	}
	deadline, err := time.Parse(time.RFC3339Nano, it.Data["deadline"])
	if err != nil {
		return fmt.Errorf("outbox: %s deadline: %w", it.ID, err)
	}
	p, ok := o.Platform(it.Data["platform"])
	if !ok {
		return fmt.Errorf("outbox: %s: platform %q not running here", it.ID, it.Data["platform"])
	}
	_, err = p.Send(resendMark(ctx, it), m)
	switch {
	case err == nil:
		return nil
	case o.now().Before(deadline):
		it.Attempt++
		it.Due = o.now().Add(o.backoff(it.Attempt))
		o.log().Info("outbox: send failed, will retry", "id", it.ID, "attempt", it.Attempt, "err", err)
		return o.Store.Schedule(ctx, it) // replaces the item, ending this claim
	}
	o.log().Error("outbox: not delivered before the deadline", "id", it.ID, "err", err)
	o.tell(ctx, p, it.Data["asker"], it.ID)
	return nil
}

// tell lets the asker know a reply was never delivered.
func (o *Outbox) tell(ctx context.Context, p bot.Sender, asker, id string) {
	if asker == "" {
		return
	}
	note := bot.Message{To: bot.Target{Kind: bot.ToDM, User: asker}, Kind: bot.KindError,
		Text: fmt.Sprintf("A reply to one of your jointwork commands could not be delivered for %s, so you may have missed a confirmation (reference %s). Please check the case before doing anything again.",
			o.deadline(), id)}
	if _, err := p.Send(ctx, note); err != nil {
		o.log().Error("outbox: asker not told", "id", id, "err", err)
	}
}

func (o *Outbox) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return o.Store.Now()
}

func (o *Outbox) deadline() time.Duration {
	if o.Deadline > 0 {
		return o.Deadline
	}
	return DefaultDeadline
}

func (o *Outbox) log() *slog.Logger {
	if o.Log != nil {
		return o.Log
	}
	return slog.Default()
}

// backoff is the wait before try n+2 after n+1 failures.
func (o *Outbox) backoff(n int) time.Duration {
	d := baseBackoff
	if o.FirstRetry > 0 {
		d = o.FirstRetry
	}
	for i := 0; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}
