package bot

import (
	"context"
	"errors"
)

// Reconciler checks who is in a case channel against the case: people the
// case does not admit are taken out (or reported to the lead).
type Reconciler interface {
	Reconcile(ctx context.Context, p Platform, channel string, joined []ChannelMember) error
}

// Joined is called by an adapter when people join a channel (Slack
// member_joined_channel, Teams conversationUpdate membersAdded), with their
// platform user ids. Their handles are resolved here, and the reconciler
// decides whether they may stay.
func (b *Bot) Joined(ctx context.Context, p Platform, channel string, userIDs ...string) {
	if b.opt.Reconciler == nil || channel == "" || len(userIDs) == 0 {
		return
	}
	joined := make([]ChannelMember, 0, len(userIDs))
	for _, id := range userIDs {
		h, err := p.UserHandle(ctx, id)
		if err != nil && !errors.Is(err, ErrUnknownUser) {
			b.opt.Log.Warn("channel join: user not resolved", "platform", p.Name(), "err", err)
		}
		joined = append(joined, ChannelMember{UserID: id, Handle: h})
	}
	if err := b.opt.Reconciler.Reconcile(ctx, p, channel, joined); err != nil {
		b.opt.Log.Error("channel join: reconcile failed", "platform", p.Name(), "err", err)
	}
}
