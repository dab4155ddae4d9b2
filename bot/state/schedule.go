package state

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

func (s *Store) dueKey() string            { return s.Key("sched", "due") }
func (s *Store) itemsKey() string          { return s.Key("sched", "items") }
func (s *Store) leaseKey() string          { return s.Key("sched", "lease") }
func (s *Store) deadKey() string           { return s.Key("sched", "dead") }
func (s *Store) claimKey(id string) string { return s.Key("sched", "claim", id) }

// queueSchedule queues the commands that (re)place it, dropping any claim.
func (s *Store) queueSchedule(ctx context.Context, p redis.Pipeliner, it Item) {
	raw, _ := json.Marshal(&it) // Item always encodes
	p.HSet(ctx, s.itemsKey(), it.ID, raw)
	p.ZAdd(ctx, s.dueKey(), redis.Z{Score: float64(ms(it.Due)), Member: it.ID})
	p.ZRem(ctx, s.leaseKey(), it.ID)
	p.Del(ctx, s.claimKey(it.ID))
}

// queueUnschedule queues the commands that remove item id and any claim.
func (s *Store) queueUnschedule(ctx context.Context, p redis.Pipeliner, id string) {
	p.HDel(ctx, s.itemsKey(), id)
	p.ZRem(ctx, s.dueKey(), id)
	p.ZRem(ctx, s.leaseKey(), id)
	p.Del(ctx, s.claimKey(id))
}

// Schedule adds it to the schedule, replacing an item with the same ID; a
// claim on the old item is lost (its Complete returns false).
func (s *Store) Schedule(ctx context.Context, it Item) error {
	if it.ID == "" {
		return fmt.Errorf("%w: schedule item without id", ErrInvalid)
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s.queueSchedule(ctx, p, it)
		return nil
	})
	return wrap("schedule "+it.ID, err)
}

// ScheduleMany schedules several items in one MULTI/EXEC, as Schedule does
// for one.
func (s *Store) ScheduleMany(ctx context.Context, items []Item) error {
	for _, it := range items {
		if it.ID == "" {
			return fmt.Errorf("%w: schedule item without id", ErrInvalid)
		}
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, it := range items {
			s.queueSchedule(ctx, p, it)
		}
		return nil
	})
	return wrap("schedule", err)
}

// Unschedule removes item id; absent is not an error.
func (s *Store) Unschedule(ctx context.Context, id string) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s.queueUnschedule(ctx, p, id)
		return nil
	})
	return wrap("unschedule "+id, err)
}

// Scheduled returns item id as scheduled (claimed or not), or ErrNotFound.
func (s *Store) Scheduled(ctx context.Context, id string) (*Item, error) {
	raw, err := s.rdb.HGet(ctx, s.itemsKey(), id).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("state: scheduled %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, wrap("scheduled "+id, err)
	}
	var it Item
	if err := json.Unmarshal(raw, &it); err != nil {
		return nil, fmt.Errorf("state: decode item %s: %w", id, err)
	}
	return &it, nil
}

// expiredScan bounds how many expired leases one ClaimDue re-queues.
const expiredScan = 256

// ClaimDue atomically (one Lua script) re-queues items whose lease expired
// by now, then claims up to max items due by now for lease: each claim is
// fenced by a fresh token, so exactly one worker holds an item at a time.
// The candidates are read first, so the script can declare every key it
// touches (Redis Cluster); the script re-checks each one.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, lease time.Duration, max int) ([]Claim, error) {
	if max <= 0 {
		max = 1
	}
	ids, err := s.claimCandidates(ctx, now, max)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	until := now.Add(lease)
	keys := []string{s.dueKey(), s.itemsKey(), s.leaseKey()}
	args := []any{ms(now), ms(until), max, newToken()}
	for _, id := range ids {
		keys = append(keys, s.claimKey(id))
		args = append(args, id)
	}
	res, err := claimScript.Run(ctx, s.rdb, keys, args...).StringSlice()
	if err != nil {
		return nil, wrap("claim due", err)
	}
	out := make([]Claim, 0, len(res)/2)
	for i := 0; i+1 < len(res); i += 2 {
		c := Claim{Token: res[i], Until: until}
		if err := json.Unmarshal([]byte(res[i+1]), &c.Item); err != nil {
			return nil, fmt.Errorf("state: decode claimed item: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// claimCandidates reads the ids due by now (up to max, earliest first)
// followed by those whose lease expired by now, without duplicates.
func (s *Store) claimCandidates(ctx context.Context, now time.Time, max int) ([]string, error) {
	by := &redis.ZRangeBy{Min: "-inf", Max: strconv.FormatInt(ms(now), 10), Count: int64(max)}
	exp := &redis.ZRangeBy{Min: "-inf", Max: by.Max, Count: expiredScan}
	var due, lost *redis.StringSliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		due = p.ZRangeByScore(ctx, s.dueKey(), by)
		lost = p.ZRangeByScore(ctx, s.leaseKey(), exp)
		return nil
	})
	if err != nil {
		return nil, wrap("claim due", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, id := range append(due.Val(), lost.Val()...) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// newToken returns a random fencing token base.
func newToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// Complete removes the claimed item for good. It returns false when the
// claim was no longer held (lease expired and re-claimed, or the item was
// rescheduled, unscheduled or already completed): then nothing changes.
func (s *Store) Complete(ctx context.Context, c Claim) (bool, error) {
	return s.finish(ctx, c, "complete", "", "", 0)
}

// Retry puts the claimed item back on the schedule at at with Attempt+1.
// It returns ErrLeaseLost when the claim was no longer held.
func (s *Store) Retry(ctx context.Context, c Claim, at time.Time) error {
	it := c.Item
	it.Attempt++
	it.Due = at
	raw, err := json.Marshal(&it)
	if err != nil {
		return fmt.Errorf("state: encode item %s: %w", it.ID, err)
	}
	ok, err := s.finish(ctx, c, "retry", "retry", string(raw), ms(at))
	if err == nil && !ok {
		err = fmt.Errorf("state: retry %s: %w", c.ID, ErrLeaseLost)
	}
	return err
}

// DeadLetter moves the claimed item to the dead-letter list with a short
// reason (never personal text). It returns false when the claim was no
// longer held.
func (s *Store) DeadLetter(ctx context.Context, c Claim, reason string) (bool, error) {
	raw, err := json.Marshal(DeadItem{Item: c.Item, Error: reason, At: s.now()})
	if err != nil {
		return false, fmt.Errorf("state: encode dead item %s: %w", c.ID, err)
	}
	return s.finish(ctx, c, "dead letter", "dead", string(raw), 0)
}

// finish runs finishScript for claim c.
func (s *Store) finish(ctx context.Context, c Claim, op, mode, data string, due int64) (bool, error) {
	keys := []string{s.dueKey(), s.itemsKey(), s.leaseKey(), s.claimKey(c.ID), s.deadKey()}
	n, err := finishScript.Run(ctx, s.rdb, keys, c.ID, c.Token, mode, data, due).Int()
	if err != nil {
		return false, wrap(op+" "+c.ID, err)
	}
	return n == 1, nil
}

// CompleteWith completes claim c and runs the commands fn queues in the
// same MULTI/EXEC, fenced by the claim token (WATCH on the claim key): it
// returns false, writing nothing, when the claim is no longer held. Use it
// to record a scheduled item's effect exactly once outside a case Update.
// A Claim without a Token (not from ClaimDue) is never held.
func (s *Store) CompleteWith(ctx context.Context, c Claim, fn func(ctx context.Context, p redis.Pipeliner)) (bool, error) {
	key := s.claimKey(c.ID)
	err := s.rdb.Watch(ctx, func(rtx *redis.Tx) error {
		tok, err := rtx.Get(ctx, key).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		if c.Token == "" || tok != c.Token {
			return ErrLeaseLost
		}
		mark, err := s.eventGuard(ctx, rtx)
		if err != nil {
			return err
		}
		_, err = rtx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			fn(ctx, p)
			s.queueUnschedule(ctx, p, c.ID)
			mark(p)
			return nil
		})
		return err
	}, s.watchKeys(ctx, key)...)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrDone):
		return false, fmt.Errorf("state: complete %s: %w", c.ID, ErrDone)
	case errors.Is(err, ErrLeaseLost), errors.Is(err, redis.TxFailedErr):
		return false, nil
	}
	return false, wrap("complete "+c.ID, err)
}

// Dead returns up to n dead letters, newest first.
func (s *Store) Dead(ctx context.Context, n int) ([]DeadItem, error) {
	vals, err := s.rdb.LRange(ctx, s.deadKey(), 0, int64(n)-1).Result()
	if err != nil {
		return nil, wrap("dead letters", err)
	}
	out := make([]DeadItem, 0, len(vals))
	for _, v := range vals {
		var d DeadItem
		if err := json.Unmarshal([]byte(v), &d); err != nil {
			return nil, fmt.Errorf("state: decode dead letter: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}
