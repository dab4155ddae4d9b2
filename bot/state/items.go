package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Tasks returns the tasks of case ref ordered by id number.
func (s *Store) Tasks(ctx context.Context, ref string) ([]Task, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	all, err := s.rdb.HGetAll(ctx, s.caseKey(ref, "tasks")).Result()
	if err != nil {
		return nil, wrap("tasks "+ref, err)
	}
	return decodeAll[Task](all, func(t *Task) string { return t.ID })
}

// Requests returns the requests of case ref ordered by id number.
func (s *Store) Requests(ctx context.Context, ref string) ([]Request, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	all, err := s.rdb.HGetAll(ctx, s.caseKey(ref, "requests")).Result()
	if err != nil {
		return nil, wrap("requests "+ref, err)
	}
	return decodeAll[Request](all, func(r *Request) string { return r.ID })
}

// ItemCase returns the case reference of a global item id stored before
// per-case ids (seq.go), or of an id indexed with IndexItem. Per-case task
// and request ids are not indexed: resolve them against a case.
func (s *Store) ItemCase(ctx context.Context, id string) (string, error) {
	ref, err := s.rdb.Get(ctx, s.itemKey(id)).Result()
	if errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("state: item %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", wrap("item "+id, err)
	}
	return ref, nil
}

// OpenItemsOf returns the open tasks owned by handle and the pending
// requests sent to or by handle (check Request.To to tell them apart),
// each ordered by due time.
func (s *Store) OpenItemsOf(ctx context.Context, handle string) ([]Task, []Request, error) {
	members, err := s.rdb.SMembers(ctx, s.userItemsKey(handle)).Result()
	if err != nil || len(members) == 0 {
		return nil, nil, wrap("open items", err)
	}
	refs, ids, err := s.itemRefs(ctx, members)
	if err != nil {
		return nil, nil, err
	}
	cmds, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			p.HGet(ctx, s.caseKey(refs[i], hashOf(id)), id)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, nil, wrap("open items", err)
	}
	return decodeOpen(cmds)
}

// itemRefs splits open-item set members "REF/ID" into case refs and ids; a
// bare id (a global id from before per-case ids) is looked up in the old
// item index.
func (s *Store) itemRefs(ctx context.Context, members []string) ([]string, []string, error) {
	refs := make([]string, len(members))
	ids := make([]string, len(members))
	var legacy []string
	var at []int
	for i, m := range members {
		if ref, id, ok := strings.Cut(m, "/"); ok {
			refs[i], ids[i] = ref, id
			continue
		}
		ids[i] = m
		legacy = append(legacy, s.itemKey(m))
		at = append(at, i)
	}
	if len(legacy) == 0 {
		return refs, ids, nil
	}
	vals, err := s.rdb.MGet(ctx, legacy...).Result()
	if err != nil {
		return nil, nil, wrap("open items", err)
	}
	for j, v := range vals {
		refs[at[j]], _ = v.(string)
	}
	return refs, ids, nil
}

// hashOf names the case hash holding an item id: R… in requests, else tasks.
func hashOf(id string) string {
	if strings.HasPrefix(id, "R") {
		return "requests"
	}
	return "tasks"
}

// decodeOpen decodes the HGET answers of OpenItemsOf, skipping stale ids.
func decodeOpen(cmds []redis.Cmder) ([]Task, []Request, error) {
	var tasks []Task
	var reqs []Request
	for _, c := range cmds {
		raw, err := c.(*redis.StringCmd).Bytes()
		if err != nil {
			continue
		}
		if hashOf(c.Args()[2].(string)) == "requests" {
			var r Request
			if err := json.Unmarshal(raw, &r); err != nil {
				return nil, nil, fmt.Errorf("state: decode request: %w", err)
			}
			if r.Open() {
				reqs = append(reqs, r)
			}
			continue
		}
		var t Task
		if err := json.Unmarshal(raw, &t); err != nil {
			return nil, nil, fmt.Errorf("state: decode task: %w", err)
		}
		if t.Open() {
			tasks = append(tasks, t)
		}
	}
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].Due.Before(tasks[j].Due) })
	sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].Due.Before(reqs[j].Due) })
	return tasks, reqs, nil
}
