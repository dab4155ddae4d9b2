package state

import (
	"context"
	"errors"
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
	return func(p redis.Pipeliner) { p.Set(ctx, key, m.token, m.ttl) }, nil
}

// EventLease is how long a run of an event holds it (BeginEvent) before a
// duplicate delivery may run it again, in case the run died.
const EventLease = 2 * time.Minute

// BeginEvent starts a run of event key (such as "event:slack:Ev123"),
// remembered for ttl once done. It returns false, and the caller should
// stay quiet, when the event is done or another run holds it; else a
// context as WithEvent gives, whose run holds the event for EventLease.
// End the run with EndEvent.
func (s *Store) BeginEvent(ctx context.Context, key string, ttl time.Duration) (context.Context, bool, error) {
	ctx = WithEvent(ctx, key, ttl)
	m := eventOf(ctx)
	var done *redis.IntCmd
	var run *redis.BoolCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		done = p.Exists(ctx, s.doneKey(key))
		run = p.SetNX(ctx, s.runKey(key), m.token, EventLease)
		return nil
	})
	if err != nil {
		return ctx, false, wrap("begin event", err)
	}
	if done.Val() > 0 {
		if run.Val() {
			_ = releaseScript.Run(ctx, s.rdb, []string{s.runKey(key)}, m.token).Err()
		}
		return ctx, false, nil
	}
	return ctx, run.Val(), nil
}

// EndEvent ends the run that BeginEvent started in ctx: when ok (its
// effects are committed) it sets the done marker unless a transaction of the
// run already has, so a retry is recognised even when nothing changed;
// either way it releases the run, so after a failure a retry runs.
func (s *Store) EndEvent(ctx context.Context, ok bool) error {
	m := eventOf(ctx)
	if m == nil {
		return nil
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if ok {
			p.SetNX(ctx, s.doneKey(m.key), m.token, m.ttl)
		}
		releaseScript.Eval(ctx, p, []string{s.runKey(m.key)}, m.token) // EVALSHA cannot fall back inside a pipeline
		return nil
	})
	return wrap("end event", err)
}

func (s *Store) runKey(key string) string { return s.Key("run", key) }

// releaseScript deletes KEYS[1] when it holds ARGV[1].
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)
