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
