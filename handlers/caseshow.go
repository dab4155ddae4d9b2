package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
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
	if errors.Is(err, state.ErrNotFound) || errors.Is(err, state.ErrInvalid) {
		return nil, noSuchCase(ref)
	}
	if err != nil {
		return nil, fmt.Errorf("case show: %w", err)
	}
	me := r.Actor.Handle
	admitted, _, err := h.admitsPersonal(ctx, c.Ref, me)
	if err != nil {
		return nil, err
	}
	if isMember(c, me) && admitted {
		block, err := h.caseBlock(ctx, c, me)
		if err != nil {
			return nil, err
		}
		text := block + "\nLead: " + h.leadLine(c) + "\nOpen the channel: " + caseChannel(c)
		return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Title: "Case " + c.Ref, Text: text, Case: c.Ref,
			Purpose: disclosure.Purpose{Kind: disclosure.Personal}}}, nil
	}
	mine, err := h.pingsOnCase(ctx, me, c)
	if err != nil {
		return nil, err
	}
	if len(mine) == 0 {
		return nil, noSuchCase(ref) // the same answer as for no case: no oracle
	}
	// Not a member: only what the escalation route already sent them.
	lines := []string{fmt.Sprintf("Case %s · lead @%s · %s (you are not a member: ask @%s to invite you if you need to see it)", c.Ref, c.Lead, caseChannel(c), c.Lead)}
	for _, rec := range mine {
		lines = append(lines, h.Policy.Describe(rec))
	}
	return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Title: "Case " + c.Ref, Text: strings.Join(lines, "\n"), Case: c.Ref,
		Purpose: pingPurpose(c, mine[0])}}, nil
}

// pingsOnCase returns the pings waiting for handle on case c that the
// disclosure policy still admits (as it would the ping itself).
func (h *Handlers) pingsOnCase(ctx context.Context, handle string, c *state.Case) ([]*escalation.Record, error) {
	if h.Policy == nil {
		return nil, nil
	}
	waiting, err := h.Policy.Waiting(ctx, handle)
	if err != nil {
		return nil, fmt.Errorf("case show: %w", err)
	}
	view, err := h.caseView(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("case show: %w", err)
	}
	var out []*escalation.Record
	for _, rec := range waiting {
		p := pingPurpose(c, rec)
		if rec.Case == c.Ref && disclosure.Check(view, h.personView(handle, p.About), p).Allowed {
			out = append(out, rec)
		}
	}
	return out, nil
}

// pingPurpose is the disclosure purpose of ping rec on case c: an
// escalation about the person its chain started from (else the lead).
func pingPurpose(c *state.Case, rec *escalation.Record) disclosure.Purpose {
	about := rec.Origin
	if about == "" {
		about = c.Lead
	}
	return disclosure.Purpose{Kind: disclosure.Escalation, About: about}
}

// admittedAbove keeps the pings about me that went to my manager on cases
// whose basis still admits me to a personal view (none once I am off it).
func (h *Handlers) admittedAbove(ctx context.Context, me string, above []*escalation.Record) ([]*escalation.Record, error) {
	var out []*escalation.Record
	for _, rec := range above {
		admitted, _, err := h.admitsPersonal(ctx, rec.Case, me)
		if err != nil {
			return nil, fmt.Errorf("escalations: %w", err)
		}
		if admitted {
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
