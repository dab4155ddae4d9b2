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
	m.begun = true
	take := "0"
	if t, _ := ctx.Value(takeoverKey{}).(bool); t {
		take = "1"
	}
	res, err := s.evalBatched(ctx, beginScript, []string{s.doneKey(key), s.journalKey(key), s.runKey(key)},
		m.token, EventLease.Milliseconds(), take).Slice()
	if err != nil || len(res) != 3 {
		return ctx, false, wrap("begin event", err)
	}
	done, _ := res[0].(int64)
	m.journal, _ = res[1].(string)
	held, _ := res[2].(int64)
	m.held = held == 1
	if done == 0 || !m.held {
		m.journal = "" // nothing this run must resend
	}
	return ctx, done == 0 && m.held, nil
}

// beginScript begins a run of an event. KEYS: done marker, reply journal,
// run key. ARGV: token, lease (ms), "1" to take the run key over from a
// dead run. It returns {done (0/1), journal, held (0/1)}: the run key is
// held (set to the token) unless another run holds it, or the event is
// done with nothing left to send, when the hold is let go again at once.
// It is safe to send again when its reply was lost (the client retries):
// the run key holding this run's own token counts as held.
var beginScript = redis.NewScript(`
local done = redis.call('EXISTS', KEYS[1])
local journal = redis.call('GET', KEYS[2]) or ''
local held = 1
if ARGV[3] == '1' then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
elseif not redis.call('SET', KEYS[3], ARGV[1], 'NX', 'PX', ARGV[2])
    and redis.call('GET', KEYS[3]) ~= ARGV[1] then
  held = 0 -- another run holds it (a retry of this call finds its own token)
end
if done == 1 and held == 1 and (journal == '' or journal == '` + journalSent + `') then
  redis.call('DEL', KEYS[3])
  held = 0
end
return {done, journal, held}
`)

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

// endScript ends a handling. KEYS: done marker, reply journal, then the
// keys of the run's deferred writes (setLater). ARGV: token, ok ("1"/"0"),
// replies, ttl (ms), then a value and a ttl (ms) for each deferred key.
// The deferred writes are made first, whatever the outcome (as they would
// have been when the handler asked). When this run committed a change (the
// marker holds its token), or it ended well and no run was done before it
// (the marker is then set here), its replies go to the journal. Returns 1
// when they did.
var endScript = redis.NewScript(`
for i = 3, #KEYS do
  redis.call('SET', KEYS[i], ARGV[2 * i - 1], 'PX', ARGV[2 * i])
end
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
// dies before sending them leaves them to a later run (Unsent). The run's
// deferred writes (setLater) are made in that step too. After a failure
// that changed nothing the event stays free for a retry. The hold on the
// event lasts until RepliesSent.
func (s *Store) EndEvent(ctx context.Context, ok bool, replies []byte) error {
	m := eventOf(ctx)
	if m == nil {
		return nil
	}
	flag := "0"
	if ok {
		flag = "1"
	}
	keys := []string{s.doneKey(m.key), s.journalKey(m.key)}
	args := []any{m.token, flag, replies, m.ttl.Milliseconds()}
	for _, w := range m.takeLater() {
		keys = append(keys, w.key)
		args = append(args, w.value, w.ttl.Milliseconds())
	}
	n, err := s.evalBatched(ctx, endScript, keys, args...).Int()
	if err != nil {
		return wrap("end event", err)
	}
	m.staged = n == 1
	return nil
}

// RepliesSent records that the replies staged for ctx's event (by EndEvent,
// or found by Unsent) were handed to the platform, and releases the event,
// in one step shared with the other workers' calls.
func (s *Store) RepliesSent(ctx context.Context) error {
	m := eventOf(ctx)
	if m == nil || !(m.staged || m.journal != "" || m.held) {
		return nil
	}
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	err := s.evalBatched(ctx, sentScript, []string{s.journalKey(m.key), s.runKey(m.key)},
		flag(m.staged || m.journal != ""), flag(m.held), m.token).Err()
	if errors.Is(err, redis.Nil) {
		err = nil
	}
	return wrap("replies sent", err)
}

// sentScript ends a run after its replies went out. KEYS: reply journal,
// run key. ARGV: "1" to mark the journal sent (when it is there), "1" to
// let go of the run key (when it still holds ARGV[3], the run's token).
var sentScript = redis.NewScript(`
if ARGV[1] == '1' then
  redis.call('SET', KEYS[1], '` + journalSent + `', 'XX', 'KEEPTTL')
end
if ARGV[2] == '1' and redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
end
return 1
`)

func (s *Store) runKey(key string) string { return s.Key("run", key) }
