package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
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
		Usage:       "[REF] ID @user",
		Description: "Hand a task to another case member (the case lead, a delegate or the task's owner); both are told.",
		Examples:    []string{"/jointwork task reassign T3 @bea"},
		MinArgs:     2, MaxArgs: 3,
		Run: h.taskReassign,
	}, {
		Name:        "task cancel",
		Usage:       "[REF] ID [REASON]",
		Description: "Cancel a task that is no longer needed (the case lead, a delegate or whoever set it); its owner is told.",
		Examples:    []string{"/jointwork task cancel T3 the GP already called"},
		MinArgs:     1, MaxArgs: -1,
		Run: h.taskCancel,
	}, {
		Name:        "task due",
		Usage:       "[REF] ID DATE",
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

// taskEdit is a task edit's case, its task before and after, and its id.
type taskEdit struct {
	c      *state.Case
	before state.Task
	t      *state.Task
	id     string
}

// taskRef resolves the task named in r's first one or two arguments (ids
// are per case: "T3" in the case channel, "REF T3" anywhere) among the
// actor's cases; it returns the case, the id and how many arguments it used.
// Someone not on the case gets the answer for an item that does not exist.
func (h *Handlers) taskRef(ctx context.Context, r *bot.Request) (*state.Case, string, int, error) {
	c, a, err := h.resolveItem(ctx, r, "T")
	if err != nil {
		return nil, "", 0, err
	}
	if !isMember(c, r.Actor.Handle) {
		return nil, "", 0, noSuchItem("T", a.ID)
	}
	return c, a.ID, a.Used, nil
}

// editTask runs change on task id of case c for the actor and returns the
// task as it was before and after. A closed case refuses it (h.update).
func (h *Handlers) editTask(ctx context.Context, r *bot.Request, c *state.Case, id string, ch taskChange) (taskEdit, error) {
	var before state.Task
	var t *state.Task
	_, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		if t, err = tx.Task(id); err != nil {
			return noSuchItem("T", id)
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
		return taskEdit{}, err
	}
	return taskEdit{c: c, before: before, t: t, id: id}, nil
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
	c, id, used, err := h.taskRef(ctx, r)
	if err != nil {
		return nil, err
	}
	if len(r.Args) != used+1 {
		return nil, bot.Refusef("Say who takes it on: `/jointwork task reassign %s %s @user`.", c.Ref, id)
	}
	to, err := h.person(r.Arg(used))
	if err != nil {
		return nil, err
	}
	e, err := h.editTask(ctx, r, c, id, taskChange{action: actTaskReassigned, may: leadOrOwner,
		apply: func(tx *state.Tx, t *state.Task) (string, error) {
			if !isMember(tx.Case, to.Handle) {
				return "", bot.Refusef("@%s is not a member of case %s: a task owner must be. Invite them first.", to.Handle, tx.Case.Ref)
			}
			if t.Owner == to.Handle {
				return "", bot.Refusef("Task %s is already @%s's.", t.ID, to.Handle)
			}
			detail := fmt.Sprintf("%s → @%s", ownerOrNobody(t.Owner), to.Handle)
			t.Owner = to.Handle
			h.restartReminders(tx, t)
			return detail, nil
		}})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("Task %s on case %s is now @%s's (was %s; changed by @%s): %s", id, c.Ref, e.t.Owner, ownerOrNobody(e.before.Owner), r.Actor.Handle, e.t.Text)
	h.told(ctx, r, c, e.t, note, e.before.Owner, e.t.Owner)
	return h.taskEdited(r, c, note), nil
}

func (h *Handlers) taskCancel(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, id, used, err := h.taskRef(ctx, r)
	if err != nil {
		return nil, err
	}
	reason := r.Tail(used)
	if err := checkText("reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	may := func(c *state.Case, t *state.Task, actor string) bool {
		return canLead(c, actor) || t.CreatedBy == actor
	}
	e, err := h.editTask(ctx, r, c, id, taskChange{action: actTaskCancelled, may: may,
		apply: func(tx *state.Tx, t *state.Task) (string, error) {
			t.Status, t.DoneAt = state.TaskCancelled, tx.Now()
			if h.Policy != nil {
				h.Policy.TaskDone(tx, t)
			}
			return fmt.Sprintf("%s: %s; reason: %s", ownerOrNobody(t.Owner), t.Text, orNone(reason)), nil
		}})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("Task %s on case %s was cancelled by @%s (reason: %s): %s", id, c.Ref, r.Actor.Handle, orNone(reason), e.t.Text)
	h.told(ctx, r, c, e.t, note, e.t.Owner)
	return h.taskEdited(r, c, note), nil
}

func (h *Handlers) taskDue(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, id, used, err := h.taskRef(ctx, r)
	if err != nil {
		return nil, err
	}
	due, err := h.parseDue(r.Tail(used))
	if err != nil {
		return nil, err
	}
	e, err := h.editTask(ctx, r, c, id, taskChange{action: actTaskDue, may: leadOrOwner,
		apply: func(tx *state.Tx, t *state.Task) (string, error) {
			detail := fmt.Sprintf("%s → %s", t.Due.Format(time.DateOnly), due.Format(time.DateOnly))
			t.Due = due
			h.restartReminders(tx, t)
			return detail, nil
		}})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("Task %s on case %s is now due %s (was %s; changed by @%s): %s", id, c.Ref, h.day(e.t.Due), h.day(e.before.Due), r.Actor.Handle, e.t.Text)
	h.told(ctx, r, c, e.t, note, e.t.Owner)
	return h.taskEdited(r, c, note), nil
}

// told posts note in the task's thread and DMs each person named (but not
// the actor), then refreshes the card. The DMs carry the case, so the send
// gate checks each person is still one its basis admits.
func (h *Handlers) told(ctx context.Context, r *bot.Request, c *state.Case, t *state.Task, note string, people ...string) {
	if !samePlatform(c, r.Platform) {
		return
	}
	h.send(ctx, r, bot.Message{To: toThread(c, t.Thread), Kind: bot.KindEvent, Text: note, Case: c.Ref})
	seen := map[string]bool{r.Actor.Handle: true, "": true}
	for _, p := range people {
		if !seen[p] {
			seen[p] = true
			h.send(ctx, r, bot.Message{To: dm(p), Kind: bot.KindEvent, Text: note, Case: c.Ref,
				Purpose: disclosure.Purpose{Kind: disclosure.Notify}})
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
	return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, note)}
}

// ownerOrNobody is "@owner", or "nobody" for a task that lost its owner.
func ownerOrNobody(owner string) string {
	if owner == "" {
		return "nobody"
	}
	return "@" + owner
}

// orNone is the text, or "none given".
func orNone(s string) string {
	if s == "" {
		return "none given"
	}
	return s
}
