package state

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// The reply journal of an event (jw:reply:<event>) makes its replies as
// durable as its change. The transaction that commits the change writes
// journalPending with the done marker; when the handling ends, EndEvent
// replaces it by the replies (opaque bytes of the kernel) in the same step
// as the done marker of a handling that changed nothing; once they were
// handed to the platform, RepliesSent writes journalSent. A later run of a
// done event whose journal is not journalSent, and which holds the event
// (the first run died), gets them back from Unsent and sends them.
const (
	journalPending = "-"
	journalSent    = "+"
)

func (s *Store) journalKey(key string) string { return s.Key("reply", key) }

// EventLease is how long a run of an event holds it (BeginEvent) before a
// duplicate delivery may run it again, in case the run died.
const EventLease = 2 * time.Minute

type takeoverKey struct{}

// WithTakeover marks ctx as a redelivery whose earlier holder stopped (an
// inbox entry taken over from a dead worker): BeginEvent then takes the
// event even while the dead run's hold has not yet expired.
func WithTakeover(ctx context.Context) context.Context {
	return context.WithValue(ctx, takeoverKey{}, true)
}

// BeginEvent starts a run of event key (such as "event:slack:Ev123"),
// remembered for ttl once done. It returns false, and the caller should
// stay quiet, when the event is done or another run holds it; else a
// context as WithEvent gives, whose run holds the event for EventLease.
// When the event is done but its replies were never confirmed sent, and
// this call took the hold, it also returns false: Unsent then returns what
// is left to send. End every run with EndEvent (when it ran) and
// RepliesSent.
func (s *Store) BeginEvent(ctx context.Context, key string, ttl time.Duration) (context.Context, bool, error) {
	ctx = WithEvent(ctx, key, ttl)
	m := eventOf(ctx)
	var done *redis.IntCmd
	var journal *redis.StringCmd
	var run *redis.BoolCmd
	var took *redis.StatusCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		done = p.Exists(ctx, s.doneKey(key))
		journal = p.Get(ctx, s.journalKey(key))
		if take, _ := ctx.Value(takeoverKey{}).(bool); take {
			took = p.Set(ctx, s.runKey(key), m.token, EventLease)
		} else {
			run = p.SetNX(ctx, s.runKey(key), m.token, EventLease)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return ctx, false, wrap("begin event", err)
	}
	m.held = took != nil || run.Val()
	if done.Val() == 0 {
		return ctx, m.held, nil
	}
	if j := journal.Val(); m.held && j != "" && j != journalSent {
		m.journal = j
		return ctx, false, nil
	}
	if m.held {
		_ = releaseScript.Run(ctx, s.rdb, []string{s.runKey(key)}, m.token).Err()
		m.held = false
	}
	return ctx, false, nil
}

// Unsent reports, for a run BeginEvent refused because its event is done,
// the replies of that event never confirmed sent, or lost: the run that
// committed the change died before it could stage its replies. Both empty:
// nothing to send (the usual duplicate).
func (s *Store) Unsent(ctx context.Context) (replies []byte, lost bool) {
	m := eventOf(ctx)
	if m == nil || !m.held || m.journal == "" {
		return nil, false
	}
	if m.journal == journalPending {
		return nil, true
	}
	return []byte(m.journal), false
}

// endScript ends a handling. KEYS: done marker, reply journal. ARGV:
// token, ok ("1"/"0"), replies, ttl (ms). When this run committed a change
// (the marker holds its token), or it ended well and no run was done
// before it (the marker is then set here), its replies go to the journal.
// Returns 1 when they did.
var endScript = redis.NewScript(`
local mine = redis.call('GET', KEYS[1]) == ARGV[1]
if not mine and ARGV[2] == '1' then
  mine = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[4]) ~= false
end
if not mine then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 1
`)

// EndEvent ends the handling BeginEvent started in ctx: when ok, or when
// a transaction of the run committed, the event is done (its marker set,
// if no commit did already) and replies, the kernel's encoding of the
// replies about to be sent, are staged in the same step, so a run that
// dies before sending them leaves them to a later run (Unsent). After a
// failure that changed nothing the event stays free for a retry. The hold
// on the event lasts until RepliesSent.
func (s *Store) EndEvent(ctx context.Context, ok bool, replies []byte) error {
	m := eventOf(ctx)
	if m == nil {
		return nil
	}
	flag := "0"
	if ok {
		flag = "1"
	}
	n, err := endScript.Run(ctx, s.rdb, []string{s.doneKey(m.key), s.journalKey(m.key)},
		m.token, flag, replies, m.ttl.Milliseconds()).Int()
	if err != nil {
		return wrap("end event", err)
	}
	m.staged = n == 1
	return nil
}

// RepliesSent records that the replies staged for ctx's event (by EndEvent,
// or found by Unsent) were handed to the platform, and releases the event.
func (s *Store) RepliesSent(ctx context.Context) error {
	m := eventOf(ctx)
	if m == nil {
		return nil
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if m.staged || m.journal != "" {
			p.SetArgs(ctx, s.journalKey(m.key), journalSent, redis.SetArgs{Mode: "XX", KeepTTL: true})
		}
		if m.held {
			releaseScript.Eval(ctx, p, []string{s.runKey(m.key)}, m.token) // EVALSHA cannot fall back inside a pipeline
		}
		return nil
	})
	if errors.Is(err, redis.Nil) {
		err = nil
	}
	return wrap("replies sent", err)
}

func (s *Store) runKey(key string) string { return s.Key("run", key) }

// releaseScript deletes KEYS[1] when it holds ARGV[1].
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)
