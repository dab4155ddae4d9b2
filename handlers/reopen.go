package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// actReopened is the timeline action of `case reopen`.
const actReopened = "case reopened"

// Unarchiver is a platform that can bring an archived channel back.
type Unarchiver interface {
	Unarchive(ctx context.Context, channel string) error
}

func (h *Handlers) reopenCommand() *bot.Command {
	return &bot.Command{
		Name:  "case reopen",
		Usage: "REF REASON",
		Description: "Reopen a closed case, with the reason on the record (its lead or an administrator). A closed case accepts " +
			"no other change. In a direct message with me (a closed case's channel is archived).",
		Examples: []string{"/jointwork case reopen c101 the person asked for a review after a fall"},
		Where:    bot.Anywhere, MinArgs: 2, MaxArgs: -1,
		Run: h.caseReopen,
	}
}

func (h *Handlers) caseReopen(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	ref := normRef(r.Arg(0))
	reason := r.Tail(1)
	if err := checkText("reason", reason, maxReason, true); err != nil {
		return nil, err
	}
	c, err := h.Store.Case(ctx, ref)
	if errors.Is(err, state.ErrNotFound) {
		return nil, notYours(ref)
	}
	if err != nil {
		return nil, fmt.Errorf("case reopen: %w", err)
	}
	if c.Lead != r.Actor.Handle && !r.Actor.Admin {
		return nil, notYours(ref)
	}
	changed, err := h.updateCase(ctx, ref, func(tx *state.Tx) error {
		if tx.Case.Status != state.StatusClosed {
			return errNoChange
		}
		tx.Case.Status, tx.Case.ClosedAt = state.StatusOpen, time.Time{}
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actReopened, Detail: reason, Basis: "reopened by the lead or an administrator"})
		return h.rearm(tx)
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{bot.Private(r.Actor.Handle, "Case "+ref+" is open; there is nothing to reopen.")}, nil
	}
	text := fmt.Sprintf("Case %s is open again (reason on the record: %s).", ref, reason)
	if u, ok := r.Platform.(Unarchiver); ok && samePlatform(c, r.Platform) {
		if err := u.Unarchive(ctx, c.Channel); err != nil {
			h.Log.Warn("channel not unarchived", "case", ref, "err", err)
			text += fmt.Sprintf(" I could not unarchive #%s: please do it by hand.", c.ChannelName)
		}
	} else {
		text += fmt.Sprintf(" Unarchive #%s by hand to work in it again.", c.ChannelName)
	}
	h.refresh(ctx, r, ref)
	h.tellReopened(ctx, r, c)
	return []bot.Message{{To: dm(r.Actor.Handle), Text: text, Case: ref}}, nil
}

// notYours reads the same for a case that does not exist and one the actor
// may not reopen, so the answer names nobody and confirms nothing.
func notYours(ref string) error {
	return bot.Refusef("I can't reopen %q for you: only the lead of a closed case (or an administrator) can, giving its reference.", ref)
}

// rearm schedules again the reminders of the open tasks and requests that
// closing the case cancelled.
func (h *Handlers) rearm(tx *state.Tx) error {
	if h.Policy == nil {
		return nil
	}
	tasks, err := tx.Tasks()
	if err != nil {
		return err
	}
	for i := range tasks {
		if tasks[i].Open() {
			h.Policy.TaskAdded(tx, &tasks[i])
		}
	}
	reqs, err := tx.Requests()
	if err != nil {
		return err
	}
	for i := range reqs {
		if reqs[i].Open() {
			h.Policy.RequestSent(tx, &reqs[i])
		}
	}
	return nil
}

// closedNotices tells each person outside the case who holds an open
// request that the case is closed and the request needs no action.
func (h *Handlers) closedNotices(ctx context.Context, p bot.Sender, c *state.Case) {
	reqs, err := h.Store.Requests(ctx, c.Ref)
	if err != nil {
		h.Log.Warn("closed case: requests not read", "case", c.Ref, "err", err)
		return
	}
	for _, q := range reqs {
		if _, member := c.Members[q.To]; q.Open() && !member && q.To != c.Lead {
			h.notice(ctx, p, c.Ref, q.To, fmt.Sprintf("Case %s was closed: formal request %s needs no action from you.", c.Ref, q.ID))
		}
	}
}
