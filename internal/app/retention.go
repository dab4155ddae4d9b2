package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
)

// The daily purge is one recurring schedule item: whichever replica claims
// it runs the purge and puts it back for the next night.
const (
	retentionItem = "retention:daily"
	retentionKind = "retention"
	retentionHour = 2 // 02:00 local time, away from working hours
	auditBy       = "retention"
)

// ScheduleRetention puts the daily purge on the schedule unless it is
// there already (serve calls it at start; every replica may).
func (a *App) ScheduleRetention(ctx context.Context) error {
	_, err := a.Store.Scheduled(ctx, retentionItem)
	if err == nil {
		return nil
	}
	if !errors.Is(err, state.ErrNotFound) {
		return fmt.Errorf("retention: %w", err)
	}
	return a.Store.Schedule(ctx, state.Item{ID: retentionItem, Kind: retentionKind, Due: a.nextPurge()})
}

// nextPurge is the next 02:00 in the configured time zone.
func (a *App) nextPurge() time.Time {
	now := a.Clock.Now().In(a.Config.Location())
	next := time.Date(now.Year(), now.Month(), now.Day(), retentionHour, 0, 0, 0, now.Location())
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// handleRetention runs the daily purge and schedules the next one.
func (a *App) handleRetention(ctx context.Context) error {
	if _, err := a.PurgeDue(ctx); err != nil {
		return err // retried with the scheduler's backoff
	}
	c, ok := schedule.ClaimFrom(ctx)
	if !ok {
		return nil
	}
	if err := a.Store.Reschedule(ctx, c, a.nextPurge()); err != nil && !errors.Is(err, state.ErrLeaseLost) {
		return err
	}
	return nil
}

// PurgeResult counts what a purge removed.
type PurgeResult struct {
	Cases, Concerns int
}

// PurgeDue removes closed cases past JOINTWORK_RETENTION and concerns past
// JOINTWORK_CONCERN_RETENTION, each leaving a tombstone on the audit stream.
func (a *App) PurgeDue(ctx context.Context) (PurgeResult, error) {
	var res PurgeResult
	cases, concerns := a.Config.Retention.Periods()
	now := a.Clock.Now()
	if !cases.Off() {
		refs, err := a.Store.ClosedBefore(ctx, cases.Cutoff(now))
		if err != nil {
			return res, fmt.Errorf("retention: %w", err)
		}
		for _, ref := range refs {
			if _, err := a.Store.PurgeCase(ctx, ref, state.AuditEntry{By: auditBy, Reason: state.ReasonRetention}); err != nil && !errors.Is(err, state.ErrNotFound) {
				return res, fmt.Errorf("retention: purge %s: %w", ref, err)
			}
			res.Cases++
		}
	}
	if !concerns.Off() {
		n, err := a.Store.PurgeConcerns(ctx, concerns.Cutoff(now), auditBy, state.ReasonRetention)
		res.Concerns = n
		if err != nil {
			return res, fmt.Errorf("retention: %w", err)
		}
	}
	if res.Cases+res.Concerns > 0 {
		a.Log.Info("retention purge", "cases", res.Cases, "concerns", res.Concerns)
	}
	return res, nil
}
