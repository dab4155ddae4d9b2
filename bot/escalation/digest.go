package escalation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// maxDigestButtons bounds the Acknowledge buttons of one digest.
const maxDigestButtons = 5

// digestID is the scheduler item of handle's next digest.
func digestID(handle string) string { return "digest:" + handle }

// digestAt is when a ping raised at now goes out in a daily digest: the
// next opening of working hours after today's (today's when it is yet to come).
func (p *Policy) digestAt(now time.Time) time.Time {
	if !p.Hours.Within(now) && p.Hours.NextOpen(now).Before(p.Calendar.EndOfDay(p.Calendar.Date(now))) {
		return p.Hours.NextOpen(now)
	}
	return p.Hours.NextOpen(p.Calendar.EndOfDay(p.Calendar.Date(now)))
}

// queueDigest holds ping r for its person's daily digest instead of
// sending it now.
func (e *Engine) queueDigest(ctx context.Context, c state.Claim, r *Record) error {
	at := e.Policy.digestAt(e.now())
	err := e.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
		if err := tx.Complete(c); err != nil {
			return err
		}
		tx.Schedule(state.Item{ID: digestID(r.To), Kind: KindDigest, Case: r.Case, Due: at,
			Data: map[string]string{dataTo: r.To}})
		tx.Log(state.Entry{Action: ActionQueued, Item: r.ID,
			Detail: fmt.Sprintf("%s kept for @%s's daily digest at %s", r.ID, r.To, e.Policy.stamp(at))})
		return nil
	})
	return e.finished(ctx, c, "queue", err, r)
}

// sendDigest sends handle one DM listing what waits for them, then records
// each ping in it as sent (the next level counts from now).
func (e *Engine) sendDigest(ctx context.Context, c state.Claim, handle string) error {
	waiting, err := e.Policy.Waiting(ctx, handle)
	if err != nil {
		return err
	}
	if waiting, err = e.admitted(ctx, waiting); err != nil {
		return err
	}
	if len(waiting) == 0 {
		_, err := e.Store.Complete(ctx, c)
		return err
	}
	cs, err := e.Store.Case(ctx, waiting[0].Case)
	if err != nil && !errors.Is(err, state.ErrNotFound) {
		return err
	}
	platform := ""
	if cs != nil {
		platform = cs.Platform
	}
	plat, ok := e.Platform(platform)
	if !ok {
		return fmt.Errorf("digest for %s: %w: %q", handle, ErrNoPlatform, platform)
	}
	if _, err := plat.Send(ctx, e.digestMessage(handle, waiting)); err != nil {
		return fmt.Errorf("digest via %s: %w", plat.Name(), err)
	}
	now := e.now()
	for _, r := range waiting {
		if r.Status != StatusOpen || (!r.SentAt.IsZero() && !r.SentAt.Before(r.Due)) {
			continue // snoozed, or already sent on its own
		}
		err := e.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
			tx.MarkEscalationSent(r.ID, now)
			tx.Log(state.Entry{Action: e.action(r), Item: r.ID, Detail: e.Policy.summary(r) + " (daily digest)"})
			e.scheduleNext(tx, r, now)
			return nil
		})
		if err != nil {
			e.log().Warn("escalation: digest entry not recorded", "id", r.ID, "case", r.Case, "err", err)
		}
	}
	_, err = e.Store.Complete(ctx, c)
	return err
}

// digestMessage is the one DM of a daily digest.
func (e *Engine) digestMessage(handle string, waiting []*Record) bot.Message {
	lines := make([]string, 0, len(waiting))
	var buttons []bot.Button
	for _, r := range waiting {
		lines = append(lines, e.Policy.Describe(r))
		if len(buttons) < maxDigestButtons {
			buttons = append(buttons, bot.Button{Label: "Acknowledge " + r.ID, Command: "ack " + r.ID})
		}
	}
	return bot.Message{To: bot.Target{Kind: bot.ToDM, User: handle}, Kind: bot.KindPing,
		Title:   fmt.Sprintf("Daily digest: %d waiting for you", len(waiting)),
		Text:    strings.Join(lines, "\n"),
		Context: "`/jointwork escalations` shows them with their buttons; `/jointwork escalations digest off` sends each ping as it comes.",
		Buttons: buttons}
}
