package slack

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/jointwork/jointwork/bot/inbox"
)

// BenchmarkSlashAckInbox is BenchmarkSlashAck with the durable inbox: each
// ack waits for the request's XADD (redistest: AOF, fsync always). With
// "workers" the inbox workers do the work behind the acks, as in serve;
// "ack-only" measures the ack alone (no worker runs).
func BenchmarkSlashAckInbox(b *testing.B) {
	for _, run := range []bool{true, false} {
		name := "workers"
		if !run {
			name = "ack-only"
		}
		b.Run(name, func(b *testing.B) {
			var q *inbox.Inbox
			h := newHarnessWith(b, func(o *Options) {
				o.Workers, o.Queue = DefaultWorkers, 1<<20
				q = inbox.New(o.Store, inbox.Options{Workers: DefaultWorkers, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
				o.Inbox = q
			})
			if run {
				ctx, cancel := context.WithCancel(context.Background())
				done := make(chan struct{})
				go func() { _ = q.Run(ctx); close(done) }()
				b.Cleanup(func() { cancel(); <-done })
			}
			benchAcks(b, h)
		})
	}
}
