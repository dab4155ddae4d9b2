package handlers

import (
	"context"
	"fmt"
	"slices"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// actRequestCancelled is the timeline action of a withdrawn request.
const actRequestCancelled = "request cancelled"

func (h *Handlers) requestCancelCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "request cancel",
		Usage:       "[REF] ID [REASON]",
		Description: "Withdraw a formal request still waiting for an answer (whoever sent it, the case lead or a delegate); the recipient is told nothing more is needed.",
		Examples:    []string{"/jointwork request cancel R7 the person moved out of area"},
		MinArgs:     1, MaxArgs: -1,
		Run: h.requestCancel,
	}}
}

func (h *Handlers) requestCancel(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, a, err := h.resolveItem(ctx, r, "R")
	if err != nil {
		return nil, err
	}
	id := a.ID
	if !isMember(c, r.Actor.Handle) {
		return nil, noSuchItem("R", id)
	}
	reason := r.Tail(a.Used)
	if err := checkText("reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	var q *state.Request
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		q, err = h.cancelRequest(tx, id, r.Actor.Handle, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	if samePlatform(c, r.Platform) {
		h.send(ctx, r, bot.Message{To: toThread(c, q.Thread), Kind: bot.KindEvent, Case: c.Ref,
			Text: fmt.Sprintf("Request %s to @%s was cancelled by @%s (reason: %s).", id, q.To, r.Actor.Handle, orNone(reason))})
		if q.To != r.Actor.Handle {
			// Content-free: the recipient may not be a member of the case.
			h.notice(ctx, r.Platform, c.Ref, q.To,
				fmt.Sprintf("Request %s from @%s (case %s) was withdrawn: nothing more is needed from you.", id, q.From, c.Ref))
		}
		h.refresh(ctx, r, c.Ref)
	}
	if r.Event.Place.Channel == c.Channel {
		return nil, nil
	}
	return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("Request %s on case %s is cancelled.", id, c.Ref))}, nil
}

// cancelRequest marks open request id cancelled by actor inside tx, when
// actor sent it or leads the case, and ends its escalation chain.
func (h *Handlers) cancelRequest(tx *state.Tx, id, actor, reason string) (*state.Request, error) {
	q, err := tx.Request(id)
	if err != nil {
		return nil, noSuchItem("R", id)
	}
	if !q.Open() {
		return nil, bot.Refusef("Request %s is already %s: only a request waiting for an answer can be cancelled.", id, q.Status)
	}
	if q.From != actor && !canLead(tx.Case, actor) {
		return nil, bot.Refusef("Only @%s (who sent request %s), the case lead or a delegate can cancel it.", q.From, id)
	}
	q.Status, q.AnsweredBy, q.AnsweredAt = state.RequestCancelled, actor, tx.Now()
	tx.PutRequest(q)
	if _, member := tx.Case.Members[q.To]; !member && q.To != tx.Case.Lead && !slices.Contains(tx.Case.Former, q.To) {
		// An outside holder is off the case now: content-free notices only.
		tx.Case.Former = append(tx.Case.Former, q.To)
	}
	tx.Log(state.Entry{Actor: actor, Action: actRequestCancelled, Item: id,
		Detail: fmt.Sprintf("to @%s; reason: %s", q.To, orNone(reason)), Basis: "law.formal-request"})
	if h.Policy != nil {
		h.Policy.RequestAnswered(tx, q)
	}
	return q, nil
}
