package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// OpenIntent records that a platform event is opening case Ref and which
// channel it created for it, before the case exists (jw:{case:REF}:intent).
// CreateCase deletes it in its own transaction, so a channel is never
// left without a record of it: a run that died after creating the channel
// leaves its intent, and the next run for that reference adopts the
// channel (the same event, retried) or archives it (another event).
type OpenIntent struct {
	Ref      string    `json:"ref"`
	Event    string    `json:"event"` // "<platform>:<event id>"
	Platform string    `json:"platform"`
	Channel  string    `json:"channel,omitempty"` // "" until the channel exists
	Name     string    `json:"name,omitempty"`
	At       time.Time `json:"at"`
}

// intentTTL bounds how long an abandoned intent is kept.
const intentTTL = 7 * 24 * time.Hour

func (s *Store) intentKey(ref string) string { return s.caseKey(ref, "intent") }

// BeginOpen records in as the intent to open case in.Ref, unless one is
// there already: then it writes nothing and returns that one.
func (s *Store) BeginOpen(ctx context.Context, in OpenIntent) (*OpenIntent, error) {
	if err := checkRef(in.Ref); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("state: encode intent: %w", err)
	}
	for range 3 {
		ok, err := s.rdb.SetNX(ctx, s.intentKey(in.Ref), raw, intentTTL).Result()
		if err != nil {
			return nil, wrap("begin open "+in.Ref, err)
		}
		if ok {
			return nil, nil
		}
		prev, err := s.rdb.Get(ctx, s.intentKey(in.Ref)).Bytes()
		if errors.Is(err, redis.Nil) {
			continue // finished meanwhile: try again
		}
		if err != nil {
			return nil, wrap("begin open "+in.Ref, err)
		}
		var old OpenIntent
		if err := json.Unmarshal(prev, &old); err != nil {
			return nil, fmt.Errorf("state: decode intent of %s: %w", in.Ref, err)
		}
		return &old, nil
	}
	return nil, fmt.Errorf("state: begin open %s: %w", in.Ref, ErrConflict)
}

// SetOpen replaces the intent of in.Ref (to record its channel, or to take
// over an abandoned one).
func (s *Store) SetOpen(ctx context.Context, in OpenIntent) error {
	raw, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("state: encode intent: %w", err)
	}
	return wrap("set open "+in.Ref, s.rdb.Set(ctx, s.intentKey(in.Ref), raw, intentTTL).Err())
}

// DropOpen deletes the intent of case ref (its channel was archived).
func (s *Store) DropOpen(ctx context.Context, ref string) error {
	return wrap("drop open "+ref, s.rdb.Del(ctx, s.intentKey(ref)).Err())
}
