package state

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
)

// SimChannel is one channel of the console's simulated workspace, kept so
// that a second console run on the same Redis continues the first.
type SimChannel struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Topic    string   `json:"topic,omitempty"`
	Archived bool     `json:"archived,omitempty"`
	Members  []string `json:"members,omitempty"`
}

// SimNext returns the next number of a console counter ("seq" for
// channel and message numbers, "event" for event ids); numbers only grow.
func (s *Store) SimNext(ctx context.Context, counter string) (int64, error) {
	n, err := s.rdb.Incr(ctx, s.Key("console", "seq", counter)).Result()
	return n, wrap("console counter", err)
}

// SimPutChannel stores (or replaces) a simulated channel.
func (s *Store) SimPutChannel(ctx context.Context, c SimChannel) error {
	raw, err := json.Marshal(&c)
	if err != nil {
		return fmt.Errorf("state: encode console channel: %w", err)
	}
	return wrap("console channel", s.rdb.HSet(ctx, s.Key("console", "channels"), c.ID, raw).Err())
}

// SimChannels returns every simulated channel, ordered by id.
func (s *Store) SimChannels(ctx context.Context) ([]SimChannel, error) {
	all, err := s.rdb.HGetAll(ctx, s.Key("console", "channels")).Result()
	if err != nil {
		return nil, wrap("console channels", err)
	}
	out := make([]SimChannel, 0, len(all))
	for _, v := range all {
		var c SimChannel
		if err := json.Unmarshal([]byte(v), &c); err != nil {
			return nil, fmt.Errorf("state: decode console channel: %w", err)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
