package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// maxCaseItems bounds the tasks and requests listed under one case.
const maxCaseItems = 5

func (h *Handlers) casesCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "cases",
		Description: "Your cases (as lead, delegate or member): status, consent, open tasks and requests, and the channel. Only you see it.",
		Examples:    []string{"/jointwork cases"},
		MaxArgs:     0,
		Run:         h.cases,
	}}
}

// cases lists the actor's cases, privately.
func (h *Handlers) cases(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	text, err := h.casesText(ctx, r.Actor.Handle)
	if err != nil {
		return nil, err
	}
	return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Title: "Your cases", Text: text}}, nil
}

// casesText is the body of the case list, shared with the home view.
func (h *Handlers) casesText(ctx context.Context, me string) (string, error) {
	all, err := h.Store.CasesOf(ctx, me)
	if err != nil {
		return "", fmt.Errorf("cases: %w", err)
	}
	var open, closed []string
	for _, c := range all {
		if !isMember(c, me) {
			continue
		}
		if c.Status == state.StatusClosed {
			closed = append(closed, c.Ref)
			continue
		}
		if admitted, _, err := h.admitsPersonal(ctx, c.Ref, me); err != nil || !admitted {
			if err != nil {
				return "", err
			}
			continue // on the list, but the case's basis no longer admits me
		}
		block, err := h.caseBlock(ctx, c, me)
		if err != nil {
			return "", err
		}
		open = append(open, block)
	}
	if len(open) == 0 && len(closed) == 0 {
		return "You are not on any case. `/jointwork case open REF` starts one.", nil
	}
	text := strings.Join(open, "\n")
	if len(closed) > 0 {
		if text != "" {
			text += "\n"
		}
		text += "Closed: " + strings.Join(closed, ", ")
	}
	return text, nil
}

// caseBlock is one case: a heading line, then its open tasks and requests.
func (h *Handlers) caseBlock(ctx context.Context, c *state.Case, me string) (string, error) {
	tasks, err := h.Store.Tasks(ctx, c.Ref)
	if err != nil {
		return "", fmt.Errorf("cases: %w", err)
	}
	reqs, err := h.Store.Requests(ctx, c.Ref)
	if err != nil {
		return "", fmt.Errorf("cases: %w", err)
	}
	var items []string
	for _, t := range tasks {
		if t.Open() {
			items = append(items, "  "+h.taskLine(t))
		}
	}
	for _, q := range reqs {
		if q.Open() {
			items = append(items, fmt.Sprintf("  %s · @%s → @%s · %s · waiting for an answer", q.ID, q.From, q.To, h.homeDue(q.Due, h.Now())))
		}
	}
	head := fmt.Sprintf("%s · %s · you: %s · %s · %s", c.Ref, c.Status, caseRole(c, me), consentState(c.Consent), caseChannel(c))
	if len(items) == 0 {
		return head + "\n  nothing open", nil
	}
	if len(items) > maxCaseItems {
		items = append(items[:maxCaseItems], fmt.Sprintf("  … and %d more", len(items)-maxCaseItems))
	}
	return head + "\n" + strings.Join(items, "\n"), nil
}

// caseRole says what handle is on the case.
func caseRole(c *state.Case, handle string) string {
	switch {
	case c.Lead == handle:
		return "lead"
	case canLead(c, handle):
		return "delegate"
	}
	return "member"
}

// caseChannel is the case channel as people see it.
func caseChannel(c *state.Case) string {
	if c.ChannelName != "" {
		return "#" + strings.TrimPrefix(c.ChannelName, "#")
	}
	return "#jw-" + c.Ref
}
