package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
)

// maxEscListed is the most pings `escalations` shows one by one.
const maxEscListed = 20

func (h *Handlers) escalateCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "escalate",
		Usage:       "TEXT",
		Description: "Bring the case lead's manager in: they get a direct message with your words, the case reference and a link to this thread.",
		Examples:    []string{"/jointwork escalate Three home visits cancelled this month and no one has picked it up"},
		Where:       bot.InCase,
		MinArgs:     1,
		MaxArgs:     -1,
		Run:         h.escalate,
	}, {
		Name:        "escalations",
		Description: "What is waiting for you: escalation pings not yet acknowledged, oldest first, and yours that went to your manager.",
		Examples:    []string{"/jointwork escalations"},
		Run:         h.escalations,
	}, {
		Name:        "ack",
		Usage:       "ID",
		Description: "Acknowledge an escalation ping (such as E3): you have it in hand, and it goes no further up the chain.",
		Examples:    []string{"/jointwork ack E3"},
		MinArgs:     1,
		MaxArgs:     1,
		Run:         h.ack,
	}, {
		Name:        "snooze",
		Usage:       "ID [REASON]",
		Description: "Put an escalation ping off for one working day: you are reminded then, and it goes no further meanwhile. A third snooze of the same ping needs a reason, and your manager is told.",
		Examples:    []string{"/jointwork snooze E3", "/jointwork snooze E3 waiting for the GP's letter"},
		MinArgs:     1,
		MaxArgs:     -1,
		Run:         h.snooze,
	}}
}

func (h *Handlers) escalate(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	cs, err := h.escalationCase(ctx, r)
	if err != nil {
		return nil, err
	}
	mgr, ok := h.Directory.Manager(cs.Lead)
	if !ok {
		return nil, bot.Refusef("The case lead @%s has no manager in the jointwork directory, so there is no one to escalate to. Please ask your jointwork administrator to add one.", cs.Lead)
	}
	id, err := h.Store.NewID(ctx, "E")
	if err != nil {
		return nil, fmt.Errorf("escalate: %w", err)
	}
	text, actor := r.Tail(0), r.Actor.Handle
	err = h.Store.Update(ctx, cs.Ref, func(tx *state.Tx) error {
		if tx.Case.Status == state.StatusClosed {
			return bot.Refusef("Case %s is closed.", cs.Ref)
		}
		h.Policy.Escalate(tx, actor, text, r.Event.Place.Thread, id)
		tx.Log(state.Entry{Actor: actor, Action: escalation.ActionRequested, Item: id,
			Detail: fmt.Sprintf("to @%s, manager of the case lead @%s", mgr.Handle, cs.Lead)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return []bot.Message{escalationReply(r, fmt.Sprintf(
		"Escalated as %s: @%s, manager of the case lead @%s, gets a direct message with your words and where to look. The case timeline shows when it is acknowledged.",
		id, mgr.Handle, cs.Lead))}, nil
}

// escalationCase returns the open case of the channel the request came
// from, if the actor is its lead, a delegate or a member.
func (h *Handlers) escalationCase(ctx context.Context, r *bot.Request) (*state.Case, error) {
	notHere := bot.Refusef("Use `/jointwork escalate TEXT` in the case's channel (or one of its threads), so the manager can be pointed to the right place.")
	if r.Event.Place.Kind != bot.Channel {
		return nil, notHere
	}
	cs, err := h.Store.CaseByChannel(ctx, r.Event.Place.Channel)
	if errors.Is(err, state.ErrNotFound) {
		return nil, notHere
	}
	if err != nil {
		return nil, fmt.Errorf("escalate: %w", err)
	}
	if !escOnCase(cs, r.Actor.Handle) {
		return nil, bot.Refusef("Only members of this case can escalate it.")
	}
	if cs.Status == state.StatusClosed {
		return nil, bot.Refusef("Case %s is closed.", cs.Ref)
	}
	return cs, nil
}

// escOnCase reports whether handle is the lead, a delegate or a member.
func escOnCase(cs *state.Case, handle string) bool {
	if cs.Lead == handle {
		return true
	}
	for _, d := range cs.Delegates {
		if d == handle {
			return true
		}
	}
	_, ok := cs.Members[handle]
	return ok
}

func (h *Handlers) escalations(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	waiting, err := h.Policy.Waiting(ctx, r.Actor.Handle)
	if err != nil {
		return nil, fmt.Errorf("escalations: %w", err)
	}
	above, err := h.Policy.Above(ctx, r.Actor.Handle)
	if err != nil {
		return nil, fmt.Errorf("escalations: %w", err)
	}
	if above, err = h.admittedAbove(ctx, r.Actor.Handle, above); err != nil {
		return nil, err
	}
	var out []bot.Message
	if len(waiting) == 0 {
		out = append(out, escalationReply(r, "Nothing is waiting for you."))
	} else {
		out = h.waitingMessages(r, waiting)
	}
	return append(out, h.aboveMessages(r, above)...), nil
}

// waitingMessages lists pings, oldest first, each with its buttons.
func (h *Handlers) waitingMessages(r *bot.Request, waiting []*escalation.Record) []bot.Message {
	head := escalationReply(r, fmt.Sprintf("%d waiting for you, oldest first:", len(waiting)))
	out := []bot.Message{head}
	for i, rec := range waiting {
		if i == maxEscListed {
			out = append(out, escalationReply(r, fmt.Sprintf("… and %d more.", len(waiting)-maxEscListed)))
			break
		}
		m := escalationReply(r, h.Policy.Describe(rec))
		m.Kind = bot.KindCard
		m.Buttons = []bot.Button{
			{Label: "Acknowledge", Command: "ack " + rec.ID, Style: bot.StylePrimary},
			{Label: "Snooze", Command: "snooze " + rec.ID},
		}
		out = append(out, m)
	}
	return out
}

func (h *Handlers) ack(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	out, err := h.Policy.Ack(ctx, r.Arg(0), r.Actor)
	if err != nil {
		return nil, err
	}
	rec := out.Record
	if !out.Changed {
		return []bot.Message{escalationReply(r, fmt.Sprintf("%s was already acknowledged by @%s on %s.",
			rec.ID, rec.AckBy, rec.AckAt.In(h.Calendar.Location()).Format("Mon 2 Jan 2006 15:04")))}, nil
	}
	return []bot.Message{escalationReply(r, fmt.Sprintf(
		"Acknowledged %s (case %s): it goes no further up the chain. The case timeline records it.", rec.ID, rec.Case))}, nil
}

func (h *Handlers) snooze(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	out, err := h.Policy.SnoozeBecause(ctx, r.Arg(0), r.Actor, r.Tail(1))
	if err != nil {
		return nil, err
	}
	rec := out.Record
	until := rec.Until.In(h.Calendar.Location()).Format("Mon 2 Jan 2006 15:04")
	if !out.Changed {
		return []bot.Message{escalationReply(r, fmt.Sprintf("%s is already snoozed until %s.", rec.ID, until))}, nil
	}
	return []bot.Message{escalationReply(r, fmt.Sprintf(
		"Snoozed %s (case %s) until %s: I'll remind you then, and it goes no further meanwhile.", rec.ID, rec.Case, until))}, nil
}

// escalationReply answers in a DM, or privately in a channel.
func escalationReply(r *bot.Request, text string) bot.Message {
	if r.Event != nil && r.Event.Place.Kind == bot.Channel {
		return bot.Private(r.Actor.Handle, text)
	}
	return bot.Text(text)
}
