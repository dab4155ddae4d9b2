package app

import (
	"context"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/handlers"
)

// Case channels are checked against their cases when the server starts and
// then every reconcileEvery (a scheduler item, so one replica runs it), on
// top of the platforms' join events.
const (
	reconcileEvery = time.Hour
	reconcileID    = "channels:reconcile"
)

// handleReconcile runs the periodic channel check and schedules the next.
func (a *App) handleReconcile(ctx context.Context) error {
	a.ReconcileNow(ctx)
	return a.scheduleReconcile(ctx)
}

// ReconcileNow checks the channel of every open case on every platform.
func (a *App) ReconcileNow(ctx context.Context) {
	a.platMu.RLock()
	plats := make([]bot.Platform, 0, len(a.Platforms))
	for _, p := range a.Platforms {
		plats = append(plats, p)
	}
	a.platMu.RUnlock()
	for _, p := range plats {
		n := a.Handlers.ReconcileAll(ctx, p)
		a.Log.Debug("case channels checked", "platform", p.Name(), "channels", n)
	}
}

// StartReconcile checks every case channel now and schedules the next check.
func (a *App) StartReconcile(ctx context.Context) {
	a.ReconcileNow(ctx)
	if err := a.scheduleReconcile(ctx); err != nil {
		a.Log.Warn("channel check not scheduled", "err", err)
	}
}

func (a *App) scheduleReconcile(ctx context.Context) error {
	return a.Store.Schedule(ctx, state.Item{ID: reconcileID, Kind: handlers.KindReconcile, Due: a.Clock.Now().Add(reconcileEvery)})
}
