package state

import (
	"context"
	"errors"
	"slices"

	"github.com/redis/go-redis/v9"
)

// resolveScript gives status ARGV[1] and closedAt ARGV[2] (unix ms) to every
// ping whose record is KEYS[2i-1] that is still waiting or escalated, and
// takes it (id ARGV[2+i]) off its person's waiting list KEYS[2i]. Every key
// it touches is declared; it runs inside the case Update's MULTI, so it
// re-checks each status atomically with the change that ends the chains.
var resolveScript = `
local status, at = ARGV[1], ARGV[2]
local n = 0
for i = 1, #KEYS, 2 do
  local st = redis.call('HGET', KEYS[i], 'status')
  if st == 'open' or st == 'snoozed' or st == 'escalated' then
    redis.call('HSET', KEYS[i], 'status', status, 'closedAt', at)
    redis.call('ZREM', KEYS[i + 1], ARGV[2 + (i + 1) / 2])
    n = n + 1
  end
end
return n
`

// resolveEscalations finds, under WATCH, the pings of the chains (and of
// every chain in the set key, when given) and stages resolveScript on
// them, with every key declared.
func (tx *Tx) resolveEscalations(status, set string, chains []string) {
	if set == "" && len(chains) == 0 {
		return
	}
	ids, to, err := tx.chainPings(set, chains)
	if err != nil {
		tx.err = err
		return
	}
	if len(ids) == 0 {
		return
	}
	s := tx.s
	keys := make([]string, 0, 2*len(ids))
	args := []any{status, msText(tx.Now())}
	for i, id := range ids {
		keys = append(keys, s.escRecordKey(id), s.escOpenKey(to[i]))
		args = append(args, id)
	}
	tx.stage(func(ctx context.Context, pl redis.Pipeliner) { pl.Eval(ctx, resolveScript, keys, args...) })
}

// chainPings returns the ids of the pings of the chains (and of those in
// set) with the person each waits for: the stored ones, watched so that a
// change before the commit retries it, and those staged in this Update.
func (tx *Tx) chainPings(set string, chains []string) (ids, to []string, err error) {
	ctx, s, r := tx.ctx, tx.s, tx.rtx
	chains = slices.Clone(chains)
	if set != "" {
		if err := r.Watch(ctx, set).Err(); err != nil {
			return nil, nil, wrap("watch chains", err)
		}
		more, err := r.SMembers(ctx, set).Result()
		if err != nil {
			return nil, nil, wrap("read chains", err)
		}
		chains = append(append(chains, more...), tx.linked...)
	}
	seen := map[string]bool{}
	for _, c := range tx.escs {
		if slices.Contains(chains, c.Chain) && !seen[c.ID] {
			seen[c.ID] = true
			ids, to = append(ids, c.ID), append(to, c.To)
		}
	}
	stored, err := tx.storedPings(chains)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range stored {
		if seen[id] {
			continue
		}
		seen[id] = true
		h, err := r.HGet(ctx, s.escRecordKey(id), fTo).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, nil, wrap("read escalation "+id, err)
		}
		ids, to = append(ids, id), append(to, h)
	}
	return ids, to, nil
}

// storedPings watches the chains' sets and the records in them and
// returns the records' ids.
func (tx *Tx) storedPings(chains []string) ([]string, error) {
	ctx, s, r := tx.ctx, tx.s, tx.rtx
	var ids []string
	for _, c := range slices.Compact(slices.Sorted(slices.Values(chains))) {
		key := s.escChainKey(c)
		if err := r.Watch(ctx, key).Err(); err != nil {
			return nil, wrap("watch chain", err)
		}
		members, err := r.SMembers(ctx, key).Result()
		if err != nil {
			return nil, wrap("read chain", err)
		}
		for _, id := range members {
			if err := r.Watch(ctx, s.escRecordKey(id)).Err(); err != nil {
				return nil, wrap("watch escalation", err)
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}
