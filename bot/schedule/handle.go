package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// handle runs the handler for one claim and finishes the claim; it reports
// whether the handler succeeded.
func (r *Runner) handle(ctx context.Context, c state.Claim) bool {
	lease := orDefault(r.Lease, DefaultLease)
	if !r.now().Before(c.Until.Add(-lease / 10)) {
		// Too close to expiry to start: another runner will take it.
		r.log().Info("schedule: lease nearly over, left for re-claim", "id", c.ID, "case", c.Case)
		return false
	}
	err := r.callRenewing(context.WithValue(ctx, claimCtxKey{}, c), c)
	if err == nil {
		r.complete(ctx, c)
		return true
	}
	if ctx.Err() != nil {
		return false // shutting down: the lease expires and the item is re-queued
	}
	r.fail(ctx, c, err)
	return false
}

// call runs the handler, turning a panic into an error.
func (r *Runner) call(ctx context.Context, it state.Item) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("schedule: handler panic: %v", p)
		}
	}()
	return r.Handle(ctx, it)
}

// complete finishes a handled claim. A claim the handler already completed
// (or that was rescheduled meanwhile) is not an error.
func (r *Runner) complete(ctx context.Context, c state.Claim) {
	ok, err := r.Store.Complete(ctx, c)
	switch {
	case err != nil:
		r.log().Warn("schedule: complete failed, item will run again after its lease",
			"id", c.ID, "kind", c.Kind, "case", c.Case, "err", err)
	case !ok:
		r.log().Debug("schedule: claim already finished", "id", c.ID, "case", c.Case)
	}
}

// fail retries the item later or, after MaxAttempts failures, moves it to
// the dead-letter list.
func (r *Runner) fail(ctx context.Context, c state.Claim, herr error) {
	failures := c.Attempt + 1
	max := r.MaxAttempts
	if max <= 0 {
		max = DefaultMaxAttempts
	}
	log := r.log().With("id", c.ID, "kind", c.Kind, "case", c.Case, "attempt", failures)
	if failures >= max {
		ok, err := r.Store.DeadLetter(ctx, c, truncate(herr.Error(), 300))
		if err == nil && ok {
			log.Error("schedule: dead letter", "err", herr)
			return
		}
		log.Warn("schedule: dead letter not recorded", "err", herr, "store_err", err)
		return
	}
	err := r.Store.Retry(ctx, c, r.now().Add(r.backoff(failures)))
	if err != nil && !errors.Is(err, state.ErrLeaseLost) {
		log.Warn("schedule: retry not recorded, item will run again after its lease", "err", herr, "store_err", err)
		return
	}
	log.Info("schedule: handler failed, will retry", "err", herr)
}

func (r *Runner) backoff(failures int) time.Duration {
	if r.Backoff != nil {
		return r.Backoff(failures)
	}
	d := baseBackoff
	for i := 1; i < failures && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
