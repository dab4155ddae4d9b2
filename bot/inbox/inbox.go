// Package inbox is the durable queue between a platform's acknowledgement
// and the bot's work. It knows no platform: adapters append verified
// requests under a source name and register a handler for that source.
//
// An adapter appends a request (Append: one XADD to a Redis Stream) and
// only then acknowledges it to the platform, so nothing acknowledged lives
// only in memory. Workers on every replica read the stream through one
// consumer group (XREADGROUP). An entry is acknowledged (XACK, then
// deleted) only after its handler returned nil, that is after its effects
// are committed. A worker that dies leaves its entries pending; after the
// visibility timeout another worker takes them over (XAUTOCLAIM) and runs
// them again. While a handler runs, its worker renews its hold every third
// of the visibility timeout, so a slow handling is not taken over (a short
// one sends no renewal at all). Running
// an entry twice is safe because the kernel's event done marker is written
// in the same transaction as the change (state.WithEvent). The Redis calls
// of one entry's run (begin, end, replies sent, ack) are one script each,
// and the store sends the calls of concurrent workers in shared pipelines,
// so a busy replica pays about one round trip per step for all its workers.
//
// An entry that fails MaxDeliveries times, or whose source has no
// handler, goes to the dead-letter stream (jw:inbox:dead) and is logged by
// id, never by content.
package inbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/wait"
)

// Handler does the work of one entry; nil means its effects are committed.
type Handler func(ctx context.Context, e state.InboxEntry) error

// ErrLater is what a Handler returns for an entry that someone else is
// running now (such as a Teams invoke answered inline by the replica that
// stored it): the entry stays pending, quietly, and is handed out again
// after the visibility timeout, when Done has not removed it by then.
var ErrLater = errors.New("inbox: entry is being run elsewhere")

// Options configure an Inbox; zero values take the defaults.
type Options struct {
	// Consumer names this replica in the consumer group; it must differ
	// between replicas (default: host name, process id and a counter).
	Consumer string
	// Workers run at once on this replica (default 16).
	Workers int
	// Visibility is how long an entry handed out and not acknowledged
	// stays with its worker before another may take it (default 30 s).
	Visibility time.Duration
	// Block is how long one read waits for new entries (default 1 s).
	Block time.Duration
	// MaxDeliveries before an entry is dead-lettered (default 5).
	MaxDeliveries int64
	// Log receives ids and errors, never request content.
	Log *slog.Logger
}

// Inbox appends requests and runs the workers that handle them.
type Inbox struct {
	st       *state.Store
	opt      Options
	mu       sync.RWMutex
	handlers map[string]Handler
	acks     chan string // ids of entries done, for acker (Run)
	claimed  time.Time   // last look for stale entries (read)
}

var consumers struct {
	sync.Mutex
	n int
}

// New returns an Inbox on st.
func New(st *state.Store, opt Options) *Inbox {
	if opt.Consumer == "" {
		host, _ := os.Hostname()
		consumers.Lock()
		consumers.n++
		opt.Consumer = host + "-" + strconv.Itoa(os.Getpid()) + "-" + strconv.Itoa(consumers.n)
		consumers.Unlock()
	}
	if opt.Workers <= 0 {
		opt.Workers = 16
	}
	if opt.Visibility <= 0 {
		opt.Visibility = 30 * time.Second
	}
	if opt.Block <= 0 {
		opt.Block = time.Second
	}
	if opt.MaxDeliveries <= 0 {
		opt.MaxDeliveries = 5
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	return &Inbox{st: st, opt: opt, handlers: map[string]Handler{}}
}

// Handle registers h for entries appended under source.
func (q *Inbox) Handle(source string, h Handler) {
	q.mu.Lock()
	q.handlers[source] = h
	q.mu.Unlock()
}

// Append stores a verified request durably and returns its entry id;
// acknowledge the platform only after it returns nil.
func (q *Inbox) Append(ctx context.Context, source string, body []byte, meta string) (string, error) {
	return q.st.InboxAppend(ctx, source, body, meta)
}

// Done acknowledges and deletes entry id, appended here and run by its
// caller rather than by a worker (see ErrLater); call it only after the
// entry's effects are committed and its replies sent.
func (q *Inbox) Done(ctx context.Context, id string) error {
	return q.st.InboxAck(ctx, id)
}

// Run creates the consumer group if needed and runs the workers until ctx
// ends; it returns ctx's error. One reader per Inbox takes entries (stale
// ones of dead workers first, then new ones, up to Workers at a time) and
// hands them to Workers goroutines, so only one connection waits in a
// blocking read.
func (q *Inbox) Run(ctx context.Context) error {
	jobs := make(chan state.InboxEntry)
	q.acks = make(chan string, ackBatch*4)
	acked := make(chan struct{})
	go func() { defer close(acked); q.acker(context.WithoutCancel(ctx)) }()
	defer func() { close(q.acks); <-acked }()
	var wg sync.WaitGroup
	for i := 0; i < q.opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range jobs {
				q.process(ctx, q.opt.Consumer, e)
			}
		}()
	}
	q.read(ctx, jobs)
	close(jobs)
	wg.Wait()
	return ctx.Err()
}

// read feeds jobs until ctx ends. Entries read but not handed out when it
// ends stay pending and are taken over after the visibility timeout.
func (q *Inbox) read(ctx context.Context, jobs chan<- state.InboxEntry) {
	ready, backoff := false, 50*time.Millisecond
	for ctx.Err() == nil {
		es, err := q.next(ctx, &ready)
		if err != nil {
			if ctx.Err() == nil {
				q.opt.Log.Warn("inbox read failed", "consumer", q.opt.Consumer, "err", err)
			}
			_ = wait.Sleep(ctx, backoff)
			backoff = min(backoff*2, 5*time.Second)
			continue
		}
		backoff = 50 * time.Millisecond
		for _, e := range es {
			select {
			case jobs <- e:
			case <-ctx.Done():
				return
			}
		}
	}
}

// next returns the entries to handle now: stale ones first.
func (q *Inbox) next(ctx context.Context, ready *bool) ([]state.InboxEntry, error) {
	if !*ready {
		if err := q.st.InboxSetup(ctx); err != nil {
			return nil, err
		}
		*ready = true
	}
	// Stale entries are looked for now and then, not before every read:
	// they wait a whole visibility timeout anyway.
	if time.Since(q.claimed) > q.opt.Visibility/4 {
		es, err := q.st.InboxClaim(ctx, q.opt.Consumer, q.opt.Visibility, q.opt.Workers)
		if err != nil || len(es) > 0 {
			return es, err
		}
		q.claimed = time.Now()
	}
	return q.st.InboxRead(ctx, q.opt.Consumer, q.opt.Workers, q.opt.Block)
}

// process runs one entry's handler, holding the entry while it runs, and
// acknowledges it after success.
func (q *Inbox) process(ctx context.Context, consumer string, e state.InboxEntry) {
	q.mu.RLock()
	h := q.handlers[e.Source]
	q.mu.RUnlock()
	if h == nil {
		q.dead(ctx, e, "no handler for source "+e.Source)
		return
	}
	if e.Deliveries > q.opt.MaxDeliveries {
		q.dead(ctx, e, "delivered "+strconv.FormatInt(e.Deliveries, 10)+" times")
		return
	}
	if err := q.hold(ctx, consumer, e, h); err != nil {
		if errors.Is(err, ErrLater) {
			return
		}
		q.opt.Log.Warn("inbox entry failed; it will be retried", "entry", e.ID, "source", e.Source,
			"delivery", e.Deliveries, "err", err)
		return
	}
	q.acks <- e.ID
}

// hold runs h while renewing the worker's hold on e every third of the
// visibility timeout. The renewal is a timer, not a goroutine: a short
// handling, the usual one, costs no Redis command and no goroutine for it.
func (q *Inbox) hold(ctx context.Context, consumer string, e state.InboxEntry, h Handler) (err error) {
	every := q.opt.Visibility / 3
	var mu sync.Mutex // held while renewing, so none runs once hold returns
	stopped := false
	var t *time.Timer
	mu.Lock() // t is set before the first renewal reads it
	t = time.AfterFunc(every, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		if ok, err := q.st.InboxTouch(ctx, consumer, e.ID); err == nil && !ok {
			q.opt.Log.Warn("inbox entry taken over while running", "entry", e.ID)
		}
		t.Reset(every)
	})
	mu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
		mu.Lock()
		stopped = true
		t.Stop()
		mu.Unlock()
	}()
	return h(ctx, e)
}

// dead dead-letters e and logs it by id.
func (q *Inbox) dead(ctx context.Context, e state.InboxEntry, reason string) {
	err := q.st.InboxDead(context.WithoutCancel(ctx), e, reason)
	q.opt.Log.Error("inbox entry dead-lettered", "entry", e.ID, "source", e.Source, "reason", reason, "err", err)
}
