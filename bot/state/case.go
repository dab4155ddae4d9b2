package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// CreateCase stores a new case, its channel and people indexes and the first
// timeline entry e in one transaction, with the done marker of the event in
// ctx (see WithEvent). It returns ErrExists when the reference is taken, and
// ErrDone when another run of the event got there first. Status defaults to open, CreatedAt to Now; Version
// becomes 1.
func (s *Store) CreateCase(ctx context.Context, c *Case, e Entry) error {
	if err := checkRef(c.Ref); err != nil {
		return err
	}
	key := s.caseKey(c.Ref, "case")
	err := s.rdb.Watch(ctx, func(rtx *redis.Tx) error {
		mark, err := s.eventGuard(ctx, rtx)
		if err != nil {
			return err
		}
		n, err := rtx.Exists(ctx, key).Result()
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrExists
		}
		nc := *c
		s.fillCase(&nc)
		doc, err := json.Marshal(&nc)
		if err != nil {
			return fmt.Errorf("encode case: %w", err)
		}
		_, err = rtx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			s.writeNewCase(ctx, p, &nc, doc, e)
			mark(p)
			return nil
		})
		if err = s.settle(ctx, key, doc, err); err == nil {
			*c = nc
		}
		return err
	}, s.watchKeys(ctx, key)...)
	switch {
	case errors.Is(err, ErrDone):
		return fmt.Errorf("state: create case %s: %w", c.Ref, ErrDone)
	case errors.Is(err, ErrUnknownOutcome):
		return fmt.Errorf("state: create case %s: %w", c.Ref, err)
	case errors.Is(err, ErrExists):
		return fmt.Errorf("state: create case %s: %w", c.Ref, ErrExists)
	case errors.Is(err, redis.TxFailedErr):
		return fmt.Errorf("state: create case %s: %w", c.Ref, ErrExists)
	}
	return wrap("create case "+c.Ref, err)
}

// writeNewCase queues a new case's writes on p: its document doc, its
// channel and people indexes, its first timeline entry e, and the end of
// the open intent (the channel is the case's now).
func (s *Store) writeNewCase(ctx context.Context, p redis.Pipeliner, nc *Case, doc []byte, e Entry) {
	p.Set(ctx, s.caseKey(nc.Ref, "case"), doc, 0)
	if nc.Channel != "" {
		p.Set(ctx, s.channelKey(nc.Channel), nc.Ref, 0)
	}
	for h := range people(nc) {
		p.SAdd(ctx, s.userCasesKey(h), nc.Ref)
	}
	s.xadd(ctx, p, nc.Ref, e)
	p.Del(ctx, s.intentKey(nc.Ref))
}

// fillCase sets the defaults of a new case.
func (s *Store) fillCase(c *Case) {
	if c.Status == "" {
		c.Status = StatusOpen
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.now()
	}
	c.Version = 1
}

// people returns the handles indexed for a case: lead, delegates, members.
func people(c *Case) map[string]bool {
	out := make(map[string]bool, len(c.Members)+len(c.Delegates)+1)
	if c.Lead != "" {
		out[c.Lead] = true
	}
	for _, d := range c.Delegates {
		out[d] = true
	}
	for h := range c.Members {
		out[h] = true
	}
	return out
}

// Case returns the case with reference ref, or ErrNotFound.
func (s *Store) Case(ctx context.Context, ref string) (*Case, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	c, err := getCase(ctx, s.rdb, s.caseKey(ref, "case"))
	if err != nil {
		return nil, fmt.Errorf("state: case %s: %w", ref, err)
	}
	return c, nil
}

// getCase reads and decodes one case document with any reader.
func getCase(ctx context.Context, r redis.Cmdable, key string) (*Case, error) {
	raw, err := r.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, wrap("read", err)
	}
	var c Case
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("decode case: %w", err)
	}
	return &c, nil
}

// CaseByChannel returns the case whose channel has the given id.
func (s *Store) CaseByChannel(ctx context.Context, channel string) (*Case, error) {
	ref, err := s.getBatched(ctx, s.channelKey(channel)).Result() // every reply's send gate asks
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("state: case of channel: %w", ErrNotFound)
	}
	if err != nil {
		return nil, wrap("case of channel", err)
	}
	return s.Case(ctx, ref)
}

// CasesOf returns the cases where handle is lead, delegate or member, open
// and closed, ordered by reference.
func (s *Store) CasesOf(ctx context.Context, handle string) ([]*Case, error) {
	refs, err := s.rdb.SMembers(ctx, s.userCasesKey(handle)).Result()
	if err != nil {
		return nil, wrap("cases of person", err)
	}
	if len(refs) == 0 {
		return nil, nil
	}
	sort.Strings(refs)
	keys := make([]string, len(refs))
	for i, r := range refs {
		keys[i] = s.caseKey(r, "case")
	}
	vals, err := s.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, wrap("cases of person", err)
	}
	out := make([]*Case, 0, len(vals))
	for _, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(str), &c); err != nil {
			return nil, fmt.Errorf("state: decode case: %w", err)
		}
		out = append(out, &c)
	}
	return out, nil
}

// NewID returns a new global short id of the given kind: "E" → "E12".
// Tasks and requests take per-case ids from Tx.NewID instead.
// Numbers only grow; gaps are fine.
func (s *Store) NewID(ctx context.Context, kind string) (string, error) {
	if kind == "" || strings.ContainsAny(kind, ": \t\r\n{}") {
		return "", fmt.Errorf("%w: id kind %q", ErrInvalid, kind)
	}
	n, err := s.rdb.Incr(ctx, s.Key("seq", kind)).Result()
	if err != nil {
		return "", wrap("new id", err)
	}
	return kind + strconv.FormatInt(n, 10), nil
}
