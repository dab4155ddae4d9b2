package state

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// renewScript moves the lease of item ARGV[1] to ARGV[3] (unix ms) while
// its claim key holds token ARGV[2]. KEYS: lease, claim key.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
`)

// Renew extends claim c's lease to until, fenced by its token: false when
// the claim is no longer held (its lease ran out and another runner took
// it, or it was finished). A runner renews while a handler is still
// sending, so no other runner starts the same item meanwhile.
func (s *Store) Renew(ctx context.Context, c Claim, until time.Time) (bool, error) {
	if c.Token == "" {
		return false, nil
	}
	n, err := renewScript.Run(ctx, s.rdb, []string{s.leaseKey(), s.claimKey(c.ID)}, c.ID, c.Token, ms(until)).Int()
	if err != nil {
		return false, wrap("renew "+c.ID, err)
	}
	return n == 1, nil
}

// LeaseUntil is when the current claim on scheduled item id runs out;
// false when the item is not claimed.
func (s *Store) LeaseUntil(ctx context.Context, id string) (time.Time, bool, error) {
	ms, err := s.rdb.ZScore(ctx, s.leaseKey(), id).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return time.Time{}, false, nil
	case err != nil:
		return time.Time{}, false, wrap("lease of "+id, err)
	}
	return time.UnixMilli(int64(ms)), true, nil
}
