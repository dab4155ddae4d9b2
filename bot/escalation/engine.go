package escalation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
)

// Engine handles the escalation items the scheduler hands it. Build it with
// NewEngine; its hooks are fixed there.
type Engine struct {
	Policy *Policy
	Store  *state.Store
	// Platform returns the platform a case lives on ("console", "slack",
	// "teams"); pings are DMs sent through it.
	Platform func(name string) (bot.Sender, bool)
	opt      EngineOptions
}

// EngineOptions are an Engine's optional hooks; the zero value sends every
// ping with no extras and logs to slog.Default().
type EngineOptions struct {
	// Commands, when set, lets pings offer "case show REF" if it exists.
	Commands *bot.Registry
	// OnSent, when set, is told of every delivered ping and its lag behind
	// the trigger's due time (metrics, benchmarks).
	OnSent func(r *Record, lag time.Duration)
	// AfterSend, when set, runs after a ping went out through p (the app
	// refreshes the case card when a task has become overdue).
	AfterSend func(ctx context.Context, p bot.Sender, r *Record)
	// Admit, when set, is the disclosure check a ping must pass before it
	// is sent (the app's send gate). A refused ping is not sent: its chain
	// ends and the timeline records why.
	Admit func(ctx context.Context, m bot.Message) bool
	Log   *slog.Logger
}

// NewEngine returns the engine raising and sending pol's pings through the
// platform that platform(name) returns, with the hooks in opt.
func NewEngine(pol *Policy, platform func(name string) (bot.Sender, bool), opt EngineOptions) *Engine {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	return &Engine{Policy: pol, Store: pol.Store, Platform: platform, opt: opt}
}

// ErrNoPlatform means a case's platform is not registered in this process.
var ErrNoPlatform = errors.New("escalation: platform not available")

// Handle is the schedule.Handler for escalation items. It completes the
// claim itself (fenced) and returns nil for items that need nothing more.
func (e *Engine) Handle(ctx context.Context, it state.Item) error {
	c, ok := schedule.ClaimFrom(ctx)
	if !ok {
		c = state.Claim{Item: it}
	}
	switch it.Kind {
	case KindPing:
		return e.raise(ctx, c, triggerOf(it.Data))
	case KindSend:
		return e.deliver(ctx, c, it.Data[dataID])
	case KindDigest:
		return e.sendDigest(ctx, c, it.Data[dataTo])
	}
	e.log().Warn("escalation: unknown item kind, dropped", "id", it.ID, "kind", it.Kind)
	return nil
}

func (e *Engine) log() *slog.Logger { return e.opt.Log }

// raise turns a due KindPing item into a ping record, its delivery and the
// next level, in one case Update fenced by the claim.
func (e *Engine) raise(ctx context.Context, c state.Claim, t trigger) error {
	id := t.ID
	if t.Remind != "" {
		id = t.Remind
	}
	if id == "" {
		var err error
		if id, err = e.Store.NewID(ctx, "E"); err != nil {
			return fmt.Errorf("escalation: new id: %w", err)
		}
	}
	var raised *Record
	err := e.Store.Update(ctx, c.Case, func(tx *state.Tx) error {
		raised = nil
		if err := tx.Complete(c); err != nil {
			return err
		}
		r, err := e.raiseIn(ctx, tx, c, t, id)
		raised = r
		return err
	})
	return e.finished(ctx, c, "raise", err, raised)
}

// finished interprets the outcome of a fenced Update.
func (e *Engine) finished(ctx context.Context, c state.Claim, step string, err error, r *Record) error {
	switch {
	case err == nil:
		if r != nil {
			e.log().Debug("escalation: "+step, "id", r.ID, "item", c.ID, "case", c.Case, "level", r.Level)
		}
		return nil
	case errors.Is(err, state.ErrLeaseLost):
		e.log().Info("escalation: claim lost, left to its new holder", "item", c.ID, "case", c.Case, "step", step)
		return nil
	case errors.Is(err, state.ErrNotFound):
		e.log().Warn("escalation: case gone, item dropped", "item", c.ID, "case", c.Case)
		_, cerr := e.Store.Complete(ctx, c)
		return cerr
	}
	return fmt.Errorf("escalation: %s %s: %w", step, c.ID, err)
}

// raiseIn stages the ping for trigger t in tx; it stages nothing (and the
// item simply completes) when the chain no longer applies.
func (e *Engine) raiseIn(ctx context.Context, tx *state.Tx, c state.Claim, t trigger, id string) (*Record, error) {
	if tx.Case.Status == state.StatusClosed || !e.stillDue(tx, t) {
		return nil, nil
	}
	p := e.Policy
	prev, err := e.prior(ctx, t)
	if err != nil || ((t.Prev != "" || t.Remind != "") && prev == nil) {
		return nil, err
	}
	r := e.newRecord(t, prev, id, tx.Case.Ref, c.Due, tx.Now())
	if r.To == "" {
		tx.Log(state.Entry{Action: ActionUnrouted, Item: t.Source,
			Detail: fmt.Sprintf("no one above @%s in the directory to tell (%s)", e.below(t, prev), t.Reason)})
		return nil, nil
	}
	if t.Prev != "" {
		tx.SetEscalationStatus(prev, StatusEscalated)
	}
	tx.PutEscalation(r)
	tx.Schedule(state.Item{ID: sendID(r.ID), Kind: KindSend, Case: r.Case, Due: p.Hours.NextOpen(later(c.Due, tx.Now())),
		Data: map[string]string{dataID: r.ID}})
	return r, nil
}

// scheduleNext stages the next level of ping r, sent at sentAt: its
// manager is pinged once the reason's delay has passed in working hours
// after the send, unless r is acknowledged first.
func (e *Engine) scheduleNext(tx *state.Tx, r *Record, sentAt time.Time) {
	p := e.Policy
	if r.Notice || r.Status != StatusOpen {
		return
	}
	if _, ok := p.Directory.Manager(r.To); !ok {
		return
	}
	next := trigger{Chain: r.Chain, Reason: r.Reason, Source: r.Source, Origin: r.Origin, Prev: r.ID,
		Level: r.Level + 1, By: r.By, Text: r.Text, Extra: r.Extra}
	due := p.delays().next(r.Reason, r.Level).AfterWorkingHours(p.Hours, sentAt)
	tx.Schedule(state.Item{ID: nextID(r.Chain), Kind: KindPing, Case: r.Case, Due: due, Data: next.data()})
}

// later is the later of two instants.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// stillDue reports whether the chain's subject still needs attention.
func (e *Engine) stillDue(tx *state.Tx, t trigger) bool {
	switch t.Reason {
	case ReasonRequestOverdue:
		r, err := tx.Request(t.Source)
		return err == nil && r.Open()
	case ReasonTaskOverdue:
		tk, err := tx.Task(t.Source)
		return err == nil && tk.Open()
	case ReasonAllocationPending:
		ds := tx.Case.Delays
		if len(ds) == 0 {
			return true
		}
		last := ds[len(ds)-1]
		return last.Decision == "await" && (last.At.IsZero() || stampOf(last.At) == t.Extra[dataAt])
	}
	return true
}

// prior loads the ping a next-level or reminder trigger refers to; it
// returns nil when that ping no longer waits as expected.
func (e *Engine) prior(ctx context.Context, t trigger) (*Record, error) {
	id, want := t.Prev, StatusOpen
	if t.Remind != "" {
		id, want = t.Remind, StatusSnoozed
	}
	if id == "" {
		return nil, nil
	}
	r, err := e.Store.Escalation(ctx, id)
	if errors.Is(err, ErrNoRecord) {
		return nil, nil
	}
	if err != nil || r.Status != want {
		return nil, err
	}
	return r, nil
}

// newRecord builds the ping trigger t raises; To is "" when nobody is
// there to ping.
func (e *Engine) newRecord(t trigger, prev *Record, id, ref string, due, now time.Time) *Record {
	if t.Remind != "" {
		r := *prev
		r.Status, r.Until, r.Due = StatusOpen, time.Time{}, due
		return &r
	}
	r := &Record{ID: id, Chain: t.Chain, Reason: t.Reason, Source: t.Source, Origin: t.Origin, Prev: t.Prev,
		Level: t.Level, Notice: t.Notice, Status: StatusOpen, By: t.By, Text: t.Text,
		Due: due, At: now, Extra: t.Extra, Case: ref}
	r.To = e.target(t, prev)
	return r
}

// target is who trigger t pings.
func (e *Engine) target(t trigger, prev *Record) string {
	dir := e.Policy.Directory
	switch {
	case t.To != "":
		if _, ok := dir.Person(t.To); ok {
			return t.To
		}
		return ""
	case prev != nil:
		m, _ := dir.Manager(prev.To)
		return m.Handle
	}
	h := t.Origin
	for i := 0; i < t.Level && h != ""; i++ {
		m, _ := dir.Manager(h)
		h = m.Handle
	}
	return h
}

// below names the person nobody could be found above.
func (e *Engine) below(t trigger, prev *Record) string {
	if prev != nil {
		return prev.To
	}
	h := t.Origin
	for i := 1; i < t.Level; i++ {
		m, ok := e.Policy.Directory.Manager(h)
		if !ok {
			break
		}
		h = m.Handle
	}
	return h
}
