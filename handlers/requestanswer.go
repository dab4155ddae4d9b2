package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// declineRule is the rule a decline without reasons breaks.
const declineRule = "law.formal-request.decline"

func (h *Handlers) requestAccept(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	return h.answerRequest(ctx, r, state.RequestAccepted, "", "")
}

func (h *Handlers) requestDecline(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	a, err := parseItemArg(r.Args, "R")
	if err != nil {
		return nil, err
	}
	ground, reasons := splitGround(r.Tail(a.Used))
	return h.answerRequest(ctx, r, state.RequestDeclined, ground, reasons)
}

// answerRequest records an accept or a decline by the recipient, tells the
// requester and posts in the request's thread.
func (h *Handlers) answerRequest(ctx context.Context, r *bot.Request, status, ground, reasons string) ([]bot.Message, error) {
	c, a, err := h.resolveItem(ctx, r, "R")
	if err != nil {
		return nil, err
	}
	id := a.ID
	var q *state.Request
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		if q, err = tx.Request(id); err != nil {
			return noSuchItem("R", id)
		}
		if err := h.mayAnswer(q, r.Actor.Handle, status, ground, reasons); err != nil {
			return err
		}
		q.Status, q.Ground, q.Reasons, q.AnsweredBy, q.AnsweredAt = status, ground, reasons, r.Actor.Handle, tx.Now()
		tx.PutRequest(q)
		tx.Log(answerEntry(q))
		if h.Policy != nil {
			h.Policy.RequestAnswered(tx, q)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{bot.Private(r.Actor.Handle, fmt.Sprintf("Request %s was already %s by @%s; nothing changed.", id, q.Status, q.AnsweredBy))}, nil
	}
	return h.afterAnswer(ctx, r, c, q), nil
}

// mayAnswer checks that the actor is the recipient, the request is still
// open, and a decline names its ground and has written reasons.
func (h *Handlers) mayAnswer(q *state.Request, actor, status, ground, reasons string) error {
	if q.To != actor {
		return noSuchItem("R", q.ID)
	}
	if q.Status == state.RequestWithdrawn {
		return bot.Refusef("Request %s was withdrawn: there is nothing to answer, and nothing more is needed from you.", q.ID)
	}
	if !q.Open() {
		return errNoChange
	}
	if status != state.RequestDeclined {
		return nil
	}
	return h.checkDecline(q, ground, reasons)
}

// ruleQuote is `Rule ID: answer` from the rulebook, or the fallback text.
func (h *Handlers) ruleQuote(id, fallback string) string {
	text := fallback
	if h.Book != nil {
		if rule, ok := h.Book.Rule(id); ok && rule.Answer != "" {
			text = strings.TrimSpace(rule.Answer)
		}
	}
	return "Rule " + id + ": " + text
}

func answerEntry(q *state.Request) state.Entry {
	e := state.Entry{Actor: q.AnsweredBy, Item: q.ID, Action: actAccepted, Detail: "from @" + q.From, Basis: "law.formal-request"}
	if q.Status == state.RequestDeclined {
		e.Action, e.Detail, e.Basis = actDeclined, "from @"+q.From+"; reasons: "+q.Reasons+"; ground: "+groundLine(q.Ground), declineRule
	}
	return e
}

// afterAnswer tells the requester, posts in the thread and updates the card.
func (h *Handlers) afterAnswer(ctx context.Context, r *bot.Request, c *state.Case, q *state.Request) []bot.Message {
	what := fmt.Sprintf("Request %s (case %s) was %s by @%s", q.ID, c.Ref, q.Status, q.AnsweredBy)
	if q.Status == state.RequestDeclined {
		what += ". Reasons: " + q.Reasons + ". Ground: " + groundLine(q.Ground)
	}
	tell := what + "."
	if q.Status == state.RequestAccepted && !isMember(c, q.To) {
		tell += fmt.Sprintf(" @%s is not a member of the case: invite them if they need to join (`/jointwork invite @%s REASON`).", q.To, q.To)
	}
	h.send(ctx, r, bot.Message{To: dm(q.From), Kind: bot.KindEvent, Text: tell, Case: c.Ref,
		Purpose: disclosure.Purpose{Kind: disclosure.Notify}})
	if samePlatform(c, r.Platform) && c.Status != state.StatusClosed {
		h.send(ctx, r, bot.Message{To: toThread(c, q.Thread), Kind: bot.KindEvent, Text: what + "."})
		h.refresh(ctx, r, c.Ref)
	}
	// The answerer's own receipt carries ids only, no case content: once
	// answered, an outside recipient is no longer on the case at all.
	return []bot.Message{bot.Private(r.Actor.Handle, fmt.Sprintf("Recorded: you %s request %s. @%s has been told.", q.Status, q.ID, q.From))}
}

// groundLine is the ground of a decline as people read it.
func groundLine(g string) string {
	if t, ok := groundText[g]; ok {
		return t
	}
	return "not recorded"
}
