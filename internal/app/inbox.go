package app

import (
	"context"

	"github.com/jointwork/jointwork/bot/inbox"
)

// newInbox returns the durable inbox the HTTP adapters store requests in
// before their ack, with as many workers on this replica as Slack's.
func (a *App) newInbox() *inbox.Inbox {
	return inbox.New(a.Store, inbox.Options{Workers: a.Config.SlackWorkers, Log: a.Log})
}

// runInbox runs the inbox workers until ctx ends; the returned channel
// closes when they have stopped.
func runInbox(ctx context.Context, q *inbox.Inbox) <-chan struct{} {
	done := make(chan struct{})
	go func() { defer close(done); _ = q.Run(ctx) }()
	return done
}
