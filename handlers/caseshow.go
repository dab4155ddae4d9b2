package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
)

func (h *Handlers) caseShowCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "case show",
		Usage:       "REF",
		Description: "Open a case from anywhere: members get its summary and channel; a manager pinged about it gets the channel and what was sent to them. Only you see it.",
		Examples:    []string{"/jointwork case show c101"},
		MinArgs:     1, MaxArgs: 1,
		Run: h.caseShow,
	}}
}

func (h *Handlers) caseShow(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	ref := strings.ToLower(strings.TrimSpace(r.Arg(0)))
	c, err := h.Store.Case(ctx, ref)
	if errors.Is(err, state.ErrNotFound) {
		return nil, bot.Refusef("There is no case %s. `/jointwork cases` lists yours.", ref)
	}
	if err != nil {
		return nil, fmt.Errorf("case show: %w", err)
	}
	me := r.Actor.Handle
	if isMember(c, me) {
		block, err := h.caseBlock(ctx, c, me)
		if err != nil {
			return nil, err
		}
		text := block + "\nLead: " + h.leadLine(c) + "\nOpen the channel: " + caseChannel(c)
		return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Title: "Case " + c.Ref, Text: text}}, nil
	}
	mine, err := h.pingsOnCase(ctx, me, c.Ref)
	if err != nil {
		return nil, err
	}
	if len(mine) == 0 {
		return nil, memberOnly(c, me)
	}
	// Not a member: only what the escalation route already sent them.
	lines := []string{fmt.Sprintf("Case %s · lead @%s · %s (you are not a member: ask @%s to invite you if you need to see it)", c.Ref, c.Lead, caseChannel(c), c.Lead)}
	for _, rec := range mine {
		lines = append(lines, h.Policy.Describe(rec))
	}
	return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Title: "Case " + c.Ref, Text: strings.Join(lines, "\n")}}, nil
}

// pingsOnCase returns the pings waiting for handle on case ref.
func (h *Handlers) pingsOnCase(ctx context.Context, handle, ref string) ([]*escalation.Record, error) {
	if h.Policy == nil {
		return nil, nil
	}
	waiting, err := h.Policy.Waiting(ctx, handle)
	if err != nil {
		return nil, fmt.Errorf("case show: %w", err)
	}
	var out []*escalation.Record
	for _, rec := range waiting {
		if rec.Case == ref {
			out = append(out, rec)
		}
	}
	return out, nil
}

// aboveMessages lists the actor's pings that went to their manager.
func (h *Handlers) aboveMessages(r *bot.Request, above []*escalation.Record) []bot.Message {
	if len(above) == 0 {
		return nil
	}
	lines := []string{"Gone above you (not acknowledged in time, now with your manager):"}
	for _, rec := range above {
		lines = append(lines, h.Policy.Describe(rec))
	}
	return []bot.Message{escalationReply(r, strings.Join(lines, "\n"))}
}
