package app

import (
	"context"
	"os"
	"strconv"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/outbox"
)

// newInbox returns the durable inbox the HTTP adapters store requests in
// before their ack, with as many workers on this replica as Slack's.
// Two development-only variables tune it for fault tests:
// JOINTWORK_INBOX_VISIBILITY (how long before a dead worker's entries are
// taken over; default 30s) and JOINTWORK_INBOX_WORKERS (0 makes an
// ingest-only replica that acks but never runs work).
func (a *App) newInbox() *inbox.Inbox {
	opt := inbox.Options{Workers: a.Config.SlackWorkers, Log: a.Log}
	if d, err := time.ParseDuration(os.Getenv("JOINTWORK_INBOX_VISIBILITY")); err == nil && d > 0 {
		opt.Visibility = d
	}
	return inbox.New(a.Store, opt)
}

// inboxWorkers reports whether this replica runs inbox workers.
func inboxWorkers() bool {
	n, err := strconv.Atoi(os.Getenv("JOINTWORK_INBOX_WORKERS"))
	return err != nil || n != 0
}

// runInbox runs the inbox workers until ctx ends; the returned channel
// closes when they have stopped.
func runInbox(ctx context.Context, q *inbox.Inbox) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if inboxWorkers() {
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
