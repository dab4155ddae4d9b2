package slack

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// inviteBatch is how many people one conversations.invite call adds.
const inviteBatch = 100

// maxTopic is Slack's limit on a channel topic (characters).
const maxTopic = 250

// Update implements bot.Platform with chat.update (the case card).
func (a *Adapter) Update(ctx context.Context, ref bot.Ref, m bot.Message) error {
	o := renderOpts{ids: a.mentionIDs(ctx, texts(m)...), inlineFile: true}
	blocks, text := render(m, o)
	return a.call(ctx, "chat.update", func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, ref.Channel, ref.ID, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false))
		return err
	})
}

// Pin implements bot.Platform with pins.add; already pinned is fine.
func (a *Adapter) Pin(ctx context.Context, ref bot.Ref) error {
	err := a.call(ctx, "pins.add", func(ctx context.Context) error {
		return a.api.AddPinContext(ctx, ref.Channel, slack.NewRefToMessage(ref.Channel, ref.ID))
	})
	if hasCode(err, "already_pinned") {
		return nil
	}
	return err
}

// CreateChannel implements bot.Platform: a private channel (the bot, its
// creator, is a member), then its topic. A taken name is bot.ErrNameTaken.
func (a *Adapter) CreateChannel(ctx context.Context, name, topic string) (bot.ChannelInfo, error) {
	var ch *slack.Channel
	err := a.call(ctx, "conversations.create", func(ctx context.Context) error {
		var err error
		ch, err = a.api.CreateConversationContext(ctx, slack.CreateConversationParams{ChannelName: name, IsPrivate: true})
		return err
	})
	if hasCode(err, "name_taken") {
		return bot.ChannelInfo{}, fmt.Errorf("slack: #%s: %w", name, bot.ErrNameTaken)
	}
	if err != nil {
		return bot.ChannelInfo{}, err
	}
	info := bot.ChannelInfo{ID: ch.ID, Name: ch.Name}
	if info.Name == "" {
		info.Name = name
	}
	if topic != "" {
		if err := a.call(ctx, "conversations.setTopic", func(ctx context.Context) error {
			_, err := a.api.SetTopicOfConversationContext(ctx, ch.ID, truncate(topic, maxTopic))
			return err
		}); err != nil {
			a.log.Warn("slack: channel topic not set", "channel", ch.ID, "err", err)
			info.Note = "I could not set the channel topic."
		}
	}
	return info, nil
}

// Invite implements bot.Platform with conversations.invite, at most 100
// people a call. People already in the channel are fine.
func (a *Adapter) Invite(ctx context.Context, channel string, handles ...string) error {
	self := a.selfID(ctx)
	var ids []string
	for _, h := range handles {
		id, err := a.slackID(ctx, h)
		if err != nil {
			return fmt.Errorf("slack: invite @%s: %w", h, err)
		}
		if id != self {
			ids = append(ids, id)
		}
	}
	for i := 0; i < len(ids); i += inviteBatch {
		if err := a.inviteBatch(ctx, channel, ids[i:min(i+inviteBatch, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}

// inviteBatch invites one batch; when Slack refuses the batch because some
// are already members, it invites them one at a time.
func (a *Adapter) inviteBatch(ctx context.Context, channel string, ids []string) error {
	err := a.invite(ctx, channel, ids...)
	if !hasCode(err, "already_in_channel") {
		return err
	}
	if len(ids) == 1 {
		return nil
	}
	var errs []error
	for _, id := range ids {
		if err := a.invite(ctx, channel, id); err != nil && !hasCode(err, "already_in_channel") {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (a *Adapter) invite(ctx context.Context, channel string, ids ...string) error {
	err := a.call(ctx, "conversations.invite", func(ctx context.Context) error {
		_, err := a.api.InviteUsersToConversationContext(ctx, channel, ids...)
		return err
	})
	if hasCode(err, "cant_invite_self") {
		return nil
	}
	return err
}

// Remove implements bot.Platform with conversations.kick; someone who is
// not in the channel is already removed.
func (a *Adapter) Remove(ctx context.Context, channel, handle string) error {
	id, err := a.slackID(ctx, handle)
	if err != nil {
		return fmt.Errorf("slack: remove @%s: %w", handle, err)
	}
	err = a.call(ctx, "conversations.kick", func(ctx context.Context) error {
		return a.api.KickUserFromConversationContext(ctx, channel, id)
	})
	if hasCode(err, "not_in_channel") {
		return nil
	}
	return err
}

// Archive implements bot.Platform with conversations.archive.
func (a *Adapter) Archive(ctx context.Context, channel string) error {
	err := a.call(ctx, "conversations.archive", func(ctx context.Context) error {
		return a.api.ArchiveConversationContext(ctx, channel)
	})
	if hasCode(err, "already_archived") {
		return nil
	}
	return err
}

// Members implements bot.Platform with conversations.members (every page),
// leaving out the bot itself; people the directory does not know have no
// handle.
func (a *Adapter) Members(ctx context.Context, channel string) ([]bot.ChannelMember, error) {
	var ids []string
	params := &slack.GetUsersInConversationParameters{ChannelID: channel, Limit: 200}
	for {
		var page []string
		var next string
		err := a.call(ctx, "conversations.members", func(ctx context.Context) error {
			var err error
			page, next, err = a.api.GetUsersInConversationContext(ctx, params)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("slack: channel members: %w", err)
		}
		ids = append(ids, page...)
		if next == "" {
			break
		}
		params.Cursor = next
	}
	self := a.selfID(ctx)
	out := make([]bot.ChannelMember, 0, len(ids))
	for _, id := range ids {
		if id == self {
			continue
		}
		h, err := a.UserHandle(ctx, id)
		if err != nil && !errors.Is(err, bot.ErrUnknownUser) {
			return nil, fmt.Errorf("slack: channel member: %w", err)
		}
		out = append(out, bot.ChannelMember{UserID: id, Handle: h})
	}
	return out, nil
}
