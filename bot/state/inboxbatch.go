package state

import (
	"context"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Limits of the inbox append batcher.
const (
	maxAppendBatch    = 128 // XADDs in one pipeline
	maxAppendFlushers = 4   // pipelines in flight at once
)

// appendReq is one caller's XADD and, once done is closed, its outcome.
// lead is closed when the caller is handed the job of sending.
type appendReq struct {
	args *redis.XAddArgs
	id   string
	err  error
	done chan struct{}
	lead chan struct{}
}

// appendBatcher groups concurrent inbox appends into pipelines without a
// goroutine of its own and without waiting: a caller queues its request
// and, when fewer than maxAppendFlushers pipelines are in flight, sends
// what is queued (its own request included) in one round trip. Once its
// own request is done it hands what queued meanwhile to the oldest waiting
// caller, so no caller sends for others for long. Under light load each
// append goes alone, as before; under heavy load the appends that arrive
// during one round trip share the next, so Redis takes them in one read
// and one fsync (AOF always) and the client's connections stay few.
type appendBatcher struct {
	mu       sync.Mutex
	pending  []*appendReq
	flushing int
}

// add queues r and returns once it is done.
func (b *appendBatcher) add(ctx context.Context, r *appendReq, flush func(context.Context, []*appendReq)) {
	r.lead = make(chan struct{})
	b.mu.Lock()
	b.pending = append(b.pending, r)
	if b.flushing < maxAppendFlushers {
		b.flushing++
		b.send(ctx, r, flush)
		return
	}
	b.mu.Unlock()
	select {
	case <-r.lead:
	case <-r.done:
	}
	select {
	case <-r.lead: // handed the sending (the count came with it)
		b.mu.Lock()
		b.send(ctx, r, flush)
	default:
	}
	<-r.done
}

// send, called with b.mu held and one flusher counted for r, sends queued
// batches until r is done, then hands the rest on; it unlocks b.mu.
func (b *appendBatcher) send(ctx context.Context, r *appendReq, flush func(context.Context, []*appendReq)) {
	for !closed(r.done) && len(b.pending) > 0 {
		n := min(len(b.pending), maxAppendBatch)
		batch := b.pending[:n:n]
		b.pending = append([]*appendReq(nil), b.pending[n:]...)
		b.mu.Unlock()
		flush(context.WithoutCancel(ctx), batch)
		b.mu.Lock()
	}
	if len(b.pending) > 0 && !closed(b.pending[0].lead) {
		close(b.pending[0].lead)
	} else { // nothing left, or its sender already named
		b.flushing--
	}
	b.mu.Unlock()
	<-r.done
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// flushAppends sends batch in one pipeline (not a transaction: each XADD
// stands alone) and hands each request its outcome.
func (s *Store) flushAppends(ctx context.Context, batch []*appendReq) {
	cmds := make([]*redis.StringCmd, len(batch))
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, r := range batch {
			cmds[i] = p.XAdd(ctx, r.args)
		}
		return nil
	})
	for i, r := range batch {
		r.id, r.err = cmds[i].Result()
		close(r.done)
	}
}
