package state

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// xadd queues one timeline entry on p. At defaults to Now.
func (s *Store) xadd(ctx context.Context, p redis.Cmdable, ref string, e Entry) {
	if e.At.IsZero() {
		e.At = s.now()
	}
	vals := []any{"at", strconv.FormatInt(ms(e.At), 10)}
	for _, f := range [...]struct{ k, v string }{
		{"actor", e.Actor}, {"action", e.Action}, {"item", e.Item},
		{"detail", e.Detail}, {"basis", e.Basis},
	} {
		if f.v != "" {
			vals = append(vals, f.k, f.v)
		}
	}
	p.XAdd(ctx, &redis.XAddArgs{Stream: s.caseKey(ref, "timeline"), Values: vals})
}

// Log appends a lone entry to the timeline of case ref.
func (s *Store) Log(ctx context.Context, ref string, e Entry) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	cmds, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		s.xadd(ctx, p, ref, e)
		return nil
	})
	if err == nil && len(cmds) > 0 {
		err = cmds[0].Err()
	}
	return wrap("log "+ref, err)
}

// Timeline returns every entry of case ref, oldest first.
func (s *Store) Timeline(ctx context.Context, ref string) ([]Entry, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	msgs, err := s.rdb.XRange(ctx, s.caseKey(ref, "timeline"), "-", "+").Result()
	if err != nil {
		return nil, wrap("timeline "+ref, err)
	}
	out := make([]Entry, 0, len(msgs))
	for _, m := range msgs {
		e, err := decodeEntry(m)
		if err != nil {
			return nil, fmt.Errorf("state: timeline %s: %w", ref, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func decodeEntry(m redis.XMessage) (Entry, error) {
	str := func(k string) string { v, _ := m.Values[k].(string); return v }
	e := Entry{ID: m.ID, Actor: str("actor"), Action: str("action"),
		Item: str("item"), Detail: str("detail"), Basis: str("basis")}
	if at := str("at"); at != "" {
		n, err := strconv.ParseInt(at, 10, 64)
		if err != nil {
			return e, fmt.Errorf("entry %s: bad time: %w", m.ID, err)
		}
		e.At = time.UnixMilli(n)
	}
	return e, nil
}
