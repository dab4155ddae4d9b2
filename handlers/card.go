package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// maxCardTasks is how many open tasks the card lists before "and N more".
const maxCardTasks = 8

// CardRef returns the platform reference of a case's pinned card, stored in
// Case.Card as JSON {"Channel":…,"ID":…} (Teams conversation ids contain
// colons, so a joined string would be ambiguous).
func CardRef(c *state.Case) (bot.Ref, bool) {
	var ref bot.Ref
	if c.Card == "" || json.Unmarshal([]byte(c.Card), &ref) != nil || ref.ID == "" {
		return bot.Ref{}, false
	}
	return ref, true
}

func encodeCardRef(ref bot.Ref) string {
	raw, _ := json.Marshal(ref) // two strings always encode
	return string(raw)
}

// RefreshCard re-renders the pinned card of case ref from the stored case
// and its open tasks and updates it on the platform. Timed work (an overdue
// task) may call it too. A case without a card, or whose channel lives on
// another platform, is left alone.
func (h *Handlers) RefreshCard(ctx context.Context, p bot.Sender, ref string) error {
	c, err := h.Store.Case(ctx, ref)
	if err != nil {
		return fmt.Errorf("refresh card: %w", err)
	}
	cardRef, ok := CardRef(c)
	if !ok || !samePlatform(c, p) {
		return nil
	}
	tasks, err := h.Store.Tasks(ctx, ref)
	if err != nil {
		return fmt.Errorf("refresh card: %w", err)
	}
	card := h.Card(c, tasks)
	card.Case = c.Ref
	if c.Status == state.StatusClosed {
		card.Purpose.Kind = disclosure.Notice // the final card of a closed case: nothing new
	}
	if err := p.Update(ctx, cardRef, card); err != nil {
		return fmt.Errorf("refresh card %s: %w", ref, err)
	}
	return nil
}

// refresh updates the card after a change, logging (not returning) a
// failure: the change itself is already recorded.
func (h *Handlers) refresh(ctx context.Context, r *bot.Request, ref string) {
	if err := h.RefreshCard(ctx, r.Platform, ref); err != nil {
		h.Log.Warn("card not updated", "case", ref, "err", err)
	}
}

// Card renders the case card: reference, subject, lead, consent status,
// members, level, open tasks (overdue ones flagged) and the last delay.
func (h *Handlers) Card(c *state.Case, tasks []state.Task) bot.Message {
	title := "Case " + c.Ref
	if c.Title != "" {
		title += ": " + c.Title
	}
	fields := []bot.Field{
		{Label: "Reference", Value: c.Ref},
		{Label: "Subject", Value: orDash(c.Subject)},
		{Label: "Lead", Value: h.leadLine(c)},
		{Label: "Consent", Value: consentLine(c.Consent)},
		{Label: "Members", Value: membersLine(c)},
		{Label: "Level", Value: levelLine(c.Level)},
		{Label: "Open tasks", Value: h.tasksLine(tasks)},
	}
	if n := len(c.Delays); n > 0 {
		fields = append(fields, bot.Field{Label: "Delay", Value: h.delayLine(c.Delays[n-1])})
	}
	if len(c.Strangers) > 0 {
		fields = append(fields, bot.Field{Label: "⚠ In the channel without a place on the case", Value: strangersLine(c.Strangers)})
	}
	if c.Status == state.StatusClosed {
		fields = append(fields, bot.Field{Label: "Status", Value: "closed " + h.day(c.ClosedAt) + "; the record is kept"})
	}
	return bot.Message{Kind: bot.KindCard, Title: title, Fields: fields,
		Context: "Kept up to date by jointwork · only members of this channel can see it"}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (h *Handlers) leadLine(c *state.Case) string {
	s := "@" + c.Lead
	if len(c.Delegates) > 0 {
		s += " (delegates: " + handles(c.Delegates) + ")"
	}
	return s
}

// consentLine is the consent status in a few words.
func consentLine(c *state.Consent) string {
	switch {
	case c == nil:
		return "not recorded: nobody but the lead and their delegates can join yet"
	case c.Withdrawn:
		return "withdrawn " + c.WithdrawnAt.Format("2 Jan") + ": members the basis no longer admits removed"
	}
	s := decisionWords(c.Decision)
	if c.Basis != "" {
		s += " (" + basisLabel(c.Basis) + ")"
	}
	if len(c.Rules) > 0 {
		s += " · " + strings.Join(c.Rules, ", ")
	}
	return s
}

// decisionWords turns a decision code into words.
func decisionWords(d string) string {
	switch d {
	case "permitted":
		return "permitted"
	case "not_permitted":
		return "not permitted"
	case "needs_decision":
		return "needs a decision"
	}
	return d
}

// membersLine lists members, lead first, with their agencies.
func membersLine(c *state.Case) string {
	names := make([]string, 0, len(c.Members))
	for h := range c.Members {
		if h != c.Lead {
			names = append(names, h)
		}
	}
	sort.Strings(names)
	parts := []string{}
	if m, ok := c.Members[c.Lead]; ok {
		parts = append(parts, "@"+c.Lead+" ("+m.Agency+", lead)")
	}
	for _, n := range names {
		parts = append(parts, "@"+n+" ("+c.Members[n].Agency+")")
	}
	return strings.Join(parts, ", ")
}

func levelLine(level string) string {
	if level == "" {
		return "not set (`/jointwork level` for advice)"
	}
	return level
}

// tasksLine lists open tasks, overdue ones flagged.
func (h *Handlers) tasksLine(tasks []state.Task) string {
	var parts []string
	more := 0
	for _, t := range tasks {
		if !t.Open() {
			continue
		}
		if len(parts) == maxCardTasks {
			more++
			continue
		}
		parts = append(parts, h.taskShort(t))
	}
	if len(parts) == 0 {
		return "none"
	}
	if more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more (`/jointwork task list`)", more))
	}
	return strings.Join(parts, "; ")
}

// taskShort is "T3 @bea due Tue 25 Nov 2026", with OVERDUE when it is.
func (h *Handlers) taskShort(t state.Task) string {
	s := fmt.Sprintf("%s %s due %s", t.ID, ownerText(t.Owner), h.day(t.Due))
	if t.Open() && h.overdue(t.Due) {
		s += " ⚠ OVERDUE"
	}
	return s
}

// ownerText is "@bea", or "(no owner)" for a task whose owner was taken
// off the case.
func ownerText(owner string) string {
	if owner == "" {
		return "(no owner)"
	}
	return "@" + owner
}

func handles(hs []string) string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = "@" + h
	}
	return strings.Join(out, ", ")
}
