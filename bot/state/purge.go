package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// purgeSet is every key and index entry of one case, gathered before the
// purge transaction.
type purgeSet struct {
	keys    []string            // deleted outright
	items   []string            // task, request and ping ids (idx:item, idx:user:*:items)
	handles map[string]bool     // people whose indexes mention the case
	open    map[string][]string // handle → ping ids in jw:esc:open:<handle>
	sched   []string            // schedule item ids of the case
}

// PurgeCase removes every key of case ref — the case document, tasks,
// requests, timeline, its channel, item and people indexes, escalation
// pings, schedule items, open dialogs and the platform records of its
// channel — in one transaction, and leaves tombstone (Action purge, Ref,
// Closed, At, By, Reason) on the audit stream. It returns ErrNotFound for
// an unknown case.
func (s *Store) PurgeCase(ctx context.Context, ref string, tomb AuditEntry) (AuditEntry, error) {
	c, err := s.Case(ctx, ref)
	if err != nil {
		return AuditEntry{}, err
	}
	ps, err := s.gatherPurge(ctx, c)
	if err != nil {
		return AuditEntry{}, wrap("purge "+ref, err)
	}
	tomb.Action, tomb.Ref, tomb.Closed = AuditPurge, c.Ref, c.ClosedAt
	if tomb.At.IsZero() {
		tomb.At = s.now()
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if len(ps.keys) > 0 {
			p.Del(ctx, ps.keys...)
		}
		for h := range ps.handles {
			p.SRem(ctx, s.userCasesKey(h), c.Ref)
			if len(ps.items) > 0 {
				p.SRem(ctx, s.userItemsKey(h), toAny(ps.members(c.Ref))...)
			}
		}
		for h, ids := range ps.open {
			p.ZRem(ctx, s.escOpenKey(h), toAny(ids)...)
		}
		for _, id := range ps.sched {
			s.queueUnschedule(ctx, p, id)
		}
		s.queueAudit(ctx, p, tomb)
		return nil
	})
	return tomb, wrap("purge "+ref, err)
}

func (s *Store) gatherPurge(ctx context.Context, c *Case) (*purgeSet, error) {
	ps := &purgeSet{handles: people(c), open: map[string][]string{}}
	ps.keys = []string{s.caseKey(c.Ref, "case"), s.caseKey(c.Ref, "tasks"), s.caseKey(c.Ref, "requests"),
		s.caseKey(c.Ref, "timeline"), s.caseKey(c.Ref, "seq:T"), s.caseKey(c.Ref, "seq:R"), s.escCaseKey(c.Ref)}
	if c.Channel != "" {
		ps.keys = append(ps.keys, s.channelKey(c.Channel), s.Key("teams", "chan", c.Channel),
			s.Key("teams", "convref", "conv", c.Channel))
	}
	if err := s.gatherItems(ctx, c.Ref, ps); err != nil {
		return nil, err
	}
	if err := s.gatherPings(ctx, c.Ref, ps); err != nil {
		return nil, err
	}
	if err := s.gatherSchedule(ctx, c.Ref, ps); err != nil {
		return nil, err
	}
	dialogs, err := s.caseDialogs(ctx, c)
	if err != nil {
		return nil, err
	}
	ps.keys = append(ps.keys, dialogs...)
	for _, id := range ps.items {
		ps.keys = append(ps.keys, s.itemKey(id))
	}
	return ps, nil
}

// members are the open-item set members of the purged items: "REF/ID"
// (per-case ids) and the bare ids older data holds.
func (ps *purgeSet) members(ref string) []string {
	out := make([]string, 0, 2*len(ps.items))
	for _, id := range ps.items {
		out = append(out, itemMember(ref, id), id)
	}
	return out
}

// gatherItems adds the case's tasks and requests and the people they name.
func (s *Store) gatherItems(ctx context.Context, ref string, ps *purgeSet) error {
	tasks, err := s.Tasks(ctx, ref)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		ps.items = append(ps.items, t.ID)
		ps.addHandles(t.Owner, t.CreatedBy)
	}
	reqs, err := s.Requests(ctx, ref)
	if err != nil {
		return err
	}
	for _, r := range reqs {
		ps.items = append(ps.items, r.ID)
		ps.addHandles(r.From, r.To, r.AnsweredBy)
	}
	return nil
}

// gatherPings adds the case's escalation chains and pings.
func (s *Store) gatherPings(ctx context.Context, ref string, ps *purgeSet) error {
	chains, err := s.rdb.SMembers(ctx, s.escCaseKey(ref)).Result()
	if err != nil {
		return err
	}
	for _, ch := range chains {
		ids, err := s.rdb.SMembers(ctx, s.escChainKey(ch)).Result()
		if err != nil {
			return err
		}
		ps.keys = append(ps.keys, s.escChainKey(ch))
		for _, id := range ids {
			to, err := s.rdb.HGet(ctx, s.escRecordKey(id), fTo).Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			ps.keys = append(ps.keys, s.escRecordKey(id))
			ps.items = append(ps.items, id)
			if to != "" {
				ps.open[to] = append(ps.open[to], id)
				ps.addHandles(to)
			}
		}
	}
	return nil
}

// gatherSchedule adds the schedule items that belong to the case.
func (s *Store) gatherSchedule(ctx context.Context, ref string, ps *purgeSet) error {
	all, err := s.rdb.HGetAll(ctx, s.itemsKey()).Result()
	if err != nil {
		return err
	}
	for id, raw := range all {
		var it Item
		if json.Unmarshal([]byte(raw), &it) == nil && it.Case == ref {
			ps.sched = append(ps.sched, id)
		}
	}
	return nil
}

// caseDialogs are the open dialogs about the case or in its channel.
func (s *Store) caseDialogs(ctx context.Context, c *Case) ([]string, error) {
	var out []string
	iter := s.rdb.Scan(ctx, 0, s.Key("dialog", "*"), 500).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		if c.Channel != "" && strings.HasSuffix(key, ":"+c.Channel) {
			out = append(out, key)
			continue
		}
		raw, err := s.rdb.Get(ctx, key).Bytes()
		var d Dialog
		if err == nil && json.Unmarshal(raw, &d) == nil && d.Case == c.Ref {
			out = append(out, key)
		}
	}
	return out, iter.Err()
}

func (ps *purgeSet) addHandles(hs ...string) {
	for _, h := range hs {
		if h != "" {
			ps.handles[h] = true
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// ClosedBefore returns the references of closed cases closed before cutoff
// (a SCAN over case documents: run it from the daily purge, not per request).
func (s *Store) ClosedBefore(ctx context.Context, cutoff time.Time) ([]string, error) {
	var out []string
	iter := s.rdb.Scan(ctx, 0, s.Key("{case:*}", "case"), 500).Iterator()
	for iter.Next(ctx) {
		c, err := getCase(ctx, s.rdb, iter.Val())
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				continue
			}
			return nil, wrap("closed cases", err)
		}
		if c.Status == StatusClosed && !c.ClosedAt.IsZero() && c.ClosedAt.Before(cutoff) {
			out = append(out, c.Ref)
		}
	}
	if err := iter.Err(); err != nil {
		return nil, wrap("closed cases", err)
	}
	return out, nil
}

// PurgeConcerns removes concerns raised before cutoff and leaves a tombstone
// per concern (its id, no content) on the audit stream.
func (s *Store) PurgeConcerns(ctx context.Context, cutoff time.Time, by, reason string) (int, error) {
	n := 0
	iter := s.rdb.Scan(ctx, 0, s.Key("concern", "*"), 500).Iterator()
	for iter.Next(ctx) {
		raw, err := s.rdb.Get(ctx, iter.Val()).Bytes()
		var c Concern
		if err != nil || json.Unmarshal(raw, &c) != nil || c.At.IsZero() || !c.At.Before(cutoff) {
			continue
		}
		_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, iter.Val())
			s.queueAudit(ctx, p, AuditEntry{Action: AuditPurgeConcern, Ref: c.ID, At: s.now(), By: by, Reason: reason})
			return nil
		})
		if err != nil {
			return n, wrap("purge concern", err)
		}
		n++
	}
	return n, wrap("purge concerns", iter.Err())
}

// Reschedule puts a claimed recurring item (the daily purge) back on the
// schedule at at, with no failed attempts. It returns ErrLeaseLost when the
// claim was no longer held.
func (s *Store) Reschedule(ctx context.Context, c Claim, at time.Time) error {
	it := c.Item
	it.Attempt, it.Due = 0, at
	raw, err := json.Marshal(&it)
	if err != nil {
		return fmt.Errorf("state: encode item %s: %w", it.ID, err)
	}
	ok, err := s.finish(ctx, c, "reschedule", "retry", string(raw), ms(at))
	if err == nil && !ok {
		err = fmt.Errorf("state: reschedule %s: %w", c.ID, ErrLeaseLost)
	}
	return err
}
