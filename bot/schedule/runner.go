package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// Defaults for zero Runner fields.
const (
	DefaultLease       = time.Minute
	DefaultInterval    = time.Second
	DefaultBatch       = 100
	DefaultMaxAttempts = 5
	// maxBackoff caps the wait between attempts.
	maxBackoff = time.Hour
	// baseBackoff is the wait after the first failure; it doubles each time.
	baseBackoff = 30 * time.Second
)

// Handler does the work of one due item. Errors must not contain personal
// text: the runner logs them with the item id.
type Handler func(ctx context.Context, it state.Item) error

// Runner claims due items and hands them to Handle.
type Runner struct {
	Store *state.Store
	// Now is the clock due times are compared with; Store.Now when nil.
	Now func() time.Time
	// Lease is how long a claim is held before another runner may take the
	// item (DefaultLease). Interval is the polling period of Run
	// (DefaultInterval).
	Lease, Interval time.Duration
	// Batch is the most items claimed at once (DefaultBatch); MaxAttempts
	// is how many failures send an item to the dead-letter list
	// (DefaultMaxAttempts).
	Batch, MaxAttempts int
	// Workers is how many items of a batch are handled at once (default 1:
	// in due order, as the console wants). More workers raise throughput,
	// mostly by letting Redis group its AOF fsyncs.
	Workers int
	Handle  Handler
	// Log receives ids, kinds, case refs and errors; slog.Default when nil.
	Log *slog.Logger
	// Backoff is the wait before attempt n+1 after n failures; 30 s
	// doubling, capped at 1 h, when nil.
	Backoff func(failures int) time.Duration
	// Renew is how often (real time) a claim is renewed while its handler
	// runs; Lease/3 when zero (see renew.go).
	Renew time.Duration
}

type claimCtxKey struct{}

// ClaimFrom returns the claim being handled, for a handler that completes it
// itself (tx.Complete or Store.CompleteWith) to make its effect exactly once.
func ClaimFrom(ctx context.Context) (state.Claim, bool) {
	c, ok := ctx.Value(claimCtxKey{}).(state.Claim)
	return c, ok
}

// Run polls every Interval until ctx is done, then returns nil. Failed
// ticks (Redis unavailable) are logged and retried on the next poll.
func (r *Runner) Run(ctx context.Context) error {
	if err := r.check(); err != nil {
		return err
	}
	t := time.NewTicker(orDefault(r.Interval, DefaultInterval))
	defer t.Stop()
	for {
		if _, err := r.Tick(ctx); err != nil && ctx.Err() == nil {
			r.log().Warn("schedule: tick failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Tick claims and handles everything due now, batch after batch until
// nothing is due, and returns how many items were handled successfully.
// The console calls it after moving the clock.
func (r *Runner) Tick(ctx context.Context) (int, error) {
	if err := r.check(); err != nil {
		return 0, err
	}
	done := 0
	for {
		claims, err := r.Store.ClaimDue(ctx, r.now(), orDefault(r.Lease, DefaultLease), r.batch())
		if err != nil {
			return done, fmt.Errorf("schedule: claim: %w", err)
		}
		if len(claims) == 0 {
			return done, nil
		}
		done += r.handleAll(ctx, claims)
		if err := ctx.Err(); err != nil {
			return done, err // unhandled claims are re-queued when their lease expires
		}
	}
}

// handleAll handles a batch with up to Workers at once and returns how many
// succeeded.
func (r *Runner) handleAll(ctx context.Context, claims []state.Claim) int {
	workers := max(r.Workers, 1)
	if workers == 1 {
		done := 0
		for _, c := range claims {
			if ctx.Err() != nil {
				break
			}
			if r.handle(ctx, c) {
				done++
			}
		}
		return done
	}
	var (
		wg   sync.WaitGroup
		done atomic.Int64
		sem  = make(chan struct{}, workers)
	)
	for _, c := range claims {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if r.handle(ctx, c) {
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(done.Load())
}

func (r *Runner) check() error {
	if r.Store == nil || r.Handle == nil {
		return errors.New("schedule: runner needs a Store and a Handle")
	}
	return nil
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return r.Store.Now()
}

func (r *Runner) batch() int {
	if r.Batch > 0 {
		return r.Batch
	}
	return DefaultBatch
}

func (r *Runner) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
