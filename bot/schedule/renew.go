package schedule

import (
	"context"
	"sync"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// callRenewing runs the handler for claim c while renewing c's lease every
// Renew (Lease/3 by default) to now+Lease, fenced by the claim's token. A
// send that takes longer than the lease therefore keeps the item, and no
// other runner starts it meanwhile. When a renewal finds the claim lost, the
// handler's context is cancelled, so a send still in progress stops where
// the platform allows.
func (r *Runner) callRenewing(ctx context.Context, c state.Claim) error {
	lease := orDefault(r.Lease, DefaultLease)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.renewLoop(ctx, c, lease, stop, cancel)
	}()
	err := r.call(ctx, c.Item)
	close(stop)
	wg.Wait()
	return err
}

// renewLoop renews c until stop closes; it cancels the handler when the
// claim turns out lost.
func (r *Runner) renewLoop(ctx context.Context, c state.Claim, lease time.Duration, stop <-chan struct{}, cancel func()) {
	t := time.NewTicker(orDefault(r.Renew, lease/3))
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ok, err := r.Store.Renew(ctx, c, r.now().Add(lease))
		switch {
		case err != nil:
			r.log().Warn("schedule: lease not renewed", "id", c.ID, "case", c.Case, "error", err)
		case !ok:
			r.log().Warn("schedule: claim lost while handling; stopping", "id", c.ID, "case", c.Case)
			cancel()
			return
		}
	}
}
