package slack

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// Send implements bot.Platform: chat.postMessage in a channel or thread,
// conversations.open + chat.postMessage for a DM, chat.postEphemeral for an
// ephemeral reply. A Form opens a modal when the request has a trigger_id,
// and is otherwise offered with an "Answer in a form" button.
func (a *Adapter) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	in := inboundOf(ctx)
	formID := ""
	if m.Form != nil {
		if a.openForm(ctx, in, m) {
			return bot.Ref{}, nil
		}
		formID = a.offerForm(ctx, in, m)
	}
	t := m.To
	if t.Kind == bot.Reply && in != nil {
		t = bot.Target{Kind: bot.ToThread, Channel: in.channel, Thread: in.thread}
	}
	if m.Kind == bot.KindError && in != nil && t.Kind != bot.Ephemeral && t.Kind != bot.ToDM && t.Channel == in.channel {
		t = bot.Target{Kind: bot.Ephemeral, Channel: in.channel, Thread: in.thread} // errors are for the asker only
	}
	switch t.Kind {
	case bot.ToDM:
		return a.sendDM(ctx, t.User, m, formID)
	case bot.Ephemeral:
		return a.sendEphemeral(ctx, in, t, m, formID)
	default:
		return a.sendChannel(ctx, in, t, m, formID)
	}
}

// openForm shows a Form as a modal with the request's trigger_id.
func (a *Adapter) openForm(ctx context.Context, in *inbound, m bot.Message) bool {
	trigger := in.takeTrigger()
	if trigger == "" {
		return false
	}
	ids := a.mentionIDs(ctx, m.Text)
	return a.openView(ctx, trigger, formModal(*m.Form, m.Text, ids, formOrigin(in, m.To)))
}

// offerForm stores a Form for a later button press and returns its id.
func (a *Adapter) offerForm(ctx context.Context, in *inbound, m bot.Message) string {
	id, err := a.saveForm(ctx, storedForm{Form: *m.Form, Intro: m.Text, origin: formOrigin(in, m.To)})
	if err != nil {
		a.log.Warn("slack: form not offered", "err", err)
		return ""
	}
	return id
}

func formOrigin(in *inbound, t bot.Target) origin {
	if in != nil {
		return origin{Channel: in.channel, Thread: in.thread, DM: in.dm, Home: in.home}
	}
	return origin{Channel: t.Channel, Thread: t.Thread}
}

func (a *Adapter) sendDM(ctx context.Context, handle string, m bot.Message, formID string) (bot.Ref, error) {
	user, err := a.slackID(ctx, handle)
	if err != nil {
		return bot.Ref{}, fmt.Errorf("slack: DM @%s: %w", handle, err)
	}
	ch, err := a.dmChannel(ctx, user)
	if err != nil {
		return bot.Ref{}, fmt.Errorf("slack: DM @%s: %w", handle, err)
	}
	return a.post(ctx, ch, "", m, formID)
}

// sendChannel posts in a channel or thread. When the bot is not in the
// channel a slash command came from, the reply goes privately to the asker
// through the response_url instead.
func (a *Adapter) sendChannel(ctx context.Context, in *inbound, t bot.Target, m bot.Message, formID string) (bot.Ref, error) {
	ref, err := a.post(ctx, t.Channel, t.Thread, m, formID)
	if err != nil && in != nil && in.responseURL != "" && t.Channel == in.channel &&
		hasCode(err, "not_in_channel", "channel_not_found") {
		return bot.Ref{}, a.respond(ctx, in.responseURL, m, formID)
	}
	return ref, err
}

// sendEphemeral shows a message to one person. In the person's own DM with
// the bot it is an ordinary message (it stays); a file goes to their DM.
func (a *Adapter) sendEphemeral(ctx context.Context, in *inbound, t bot.Target, m bot.Message, formID string) (bot.Ref, error) {
	user, err := a.targetUser(ctx, in, t.User)
	if err != nil {
		return bot.Ref{}, err
	}
	ch := t.Channel
	if ch == "" || in.ownDM(ch, user) || (in != nil && in.home) {
		dm, err := a.dmChannel(ctx, user)
		if err != nil {
			return bot.Ref{}, err
		}
		return a.post(ctx, dm, "", m, formID)
	}
	if m.File != nil {
		return a.fileToDM(ctx, in, t, user, m)
	}
	return a.postEphemeral(ctx, in, t, user, m, formID)
}

// postEphemeral calls chat.postEphemeral, falling back to the slash
// command's response_url when the bot is not in the channel.
func (a *Adapter) postEphemeral(ctx context.Context, in *inbound, t bot.Target, user string, m bot.Message, formID string) (bot.Ref, error) {
	ch := t.Channel
	blocks, text := render(m, renderOpts{ids: a.mentionIDs(ctx, texts(m)...), formID: formID, inlineFile: true})
	var ts string
	err := a.call(ctx, "chat.postEphemeral", func(ctx context.Context) error {
		var err error
		ts, err = a.api.PostEphemeralContext(ctx, ch, user, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false), threadOpt(t.Thread))
		return err
	})
	if err != nil && in != nil && in.responseURL != "" && ch == in.channel && user == in.user &&
		hasCode(err, "not_in_channel", "channel_not_found") {
		return bot.Ref{}, a.respond(ctx, in.responseURL, m, formID)
	}
	if err != nil {
		return bot.Ref{}, err
	}
	return bot.Ref{Channel: ch, ID: ts}, nil
}

// targetUser is the Slack id of handle, or of the actor when the handle is
// empty or unknown (a person not in the directory gets their error reply).
func (a *Adapter) targetUser(ctx context.Context, in *inbound, handle string) (string, error) {
	if handle != "" {
		id, err := a.slackID(ctx, handle)
		if err == nil || in == nil {
			return id, err
		}
	}
	if in == nil || in.user == "" {
		return "", errors.New("slack: ephemeral message without a user")
	}
	return in.user, nil
}

// fileToDM delivers a private file (such as a case record) to the person's
// DM with the bot and tells them so where they asked; when the upload fails
// the content is shown in the ephemeral message itself.
func (a *Adapter) fileToDM(ctx context.Context, in *inbound, t bot.Target, user string, m bot.Message) (bot.Ref, error) {
	dm, err := a.dmChannel(ctx, user)
	if err == nil {
		var ref bot.Ref
		if ref, err = a.upload(ctx, dm, "", *m.File); err == nil {
			note := bot.Message{Text: fmt.Sprintf("I've sent you %s in our direct message.", m.File.Name)}
			if _, nerr := a.postEphemeral(ctx, in, t, user, note, ""); nerr != nil {
				a.log.Warn("slack: file note not shown", "err", nerr)
			}
			return ref, nil
		}
	}
	a.log.Warn("slack: private file not uploaded, shown inline", "err", err)
	return a.postEphemeral(ctx, in, t, user, m, "")
}

func threadOpt(ts string) slack.MsgOption {
	if ts == "" {
		return slack.MsgOptionCompose()
	}
	return slack.MsgOptionTS(ts)
}
