package state

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// KV is one value a platform adapter keeps under its own key (see doc.go
// for the keys): user lookup caches, conversation references, saved forms.
type KV struct {
	// Key parts under the prefix: {"slack", "user", "U1"} is jw:slack:user:U1.
	Key []string
	// Value is stored as given.
	Value string
	// TTL is how long the value lives; 0 keeps it.
	TTL time.Duration
}

// Value returns an adapter's value under the key parts, or an error
// wrapping ErrNotFound when absent.
func (s *Store) Value(ctx context.Context, key ...string) (string, error) {
	if len(key) == 0 {
		return "", fmt.Errorf("%w: empty key", ErrInvalid)
	}
	v, err := s.rdb.Get(ctx, s.Key(key...)).Result()
	if errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("state: value %s: %w", key[0], ErrNotFound)
	}
	if err != nil {
		return "", wrap("read value", err)
	}
	return v, nil
}

// SetValues stores adapter values together (one pipeline).
func (s *Store) SetValues(ctx context.Context, kvs ...KV) error {
	for _, kv := range kvs {
		if len(kv.Key) == 0 {
			return fmt.Errorf("%w: empty key", ErrInvalid)
		}
	}
	if len(kvs) == 1 {
		kv := kvs[0]
		return wrap("save value", s.rdb.Set(ctx, s.Key(kv.Key...), kv.Value, kv.TTL).Err())
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, kv := range kvs {
			p.Set(ctx, s.Key(kv.Key...), kv.Value, kv.TTL)
		}
		return nil
	})
	return wrap("save values", err)
}
