package slack

import (
	"sync"
	"time"
)

// ttlCache is a small in-process cache in front of Redis, so a busy replica
// does not ask Redis (or Slack) about the same user on every message.
type ttlCache struct {
	mu   sync.RWMutex
	ttl  time.Duration
	max  int
	data map[string]cached
}

type cached struct {
	val string
	exp time.Time
}

func newTTLCache(ttl time.Duration) *ttlCache {
	return &ttlCache{ttl: ttl, max: 10000, data: map[string]cached{}}
}

func (c *ttlCache) get(key string) (string, bool) {
	c.mu.RLock()
	e, ok := c.data[key]
	c.mu.RUnlock()
	if !ok || time.Now().After(e.exp) {
		return "", false
	}
	return e.val, true
}

func (c *ttlCache) put(key, val string) { c.putFor(key, val, c.ttl) }

func (c *ttlCache) putFor(key, val string, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.data) >= c.max {
		c.data = map[string]cached{} // crude but bounded: start again
	}
	c.data[key] = cached{val: val, exp: time.Now().Add(ttl)}
}
