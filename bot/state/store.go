package state

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultPrefix is the key prefix used when Options.Prefix is empty.
const DefaultPrefix = "jw"

// Options configure a Store.
type Options struct {
	// Prefix of every key; DefaultPrefix when empty.
	Prefix string
	// Now is the bot's clock (the console moves it); time.Now when nil.
	Now func() time.Time
}

// Store is the Redis-backed state of cases, items, dialogs and the schedule.
// It is safe for concurrent use.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
	now    func() time.Time
	adds   *batcher // inbox appends grouped into pipelines (inboxbatch.go)
	calls  *batcher // the inbox workers' calls grouped likewise
}

// New returns a Store on rdb. On a Redis Cluster client the prefix is made
// a hash tag ("jw" becomes "{jw}") unless it holds one already, so every key
// of the store is in one slot (see the package doc).
func New(rdb redis.UniversalClient, opt Options) *Store {
	s := &Store{rdb: rdb, prefix: opt.Prefix, now: opt.Now,
		adds:  &batcher{batch: maxAppendBatch, flushers: maxAppendFlushers},
		calls: &batcher{batch: maxCallBatch, flushers: maxCallFlushers}}
	if s.prefix == "" {
		s.prefix = DefaultPrefix
	}
	if _, ok := rdb.(*redis.ClusterClient); ok && !hashTagged(s.prefix) {
		s.prefix = "{" + s.prefix + "}"
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Key joins parts under the store's prefix, for adapters' own keys:
// Key("slack", "team", "T1") is "jw:slack:team:T1".
func (s *Store) Key(parts ...string) string {
	return s.prefix + ":" + strings.Join(parts, ":")
}

// Now returns the store's clock reading.
func (s *Store) Now() time.Time { return s.now() }

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	return wrap("ping", s.rdb.Ping(ctx).Err())
}

func (s *Store) caseKey(ref, part string) string {
	return s.prefix + ":{case:" + ref + "}:" + part
}

func (s *Store) channelKey(id string) string { return s.Key("idx", "channel", id) }
func (s *Store) itemKey(id string) string    { return s.Key("idx", "item", id) }
func (s *Store) userItemsKey(h string) string {
	return s.Key("idx", "user", h, "items")
}
func (s *Store) userCasesKey(h string) string {
	return s.Key("idx", "user", h, "cases")
}

// checkRef refuses references that would break the key layout.
func checkRef(ref string) error {
	if ref == "" || strings.ContainsAny(ref, "{}: \t\r\n") {
		return fmt.Errorf("%w: case reference %q", ErrInvalid, ref)
	}
	return nil
}

func ms(t time.Time) int64 { return t.UnixMilli() }
