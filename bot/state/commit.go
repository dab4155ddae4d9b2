package state

import (
	"encoding/json"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// commit writes everything staged in one MULTI/EXEC, indexes included.
func (tx *Tx) commit() error {
	if tx.err != nil {
		return tx.err
	}
	if err := tx.loadPrevious(); err != nil {
		return err
	}
	next := *tx.Case
	next.Version++
	doc, err := json.Marshal(&next)
	if err != nil {
		return fmt.Errorf("state: encode case: %w", err)
	}
	blobs, err := tx.encodeItems()
	if err != nil {
		return err
	}
	_, err = tx.rtx.TxPipelined(tx.ctx, func(p redis.Pipeliner) error {
		p.Set(tx.ctx, tx.s.caseKey(next.Ref, "case"), doc, 0)
		tx.queueCaseIndexes(p, &next)
		tx.queueItems(p, blobs)
		for _, e := range tx.logs {
			tx.s.xadd(tx.ctx, p, next.Ref, e)
		}
		for _, op := range tx.ops {
			op(p)
		}
		return nil
	})
	if err = tx.s.settle(tx.ctx, tx.s.caseKey(next.Ref, "case"), doc, err); err != nil {
		return err
	}
	tx.Case.Version = next.Version
	return nil
}

// loadPrevious reads, under WATCH, the stored version of every item put, so
// the person indexes can be corrected.
func (tx *Tx) loadPrevious() error {
	for id := range tx.putT {
		if _, err := tx.storedTask(id); err != nil {
			return err
		}
	}
	for id := range tx.putR {
		if _, err := tx.storedRequest(id); err != nil {
			return err
		}
	}
	return nil
}

// encodeItems marshals the staged tasks and requests by id.
func (tx *Tx) encodeItems() (map[string][]byte, error) {
	out := make(map[string][]byte, len(tx.order))
	for _, id := range tx.order {
		var v any = tx.putT[id]
		if r, ok := tx.putR[id]; ok {
			v = r
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("state: encode %s: %w", id, err)
		}
		out[id] = raw
	}
	return out, nil
}

// queueCaseIndexes updates the channel and person indexes for changes
// between the loaded case and next.
func (tx *Tx) queueCaseIndexes(p redis.Pipeliner, next *Case) {
	ctx, s := tx.ctx, tx.s
	if tx.orig.Channel != next.Channel {
		if tx.orig.Channel != "" {
			p.Del(ctx, s.channelKey(tx.orig.Channel))
		}
		if next.Channel != "" {
			p.Set(ctx, s.channelKey(next.Channel), next.Ref, 0)
		}
	}
	before, after := people(&tx.orig), people(next)
	for h := range before {
		if !after[h] {
			p.SRem(ctx, s.userCasesKey(h), next.Ref)
		}
	}
	for h := range after {
		if !before[h] {
			p.SAdd(ctx, s.userCasesKey(h), next.Ref)
		}
	}
}

// queueItems writes staged tasks and requests with their item and person
// indexes.
func (tx *Tx) queueItems(p redis.Pipeliner, blobs map[string][]byte) {
	ref := tx.Case.Ref
	for _, id := range tx.order {
		if t, ok := tx.putT[id]; ok {
			p.HSet(tx.ctx, tx.s.caseKey(ref, "tasks"), id, blobs[id])
			tx.queuePeople(p, id, taskPeople(tx.tasks[id]), taskPeople(t))
			continue
		}
		p.HSet(tx.ctx, tx.s.caseKey(ref, "requests"), id, blobs[id])
		tx.queuePeople(p, id, requestPeople(tx.reqs[id]), requestPeople(tx.putR[id]))
	}
}

// queuePeople moves item id between the open-item sets of people.
func (tx *Tx) queuePeople(p redis.Pipeliner, id string, before, after []string) {
	keep := map[string]bool{}
	for _, h := range after {
		keep[h] = true
		p.SAdd(tx.ctx, tx.s.userItemsKey(h), itemMember(tx.Case.Ref, id))
	}
	for _, h := range before {
		if !keep[h] {
			// the bare id is a global id stored before per-case ids (seq.go)
			p.SRem(tx.ctx, tx.s.userItemsKey(h), itemMember(tx.Case.Ref, id), id)
		}
	}
}

// taskPeople is who has task t open: its owner while it is open.
func taskPeople(t *Task) []string {
	if t == nil || !t.Open() || t.Owner == "" {
		return nil
	}
	return []string{t.Owner}
}

// requestPeople is who has request r open: recipient and requester while it
// is pending.
func requestPeople(r *Request) []string {
	if r == nil || !r.Open() {
		return nil
	}
	var out []string
	for _, h := range []string{r.To, r.From} {
		if h != "" {
			out = append(out, h)
		}
	}
	return out
}
