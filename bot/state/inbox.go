package state

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// InboxGroup is the consumer group every replica's inbox workers join.
const InboxGroup = "workers"

// InboxEntry is one verified platform request in the inbox stream.
type InboxEntry struct {
	ID     string // stream entry id
	Source string // which handler takes it, such as "slack/commands"
	Body   []byte // the request as received (verified, never logged)
	Meta   string // a small adapter note such as a retry header
	// Deliveries counts how often the entry was handed to a worker,
	// this time included.
	Deliveries int64
}

func (s *Store) inboxKey() string     { return s.Key("inbox") }
func (s *Store) inboxDeadKey() string { return s.Key("inbox", "dead") }

// InboxSetup creates the inbox stream and its consumer group if missing.
func (s *Store) InboxSetup(ctx context.Context) error {
	err := s.rdb.XGroupCreateMkStream(ctx, s.inboxKey(), InboxGroup, "0").Err()
	if err != nil && strings.HasPrefix(err.Error(), "BUSYGROUP") {
		err = nil
	}
	return wrap("inbox setup", err)
}

// InboxAppend adds a request to the inbox (XADD); once it returns nil the
// request survives a crash of the bot (and of Redis, with AOF always), so
// the platform may be acknowledged.
// Appends from concurrent callers are sent together, one pipeline per
// round trip (inboxbatch.go); each caller still waits for its own entry.
func (s *Store) InboxAppend(ctx context.Context, source string, body []byte, meta string) (string, error) {
	args := &redis.XAddArgs{Stream: s.inboxKey(), Values: []any{"src", source, "body", body, "meta", meta}}
	var cmd *redis.StringCmd
	s.adds.do(ctx, &call{queue: func(p redis.Pipeliner) { cmd = p.XAdd(ctx, args) }}, s.flush)
	id, err := cmd.Result()
	return id, wrap("inbox append", err)
}

// InboxRead hands up to n new entries to consumer (XREADGROUP), waiting up
// to block for one to arrive; none is not an error.
func (s *Store) InboxRead(ctx context.Context, consumer string, n int, block time.Duration) ([]InboxEntry, error) {
	res, err := s.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: InboxGroup, Consumer: consumer,
		Streams: []string{s.inboxKey(), ">"}, Count: int64(n), Block: block}).Result()
	if errors.Is(err, redis.Nil) || (err == nil && len(res) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap("inbox read", err)
	}
	out := make([]InboxEntry, 0, len(res[0].Messages))
	for _, m := range res[0].Messages {
		out = append(out, decodeInbox(m, 1))
	}
	return out, nil
}

// InboxClaim takes over up to n entries that another worker was handed
// more than idle ago and has not acknowledged (XAUTOCLAIM): its worker
// died, or stalled past the visibility timeout.
func (s *Store) InboxClaim(ctx context.Context, consumer string, idle time.Duration, n int) ([]InboxEntry, error) {
	msgs, _, err := s.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: s.inboxKey(), Group: InboxGroup,
		Consumer: consumer, MinIdle: idle, Start: "0-0", Count: int64(n)}).Result()
	if err != nil {
		return nil, wrap("inbox claim", err)
	}
	out := make([]InboxEntry, 0, len(msgs))
	for _, m := range msgs {
		p, err := s.rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: s.inboxKey(), Group: InboxGroup,
			Start: m.ID, End: m.ID, Count: 1}).Result()
		if err != nil {
			return nil, wrap("inbox claim", err)
		}
		var count int64 = 1
		if len(p) == 1 {
			count = p[0].RetryCount
		}
		out = append(out, decodeInbox(m, count))
	}
	return out, nil
}

// InboxTouch resets the idle time of entry id while consumer still holds
// it, so no other worker claims it during a long handling; false when it
// was claimed away (or acknowledged) meanwhile.
func (s *Store) InboxTouch(ctx context.Context, consumer, id string) (bool, error) {
	n, err := touchScript.Run(ctx, s.rdb, []string{s.inboxKey()}, InboxGroup, consumer, id).Int()
	if err != nil {
		return false, wrap("inbox touch", err)
	}
	return n == 1, nil
}

// InboxAck acknowledges and deletes entries ids, in one step (a script):
// call it only after the entries' effects are committed. It shares its
// round trip with the other calls of the workers made meanwhile.
func (s *Store) InboxAck(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids)+1)
	args[0] = InboxGroup
	for i, id := range ids {
		args[i+1] = id
	}
	err := s.evalBatched(ctx, ackScript, []string{s.inboxKey()}, args...).Err()
	return wrap("inbox ack", err)
}

// ackScript acknowledges entries ARGV[2…] of group ARGV[1] on stream
// KEYS[1] and deletes them, at once.
var ackScript = redis.NewScript(`
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
`)

// InboxDead moves entry e to the inbox's dead-letter stream with a short
// reason (never personal text) and acknowledges it, in one transaction.
func (s *Store) InboxDead(ctx context.Context, e InboxEntry, reason string) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XAdd(ctx, &redis.XAddArgs{Stream: s.inboxDeadKey(), Values: []any{"src", e.Source,
			"body", e.Body, "meta", e.Meta, "id", e.ID, "reason", reason, "deliveries", e.Deliveries}})
		p.XAck(ctx, s.inboxKey(), InboxGroup, e.ID)
		p.XDel(ctx, s.inboxKey(), e.ID)
		return nil
	})
	return wrap("inbox dead letter", err)
}

// InboxPending counts the entries handed out and not yet acknowledged.
func (s *Store) InboxPending(ctx context.Context) (int64, error) {
	p, err := s.rdb.XPending(ctx, s.inboxKey(), InboxGroup).Result()
	if err != nil {
		return 0, wrap("inbox pending", err)
	}
	return p.Count, nil
}

func decodeInbox(m redis.XMessage, deliveries int64) InboxEntry {
	str := func(k string) string { v, _ := m.Values[k].(string); return v }
	return InboxEntry{ID: m.ID, Source: str("src"), Body: []byte(str("body")), Meta: str("meta"), Deliveries: deliveries}
}

// touchScript re-claims (XCLAIM … JUSTID, which resets the idle time and
// not the delivery count) entry ARGV[3] for consumer ARGV[2] of group
// ARGV[1] on stream KEYS[1], only while that consumer holds it.
var touchScript = redis.NewScript(`
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if #p == 0 or p[1][2] ~= ARGV[2] then return 0 end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
return 1
`)

// InboxLen counts the entries in the inbox (waiting or handed out) and in
// its dead-letter stream.
func (s *Store) InboxLen(ctx context.Context) (live, dead int64, err error) {
	var l, d *redis.IntCmd
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		l, d = p.XLen(ctx, s.inboxKey()), p.XLen(ctx, s.inboxDeadKey())
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, 0, wrap("inbox length", err)
	}
	return l.Val(), d.Val(), nil
}
