package escalation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// deliver sends ping id as a DM, then records the send on the case
// timeline together with the fenced completion of the claim. A failed send
// returns an error, so the scheduler retries it with backoff.
func (e *Engine) deliver(ctx context.Context, c state.Claim, id string) error {
	r, cs, err := e.due(ctx, c, id)
	if err != nil || r == nil {
		return err
	}
	if digest, err := e.Store.Digest(ctx, r.To); err != nil {
		return err
	} else if digest {
		return e.queueDigest(ctx, c, r)
	}
	plat, err := e.send(ctx, r, cs)
	if errors.Is(err, errWithheld) {
		return e.withhold(ctx, c, r)
	}
	if err != nil {
		return err
	}
	action := e.action(r)
	sentAt := e.now()
	err = e.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
		if err := tx.Complete(c); err != nil {
			return err
		}
		tx.MarkEscalationSent(r.ID, sentAt)
		e.scheduleNext(tx, r, sentAt)
		tx.Log(state.Entry{Action: action, Item: r.ID, Detail: e.Policy.summary(r)})
		return nil
	})
	if errors.Is(err, state.ErrLeaseLost) {
		e.log().Warn("escalation: ping sent but claim lost; it may be sent again", "id", r.ID, "case", r.Case)
		err = nil
	}
	if e.opt.OnSent != nil {
		e.opt.OnSent(r, sentAt.Sub(r.Due))
	}
	if err != nil {
		// Sent already: retrying would send it again. Log and finish.
		e.log().Error("escalation: ping sent but not recorded", "id", r.ID, "case", r.Case, "err", err)
		_, _ = e.Store.Complete(ctx, c)
	}
	if e.opt.AfterSend != nil {
		e.opt.AfterSend(ctx, plat, r)
	}
	return nil
}

// send renders and sends the DM through the case's platform, and returns
// that platform.
func (e *Engine) send(ctx context.Context, r *Record, cs *state.Case) (bot.Sender, error) {
	if e.Platform == nil {
		return nil, fmt.Errorf("send %s: %w: %q", r.ID, ErrNoPlatform, cs.Platform)
	}
	plat, ok := e.Platform(cs.Platform)
	if !ok {
		return nil, fmt.Errorf("send %s: %w: %q", r.ID, ErrNoPlatform, cs.Platform)
	}
	m, err := e.message(ctx, r, cs)
	if err != nil {
		return nil, fmt.Errorf("send %s: %w", r.ID, err)
	}
	if e.opt.Admit != nil && !e.opt.Admit(ctx, m) {
		return nil, errWithheld
	}
	if _, err := plat.Send(ctx, m); err != nil {
		return nil, fmt.Errorf("send %s via %s: %w", r.ID, plat.Name(), err)
	}
	return plat, nil
}

// action is the timeline action for delivering r.
func (e *Engine) action(r *Record) string {
	switch {
	case r.Sends > 0:
		return ActionReminded
	case r.Prev != "":
		return ActionEscalated
	}
	return ActionSent
}

func (e *Engine) now() time.Time { return e.Policy.now() }

// due reads ping id and its case; a nil record means nothing is to be sent
// (unknown ping, already answered, case gone or closed).
func (e *Engine) due(ctx context.Context, c state.Claim, id string) (*Record, *state.Case, error) {
	r, err := e.Store.Escalation(ctx, id)
	if errors.Is(err, ErrNoRecord) {
		e.log().Warn("escalation: send of unknown ping dropped", "id", id, "item", c.ID)
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if !r.Waiting() && r.Status != StatusEscalated {
		return nil, nil, nil // acknowledged, resolved or closed before it went out
	}
	cs, err := e.Store.Case(ctx, r.Case)
	if errors.Is(err, state.ErrNotFound) || (err == nil && cs.Status == state.StatusClosed) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("escalation: send %s: %w", id, err)
	}
	return r, cs, nil
}

// errWithheld means the disclosure policy refused a ping.
var errWithheld = errors.New("escalation: ping withheld by the disclosure policy")

// withhold ends the chain of a ping the disclosure policy refused (the
// person it concerns is no longer on the case, or the recipient is not on
// its route) and records that on the timeline, without sending anything.
func (e *Engine) withhold(ctx context.Context, c state.Claim, r *Record) error {
	err := e.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
		if err := tx.Complete(c); err != nil {
			return err
		}
		e.Policy.end(tx, StatusClosed, r.Chain)
		tx.Log(state.Entry{Action: ActionWithheld, Item: r.ID,
			Detail: "not sent: the disclosure policy does not admit it; chain ended", Basis: "disclosure policy"})
		return nil
	})
	if errors.Is(err, state.ErrLeaseLost) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("escalation: withhold %s: %w", r.ID, err)
	}
	e.log().Info("escalation: ping withheld by the disclosure policy; chain ended", "id", r.ID, "case", r.Case)
	return nil
}
