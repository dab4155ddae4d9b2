package app

import (
	"context"
	"sync"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/outbox"
	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/handlers"
)

// timed is the App's timed work: the platforms pings go out through, the
// escalation engine and the scheduler runner.
type timed struct {
	// Platforms are the platforms timed work sends through, by Name(). Use
	// AddPlatform to add one; read it only through the scheduler.
	Platforms map[string]bot.Platform
	// Escalation sends the pings that fall due.
	Escalation *escalation.Engine
	// Runner claims due items and hands them to Escalation, to Outbox for
	// replies kept for another try, or to the channel check and the
	// retention purge (handleTimed).
	Runner *schedule.Runner
	// Outbox resends replies a platform would not take (package outbox).
	Outbox *outbox.Outbox

	platMu sync.RWMutex
}

// initTimed builds the escalation engine and the scheduler runner. New
// calls it once the handlers and the kernel exist; onSent, when set, also
// hears of every delivered ping (Options.OnPingSent).
func (a *App) initTimed(onSent func(*escalation.Record, time.Duration)) {
	a.Escalation = escalation.NewEngine(a.Handlers.Policy, a.platform, escalation.EngineOptions{
		Commands: a.Bot.Registry(), AfterSend: a.afterPing, Log: a.Log,
		OnSent: func(r *escalation.Record, lag time.Duration) {
			a.Metrics.PingSent()
			if r.Level > 0 {
				a.Metrics.PingEscalated()
			}
			if onSent != nil {
				onSent(r, lag)
			}
		},
		Admit: func(ctx context.Context, m bot.Message) bool { return a.Handlers.Vet(ctx, m, false).Allowed },
	})
	a.Runner = &schedule.Runner{Store: a.Store, Now: a.Clock.Now, Interval: a.Config.SchedulerInterval,
		Handle: a.timedHandle(a.handleTimed), Log: a.Log}
}

// handleTimed runs one due scheduler item: the periodic channel check, the
// daily retention purge, or an escalation step.
func (a *App) handleTimed(ctx context.Context, it state.Item) error {
	switch it.Kind {
	case handlers.KindReconcile:
		return a.handleReconcile(ctx)
	case retentionKind:
		return a.handleRetention(ctx)
	case outbox.Kind:
		return a.Outbox.Handle(ctx, it)
	}
	return a.Escalation.Handle(ctx, it)
}

// afterPing refreshes the case card when a task has just become overdue, so
// the card flags it without waiting for the next command on the case.
func (a *App) afterPing(ctx context.Context, p bot.Sender, r *escalation.Record) {
	if r.Reason != escalation.ReasonTaskOverdue || r.Level != 0 || r.Sends != 0 {
		return
	}
	if err := a.Handlers.RefreshCard(ctx, p, r.Case); err != nil {
		a.Log.Warn("card not updated after overdue task", "case", r.Case, "item", r.Source, "err", err)
	}
}

// AddPlatform registers a platform timed work may send through (the console
// registers its Workspace; serve registers Slack and Teams). A platform
// with the same Name replaces the earlier one.
func (a *App) AddPlatform(p bot.Platform) {
	a.platMu.Lock()
	defer a.platMu.Unlock()
	if a.Platforms == nil {
		a.Platforms = map[string]bot.Platform{}
	}
	a.Platforms[p.Name()] = p
}

// platform returns the platform called name, behind the send gate. A case stored without a
// platform goes to the only registered one, if there is exactly one.
func (a *App) platform(name string) (bot.Sender, bool) {
	a.platMu.RLock()
	defer a.platMu.RUnlock()
	if p, ok := a.Platforms[name]; ok {
		return a.Handlers.Gate().Wrap(p), true
	}
	if name == "" && len(a.Platforms) == 1 {
		for _, p := range a.Platforms {
			return a.Handlers.Gate().Wrap(p), true
		}
	}
	return nil, false
}

// RunDue runs every timed item that is due now (the console calls it after
// /clock moves time).
func (a *App) RunDue(ctx context.Context) {
	n, err := a.Runner.Tick(ctx)
	if err != nil {
		a.Log.Warn("timed work: tick failed", "err", err)
	}
	if n > 0 {
		a.Log.Debug("timed work done", "items", n)
	}
}

// RunScheduler polls for due timed work until ctx ends.
func (a *App) RunScheduler(ctx context.Context) {
	if err := a.Runner.Run(ctx); err != nil {
		a.Log.Error("timed work: scheduler stopped", "err", err)
	}
}
