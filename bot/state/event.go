package state

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrDone means the platform event being handled is already done: another
// run of the same event committed its change first. Nothing was written;
// the caller should stay quiet rather than report a failure.
var ErrDone error = &doneErr{}

// doneErr is the type of ErrDone: it says so (bot.Finished), so the kernel
// needs no import of this package.
type doneErr struct{}

func (*doneErr) Error() string { return "state: event already done" }

// AlreadyDone reports true: another run of the event committed first.
func (*doneErr) AlreadyDone() bool { return true }

// eventMark is the done marker of the event a context is handling.
type eventMark struct {
	key   string // "event:<platform>:<id>"
	token string // this run of the event
	ttl   time.Duration
	// Set by BeginEvent and EndEvent (replies.go):
	journal string // the reply journal as BeginEvent read it, when it took over a done event
	held    bool   // this run holds the event (its run key)
	staged  bool   // EndEvent staged this run's replies
	begun   bool   // BeginEvent made it, so EndEvent will end the run
	mu      sync.Mutex
	later   []laterSet // writes deferred to EndEvent (setLater)
}

// laterSet is a SET deferred to the end of an event's run.
type laterSet struct {
	key   string
	value []byte
	ttl   time.Duration
}

// setLater defers SET key value (with ttl) to the EndEvent of ctx's run,
// which makes it in the same step as the done marker and the reply
// journal, saving the run a round trip; false, and nothing deferred, when
// ctx is in no run begun by BeginEvent: the caller writes at once. Only
// for writes whose failure is logged and not reported, and that nobody
// reads before the run's replies go out (EndEvent comes before them).
func (s *Store) setLater(ctx context.Context, key string, value []byte, ttl time.Duration) bool {
	m := eventOf(ctx)
	if m == nil || !m.begun {
		return false
	}
	m.mu.Lock()
	m.later = append(m.later, laterSet{key: key, value: value, ttl: ttl})
	m.mu.Unlock()
	return true
}

// takeLater returns the deferred writes and forgets them.
func (m *eventMark) takeLater() []laterSet {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := m.later
	m.later = nil
	return w
}

type eventKey struct{}

// WithEvent returns a context for handling event key (such as
// "event:slack:Ev123"), remembered for ttl. Every Update, CreateCase and
// CompleteWith made with it writes the event's done marker in its own
// MULTI/EXEC, together with the change, never before it; and refuses with
// ErrDone, writing nothing, when another run of the same event has already
// written it. Several transactions of one run all pass: each run carries its
// own token. EventDone reads the marker.
func WithEvent(ctx context.Context, key string, ttl time.Duration) context.Context {
	return context.WithValue(ctx, eventKey{}, &eventMark{key: key, token: newToken(), ttl: ttl})
}

func eventOf(ctx context.Context) *eventMark {
	m, _ := ctx.Value(eventKey{}).(*eventMark)
	return m
}

// EventDone reports whether event key has committed a change (its done
// marker is set).
func (s *Store) EventDone(ctx context.Context, key string) (bool, error) {
	n, err := s.rdb.Exists(ctx, s.doneKey(key)).Result()
	if err != nil {
		return false, wrap("event done", err)
	}
	return n > 0, nil
}

func (s *Store) doneKey(key string) string { return s.Key("done", key) }

// watchKeys adds the done marker of ctx's event, if any, to keys to WATCH.
func (s *Store) watchKeys(ctx context.Context, keys ...string) []string {
	if m := eventOf(ctx); m != nil {
		keys = append(keys, s.doneKey(m.key))
	}
	return keys
}

// eventGuard reads, under WATCH, the done marker of ctx's event. It returns
// ErrDone when another run wrote it, else a function that queues the
// marker's write (a no-op without an event).
func (s *Store) eventGuard(ctx context.Context, r redis.Cmdable) (func(p redis.Pipeliner), error) {
	m := eventOf(ctx)
	if m == nil {
		return func(redis.Pipeliner) {}, nil
	}
	key := s.doneKey(m.key)
	tok, err := r.Get(ctx, key).Result()
	switch {
	case errors.Is(err, redis.Nil):
	case err != nil:
		return nil, wrap("event done", err)
	case tok != m.token:
		return nil, ErrDone
	}
	// The reply journal says "committed, replies not yet staged" in the same
	// transaction, so a run that dies before staging them is detected.
	journal := s.journalKey(m.key)
	return func(p redis.Pipeliner) {
		p.Set(ctx, key, m.token, m.ttl)
		p.Set(ctx, journal, journalPending, m.ttl)
	}, nil
}
