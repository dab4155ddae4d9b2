package escalation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
)

// maxQuietSnoozes is how often a ping may be snoozed without a reason.
const maxQuietSnoozes = 2

// maxWaiting bounds the list of waiting pings read at once.
const maxWaiting = 200

// Outcome says what Ack or Snooze did.
type Outcome struct {
	Record *Record
	// Changed is false when the ping was already in that state (a repeated
	// button press): nothing was written.
	Changed bool
}

// Ack acknowledges ping id for by: the chain goes no further. Only the
// person pinged or an admin may do it. Errors for the user are bot.UserError.
func (p *Policy) Ack(ctx context.Context, id string, by directory.Person) (Outcome, error) {
	r, err := p.mine(ctx, id, by, "acknowledge")
	if err != nil {
		return Outcome{}, err
	}
	switch r.Status {
	case StatusAcked:
		return Outcome{Record: r}, nil
	case StatusResolved, StatusClosed:
		return Outcome{Record: r}, bot.Refusef("%s needs nothing more: %s.", r.ID, endedText(r))
	}
	now := p.now()
	err = p.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
		tx.Unschedule(nextID(r.Chain))
		tx.AckEscalation(r, by.Handle, now)
		tx.Log(state.Entry{Actor: by.Handle, Action: ActionAcknowledged, Item: r.ID, Detail: reasonText(r)})
		return nil
	})
	if err != nil {
		return Outcome{}, fmt.Errorf("escalation: ack %s: %w", id, err)
	}
	r.Status, r.AckBy, r.AckAt = StatusAcked, by.Handle, now
	return Outcome{Record: r, Changed: true}, nil
}

// Snooze puts ping id off by the SNOOZE delay: the person is reminded then,
// and the chain waits until the reminder has gone unacknowledged in turn.
func (p *Policy) Snooze(ctx context.Context, id string, by directory.Person) (Outcome, error) {
	return p.SnoozeBecause(ctx, id, by, "")
}

// SnoozeBecause is Snooze with the person's reason. Snoozing the same ping a
// third time needs a reason, and the next level is told (a notice).
func (p *Policy) SnoozeBecause(ctx context.Context, id string, by directory.Person, reason string) (Outcome, error) {
	r, err := p.mine(ctx, id, by, "snooze")
	if err != nil {
		return Outcome{}, err
	}
	switch r.Status {
	case StatusSnoozed:
		return Outcome{Record: r}, nil
	case StatusAcked:
		return Outcome{Record: r}, bot.Refusef("%s was already acknowledged by @%s, so there is nothing to snooze.", r.ID, r.AckBy)
	case StatusEscalated:
		return Outcome{Record: r}, bot.Refusef("%s has already gone further up the chain, so it can't be snoozed; you can still acknowledge it: `/jointwork ack %s`.", r.ID, r.ID)
	case StatusResolved, StatusClosed:
		return Outcome{Record: r}, bot.Refusef("%s needs nothing more: %s.", r.ID, endedText(r))
	}
	third := r.Sends >= maxQuietSnoozes+1
	if third && strings.TrimSpace(reason) == "" {
		return Outcome{Record: r}, bot.Refusef("This would be the third time %s is snoozed: please say why (`/jointwork snooze %s REASON`); your manager is then told.", r.ID, r.ID)
	}
	until := p.delays().snooze.AfterWorkingHours(p.Hours, p.now())
	t := trigger{Chain: r.Chain, Reason: r.Reason, Source: r.Source, Origin: r.Origin, Level: r.Level,
		Remind: r.ID, Notice: r.Notice, By: r.By, Text: r.Text, Extra: r.Extra}
	err = p.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
		tx.Schedule(state.Item{ID: nextID(r.Chain), Kind: KindPing, Case: r.Case, Due: until, Data: t.data()})
		tx.SnoozeEscalation(r, until)
		tx.Log(state.Entry{Actor: by.Handle, Action: ActionSnoozed, Item: r.ID,
			Detail: fmt.Sprintf("%s, until %s", reasonText(r), p.stamp(until))})
		if third {
			p.tellAboveSnooze(tx, r, by.Handle, reason)
		}
		return nil
	})
	if err != nil {
		return Outcome{}, fmt.Errorf("escalation: snooze %s: %w", id, err)
	}
	r.Status, r.Until = StatusSnoozed, until
	return Outcome{Record: r, Changed: true}, nil
}

// mine loads ping id and checks that by may act on it.
func (p *Policy) mine(ctx context.Context, id string, by directory.Person, verb string) (*Record, error) {
	id = strings.ToUpper(strings.TrimSpace(id))
	r, err := p.Record(ctx, id)
	// A ping sent to someone else reads like one that does not exist: the
	// answer names neither its recipient nor its case.
	notYours := bot.Refusef("There is no escalation %s for you to %s. `/jointwork escalations` lists the ones waiting for you.", id, verb)
	if errors.Is(err, ErrNoRecord) {
		return nil, notYours
	}
	if err != nil {
		return nil, err
	}
	if r.To != by.Handle && !by.Admin {
		return nil, notYours
	}
	return r, nil
}

// Waiting returns the pings waiting for handle (open or snoozed), oldest
// first.
func (p *Policy) Waiting(ctx context.Context, handle string) ([]*Record, error) {
	return p.Store.WaitingEscalations(ctx, handle, maxWaiting)
}

// Describe is a one-line account of a waiting ping for lists.
func (p *Policy) Describe(r *Record) string {
	s := fmt.Sprintf("%s · case %s · %s · pinged %s", r.ID, r.Case, reasonText(r), p.stamp(r.At))
	if r.Level > 0 {
		s += fmt.Sprintf(" · level %d", r.Level)
	}
	if r.Status == StatusSnoozed {
		s += " · snoozed until " + p.stamp(r.Until)
	}
	return s
}

// endedText says why a ping needs nothing more.
func endedText(r *Record) string {
	if r.Status == StatusClosed {
		return "case " + r.Case + " is closed"
	}
	switch r.Reason {
	case ReasonRequestOverdue:
		return "request " + r.Source + " has been answered"
	case ReasonTaskOverdue:
		return "task " + r.Source + " is done"
	}
	return "it was settled"
}

// now is the bot's clock.
func (p *Policy) now() time.Time { return p.Now() }

// Record returns ping id, or an error wrapping ErrNoRecord.
func (p *Policy) Record(ctx context.Context, id string) (*Record, error) {
	return p.Store.Escalation(ctx, id)
}
