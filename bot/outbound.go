package bot

import "context"

// Outbox keeps a message a platform would not take, to send it again
// later; asker is told if it never goes through.
type Outbox interface {
	Keep(ctx context.Context, platform string, m Message, asker string) error
}

// keep hands an undelivered reply to the outbox, or logs it when there is
// none (or the outbox cannot take it either).
func (b *Bot) keep(ctx context.Context, p Sender, m Message, actor string, err error) {
	if b.opt.Outbox == nil {
		b.opt.Log.Error("send failed", "platform", p.Name(), "kind", m.To.Kind, "err", err)
		return
	}
	if kerr := b.opt.Outbox.Keep(ctx, p.Name(), m, actor); kerr != nil {
		b.opt.Log.Error("send failed and not kept for retry", "platform", p.Name(), "kind", m.To.Kind, "err", err, "keep_err", kerr)
		return
	}
	b.opt.Log.Warn("send failed; kept for retry", "platform", p.Name(), "kind", m.To.Kind, "err", err)
}

// Deliver sends messages, resolving Reply and missing channels or users
// against the event (which may be nil for timed work). The replies of a
// journaled event each go with their ReplyMark.
func (b *Bot) Deliver(ctx context.Context, p Sender, ev *Event, actor string, msgs []Message) {
	_, gated := p.(Platform)
	for i, m := range msgs {
		if gated && !b.allowed(ctx, ev, actor, m) {
			continue // withheld by the disclosure gate: final, never kept for a retry
		}
		b.deliverOne(ctx, p, ev, actor, i, m)
	}
}

// deliverOne sends reply i of an event's replies (see Deliver).
func (b *Bot) deliverOne(ctx context.Context, p Sender, ev *Event, actor string, i int, m Message) {
	m.To = resolve(m.To, ev, actor)
	ctx = markReply(ctx, i)
	if _, err := p.Send(ctx, m); err != nil {
		b.keep(ctx, p, m, actor, err) // the outbox keeps its mark
	}
}

// resolve fills in a target from the event: Reply becomes the event's
// channel or thread, and a missing channel or user is the event's.
func resolve(t Target, ev *Event, actor string) Target {
	if ev == nil {
		return t
	}
	switch t.Kind {
	case Reply:
		t = Target{Kind: ToChannel, Channel: ev.Place.Channel}
		if ev.Place.Thread != "" {
			t = Target{Kind: ToThread, Channel: ev.Place.Channel, Thread: ev.Place.Thread}
		}
	case Ephemeral:
		if t.Channel == "" {
			t.Channel = ev.Place.Channel
		}
		if t.User == "" {
			t.User = actor
		}
	case ToThread, ToChannel:
		if t.Channel == "" {
			t.Channel = ev.Place.Channel
		}
	}
	return t
}
