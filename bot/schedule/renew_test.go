package schedule_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
)

// TestSlowSendKeepsItsClaim: a handler still sending after its lease would
// have run out keeps the item (the runner renews the claim), so a second
// runner does not start it; once the handler ends, the item is done once.
func TestSlowSendKeepsItsClaim(t *testing.T) {
	s, clk, _ := setup(t)
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var runs atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	slow := func(context.Context, state.Item) error {
		runs.Add(1)
		close(started)
		<-release
		return nil
	}
	a := &schedule.Runner{Store: s, Now: clk.Now, Lease: time.Minute, Renew: 5 * time.Millisecond, Handle: slow, Log: quiet}
	b := &schedule.Runner{Store: s, Now: clk.Now, Lease: time.Minute, Handle: func(context.Context, state.Item) error {
		runs.Add(1)
		return nil
	}, Log: quiet}
	t0 := clk.Now()
	schedule1(t, s, state.Item{ID: "E1", Kind: "ping", Case: "c101", Due: t0})
	done := make(chan struct{})
	go func() { _, _ = a.Tick(ctx); close(done) }()
	<-started
	// The send has taken 50 s (fake clock); wait until the claim was renewed
	// from then on, past its first expiry.
	clk.Add(50 * time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for {
		until, _, err := s.LeaseUntil(ctx, "E1")
		if err == nil && !until.Before(t0.Add(110*time.Second)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("lease not renewed (until %v, %v)", until, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	clk.Add(50 * time.Second) // 100 s: past the original lease, within the renewed one
	if n, err := b.Tick(ctx); err != nil || n != 0 {
		t.Fatalf("second runner handled %d items (%v) while the first was still sending", n, err)
	}
	close(release)
	<-done
	if got := runs.Load(); got != 1 {
		t.Fatalf("handler ran %d times, want 1", got)
	}
	if _, err := s.Scheduled(ctx, "E1"); err == nil {
		t.Fatal("item still scheduled after it was handled")
	}
}

// TestLostClaimStopsTheHandler: when the claim is lost while the handler
// runs (here the item is rescheduled), the handler's context is cancelled.
func TestLostClaimStopsTheHandler(t *testing.T) {
	s, clk, _ := setup(t)
	ctx := context.Background()
	started := make(chan struct{})
	stopped := make(chan error, 1)
	r := &schedule.Runner{Store: s, Now: clk.Now, Lease: time.Minute, Renew: 5 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Handle: func(hctx context.Context, _ state.Item) error {
			close(started)
			select {
			case <-hctx.Done():
				stopped <- hctx.Err()
			case <-time.After(20 * time.Second):
				stopped <- nil
			}
			return hctx.Err()
		}}
	schedule1(t, s, state.Item{ID: "E2", Kind: "ping", Case: "c101", Due: clk.Now()})
	go func() { _, _ = r.Tick(ctx) }()
	<-started
	schedule1(t, s, state.Item{ID: "E2", Kind: "ping", Case: "c101", Due: clk.Now().Add(time.Hour)})
	if err := <-stopped; err == nil {
		t.Fatal("handler not stopped after its claim was lost")
	}
}
