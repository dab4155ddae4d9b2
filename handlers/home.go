package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// maxHomeLines bounds each list on the home view.
const maxHomeLines = 15

func (h *Handlers) homeCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "home",
		Description: "Your home view: for managers what waits for them, for everyone their open tasks and requests (the Slack App Home tab).",
		Hidden:      true,
		Run:         h.home,
	}}
}

// home returns the home view as messages: what waits for a manager (open
// escalations, oldest first), then "My tasks" and "My requests".
func (h *Handlers) home(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	me := r.Actor.Handle
	var out []bot.Message
	waiting, err := h.Policy.Waiting(ctx, me)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	if len(waiting) > 0 || h.managesSomeone(me) {
		m := bot.Message{Kind: bot.KindCard, Title: "Waiting for you", Text: "Nothing is waiting for you."}
		if len(waiting) > 0 {
			var lines []string
			for _, rec := range waiting[:min(len(waiting), maxHomeLines)] {
				lines = append(lines, h.Policy.Describe(rec))
				m.Buttons = append(m.Buttons, bot.Button{Label: "Acknowledge " + rec.ID, Command: "ack " + rec.ID})
			}
			m.Text = homeMoreLines(lines, len(waiting))
		}
		out = append(out, m)
	}
	tasks, reqs, err := h.Store.OpenItemsOf(ctx, me)
	if err == nil {
		tasks, reqs, _, err = h.personalItems(ctx, me, tasks, reqs) // only cases whose basis admits me
	}
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	now := h.Now()
	cases, err := h.casesText(ctx, me)
	if err != nil {
		return nil, err
	}
	out = append(out, bot.Message{Kind: bot.KindCard, Title: "My cases", Text: cases})
	out = append(out, bot.Message{Kind: bot.KindCard, Title: "My tasks", Text: h.homeTasks(tasks, now)})
	out = append(out, bot.Message{Kind: bot.KindCard, Title: "My requests", Text: h.homeRequests(me, reqs, now)})
	return out, nil
}

// managesSomeone reports whether anyone in the directory has handle as
// their manager.
func (h *Handlers) managesSomeone(handle string) bool {
	for _, p := range h.Directory.People() {
		if p.Manager == handle {
			return true
		}
	}
	return false
}

func (h *Handlers) homeTasks(tasks []state.Task, now time.Time) string {
	if len(tasks) == 0 {
		return "No open tasks."
	}
	var lines []string
	for _, t := range tasks[:min(len(tasks), maxHomeLines)] {
		lines = append(lines, fmt.Sprintf("%s · case %s · %s", t.ID, t.Case, h.homeDue(t.Due, now)))
	}
	return homeMoreLines(lines, len(tasks))
}

func (h *Handlers) homeRequests(me string, reqs []state.Request, now time.Time) string {
	var to, from []string
	for _, q := range reqs {
		line := fmt.Sprintf("%s · case %s · %s", q.ID, q.Case, h.homeDue(q.Due, now))
		if q.To == me {
			to = append(to, line+" · from @"+q.From)
		} else {
			from = append(from, line+" · to @"+q.To)
		}
	}
	if len(to)+len(from) == 0 {
		return "No open requests."
	}
	var b strings.Builder
	if len(to) > 0 {
		b.WriteString("Waiting for your answer:\n" + homeMoreLines(to[:min(len(to), maxHomeLines)], len(to)))
	}
	if len(from) > 0 {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Sent by you, not yet answered:\n" + homeMoreLines(from[:min(len(from), maxHomeLines)], len(from)))
	}
	return b.String()
}

// homeDue says when something is due, and whether it is overdue.
func (h *Handlers) homeDue(due, now time.Time) string {
	if due.IsZero() {
		return "no due date"
	}
	s := "due " + due.In(h.Calendar.Location()).Format("Mon 2 Jan 2006")
	if !now.Before(h.Calendar.EndOfDay(due)) {
		s += " (overdue)"
	}
	return s
}

// homeMoreLines joins lines and says how many were left out of total.
func homeMoreLines(lines []string, total int) string {
	s := strings.Join(lines, "\n")
	if total > len(lines) {
		s += fmt.Sprintf("\n… and %d more.", total-len(lines))
	}
	return s
}
