// Package escalation decides which timed work and manager pings follow from
// what happens on a case, and sends them when they fall due.
//
// Case handlers call the Policy's hooks inside the same state.Update
// transaction as the change they record, so a request and its reminder are
// written together or not at all.
//
// # Chains
//
// Every trigger starts a chain (a deterministic id such as "req:c101:R7:due"): a
// scheduler item of kind KindPing that, when it falls due, raises a ping (an
// escalation record E3 for one person) and schedules two more items: the
// delivery of the DM (KindSend, "E3:send") and the next level
// ("req:c101:R7:due:next", the manager of the person just pinged), due after the
// configured delay counted from the trigger's due time. Acknowledging a ping
// unschedules the chain's next level; snoozing replaces it by a reminder to
// the same person one working day later; answering the request, finishing
// the task or closing the case ends the chain and resolves its records.
//
// Raising a ping is exactly once: the record, its indexes, the timeline and
// the next items are written in one case Update together with the fenced
// completion of the claim (tx.Complete). Delivery is at least once: the DM
// goes out before the send item is completed, so a crash in between sends it
// again (see package schedule); a failed send is retried with backoff.
package escalation

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot/calendar"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
)

// Policy holds the escalation rules' settings. Build it with NewPolicy.
type Policy struct {
	Directory *directory.Directory
	Calendar  *calendar.Calendar
	Config    config.Escalation
	Now       func() time.Time
	// Store keeps the pings and serves ack, snooze and the lists.
	Store *state.Store
	// Hours are when pings are delivered; escalation delays count working
	// time from when a ping was sent. Parsed from Config.WorkingHours ("" or
	// "always": no limits).
	Hours calendar.WorkingHours
}

// NewPolicy returns the policy on store; now is the bot's clock (the
// store's when nil). It refuses delay settings that do not parse.
func NewPolicy(store *state.Store, dir *directory.Directory, cal *calendar.Calendar, cfg config.Escalation, now func() time.Time) (*Policy, error) {
	if store == nil {
		return nil, errors.New("escalation: policy needs a store")
	}
	if now == nil {
		now = store.Now
	}
	p := &Policy{Directory: dir, Calendar: cal, Config: cfg, Now: now, Store: store}
	if err := p.Check(); err != nil {
		return nil, err
	}
	hours := cfg.WorkingHours
	if hours == "" {
		hours = "always"
	}
	wh, err := calendar.ParseWorkingHours(cal, hours)
	if err != nil {
		return nil, fmt.Errorf("JOINTWORK_WORKING_HOURS: %w", err)
	}
	p.Hours = wh
	return p, nil
}

// RequestSent schedules the reminder for a formal request's due date.
func (p *Policy) RequestSent(tx *state.Tx, r *state.Request) {
	if r == nil || r.Due.IsZero() || !r.Open() || r.To == "" {
		return
	}
	chain := requestChain(tx.Case.Ref, r.ID)
	due := p.Calendar.EndOfDay(r.Due)
	p.start(tx, chain, due, trigger{Reason: ReasonRequestOverdue, Source: r.ID, Origin: r.To})
	tx.Log(state.Entry{Action: ActionScheduled, Item: r.ID,
		Detail: fmt.Sprintf("reminder to @%s at %s if %s is still unanswered", r.To, p.stamp(p.Hours.NextOpen(due)), r.ID)})
}

// RequestAnswered cancels a request's reminders; a decline pings the
// requester's manager with the written reasons.
func (p *Policy) RequestAnswered(tx *state.Tx, r *state.Request) {
	if r == nil {
		return
	}
	chain := requestChain(tx.Case.Ref, r.ID)
	p.end(tx, StatusResolved, chain)
	if r.Status == state.RequestDeclined && r.From != "" {
		p.start(tx, declineChain(tx.Case.Ref, r.ID), tx.Now(),
			trigger{Reason: ReasonRequestDeclined, Source: r.ID, Origin: r.From, Level: 1, By: r.AnsweredBy})
	}
}

// TaskAdded schedules the overdue check of a task.
func (p *Policy) TaskAdded(tx *state.Tx, t *state.Task) {
	if t == nil || t.Due.IsZero() || !t.Open() || t.Owner == "" {
		return
	}
	chain := taskChain(tx.Case.Ref, t.ID)
	due := p.Calendar.EndOfDay(t.Due)
	p.start(tx, chain, due, trigger{Reason: ReasonTaskOverdue, Source: t.ID, Origin: t.Owner})
	detail := fmt.Sprintf("reminder to @%s at %s if %s is still open", t.Owner, p.stamp(p.Hours.NextOpen(due)), t.ID)
	if lead := tx.Case.Lead; lead != "" && lead != t.Owner {
		p.start(tx, leadChain(tx.Case.Ref, t.ID), due, trigger{Reason: ReasonTaskOverdue, Source: t.ID, Origin: t.Owner, To: lead, Notice: true})
		detail += fmt.Sprintf(", and the case lead @%s told", lead)
	}
	tx.Log(state.Entry{Action: ActionScheduled, Item: t.ID, Detail: detail})
}

// TaskDone cancels a task's reminders.
func (p *Policy) TaskDone(tx *state.Tx, t *state.Task) {
	if t == nil {
		return
	}
	p.end(tx, StatusResolved, taskChain(tx.Case.Ref, t.ID), leadChain(tx.Case.Ref, t.ID))
}

// DelayRecorded pings the requester's manager about a delay decision and,
// for "await", schedules the allocation-pending check.
func (p *Policy) DelayRecorded(tx *state.Tx, d state.Delay) {
	ref := tx.Case.Ref
	at := d.At
	if at.IsZero() {
		at = tx.Now()
	}
	by := d.By
	if by == "" {
		by = tx.Case.Lead
	}
	stamp := stampOf(at)
	extra := map[string]string{dataDecision: d.Decision, dataAt: stamp}
	if !d.Until.IsZero() {
		extra[dataUntil] = d.Until.Format(time.RFC3339)
	}
	p.start(tx, "delay:"+ref+":"+stamp, tx.Now(),
		trigger{Reason: ReasonDelayRecorded, Origin: by, Level: 1, By: by, Extra: extra})
	alloc := allocationChain(ref)
	p.end(tx, StatusResolved, alloc)
	if d.Decision != "await" {
		return
	}
	due := p.delays().allocation.AfterWorkingHours(p.Hours, at)
	p.start(tx, alloc, due, trigger{Reason: ReasonAllocationPending, Origin: by, Level: 1, By: by, Extra: extra})
	tx.Log(state.Entry{Action: ActionScheduled,
		Detail: fmt.Sprintf("check at %s that the allocation is no longer pending, else @%s's manager is told", p.stamp(due), by)})
}

// ConsentRecorded pings the case lead's manager (and the safeguarding lead)
// when consent is withdrawn or a safeguarding enquiry is the basis.
func (p *Policy) ConsentRecorded(tx *state.Tx) {
	c := tx.Case.Consent
	if c == nil {
		return
	}
	reason := ""
	switch {
	case c.Withdrawn:
		reason = ReasonConsentWithdrawn
	case c.Basis == BasisSafeguarding:
		reason = ReasonSafeguarding
	case c.Decision == "needs_decision" && strings.Contains(c.NextStep, "best interest decision"):
		reason = ReasonBestInterest
	default:
		return
	}
	by := c.WithdrawnBy
	if by == "" {
		by = c.RecordedBy
	}
	if reason == ReasonBestInterest {
		p.bestInterestNeeded(tx, by)
		return
	}
	chain := "consent:" + tx.Case.Ref + ":v" + strconv.FormatInt(tx.Case.Version, 10)
	lead := tx.Case.Lead
	p.start(tx, chain, tx.Now(), trigger{Reason: reason, Origin: lead, Level: 1, By: by})
	sg, ok := p.Directory.Contact(directory.Safeguarding)
	if mgr, _ := p.Directory.Manager(lead); !ok || sg.Handle == mgr.Handle || sg.Handle == lead {
		return
	}
	p.start(tx, chain+":sg", tx.Now(), trigger{Reason: reason, Origin: lead, To: sg.Handle, Notice: true, By: by})
}

// BasisNarrowed pings the case lead's manager when a newly recorded consent
// decision took people off the case (a refusal after a permission, or
// assumed consent replacing consent).
func (p *Policy) BasisNarrowed(tx *state.Tx, by string) {
	chain := "narrowed:" + tx.Case.Ref + ":v" + strconv.FormatInt(tx.Case.Version, 10)
	p.start(tx, chain, tx.Now(), trigger{Reason: ReasonBasisNarrowed, Origin: tx.Case.Lead, Level: 1, By: by})
}

// bestInterestNeeded tells the case lead's manager, when the decision's
// next step names them, that a best interest decision is needed: a notice
// (it goes no higher).
func (p *Policy) bestInterestNeeded(tx *state.Tx, by string) {
	lead := tx.Case.Lead
	mgr, ok := p.Directory.Manager(lead)
	if !ok || !strings.Contains(tx.Case.Consent.NextStep, "@"+mgr.Handle) {
		return
	}
	chain := "consent:" + tx.Case.Ref + ":v" + strconv.FormatInt(tx.Case.Version, 10) + ":bi"
	p.start(tx, chain, tx.Now(), trigger{Reason: ReasonBestInterest, Origin: lead, To: mgr.Handle, Notice: true, By: by})
}

// CaseClosed cancels every timed item of the case.
func (p *Policy) CaseClosed(tx *state.Tx) {
	var chains []string
	if tasks, err := tx.Tasks(); err == nil {
		for _, t := range tasks {
			chains = append(chains, taskChain(tx.Case.Ref, t.ID), leadChain(tx.Case.Ref, t.ID))
		}
	}
	if reqs, err := tx.Requests(); err == nil {
		for _, r := range reqs {
			chains = append(chains, requestChain(tx.Case.Ref, r.ID), declineChain(tx.Case.Ref, r.ID))
		}
	}
	chains = append(chains, allocationChain(tx.Case.Ref))
	p.end(tx, StatusClosed, chains...)
	p.endCase(tx)
}

// Escalate starts the chain of `/jointwork escalate`: the case lead's
// manager is pinged with text, as record id (from Store.NewID("E")).
// thread is where the escalation was typed ("" for the channel).
func (p *Policy) Escalate(tx *state.Tx, by, text, thread, id string) {
	p.start(tx, "x:"+id, tx.Now(), trigger{ID: id, Reason: ReasonEscalated, Origin: tx.Case.Lead,
		Level: 1, By: by, Text: text, Extra: map[string]string{dataThread: thread}})
}

// stamp formats an instant for timeline entries and messages.
func (p *Policy) stamp(t time.Time) string {
	return t.In(p.Calendar.Location()).Format("Mon 2 Jan 2006 15:04")
}

// day formats a date.
func (p *Policy) day(t time.Time) string {
	return t.In(p.Calendar.Location()).Format("Mon 2 Jan 2006")
}
