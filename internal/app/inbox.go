package app

import (
	"context"
	"os"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/outbox"
)

// newInbox returns the durable inbox the HTTP adapters store requests in
// before their ack, with JOINTWORK_INBOX_WORKERS workers on this replica
// (0 makes an ingest-only replica that acks but never runs work). The
// development-only JOINTWORK_INBOX_VISIBILITY (how long before a dead
// worker's entries are taken over; default 30s) tunes it for fault tests.
func (a *App) newInbox() *inbox.Inbox {
	opt := inbox.Options{Workers: a.Config.InboxWorkers, Log: a.Log}
	if d, err := time.ParseDuration(os.Getenv("JOINTWORK_INBOX_VISIBILITY")); err == nil && d > 0 {
		opt.Visibility = d
	}
	return inbox.New(a.Store, opt)
}

// runInbox runs the inbox workers until ctx ends; the returned channel
// closes when they have stopped.
func runInbox(ctx context.Context, q *inbox.Inbox, workers int) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if workers > 0 {
			_ = q.Run(ctx)
		}
	}()
	return done
}

// newOutbox returns the outbox of replies a platform would not take. The
// development-only JOINTWORK_OUTBOX_FIRST_RETRY shortens its first wait
// (30s) for fault tests.
func (a *App) newOutbox() *outbox.Outbox {
	o := &outbox.Outbox{Store: a.Store, Platform: a.platform, Deadline: a.Config.OutboxDeadline, Log: a.Log}
	if d, err := time.ParseDuration(os.Getenv("JOINTWORK_OUTBOX_FIRST_RETRY")); err == nil && d > 0 {
		o.FirstRetry = d
	}
	return o
}
