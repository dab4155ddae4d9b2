package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// taskMine lists the actor's open tasks and pending requests on the open
// cases whose current basis admits them for a personal view (the
// disclosure policy); tasks on cases they were taken off are only counted.
func (h *Handlers) taskMine(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	me := r.Actor.Handle
	tasks, reqs, err := h.Store.OpenItemsOf(ctx, me)
	if err != nil {
		return nil, fmt.Errorf("task mine: %w", err)
	}
	tasks, reqs, hidden, err := h.personalItems(ctx, me, tasks, reqs)
	if err != nil {
		return nil, fmt.Errorf("task mine: %w", err)
	}
	var lines []string
	for _, t := range tasks {
		lines = append(lines, "Task "+h.taskLine(t)+" (case "+t.Case+")")
	}
	for _, q := range reqs {
		lines = append(lines, h.requestMine(q, me))
	}
	return []bot.Message{mineMessage(lines, hidden)}, nil
}

func mineMessage(lines []string, hidden int) bot.Message {
	m := bot.Message{To: bot.Target{Kind: bot.Ephemeral}, Title: "Your open tasks and requests"}
	if len(lines) == 0 {
		m.Text = "Nothing open for you. 🎉"
	} else {
		m.Text = strings.Join(lines, "\n")
	}
	if hidden > 0 {
		m.Context = fmt.Sprintf("%d more task(s) on cases you are no longer a member of: ask their case lead to reassign them.", hidden)
	}
	return m
}

// requestMine is one line for a pending request sent to or by me.
func (h *Handlers) requestMine(q state.Request, me string) string {
	due := ""
	if !q.Due.IsZero() {
		due = ", due " + h.day(q.Due)
		if h.overdue(q.Due) {
			due += " ⚠ OVERDUE"
		}
	}
	if q.To == me {
		return fmt.Sprintf("Request %s from @%s (case %s%s): %s · answer: /jointwork request accept %s %s, or /jointwork request decline %s %s duties|functions REASONS", q.ID, q.From, q.Case, due, q.Text, q.Case, q.ID, q.Case, q.ID)
	}
	return fmt.Sprintf("Request %s to @%s (case %s%s): waiting for an answer", q.ID, q.To, q.Case, due)
}
