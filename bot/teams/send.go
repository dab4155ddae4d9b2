package teams

import (
	"context"
	"errors"
	"fmt"

	"github.com/jointwork/jointwork/bot"
)

// Send implements bot.Platform. Channel posts start a thread whose root id
// is the Ref's ID; thread replies go to "<channel>;messageid=<root>"; group
// chats have no threads, so a thread reply is a reply in the chat. Teams has
// no ephemeral messages: those go in the person's DM with the bot (in the
// DM itself when that is where they wrote); for someone the bot cannot DM,
// the conversation they wrote in gets a line saying so, never the content.
func (a *Adapter) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	t := m.To
	switch t.Kind {
	case bot.ToChannel:
		return a.postTo(ctx, t.Channel, t.Channel, "", m)
	case bot.ToThread:
		if isTeamChannel(t.Channel) && t.Thread != "" {
			return a.postTo(ctx, t.Channel, threadConversation(t.Channel, t.Thread), t.Thread, m)
		}
		return a.postTo(ctx, t.Channel, t.Channel, t.Thread, m)
	case bot.ToDM:
		return a.sendDM(ctx, t.User, m)
	case bot.Ephemeral:
		return a.sendPrivate(ctx, t, m)
	case bot.Reply:
		if tr := turnFrom(ctx); tr != nil {
			return a.replyInTurn(ctx, tr, m)
		}
	}
	return bot.Ref{}, fmt.Errorf("teams: cannot send to target kind %d", t.Kind)
}

// postTo posts in conversation conv (ref is the channel the Ref names).
func (a *Adapter) postTo(ctx context.Context, ref, conv, replyTo string, m bot.Message) (bot.Ref, error) {
	if ref == "" {
		return bot.Ref{}, errors.New("teams: message has no channel")
	}
	act := render(m)
	a.mention(ctx, act)
	act.ReplyToID = replyTo
	id, err := a.conn.post(ctx, a.serviceURL(ctx, ref), conv, act)
	if err != nil {
		return bot.Ref{}, fmt.Errorf("teams: post message: %w", err)
	}
	return bot.Ref{Channel: ref, ID: id}, nil
}

func (a *Adapter) sendDM(ctx context.Context, handle string, m bot.Message) (bot.Ref, error) {
	conv, svc, err := a.dmConversation(ctx, handle)
	if err != nil {
		return bot.Ref{}, err
	}
	act := render(m)
	a.mention(ctx, act)
	id, err := a.conn.post(ctx, svc, conv, act)
	if err != nil {
		return bot.Ref{}, fmt.Errorf("teams: direct message: %w", err)
	}
	return bot.Ref{Channel: conv, ID: id}, nil
}

func (a *Adapter) sendPrivate(ctx context.Context, t bot.Target, m bot.Message) (bot.Ref, error) {
	tr := turnFrom(ctx)
	if tr != nil && tr.kind == convPersonal && (t.User == "" || a.isSender(ctx, tr, t.User)) {
		return a.replyInTurn(ctx, tr, m)
	}
	if t.User != "" {
		ref, err := a.sendDM(ctx, t.User, m)
		if err == nil || tr == nil {
			return ref, err
		}
		a.log.Warn("private reply by DM failed; saying so in the conversation, without its content", "err", err)
	}
	if tr == nil {
		return bot.Ref{}, errors.New("teams: a private message needs a person or a conversation")
	}
	return a.replyInTurn(ctx, tr, unreachable(t.User))
}

// unreachable is the content-free line posted where someone wrote when a
// private reply cannot reach them: a shared conversation must never get
// what was meant for one person.
func unreachable(handle string) bot.Message {
	who := "you"
	if handle != "" {
		who = "@" + handle
	}
	return bot.Message{Kind: bot.KindError, Text: "I could not reach " + who + " privately, so the reply was not posted here. " +
		"Open a personal chat with jointwork (or ask your Teams administrator to install it for you) and try again."}
}

// replyInTurn answers in the conversation (and thread) of the current turn.
func (a *Adapter) replyInTurn(ctx context.Context, tr *turn, m bot.Message) (bot.Ref, error) {
	if tr.thread != "" {
		return a.postTo(ctx, tr.base, threadConversation(tr.base, tr.thread), tr.thread, m)
	}
	return a.postTo(ctx, tr.base, tr.base, "", m)
}

func (a *Adapter) isSender(ctx context.Context, tr *turn, handle string) bool {
	aad, err := a.aadOf(ctx, handle)
	return err == nil && aad == tr.act.From.AadObjectID
}

// Update implements bot.Platform: the posted activity is replaced in place.
func (a *Adapter) Update(ctx context.Context, ref bot.Ref, m bot.Message) error {
	if ref.Channel == "" || ref.ID == "" {
		return errors.New("teams: update needs a message reference")
	}
	act := render(m)
	a.mention(ctx, act)
	if err := a.conn.put(ctx, a.serviceURL(ctx, ref.Channel), ref.Channel, ref.ID, act); err != nil {
		return fmt.Errorf("teams: update message: %w", err)
	}
	return nil
}

// Pin implements bot.Platform. Bots cannot pin channel posts in Teams, so
// this does nothing: the case card stays the first post of its thread and
// the bot keeps it up to date.
func (a *Adapter) Pin(_ context.Context, ref bot.Ref) error {
	a.log.Debug("pin is not available to Teams bots; skipped", "channel", ref.Channel)
	return nil
}
