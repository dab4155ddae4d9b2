package bot

import "context"

// Gate is the one send gate every outbound message passes through.
type Gate interface {
	// Wrap returns p with every Send and Update checked (once: wrapping a
	// wrapped platform returns it unchanged).
	Wrap(p Platform) Platform
	// Allow reports whether m, with a resolved target, may be sent; a
	// refusal is logged by the gate without content.
	Allow(ctx context.Context, m Message) bool
}

// gate wraps p in the send gate, once.
func (b *Bot) gate(p Platform) Platform {
	if b.opt.Gate == nil {
		return p
	}
	return b.opt.Gate.Wrap(p)
}

// screen drops the replies the gate refuses, judged where they would go, so
// an adapter that renders replies itself (the Slack App Home, a Teams
// invoke response) never shows a refused one.
func (b *Bot) screen(ctx context.Context, ev *Event, actor string, msgs []Message) []Message {
	if b.opt.Gate == nil || len(msgs) == 0 {
		return msgs
	}
	out := msgs[:0:0]
	for _, m := range msgs {
		if b.allowed(ctx, ev, actor, m) {
			out = append(out, m)
		}
	}
	return out
}

// allowed reports whether the gate lets m go where it would go.
func (b *Bot) allowed(ctx context.Context, ev *Event, actor string, m Message) bool {
	if b.opt.Gate == nil {
		return true
	}
	m.To = resolve(m.To, ev, actor)
	return b.opt.Gate.Allow(ctx, m)
}
