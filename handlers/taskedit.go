package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// Timeline actions of the task changes.
const (
	actTaskReassigned = "task reassigned"
	actTaskCancelled  = "task cancelled"
	actTaskDue        = "task due date changed"
)

func (h *Handlers) taskEditCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "task reassign",
		Usage:       "ID @user",
		Description: "Hand a task to another case member (the case lead, a delegate or the task's owner); both are told.",
		Examples:    []string{"/jointwork task reassign T3 @bea"},
		MinArgs:     2, MaxArgs: 2,
		Run: h.taskReassign,
	}, {
		Name:        "task cancel",
		Usage:       "ID [REASON]",
		Description: "Cancel a task that is no longer needed (the case lead, a delegate or whoever set it); its owner is told.",
		Examples:    []string{"/jointwork task cancel T3 the GP already called"},
		MinArgs:     1, MaxArgs: -1,
		Run: h.taskCancel,
	}, {
		Name:        "task due",
		Usage:       "ID DATE",
		Description: "Move a task's due date (the case lead, a delegate or the owner); reminders follow the new date.",
		Examples:    []string{"/jointwork task due T3 next fri"},
		MinArgs:     2, MaxArgs: -1,
		Run: h.taskDue,
	}}
}

// taskChange is one edit of an open task: who may make it, and what it does
// inside the case transaction (returning the timeline detail).
type taskChange struct {
	action string
	may    func(c *state.Case, t *state.Task, actor string) bool
	apply  func(tx *state.Tx, t *state.Task) (string, error)
}

// editTask runs change on task id for the actor and returns the case and the
// task as it was before and after.
func (h *Handlers) editTask(ctx context.Context, r *bot.Request, id string, ch taskChange) (*state.Case, state.Task, *state.Task, error) {
	c, err := h.caseOfItem(ctx, id)
	if err != nil {
		return nil, state.Task{}, nil, err
	}
	if err := memberOnly(c, r.Actor.Handle); err != nil {
		return nil, state.Task{}, nil, err
	}
	if c.Status == state.StatusClosed {
		return nil, state.Task{}, nil, bot.Refusef("Case %s is closed: its tasks can no longer change.", c.Ref)
	}
	var before state.Task
	var t *state.Task
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if t, err = tx.Task(id); err != nil {
			return bot.Refusef("There is no task %s on case %s.", id, tx.Case.Ref)
		}
		before = *t
		if !t.Open() {
			return bot.Refusef("Task %s is %s: only an open task can change.", id, t.Status)
		}
		if !ch.may(tx.Case, t, r.Actor.Handle) {
			return bot.Refusef("Only the case lead (@%s), a delegate or the task's owner (@%s) can do that to task %s.", tx.Case.Lead, t.Owner, id)
		}
		detail, err := ch.apply(tx, t)
		if err != nil {
			return err
		}
		tx.PutTask(t)
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: ch.action, Item: id, Detail: detail, Basis: "principle.tasks"})
		return nil
	})
	if err != nil {
		return nil, before, nil, err
	}
	return c, before, t, nil
}

// leadOrOwner lets the lead, a delegate or the task's owner change it.
func leadOrOwner(c *state.Case, t *state.Task, actor string) bool {
	return canLead(c, actor) || t.Owner == actor
}

// restartReminders ends the task's reminders and schedules them again.
func (h *Handlers) restartReminders(tx *state.Tx, t *state.Task) {
	if h.Policy != nil {
		h.Policy.TaskDone(tx, t)
		h.Policy.TaskAdded(tx, t)
	}
}

func (h *Handlers) taskReassign(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	id, err := itemID(r.Arg(0), "T")
	if err != nil {
		return nil, err
	}
	to, err := h.person(r.Arg(1))
	if err != nil {
		return nil, err
	}
	c, before, t, err := h.editTask(ctx, r, id, taskChange{action: actTaskReassigned, may: leadOrOwner,
		apply: func(tx *state.Tx, t *state.Task) (string, error) {
			if !isMember(tx.Case, to.Handle) {
				return "", bot.Refusef("@%s is not a member of case %s: a task owner must be. Invite them first.", to.Handle, tx.Case.Ref)
			}
			if t.Owner == to.Handle {
				return "", bot.Refusef("Task %s is already @%s's.", t.ID, to.Handle)
			}
			detail := fmt.Sprintf("@%s → @%s", t.Owner, to.Handle)
			t.Owner = to.Handle
			h.restartReminders(tx, t)
			return detail, nil
		}})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("Task %s on case %s is now @%s's (was @%s; changed by @%s): %s", id, c.Ref, t.Owner, before.Owner, r.Actor.Handle, t.Text)
	h.told(ctx, r, c, t, note, before.Owner, t.Owner)
	return h.taskEdited(r, c, note), nil
}

func (h *Handlers) taskCancel(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	id, err := itemID(r.Arg(0), "T")
	if err != nil {
		return nil, err
	}
	reason := r.Tail(1)
	if err := checkText("reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	may := func(c *state.Case, t *state.Task, actor string) bool {
		return canLead(c, actor) || t.CreatedBy == actor
	}
	c, _, t, err := h.editTask(ctx, r, id, taskChange{action: actTaskCancelled, may: may,
		apply: func(tx *state.Tx, t *state.Task) (string, error) {
			t.Status, t.DoneAt = state.TaskCancelled, tx.Now()
			if h.Policy != nil {
				h.Policy.TaskDone(tx, t)
			}
			return fmt.Sprintf("@%s: %s; reason: %s", t.Owner, t.Text, orNone(reason)), nil
		}})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("Task %s on case %s was cancelled by @%s (reason: %s): %s", id, c.Ref, r.Actor.Handle, orNone(reason), t.Text)
	h.told(ctx, r, c, t, note, t.Owner)
	return h.taskEdited(r, c, note), nil
}

func (h *Handlers) taskDue(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	id, err := itemID(r.Arg(0), "T")
	if err != nil {
		return nil, err
	}
	due, err := h.parseDue(r.Tail(1))
	if err != nil {
		return nil, err
	}
	c, before, t, err := h.editTask(ctx, r, id, taskChange{action: actTaskDue, may: leadOrOwner,
		apply: func(tx *state.Tx, t *state.Task) (string, error) {
			detail := fmt.Sprintf("%s → %s", t.Due.Format(time.DateOnly), due.Format(time.DateOnly))
			t.Due = due
			h.restartReminders(tx, t)
			return detail, nil
		}})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("Task %s on case %s is now due %s (was %s; changed by @%s): %s", id, c.Ref, h.day(t.Due), h.day(before.Due), r.Actor.Handle, t.Text)
	h.told(ctx, r, c, t, note, t.Owner)
	return h.taskEdited(r, c, note), nil
}

// told posts note in the task's thread and DMs each person named (but not
// the actor), then refreshes the card. All are members of the case.
func (h *Handlers) told(ctx context.Context, r *bot.Request, c *state.Case, t *state.Task, note string, people ...string) {
	if !samePlatform(c, r.Platform) {
		return
	}
	h.send(ctx, r, bot.Message{To: toThread(c, t.Thread), Kind: bot.KindEvent, Text: note})
	seen := map[string]bool{r.Actor.Handle: true}
	for _, p := range people {
		if !seen[p] {
			seen[p] = true
			h.send(ctx, r, bot.Message{To: dm(p), Kind: bot.KindEvent, Text: note})
		}
	}
	h.refresh(ctx, r, c.Ref)
}

// taskEdited confirms the change to the actor when they typed it outside
// the case channel (inside it they see the thread post).
func (h *Handlers) taskEdited(r *bot.Request, c *state.Case, note string) []bot.Message {
	if r.Event.Place.Channel == c.Channel {
		return nil
	}
	return []bot.Message{bot.Private(r.Actor.Handle, note)}
}

// orNone is the text, or "none given".
func orNone(s string) string {
	if s == "" {
		return "none given"
	}
	return s
}
