package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// FirstSeen records key for ttl and reports true only the first time it is
// seen (SET NX EX), so replayed or duplicated events change nothing twice.
func (s *Store) FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.Key("seen", key), "1", ttl).Result()
	if err != nil {
		return false, wrap("first seen", err)
	}
	return ok, nil
}

// SaveDialog stores the progress of a dialog under key for ttl.
func (s *Store) SaveDialog(ctx context.Context, key string, d *Dialog, ttl time.Duration) error {
	raw, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("state: encode dialog: %w", err)
	}
	return wrap("save dialog", s.rdb.Set(ctx, s.Key("dialog", key), raw, ttl).Err())
}

// Dialog returns the dialog stored under key, or ErrNotFound when it is
// absent or expired.
func (s *Store) Dialog(ctx context.Context, key string) (*Dialog, error) {
	raw, err := s.getBatched(ctx, s.Key("dialog", key)).Bytes() // every message's dispatch asks
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("state: dialog: %w", ErrNotFound)
	}
	if err != nil {
		return nil, wrap("dialog", err)
	}
	var d Dialog
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("state: decode dialog: %w", err)
	}
	return &d, nil
}

// EndDialog removes the dialog stored under key; absent is not an error.
func (s *Store) EndDialog(ctx context.Context, key string) error {
	return wrap("end dialog", s.rdb.Del(ctx, s.Key("dialog", key)).Err())
}
