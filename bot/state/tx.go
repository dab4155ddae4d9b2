package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/redis/go-redis/v9"
)

// Tx is one Update in progress. Mutate Case in place; stage the rest with
// the methods below. Nothing is written until fn returns nil.
type Tx struct {
	// Case is the current case; it is saved with Version+1.
	Case *Case

	ctx   context.Context
	s     *Store
	rtx   *redis.Tx
	orig  Case
	tasks map[string]*Task    // as stored before this Update (nil: absent)
	reqs  map[string]*Request // as stored before this Update (nil: absent)
	putT  map[string]*Task
	putR  map[string]*Request
	order []string // ids in the order they were put
	logs  []Entry
	ops   []func(p redis.Pipeliner)
	seq   map[string]int64 // per-case id counters taken in this Update
	// escs are the pings PutEscalation staged, linked the chains
	// LinkEscalationChain staged (escalation_resolve.go reads them).
	escs   []*Escalation
	linked []string
	// err is a failed read of a staging method with no error result;
	// commit returns it and writes nothing.
	err error
}

func newTx(ctx context.Context, s *Store, rtx *redis.Tx, c *Case) *Tx {
	orig := *c
	orig.Members = make(map[string]Member, len(c.Members))
	for k, v := range c.Members {
		orig.Members[k] = v
	}
	orig.Delegates = append([]string(nil), c.Delegates...)
	return &Tx{Case: c, ctx: ctx, s: s, rtx: rtx, orig: orig,
		tasks: map[string]*Task{}, reqs: map[string]*Request{},
		putT: map[string]*Task{}, putR: map[string]*Request{}}
}

// Now returns the store's clock reading.
func (tx *Tx) Now() time.Time { return tx.s.now() }

// Task returns a copy of task id of this case (as staged, if PutTask was
// called), or ErrNotFound.
func (tx *Tx) Task(id string) (*Task, error) {
	if t, ok := tx.putT[id]; ok {
		c := *t
		return &c, nil
	}
	t, err := tx.storedTask(id)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, fmt.Errorf("state: task %s: %w", id, ErrNotFound)
	}
	c := *t
	return &c, nil
}

func (tx *Tx) storedTask(id string) (*Task, error) {
	if t, ok := tx.tasks[id]; ok {
		return t, nil
	}
	var t *Task
	err := tx.hget("tasks", id, &t)
	if err != nil {
		return nil, err
	}
	tx.tasks[id] = t
	return t, nil
}

// hget decodes field id of the case hash part into *dst, leaving it nil
// when absent.
func (tx *Tx) hget(part, id string, dst any) error {
	raw, err := tx.rtx.HGet(tx.ctx, tx.s.caseKey(tx.Case.Ref, part), id).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return wrap("read "+part, err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("state: decode %s %s: %w", part, id, err)
	}
	return nil
}

// PutTask stages t (new or changed). Case is set to this case, Status
// defaults to open and CreatedAt to Now.
func (tx *Tx) PutTask(t *Task) {
	c := *t
	c.Case = tx.Case.Ref
	if c.Status == "" {
		c.Status = TaskOpen
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = tx.s.now()
	}
	if _, ok := tx.putT[c.ID]; !ok {
		tx.order = append(tx.order, c.ID)
	}
	tx.putT[c.ID] = &c
}

// Tasks returns the tasks of this case as they will be after commit,
// ordered by id number.
func (tx *Tx) Tasks() ([]Task, error) {
	all, err := tx.rtx.HGetAll(tx.ctx, tx.s.caseKey(tx.Case.Ref, "tasks")).Result()
	if err != nil {
		return nil, wrap("read tasks", err)
	}
	out, err := decodeAll[Task](all, func(t *Task) string { return t.ID })
	if err != nil {
		return nil, err
	}
	return mergeStaged(out, tx.putT, func(t *Task) string { return t.ID }), nil
}

// Request returns a copy of request id of this case (as staged, if
// PutRequest was called), or ErrNotFound.
func (tx *Tx) Request(id string) (*Request, error) {
	if r, ok := tx.putR[id]; ok {
		c := *r
		return &c, nil
	}
	r, err := tx.storedRequest(id)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("state: request %s: %w", id, ErrNotFound)
	}
	c := *r
	return &c, nil
}

func (tx *Tx) storedRequest(id string) (*Request, error) {
	if r, ok := tx.reqs[id]; ok {
		return r, nil
	}
	var r *Request
	if err := tx.hget("requests", id, &r); err != nil {
		return nil, err
	}
	tx.reqs[id] = r
	return r, nil
}

// PutRequest stages r (new or changed). Case is set to this case, Status
// defaults to pending and CreatedAt to Now.
func (tx *Tx) PutRequest(r *Request) {
	c := *r
	c.Case = tx.Case.Ref
	if c.Status == "" {
		c.Status = RequestPending
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = tx.s.now()
	}
	if _, ok := tx.putR[c.ID]; !ok {
		tx.order = append(tx.order, c.ID)
	}
	tx.putR[c.ID] = &c
}

// Requests returns the requests of this case as they will be after commit,
// ordered by id number.
func (tx *Tx) Requests() ([]Request, error) {
	all, err := tx.rtx.HGetAll(tx.ctx, tx.s.caseKey(tx.Case.Ref, "requests")).Result()
	if err != nil {
		return nil, wrap("read requests", err)
	}
	out, err := decodeAll[Request](all, func(r *Request) string { return r.ID })
	if err != nil {
		return nil, err
	}
	return mergeStaged(out, tx.putR, func(r *Request) string { return r.ID }), nil
}

// Log stages a timeline entry; At defaults to Now.
func (tx *Tx) Log(e Entry) {
	if e.At.IsZero() {
		e.At = tx.s.now()
	}
	tx.logs = append(tx.logs, e)
}

// Schedule stages it in the scheduler, replacing an item with the same ID
// (and dropping any claim on it).
func (tx *Tx) Schedule(it Item) {
	tx.ops = append(tx.ops, func(p redis.Pipeliner) { tx.s.queueSchedule(tx.ctx, p, it) })
}

// Unschedule stages the removal of item id from the scheduler.
func (tx *Tx) Unschedule(id string) {
	tx.ops = append(tx.ops, func(p redis.Pipeliner) { tx.s.queueUnschedule(tx.ctx, p, id) })
}

// IndexItem stages the global index id → this case, for item kinds the
// store does not know (escalations "E3"); tasks and requests are indexed
// automatically.
func (tx *Tx) IndexItem(id string) {
	ref := tx.Case.Ref
	tx.ops = append(tx.ops, func(p redis.Pipeliner) { p.Set(tx.ctx, tx.s.itemKey(id), ref, 0) })
}

// SetChannel sets the case channel; the channel index follows on commit.
func (tx *Tx) SetChannel(id, name string) {
	tx.Case.Channel = id
	tx.Case.ChannelName = name
}

// stage adds raw commands (for example on escalation keys) to the same
// MULTI/EXEC. Use it for adapter or escalation keys that must change with
// the case.
func (tx *Tx) stage(fn func(ctx context.Context, p redis.Pipeliner)) {
	tx.ops = append(tx.ops, func(p redis.Pipeliner) { fn(tx.ctx, p) })
}

// Complete finishes the scheduler claim c in the same MULTI/EXEC as the rest
// of this Update, fenced by its token: it returns ErrLeaseLost (and fn
// should return it, so nothing is written) when the claim is no longer held.
// Use it for exactly-once state changes from a scheduled handler. A Claim
// without a Token (not from ClaimDue) is never held.
func (tx *Tx) Complete(c Claim) error {
	key := tx.s.claimKey(c.ID)
	if err := tx.rtx.Watch(tx.ctx, key).Err(); err != nil {
		return wrap("watch claim", err)
	}
	tok, err := tx.rtx.Get(tx.ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return wrap("read claim", err)
	}
	if c.Token == "" || tok != c.Token {
		return fmt.Errorf("state: complete %s: %w", c.ID, ErrLeaseLost)
	}
	tx.ops = append(tx.ops, func(p redis.Pipeliner) { tx.s.queueUnschedule(tx.ctx, p, c.ID) })
	return nil
}

// decodeAll decodes the JSON values of a hash, sorted by id.
func decodeAll[T any](all map[string]string, id func(*T) string) ([]T, error) {
	out := make([]T, 0, len(all))
	for k, v := range all {
		var x T
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			return nil, fmt.Errorf("state: decode %s: %w", k, err)
		}
		out = append(out, x)
	}
	sortByID(out, id)
	return out, nil
}

// mergeStaged replaces or adds staged values in a sorted list.
func mergeStaged[T any](list []T, staged map[string]*T, id func(*T) string) []T {
	if len(staged) == 0 {
		return list
	}
	seen := map[string]bool{}
	for i := range list {
		if s, ok := staged[id(&list[i])]; ok {
			list[i] = *s
			seen[id(s)] = true
		}
	}
	for k, s := range staged {
		if !seen[k] {
			list = append(list, *s)
		}
	}
	sortByID(list, id)
	return list
}

// sortByID orders ids like T2 < T10 (by length, then lexically).
func sortByID[T any](list []T, id func(*T) string) {
	sort.Slice(list, func(i, j int) bool {
		a, b := id(&list[i]), id(&list[j])
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	})
}
