package handlers

import (
	"context"
	"fmt"
	"slices"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// Timeline actions of re-applying the disclosure rule.
const (
	actRequestWithdrawn = "request withdrawn"
	actTaskUnassigned   = "task unassigned"
)

// takenOut is what one re-application of the rule did inside its Update:
// who was taken off, whose requests were withdrawn, which tasks lost their
// owner. afterTakeOut acts on it once the change is committed.
type takenOut struct {
	People     []disclosure.Person
	Requests   []state.Request // open requests withdrawn (their recipients get a notice)
	Unassigned []string        // "T3 (@chris)": tasks that need a new owner
	Basis      string          // the basis still standing after a withdrawal ("" none)
}

// reapply re-applies the disclosure rule after a change of basis, inside
// the same Update as the change: everyone the case's new basis does not
// admit is taken out (see takeOut).
func (h *Handlers) reapply(tx *state.Tx, actor, why string) (takenOut, error) {
	reqs, err := tx.Requests()
	if err != nil {
		return takenOut{}, err
	}
	return h.takeOut(tx, actor, why, disclosure.Reapply(h.viewOf(tx.Case, reqs)))
}

// takeOut removes people from the case in the open Update: off the members
// and delegates and onto Former; their open requests withdrawn (chains
// ended); their open tasks unassigned (chains ended, so their pings and
// their managers' stop); every step on the timeline with why as its basis.
func (h *Handlers) takeOut(tx *state.Tx, actor, why string, people []disclosure.Person) (takenOut, error) {
	out := takenOut{People: people}
	if len(people) == 0 {
		return out, nil
	}
	c := tx.Case
	gone := map[string]bool{}
	for _, p := range people {
		gone[p.Handle] = true
		if m, ok := c.Members[p.Handle]; ok {
			delete(c.Members, p.Handle)
			tx.Log(state.Entry{Actor: actor, Action: actMemberRemoved, Detail: fmt.Sprintf("@%s (%s): %s", p.Handle, m.Agency, why), Basis: why})
		}
		c.Delegates = without(c.Delegates, p.Handle)
		if !slices.Contains(c.Former, p.Handle) {
			c.Former = append(c.Former, p.Handle)
		}
	}
	var err error
	if out.Requests, err = h.withdrawRequests(tx, actor, why, gone); err != nil {
		return out, err
	}
	out.Unassigned, err = h.unassignTasks(tx, actor, why, gone)
	return out, err
}

// withdrawRequests withdraws the open requests addressed to people gone.
func (h *Handlers) withdrawRequests(tx *state.Tx, actor, why string, gone map[string]bool) ([]state.Request, error) {
	reqs, err := tx.Requests()
	if err != nil {
		return nil, err
	}
	var out []state.Request
	for i := range reqs {
		q := &reqs[i]
		if !q.Open() || !gone[q.To] {
			continue
		}
		q.Status, q.AnsweredAt = state.RequestWithdrawn, tx.Now()
		tx.PutRequest(q)
		tx.Log(state.Entry{Actor: actor, Action: actRequestWithdrawn, Item: q.ID, Detail: fmt.Sprintf("to @%s: %s", q.To, why), Basis: why})
		if h.Policy != nil {
			h.Policy.RequestAnswered(tx, q)
		}
		out = append(out, *q)
	}
	return out, nil
}

// unassignTasks takes the open tasks of people gone off them.
func (h *Handlers) unassignTasks(tx *state.Tx, actor, why string, gone map[string]bool) ([]string, error) {
	tasks, err := tx.Tasks()
	if err != nil {
		return nil, err
	}
	var out []string
	for i := range tasks {
		t := &tasks[i]
		if !t.Open() || !gone[t.Owner] {
			continue
		}
		out = append(out, t.ID+" (@"+t.Owner+")")
		tx.Log(state.Entry{Actor: actor, Action: actTaskUnassigned, Item: t.ID, Detail: fmt.Sprintf("was @%s's: %s; needs a new owner", t.Owner, why), Basis: why})
		if h.Policy != nil {
			h.Policy.TaskDone(tx, t) // ends its pings and their managers'
		}
		t.Owner = ""
		tx.PutTask(t)
	}
	return out, nil
}

// afterTakeOut runs once the Update committed: each person taken off leaves
// the platform channel and gets a content-free notice; each withdrawn
// request's recipient is told to take no action; the lead learns which
// tasks need a new owner. It returns lines for the lead's reply.
func (h *Handlers) afterTakeOut(ctx context.Context, p bot.Platform, c *state.Case, t takenOut) []string {
	var lines []string
	for _, person := range t.People {
		if _, wasMember := c.Members[person.Handle]; !wasMember {
			continue // an outside request holder: the withdrawal notice below
		}
		if c.Channel != "" {
			if err := p.Remove(ctx, c.Channel, person.Handle); err != nil {
				h.Log.Warn("member not removed from channel", "case", c.Ref, "err", err)
				lines = append(lines, fmt.Sprintf("I could not take @%s out of #%s: remove them by hand now.", person.Handle, c.ChannelName))
			}
		}
		h.notice(ctx, p, c.Ref, person.Handle, fmt.Sprintf("You are no longer on case %s, and nothing more from it will reach you. "+
			"Please do not use or share what you learnt there beyond what the law allows.", c.Ref))
	}
	for _, q := range t.Requests {
		h.notice(ctx, p, c.Ref, q.To, fmt.Sprintf("Formal request %s (case %s) was withdrawn: please take no action on it.", q.ID, c.Ref))
	}
	return lines
}

// notice sends a content-free direct message about a case.
func (h *Handlers) notice(ctx context.Context, p bot.Sender, ref, to, text string) {
	m := bot.Message{To: dm(to), Kind: bot.KindEvent, Text: text, Case: ref, Purpose: disclosure.Purpose{Kind: disclosure.Notice}}
	if _, err := p.Send(ctx, m); err != nil {
		h.Log.Warn("notice not sent", "case", ref, "err", err)
	}
}
