package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/calendar"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

func (h *Handlers) taskCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "task add",
		Usage:       "@owner DUE TEXT",
		Description: "Agree a task with an owner (a case member) and a due date; it gets its own thread and the owner is told. Due: " + calendar.DueForms + ".",
		Examples:    []string{"/jointwork task add @bea +3d Home visit to assess the bathroom", "/jointwork task add @bea next fri Call the GP"},
		Where:       bot.InCase, MinArgs: 3, MaxArgs: -1,
		Run: h.taskAdd,
	}, {
		Name:        "task done",
		Usage:       "[REF] ID",
		Description: "Mark a task done (its owner, the case lead or a delegate), anywhere. Ids are per case: outside the case channel, name the case when more than one of yours has that id.",
		Examples:    []string{"/jointwork task done T3", "/jointwork task done c101 T3"},
		MinArgs:     1, MaxArgs: 2,
		Run: h.taskDone,
	}, {
		Name:        "task list",
		Description: "List the case's tasks, overdue ones flagged.",
		Examples:    []string{"/jointwork task list"},
		Where:       bot.InCase, MaxArgs: 0,
		Run: h.taskList,
	}, {
		Name:        "task mine",
		Description: "Your open tasks and formal requests on every case, anywhere.",
		Examples:    []string{"/jointwork task mine"},
		MaxArgs:     0,
		Run:         h.taskMine,
	}}
}

func (h *Handlers) taskAdd(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, owner, err := h.caseAndPerson(ctx, r)
	if err != nil {
		return nil, err
	}
	due, next, err := h.dueAt(r, 1)
	if err != nil {
		return nil, err
	}
	text := r.Tail(next)
	if err := checkText("task text", text, maxItemText, true); err != nil {
		return nil, err
	}
	if !isMember(c, owner.Handle) {
		return nil, bot.Refusef("@%s is not a member of case %s: a task owner must be. Invite them first (`/jointwork invite @%s REASON`), or send a formal request (`/jointwork request @%s DUE TEXT`).", owner.Handle, c.Ref, owner.Handle, owner.Handle)
	}
	var t *state.Task
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if !isMember(tx.Case, owner.Handle) {
			return bot.Refusef("@%s is no longer a member of case %s.", owner.Handle, tx.Case.Ref)
		}
		id, err := tx.NewID("T")
		if err != nil {
			return err
		}
		t = &state.Task{ID: id, Owner: owner.Handle, Text: text, Due: due, CreatedBy: r.Actor.Handle}
		tx.PutTask(t)
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actTaskAdded, Item: t.ID,
			Detail: fmt.Sprintf("@%s, due %s: %s", owner.Handle, due.Format("2006-01-02"), text), Basis: "principle.tasks"})
		if h.Policy != nil {
			h.Policy.TaskAdded(tx, t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return h.afterTaskAdd(ctx, r, c, t), nil
}

// afterTaskAdd opens the task's thread, tells the owner and updates the card.
func (h *Handlers) afterTaskAdd(ctx context.Context, r *bot.Request, c *state.Case, t *state.Task) []bot.Message {
	root := bot.Message{To: toCase(c), Kind: bot.KindEvent,
		Text:    fmt.Sprintf("Task %s for @%s, due %s: %s", t.ID, t.Owner, h.day(t.Due), t.Text),
		Context: fmt.Sprintf("Set by @%s · discuss it in this thread · when it is done: /jointwork task done %s", r.Actor.Handle, t.ID),
		Buttons: []bot.Button{{Label: "Done", Command: "task done " + t.ID, Style: bot.StylePrimary}}}
	if ref, ok := h.send(ctx, r, root); ok {
		h.setThread(ctx, c.Ref, t.ID, ref.ID)
	}
	if t.Owner != r.Actor.Handle {
		h.send(ctx, r, bot.Message{To: dm(t.Owner), Kind: bot.KindEvent, Case: c.Ref,
			Purpose: disclosure.Purpose{Kind: disclosure.Notify},
			Text:    fmt.Sprintf("@%s gave you task %s on case %s, due %s: %s", r.Actor.Handle, t.ID, c.Ref, h.day(t.Due), t.Text),
			Buttons: []bot.Button{{Label: "Done", Command: "task done " + c.Ref + " " + t.ID, Style: bot.StylePrimary}}})
	}
	var msgs []bot.Message
	if !h.Calendar.IsWorkingDay(t.Due) {
		msgs = append(msgs, bot.Private(r.Actor.Handle, fmt.Sprintf("Note: %s is not a working day.", h.day(t.Due))))
	}
	h.refresh(ctx, r, c.Ref)
	return msgs
}

// setThread stores the thread of a task or request: platform bookkeeping
// after the recorded change, so no timeline entry.
func (h *Handlers) setThread(ctx context.Context, ref, id, thread string) {
	_, err := h.update(ctx, ref, func(tx *state.Tx) error {
		if strings.HasPrefix(id, "R") {
			q, err := tx.Request(id)
			if err != nil {
				return err
			}
			q.Thread = thread
			tx.PutRequest(q)
			return nil
		}
		t, err := tx.Task(id)
		if err != nil {
			return err
		}
		t.Thread = thread
		tx.PutTask(t)
		return nil
	})
	if err != nil {
		h.Log.Warn("thread not saved", "case", ref, "item", id, "err", err)
	}
}

func (h *Handlers) taskDone(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, a, err := h.resolveItem(ctx, r, "T")
	if err != nil {
		return nil, err
	}
	if !isMember(c, r.Actor.Handle) {
		return nil, noSuchItem("T", a.ID)
	}
	id := a.ID
	var t *state.Task
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		if t, err = tx.Task(id); err != nil {
			return noSuchItem("T", id)
		}
		if r.Actor.Handle != t.Owner && !canLead(tx.Case, r.Actor.Handle) {
			return bot.Refusef("Task %s belongs to @%s: only they, the case lead or a delegate can mark it done.", id, t.Owner)
		}
		if !t.Open() {
			return errNoChange
		}
		t.Status, t.DoneAt = state.TaskDone, tx.Now()
		tx.PutTask(t)
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actTaskDone, Item: id, Detail: "@" + t.Owner + ": " + t.Text})
		if h.Policy != nil {
			h.Policy.TaskDone(tx, t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("Task %s is already done.", id))}, nil
	}
	if samePlatform(c, r.Platform) && c.Status != state.StatusClosed {
		h.send(ctx, r, bot.Message{To: toThread(c, t.Thread), Kind: bot.KindEvent, Text: fmt.Sprintf("Task %s done (marked by @%s).", id, r.Actor.Handle)})
		h.refresh(ctx, r, c.Ref)
	}
	if r.Event.Place.Channel == c.Channel {
		return nil, nil
	}
	reply := casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("Task %s on case %s is marked done.", id, c.Ref))
	reply.Case = c.Ref
	return []bot.Message{reply}, nil
}

func (h *Handlers) taskList(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	tasks, err := h.Store.Tasks(ctx, c.Ref)
	if err != nil {
		return nil, fmt.Errorf("task list: %w", err)
	}
	if len(tasks) == 0 {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, "Case "+c.Ref+" has no tasks yet: `/jointwork task add @owner DUE TEXT`.")}, nil
	}
	lines := make([]string, 0, len(tasks))
	for _, t := range tasks {
		lines = append(lines, h.taskLine(t))
	}
	return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Case: c.Ref, Title: "Tasks of case " + c.Ref, Text: strings.Join(lines, "\n")}}, nil
}

// taskLine is "T3 · @bea · due Tue 25 Nov 2026 · open · Home visit".
func (h *Handlers) taskLine(t state.Task) string {
	status := t.Status
	if t.Open() && h.overdue(t.Due) {
		status = "⚠ OVERDUE"
	}
	return fmt.Sprintf("%s · %s · due %s · %s · %s", t.ID, ownerText(t.Owner), h.day(t.Due), status, t.Text)
}
