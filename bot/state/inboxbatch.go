package state

import (
	"context"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Limits of the pipeline batchers.
const (
	maxAppendBatch    = 128 // XADDs in one pipeline
	maxAppendFlushers = 4   // pipelines of appends in flight at once
	maxCallBatch      = 256 // worker-path calls in one pipeline
	maxCallFlushers   = 4   // pipelines of calls in flight at once
)

// call is one caller's commands for a shared pipeline and, once done is
// closed, their outcome. lead is closed when the caller is handed the job
// of sending.
type call struct {
	queue func(p redis.Pipeliner) // queues the caller's commands
	after func()                  // reads their results after the round trip
	done  chan struct{}
	lead  chan struct{}
}

// batcher groups the calls of concurrent callers into pipelines without a
// goroutine of its own and without waiting: a caller queues its call and,
// when fewer than flushers pipelines are in flight, sends what is queued
// (its own call included) in one round trip. Once its own call is done it
// hands what queued meanwhile to the oldest waiting caller, so no caller
// sends for others for long. Under light load each call goes alone; under
// heavy load the calls that arrive during one round trip share the next,
// so Redis takes them in one read, one fsync (AOF always) and one write,
// and the client's connections stay few.
type batcher struct {
	batch, flushers int
	mu              sync.Mutex
	pending         []*call
	flushing        int
}

// do queues c and returns once it is done.
func (b *batcher) do(ctx context.Context, c *call, flush func(context.Context, []*call)) {
	c.done, c.lead = make(chan struct{}), make(chan struct{})
	b.mu.Lock()
	b.pending = append(b.pending, c)
	if b.flushing < b.flushers {
		b.flushing++
		b.send(ctx, c, flush)
		return
	}
	b.mu.Unlock()
	select {
	case <-c.lead:
	case <-c.done:
	}
	select {
	case <-c.lead: // handed the sending (the count came with it)
		b.mu.Lock()
		b.send(ctx, c, flush)
	default:
	}
	<-c.done
}

// send, called with b.mu held and one flusher counted for c, sends queued
// batches until c is done, then hands the rest on; it unlocks b.mu.
func (b *batcher) send(ctx context.Context, c *call, flush func(context.Context, []*call)) {
	for !closed(c.done) && len(b.pending) > 0 {
		n := min(len(b.pending), b.batch)
		batch := b.pending[:n:n]
		b.pending = append([]*call(nil), b.pending[n:]...)
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
	<-c.done
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// flush sends batch in one pipeline (not a transaction: each call stands
// alone, its own commands in order) and hands each call its outcome.
func (s *Store) flush(ctx context.Context, batch []*call) {
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, c := range batch {
			c.queue(p)
		}
		return nil
	})
	for _, c := range batch {
		if c.after != nil {
			c.after()
		}
		close(c.done)
	}
}

// batched runs queue's commands in a pipeline shared with concurrent
// callers (s.calls) and returns once their results are in.
func (s *Store) batched(ctx context.Context, queue func(p redis.Pipeliner)) {
	s.calls.do(ctx, &call{queue: queue}, s.flush)
}

// getBatched is GET key in a pipeline shared with concurrent callers, for
// the reads every event makes (the case of a channel, an open dialog).
func (s *Store) getBatched(ctx context.Context, key string) *redis.StringCmd {
	var cmd *redis.StringCmd
	s.batched(ctx, func(p redis.Pipeliner) { cmd = p.Get(ctx, key) })
	return cmd
}

// evalBatched runs script sc (EVALSHA) in a pipeline shared with
// concurrent callers. A script Redis does not hold (NOSCRIPT: first use,
// or after a restart) did not run, and is run again on its own with EVAL,
// which loads it.
func (s *Store) evalBatched(ctx context.Context, sc *redis.Script, keys []string, args ...any) *redis.Cmd {
	var cmd *redis.Cmd
	c := &call{queue: func(p redis.Pipeliner) { cmd = sc.EvalSha(ctx, p, keys, args...) }}
	c.after = func() {
		if redis.HasErrorPrefix(cmd.Err(), "NOSCRIPT") {
			cmd = sc.Eval(context.WithoutCancel(ctx), s.rdb, keys, args...)
		}
	}
	s.calls.do(ctx, c, s.flush)
	return cmd
}
